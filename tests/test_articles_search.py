import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article
from dramas.models import AlternativeTitle
from tests.factories import make_article, make_drama, make_person

S = Article.Status
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    # Each search is rendered anew; the page cache has its own tests.
    settings.PUBLIC_PAGE_MAX_AGE = 0


def live(**overrides):
    fields = {"status": S.PUBLISHED, "publish_at": timezone.now() - HOUR}
    return make_article(**{"body": "<p>News.</p>", **fields, **overrides})


def found(client, query, **params):
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200
    return {article.pk for article in response.context["page_obj"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "text", "query"),
    [
        ("headline", "Ratings soar for the finale", "ratings"),
        ("dek", "A surprise cameo in episode nine", "cameo"),
        ("body", "<p>The teaser shows a rooftop chase.</p>", "rooftop chase"),
    ],
)
def test_search_finds_stories_by_headline_dek_and_body(client, field, text, query):
    story, other = live(**{field: text}), live()

    assert found(client, query) == {story.pk}
    assert other.pk not in found(client, query)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["Stars Gossip", "stars GOSSIP", "별들에게 물어봐", "Ask the Stars", "물어"],
)
def test_search_finds_stories_by_any_title_of_their_drama(client, query):
    drama = make_drama(title="When the Stars Gossip", native_title="별들에게 물어봐")
    AlternativeTitle.objects.create(drama=drama, title="Ask the Stars")
    story = live()
    story.dramas.add(drama)
    live(headline="Another show")

    assert found(client, query) == {story.pk}


@pytest.mark.django_db
def test_search_finds_a_drama_by_its_new_title_and_not_its_old_one(client):
    drama = make_drama(title="Working Title")
    story = live()
    story.dramas.add(drama)
    assert found(client, "Working Title") == {story.pk}

    drama.title = "When the Stars Gossip"
    drama.save()
    AlternativeTitle.objects.create(drama=drama, title="Ask the Stars")

    assert found(client, "Working Title") == set()
    assert found(client, "Stars Gossip") == found(client, "ask the") == {story.pk}


@pytest.mark.django_db
def test_search_finds_the_same_stories_for_every_spelling_of_a_name(client):
    person = make_person(name="Lee Min Ho", native_name="이민호")
    person.aliases.create(name="Lee Min-ho")
    person.aliases.create(name="Lee Minho")
    tagged = live(body="<p>A new poster.</p>")
    tagged.people.add(person)
    hyphen = live(body="<p>Lee Min-ho returns.</p>")
    joined = live(body="<p>Lee Minho returns.</p>")
    spaced = live(headline="Lee Min Ho signs on")
    live(headline="Lee Jung-jae signs on")

    expected = {tagged.pk, hyphen.pk, joined.pk, spaced.pk}
    for query in ["Lee Min-ho", "Lee Min Ho", "Lee Minho", "lee minho", "이민호"]:
        assert found(client, query) == expected, query


@pytest.mark.django_db
def test_search_finds_a_named_person_inside_a_longer_query(client):
    person = make_person(name="Gong Hyo Jin", aliases=["Gong Hyo-jin"])
    story = live(headline="A quiet week")
    story.people.add(person)

    assert found(client, "Gong Hyo-jin interview") == {story.pk}


@pytest.mark.django_db
def test_search_finds_the_people_a_part_of_a_name_belongs_to(client):
    gong, lee = make_person(name="Gong Hyo Jin"), make_person(name="Lee Min Ho")
    about_gong, about_lee = live(headline="A quiet week"), live(headline="Back")
    about_gong.people.add(gong)
    about_lee.people.add(lee)

    assert found(client, "hyojin") == found(client, "Hyo-Jin") == {about_gong.pk}
    assert found(client, "minho") == {about_lee.pk}


@pytest.mark.django_db
def test_search_never_shows_drafts_future_withdrawn_or_in_review(client, editor):
    shown = live(headline="Casting news for the remake")
    for status in [S.DRAFT, S.IN_REVIEW, S.WITHDRAWN]:
        make_article(headline="Casting news, unseen", status=status)
    make_article(
        headline="Casting news, scheduled",
        status=S.SCHEDULED,
        publish_at=timezone.now() + HOUR,
    )

    assert found(client, "casting") == {shown.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "a" * 5000},
        {"q": "lee\x00minho"},
        {"q": "%00"},
        {"q": "'; DROP TABLE articles_article; --"},
        {"q": '"unclosed quote'},
        {"q": "!!! ??? ... ---"},
        {"q": "a:* & | ! ( ) <->"},
        {"q": ""},
        {"q": "   "},
        {"q": "news", "page": "abc"},
        {"q": "news", "page": "99999"},
        {"q": "news", "page": "-1"},
        {"q": "news", "page": "1\x00"},
    ],
)
def test_search_answers_garbage_without_an_error(client, params):
    live(headline="News of the week")

    response = client.get(reverse("search"), params)

    assert response.status_code == 200


@pytest.mark.django_db
def test_search_caps_the_query_and_says_so(client):
    response = client.get(reverse("search"), {"q": "rating " * 1000})

    assert len(response.context["query"]) <= search.MAX_QUERY_LENGTH
    assert "Only the first 200 characters were searched" in response.text


@pytest.mark.django_db
def test_search_with_no_words_shows_an_empty_state_and_no_results(client):
    live(headline="Something")

    response = client.get(reverse("search"), {"q": "?!"})

    assert list(response.context["page_obj"]) == []
    assert "No stories match" in response.text


@pytest.mark.django_db
def test_search_pages_its_results(client):
    for n in range(25):
        live(headline=f"Premiere {n}")

    first, second = found(client, "premiere"), found(client, "premiere", page=2)

    assert (len(first), len(second)) == (20, 5)
    assert not first & second


@pytest.mark.django_db
def test_search_page_has_its_own_title_and_stays_out_of_indexes(client):
    response = client.get(reverse("search"), {"q": "Lee Min-ho"})

    assert "<title>Search: “Lee Min-ho” · " in response.text
    assert '<meta name="robots" content="noindex">' in response.text


@pytest.mark.django_db
def test_every_page_has_a_search_form_in_the_header(client):
    drama = make_drama()

    response = client.get(drama.get_absolute_url())

    assert 'role="search" action="/search/" method="get"' in response.text
    assert "csrfmiddlewaretoken" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 50])
def test_search_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    person = make_person(name="Lee Min Ho", aliases=["Lee Min-ho"])
    drama = make_drama(title="When the Stars Gossip")
    for n in range(count):
        story = live(headline=f"Lee Min Ho and the stars, part {n}")
        story.people.add(person)
        story.dramas.add(drama)
    # The first search after a change to people reads every name, once per process.
    client.get(reverse("search"), {"q": "Lee Min-ho stars"})

    # The people it names; the stories about them; the stories with its words; the
    # page of stories; the people to link. The count comes from the ids read.
    with django_assert_num_queries(5):
        response = client.get(reverse("search"), {"q": "Lee Min-ho stars"})

    assert response.context["page_obj"].paginator.count == count


@pytest.mark.django_db
def test_search_ranks_headline_matches_above_body_matches(client):
    in_body = live(body="<p>The finale airs tonight.</p>")
    in_headline = live(headline="Finale tonight")

    response = client.get(reverse("search"), {"q": "finale"})

    assert [a.pk for a in response.context["page_obj"]] == [in_headline.pk, in_body.pk]


@pytest.mark.django_db
def test_search_finds_other_forms_of_a_word(client):
    story = live(headline="Three premieres this weekend")

    assert found(client, "premiere") == {story.pk}


@pytest.mark.django_db
def test_search_uses_the_gin_index_where_the_database_has_one():
    if connection.vendor != "postgresql":
        # The index migration builds nothing elsewhere: search runs without one.
        with connection.cursor() as cursor:
            tables = connection.introspection.get_constraints(
                cursor, "articles_article"
            )
        assert "article_search_document_gin" not in tables
        return
    live(headline="The finale")
    with CaptureQueriesContext(connection) as queries:
        search.find("finale")
    # find() matches the words against the stored vector, in one query...
    assert len([q for q in queries if "(search_document) @@" in q["sql"]]) == 1
    # ...which the GIN index can answer. (How PostgreSQL combines it with the date
    # and status of a test story or two is its choice, so only the match.)
    words = SearchQuery("finale", search_type="websearch", config="english")
    matching = Article.objects.alias(document=search.document()).filter(document=words)
    sql, params = matching.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # A table of one story is read whole, or along any index with a filter:
        # take those ways away, so what is left is an index that can answer @@.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "article_search_document_gin" in plan, plan


@pytest.mark.django_db
def test_search_ranks_the_newest_matches_and_says_older_ones_match_too(
    client, monkeypatch
):
    monkeypatch.setattr(search, "WINDOW", 3)
    stories = [
        live(headline=f"Premiere week, day {n}", publish_at=timezone.now() - n * HOUR)
        for n in range(1, 6)
    ]

    response = client.get(reverse("search"), {"q": "premiere"})

    assert [a.pk for a in response.context["page_obj"]] == [s.pk for s in stories[:3]]
    assert "The best of the 3 newest stories" in response.text
    assert "add a word to narrow the search" in response.text
    assert (
        "older ones match too" not in client.get(reverse("search"), {"q": "day 5"}).text
    )


@pytest.mark.django_db
def test_search_knows_a_spelling_added_after_the_last_search(client):
    person = make_person(name="Kim Ji-won")
    story = live(body="<p>Kim Jiwon's next role is set.</p>")
    story_about = live(headline="Casting news")
    story_about.people.add(person)
    assert found(client, "Kim Gee-won") == set()

    person.aliases.create(name="Kim Gee-won")

    assert found(client, "Kim Gee-won") == {story_about.pk}
    person.aliases.create(name="Kim Jiwon")
    assert found(client, "Kim Gee-won") == {story_about.pk, story.pk}


@pytest.mark.django_db
def test_search_follows_edits_and_deletions(client):
    story = live(headline="Casting news", body="<p>The rooftop scene.</p>")
    assert found(client, "rooftop") == {story.pk}

    story.body = "<p>The river scene.</p>"
    story.save()

    assert found(client, "rooftop") == set()
    assert found(client, "river") == {story.pk}
    story.delete()
    assert found(client, "river") == set()


@pytest.mark.django_db
def test_search_reads_the_words_of_a_body_not_its_links(client):
    live(body='<p>Read <a href="https://news.example/people/kim">her profile</a>.</p>')

    assert found(client, "people") == set()
    assert found(client, "profile") != set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['"', 'lee"min', "NEAR(a b)", "a*", "^lead", "a OR", "-x", "(", "{x}:y"]
)
def test_search_reads_search_syntax_as_plain_words(client, query):
    live(headline="Lead role for Lee Min-ho")

    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200


@pytest.mark.django_db
def test_search_links_the_dramas_and_people_it_names(client):
    person = make_person(name="Gong Hyo Jin", aliases=["Kong Hyo-jin"])
    drama = make_drama(title="When the Stars Gossip", native_title="별들에게 물어봐")
    make_person(name="Park Shin Woo")  # named by no query below
    for n in range(25):
        live(headline=f"Stars story {n}").people.add(person)

    html = client.get(reverse("search"), {"q": "Kong Hyo-jin"}).text
    assert f'<a href="{person.get_absolute_url()}">Gong Hyo Jin</a>' in html
    assert "Park Shin Woo" not in html and "Dramas</span>" not in html

    html = client.get(reverse("search"), {"q": "stars gossip"}).text
    assert f'<a href="{drama.get_absolute_url()}">When the Stars Gossip</a>' in html
    assert '<span lang="ko">별들에게 물어봐</span>' in html

    # Only above the first page of stories.
    html = client.get(reverse("search"), {"q": "Kong Hyo-jin", "page": 2}).text
    assert "People</span>" not in html and "Stars story" in html


@pytest.mark.django_db
def test_search_finds_a_person_with_no_stories_yet(client):
    person = make_person(name="Seo Sook Hyang")

    html = client.get(reverse("search"), {"q": "seo sook hyang"}).text

    assert f'<a href="{person.get_absolute_url()}">Seo Sook Hyang</a>' in html
    assert "No stories match “seo sook hyang” yet." in html


@pytest.mark.django_db
def test_search_page_has_one_search_form_and_other_pages_the_headers(client):
    search = client.get(reverse("search"), {"q": "Lee Min Ho"}).text
    home = client.get(reverse("home")).text

    assert search.count('role="search"') == 1 and 'id="search-q"' in search
    assert home.count('role="search"') == 1 and 'class="site-search"' in home
