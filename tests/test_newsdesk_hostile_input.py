"""Hand-made requests: no CSRF token, oversized bodies and uploads, ids that are
not ids."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.factories import make_article, make_drama

from articles.models import PreviewLink
from dramas.models import Drama

pytestmark = pytest.mark.django_db


def csrf_client(user=None):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user:
        client.force_login(user)
    return client


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
    ],
)
def test_admin_filters_and_ids_that_are_not_numbers_never_answer_500(
    superuser_client, url
):
    make_article()
    make_drama()
    superuser_client.raise_request_exception = False

    response = superuser_client.get(url)

    assert response.status_code in {200, 302}
