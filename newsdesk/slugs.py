"""Readable, unique ASCII slugs, from any script."""

from anyascii import anyascii
from django.utils.text import slugify


def unique_slug(instance, value, *, field="slug", max_length=None):
    """Slugify `value` (Hangul transliterated) and add -2, -3... until it is free."""
    model = type(instance)
    max_length = max_length or model._meta.get_field(field).max_length
    base = slugify(anyascii(value or ""))[:max_length].strip("-") or "untitled"
    taken = model._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 1
    while taken.filter(**{field: candidate}).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    return candidate
