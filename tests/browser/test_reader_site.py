import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    call_command("loaddemo", verbosity=0)
    return live_server.url


def test_drama_list_leads_to_drama_then_person_and_back(site, page):
    page.goto(f"{site}/dramas/")
    page.get_by_role("link", name="When the Stars Gossip").click()

    assert page.get_by_role("heading", level=1).inner_text() == "When the Stars Gossip"
    assert page.locator("[lang=ko]").first.inner_text() == "별들에게 물어봐"

    page.get_by_role("link", name="Lee Min Ho").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lee Min Ho"
    page.go_back()
    assert page.url.endswith("/dramas/when-the-stars-gossip/")
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/dramas/", "/dramas/when-the-stars-gossip/"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_pages_do_not_scroll_sideways_on_a_phone(site, new_page, path, color_scheme):
    page = new_page(width=375, color_scheme=color_scheme)
    page.goto(site + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_skip_link_is_the_first_stop_and_moves_to_main(site, page):
    page.goto(f"{site}/people/lee-min-ho/")
    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_drama_and_person_pages(site, new_page, screenshot, width):
    page = new_page(width=width)
    for name, path in [
        ("drama", "/dramas/when-the-stars-gossip/"),
        ("person", "/people/lee-min-ho/"),
        ("dramas", "/dramas/"),
    ]:
        page.goto(site + path)
        assert screenshot(page, f"{name}-{width}").stat().st_size > 0
