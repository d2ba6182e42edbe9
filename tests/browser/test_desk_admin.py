"""The desk in a real browser, under the production Content-Security-Policy."""

import pytest

from articles.models import Article
from newsdesk import demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "browser-test-password-1"


@pytest.fixture
def desk(live_server):
    demo.load_show_data()
    demo.ensure_accounts(PASSWORD)
    return live_server.url


def log_in(page, site, username):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")


def test_journalist_writes_a_story_in_the_rich_text_editor(desk, page, screenshot):
    log_in(page, desk, "journalist")
    page.goto(f"{desk}/admin/articles/article/add/")
    page.fill("#id_headline", "Poster day in orbit")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Lee Min Ho leads the cast.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" Bold news.")
    screenshot(page, "desk-editor-1280")
    page.click("input[name=_save]")

    page.wait_for_url(f"{desk}/admin/articles/article/")
    article = Article.objects.get(headline="Poster day in orbit")
    assert (
        article.body == "<p>Lee Min Ho leads the cast.<strong> Bold news.</strong></p>"
    )
    assert page.console_errors == []


def test_desk_home_and_story_list_load_without_console_errors(desk, page):
    log_in(page, desk, "editor")

    assert page.get_by_role("heading", name="Waiting for review").is_visible()
    page.goto(f"{desk}/admin/articles/article/")
    assert page.get_by_role("link", name="Schedule", exact=True).is_visible()
    assert page.console_errors == []
