"""Who reaches what in the desk: changing the id in the URL opens nothing new."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from reversion.models import Version

from articles import services
from articles.models import Article, PreviewLink, PublicNote, StatusChange
from dramas.models import Drama
from newsdesk.demo import load_show_data
from people.models import Person
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_draft(db):
    author = make_user("Journalist")
    article = make_article(by=author, headline="Exclusive: the new cast")
    services.record_revision(article, by=author, comment="First draft.")
    return article


def snapshot(article):
    return {
        "row": Article.objects.filter(pk=article.pk).values().first(),
        "changes": StatusChange.objects.count(),
        "links": PreviewLink.objects.count(),
        "notes": PublicNote.objects.count(),
        "versions": Version.objects.count(),
    }


def article_admin_requests(article):
    """Every article screen under /admin/articles/article/<id>/, as (method, url)."""
    version = Version.objects.get_for_object(article).first()
    pk = article.pk
    return [
        ("get", reverse("admin:articles_article_change", args=[pk])),
        ("post", reverse("admin:articles_article_change", args=[pk])),
        ("get", reverse("admin:articles_article_delete", args=[pk])),
        ("post", reverse("admin:articles_article_delete", args=[pk])),
        ("get", reverse("admin:articles_article_history", args=[pk])),
        ("post", reverse("admin:articles_article_transition", args=[pk])),
        ("get", reverse("admin:articles_preview", args=[pk])),
        ("get", reverse("admin:articles_revisions", args=[pk])),
        ("post", reverse("admin:articles_restore", args=[pk, version.pk])),
        ("post", reverse("admin:articles_preview_links", args=[pk])),
        ("post", reverse("admin:articles_add_note", args=[pk])),
    ]


HOSTILE_POST = {
    "headline": "Defaced",
    "body": "<p>Defaced</p>",
    "action": "submit",
    "kind": "correction",
    "text": "Defaced",
    "post": "yes",
    "bylines-TOTAL_FORMS": "0",
    "bylines-INITIAL_FORMS": "0",
}


def test_journalist_cannot_reach_another_journalists_draft_by_its_id(
    client, journalist, others_draft
):
    before = snapshot(others_draft)
    client.force_login(journalist)
    home = reverse("admin:index")

    for method, url in article_admin_requests(others_draft):
        response = getattr(client, method)(url, HOSTILE_POST)

        # Admin screens say "doesn't exist" and go home; the desk's own views 404.
        assert (response.status_code, response.get("Location", home)) in {
            (302, home),
            (404, home),
        }, (method, url)
    assert snapshot(others_draft) == before


def test_journalist_still_reaches_their_own_draft(client, journalist):
    article = make_article(by=journalist)
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_preview", args=[article.pk]))

    assert response.status_code == 200


def test_journalist_cannot_add_or_change_users(client, journalist):
    other = make_user("Journalist")
    client.force_login(journalist)
    change = reverse("admin:auth_user_change", args=[journalist.pk])
    data = {"username": "jo", "is_superuser": "on", "is_staff": "on"}

    add = client.get(reverse("admin:auth_user_add"))
    promote = client.post(change, data)
    delete = client.post(reverse("admin:auth_user_delete", args=[other.pk]))

    journalist.refresh_from_db()
    assert (add.status_code, promote.status_code, delete.status_code) == (403,) * 3
    assert not journalist.is_superuser
    assert User.objects.filter(pk=other.pk).exists()


def test_editor_cannot_change_users(client, editor):
    client.force_login(editor)
    url = reverse("admin:auth_user_change", args=[editor.pk])

    response = client.post(url, {"username": "ed", "is_superuser": "on"})

    editor.refresh_from_db()
    assert response.status_code == 403
    assert not editor.is_superuser


@pytest.mark.parametrize("model", [Drama, Person])
def test_journalist_cannot_delete_show_data(client, journalist, model):
    load_show_data()
    row = model.objects.first()
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[row.pk]
    )
    client.force_login(journalist)

    responses = [client.get(url), client.post(url, {"post": "yes"})]

    assert [r.status_code for r in responses] == [403, 403]
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "name",
    ["auth_group_changelist", "auth_group_add", "auth_user_add", "dramas_drama_add"],
)
def test_desk_groups_stay_off_screens_they_are_not_granted(client, journalist, name):
    group = make_user(None, username="no-group")
    client.force_login(group if name == "dramas_drama_add" else journalist)

    response = client.get(reverse(f"admin:{name}"))

    assert response.status_code == 403


def admin_urls(patterns, ids, prefix="/admin/"):
    """Every admin URL, its parameters filled with `ids`, by walking the URLconf."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from admin_urls(entry.url_patterns, ids, route)
        elif isinstance(entry, URLPattern):
            for name in entry.pattern.converters:
                route = route.replace(f"<{name}>", ids.get(name, "1"))
                route = route.replace(f"<int:{name}>", ids.get(name, "1"))
                route = route.replace(f"<path:{name}>", ids.get(name, "1"))
            yield route.replace("^", "").replace("$", "")


def test_anonymous_visitor_is_sent_to_login_from_every_admin_url(others_draft):
    client = Client(raise_request_exception=False)
    before = snapshot(others_draft)
    ids = {"object_id": str(others_draft.pk), "pk": str(others_draft.pk)}
    urls = [u for u in admin_urls(admin.site.get_urls(), ids) if "<" not in u]

    answers = {url: client.post(url, HOSTILE_POST).status_code for url in urls}
    answers |= {f"GET {url}": client.get(url).status_code for url in urls}

    assert len(urls) > 50
    assert {url for url, status in answers.items() if status not in {302, 404}} == {
        f"GET {reverse('admin:login')}",
        reverse("admin:login"),
    }
    assert snapshot(others_draft) == before
