import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, StatusChange
from tests.factories import make_article

S = Article.Status
ROOT = Path(__file__).resolve().parent.parent
# 19:00 on 4 January 2025 in Seoul.
GO_LIVE = datetime.datetime(2025, 1, 4, 10, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def scheduled(db, editor):
    article = make_article(status=S.IN_REVIEW)
    with time_machine.travel(GO_LIVE - datetime.timedelta(days=1), tick=False):
        services.schedule(article, by=editor, publish_at=GO_LIVE)
    return article


@pytest.mark.parametrize(("offset", "visible"), [(-SECOND, False), (SECOND, True)])
def test_scheduled_story_is_public_from_its_second(client, scheduled, offset, visible):
    with time_machine.travel(GO_LIVE + offset, tick=False):
        page = client.get(scheduled.get_absolute_url())
        listing = client.get(reverse("articles:list"))
        live = list(Article.objects.live())

    assert (page.status_code == 200) is visible
    assert (scheduled.headline in listing.text) is visible
    assert (scheduled in live) is visible


def test_scheduled_story_is_404_before_its_time_with_no_job_run(client, scheduled):
    with time_machine.travel(GO_LIVE - SECOND, tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_publish_due_records_the_publication_once(scheduled):
    with time_machine.travel(GO_LIVE + 30 * SECOND, tick=False):
        first, second = services.publish_due(), services.publish_due()

    scheduled.refresh_from_db()
    assert (first, second) == (1, 0)
    assert scheduled.status == S.PUBLISHED
    assert scheduled.first_published_at == GO_LIVE
    assert StatusChange.objects.filter(to_status=S.PUBLISHED).count() == 1


def test_publish_due_leaves_future_stories_alone(scheduled):
    with time_machine.travel(GO_LIVE - SECOND, tick=False):
        assert services.publish_due() == 0

    scheduled.refresh_from_db()
    assert scheduled.status == S.SCHEDULED


def test_scheduling_in_the_past_is_refused_with_an_offer_to_publish_now(db, editor):
    article = make_article(status=S.IN_REVIEW)
    past = datetime.datetime(2025, 1, 4, 10, 5, tzinfo=datetime.UTC)  # 19:05 Seoul

    with pytest.raises(ValidationError, match="publish the story now") as refused:
        services.schedule(article, by=editor, publish_at=past)
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    # Written as the desk's lists write times: day first, 24-hour.
    assert refused.value.messages[0].startswith("4 Jan 2025, 19:05 has already passed")


def test_schedule_form_reads_times_in_the_desks_zone(client, editor):
    article = make_article(status=S.IN_REVIEW)
    client.force_login(editor)

    client.post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "schedule", "publish_at": "2099-01-04T19:00"},
    )

    article.refresh_from_db()
    expected = datetime.datetime(2099, 1, 4, 10, 0, tzinfo=datetime.UTC)
    assert article.publish_at == expected


def test_scheduling_says_for_when_and_in_which_zone(client, editor):
    article = make_article(headline="Teaser day", status=S.IN_REVIEW)
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert "Go live at (Asia/Seoul time)" in client.get(change).text

    response = client.post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": "schedule", "publish_at": "2099-01-04T19:00"},
        follow=True,
    )

    assert "“Teaser day” is now scheduled for 4 Jan 2099, 19:00." in response.text


def _database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_due_is_exactly_once_with_concurrent_runs():
    past = timezone.now() - datetime.timedelta(minutes=5)
    due = [make_article(status=S.SCHEDULED, publish_at=past) for _ in range(40)]
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_DEBUG": "false"}

    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "publish_due"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=60) for run in runs]

    assert all(run.returncode == 0 for run in runs), outputs
    recorded = sum(int(out.split()[1]) for out, _ in outputs)
    assert recorded == len(due)
    for article in due:
        entries = StatusChange.objects.filter(article=article, to_status=S.PUBLISHED)
        assert entries.count() == 1
    assert not Article.objects.filter(status=S.SCHEDULED).exists()


def test_desk_shows_a_story_past_its_minute_as_published_with_no_job_run(
    client, editor, scheduled
):
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[scheduled.pk])

    with time_machine.travel(GO_LIVE + SECOND, tick=False):
        form = client.get(change).text
        listing = client.get(reverse("admin:articles_article_changelist")).text

    assert "desk-status--published" in form and ">Published</span>" in form
    assert "Reschedule" not in form and 'value="publish"' not in form
    assert 'value="withdraw"' in form
    assert "desk-status--published" in listing


@pytest.mark.parametrize(
    "move",
    [
        lambda story, by: services.schedule(
            story, by=by, publish_at=GO_LIVE + datetime.timedelta(days=1)
        ),
        lambda story, by: services.send_back(story, by=by, note="Redo the dek"),
    ],
    ids=["reschedule", "send back"],
)
def test_a_story_past_its_minute_cannot_be_pulled_back_except_by_withdrawal(
    client, editor, scheduled, move, django_capture_on_commit_callbacks
):
    with time_machine.travel(GO_LIVE + SECOND, tick=False):
        with pytest.raises(ValidationError, match="went live at 4 Jan 2025, 19:00"):
            move(scheduled, editor)
        scheduled.refresh_from_db()

        assert client.get(scheduled.get_absolute_url()).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            services.withdraw(scheduled, by=editor, note="Embargo")
        assert client.get(scheduled.get_absolute_url()).status_code == 404
