import pytest
from django.test import Client
from django.urls import get_resolver


# No django_db mark: a query while rendering would fail these tests.
def test_500_handler_serves_the_designed_page_without_database(rf):
    server_error = get_resolver().resolve_error_handler(500)

    response = server_error(rf.get("/dramas/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


@pytest.mark.django_db
def test_500_page_still_answers_when_static_files_were_never_collected(
    settings, tmp_path
):
    # Production's hashed names, and a STATIC_ROOT that collectstatic never filled.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }

    response = Client(raise_request_exception=False).get("/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "stylesheet" not in html


@pytest.mark.django_db
def test_404_page_is_in_site_design_and_not_indexed(client):
    response = client.get("/no/such/page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<nav class="site-nav"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


@pytest.mark.django_db
def test_a_desk_save_that_fails_the_csrf_check_says_nothing_was_saved(journalist):
    from tests.factories import make_article

    story = make_article(by=journalist, headline="Before")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(journalist)

    # A page left open while its desk member was logged out: no token matches.
    change = f"/admin/articles/article/{story.pk}/change/"
    response = browser.post(
        change, {"headline": "After"}, HTTP_REFERER=f"http://testserver{change}"
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "Nothing was saved: the page was out of date" in html
    assert "this browser kept a copy" in html
    assert f'<a href="{change}">Open the page again</a>' in html
    assert 'href="/admin/"' in html
    story.refresh_from_db()
    assert story.headline == "Before"


def test_a_reader_form_that_fails_the_csrf_check_gets_the_site_page(db):
    response = Client(enforce_csrf_checks=True).post("/search/", {"q": "x"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "Nothing was sent: the page was out of date" in html
    assert "kept a copy" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "referer", ["https://elsewhere.example/admin/x/", "http://testserver/stories/"]
)
def test_the_csrf_page_links_back_only_to_a_desk_page_of_this_site(referer):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/articles/article/1/change/", {}, HTTP_REFERER=referer
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "Nothing was saved: the page was out of date" in html
    assert "Open the page again" not in html
    assert "elsewhere.example" not in html


@pytest.mark.django_db
def test_an_out_of_date_login_form_says_to_log_in_again():
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "editor", "password": "x"}
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "The log-in form was out of date" in html
    assert "If you were saving a story" not in html


@pytest.mark.django_db
def test_a_desk_page_not_open_to_a_journalist_says_so_without_the_story_text(
    journalist,
):
    browser = Client()
    browser.force_login(journalist)

    response = browser.get("/admin/auth/user/add/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "This desk page is not open to your account" in html
    assert "If you were saving a story" not in html
