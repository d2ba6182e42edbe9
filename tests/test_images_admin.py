"""The image library's admin: list, search, filters, autocomplete."""

import pytest
from django.urls import reverse

from images import admin as images_admin
from images.models import Rendition
from newsdesk import imaging
from tests.factories import make_drama, make_image, make_person, picture_bytes

pytestmark = pytest.mark.django_db

SMALL = picture_bytes(size=(640, 480))


def listed(client, **params):
    response = client.get(reverse("admin:images_image_changelist"), params)
    assert response.status_code == 200
    return [image.pk for image in response.context["cl"].result_list]


def test_image_list_finds_by_drama_title_and_person_name(superuser_client):
    drama = make_drama(title="When the Stars Gossip")
    person = make_person(name="Gong Hyo Jin")
    poster = make_image(data=SMALL, kind="poster")
    poster.dramas.add(drama)
    portrait = make_image(data=SMALL, kind="portrait")
    portrait.people.add(person)

    assert listed(superuser_client, q="Stars Gossip") == [poster.pk]
    assert listed(superuser_client, q="Gong Hyo") == [portrait.pk]
    assert listed(superuser_client, q="tvN") == [portrait.pk, poster.pk]


def test_image_list_filters_by_kind_and_drama(superuser_client):
    drama = make_drama()
    poster = make_image(data=SMALL, kind="poster")
    poster.dramas.add(drama)
    make_image(data=SMALL, kind="still")

    assert listed(superuser_client, kind__exact="poster") == [poster.pk]
    assert listed(superuser_client, dramas__id__exact=drama.pk) == [poster.pk]


def drama_choices(client, **params):
    changelist = client.get(reverse("admin:images_image_changelist"), params)
    spec = next(f for f in changelist.context["cl"].filter_specs if f.title == "drama")
    return [
        (c["display"], c["selected"]) for c in spec.choices(changelist.context["cl"])
    ]


def test_image_list_offers_the_shows_of_the_newest_pictures(
    superuser_client, monkeypatch
):
    # Every show with a picture was offered: 2,881 links (220 KB of a 310 KB list)
    # on the bench desk.
    monkeypatch.setattr(images_admin, "RECENT_IMAGES", 4)
    old, busy, quiet = (make_drama(title=t) for t in ["Old", "Busy", "Quiet"])
    make_image(data=SMALL).dramas.add(old)
    for _ in range(3):
        make_image(data=SMALL).dramas.add(busy)
    make_image(data=SMALL).dramas.add(quiet)

    assert drama_choices(superuser_client) == [
        ("All", True),
        ("Busy", False),
        ("Quiet", False),
    ]
    # An older show, reached by its link, is still named and filtered on.
    assert drama_choices(superuser_client, dramas__id__exact=old.pk) == [
        ("All", False),
        ("Busy", False),
        ("Quiet", False),
        ("Old", True),
    ]
    assert len(listed(superuser_client, dramas__id__exact=old.pk)) == 1
    # Written with a leading zero, it is still the one show, named once.
    assert drama_choices(superuser_client, dramas__id__exact=f"00{old.pk}")[-1] == (
        "Old",
        False,
    )
    assert len(drama_choices(superuser_client, dramas__id__exact=f"00{old.pk}")) == 4


def test_image_list_refuses_a_drama_that_is_no_number(superuser_client):
    make_image(data=SMALL).dramas.add(make_drama())

    for value in ["abc", "²", "-1"]:
        assert len(listed(superuser_client, dramas__id__exact=value)) == 1
    for value in ["99999999999999999999999", "0"]:  # no such show
        assert listed(superuser_client, dramas__id__exact=value) == []


def test_image_list_shows_thumbnails_without_a_query_per_image(
    superuser_client, django_assert_max_num_queries
):
    for _ in range(3):
        make_image(data=SMALL)
    url = reverse("admin:images_image_changelist")
    with django_assert_max_num_queries(50) as few:
        superuser_client.get(url)
    for _ in range(4):
        make_image(data=SMALL)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = superuser_client.get(url)

    assert response.text.count('class="image-thumb"') == 7


def test_rendition_shapes_match_the_imaging_table():
    assert sorted(Rendition.Shape.values) == sorted(imaging.shapes())
