"""Public pages for anonymous readers: cached in the shared cache, never a second stale.

How a cached page stays correct
- Every entry's key includes the page generation, and `purge_public_pages()` bumps it
  when a commit changes what readers see (`articles/services.py`: publish, withdraw,
  schedule, a correction or update note, a desk save of a live story;
  `images/services.py`: an image's renditions moving to new addresses, the old files
  deleted). One bump
  retires every entry at once in every process sharing the cache (Redis). The key is
  taken before the view reads the database and the bump runs after the commit, so a
  page rendered from the old data can only be stored under the old generation.
- A scheduled story goes live by the clock alone (`Article.objects.live()`): no write,
  no bump. So each entry is stored with the next scheduled publication time as it was
  when the page was rendered, and is not served from that instant on; the browsers'
  max-age is cut to it as well. That time costs one indexed query per generation
  (scheduling bumps the generation), cached until it passes. A hit makes no query, and
  a story due at 19:00:00 is on every page from the first request at or after
  19:00:00, whether or not `publish_due` has run.
- Anything else (a drama or a person edited in the desk) ages out after
  `PUBLIC_PAGE_MAX_AGE` seconds, which is also the max-age browsers get; 0 turns
  the page cache off.

Who gets cached pages: GET and HEAD requests with no session or messages cookie, i.e.
anonymous readers. A request with a session cookie (the desk) is never served from or
stored in the cache, and its page is marked private. A response that is not a 200, is
streamed, sets a cookie or sets its own Cache-Control (the admin, previews) is left
alone.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

GENERATION_KEY = "newsdesk:pages:generation"
# Cached "no story is scheduled" (None would read as a cache miss).
NOTHING_SCHEDULED = "nothing-scheduled"


def page_generation():
    # Started from the clock, not 1: if the cache loses the number (evicted, Redis
    # restarted), it never comes back to a generation whose pages are still stored.
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def purge_public_pages():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def max_age():
    return settings.PUBLIC_PAGE_MAX_AGE


def next_publication(generation, now):
    """When the next scheduled story goes live (None if none is scheduled)."""
    key = f"newsdesk:pages:{generation}:next-publication"
    due = cache.get(key)
    if due is None or (due != NOTHING_SCHEDULED and due <= now):
        from articles.models import Article

        # Not `live()`: the stories that are about to be, which no cached page shows.
        due = Article.objects.filter(
            status=Article.Status.SCHEDULED, publish_at__gt=now
        ).aggregate(Min("publish_at"))["publish_at__min"]
        due = due or NOTHING_SCHEDULED
        cache.set(key, due, timeout=max_age())
    return None if due == NOTHING_SCHEDULED else due


@dataclass
class CachedPage:
    status: int
    headers: list
    content: bytes
    fresh_until: datetime

    def response(self, now):
        response = HttpResponse(self.content, status=self.status, headers=self.headers)
        return mark_public(response, self.fresh_until, now)


def mark_public(response, fresh_until, now):
    """Let browsers and proxies keep the page until it may change, at most max_age()."""
    seconds = math.floor((fresh_until - now).total_seconds())
    patch_cache_control(response, public=True, max_age=max(seconds, 0))
    return response


def is_anonymous(request):
    # A messages cookie means a page meant for one person (a notice after an action).
    cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    return not cookies & request.COOKIES.keys()


def is_public(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def page_key(request, generation):
    address = request.build_absolute_uri().encode("utf-8", "surrogatepass")
    return f"newsdesk:pages:{generation}:{hashlib.sha256(address).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serve anonymous readers' GETs from the cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in {"GET", "HEAD"} or max_age() <= 0:
            return self.get_response(request)
        if not is_anonymous(request):
            return self.private(self.get_response(request))
        now = timezone.now()
        generation = page_generation()
        key = page_key(request, generation)
        cached = cache.get(key)
        if cached is not None and now < cached.fresh_until:
            return cached.response(now)
        fresh_until = self.fresh_until(generation, now)
        response = self.get_response(request)
        if is_public(response):
            self.store(request, response, key, fresh_until, now)
        return response

    def fresh_until(self, generation, now):
        limit = now + timedelta(seconds=max_age())
        due = next_publication(generation, now)
        return min(due, limit) if due else limit

    def store(self, request, response, key, fresh_until, now):
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)
        page = CachedPage(
            response.status_code, list(response.items()), response.content, fresh_until
        )
        if request.method == "GET":
            timeout = math.ceil((fresh_until - now).total_seconds())
            cache.set(key, page, timeout=max(timeout, 1))
        mark_public(response, fresh_until, now)

    def private(self, response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response
