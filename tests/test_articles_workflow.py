"""The permission matrix, exercised the way a browser posts to the desk."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, StatusChange
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
S = Article.Status

FUTURE = "2099-01-04T19:00"


def post_transition(client, article, action, **data):
    url = reverse("admin:articles_article_transition", args=[article.pk])
    return client.post(url, {"action": action, "note": "Tighten the top.", **data})


# (action, starting status, extra POST data, status an editor ends with)
EDITOR_MOVES = [
    ("submit", S.DRAFT, {}, S.IN_REVIEW),
    ("publish", S.IN_REVIEW, {}, S.PUBLISHED),
    ("schedule", S.IN_REVIEW, {"publish_at": FUTURE}, S.SCHEDULED),
    ("schedule", S.SCHEDULED, {"publish_at": "2099-02-01T08:30"}, S.SCHEDULED),
    ("send_back", S.IN_REVIEW, {}, S.DRAFT),
    ("withdraw", S.PUBLISHED, {}, S.WITHDRAWN),
    ("publish", S.WITHDRAWN, {}, S.PUBLISHED),
]


def make_in_state(status, by):
    fields = {"status": status}
    if status in {S.SCHEDULED, S.PUBLISHED}:
        fields["publish_at"] = "2099-01-01T00:00Z"
    return make_article(by=by, **fields)


@pytest.mark.parametrize(("action", "start", "data", "end"), EDITOR_MOVES)
def test_editor_can_make_every_transition(client, editor, action, start, data, end):
    article = make_in_state(start, make_user("Journalist"))
    client.force_login(editor)

    response = post_transition(client, article, action, **data)

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.status == end
    change = StatusChange.objects.filter(article=article).first()
    assert (change.by, change.from_status, change.to_status) == (editor, start, end)


def test_journalist_submits_their_own_draft(client, journalist):
    article = make_article(by=journalist)
    client.force_login(journalist)

    post_transition(client, article, "submit")

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_submitting_copy_the_desk_checks_flag_says_what_holds_it_back(
    client, journalist
):
    flagged = make_article(by=journalist, headline="Flagged")
    flagged.desk_findings = [
        {"level": "error", "code": "tense", "message": "m", "sentence": "s"},
        {"level": "error", "code": "year", "message": "m", "sentence": "s"},
        {"level": "warning", "code": "stale", "message": "m", "sentence": "s"},
    ]
    flagged.save()
    clean = make_article(by=journalist, headline="Clean")
    client.force_login(journalist)

    said = {}
    for story in [flagged, clean]:
        url = reverse("admin:articles_article_transition", args=[story.pk])
        shown = client.post(url, {"action": "submit"}, follow=True)
        said[story.headline] = [str(m) for m in shown.context["messages"]]

    assert said["Flagged"] == [
        "“Flagged” is now in review.",
        "Desk checks found 2 errors in it, listed under Desk checks: they hold it "
        "back from publication until fixed, or until an editor goes ahead with a "
        "written reason.",
    ]
    assert said["Clean"] == ["“Clean” is now in review."]


@pytest.mark.parametrize(
    ("action", "start", "data"),
    [(a, s, d) for a, s, d, _ in EDITOR_MOVES if a != "submit"],
)
def test_journalist_is_refused_every_editor_transition(
    client, journalist, action, start, data
):
    article = make_in_state(start, journalist)
    client.force_login(journalist)

    response = post_transition(client, article, action, **data)

    article.refresh_from_db()
    assert response.status_code == 403
    assert article.status == start
    assert not StatusChange.objects.exists()


def test_journalist_cannot_touch_another_journalists_draft(client, journalist):
    article = make_article(by=make_user("Journalist"))
    client.force_login(journalist)

    transition = post_transition(client, article, "submit")
    change_page = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )

    article.refresh_from_db()
    assert transition.status_code == 404
    assert change_page.status_code == 302
    assert article.status == S.DRAFT


@pytest.mark.parametrize("action", ["submit", "publish", "withdraw"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, action):
    article = make_in_state(S.PUBLISHED if action == "withdraw" else S.DRAFT, None)

    response = post_transition(client, article, action)

    status_before = article.status
    article.refresh_from_db()
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert article.status == status_before


def test_bulk_publish_is_not_offered_to_a_journalist(client, journalist):
    article = make_article(by=journalist)
    client.force_login(journalist)

    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert article.status == S.DRAFT


def bulk_publish(client, articles, **data):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [a.pk for a in articles], **data},
    )


def test_bulk_publish_by_an_editor_goes_through_the_service(client, editor):
    articles = [make_article(status=S.IN_REVIEW) for _ in range(3)]
    client.force_login(editor)

    response = bulk_publish(client, articles, post="yes")

    assert response.status_code == 302
    assert Article.objects.filter(status=S.PUBLISHED).count() == 3
    assert StatusChange.objects.filter(to_status=S.PUBLISHED, by=editor).count() == 3


def test_bulk_publish_names_the_stories_before_anything_goes_out(client, editor):
    draft = make_article(headline="Straight from the draft")
    flagged = make_article(headline="Flagged copy", status=S.IN_REVIEW)
    flagged.desk_findings = [
        {"level": "error", "code": "tense", "message": "m", "sentence": "s"},
        {"level": "warning", "code": "stale", "message": "m", "sentence": "s"},
    ]
    flagged.save()
    out = make_in_state(S.PUBLISHED, None)
    client.force_login(editor)

    asked = bulk_publish(client, [draft, flagged, out], index="0")

    assert asked.status_code == 200
    assert not StatusChange.objects.exists()
    text = asked.text
    assert "Readers will see these 2 stories at once" in text
    assert "A draft goes out without a review" in text
    assert "Straight from the draft" in text and "Flagged copy" in text
    assert out.headline not in text
    assert "desk checks found 1 error: it stays as it is until that is fixed" in text
    assert "1 of the stories you chose is on the site already" in text
    assert 'value="Publish 2 stories now"' in text
    assert '<input type="hidden" name="action" value="publish_now">' in text


def test_bulk_publish_counts_a_scheduled_story_past_its_minute_as_out(client, editor):
    due = make_article(
        headline="Due already", status=S.SCHEDULED, publish_at=timezone.now()
    )
    later = make_in_state(S.SCHEDULED, None)
    client.force_login(editor)

    asked = bulk_publish(client, [due, later], index="0")

    assert later.headline in asked.text and "Due already" not in asked.text
    assert "1 of the stories you chose is on the site already" in asked.text


def test_bulk_publish_of_stories_already_out_says_there_is_nothing_to_do(
    client, editor
):
    out = make_in_state(S.PUBLISHED, None)
    client.force_login(editor)

    asked = bulk_publish(client, [out], index="0")
    again = bulk_publish(client, [out], post="yes")

    assert "there is nothing to publish" in asked.text
    assert 'name="post"' not in asked.text
    messages = [str(m) for m in again.wsgi_request._messages]
    assert messages == [
        "Nothing was published: all of those stories are on the site already."
    ]


def test_forged_status_in_the_change_form_is_ignored(client, journalist):
    article = make_article(by=journalist)
    client.force_login(journalist)
    url = reverse("admin:articles_article_change", args=[article.pk])

    client.post(url, change_form_data(article, status="published"))

    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert article.headline == "Edited headline"


def test_journalist_cannot_edit_their_story_once_scheduled(client, journalist):
    article = make_in_state(S.SCHEDULED, journalist)
    client.force_login(journalist)
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client.post(url, change_form_data(article))

    article.refresh_from_db()
    assert response.status_code == 403
    assert article.headline != "Edited headline"
    # The save came from a form opened before the schedule: say what happened.
    assert "an editor may have moved it on" in response.text
    assert "Nothing was saved" in response.text
    assert f'<a href="{url}">Open the story again</a>' in response.text


def test_a_stale_submit_button_says_the_story_has_moved_on(client, journalist, editor):
    article = make_article(by=journalist)
    client.force_login(editor)
    post_transition(client, article, "schedule", publish_at=FUTURE)
    client.force_login(journalist)

    url = reverse("admin:articles_article_transition", args=[article.pk])
    response = client.post(url, {"action": "submit"}, follow=True)

    article.refresh_from_db()
    assert article.status == S.SCHEDULED
    messages = [str(m) for m in response.context["messages"]]
    assert "A story that is scheduled cannot be submitted for review." in messages


@pytest.mark.parametrize(
    ("action", "start", "says"),
    [
        ("send_back", S.IN_REVIEW, "note goes to the writer"),
        ("withdraw", S.PUBLISHED, "reason goes in its audit trail"),
    ],
)
def test_sending_back_and_withdrawing_need_a_note(client, editor, action, start, says):
    article = make_in_state(start, make_user("Journalist"))
    client.force_login(editor)

    response = post_transition(client, article, action, note="  ")

    article.refresh_from_db()
    assert article.status == start
    assert not StatusChange.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(says in m for m in messages)


def bulk_withdraw(client, articles, follow=False, **data):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "withdraw", "_selected_action": [a.pk for a in articles], **data},
        follow=follow,
    )


def test_bulk_withdrawal_asks_for_the_reason_before_taking_anything_down(
    client, editor
):
    stories = [make_in_state(S.PUBLISHED, None) for _ in range(2)]
    draft = make_article(headline="Not out yet")
    client.force_login(editor)

    asked = bulk_withdraw(client, [*stories, draft], index="0")
    refused = bulk_withdraw(client, stories, post="yes", note=" ")

    assert asked.status_code == refused.status_code == 200
    assert all(s.headline in asked.text for s in stories)
    assert "Not out yet" not in asked.text
    assert "1 of the stories you chose is not on the site" in asked.text
    assert 'value="Withdraw 2 stories"' in asked.text
    assert 'name="note" required' in asked.text
    assert "the reason goes in each one's audit trail" in refused.text.replace(
        "&#x27;", "'"
    )
    assert Article.objects.filter(status=S.PUBLISHED).count() == 2
    assert not StatusChange.objects.exists()


def test_bulk_withdrawal_records_the_reason_on_each_story(client, editor):
    stories = [make_in_state(S.PUBLISHED, None) for _ in range(2)]
    draft = make_article()
    client.force_login(editor)

    response = bulk_withdraw(
        client, [*stories, draft], post="yes", note="Casting not confirmed."
    )

    assert response.status_code == 302
    changes = StatusChange.objects.filter(to_status=S.WITHDRAWN)
    assert sorted(c.article_id for c in changes) == sorted(s.pk for s in stories)
    assert {c.note for c in changes} == {"Casting not confirmed."}
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Withdrawn: 2 stories."]


def test_bulk_withdrawal_of_stories_not_out_says_there_is_nothing_to_do(client, editor):
    draft = make_article()
    client.force_login(editor)

    asked = bulk_withdraw(client, [draft], index="0")

    assert "there is nothing to withdraw" in asked.text
    assert 'name="note"' not in asked.text


def test_bulk_withdrawal_says_so_when_another_editor_got_there_first(client, editor):
    story = make_in_state(S.PUBLISHED, None)
    client.force_login(editor)
    bulk_withdraw(client, [story], index="0")
    story.status = S.WITHDRAWN
    story.save()

    response = bulk_withdraw(client, [story], post="yes", note="Legal", follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Nothing was withdrawn: none of those stories is on the site or scheduled "
        "any more."
    ]


def test_bulk_withdrawal_of_every_page_keeps_every_page(client, editor):
    stories = [make_in_state(S.PUBLISHED, None) for _ in range(3)]
    client.force_login(editor)

    asked = bulk_withdraw(client, stories[:1], index="0", select_across="1")
    bulk_withdraw(client, stories[:1], post="yes", select_across="1", note="Legal")

    assert '<input type="hidden" name="select_across" value="1">' in asked.text
    assert not Article.objects.filter(status=S.PUBLISHED).exists()


def change_form_data(article, **overrides):
    data = {
        "headline": "Edited headline",
        "slug": article.slug,
        "kind": article.kind,
        "dek": article.dek,
        "body": article.body,
        "seo_title": "",
        "seo_description": "",
        "loaded_version": article.lock_version,
        "byline_set-TOTAL_FORMS": "0",
        "byline_set-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_byline_filter_lists_each_writer_once_by_name(client, editor):
    writer = make_user("Journalist", first_name="Kim", last_name="Desk")
    make_article(by=writer)
    make_article(by=writer)
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_changelist"))

    byline_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "byline"
    )
    assert [label for _, label in byline_filter.lookup_choices] == ["Kim Desk"]


def test_read_only_view_shows_the_body_as_text_not_html_source(client, journalist):
    article = make_in_state(S.PUBLISHED, journalist)
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert "<p>Lee Min Ho leads the cast.</p>" in response.text
    assert "&lt;p&gt;Lee Min Ho" not in response.text


def test_read_only_view_names_the_writers_not_their_logins(client, journalist):
    journalist.first_name, journalist.last_name = "Jo", "Min"
    journalist.save()
    article = make_in_state(S.PUBLISHED, journalist)
    client.force_login(journalist)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    shown = " ".join(html.split())
    assert '<td class="field-writer"> <p>Jo Min</p> </td>' in shown
    assert ">jo</a>" not in shown


def test_the_writer_sees_why_a_story_came_back_where_they_look_first(
    client, editor, journalist
):
    article = make_in_state(S.IN_REVIEW, journalist)
    resubmitted = make_in_state(S.IN_REVIEW, journalist)
    client.force_login(editor)
    post_transition(client, article, "send_back", note="Fix the premiere date.")
    post_transition(client, resubmitted, "send_back", note="Shorter headline.")
    client.force_login(journalist)
    post_transition(client, resubmitted, "submit")

    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    home = client.get(reverse("admin:index"))
    other = client.get(reverse("admin:articles_article_change", args=[resubmitted.pk]))

    editor_name = editor.get_full_name()
    panel = form.text.split('id="workflow-title"')[1].split("desk-checks")[0]
    assert f"Sent back by {editor_name}" in panel
    assert "Fix the premiere date." in panel
    drafts = home.text.split("<h2>My drafts</h2>")[1].split("</section>")[0]
    assert "Sent back" in drafts and "Fix the premiere date." in drafts
    # Back in review, the note is history: it stays in the audit trail only.
    assert "Sent back by" not in other.text
    assert "Shorter headline." in other.text.split("Audit trail")[1]


def test_the_panel_says_when_and_why_a_story_was_taken_down(client, editor):
    article = make_article(
        status=S.PUBLISHED,
        publish_at="2025-01-04T10:00Z",
        first_published_at="2025-01-04T10:00Z",
    )
    client.force_login(editor)
    post_transition(client, article, "withdraw", note="Wrong network in the top.")

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    panel = html.split('id="workflow-title"')[1].split("desk-checks")[0]
    assert "went live" not in panel.split("</h2>")[0]
    taken_down = (
        f"Taken down by {editor.get_full_name()} (first live 4 Jan 2025, 19:00)"
    )
    assert f"{taken_down}: “Wrong network in the top.”" in panel


def test_a_story_not_yet_live_is_withdrawn_before_it_goes_live(client, editor):
    scheduled = make_in_state(S.SCHEDULED, make_user("Journalist"))
    published = make_in_state(S.PUBLISHED, make_user("Journalist"))
    client.force_login(editor)

    def panel(article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return client.get(url).text.split('id="workflow-title"')[1]

    assert "Withdraw before it goes live" in panel(scheduled)
    assert "Withdraw from the site" not in panel(scheduled)
    assert "Withdraw from the site" in panel(published)


def test_a_refused_button_gives_back_what_was_typed_once(client, editor):
    article = make_in_state(S.IN_REVIEW, make_user("Journalist"))
    client.force_login(editor)
    page = reverse("admin:articles_article_change", args=[article.pk])

    refused = post_transition(
        client, article, "schedule", publish_at="2020-03-01T09:30"
    )
    first, again = client.get(page).text, client.get(page).text

    article.refresh_from_db()
    assert refused.status_code == 302
    assert article.status == S.IN_REVIEW
    publish_at = first.split('id="publish-at"')[1].split(">")[0]
    assert 'value="2020-03-01T09:30"' in publish_at
    assert "2020-03-01T09:30" not in again


def test_a_refused_note_for_readers_gives_back_its_text(client, editor):
    article = make_in_state(S.PUBLISHED, make_user("Journalist"))
    other = make_in_state(S.PUBLISHED, make_user("Journalist"))
    client.force_login(editor)
    url = reverse("admin:articles_add_note", args=[article.pk])

    def page(story):
        return client.get(reverse("admin:articles_article_change", args=[story.pk]))

    client.post(url, {"kind": "", "text": "The premiere is on 4 January."})
    kept = page(article).text
    client.post(url, {"kind": "", "text": "The premiere is on 4 January."})
    elsewhere = page(other).text

    assert "The premiere is on 4 January.</textarea>" in kept
    assert "The premiere is on 4 January." not in elsewhere


def test_the_history_button_opens_the_storys_own_history(client, editor):
    article = make_in_state(S.PUBLISHED, None)
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    page = client.get(response["Location"]).text

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("admin:articles_article_change", args=[article.pk]) + "#audit-title"
    )
    assert '<h2 id="audit-title">Audit trail</h2>' in page
