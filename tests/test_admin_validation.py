import pytest
from django.urls import reverse

from dramas.models import Drama
from people.models import Role
from tests.factories import make_cast, make_drama, make_person

pytestmark = pytest.mark.django_db


def drama_form(**overrides):
    data = {
        "title": "When the Stars Gossip",
        "native_title": "",
        "slug": "",
        "synopsis": "",
        "country": "South Korea",
        "premiere_on": "2025-01-04",
        "finale_on": "",
        "episode_count": "",
        "alternative_titles-TOTAL_FORMS": "0",
        "alternative_titles-INITIAL_FORMS": "0",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "credits-2-TOTAL_FORMS": "0",
        "credits-2-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def credit_rows(*rows, table="credits"):
    """Rows of the cast table ("credits") or the crew table ("credits-2")."""
    data = {f"{table}-TOTAL_FORMS": str(len(rows)), f"{table}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        base = {"category": "cast", "character_name": "", "tier": "", "job": ""}
        data.update({f"{table}-{i}-{k}": v for k, v in {**base, **row}.items()})
    return data


def post_drama(client, data):
    return client.post(reverse("admin:dramas_drama_add"), data)


def test_admin_refuses_a_finale_before_the_premiere(superuser_client):
    response = post_drama(superuser_client, drama_form(finale_on="2025-01-01"))

    assert response.status_code == 200
    assert "finale date cannot be before the premiere" in response.text
    assert not Drama.objects.exists()


def test_admin_refuses_a_negative_episode_count(superuser_client):
    response = post_drama(superuser_client, drama_form(episode_count="-3"))

    assert response.status_code == 200
    assert "greater than or equal to 0" in response.text
    assert not Drama.objects.exists()


def test_admin_refuses_a_cast_credit_without_a_tier(superuser_client):
    person = make_person()
    rows = credit_rows({"person": person.pk, "character_name": "Gong Ryong"})

    response = post_drama(superuser_client, drama_form(**rows))

    assert "cast credit needs a tier and has no crew job" in response.text
    assert not Drama.objects.exists()


def test_admin_refuses_a_crew_credit_without_a_job(superuser_client):
    person = make_person()
    rows = credit_rows({"person": person.pk}, table="credits-2")

    response = post_drama(superuser_client, drama_form(**rows))

    assert "crew credit needs a job" in response.text
    assert not Drama.objects.exists()


def test_cast_and_crew_are_each_in_their_own_table(superuser_client):
    writer, actor = make_person(name="Seo Sook Hyang"), make_person(name="Lee Min Ho")
    cast = {"person": actor.pk, "tier": "lead", "category": "crew"}  # hand-edited
    crew = {"person": writer.pk, "job": "screenwriter", "tier": "lead"}
    rows = {**credit_rows(cast), **credit_rows(crew, table="credits-2")}

    response = post_drama(superuser_client, drama_form(**rows))

    assert response.status_code == 302
    drama = Drama.objects.get()
    saved = {(c.person.name, c.category, c.tier, c.job) for c in drama.credits.all()}
    # The table decides the category; the crew table has no tier to take.
    assert saved == {
        ("Lee Min Ho", "cast", "lead", ""),
        ("Seo Sook Hyang", "crew", "", "screenwriter"),
    }
    page = superuser_client.get(reverse("admin:dramas_drama_change", args=[drama.pk]))
    cast_table = page.text.split('id="credits-group"')[1].split('id="credits-2-group"')
    assert "Lee Min Ho" in cast_table[0] and "Seo Sook Hyang" not in cast_table[0]
    assert "Seo Sook Hyang" in cast_table[1] and "Billing order" not in cast_table[1]


def test_admin_refuses_a_duplicate_credit_in_one_form(superuser_client):
    person = make_person()
    row = {"person": person.pk, "tier": "lead", "character_name": "Gong Ryong"}

    response = post_drama(superuser_client, drama_form(**credit_rows(row, row)))

    assert response.status_code == 200
    assert "Please correct the duplicate" in response.text
    assert not Role.objects.exists()


def test_admin_refuses_a_credit_that_already_exists(superuser_client):
    credit = make_cast(make_drama(), make_person(), character_name="Gong Ryong")
    url = reverse("admin:people_person_change", args=[credit.person.pk])
    data = {
        "name": credit.person.name,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "credits-TOTAL_FORMS": "1",
        "credits-INITIAL_FORMS": "0",
        "credits-2-TOTAL_FORMS": "0",
        "credits-2-INITIAL_FORMS": "0",
        "credits-0-drama": credit.drama.pk,
        "credits-0-category": "cast",
        "credits-0-character_name": "Gong Ryong",
        "credits-0-tier": "lead",
    }

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "already has this credit" in response.text
    assert Role.objects.count() == 1
