"""Readable, unique ASCII slugs, from any script."""

from anyascii import anyascii
from django.utils.text import slugify


def unique_slug(instance, value, *, field="slug", max_length=None):
    """Slugify `value` (Hangul transliterated) and add -2, -3... until it is free."""
    model = type(instance)
    max_length = max_length or model._meta.get_field(field).max_length
    base = _base(value, max_length)
    taken = model._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 1
    while taken.filter(**{field: candidate}).exists():
        n += 1
        candidate = _numbered(base, n, max_length)
    return candidate


def made_from(slug, value, *, max_length):
    """Whether `slug` is one unique_slug() makes of `value`, not one somebody wrote."""
    base = _base(value, max_length)
    if slug == base:
        return True
    n = slug.rpartition("-")[2]
    return n.isdigit() and int(n) > 1 and slug == _numbered(base, int(n), max_length)


def _base(value, max_length):
    return slugify(anyascii(value or ""))[:max_length].strip("-") or "untitled"


def _numbered(base, n, max_length):
    suffix = f"-{n}"
    return base[: max_length - len(suffix)].strip("-") + suffix
