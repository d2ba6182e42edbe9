"""A desk in a zone with daylight saving: stories scheduled around the clock changes
go live at the instant the desk meant, entered as a browser posts the schedule form.

Europe/London, 2026: the clocks go forward at 01:00 on 29 March (01:00-02:00 never
happens) and back at 02:00 on 25 October (01:00-02:00 happens twice; the desk gets
the first, summer-time one).
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
SECOND = datetime.timedelta(seconds=1)
BEFORE_BOTH = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def london(settings):
    settings.TIME_ZONE = "Europe/London"


def schedule(client, article, entered):
    url = reverse("admin:articles_article_transition", args=[article.pk])
    with time_machine.travel(BEFORE_BOTH, tick=False):
        return client.post(
            url, {"action": "schedule", "publish_at": entered}, follow=True
        )


@pytest.mark.parametrize(
    ("entered", "instant"),
    [
        ("2026-03-29T00:30", datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),
        ("2026-03-29T02:30", datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        ("2026-10-25T00:30", datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),
        ("2026-10-25T01:30", datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("2026-10-25T02:30", datetime.datetime(2026, 10, 25, 2, 30, tzinfo=UTC)),
    ],
)
def test_story_scheduled_around_a_clock_change_goes_live_at_its_instant(
    client, editor, entered, instant
):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(editor)

    schedule(client, article, entered)

    article.refresh_from_db()
    assert article.publish_at == instant
    with time_machine.travel(instant - SECOND, tick=False):
        assert not Article.objects.live().filter(pk=article.pk).exists()
        assert services.publish_due() == 0
    with time_machine.travel(instant + SECOND, tick=False):
        assert Article.objects.live().filter(pk=article.pk).exists()
        assert services.publish_due() == 1
    article.refresh_from_db()
    assert (article.status, article.first_published_at) == ("published", instant)


def test_time_the_clocks_skip_is_refused_with_a_reason(client, editor):
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(editor)

    response = schedule(client, article, "2026-03-29T01:30")

    article.refresh_from_db()
    assert response.status_code == 200
    assert "does not exist in Europe/London" in response.text
    assert article.status == Article.Status.IN_REVIEW
    assert article.publish_at is None


def test_desk_in_seoul_is_unaffected(client, editor, settings):
    settings.TIME_ZONE = "Asia/Seoul"
    article = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(editor)

    schedule(client, article, "2026-03-29T01:30")

    article.refresh_from_db()
    assert article.publish_at == datetime.datetime(2026, 3, 28, 16, 30, tzinfo=UTC)
