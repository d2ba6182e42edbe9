"""The desk in a real browser, under the production Content-Security-Policy."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from dramas.models import Drama
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


def type_at_the_end_of_the_body(page, text):
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def save_after_the_session_ran_out(page, site, button="_continue"):
    """The session runs out while the page is open: the save lands on the login
    page."""
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    page.click(f"input[name={button}]")
    page.wait_for_url(f"{site}/admin/login/**")


def log_in_again(page):
    page.fill("#id_username", "journalist")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


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


def test_a_date_only_field_has_no_time_zone_note_far_from_the_desk(
    desk, new_page, screenshot
):
    # The desk is in Seoul; this editor's browser is in New York.
    page = new_page(timezone_id="America/New_York")
    log_in(page, desk, "editor")
    drama = Drama.objects.get(title="When the Stars Gossip")

    page.goto(f"{desk}/admin/dramas/drama/{drama.pk}/change/")

    premiere = page.get_by_label("Premiere date")
    assert premiere.input_value() == "2025-01-04"
    assert premiere.get_attribute("type") == "date"
    assert page.locator(".timezonewarning").count() == 0
    screenshot(page, "desk-drama-dates")


def test_a_workflow_button_asks_before_unsaved_edits_are_lost(desk, page):
    from django.contrib.auth import get_user_model

    writer = get_user_model().objects.get(username="journalist")
    story = Article.objects.create(
        headline="Poster day",
        body="<p>Copy.</p>",
        status="in_review",
        created_by=writer,
    )
    log_in(page, desk, "editor")
    page.goto(f"{desk}/admin/articles/article/{story.pk}/change/")
    questions = []

    def answer(dialog, accept=False):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", answer)
    page.fill("#id_headline", "Poster day, with the cast")
    page.click("button[value=publish]")
    page.wait_for_timeout(300)

    assert len(questions) == 1 and "not saved" in questions[0]
    assert "Publish now" in questions[0]
    story.refresh_from_db()
    assert story.status == "in_review"
    assert page.input_value("#id_headline") == "Poster day, with the cast"

    # Saved first, Publish now asks only whether to go live, and goes ahead.
    page.click("input[name=_continue]")
    page.wait_for_url(f"{desk}/admin/articles/article/{story.pk}/change/")
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.click("button[value=publish]")
    page.wait_for_selector(".desk-status--published")

    story.refresh_from_db()
    assert story.status == "published" and story.headline == "Poster day, with the cast"
    assert len(questions) == 2 and "Publish this story now?" in questions[1]

    # Withdrawing needs a reason, then asks first.
    page.click("button[value=withdraw]")
    page.wait_for_timeout(300)
    assert len(questions) == 2
    assert page.eval_on_selector("#withdraw-note", "el => !el.validity.valid")
    page.fill("#withdraw-note", "The casting is not confirmed")
    page.once("dialog", answer)
    page.click("button[value=withdraw]")
    page.wait_for_timeout(300)

    assert len(questions) == 3 and "Withdraw this story?" in questions[2]
    story.refresh_from_db()
    assert story.status == "published"
    assert page.console_errors == []


def test_the_lead_image_picker_shows_thumbnails(desk, page, screenshot):
    from tests.factories import make_image, picture_bytes

    image = make_image(
        data=picture_bytes(size=(640, 480)), alt_text="Poster in orbit", kind="poster"
    )
    log_in(page, desk, "journalist")
    page.goto(f"{desk}/admin/articles/article/add/")

    page.click(".field-lead_image .select2-selection")
    page.keyboard.type("orbit")
    choice = page.locator(".select2-results__option .autocomplete-choice").first
    choice.wait_for()
    screenshot(page, "desk-lead-image-picker")

    assert choice.locator("img").get_attribute("src") == image.thumbnail.file.url
    assert "Poster · 640×480" in choice.inner_text()
    assert choice.locator("img").evaluate("img => img.naturalWidth") > 0
    page.keyboard.press("Enter")
    chosen = page.locator(".field-lead_image .select2-selection__rendered img")
    assert chosen.get_attribute("src") == image.thumbnail.file.url
    assert page.console_errors == []


def test_changes_a_lost_session_would_have_cost_come_back_from_the_browser(
    desk, page, screenshot
):
    story, change = _open_a_story_of_the_journalist(page, desk)
    page.fill("#id_headline", "Poster day, with the cast")
    type_at_the_end_of_the_body(page, " Lee Min Ho leads it.")

    save_after_the_session_ran_out(page, desk)
    story.refresh_from_db()
    assert story.headline == "Poster day"

    log_in_again(page)
    page.wait_for_url(change)
    offer = page.locator("#story-copy")
    offer.get_by_text("This browser kept a copy of your changes").wait_for()
    assert page.input_value("#id_headline") == "Poster day"
    screenshot(page, "desk-story-copy-offered")

    offer.get_by_role("button", name="Restore my changes").click()
    assert page.input_value("#id_headline") == "Poster day, with the cast"
    assert page.input_value("#id_body") == "<p>Copy. Lee Min Ho leads it.</p>"
    page.click("input[name=_continue]")
    page.wait_for_url(change)

    story.refresh_from_db()
    assert story.headline == "Poster day, with the cast"
    assert story.body == "<p>Copy. Lee Min Ho leads it.</p>"
    # The desk has the changes now: nothing is offered, and the copy is gone.
    assert page.locator("#story-copy").is_hidden()
    assert (
        page.evaluate("Object.keys(localStorage)").count(
            f"newsdesk:story-copy:{story.created_by_id}:{story.pk}"
        )
        == 0
    )
    assert page.console_errors == []


def _story_by_journalist(**fields):
    from django.contrib.auth import get_user_model

    writer = get_user_model().objects.get(username="journalist")
    return Article.objects.create(created_by=writer, **fields)


def _open_a_story_of_the_journalist(page, site):
    """A draft of the journalist's, "Poster day", open in the editor as them."""
    story = _story_by_journalist(headline="Poster day", body="<p>Copy.</p>")
    change = f"{site}/admin/articles/article/{story.pk}/change/"
    log_in(page, site, "journalist")
    page.goto(change)
    return story, change


def _saved_by_someone_else(story, **fields):
    """Another desk member's save: new words, the next version."""
    from django.db.models import F

    Article.objects.filter(pk=story.pk).update(
        lock_version=F("lock_version") + 1, **fields
    )


def test_a_saved_story_leaves_no_copy_behind_to_offer_later(desk, page):
    story, change = _open_a_story_of_the_journalist(page, desk)
    page.fill("#id_dek", "The cast, in costume.")
    page.click("input[name=_save]")  # to the story list
    page.wait_for_url(f"{desk}/admin/articles/article/")
    _saved_by_someone_else(story, headline="Poster day, with the cast")

    page.goto(change)
    page.wait_for_selector(".ProseMirror[contenteditable=true]")

    assert page.locator("#story-copy").is_hidden()
    assert page.input_value("#id_headline") == "Poster day, with the cast"
    assert [k for k in page.evaluate("Object.keys(localStorage)") if "copy" in k] == []
    assert page.console_errors == []


def test_restoring_a_copy_older_than_someone_elses_save_shows_their_changes_first(
    desk, page
):
    story, change = _open_a_story_of_the_journalist(page, desk)
    type_at_the_end_of_the_body(page, " More.")
    save_after_the_session_ran_out(page, desk)
    _saved_by_someone_else(story, dek="The editor's standfirst.")
    log_in_again(page)
    page.wait_for_url(change)

    offer = page.locator("#story-copy")
    offer.get_by_text("Someone has saved the story since").wait_for()
    offer.get_by_role("button", name="Restore my changes").click()
    page.click("input[name=_continue]")

    # Not put over the editor's save unseen: the desk's conflict check answers.
    page.get_by_text("after you opened it").first.wait_for()
    story.refresh_from_db()
    assert story.dek == "The editor's standfirst."
    assert story.body == "<p>Copy.</p>"
    assert page.input_value("#id_body") == "<p>Copy. More.</p>"


def test_writing_on_instead_of_restoring_sets_the_copy_aside(desk, page):
    story, change = _open_a_story_of_the_journalist(page, desk)
    page.fill("#id_headline", "An older attempt")
    page.wait_for_timeout(700)
    page.goto(change)  # left without saving (desk.js asks; Playwright says yes)
    offer = page.locator("#story-copy")
    offer.get_by_text("kept a copy").wait_for()

    # A field the copy does not hold leaves the offer standing...
    page.fill("#id_slug", "poster-day-2")
    page.wait_for_timeout(700)
    assert offer.is_visible()
    # ...the story's words set it aside, and the new words are kept instead.
    page.fill("#id_headline", "Poster day, written again")
    page.wait_for_timeout(700)

    assert offer.is_hidden()
    page.goto(change)
    offer.get_by_role("button", name="Restore my changes").click()
    assert page.input_value("#id_headline") == "Poster day, written again"


def test_a_copy_of_a_story_no_longer_the_writers_to_edit_is_shown_to_copy_out(
    desk, page
):
    story, change = _open_a_story_of_the_journalist(page, desk)
    type_at_the_end_of_the_body(page, " A late line.")
    save_after_the_session_ran_out(page, desk)
    # Meanwhile an editor schedules it: only editors change it now.
    Article.objects.filter(pk=story.pk).update(
        status="scheduled",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    log_in_again(page)
    page.wait_for_url(change)

    offer = page.locator("#story-copy")
    offer.get_by_text("no longer open to your edits").wait_for()
    assert offer.get_by_label("Body").input_value() == "Copy. A late line."
    assert offer.get_by_label("Headline").input_value() == "Poster day"
    assert page.console_errors == []


def test_new_stories_in_two_tabs_keep_a_copy_each(desk, new_page):
    add = f"{desk}/admin/articles/article/add/"
    first = new_page()
    log_in(first, desk, "journalist")
    second = first.context.new_page()
    first.goto(add)
    second.goto(add)
    first.fill("#id_headline", "The first scoop")
    second.fill("#id_headline", "The second scoop")
    first.wait_for_timeout(700)
    first.close(run_before_unload=False)  # the first one left unsaved

    second.click("input[name=_save]")
    second.wait_for_url(f"{desk}/admin/articles/article/")

    # The saved one's copy went with its save; the other is offered.
    second.goto(add)
    offer = second.locator("#story-copy")
    offer.get_by_role("button", name="Restore my changes").click()
    assert second.input_value("#id_headline") == "The first scoop"
    stored = [k for k in second.evaluate("Object.keys(localStorage)") if "copy" in k]
    assert len(stored) == 1


def test_a_new_story_is_kept_too_until_the_desk_has_it_and_logging_out_drops_copies(
    desk, page
):
    add = f"{desk}/admin/articles/article/add/"
    log_in(page, desk, "journalist")
    page.goto(add)
    page.fill("#id_headline", "A scoop typed in a hurry")
    save_after_the_session_ran_out(page, desk, button="_save")
    log_in_again(page)
    page.wait_for_url(f"{desk}/admin/**")

    page.goto(add)
    page.locator("#story-copy").get_by_role("button", name="Restore my changes").click()
    page.click("input[name=_addanother]")
    page.wait_for_url(add)

    assert Article.objects.filter(headline="A scoop typed in a hurry").exists()
    assert page.locator("#story-copy").is_hidden()  # the desk has it: not offered

    # Another story begun, then the desk member logs out on purpose.
    page.fill("#id_headline", "Half a thought")
    page.wait_for_timeout(700)
    stored = page.evaluate("Object.keys(localStorage)")
    assert any("story-copy" in key for key in stored)
    page.once("dialog", lambda dialog: dialog.accept())
    page.evaluate("document.getElementById('logout-form').submit()")
    page.wait_for_url(f"{desk}/admin/logout/")
    page.wait_for_load_state()
    stored = page.evaluate("Object.keys(localStorage)")
    assert not any("story-copy" in key for key in stored)
    assert page.console_errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_story_list_fits_its_window(desk, new_page, width, screenshot):
    _story_by_journalist(
        headline="Lee Min Ho and Gong Hyo Jin front the When the Stars Gossip poster"
    )
    page = new_page(width=width)
    log_in(page, desk, "editor")
    page.goto(f"{desk}/admin/articles/article/")

    # Headline, status and time in view without scrolling the table sideways; on a
    # phone kind, bylines and last save give way.
    results = page.locator(".results")
    overflow = results.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0, f"the table is {overflow}px wider than its column"
    assert page.locator("th.column-when").is_visible()
    assert page.locator("th.column-last_saved").is_visible() == (width > 767)
    screenshot(page, f"desk-story-list-{width}")
    assert page.console_errors == []


def test_a_picture_over_the_size_limit_is_refused_before_it_is_sent(
    desk, page, settings, screenshot
):
    from images.models import Image
    from tests.factories import picture_bytes

    settings.NEWSDESK_IMAGE_MAX_BYTES = 40_000
    log_in(page, desk, "journalist")
    page.goto(f"{desk}/admin/images/image/add/")
    page.fill("#id_alt_text", "The cast at the script reading")
    page.fill("#id_credit", "tvN")
    posts = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))

    # Choosing no file (or clearing the choice) flags nothing.
    page.set_input_files("#id_file", files=[])
    assert "errors" not in page.get_attribute(".form-row.field-file", "class")

    big = {"name": "reading.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * 100_000}
    page.set_input_files("#id_file", files=[big])
    page.click("input[name=_save]")

    refused = page.locator("#id_file_size")
    assert refused.inner_text() == (
        "The file is 97 KB; the limit is 39 KB. Export a smaller JPEG or WebP and "
        "choose that."
    )
    assert "id_file_size" in page.get_attribute("#id_file", "aria-describedby")
    screenshot(page, "desk-image-too-big")
    assert posts == [] and page.url.endswith("/admin/images/image/add/")
    assert page.evaluate("document.activeElement.id") == "id_file"
    assert page.input_value("#id_alt_text") == "The cast at the script reading"

    small = {"name": "reading.jpg", "mimeType": "image/jpeg"}
    small["buffer"] = picture_bytes(size=(400, 300))
    page.set_input_files("#id_file", files=[small])
    assert refused.is_hidden()
    page.click("input[name=_save]")
    page.wait_for_url(f"{desk}/admin/images/image/")
    assert Image.objects.get().alt_text == "The cast at the script reading"
