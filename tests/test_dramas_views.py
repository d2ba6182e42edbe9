import datetime
import json
import re

import pytest
from django.utils import timezone

from dramas.models import AlternativeTitle, Genre
from people.models import Role
from tests.factories import (
    make_article,
    make_cast,
    make_crew,
    make_drama,
    make_network,
    make_person,
)

pytestmark = pytest.mark.django_db


def ld_json(response):
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def make_full_drama(cast_size=2):
    drama = make_drama(
        title="When the Stars Gossip",
        native_title="별들에게 물어봐",
        network=make_network(name="tvN"),
        premiere_on=datetime.date(2025, 1, 4),
        finale_on=datetime.date(2025, 2, 16),
        episode_count=16,
        synopsis="A romantic comedy set in orbit.",
    )
    drama.streaming_platforms.add(make_network(name="Netflix"))
    drama.genres.add(Genre.objects.create(name="Romantic comedy"))
    AlternativeTitle.objects.create(drama=drama, title="Ask the Stars")
    for n in range(1, cast_size + 1):
        make_cast(drama, make_person(name=f"Actor {n}"), billing_order=n)
    make_crew(drama, make_person(name="Park Shin Woo", native_name="박신우"))
    make_crew(drama, make_person(name="Seo Sook Hyang"), job=Role.Job.SCREENWRITER)
    return drama


def test_drama_detail_shows_titles_dates_and_facts(client):
    drama = make_full_drama()

    html = client.get(drama.get_absolute_url()).content.decode()

    assert "<h1" in html and "When the Stars Gossip</h1>" in html
    assert '<p class="native-name" lang="ko">별들에게 물어봐</p>' in html
    assert "Saturday, January 4, 2025" in html
    assert "Sunday, February 16, 2025" in html
    for fact in ("tvN", "Netflix", "Romantic comedy", "16", "Ask the Stars", "Ended"):
        assert fact in html


def test_drama_detail_lists_cast_in_billing_order_with_links(client):
    drama = make_drama()
    second = make_cast(drama, make_person(name="Gong Hyo Jin"), billing_order=2)
    first = make_cast(drama, make_person(name="Lee Min Ho"), billing_order=1)

    html = client.get(drama.get_absolute_url()).content.decode()

    assert html.index("Lee Min Ho") < html.index("Gong Hyo Jin")
    assert f'href="{first.person.get_absolute_url()}"' in html
    assert f"as {second.character_name}" in html
    assert "Lead" in html


def test_drama_cast_lists_the_unbilled_after_the_billed_on_every_database(client):
    drama = make_drama()
    make_cast(drama, make_person(name="Kim Ha Na"), tier="supporting")
    make_cast(drama, make_person(name="Gong Hyo Jin"), billing_order=2)
    make_cast(drama, make_person(name="Lee Min Ho"), billing_order=1)
    story = make_article(status="published", publish_at=timezone.now())
    story.dramas.add(drama)

    for url in [drama.get_absolute_url(), story.get_absolute_url()]:
        html = client.get(url).text

        names = [html.index(n) for n in ["Lee Min Ho", "Gong Hyo Jin", "Kim Ha Na"]]
        assert names == sorted(names), url


def test_drama_detail_lists_crew_with_job_and_link(client):
    drama = make_drama()
    credit = make_crew(drama, make_person(name="Park Shin Woo"))

    html = client.get(drama.get_absolute_url()).content.decode()

    assert "Director" in html
    assert f'href="{credit.person.get_absolute_url()}"' in html


def test_drama_detail_has_title_description_canonical_and_open_graph(client):
    drama = make_full_drama()

    html = client.get(drama.get_absolute_url()).content.decode()

    assert "<title>When the Stars Gossip (별들에게 물어봐)" in html
    assert '<meta name="description" content="A romantic comedy set in orbit.">' in html
    url = f"http://testserver{drama.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="video.tv_show">' in html


def test_drama_detail_json_ld_is_a_tv_series_with_roles(client):
    drama = make_full_drama()

    data = ld_json(client.get(drama.get_absolute_url()))

    assert data["@type"] == "TVSeries"
    assert data["name"] == "When the Stars Gossip"
    assert data["alternateName"] == ["별들에게 물어봐", "Ask the Stars"]
    assert data["actor"][0]["@type"] == "PerformanceRole"
    assert data["actor"][0]["actor"]["name"] == "Actor 1"
    assert data["director"][0]["name"] == "Park Shin Woo"
    assert data["author"][0]["name"] == "Seo Sook Hyang"
    assert (data["startDate"], data["endDate"]) == ("2025-01-04", "2025-02-16")
    assert data["numberOfEpisodes"] == 16


def test_drama_detail_json_ld_cannot_close_its_script(client):
    drama = make_drama(title="</script><script>alert(1)</script> & more")

    html = client.get(drama.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in html
    assert ld_json(client.get(drama.get_absolute_url()))["name"].startswith("</script>")


def test_drama_detail_unknown_slug_is_404_in_site_design(client):
    response = client.get("/dramas/no-such-show/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize("cast_size", [5, 100])
def test_drama_detail_query_count_does_not_grow_with_cast(
    client, django_assert_max_num_queries, cast_size
):
    drama = make_full_drama(cast_size=cast_size)

    with django_assert_max_num_queries(8):
        response = client.get(drama.get_absolute_url())

    assert response.content.decode().count('class="credit"') == cast_size + 2


def test_drama_list_shows_dramas_with_status_and_links(client):
    drama = make_drama(title="Boys Over Flowers", native_title="꽃보다 남자")

    html = client.get("/dramas/").content.decode()

    assert f'href="{drama.get_absolute_url()}"' in html
    assert '<p class="drama-card__native" lang="ko">꽃보다 남자</p>' in html
    assert drama.status.label in html


def test_drama_list_paginates(client):
    for n in range(30):
        make_drama(title=f"Show {n:02}", premiere_on=datetime.date(2020, 1, n % 28 + 1))

    page_two = client.get("/dramas/?page=2").content.decode()

    assert "Page 2 of 2" in page_two
    assert '<link rel="canonical" href="http://testserver/dramas/?page=2">' in page_two


@pytest.mark.parametrize("page", ["abc", "999", "0", "-1", "1e9999", "%00", "x" * 5000])
def test_drama_list_bad_page_is_a_friendly_404(client, page):
    make_drama()

    response = client.get("/dramas/", {"page": page})

    assert response.status_code == 404
    assert "Browse all dramas" in response.content.decode()


@pytest.mark.parametrize("count", [10, 50])
def test_drama_list_query_count_does_not_grow_with_dramas(
    client, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_drama(network=make_network())

    with django_assert_max_num_queries(8):
        response = client.get("/dramas/")

    assert response.status_code == 200
