import datetime
import json
import re

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from images.models import Rendition
from tests.factories import (
    make_article,
    make_cast,
    make_crew,
    make_drama,
    make_image,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    settings.PUBLIC_PAGE_MAX_AGE = 0


def live(**overrides):
    fields = {"status": "published", "publish_at": timezone.now() - HOUR}
    return make_article(**{**fields, **overrides})


def story_with_cast(size):
    drama = make_drama(title="When the Stars Gossip", native_title="별들에게 물어봐")
    for n in range(size):
        make_cast(drama, tier="lead" if n < 2 else "supporting", billing_order=n)
    poster = make_image(kind="poster", alt_text="The poster", credit="tvN")
    poster.dramas.add(drama)
    article = live(headline="When the Stars Gossip poster", lead_image=poster)
    article.dramas.add(drama)
    live(headline="An earlier story", lead_image=make_image()).dramas.add(drama)
    return article


def json_ld(html):
    return [json.loads(m) for m in re.findall(r'ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.parametrize("cast", [5, 100])
def test_article_page_runs_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    article = story_with_cast(cast)

    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200


def test_drama_card_names_the_first_four_of_the_lead_cast_by_billing(client):
    drama = make_drama(title="When the Stars Gossip")
    for name, billing, tier in [
        ("Fifth Billed", 5, "supporting"),
        ("Unbilled Lead", None, "lead"),
        ("Gong Hyo Jin", 1, "lead"),
        ("A Cameo", 0, "cameo"),
        ("Kim Won", 3, "supporting"),
        ("Lee Min Ho", 2, "lead"),
        ("Oh Jung Se", 4, "supporting"),
    ]:
        make_cast(drama, make_person(name=name), tier=tier, billing_order=billing)
    make_crew(drama, make_person(name="Park Shin Woo"))
    article = live(headline="When the Stars Gossip poster")
    article.dramas.add(drama)

    html = client.get(article.get_absolute_url()).text

    cast = re.search(r'drama-card-full__cast">(.*?)</p>', html).group(1)
    names = re.findall(r'<a href="/people/[^"]+/">([^<]+)</a>', cast)
    assert names == ["Gong Hyo Jin", "Lee Min Ho", "Kim Won", "Oh Jung Se"]
    assert cast.startswith("With ") and "Kim Won</a> and <a" in cast


def test_drama_card_names_an_actor_in_a_dual_role_once(client):
    drama = make_drama(title="The Twins")
    twin, other = make_person(name="Kim Twin"), make_person(name="Oh Other")
    make_cast(drama, twin, character_name="The elder", billing_order=1)
    make_cast(drama, twin, character_name="The younger", billing_order=2)
    make_cast(drama, other, billing_order=3)
    article = live(headline="The Twins poster")
    article.dramas.add(drama)

    html = client.get(article.get_absolute_url()).text

    cast = re.search(r'drama-card-full__cast">(.*?)</p>', html).group(1)
    assert re.findall(r">([^<]+)</a>", cast) == ["Kim Twin", "Oh Other"]


def test_article_page_reads_notes_only_for_a_story_that_has_had_one(client):
    quiet, corrected = live(), live()
    services.add_public_note(
        corrected, by=make_user("Editor"), kind="update", text="Episode 2 moved."
    )

    for story, reads_notes in [(quiet, False), (corrected, True)]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(story.get_absolute_url()).text

        notes = [q for q in queries if "articles_publicnote" in q["sql"]]
        assert len(notes) == reads_notes
        assert ("Episode 2 moved." in html) == reads_notes


def test_reader_pages_leave_the_desks_own_fields_unread(client):
    article = story_with_cast(3)
    article.desk_findings = [{"level": "warning", "message": "A long finding."}]
    article.save()
    drama = article.dramas.get()
    pages = [
        article.get_absolute_url(),
        reverse("home"),
        reverse("articles:list"),
        drama.get_absolute_url(),
        reverse("feeds:stories"),
    ]

    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200

        story_reads = [q["sql"] for q in queries if "articles_article" in q["sql"]]
        assert story_reads, url
        for column in ["desk_findings", "lock_version", "created_by_id"]:
            assert not any(f'"{column}"' in sql for sql in story_reads), (url, column)


def test_reader_pages_read_only_the_renditions_of_the_shapes_they_show(client):
    # An image has about 30 renditions; a page shows it in one or two shapes.
    article = story_with_cast(3)
    poster = article.lead_image
    drama = article.dramas.get()
    earlier = drama.articles.exclude(pk=article.pk).get().lead_image
    person = drama.credits.first().person
    portrait = make_image(kind="portrait")
    portrait.people.add(person)
    whole = {(poster, "original"), (poster, "social")}
    # Lists read a story's thumbnail and social card: home leads with the newest's.
    listed = {(i, s) for i in [poster, earlier] for s in ["square", "social"]}
    pages = [
        # (page, what it reads, what it shows)
        (article.get_absolute_url(), whole | {(poster, "poster"), (earlier, "square")}),
        (reverse("home"), listed, {(earlier, "social"), (poster, "square")}),
        (reverse("articles:list"), listed, {(earlier, "square"), (poster, "square")}),
        (drama.get_absolute_url(), {(poster, "poster")}),
        (person.get_absolute_url(), {(portrait, "square")}),
    ]
    made = []

    def count(sender, instance, **kwargs):
        made.append((instance.image_id, instance.shape))

    post_init.connect(count, sender=Rendition)
    try:
        for url, read, *shown in pages:
            made.clear()
            html = client.get(url).text

            assert set(made) == {(image.pk, shape) for image, shape in read}, url
            for image, shape in shown[0] if shown else read:
                assert f"/renditions/{image.pk}/{shape}-" in html, (url, shape)
    finally:
        post_init.disconnect(count, sender=Rendition)


def test_article_page_shows_the_story_its_show_and_related_stories(client):
    article = story_with_cast(5)
    services.add_public_note(
        article, by=make_user("Editor"), kind="correction", text="Fixed a name."
    )

    html = client.get(article.get_absolute_url()).text

    assert "When the Stars Gossip poster" in html
    assert "<picture>" in html and 'alt="The poster"' in html
    assert "Image: tvN" in html
    assert "별들에게 물어봐" in html
    assert "Fixed a name." in html
    assert "More on When the Stars Gossip" in html and "An earlier story" in html
    assert 'property="og:image"' in html and 'content="summary_large_image"' in html


def test_article_page_describes_itself_as_a_news_article_about_the_series(client):
    article = story_with_cast(5)

    data = json_ld(client.get(article.get_absolute_url()).text)[0]

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "When the Stars Gossip poster"
    assert data["about"][0]["@type"] == "TVSeries"
    assert data["about"][0]["name"] == "When the Stars Gossip"
    assert data["image"][0].endswith(".jpg")
    assert {"datePublished", "dateModified", "author", "publisher"} <= set(data)


def test_article_times_are_shown_in_the_desks_zone(client):
    article = live(
        publish_at=datetime.datetime(2024, 12, 16, 2, 0, tzinfo=datetime.UTC)
    )

    html = client.get(article.get_absolute_url()).text

    assert "December 16, 2024, 11:00 KST" in html


@pytest.mark.parametrize("count", [10, 50])
def test_home_and_story_list_run_a_fixed_number_of_queries(
    client, count, django_assert_max_num_queries
):
    drama = make_drama(premiere_on=timezone.localdate() + datetime.timedelta(days=3))
    for n in range(count):
        live(headline=f"Story {n}", lead_image=make_image() if n < 3 else None)
    live().dramas.add(drama)

    for url in [reverse("home"), reverse("articles:list")]:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_home_shows_the_lead_latest_premieres_and_dramas_in_the_news(client):
    soon = make_drama(
        title="Soon", premiere_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    older = live(headline="Older story", publish_at=timezone.now() - 2 * HOUR)
    newest = live(headline="Newest story")
    newest.dramas.add(soon)

    html = client.get(reverse("home")).text

    assert html.index("Newest story") < html.index("Older story")
    assert "Premieres in the next 30 days" in html and ">Soon</a>" in html
    assert "1 story" in html
    assert older.headline in html


def in_the_news(html):
    heading = html.index('id="news-dramas-heading"')
    section = html[heading : html.index("</section>", heading)]
    return re.findall(r">([^<]+)</a> <span class=\"story-meta\">(\d+) stor", section)


def test_dramas_in_the_news_rank_by_stories_then_title(client):
    titles = ["Busy", "Alpha", "Beta", "Gamma"]
    busy, alpha, beta, gamma = (make_drama(title=title) for title in titles)
    for n in range(3):
        live(headline=f"Busy {n}").dramas.add(busy)
    for drama in [beta, alpha]:
        live().dramas.add(drama)
    both = live()
    both.dramas.add(gamma, beta)
    live(publish_at=timezone.now() - 20 * 24 * HOUR).dramas.add(gamma)  # too old
    make_article(status="draft").dramas.add(alpha)  # not out

    assert in_the_news(client.get(reverse("home")).text) == [
        ("Busy", "3"),
        ("Beta", "2"),
        ("Alpha", "1"),
        ("Gamma", "1"),
    ]


def test_dramas_in_the_news_read_only_the_shows_they_count(client):
    # Joining the stories' shows to the dramas table made PostgreSQL hash every show
    # in the archive (3,000 on the bench desk) to name the six busiest.
    shown = make_drama(title="In the news")
    live().dramas.add(shown)
    for n in range(5):
        make_drama(title=f"Quiet {n}")

    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("home")).text

    assert in_the_news(html) == [("In the news", "1")]
    named = [q["sql"] for q in queries if '"dramas_drama"' in q["sql"]]
    counted = [sql for sql in named if "BETWEEN" not in sql]
    assert counted and all("JOIN" not in sql for sql in counted)
    assert all('"dramas_drama"."id" IN (' in sql for sql in counted)


def test_story_list_filters_by_drama_person_kind_and_dates(client):
    drama = make_drama(slug="stars")
    about = live(headline="About the drama", kind="casting")
    about.dramas.add(drama)
    live(headline="Something else", publish_at=timezone.now() - 40 * 24 * HOUR)
    url = reverse("articles:list")

    assert "About the drama" in client.get(url, {"drama": "stars"}).text
    assert "Something else" not in client.get(url, {"drama": "stars"}).text
    assert "About the drama" in client.get(url, {"kind": "casting"}).text
    week_ago = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    recent = client.get(url, {"published_after": week_ago}).text
    assert "About the drama" in recent and "Something else" not in recent


def test_story_list_says_what_is_wrong_with_its_filters(client):
    live(headline="About the drama")
    url = reverse("articles:list")

    reversed_dates = client.get(
        url, {"published_after": "2025-02-01", "published_before": "2024-01-01"}
    )
    unknown_kind = client.get(url, {"kind": "opinion"})

    assert "The “From” date is after the “To” date" in reversed_dates.text
    assert 'value="2025-02-01"' in reversed_dates.text  # kept, to correct
    assert "check the dates" not in unknown_kind.text
    assert "check the filter marked above" in unknown_kind.text
    assert "Select a valid choice" in unknown_kind.text
    assert "About the drama" not in reversed_dates.text + unknown_kind.text


def test_story_list_of_a_drama_or_person_says_whose_it_is(client):
    drama = make_drama(title="When the Stars Gossip", slug="stars")
    person = make_cast(drama).person
    url = reverse("articles:list")

    for query, subject in [
        ({"drama": "stars"}, drama),
        ({"person": person.slug}, person),
    ]:
        html = client.get(url, query).text

        assert f"<title>Stories about {subject} · " in html
        assert (
            f'Stories about <a href="{subject.get_absolute_url()}">{subject}</a>'
            in html
        )

    for query in [{}, {"drama": "no-such-show"}]:
        assert "<h1>Stories</h1>" in client.get(url, query).text


def test_story_list_kind_choice_starts_at_all_kinds(client):
    html = client.get(reverse("articles:list"), {"kind": ""}).text

    assert '<option value="" selected>All kinds</option>' in html
    assert '<option value="casting">Casting news</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-3",
        "page=99999",
        "published_after=2024-13-45",
        "kind=opinion",
        "drama=" + "x" * 5000,
        "person=%00",
    ],
)
def test_story_list_answers_garbage_with_a_page_not_an_error(client, query):
    live()

    response = client.get(f"{reverse('articles:list')}?{query}")

    assert response.status_code == 200


def test_preview_renders_the_readers_page_with_its_cards(client, editor):
    article = story_with_cast(5)
    article.status = "draft"
    article.save()
    client.force_login(editor)

    html = client.get(reverse("admin:articles_preview", args=[article.pk])).text

    assert "Preview for the desk" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "The show" in html


def test_drama_page_shows_posters_and_stories_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    article = story_with_cast(100)
    drama = article.dramas.get()

    with django_assert_max_num_queries(8):
        html = client.get(drama.get_absolute_url()).text

    assert 'alt="The poster"' in html
    assert "Stories about When the Stars Gossip" in html
    assert "When the Stars Gossip poster" in html and "An earlier story" in html
    assert reverse("feeds:drama", args=[drama.slug]) in html


def test_person_page_shows_portrait_and_stories_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    from tests.factories import make_person

    person = make_person(name="Lee Min Ho")
    portrait = make_image(kind="portrait", alt_text="Lee Min Ho, smiling")
    portrait.people.add(person)
    for n in range(10):
        live(headline=f"Lee Min Ho story {n}").people.add(person)
    draft = make_article(headline="Unpublished about him")
    draft.people.add(person)

    with django_assert_max_num_queries(8):
        html = client.get(person.get_absolute_url()).text

    assert 'alt="Lee Min Ho, smiling"' in html
    assert "Lee Min Ho story 9" in html
    assert "Unpublished about him" not in html


def test_story_list_pages_newer_and_older_without_a_count(client):
    stories = [live(publish_at=timezone.now() - n * HOUR) for n in range(1, 23)]
    url = reverse("articles:list")

    first, second = client.get(url).text, client.get(url, {"page": 2}).text

    assert stories[19].get_absolute_url() in first
    assert stories[20].get_absolute_url() not in first
    assert stories[20].get_absolute_url() in second
    assert "Page 1</span>" in first and 'rel="next" href="?page=2"' in first
    assert 'rel="prev" href="?page=1"' in second and 'rel="next"' not in second


def test_story_list_page_past_the_end_leads_back_to_the_newest(client):
    live()

    response = client.get(reverse("articles:list"), {"page": 40, "kind": "news"})

    assert response.status_code == 200
    assert "The stories end before page 40." in response.text
    assert 'href="/stories/?kind=news">Back to the newest' in response.text
    assert '<meta name="robots" content="noindex, follow">' in response.text


def test_story_list_past_its_thousand_pages_says_how_to_reach_older_stories(client):
    live()

    response = client.get(reverse("articles:list"), {"page": 99999})

    assert response.status_code == 200
    assert "The list goes back 1000 pages. For older stories, choose dates" in (
        response.text
    )
    assert 'href="/stories/">Back to the newest' in response.text
    assert '<meta name="robots" content="noindex, follow">' in response.text
