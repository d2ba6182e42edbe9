import datetime
import json
import re

import pytest

from people.models import Role
from tests.factories import make_cast, make_crew, make_drama, make_person

pytestmark = pytest.mark.django_db


def ld_json(response):
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def make_lee_min_ho():
    return make_person(
        name="Lee Min Ho",
        native_name="이민호",
        birth_date=datetime.date(1987, 6, 22),
        aliases=["Lee Min-ho", "Lee Minho"],
    )


def test_person_detail_shows_names_spellings_and_birth_date(client):
    person = make_lee_min_ho()

    html = client.get(person.get_absolute_url()).content.decode()

    assert "Lee Min Ho</h1>" in html
    assert '<p class="native-name" lang="ko">이민호</p>' in html
    assert "Lee Min-ho, Lee Minho" in html
    assert "June 22, 1987" in html


def test_person_detail_filmography_is_newest_first_with_links(client):
    person = make_lee_min_ho()
    old = make_drama(title="Boys Over Flowers", premiere_on=datetime.date(2009, 1, 5))
    new = make_drama(title="When the Stars Gossip")
    make_cast(old, person, character_name="Gu Jun Pyo")
    make_cast(new, person, character_name="Gong Ryong")

    html = client.get(person.get_absolute_url()).content.decode()

    assert html.index("When the Stars Gossip") < html.index("Boys Over Flowers")
    assert f'href="{old.get_absolute_url()}"' in html
    assert "as Gu Jun Pyo" in html and "2009" in html


def test_person_detail_separates_crew_credits_with_job(client):
    person = make_person(name="Park Shin Woo")
    make_crew(make_drama(title="It's Okay to Not Be Okay"), person)
    make_cast(make_drama(title="Cameo Show"), person, tier=Role.Tier.CAMEO)

    html = client.get(person.get_absolute_url()).content.decode()

    assert "Behind the camera" in html and "Director" in html
    assert html.index("Cameo Show") < html.index("Behind the camera")


def test_person_detail_has_title_description_and_canonical(client):
    person = make_lee_min_ho()

    html = client.get(person.get_absolute_url()).content.decode()

    assert "<title>Lee Min Ho (이민호)" in html
    assert '<meta name="description" content="Lee Min Ho (이민호): ' in html
    url = f"http://testserver{person.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="profile">' in html


def test_person_detail_json_ld_is_a_person_with_every_name(client):
    person = make_lee_min_ho()

    data = ld_json(client.get(person.get_absolute_url()))

    assert data["@type"] == "Person"
    assert data["name"] == "Lee Min Ho"
    assert data["alternateName"] == ["이민호", "Lee Min-ho", "Lee Minho"]
    assert data["birthDate"] == "1987-06-22"
    assert data["url"] == f"http://testserver{person.get_absolute_url()}"


def test_person_detail_unknown_slug_is_404(client):
    response = client.get("/people/nobody-at-all/", {"page": "abc", "q": "x" * 5000})

    assert response.status_code == 404


@pytest.mark.parametrize("credit_count", [5, 100])
def test_person_detail_query_count_does_not_grow_with_credits(
    client, django_assert_max_num_queries, credit_count
):
    person = make_lee_min_ho()
    for _ in range(credit_count):
        make_cast(person=person)

    with django_assert_max_num_queries(8):
        response = client.get(person.get_absolute_url())

    assert response.content.decode().count("filmography__item") == credit_count


def test_people_list_names_everyone_by_name_with_their_links(client):
    later = make_person(name="Seo Sook Hyang")
    first = make_person(name="Gong Hyo Jin", native_name="공효진")

    html = client.get("/people/").text

    assert html.index("Gong Hyo Jin") < html.index("Seo Sook Hyang")
    assert f'<a href="{first.get_absolute_url()}">Gong Hyo Jin</a>' in html
    assert f'<a href="{later.get_absolute_url()}">Seo Sook Hyang</a>' in html
    assert '<p class="drama-card__native" lang="ko">공효진</p>' in html
    assert '<a href="/people/" aria-current="page">People</a>' in html


def test_people_list_by_letter_and_nonsense_letters(client):
    make_person(name="Gong Hyo Jin")
    make_person(name="Lee Min Ho")

    by_l = client.get("/people/", {"letter": "l"}).text
    by_q = client.get("/people/", {"letter": "Q"}).text
    nonsense = [client.get("/people/", {"letter": v}) for v in ["ab", "%", "ㄱ", ""]]

    assert "Lee Min Ho" in by_l and "Gong Hyo Jin" not in by_l
    assert '<a href="?letter=L" aria-current="page">L</a>' in by_l
    assert "Nobody's name begins with Q yet." in by_q.replace("&#x27;", "'")
    for response in nonsense:
        assert response.status_code == 200
        assert "Lee Min Ho" in response.text and "Gong Hyo Jin" in response.text


@pytest.mark.parametrize("count", [5, 40])
def test_people_list_query_count_does_not_grow_with_people(
    client, count, django_assert_max_num_queries
):
    from tests.factories import make_image

    for n in range(count):
        person = make_person(name=f"Person {n:02}")
        if n < 3:
            make_image(kind="portrait").people.add(person)

    # The count, the page of people, their portraits and the portraits' renditions,
    # and the page cache's look at the next scheduled story.
    with django_assert_max_num_queries(5):
        html = client.get("/people/").text

    assert html.count('class="drama-card person-card"') == count
    assert html.count("<picture>") == 3


def test_people_list_pages_keep_the_letter(client):
    for n in range(50):
        make_person(name=f"Kim {n:02}")

    first = client.get("/people/", {"letter": "K"}).text
    second = client.get("/people/", {"letter": "K", "page": 2}).text

    assert 'rel="next" href="?letter=K&amp;page=2"' in first
    assert "Kim 49" in second and "Page 2 of 2" in second
    assert client.get("/people/", {"page": "abc"}).status_code == 404
