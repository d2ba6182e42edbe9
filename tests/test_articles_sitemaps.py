import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_drama, make_person

S = Article.Status
DAY = datetime.timedelta(days=1)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    settings.PUBLIC_PAGE_MAX_AGE = 0


def live(age=datetime.timedelta(hours=1), **overrides):
    fields = {"status": S.PUBLISHED, "publish_at": timezone.now() - age}
    return make_article(**{**fields, **overrides})


def locations(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]


@pytest.mark.django_db
def test_sitemap_lists_live_stories_dramas_and_people(client):
    story, drama, person = live(), make_drama(), make_person()
    draft = make_article(status=S.DRAFT)

    found = locations(client.get(reverse("sitemap")))

    for thing in [story, drama, person]:
        assert f"http://testserver{thing.get_absolute_url()}" in found
    assert f"http://testserver{draft.get_absolute_url()}" not in found


@pytest.mark.django_db
def test_news_sitemap_lists_stories_of_the_last_two_days_only(client, settings):
    settings.SITE_NAME = "K-Drama Desk"
    fresh = live(headline="Fresh & new")
    live(age=3 * DAY)
    make_article(status=S.SCHEDULED, publish_at=timezone.now() + DAY)

    response = client.get(reverse("news_sitemap"))
    (url,) = ET.fromstring(response.content).findall(f"{SITEMAP}url")

    assert url.findtext(f"{SITEMAP}loc").endswith(fresh.get_absolute_url())
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "K-Drama Desk"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    published = datetime.datetime.fromisoformat(
        news.findtext(f"{NEWS}publication_date")
    )
    assert published == fresh.publish_at


@pytest.mark.django_db
def test_news_sitemap_counts_from_the_first_publication(client):
    republished = live(first_published_at=timezone.now() - 5 * DAY)

    response = client.get(reverse("news_sitemap"))

    assert republished.get_absolute_url() not in response.text


@pytest.mark.django_db
def test_robots_txt_points_at_both_sitemaps_and_keeps_out_of_desk_and_previews(
    client,
):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /stories/preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 50])
def test_sitemaps_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    for _ in range(count):
        live().dramas.add(make_drama())
        make_person()

    with django_assert_max_num_queries(8):
        found = locations(client.get(reverse("sitemap")))
    with django_assert_max_num_queries(3):
        news = locations(client.get(reverse("news_sitemap")))

    assert (len(found), len(news)) == (3 * count, count)
