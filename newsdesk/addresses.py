"""Addresses of records that differ only in their key, without a reverse() each.

Django's reverse() walks the URL patterns on every call: 20 to 60 µs, and a list of
stories links each story, its writers and its shows. A pattern is reversed once with
a placeholder for the key; each address then puts the key in, escaped as reverse()
escapes it. Kept per script prefix and URL configuration, which reverse() reads.
"""

import functools
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

KEY = "__key__"  # kept as it is by reverse(); no key the desk makes holds it
PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unescaped in a path


def address(viewname, key, *, current_app=None):
    """reverse(viewname, args=[key]), for a pattern whose one argument is `key`.
    Unlike reverse(), it does not hold the key to the pattern's converter: it is for
    keys the models have already checked (a slug field's, a primary key)."""
    pattern = _pattern(viewname, current_app, get_script_prefix(), get_urlconf())
    return pattern.replace(KEY, quote(str(key), safe=PATH_SAFE))


@functools.lru_cache(maxsize=256)
def _pattern(viewname, current_app, prefix, urlconf):
    return reverse(viewname, args=[KEY], current_app=current_app, urlconf=urlconf)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    # As Django empties its own URL caches when a test swaps the URL configuration.
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
