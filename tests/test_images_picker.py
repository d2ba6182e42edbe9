"""The desk's pickers: the lead image's shows what each image is, not its name
alone; the bylines' names writers as the rest of the desk does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_image, make_person, picture_bytes

pytestmark = pytest.mark.django_db

SMALL = picture_bytes(size=(640, 480))


def pick(client, term="", field="lead_image", model="article"):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "articles",
            "model_name": model,
            "field_name": field,
        },
    )
    assert response.status_code == 200
    return response.json()["results"]


def test_each_image_comes_with_its_thumbnail_kind_size_and_credit(superuser_client):
    image = make_image(data=SMALL, kind="poster", credit="tvN", alt_text="The poster")

    [result] = pick(superuser_client, "poster")

    assert result["text"] == "The poster"
    assert result["thumbnail"] == image.thumbnail.file.url
    assert result["detail"] == "Poster · 640×480 · tvN"


def test_an_image_not_described_yet_is_found_by_its_file_name(superuser_client):
    make_image(data=SMALL, name="gossip-teaser.jpg", alt_text="", credit="")

    [result] = pick(superuser_client, "gossip-teaser")

    assert result["text"].endswith("gossip-teaser.jpg")
    assert result["detail"] == "Still · 640×480 · no alt text yet"


def test_file_names_are_searched_without_the_folders_every_upload_shares(
    superuser_client,
):
    image = make_image(data=SMALL, name="gossip-teaser.jpg", alt_text="", credit="")
    folders = image.file.name.rsplit("/", 1)[0]  # images/<year>/<month>
    year = folders.split("/")[1]

    assert pick(superuser_client, year) == []
    assert pick(superuser_client, "images") == []
    assert [r["id"] for r in pick(superuser_client, "TEASER.JPG")] == [str(image.pk)]
    # A term with a slash is a path: the name the image is shown by, or a month.
    assert [r["id"] for r in pick(superuser_client, image.file.name)] == [str(image.pk)]
    assert [r["id"] for r in pick(superuser_client, f"{year}/")] == [str(image.pk)]


def test_twenty_images_take_the_queries_one_does(superuser_client):
    make_image(data=SMALL)
    with CaptureQueriesContext(connection) as one:
        assert len(pick(superuser_client)) == 1
    for _ in range(5):
        make_image(data=SMALL)
    with CaptureQueriesContext(connection) as six:
        assert len(pick(superuser_client)) == 6

    assert len(six) == len(one)


def test_the_chosen_lead_image_shows_its_thumbnail_in_the_form(superuser_client):
    image = make_image(data=SMALL, kind="poster")
    article = make_article(lead_image=image)

    page = superuser_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).text

    assert f'data-thumbnail="{image.thumbnail.file.url}"' in page
    assert "newsdesk/autocomplete-pictures.js" in page


def test_other_pickers_give_names_alone(superuser_client):
    make_person(name="Gong Hyo Jin")

    [result] = pick(superuser_client, "Gong", field="people")

    assert set(result) == {"id", "text"}


def test_the_byline_picker_names_writers_as_the_desk_does(superuser_client):
    from tests.factories import make_user

    writer = make_user(username="jlee", first_name="Lee", last_name="Ji-eun")
    unnamed = make_user(username="jnoname", first_name="")
    story = make_article(by=writer)

    found = pick(superuser_client, "j", field="user", model="byline")
    form = superuser_client.get(
        reverse("admin:articles_article_change", args=[story.pk])
    ).content.decode()

    # By full name, with the login to tell two of one name apart; the login alone
    # for an account with no name.
    assert {"id": str(writer.pk), "text": "Lee Ji-eun (jlee)"} in found
    assert {"id": str(unnamed.pk), "text": "jnoname"} in found
    # The byline already given, in the form.
    assert f'<option value="{writer.pk}" selected>Lee Ji-eun (jlee)</option>' in form
