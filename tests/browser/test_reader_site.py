import pytest
from django.core.management import call_command

# serialized_rollback: the desk groups come from a data migration, and the flush
# after each transactional test would otherwise leave loaddemo without them.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "dramas": "/dramas/",
    "drama": "/dramas/when-the-stars-gossip/",
    "person": "/people/lee-min-ho/",
}


@pytest.fixture
def site(live_server):
    call_command("loaddemo", verbosity=0)
    return live_server.url


def test_drama_list_leads_to_drama_then_person_and_back(site, page):
    page.goto(f"{site}/dramas/")
    page.get_by_role("link", name="When the Stars Gossip", exact=True).click()

    assert page.get_by_role("heading", level=1).inner_text() == "When the Stars Gossip"
    assert page.locator(".native-name[lang=ko]").inner_text() == "별들에게 물어봐"

    page.get_by_role("link", name="Lee Min Ho", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lee Min Ho"
    page.go_back()
    assert page.url.endswith(PAGES["drama"])
    assert page.console_errors == []


def test_pages_do_not_scroll_sideways_on_a_phone(site, new_page):
    for color_scheme in ("light", "dark"):
        page = new_page(width=375, color_scheme=color_scheme)
        for path in PAGES.values():
            page.goto(site + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} is {width}px wide in {color_scheme} mode"


def test_skip_link_is_the_first_stop_and_moves_to_main(site, page):
    page.goto(site + PAGES["person"])
    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    # The address changes after the key's default action: wait for it, not a race.
    page.wait_for_function("location.hash === '#main'")
    assert page.url.endswith("#main")


def test_screenshots_at_phone_and_desktop_widths(site, new_page, screenshot):
    for width in (375, 1280):
        page = new_page(width=width)
        for name, path in PAGES.items():
            page.goto(site + path)
            assert screenshot(page, f"{name}-{width}").stat().st_size > 0
