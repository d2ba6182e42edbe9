import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import previews, services
from articles.models import Article, PreviewLink, PublicNote
from tests.factories import (
    make_article,
    make_drama,
    make_image,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db
S = Article.Status


def form_data(article=None, **overrides):
    data = {
        "headline": article.headline if article else "Poster revealed",
        "slug": article.slug if article else "",
        "kind": "news",
        "dek": "",
        "body": article.body if article else "<p>Body</p>",
        "seo_title": "",
        "seo_description": "",
        "loaded_version": article.lock_version if article else 0,
        "byline_set-TOTAL_FORMS": "0",
        "byline_set-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def create_through_admin(client, user, **fields):
    client.force_login(user)
    client.post(reverse("admin:articles_article_add"), form_data(**fields))
    return Article.objects.latest("pk")


def test_the_change_form_reads_the_story_and_its_bylines_once(client, editor):
    """The desk panel and the form are drawn from one read of the story."""
    article = make_article()
    client.force_login(editor)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(change_url(article))
    # As a pop-up from another form opens it (Django names the key field).
    with CaptureQueriesContext(connection) as popup:
        client.get(change_url(article), {"_to_field": "id", "_popup": "1"})

    assert response.status_code == 200
    assert 'name="headline"' in response.text and 'id="workflow-title"' in response.text
    for captured in [queries, popup]:
        froms = [
            q["sql"].split(" FROM ", 1)[1].split()[0]
            for q in captured
            if " FROM " in q["sql"]
        ]
        assert froms.count('"articles_article"') == 1
    # The writers, as the prefetch reads them (the inline reads its own rows).
    assert sum('"articles_byline"."article_id") AS' in q["sql"] for q in queries) == 1


def test_the_change_form_reads_the_choices_already_made_once(client, editor):
    """Shows, people and writers are labelled from the rows the form was opened
    with; the lead image's picker reads it once, with its thumbnail, not once for
    its label and again for the thumbnail."""
    from articles.models import Byline

    writer = make_user(first_name="Min", last_name="Jo")
    article = make_article(by=writer, lead_image=make_image(alt_text="The poster"))
    Byline.objects.create(article=article, user=editor, position=1)
    shows = [make_drama(title="When the Stars Gossip"), make_drama(title="Pasta")]
    cast = [make_person(name="Lee Min Ho"), make_person(name="Gong Hyo Jin")]
    article.dramas.set(shows)
    article.people.set(cast)
    client.force_login(editor)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(change_url(article)).text

    froms = [
        q["sql"].split(" FROM ", 1)[1].split()[0]
        for q in queries
        if " FROM " in q["sql"]
    ]
    assert froms.count('"dramas_drama"') == 1
    assert froms.count('"people_person"') == 1
    # The desk panel's (are its alt text and credit there?) and the picker's.
    assert froms.count('"images_image"') == 2
    # The logged-in editor and the story's writers (the bylines' prefetch).
    assert froms.count('"auth_user"') == 2
    for record, label in [*((d, d.title) for d in shows), *((p, p.name) for p in cast)]:
        assert f'<option value="{record.pk}" selected>{label}</option>' in html
    assert (
        f'<option value="{writer.pk}" selected>Min Jo ({writer.username})</option>'
        in html
    )
    assert 'data-detail="Still' in html


def test_a_refused_save_shows_every_show_chosen_the_new_one_too(client, editor):
    article = make_article()
    held, added = make_drama(title="Pasta"), make_drama(title="Dear Hongrang")
    article.dramas.add(held)
    client.force_login(editor)

    data = form_data(article, headline="", dramas=[held.pk, added.pk, "abc"])
    html = client.post(change_url(article), data).text

    assert "This field is required." in html
    for drama in [held, added]:
        assert f'<option value="{drama.pk}" selected>{drama.title}</option>' in html


def test_second_save_is_refused_and_keeps_the_second_writers_text(client, editor):
    article = create_through_admin(client, editor, body="<p>Original.</p>")
    rival = make_user("Editor", username="min", first_name="Min", last_name="Ji")
    opened = form_data(article)
    client.force_login(rival)
    client.post(change_url(article), {**opened, "body": "<p>Rival's fix.</p>"})

    client.force_login(editor)
    response = client.post(
        change_url(article), {**opened, "body": "<p>My rewrite.</p>"}
    )

    article.refresh_from_db()
    assert response.status_code == 200
    assert "min saved this story at" in response.text
    assert "My rewrite." in response.text
    assert "<ins>Rival&#x27;s fix.</ins>" in response.text
    assert article.body == "<p>Rival's fix.</p>"


def test_saving_again_after_a_conflict_replaces_the_other_version(client, editor):
    article = create_through_admin(client, editor)
    opened = form_data(article)
    client.post(change_url(article), {**opened, "headline": "First"})
    refused = client.post(change_url(article), {**opened, "headline": "Second"})
    current = refused.context["adminform"].form["loaded_version"].value()

    client.post(
        change_url(article), {**opened, "headline": "Second", "loaded_version": current}
    )

    article.refresh_from_db()
    assert article.headline == "Second"


def test_a_save_that_does_not_say_its_version_is_refused_and_keeps_the_text(
    client, editor
):
    article = create_through_admin(client, editor, body="<p>Original.</p>")
    sent = form_data(article, body="<p>My rewrite.</p>")
    del sent["loaded_version"]

    refused = client.post(change_url(article), sent)

    article.refresh_from_db()
    assert refused.status_code == 200
    assert "did not say which version" in refused.text
    assert "My rewrite." in refused.text
    assert article.body == "<p>Original.</p>"
    current = refused.context["adminform"].form["loaded_version"].value()
    client.post(change_url(article), {**sent, "loaded_version": current})
    article.refresh_from_db()
    assert article.body == "<p>My rewrite.</p>"


def test_restoring_a_revision_whose_image_drama_or_person_was_deleted(client, editor):
    picture, drama, gone_drama = make_image(), make_drama(), make_drama()
    person, gone_person = make_person(name="Lee Min Ho"), make_person(name="Kim Won")
    article = create_through_admin(client, editor, body="<p>First words.</p>")
    client.post(
        change_url(article),
        form_data(
            article,
            lead_image=picture.pk,
            dramas=[drama.pk, gone_drama.pk],
            people=[person.pk, gone_person.pk],
        ),
    )
    article.refresh_from_db()
    client.post(change_url(article), form_data(article, body="<p>Second words.</p>"))
    tagged = Version.objects.get_for_object(article)[1]
    gone_drama.delete(), gone_person.delete(), picture.delete()

    url = reverse("admin:articles_restore", args=[article.pk, tagged.pk])
    response = client.post(url, follow=True)

    article.refresh_from_db()
    assert response.status_code == 200
    assert "That revision had 1 image, 1 drama and 1 person deleted" in response.text
    assert article.body == "<p>First words.</p>"
    assert article.lead_image is None
    assert list(article.dramas.all()) == [drama]
    assert list(article.people.all()) == [person]


def test_every_admin_save_keeps_a_revision_and_a_restore_adds_one(client, editor):
    article = create_through_admin(client, editor, body="<p>First words.</p>")
    client.post(change_url(article), form_data(article, body="<p>Second words.</p>"))
    first = Version.objects.get_for_object(article).last()

    client.post(reverse("admin:articles_restore", args=[article.pk, first.pk]))

    article.refresh_from_db()
    versions = Version.objects.get_for_object(article)
    assert article.body == "<p>First words.</p>"
    assert versions.count() == 3
    assert any(v.field_dict["body"] == "<p>Second words.</p>" for v in versions)


def test_only_revisions_with_one_before_them_offer_a_comparison(client, editor):
    article = create_through_admin(client, editor, body="<p>First words.</p>")

    html = client.get(change_url(article)).text
    assert "Compare with the one before" not in html and "The first" in html

    client.post(change_url(article), form_data(article, body="<p>Second words.</p>"))
    html = client.get(change_url(article)).text
    assert html.count("Compare with the one before") == 1


def test_revision_diff_shows_words_removed_and_added(client, editor):
    article = create_through_admin(client, editor, body="<p>Premieres in 2024.</p>")
    client.post(
        change_url(article), form_data(article, body="<p>Premieres in 2025.</p>")
    )

    response = client.get(reverse("admin:articles_revisions", args=[article.pk]))

    assert "<del>2024.</del>" in response.text
    assert "<ins>2025.</ins>" in response.text
    # Each revision named by who saved it, as the rest of the desk names people.
    assert f"· {editor.get_full_name()}</option>" in response.text
    assert f"· {editor.username}</option>" not in response.text


def test_revision_diff_names_the_image_dramas_and_people_that_changed(client, editor):
    poster = make_image(alt_text="The teaser poster")
    kept, dropped = (
        make_drama(title="When the Stars Gossip"),
        make_drama(title="Goblin"),
    )
    lee, gong = make_person(name="Lee Min Ho"), make_person(name="Gong Hyo Jin")
    kim = make_person(name="Kim Won")
    article = create_through_admin(client, editor, body="<p>Same words.</p>")
    client.post(
        change_url(article),
        form_data(article, dramas=[kept.pk, dropped.pk], people=[lee.pk]),
    )
    article.refresh_from_db()
    client.post(
        change_url(article),
        form_data(
            article,
            kind="poster_reveal",
            lead_image=poster.pk,
            dramas=[kept.pk],
            people=[lee.pk, gong.pk, kim.pk],
        ),
    )
    gone = dropped.pk
    dropped.delete()

    html = client.get(reverse("admin:articles_revisions", args=[article.pk])).text

    assert "The words are the same in both revisions." in html
    assert "<dt>Kind</dt><dd>News → Poster reveal</dd>" in html
    assert "<dt>Lead image</dt><dd>none → The teaser poster</dd>" in html
    assert f"<dt>Dramas</dt><dd>removed a deleted drama (no. {gone})</dd>" in html
    assert "<dt>People</dt><dd>added Gong Hyo Jin and Kim Won</dd>" in html


def test_revision_diff_says_when_nothing_differs(client, editor):
    article = create_through_admin(client, editor, body="<p>Same words.</p>")
    client.post(change_url(article), form_data(article))

    html = client.get(reverse("admin:articles_revisions", args=[article.pk])).text

    assert "and so are the kind, the lead image, the dramas and the people." in html


def test_revision_diff_shows_a_changed_headline_and_address(client, editor):
    article = create_through_admin(client, editor, headline="Poster day")
    client.post(
        change_url(article),
        form_data(article, headline="Poster day in orbit", slug="poster-in-orbit"),
    )

    html = client.get(reverse("admin:articles_revisions", args=[article.pk])).text

    assert "Poster day <ins>in orbit</ins>" in html
    assert "<h2>Address</h2>" in html and "<ins>poster-in-orbit</ins>" in html


def test_changing_a_published_slug_redirects_the_old_address(client, editor):
    article = make_article(status=S.IN_REVIEW)
    services.publish(article, by=editor)
    old_url = article.get_absolute_url()
    client.force_login(editor)

    client.post(change_url(article), form_data(article, slug="poster-revealed-2025"))

    article.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/stories/poster-revealed-2025/"


def test_unpublished_stories_are_404_for_readers(client):
    for status in [S.DRAFT, S.IN_REVIEW, S.WITHDRAWN]:
        article = make_article(status=status, publish_at=None)
        assert client.get(article.get_absolute_url()).status_code == 404
    future = make_article(status=S.SCHEDULED, publish_at="2099-01-01T00:00Z")
    assert client.get(future.get_absolute_url()).status_code == 404


def test_staff_preview_shows_a_draft_with_a_banner(client, journalist):
    article = make_article(by=journalist, headline="Secret casting")
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_preview", args=[article.pk]))

    assert response.status_code == 200
    assert "Secret casting" in response.text
    assert "Preview for the desk" in response.text
    editor_url = reverse("admin:articles_article_change", args=[article.pk])
    assert f'<a href="{editor_url}">Back to the editor</a>' in response.text
    assert "Not published" in response.text and "Published " not in response.text


def preview_link(client, editor, article):
    client.force_login(editor)
    client.post(reverse("admin:articles_preview_links", args=[article.pk]))
    client.logout()
    link = PreviewLink.objects.filter(article=article).latest("pk")
    return link, reverse("articles:shared_preview", args=[previews.token_for(link)])


def test_preview_link_works_without_login_and_is_noindex(client, editor):
    article = make_article(headline="Embargoed poster")
    _, url = preview_link(client, editor, article)

    response = client.get(url)

    assert response.status_code == 200
    assert "Embargoed poster" in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Until when, as the page writes times, with the zone: not a raw timestamp.
    until = timezone.localtime(PreviewLink.objects.get().expires_at)
    assert f"This link works until {until:%B} {until.day}, {until:%Y, %H:%M} KST." in (
        response.text
    )
    assert "Back to the editor" not in response.text


def test_withdrawing_a_story_stops_its_preview_links(client, editor):
    article = make_article(status=S.IN_REVIEW, headline="Rights in doubt")
    services.publish(article, by=editor)
    links = [preview_link(client, editor, article)[1] for _ in range(2)]
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "withdraw", "note": "Rights question"},
        follow=True,
    )
    again = client.post(
        reverse("admin:articles_preview_links", args=[article.pk]), follow=True
    )
    client.logout()

    said = [str(m) for m in response.context["messages"]]
    assert said == [
        "“Rights in doubt” is now withdrawn; its 2 preview links no longer work."
    ]
    for url in links:
        gone = client.get(url)
        assert gone.status_code == 410
        assert "The story has been taken off the site." in gone.text
        assert "Ask the person who sent it for a new one" not in gone.text
    # A link that escaped revoking (made before the rule) is refused all the same.
    PreviewLink.objects.update(revoked_at=None)
    assert client.get(links[0]).status_code == 410
    refused = [str(m) for m in again.context["messages"]]
    assert refused == [
        "A withdrawn story cannot be shared: a link would show anyone the copy "
        "taken off the site. The desk can still read it with Preview."
    ]
    assert PreviewLink.objects.count() == 2


def test_a_link_cannot_be_made_from_a_page_read_before_the_withdrawal(editor):
    article = make_article(status=S.IN_REVIEW)
    services.publish(article, by=editor)
    stale = Article.objects.get(pk=article.pk)
    services.withdraw(article, by=editor, note="Legal")

    with pytest.raises(ValidationError, match="A withdrawn story cannot be shared"):
        services.create_preview_link(stale, by=editor)
    assert not PreviewLink.objects.exists()


def test_a_link_that_escaped_a_withdrawal_stays_dead_after_it(client, editor):
    article = make_article(status=S.IN_REVIEW)
    services.publish(article, by=editor)
    link, url = preview_link(client, editor, article)
    services.withdraw(article, by=editor, note="Legal")
    # As if made before the rule, or by a path that skipped the service.
    PreviewLink.objects.update(revoked_at=None)
    Article.objects.filter(pk=article.pk).update(status=S.DRAFT)

    response = client.get(url)

    assert response.status_code == 410
    assert "The story has been taken off the site." in response.text


def test_a_preview_link_to_a_story_now_out_opens_its_public_page(client, editor):
    article = make_article(status=S.IN_REVIEW)
    _, url = preview_link(client, editor, article)
    services.publish(article, by=editor)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_a_preview_of_a_scheduled_story_says_when_it_goes_live(client, editor):
    article = make_article(status=S.SCHEDULED, publish_at="2099-01-04T10:00Z")
    _, url = preview_link(client, editor, article)

    response = client.get(url)

    assert 'To go live <time datetime="2099-01-04T19:00:00+09:00">' in response.text
    assert "Published " not in response.text


def test_preview_link_expires_after_48_hours(client, editor):
    _, url = preview_link(client, editor, make_article())

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=48, seconds=1)):
        response = client.get(url)

    assert response.status_code == 410


def test_revoked_preview_link_stops_working(client, editor):
    article = make_article()
    link, url = preview_link(client, editor, article)
    client.force_login(editor)
    client.post(
        reverse("admin:articles_preview_links", args=[article.pk]), {"revoke": link.pk}
    )
    client.logout()

    assert client.get(url).status_code == 410


def test_tampered_preview_link_is_404(client, editor):
    _, url = preview_link(client, editor, make_article())

    tampered = client.get(url[:-3] + "xyz/")
    assert tampered.status_code == 404
    assert client.get("/stories/preview/not-a-token/").status_code == 404
    # Said as what it is, with the way forward.
    assert "This preview link is not valid" in tampered.text
    assert "Ask the person who sent it to send it again." in tampered.text
    assert '<meta name="robots" content="noindex, nofollow">' in tampered.text


def test_journalist_cannot_make_preview_links(client, journalist):
    article = make_article(by=journalist)
    client.force_login(journalist)

    response = client.post(reverse("admin:articles_preview_links", args=[article.pk]))

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_correction_note_shows_with_its_time_and_moves_updated(client, editor):
    article = make_article(status=S.IN_REVIEW)
    services.publish(article, by=editor)
    client.force_login(editor)
    client.post(change_url(article), form_data(article, body="<p>Typo fixed.</p>"))
    article.refresh_from_db()
    assert article.updated_at is None

    client.post(
        reverse("admin:articles_add_note", args=[article.pk]),
        {"kind": "correction", "text": "An earlier version gave the wrong year."},
    )

    article.refresh_from_db()
    page = client.get(article.get_absolute_url())
    assert article.updated_at is not None
    assert "An earlier version gave the wrong year." in page.text
    assert PublicNote.objects.get().created_by == editor


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"headline": ""}, "This field is required."),
        ({"headline": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_headlines_get_a_clear_message(client, editor, fields, message):
    client.force_login(editor)

    response = client.post(reverse("admin:articles_article_add"), form_data(**fields))

    assert response.status_code == 200
    assert message in response.text
    assert not Article.objects.exists()


def test_text_that_would_print_backwards_is_shown_without_its_control_first(
    client, editor
):
    article = make_article(headline="Poster day")
    client.force_login(editor)
    typed = "\u202eWhen the Stars Gossip poster"

    refused = client.post(change_url(article), form_data(article, headline=typed))
    article.refresh_from_db()
    assert article.headline == "Poster day"
    assert "invisible character that turns the text after it backwards" in (
        refused.text
    )
    assert 'value="When the Stars Gossip poster"' in refused.text

    data = form_data(article, headline="When the Stars Gossip poster")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "When the Stars Gossip poster"


def test_taken_slug_gets_a_clear_message_and_keeps_the_text(client, editor):
    make_article(slug="poster-revealed")
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_add"),
        form_data(slug="poster-revealed", body="<p>Keep me.</p>"),
    )

    assert (
        "Another story already uses this address; choose another slug." in response.text
    )
    assert "Keep me." in response.text


@pytest.mark.parametrize(
    "data",
    [
        {"action": "explode"},
        {"action": "schedule", "publish_at": "2024-13-45T99:99"},
        {"action": "schedule"},
        {},
    ],
)
def test_garbage_transition_posts_get_a_message_not_a_500(client, editor, data):
    article = make_article(status=S.IN_REVIEW)
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_transition", args=[article.pk]), data
    )

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.status == S.IN_REVIEW


def test_publishing_is_refused_while_the_lead_image_lacks_alt_text_or_credit(editor):
    image = make_image(alt_text="", credit="")
    article = make_article(status=S.IN_REVIEW, lead_image=image)

    with pytest.raises(ValidationError) as refused:
        services.publish(article, by=editor)

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert refused.value.messages == [
        "The lead image has no alt text.",
        "The lead image has no credit.",
    ]


def test_restoring_a_live_story_shows_at_once_on_cached_pages(
    client, editor, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_MAX_AGE = 60
    article = create_through_admin(client, editor, body="<p>First words.</p>")
    client.post(change_url(article), form_data(article, body="<p>Second words.</p>"))
    services.publish(article, by=editor)
    client.logout()
    assert "Second words." in client.get(article.get_absolute_url()).text  # cached

    first = Version.objects.get_for_object(article).last()
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_revision(article, version=first, by=editor)

    assert "First words." in client.get(article.get_absolute_url()).text


@pytest.mark.parametrize(
    ("status", "slug", "follows"),
    [
        (S.DRAFT, "teaser-out", True),
        (S.IN_REVIEW, "teaser-out-2", True),
        (S.DRAFT, "our-own-address", False),
        (S.SCHEDULED, "teaser-out", False),
    ],
)
def test_a_drafts_filled_in_slug_follows_its_headline(
    client, editor, status, slug, follows
):
    later = timezone.now() + datetime.timedelta(days=1)
    article = make_article(
        headline="Teaser out", slug=slug, status=status, publish_at=later
    )
    client.force_login(editor)

    client.post(
        change_url(article), form_data(article, headline="Teaser and poster out")
    )

    article.refresh_from_db()
    assert article.headline == "Teaser and poster out"
    assert (article.slug == "teaser-and-poster-out") is follows
    assert follows or article.slug == slug


@pytest.mark.parametrize(
    ("edited", "shown"),
    [
        (  # a paragraph added: its own line
            "<p>Premieres in 2025.</p><p>On tvN.</p><p>New.</p>",
            "Premieres in <del>2024.</del> <ins>2025.</ins><br><br>On tvN.<br><br>"
            "<ins>New.</ins>",
        ),
        (  # two neighbouring paragraphs changed: the break between them kept
            "<p>Premieres in 2025.</p><p>On JTBC.</p>",
            "Premieres in <del>2024.</del> <ins>2025.</ins><br><br>"
            "On <del>tvN.</del> <ins>JTBC.</ins>",
        ),
        (  # two paragraphs made one: the break marked as removed
            "<p>Premieres in 2024. On tvN.</p>",
            "Premieres in 2024. <del>¶</del> On tvN.",
        ),
    ],
)
def test_revision_diff_keeps_the_paragraphs(client, editor, edited, shown):
    article = create_through_admin(
        client, editor, body="<p>Premieres in 2024.</p><p>On tvN.</p>"
    )
    client.post(change_url(article), form_data(article, body=edited))

    response = client.get(reverse("admin:articles_revisions", args=[article.pk]))

    assert shown in response.text


def test_a_copy_edit_of_every_paragraph_of_a_long_story_is_shown_word_by_word(
    client, editor
):
    # 2,400 words: too many to compare all at once, so each paragraph is compared
    # with the one in its place.
    paragraphs = [f"Paragraph {n} " + "of the long story " * 15 for n in range(40)]
    article = create_through_admin(
        client, editor, body="".join(f"<p>{p}</p>" for p in paragraphs)
    )
    edited = [p.replace("Paragraph", "Part") for p in paragraphs]
    client.post(
        change_url(article),
        form_data(article, body="".join(f"<p>{p} &amp; more.</p>" for p in edited)),
    )

    html = client.get(reverse("admin:articles_revisions", args=[article.pk])).text

    assert html.count("<del>Paragraph</del> <ins>Part</ins> 7 of the long") == 1
    assert html.count("<ins>&amp; more.</ins>") == 40
