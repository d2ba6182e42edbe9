"""The image library's admin: list, search, filters, autocomplete."""

import pytest
from django.urls import reverse

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
