"""Hand-made requests: no CSRF token, oversized bodies and uploads, ids that are
not ids."""

import pytest
from django.test import Client
from django.urls import reverse

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
