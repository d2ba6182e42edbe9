"""Public-page caching: one generation number that every cached page key includes.

Bumping it (on a publish, an update, a withdrawal) retires every cached page at once,
in every app process that shares the cache.
"""

from django.core.cache import cache

GENERATION_KEY = "newsdesk:pages:generation"


def page_generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def purge_public_pages():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
