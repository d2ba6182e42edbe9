"""Playwright on Debian's Chromium: never a downloaded browser.

Without /usr/bin/chromium the browser tests are skipped with a message, unless
NEWSDESK_REQUIRE_BROWSER=1 (CI), where they fail.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
MISSING = (
    f"Browser tests: Chromium not found at {CHROMIUM}; "
    "install it with apt-get install chromium"
)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"

# Playwright's sync API keeps an event loop running in this thread, and Django
# refuses database calls from a thread with a running loop unless told otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_installed():
    return os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    if chromium_installed() or os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=MISSING))


def pytest_terminal_summary(terminalreporter):
    if not chromium_installed():
        terminalreporter.write_sep("=", MISSING, yellow=True, bold=True)


# Package scope, not session: while Playwright's sync API runs, its event loop makes
# Django hand this thread a fresh set of database connections, and every test after
# it would get them too.
@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    if not chromium_installed():
        pytest.fail(f"{MISSING} (NEWSDESK_REQUIRE_BROWSER is set)", pytrace=False)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = _serialized_contents(connections)
    with sync_playwright() as playwright:
        # The fresh connections lack the snapshot that serialized_rollback
        # restores data migrations' rows from: hand it over.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        with django_db_blocker.unblock():
            connections.close_all()


def _serialized_contents(connections):
    return {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }


@pytest.fixture
def new_page(browser):
    """Open pages at a width and colour scheme; any console error fails the test."""
    contexts, errors = [], []

    def open_page(width=1280, height=900, color_scheme="light", timezone_id=None):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            timezone_id=timezone_id,
        )
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.console_errors = errors
        return page

    yield open_page
    for context in contexts:
        context.close()
    if errors:
        pytest.fail(f"Console errors: {errors}", pytrace=False)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to tests/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save
