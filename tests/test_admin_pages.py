import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from newsdesk import demo
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def admin_urls(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if model_admin.has_add_permission(request):
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        row = model._default_manager.order_by("pk").first()
        if row is not None:
            yield reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]
            )


def test_every_admin_page_loads_for_a_superuser(superuser_client, django_user_model):
    demo.load_show_data()

    chief = django_user_model.objects.get(username="chief")
    urls = list(admin_urls(chief))
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
    assert len(urls) > 10


def test_drama_admin_filters_and_searches_without_error(superuser_client):
    demo.load_show_data()
    url = reverse("admin:dramas_drama_changelist")

    for query in [
        "status=ended",
        "status=upcoming",
        "status=bogus",
        "premiere_year=2025",
        "premiere_year=abc",
        "q=Jealousy Incarnate",
        "q=별들에게",
    ]:
        response = superuser_client.get(f"{url}?{query}")
        assert response.status_code == 200, query


def test_drama_admin_finds_a_show_by_an_alternative_title(superuser_client):
    demo.load_show_data()
    url = reverse("admin:dramas_drama_changelist")

    response = superuser_client.get(url, {"q": "Jealousy Incarnate"})

    assert list(response.context["cl"].result_list)[0].slug == "dont-dare-to-dream"


@pytest.mark.parametrize(
    "spelling", ["Lee Min-ho", "Lee Minho", "lee min ho", "이민호"]
)
def test_person_admin_search_finds_any_spelling(superuser_client, spelling):
    demo.load_show_data()

    response = superuser_client.get(
        reverse("admin:people_person_changelist"), {"q": spelling}
    )

    assert [p.name for p in response.context["cl"].result_list] == ["Lee Min Ho"]


def test_desk_home_names_who_is_signed_in_and_offers_a_draft(client):
    journalist = make_user(
        "Journalist", username="jo", first_name="Min Ji", last_name="Park"
    )
    client.force_login(journalist)

    html = client.get(reverse("admin:index")).text

    assert "Signed in as <strong>Min Ji Park</strong>." in html
    assert (
        f'<a href="{reverse("admin:articles_draft")}">Draft a story from a show</a>'
        in html
    )
