import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import previews, services
from articles.models import Article
from newsdesk.caching import GENERATION_KEY, page_generation, purge_public_pages
from tests.factories import make_article, make_drama, make_person

S = Article.Status
ROOT = Path(__file__).resolve().parent.parent
SECOND = datetime.timedelta(seconds=1)
GO_LIVE = datetime.datetime(2025, 1, 4, 10, 0, tzinfo=datetime.UTC)


def live(**overrides):
    past = timezone.now() - datetime.timedelta(hours=1)
    return make_article(**{"status": S.PUBLISHED, "publish_at": past, **overrides})


@pytest.fixture
def public_urls(db):
    story, drama, person = live(), make_drama(), make_person()
    story.dramas.add(drama)
    return [
        reverse("articles:list"),
        story.get_absolute_url(),
        drama.get_absolute_url(),
        person.get_absolute_url(),
        reverse("search") + "?q=story",
        reverse("feeds:stories"),
        reverse("feeds:drama_atom", args=[drama.slug]),
        reverse("sitemap"),
        reverse("news_sitemap"),
        "/robots.txt",
    ]


def test_anonymous_pages_set_no_cookie_and_are_publicly_cacheable(
    client, public_urls, settings
):
    settings.PUBLIC_PAGE_MAX_AGE = 45
    for url in public_urls:
        response = client.get(url)

        assert response.status_code == 200, url
        assert not response.cookies, url
        assert response["Cache-Control"] == "public, max-age=45", url
        assert response["ETag"], url
        assert "Cookie" in response["Vary"], url


def test_matching_etag_gets_a_304_from_the_page_and_from_the_cache(client, public_urls):
    for url in public_urls:
        etag = client.get(url)["ETag"]

        fresh = client.get(url, headers={"if-none-match": etag})
        other = client.get(url, headers={"if-none-match": '"something-else"'})

        assert (fresh.status_code, fresh.content) == (304, b""), url
        assert other.status_code == 200, url


def test_cached_page_is_served_without_a_query(
    client, public_urls, django_assert_num_queries
):
    for url in public_urls:
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)

        assert again.content == first.content, url
        assert again["ETag"] == first["ETag"], url


@pytest.mark.django_db
def test_publish_shows_on_the_next_anonymous_request(
    client, editor, django_capture_on_commit_callbacks
):
    story = make_article(headline="Casting confirmed", status=S.IN_REVIEW)
    assert "Casting confirmed" not in client.get(reverse("articles:list")).text

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(story, by=editor)

    assert "Casting confirmed" in client.get(reverse("articles:list")).text


@pytest.mark.django_db
def test_withdrawal_shows_on_the_next_anonymous_request(
    client, editor, django_capture_on_commit_callbacks
):
    story = live(headline="Premature report")
    assert client.get(story.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(story, by=editor, note="The casting was not confirmed.")

    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Premature report" not in client.get(reverse("feeds:stories")).text


@pytest.mark.django_db
def test_scheduled_story_shows_on_a_cached_page_from_its_second(client, editor):
    story = make_article(headline="Teaser drops", status=S.IN_REVIEW)
    with time_machine.travel(GO_LIVE - datetime.timedelta(days=1), tick=False):
        services.schedule(story, by=editor, publish_at=GO_LIVE)
    listing = reverse("articles:list")

    with time_machine.travel(GO_LIVE - 2 * SECOND, tick=False):
        before = client.get(listing)
    with time_machine.travel(GO_LIVE - SECOND / 10, tick=False):
        cached = client.get(listing)
    with time_machine.travel(GO_LIVE, tick=False):
        due = client.get(listing)

    assert "Teaser drops" not in before.text
    assert cached.content == before.content
    assert int(before["Cache-Control"].split("max-age=")[1]) <= 2
    assert "Teaser drops" in due.text


@pytest.mark.django_db
def test_staff_never_get_the_cached_page_and_never_fill_it(superuser_client):
    drama, reader = make_drama(), Client()
    anonymous = reader.get(drama.get_absolute_url())

    staff = superuser_client.get(drama.get_absolute_url())
    again = reader.get(drama.get_absolute_url())

    assert "public" in anonymous["Cache-Control"]
    assert "private" in staff["Cache-Control"]
    assert staff.context is not None
    assert again.context is None
    assert again.content == anonymous.content


@pytest.mark.django_db
def test_preview_pages_stay_private_and_uncached(client, editor):
    story = make_article(status=S.IN_REVIEW)
    link = services.create_preview_link(story, by=editor)
    url = reverse("articles:shared_preview", args=[previews.token_for(link)])

    first, second = client.get(url), client.get(url)

    assert first["Cache-Control"] == "private, no-store"
    assert second.context is not None


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "purged"), [(S.PUBLISHED, True), (S.DRAFT, False)])
def test_desk_save_purges_the_pages_only_for_a_live_story(
    status, purged, django_capture_on_commit_callbacks
):
    story = live(status=status)
    before = page_generation()

    with django_capture_on_commit_callbacks(execute=True):
        services.content_saved(story)

    assert (page_generation() != before) is purged


@pytest.mark.django_db
def test_zero_max_age_turns_the_page_cache_off(client, settings):
    settings.PUBLIC_PAGE_MAX_AGE = 0
    drama = make_drama()
    client.get(drama.get_absolute_url())

    assert client.get(drama.get_absolute_url()).context is not None


REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis; skipped without it, except in CI."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        message = f"Redis not reachable at {REDIS_URL} ({error})"
        if os.environ.get("NEWSDESK_REQUIRE_REDIS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": REDIS_URL}}


@pytest.mark.django_db
def test_purge_in_another_process_retires_pages_in_this_one(
    client, redis_cache, django_assert_num_queries
):
    drama = make_drama()
    client.get(drama.get_absolute_url())
    with django_assert_num_queries(0):
        client.get(drama.get_absolute_url())

    purge = "from newsdesk.caching import purge_public_pages; purge_public_pages()"
    env = {**os.environ, "CACHE_URL": REDIS_URL, "DJANGO_DEBUG": "true"}
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", purge],
        cwd=ROOT,
        env=env,
        check=True,
    )

    assert client.get(drama.get_absolute_url()).context is not None


def test_lost_generation_never_returns_to_an_old_one(db):
    first = page_generation()
    purge_public_pages()
    cache.delete(GENERATION_KEY)

    assert page_generation() > first + 1
