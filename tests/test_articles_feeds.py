import datetime
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_drama, make_person, make_user

S = Article.Status
HOUR = datetime.timedelta(hours=1)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    settings.PUBLIC_PAGE_MAX_AGE = 0


def live(hours_ago=1, **overrides):
    when = timezone.now() - hours_ago * HOUR
    fields = {"status": S.PUBLISHED, "publish_at": when, "body": "<p>News.</p>"}
    return make_article(**{**fields, **overrides})


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


@pytest.mark.django_db
def test_latest_feed_lists_only_live_stories_newest_first(client):
    older, newer = live(hours_ago=5), live(hours_ago=1)
    make_article(status=S.DRAFT)
    make_article(status=S.WITHDRAWN, publish_at=timezone.now() - HOUR)
    make_article(status=S.SCHEDULED, publish_at=timezone.now() + HOUR)

    items = rss_items(client, reverse("feeds:stories"))

    assert [i.findtext("title") for i in items] == [newer.headline, older.headline]


@pytest.mark.django_db
def test_feed_item_has_dek_link_dates_authors_and_categories(client):
    writer = make_user(first_name="Kim", last_name="Soo-ah")
    story = live(by=writer, dek="The first poster is out.", kind="poster_reveal")
    story.dramas.add(make_drama(title="When the Stars Gossip"))
    story.people.add(make_person(name="Lee Min Ho"))

    (item,) = rss_items(client, reverse("feeds:stories"))

    assert item.findtext("description") == "The first poster is out."
    assert item.findtext("link").endswith(story.get_absolute_url())
    assert item.findtext("pubDate")
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Kim Soo-ah"
    categories = [c.text for c in item.findall("category")]
    assert categories == ["Poster reveal", "When the Stars Gossip", "Lee Min Ho"]


@pytest.mark.django_db
def test_atom_feed_has_published_updated_and_author(client):
    story = live(updated_at=timezone.now())

    response = client.get(reverse("feeds:stories_atom"))
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert entry.findtext(f"{ATOM}title") == story.headline
    assert entry.findtext(f"{ATOM}published") < entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}author/{ATOM}name")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["drama", "person"])
def test_drama_and_person_feeds_list_only_their_stories(client, kind):
    thing = make_drama() if kind == "drama" else make_person()
    about, other, draft = live(), live(), make_article(status=S.DRAFT)
    for story in [about, draft]:
        getattr(story, "dramas" if kind == "drama" else "people").add(thing)

    items = rss_items(client, reverse(f"feeds:{kind}", args=[thing.slug]))
    atom = client.get(reverse(f"feeds:{kind}_atom", args=[thing.slug]))

    assert [i.findtext("title") for i in items] == [about.headline]
    assert other.headline not in atom.text


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["feeds:drama", "feeds:person_atom"])
def test_feed_for_an_unknown_slug_is_404(client, name):
    assert client.get(reverse(name, args=["no-such-thing"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 50])
def test_feeds_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    drama = make_drama()
    for _ in range(count):
        story = live()
        story.dramas.add(drama)
        story.people.add(make_person())

    with django_assert_max_num_queries(6):
        items = rss_items(client, reverse("feeds:drama", args=[drama.slug]))

    assert len(items) == min(count, 30)


@pytest.mark.django_db
def test_feed_links_name_the_latest_and_the_drama_feeds(rf):
    drama = make_drama(title="When the Stars Gossip")

    html = render_to_string("includes/feed_links.html", {"drama": drama})

    assert 'type="application/rss+xml"' in html
    assert f'href="{reverse("feeds:stories")}"' in html
    assert f'href="{reverse("feeds:drama", args=[drama.slug])}"' in html
    assert "Stories about When the Stars Gossip (Atom)" in html


@pytest.mark.django_db
def test_every_reader_page_offers_the_feeds_where_readers_can_see_them(client):
    story = make_article(status="published", publish_at=timezone.now())

    for url in [reverse("home"), story.get_absolute_url(), reverse("dramas:list")]:
        html = client.get(url).text
        footer = html[html.index('<footer class="site-footer">') :]
        assert (
            f'<a href="{reverse("feeds:stories")}" type="application/rss+xml">RSS</a>'
            in footer
        )
        assert (
            f'href="{reverse("feeds:stories_atom")}" type="application/atom+xml">Atom'
            in footer
        )
