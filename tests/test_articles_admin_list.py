import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.admin import ArticleAdmin, DeskPaginator
from tests.factories import make_article, make_drama, make_user

pytestmark = pytest.mark.django_db
URL = reverse("admin:articles_article_changelist")


def filter_choices(client, title):
    """What the story list's filter titled `title` offers, as the desk reads it."""
    changelist = client.get(URL).context["cl"]
    spec = next(f for f in changelist.filter_specs if f.title == title)
    return [c["display"] for c in spec.choices(changelist)]


def drama_choices(client):
    return filter_choices(client, "drama in the news")


def byline_choices(client):
    return filter_choices(client, "byline")


def test_publication_time_filter_says_never_scheduled_and_finds_those(
    superuser_client,
):
    make_article(headline="A draft nobody scheduled")
    make_article(headline="Out already", publish_at=timezone.now(), status="published")

    choices = filter_choices(superuser_client, "publication time")
    never = superuser_client.get(URL, {"publish_at__isnull": "True"}).text

    assert "Never scheduled" in choices and "Scheduled or published" in choices
    assert "No date" not in choices and "Has date" not in choices
    assert "A draft nobody scheduled" in never and "Out already" not in never


def test_drama_filter_offers_only_the_shows_in_recent_stories(superuser_client):
    now = timezone.now()
    in_the_news, old_news = make_drama(title="Fresh"), make_drama(title="Stale")
    make_article(publish_at=now, status="published").dramas.set([in_the_news])
    long_ago = now - datetime.timedelta(days=90)
    make_article(publish_at=long_ago, status="published").dramas.set([old_news])

    choices = filter_choices(superuser_client, "drama in the news")

    assert choices == ["All", "Fresh"]


def test_drama_filter_is_counted_once_until_a_story_goes_out(
    superuser_client, editor, django_capture_on_commit_callbacks
):
    now = timezone.now()
    make_article(publish_at=now, status="published").dramas.set(
        [make_drama(title="Fresh")]
    )
    assert drama_choices(superuser_client) == ["All", "Fresh"]
    # Written straight to the table, not through the desk: nothing says it went out.
    make_article(publish_at=now, status="published").dramas.set(
        [make_drama(title="Quiet")]
    )
    story = make_article(status="in_review")
    story.dramas.set([make_drama(title="Breaking")])

    assert drama_choices(superuser_client) == ["All", "Fresh"]
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(story, by=editor)

    assert drama_choices(superuser_client) == ["All", "Breaking", "Fresh", "Quiet"]


def test_drama_filter_keeps_the_stories_about_that_show(superuser_client):
    drama = make_drama(title="Fresh")
    about = make_article(publish_at=timezone.now(), status="published")
    about.dramas.set([drama])
    make_article(headline="Unrelated")

    response = superuser_client.get(URL, {"dramas__id__exact": drama.pk})

    assert [a.pk for a in response.context["cl"].result_list] == [about.pk]


def test_byline_filter_is_read_once_until_a_byline_or_a_writer_changes(
    superuser_client,
):
    make_article(by=make_user("Journalist", username="mina", first_name="Mina"))
    assert byline_choices(superuser_client) == ["All", "Mina"]
    with CaptureQueriesContext(connection) as again:
        superuser_client.get(URL)
    listed_again = [q["sql"] for q in again.captured_queries]

    newcomer = make_user("Journalist", username="jun", first_name="Jun")
    make_article(by=newcomer)
    after_byline = byline_choices(superuser_client)
    newcomer.first_name = "Junho"
    newcomer.save()

    assert listed_again and not any("EXISTS" in sql for sql in listed_again)
    assert after_byline == ["All", "Jun", "Mina"]
    assert byline_choices(superuser_client) == ["All", "Junho", "Mina"]


def test_story_list_does_not_count_every_story_twice(
    superuser_client, django_assert_max_num_queries
):
    for _ in range(3):
        make_article()

    with django_assert_max_num_queries(12):
        response = superuser_client.get(URL)

    assert response.context["cl"].show_full_result_count is False


def test_story_list_reads_neither_bodies_nor_the_writers_whole_rows(superuser_client):
    make_article(headline="Casting news", body="<p>" + "Long copy. " * 500 + "</p>")

    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.get(URL)

    sqls = [q["sql"] for q in queries.captured_queries]
    bylines = [sql for sql in sqls if '"articles_byline"' in sql and "auth_user" in sql]
    assert "Casting news" in response.text
    assert not any('"articles_article"."body"' in sql for sql in sqls)
    assert bylines and not any('"auth_user"."password"' in sql for sql in bylines)


def test_story_list_counts_up_to_a_cap_and_says_there_are_more(
    superuser_client, monkeypatch
):
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 2)
    monkeypatch.setattr(DeskPaginator, "max_pages", 2)
    for _ in range(5):
        make_article()

    capped = superuser_client.get(URL).text
    one_page = superuser_client.get(
        URL, {"q": make_article(headline="Unique").headline}
    )

    assert "4 or more stories: search or filter to narrow them" in capped
    assert "1 story" in one_page.text and "or more" not in one_page.text


def test_story_list_rows_carry_the_action_checkbox(superuser_client):
    article = make_article(headline="Casting news")

    html = superuser_client.get(URL).text

    assert (
        f'<input type="checkbox" name="_selected_action" value="{article.pk}" '
        'class="action-select" aria-label="Select this story for an action - '
        'Casting news">'
    ) in html


def test_story_list_rows_link_each_story_and_give_its_time_in_the_desk_zone(
    superuser_client,
):
    at = datetime.datetime(2025, 1, 4, 10, 5, tzinfo=datetime.UTC)  # 19:05 in Seoul
    first = make_article(headline="Poster out", status="published", publish_at=at)
    second = make_article(headline="Teaser out")

    page = superuser_client.get(URL).text

    for story in (first, second):
        change = reverse("admin:articles_article_change", args=[story.pk])
        assert f'<a href="{change}">{story.headline}</a>' in page
    assert "4 Jan 2025, 19:05" in page


def test_story_list_shows_the_last_save_it_is_sorted_by(superuser_client):
    older = make_article(headline="Saved first")
    newer = make_article(headline="Saved last")
    saved = datetime.datetime(2025, 1, 4, 10, 5, tzinfo=datetime.UTC)  # Seoul 19:05
    type(older).objects.filter(pk=older.pk).update(
        modified_at=saved - datetime.timedelta(days=1)
    )
    type(newer).objects.filter(pk=newer.pk).update(modified_at=saved)

    page = superuser_client.get(URL).text

    assert '<td class="field-last_saved">4 Jan 2025, 19:05</td>' in page
    assert '<td class="field-last_saved">3 Jan 2025, 19:05</td>' in page
    assert page.index("Saved last") < page.index("Saved first")


def test_story_list_offers_a_draft_from_a_show_to_who_may_add_stories(
    superuser_client,
):
    draft = f'<a href="{reverse("admin:articles_draft")}">Draft from a show</a>'
    viewer = make_user(username="reader")
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    reader = Client()
    reader.force_login(viewer)

    assert draft in superuser_client.get(URL).text
    assert draft not in reader.get(URL).text
