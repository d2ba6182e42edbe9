"""Hand-made requests: no CSRF token, oversized bodies and uploads, ids that are
not ids."""

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PreviewLink
from dramas.models import Drama
from images.models import Image
from tests.factories import make_article, make_drama, picture_bytes

pytestmark = pytest.mark.django_db


def csrf_client(user=None):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user:
        client.force_login(user)
    return client


def upload_form(data=None):
    return {
        "file": SimpleUploadedFile("still.jpg", data or picture_bytes(size=(64, 48))),
        "kind": "still",
        "alt_text": "Lee Min Ho on set",
        "credit": "tvN",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }


# CSRF: a POST without the token is refused before it does anything.


def test_admin_login_without_csrf_token_is_refused(editor):
    editor.set_password("pw-editor-1")
    editor.save()

    response = csrf_client().post(
        reverse("admin:login"), {"username": "ed", "password": "pw-editor-1"}
    )

    assert response.status_code == 403


def test_article_change_without_csrf_token_is_refused(editor):
    article = make_article(headline="Casting news")
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = csrf_client(editor).post(url, {"headline": "Defaced"})

    article.refresh_from_db()
    assert response.status_code == 403
    assert article.headline == "Casting news"


def test_transition_without_csrf_token_is_refused(editor):
    article = make_article(status=Article.Status.IN_REVIEW)
    url = reverse("admin:articles_article_transition", args=[article.pk])

    response = csrf_client(editor).post(url, {"action": "publish"})

    article.refresh_from_db()
    assert response.status_code == 403
    assert article.status == Article.Status.IN_REVIEW


def test_preview_link_without_csrf_token_is_refused(editor):
    article = make_article()
    url = reverse("admin:articles_preview_links", args=[article.pk])

    response = csrf_client(editor).post(url, {})

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_image_upload_without_csrf_token_is_refused(editor):
    response = csrf_client(editor).post(
        reverse("admin:images_image_add"), upload_form()
    )

    assert response.status_code == 403
    assert not Image.objects.exists()


# Oversized bodies: 400 or 413, never a 500, and nothing saved.


def test_admin_post_over_the_form_data_limit_gets_400(settings, editor):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    article = make_article(headline="Casting news")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client = Client(raise_request_exception=False)
    client.force_login(editor)

    response = client.post(url, {"headline": "x" * 20_000})

    article.refresh_from_db()
    assert response.status_code == 400
    assert article.headline == "Casting news"


def test_public_post_over_the_form_data_limit_gets_400(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = csrf_client()
    client.cookies["csrftoken"] = "x" * 32

    response = client.post(reverse("search"), {"q": "x" * 20_000})

    assert response.status_code == 400


def test_admin_post_with_too_many_fields_gets_400(settings, editor):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    fields = {f"field{n}": "x" for n in range(200)}

    response = client.post(reverse("admin:dramas_drama_add"), fields)

    assert response.status_code == 400
    assert not Drama.objects.exists()


def test_upload_with_too_many_files_gets_400(settings, superuser_client):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 5
    files = {f"file{n}": SimpleUploadedFile(f"{n}.jpg", b"x") for n in range(10)}

    response = superuser_client.post(reverse("admin:images_image_add"), files)

    assert response.status_code == 400
    assert not Image.objects.exists()


def test_image_over_the_library_limit_is_refused_in_the_form(
    settings, superuser_client
):
    settings.NEWSDESK_IMAGE_MAX_BYTES = 20_000
    big = picture_bytes("PNG", size=(400, 400), colour=None) + b"\x00" * 30_000

    response = superuser_client.post(
        reverse("admin:images_image_add"), upload_form(big)
    )

    assert response.status_code == 200
    assert "the limit is 19 KB" in response.text
    assert not Image.objects.exists()


@pytest.mark.parametrize("url", ["/admin/images/image/add/", "/search/", "/"])
def test_request_declaring_a_body_over_the_cap_gets_413(settings, url):
    settings.MAX_REQUEST_BYTES = 1_000_000
    client = Client(raise_request_exception=False)

    # The client declares 10 GB and sends 1 byte: the answer must not wait for more.
    response = client.generic("POST", url, b"x", CONTENT_LENGTH=str(10 * 1024**3))

    assert response.status_code == 413


def test_upload_within_the_cap_goes_through(settings, superuser_client):
    settings.MAX_REQUEST_BYTES = 1_000_000

    response = superuser_client.post(reverse("admin:images_image_add"), upload_form())

    assert response.status_code == 302
    assert Image.objects.count() == 1


def test_upload_over_the_cap_gets_413_and_stores_nothing(
    settings, superuser_client, media_root
):
    settings.MAX_REQUEST_BYTES = 50_000
    big = upload_form(picture_bytes("PNG", size=(400, 400)) + b"\x00" * 60_000)

    response = superuser_client.post(reverse("admin:images_image_add"), big)

    assert response.status_code == 413
    assert not Image.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


# Ids that are not ids, in the admin's own forms.


def test_autocomplete_field_with_a_word_for_an_id_is_a_form_error(superuser_client):
    data = {"title": "Queen of Tears", "network": "abc", "genres": ["2024-13-45"]}
    data |= {
        f"{p}-{k}": "0"
        for p in ("alternative_titles", "credits")
        for k in ("TOTAL_FORMS", "INITIAL_FORMS")
    }

    response = superuser_client.post(reverse("admin:dramas_drama_add"), data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Drama.objects.exists()


def test_many_to_many_id_too_big_for_any_column_is_a_form_error(superuser_client):
    data = {"name": "Desk", "permissions": ["99999999999999999999"]}

    response = superuser_client.post(reverse("admin:auth_group_add"), data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_revoking_a_preview_link_by_a_word_is_a_404(editor):
    article = make_article()
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timezone.timedelta(hours=1)
    )
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = reverse("admin:articles_preview_links", args=[article.pk])

    responses = [
        client.post(url, {"revoke": value})
        for value in ["abc", "9" * 25, "-1", "", "\u00b2"]
    ]

    link.refresh_from_db()
    assert [r.status_code for r in responses] == [404] * 5
    assert link.revoked_at is None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/%C2%B2/change/",
        "/admin/articles/article/?byline=%C2%B2",
        "/admin/articles/article/?byline=99999999999999999999",
        "/admin/dramas/drama/?premiere_year=%C2%B2",
        "/admin/dramas/drama/?premiere_year=99999",
        "/admin/dramas/drama/?premiere_year=99999999999999999999",
        "/admin/articles/article/draft/?drama=%C2%B2",
    ],
)
def test_admin_filters_and_ids_that_are_not_numbers_never_answer_500(
    superuser_client, url
):
    make_article()
    make_drama()
    superuser_client.raise_request_exception = False

    response = superuser_client.get(url)

    assert response.status_code in {200, 302, 404}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?publish_at__year=99999",
        "/admin/articles/article/?publish_at__year=99999999999999999999",
        "/admin/dramas/drama/?premiere_on__year=99999",
        "/admin/dramas/drama/?premiere_on__year=-1",
        "/admin/articles/article/?publish_at__year=1",
        "/admin/articles/article/?publish_at__year=9999",
        "/admin/articles/article/?publish_at__year=9999&publish_at__month=12",
        "/admin/dramas/drama/?premiere_on__year=99999999999999999999",
        "/admin/axes/accessattempt/?attempt_time__year=1",
        "/admin/axes/accessattempt/?attempt_time__year=99999999999",
    ],
)
def test_date_hierarchy_year_no_date_can_have_matches_nothing(superuser_client, url):
    make_article(status="published", publish_at=timezone.now())
    make_drama()
    superuser_client.raise_request_exception = False

    response = superuser_client.get(url)

    assert response.status_code in {200, 302}


def test_autocomplete_term_with_a_nul_byte_finds_nothing(superuser_client):
    make_drama(title="Queen of Tears")
    superuser_client.raise_request_exception = False
    query = "app_label=articles&model_name=article&field_name=dramas&term=Queen%00"

    response = superuser_client.get(f"{reverse('admin:autocomplete')}?{query}")

    assert response.status_code == 200


def test_drama_in_the_news_filter_with_a_digit_that_is_no_number(superuser_client):
    story = make_article(status="published", publish_at=timezone.now())
    story.dramas.add(make_drama())
    superuser_client.raise_request_exception = False

    response = superuser_client.get("/admin/articles/article/?dramas__id__exact=%C2%B2")

    assert response.status_code == 200
    assert story.headline in response.text


@pytest.mark.parametrize("action", ["schedule", "submit"])
def test_a_time_before_the_calendar_can_say_is_a_form_error(editor, action):
    article = make_article(status="in_review")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = reverse("admin:articles_article_transition", args=[article.pk])

    # Seoul's clock ran 8:27:52 ahead of UTC then: this minute is before year 1 in UTC.
    data = {"action": action, "publish_at": "0001-01-01T00:00"}

    response = client.post(url, data, follow=True)

    article.refresh_from_db()
    assert response.status_code == 200
    assert "between the years 1900 and 9999" in response.text
    assert article.status == "in_review"


@pytest.mark.parametrize("selected", ["x", "\u00b2", ""])
def test_an_action_on_a_selection_that_is_no_id_changes_nothing(editor, selected):
    story = make_article(status="in_review")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    data = {"action": "delete_selected", "index": "0"}
    data["_selected_action"] = [str(story.pk), selected]

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "nothing was changed" in response.text
    assert Article.objects.filter(pk=story.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?q=%00",
        "/admin/articles/article/?q=Stars%00Gossip",
        "/admin/articles/article/?status__exact=%00",
        "/admin/people/role/?category__exact=%00",
        "/admin/images/image/?q=a%00",
        "/admin/dramas/drama/?q=%00&network__id__exact=1",
    ],
)
def test_a_nul_byte_in_a_desk_list_search_or_filter_is_no_500(superuser_client, url):
    # PostgreSQL refuses NUL in any text it is sent; no title or name holds one.
    make_article(headline="When the Stars Gossip")
    superuser_client.raise_request_exception = False

    response = superuser_client.get(url)

    # As Django answers any lookup it cannot run: the list again, with ?e=1.
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_a_login_with_a_username_longer_than_any_is_refused_in_the_form():
    # django-axes records every failed login by username, in a 255-character column.
    client = Client(raise_request_exception=False)

    response = client.post(
        reverse("admin:login"), {"username": "x" * 300, "password": "nope"}
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.text
    assert not AccessAttempt.objects.exists()
