import datetime
import html
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from articles import deskcheck
from articles.drafting import KINDS, draft_story
from articles.models import Article
from dramas.models import Drama
from images.demo import POSTER_CAST
from images.models import Image
from newsdesk import demo
from people.models import Person, Role
from tests.factories import (
    make_cast,
    make_crew,
    make_drama,
    make_image,
    make_network,
    make_person,
    make_user,
    picture_bytes,
)

pytestmark = pytest.mark.django_db
D = datetime.date
REFERENCE_DAY = D(2024, 12, 16)


@pytest.fixture
def stars():
    """The demo desk's show data and a small stand-in for its poster (same facts)."""
    dramas, people = demo.load_show_data()
    drama = dramas["when-the-stars-gossip"]
    poster = make_image(
        data=picture_bytes(size=(200, 300)),
        kind=Image.Kind.POSTER,
        unveiled_on=REFERENCE_DAY,
        credit="Demo artwork",
    )
    poster.dramas.set([drama])
    poster.people.set([people[slug] for slug in POSTER_CAST])
    return drama


@pytest.fixture
def poster_reveal(stars, journalist):
    return draft_story("poster-reveal", by=journalist, drama=stars, at=REFERENCE_DAY)


def text_of(article):
    return re.sub(r"<[^>]+>", "", f"{article.headline}\n{article.dek}\n{article.body}")


def test_poster_reveal_carries_the_shows_titles_network_and_poster(poster_reveal):
    text = text_of(poster_reveal)

    assert "When the Stars Gossip" in poster_reveal.headline
    assert "(별들에게 물어봐)" in text
    assert "tvN" in text
    assert "unveiled on Monday, December 16, 2024" in text
    assert "Lee Min Ho, Gong Hyo Jin, Oh Jung Se and Heo Nam Jun" in text


def test_poster_reveal_carries_each_leads_character_and_description(poster_reveal):
    text = text_of(poster_reveal)

    for fact in [
        "Lee Min Ho plays Gong Ryong, an OB-GYN who boards the space station as a "
        "tourist for a few days, on a mission he cannot disclose.",
        "Gong Hyo Jin is Eve Kim, a commander leading her first mission",
        "Kang Kang Soo, a researcher who studies fruit flies on the station: the "
        "second son of a global financial family",
        "Choi Go Eun, Gong Ryong's girlfriend and the sole heir of MZ Group's chairman",
    ]:
        assert fact in text, fact


def test_poster_reveal_names_the_director_and_writer_with_their_earlier_work(
    poster_reveal,
):
    text = text_of(poster_reveal)

    assert "Park Shin Woo, who directed It's Okay to Not Be Okay" in text
    assert "Seo Sook Hyang, the writer of Don't Dare to Dream" in text


def test_poster_reveal_gives_the_premiere_in_the_future_tense_before_it(
    poster_reveal,
):
    text = text_of(poster_reveal)

    assert "will premiere on Saturday, January 4, 2025" in text
    assert "premiered" not in text


def test_poster_reveal_links_every_person_and_show_it_names(poster_reveal):
    body = poster_reveal.body

    for slug in [
        "lee-min-ho",
        "gong-hyo-jin",
        "oh-jung-se",
        "han-ji-eun",
        "heo-nam-jun",
        "park-shin-woo",
        "seo-sook-hyang",
    ]:
        assert f'href="/people/{slug}/"' in body, slug
    for slug in ["when-the-stars-gossip", "its-okay-to-not-be-okay"]:
        assert f'href="/dramas/{slug}/"' in body, slug
    assert 'href="/dramas/dont-dare-to-dream/"' in body


def test_poster_reveal_holds_no_fact_the_data_does_not_hold(poster_reveal):
    text = text_of(poster_reveal)

    for invented in ["upcoming", "subway", "spacesuit", "200,000", "astronaut"]:
        assert invented not in text.lower(), invented
    assert "January 4, 2024" not in text
    assert "None" not in text
    assert "Heo Nam Jun plays" not in text and "Heo Nam Jun is also" in text
    assert not re.search(r"\bas\s*[,.]", text)


def test_poster_reveal_is_clean_paragraphs(poster_reveal):
    body = poster_reveal.body

    assert body.startswith("<p>") and body.endswith("</p>")
    assert "  " not in body and "<p></p>" not in body and " ," not in body
    assert "<em>When the Stars Gossip</em>" in body


def test_draft_after_the_premiere_says_premiered(stars, journalist):
    article = draft_story("poster-reveal", by=journalist, drama=stars, at=D(2025, 2, 1))

    assert "premiered on Saturday, January 4, 2025" in text_of(article)
    assert "will premiere" not in text_of(article)


def test_draft_on_the_premiere_day_says_premieres_today(stars, journalist):
    article = draft_story("premiere", by=journalist, drama=stars, at=D(2025, 1, 4))

    assert "premieres today, Saturday, January 4, 2025" in text_of(article)


def test_draft_date_is_taken_in_the_desks_zone(stars, journalist):
    # 16:00 UTC on 3 January is already 4 January in Seoul.
    at = datetime.datetime(2025, 1, 3, 16, 0, tzinfo=datetime.UTC)

    article = draft_story("premiere", by=journalist, drama=stars, at=at)

    assert "premieres today" in text_of(article)


def test_draft_story_sets_owner_byline_kind_lead_image_and_related_rows(
    poster_reveal, stars, journalist
):
    poster = Image.objects.posters().get(dramas=stars)
    people = set(poster_reveal.people.values_list("slug", flat=True))

    assert poster_reveal.status == Article.Status.DRAFT
    assert poster_reveal.created_by == journalist
    assert list(poster_reveal.bylines.all()) == [journalist]
    assert poster_reveal.kind == Article.Kind.POSTER_REVEAL
    assert poster_reveal.lead_image == poster
    assert {"lee-min-ho", "heo-nam-jun", "park-shin-woo", "seo-sook-hyang"} <= people
    assert stars in poster_reveal.dramas.all()


def test_draft_story_keeps_a_first_revision(poster_reveal, journalist):
    version = Version.objects.get_for_object(poster_reveal).get()

    assert version.revision.comment == "Drafted from the show data."
    assert version.revision.user == journalist


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("poster-reveal", Article.Kind.POSTER_REVEAL),
        ("casting-news", Article.Kind.CASTING),
        ("premiere", Article.Kind.PREMIERE),
        ("trailer", Article.Kind.TRAILER),
    ],
)
def test_each_kind_produces_a_draft(stars, journalist, name, kind):
    inputs = {
        "casting-news": {"credits": list(stars.credits.filter(tier="supporting"))},
        "trailer": {"video": "https://example.com/watch?v=1", "teaser": True},
    }.get(name, {})

    article = draft_story(name, by=journalist, drama=stars, at=REFERENCE_DAY, **inputs)

    assert article.kind == kind
    assert article.headline and article.dek and article.body.startswith("<p>")
    assert "None" not in text_of(article)


def test_casting_news_names_the_new_cast_first_with_their_earlier_work(
    stars, journalist
):
    credit = stars.credits.get(person__slug="oh-jung-se")

    article = draft_story(
        "casting-news", by=journalist, drama=stars, at=REFERENCE_DAY, credits=[credit]
    )

    assert "Oh Jung Se" in article.headline and "Kang Kang Soo" in article.headline
    assert "Oh Jung Se, who starred in It's Okay to Not Be Okay" in text_of(article)


def test_casting_news_standfirst_is_about_the_casting(stars, journalist):
    credit = stars.credits.get(person__slug="oh-jung-se")

    before = draft_story(
        "casting-news", by=journalist, drama=stars, at=REFERENCE_DAY, credits=[credit]
    )
    after = draft_story(
        "casting-news", by=journalist, drama=stars, at=D(2025, 2, 1), credits=[credit]
    )

    assert before.dek == (
        "Oh Jung Se will play Kang Kang Soo alongside Lee Min Ho and Gong Hyo Jin "
        "in When the Stars Gossip. It will premiere on Saturday, January 4, 2025, "
        "on tvN."
    )
    # Once the show is on, the standfirst does not send readers to a past date.
    assert after.dek == (
        "Oh Jung Se plays Kang Kang Soo alongside Lee Min Ho and Gong Hyo Jin "
        "in When the Stars Gossip."
    )


def test_casting_news_standfirst_on_premiere_day_says_plays(stars, journalist):
    credit = stars.credits.get(person__slug="oh-jung-se")

    article = draft_story(
        "casting-news", by=journalist, drama=stars, at=D(2025, 1, 4), credits=[credit]
    )

    assert article.dek.startswith("Oh Jung Se plays Kang Kang Soo")
    assert "It premieres today, Saturday, January 4, 2025, on tvN." in article.dek


def test_casting_news_names_a_person_with_two_new_roles_once(journalist):
    drama = make_drama(title="Twin Stars")
    twin = make_person(name="Park Twin")
    credits = [make_cast(drama, twin), make_cast(drama, twin)]

    article = draft_story("casting-news", by=journalist, drama=drama, credits=credits)

    assert article.headline == "Park Twin joins the cast of Twin Stars"
    assert article.dek == "Park Twin joins the cast of Twin Stars."


def test_casting_news_headline_counts_the_rest_when_many_join(journalist):
    drama = make_drama(title="Crowded House")
    names = ["Ahn Bo Ra", "Bae Do Hyun", "Cha Eun Woo", "Do Kyung Soo"]
    credits = [make_cast(drama, make_person(name=name)) for name in names]

    article = draft_story("casting-news", by=journalist, drama=drama, credits=credits)

    assert article.headline == "Ahn Bo Ra, Bae Do Hyun and 2 more join Crowded House"


def test_poster_headline_agrees_with_one_person_on_the_poster(journalist):
    # The slug "show-2" gives variant 3, whose headline puts the people first.
    drama = make_drama(title="Lone Star", slug="show-2")
    poster = _small_poster()
    poster.dramas.set([drama])
    poster.people.set([make_person(name="Kim Da Mi")])

    article = draft_story("poster-reveal", by=journalist, drama=drama)

    assert article.headline == "Kim Da Mi fronts the new Lone Star poster"


# Slugs giving each of the three headline and body wordings (variants 1, 3, 5).
@pytest.mark.parametrize("slug", ["show-1", "show-2", "show-0"])
@pytest.mark.parametrize("days_old, new", [(14, True), (15, False)])
def test_a_poster_is_called_new_only_while_the_desk_checks_call_it_news(
    journalist, slug, days_old, new
):
    drama = make_drama(title="Lone Star", slug=slug, network=make_network())
    poster = _small_poster(unveiled_on=REFERENCE_DAY - datetime.timedelta(days_old))
    poster.dramas.set([drama])
    poster.people.set([make_person(name="Kim Da Mi")])

    article = draft_story("poster-reveal", by=journalist, drama=drama, at=REFERENCE_DAY)

    text = text_of(article)
    assert ("new" in text.lower().split()) == new, text
    assert "Lone Star" in article.headline and "poster" in article.headline
    # Old or new, the day it was unveiled is given.
    unveiled = (REFERENCE_DAY - datetime.timedelta(days_old)).strftime("%B %-d, %Y")
    assert unveiled in text
    # And the desk checks say what they said.
    found = deskcheck.run(article, on=REFERENCE_DAY)
    stale = [f for f in found if "still news" in f.message]
    assert bool(stale) != new


def test_trailer_links_the_video_and_says_teaser(stars, journalist):
    article = draft_story(
        "trailer",
        by=journalist,
        drama=stars,
        video="https://example.com/teaser",
        teaser=True,
    )

    assert 'href="https://example.com/teaser"' in article.body
    assert "teaser" in article.headline
    assert "trailer" not in text_of(article)


def test_draft_drops_sentences_when_the_data_is_missing(journalist):
    drama = make_drama(title="Quiet Harbour", premiere_on=None)
    make_cast(drama, make_person(name="Kim Ha Na"), character_name="", tier="lead")

    article = draft_story("trailer", by=journalist, drama=drama, video="https://x.io/v")

    text = text_of(article)
    assert "premiere" not in text and "None" not in text and "()" not in text
    assert "direct" not in text and "script" not in text
    assert "Kim Ha Na leads the cast. Kim Ha Na is also in the cast." in text
    assert re.search(
        r"Quiet Harbour,? has released a trailer|for Quiet Harbour is", text
    )


def test_draft_without_a_network_names_none(journalist):
    drama = make_drama(title="No Channel Yet")
    make_crew(drama, make_person(name="Lim Ji Ho"))

    article = draft_story("premiere", by=journalist, drama=drama, at=REFERENCE_DAY)

    text = text_of(article)
    assert "None" not in text and " on ." not in text and " on ," not in text
    assert "will premiere on Saturday, January 4, 2025." in text
    assert "Lim Ji Ho" in text


def test_known_for_counts_only_other_dramas_that_premiered_before_the_story(
    journalist,
):
    director = make_person(name="Yoon Seo Jin")
    drama = make_drama(title="Harbour Lights", premiere_on=D(2025, 6, 1))
    make_crew(drama, director)
    make_crew(make_drama(title="Old Lanterns", premiere_on=D(2019, 3, 1)), director)
    make_crew(make_drama(title="Later Tides", premiere_on=D(2025, 3, 1)), director)

    article = draft_story("premiere", by=journalist, drama=drama, at=D(2025, 1, 10))

    assert "who directed Old Lanterns" in text_of(article)
    assert "Later Tides" not in text_of(article)


def test_premiere_kind_refuses_a_show_with_no_date(journalist):
    drama = make_drama(premiere_on=None)

    with pytest.raises(ValidationError, match="no premiere date"):
        draft_story("premiere", by=journalist, drama=drama)


def test_poster_reveal_refuses_an_image_of_another_show(stars, journalist):
    other = _small_poster()
    other.dramas.set([make_drama()])

    with pytest.raises(ValidationError, match="not one of this show's posters"):
        draft_story("poster-reveal", by=journalist, drama=stars, image=other)


def test_casting_news_refuses_a_credit_of_another_show(stars, journalist):
    stranger = make_cast()

    with pytest.raises(ValidationError, match="not in this show's cast"):
        draft_story("casting-news", by=journalist, drama=stars, credits=[stranger])


def test_draft_story_refuses_an_unknown_kind_and_a_user_who_cannot_write(stars):
    with pytest.raises(ValidationError, match="no story kind"):
        draft_story("obituary", by=make_user("Journalist"), drama=stars)
    with pytest.raises(PermissionDenied):
        draft_story("premiere", by=make_user(), drama=stars)


def test_the_wording_varies_from_show_to_show(journalist):
    headlines = set()
    for n in range(8):
        drama = make_drama(title=f"Show {n}", slug=f"show-{n}", premiere_on=None)
        make_cast(drama, tier="lead")
        article = draft_story(
            "trailer", by=journalist, drama=drama, video="https://example.com/v"
        )
        headlines.add(article.headline.replace(f"Show {n}", "X"))

    assert len(headlines) >= 2


def _small_poster(**fields):
    return make_image(
        data=picture_bytes(size=(60, 90)), kind=Image.Kind.POSTER, **fields
    )


def _drama_with_credits(count):
    drama = make_drama(network=make_network(), synopsis="A story at sea.")
    earlier = make_drama(premiere_on=D(2020, 1, 1))
    for n in range(count - 2):
        tier = Role.Tier.LEAD if n < 2 else Role.Tier.SUPPORTING
        make_cast(
            drama, tier=tier, billing_order=n + 1, character_description="A cook."
        )
    for job in [Role.Job.DIRECTOR, Role.Job.SCREENWRITER]:
        maker = make_crew(drama, job=job).person
        make_crew(earlier, maker, job=job)
    poster = _small_poster(unveiled_on=D(2024, 12, 1))
    poster.dramas.set([drama])
    poster.people.set(Person.objects.filter(credits__drama=drama)[:4])
    return drama


def _queries_to_draft(drama, user):
    with CaptureQueriesContext(connection) as queries:
        draft_story("poster-reveal", by=user, drama=drama, at=REFERENCE_DAY)
    return len(queries)


def test_drafting_takes_the_same_number_of_queries_for_5_and_50_credits(journalist):
    small, large = _drama_with_credits(5), _drama_with_credits(50)
    # A first draft fills per-process caches (permissions, content types).
    _queries_to_draft(_drama_with_credits(3), journalist)

    assert _queries_to_draft(small, journalist) == _queries_to_draft(large, journalist)


def test_role_known_for_reads_every_person_in_one_query(django_assert_num_queries):
    people = [make_person() for _ in range(5)]
    for person in people:
        make_crew(make_drama(premiere_on=D(2020, 1, 1)), person)
        make_cast(make_drama(premiere_on=D(2021, 1, 1)), person, tier="cameo")

    with django_assert_num_queries(1):
        found = Role.objects.known_for(people, before=D(2025, 1, 1), limit=1)

    assert {pk: len(credits) for pk, credits in found.items()} == {
        p.pk: 1 for p in people
    }
    assert all(credits[0].job == "director" for credits in found.values())


# The desk: the admin screens.


def test_drama_change_page_offers_to_draft_a_story(stars, client, journalist):
    client.force_login(make_user("Editor"))

    page = client.get(reverse("admin:dramas_drama_change", args=[stars.pk]))

    assert f"/admin/articles/article/draft/?drama={stars.pk}" in page.text


def test_poster_change_page_offers_a_poster_reveal(stars, client):
    client.force_login(make_user("Editor"))
    poster = Image.objects.posters().get(dramas=stars)

    page = client.get(reverse("admin:images_image_change", args=[poster.pk]))

    assert f"draft/?drama={stars.pk}&amp;image={poster.pk}" in page.text


def test_admin_draft_walks_from_kind_to_a_new_draft(stars, client, journalist):
    client.force_login(journalist)
    url = reverse("admin:articles_draft")
    poster = Image.objects.posters().get(dramas=stars)

    first = client.get(url, {"drama": stars.pk})
    second = client.get(url, {"drama": stars.pk, "kind": "poster-reveal"})
    done = client.post(
        f"{url}?drama={stars.pk}&kind=poster-reveal", {"image": poster.pk}
    )

    article = Article.objects.get()
    assert "Poster reveal" in first.text and 'name="kind"' in first.text
    assert f'value="{poster.pk}"' in second.text
    assert done.status_code == 302
    assert done.url == reverse("admin:articles_article_change", args=[article.pk])
    assert (article.lead_image, article.created_by) == (poster, journalist)


def test_admin_draft_casting_news_ticks_credits(stars, client, journalist):
    client.force_login(journalist)
    credit = stars.credits.get(person__slug="han-ji-eun")
    url = reverse("admin:articles_draft") + f"?drama={stars.pk}&kind=casting-news"

    page = client.get(url)
    done = client.post(url, {"credits": [credit.pk]})

    assert "Han Ji Eun as Choi Go Eun (supporting)" in html.unescape(page.text)
    assert done.status_code == 302
    assert Article.objects.get().kind == Article.Kind.CASTING


@pytest.mark.parametrize(
    ("query", "data", "error"),
    [
        ("kind=trailer", {"video": "javascript:alert(1)"}, "starting with https://"),
        ("kind=trailer", {"video": "ftp://example.com/v"}, "starting with https://"),
        (
            "kind=trailer",
            {"video": "https://example.com/watch?v=" + "x" * 3000},
            "This address is 3,028 characters long, longer than a video link is",
        ),
        ("kind=casting-news", {"credits": ["999999"]}, "not in this show's cast"),
        ("kind=", {}, "Choose the kind of story."),
        ("kind=poster-reveal", {"image": "999999"}, "not one of this show's posters"),
    ],
)
def test_admin_draft_explains_bad_input(stars, client, journalist, query, data, error):
    client.force_login(journalist)
    url = reverse("admin:articles_draft") + f"?drama={stars.pk}&{query}"

    response = client.post(url, data) if data else client.get(url)

    assert response.status_code == 200
    assert error in html.unescape(response.text)
    assert not Article.objects.exists()


def test_admin_draft_refuses_an_image_of_another_show(stars, client, journalist):
    client.force_login(journalist)
    other = _small_poster()
    other.dramas.set([make_drama()])
    url = reverse("admin:articles_draft") + f"?drama={stars.pk}&kind=poster-reveal"

    response = client.post(url, {"image": other.pk})

    assert "not one of this show's posters" in html.unescape(response.text)
    assert not Article.objects.exists()


def test_admin_draft_answers_404_for_an_unknown_show(client, journalist):
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_draft"), {"drama": "999999"})

    assert response.status_code == 404


@pytest.mark.parametrize("drama", ["999999", "abc", "²"])
def test_admin_draft_step_two_says_when_the_show_is_not_there(
    client, journalist, drama
):
    client.force_login(journalist)

    response = client.get(
        reverse("admin:articles_draft"), {"drama": drama, "kind": "poster-reveal"}
    )

    assert response.status_code == 200
    assert "There is no such show in the desk." in response.text


def test_command_names_the_option_a_kind_needs(stars):
    make_user(username="boss", is_superuser=True)

    with pytest.raises(CommandError, match="^--video: This field is required.$"):
        call_command("draft_story", "trailer", stars.slug)


def test_admin_draft_is_403_without_permission_to_add_stories(stars, client):
    client.force_login(make_user())

    response = client.get(reverse("admin:articles_draft"), {"drama": stars.pk})

    assert response.status_code == 403


# The command line.


def test_command_drafts_and_prints_the_admin_address(stars, capsys):
    make_user(username="boss", is_superuser=True)

    call_command("draft_story", "poster-reveal", stars.slug, "--date", "2024-12-16")

    article = Article.objects.get()
    out = capsys.readouterr().out
    assert f"http://127.0.0.1:8000/admin/articles/article/{article.pk}/change/" in out
    assert article.created_by.username == "boss"
    assert "will premiere on Saturday, January 4, 2025" in article.body


def test_command_drafts_casting_news_and_trailers_as_a_given_user(
    stars, journalist, capsys
):
    credit = stars.credits.get(person__slug="lee-min-ho")

    call_command(
        "draft_story",
        "casting-news",
        stars.slug,
        "--credit",
        str(credit.pk),
        "--as",
        "jo",
    )
    call_command(
        "draft_story",
        "trailer",
        stars.slug,
        "--video",
        "https://example.com/v",
        "--teaser",
        "--as",
        "jo",
    )

    assert set(Article.objects.values_list("kind", "created_by")) == {
        (Article.Kind.CASTING, journalist.pk),
        (Article.Kind.TRAILER, journalist.pk),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["obituary", "when-the-stars-gossip"], "no story kind called “obituary”"),
        (["poster-reveal", "no-such-show"], "no show with the slug"),
        (["poster-reveal", "when-the-stars-gossip", "--as", "ghost"], "no user called"),
        (["poster-reveal", "when-the-stars-gossip", "--image", "999999"], "posters"),
        (
            ["premiere", "when-the-stars-gossip", "--image", "1"],
            "does not take --image",
        ),
        (["trailer", "when-the-stars-gossip", "--video", "ftp://a.b"], "https://"),
    ],
)
def test_command_errors_cleanly_on_bad_input(stars, args, message):
    make_user(username="boss", is_superuser=True)

    with pytest.raises(CommandError, match=message):
        call_command("draft_story", *args)


def test_command_needs_a_superuser_when_no_user_is_given(stars):
    with pytest.raises(CommandError, match="no superuser"):
        call_command("draft_story", "premiere", stars.slug)


def test_kinds_are_registered_by_name():
    assert list(KINDS) == ["poster-reveal", "casting-news", "premiere", "trailer"]


# The demo desk.


def test_loaddemo_publishes_the_drafted_poster_reveal(settings):
    call_command("loaddemo")

    article = Article.objects.get(status=Article.Status.PUBLISHED)
    stars = Drama.objects.get(slug="when-the-stars-gossip")
    seoul_11am = datetime.datetime(2024, 12, 16, 2, 0, tzinfo=datetime.UTC)
    assert article.kind == Article.Kind.POSTER_REVEAL
    assert article.lead_image == Image.objects.posters().get(dramas=stars)
    assert article.bylines.get().username == "journalist"
    assert article.first_published_at == seoul_11am
    assert article.status_changes.filter(by__username="editor").exists()
    assert "will premiere on Saturday, January 4, 2025" in article.body
    assert 'href="/people/park-shin-woo/"' in article.body


@pytest.mark.django_db
def test_a_new_draft_is_desk_checked_at_once_and_is_clean(editor):
    from articles.drafting import draft_story
    from dramas.models import Drama
    from newsdesk import demo

    demo.load_show_data()
    drama = Drama.objects.get(slug="when-the-stars-gossip")

    article = draft_story(
        "premiere", by=editor, drama=drama, at=datetime.date(2024, 12, 16)
    )

    assert article.desk_checked_at is not None
    assert not [f for f in article.desk_findings if f["level"] in {"error", "warning"}]


def test_a_draft_of_a_show_with_a_very_long_title_fits_the_headline(journalist):
    drama = make_drama(title="The Long Title " * 13)  # 195 characters

    article = draft_story("premiere", by=journalist, drama=drama)

    article.refresh_from_db()
    assert len(article.headline) == 200 and article.headline.endswith("…")


def test_admin_draft_of_a_poster_story_without_a_poster_says_so_with_the_way_on(
    client, journalist
):
    drama = make_drama(title="Boys Over Flowers")
    client.force_login(journalist)
    url = reverse("admin:articles_draft") + f"?drama={drama.pk}&kind=poster-reveal"
    upload = reverse("admin:images_image_add") + f"?kind=poster&amp;dramas={drama.pk}"

    asked = client.get(url).text
    refused = client.post(url, {"image": ""}).text

    assert '<option value="" selected>No poster yet</option>' in asked
    for page in [asked, refused]:
        assert "Boys Over Flowers has no poster in the image library yet." in page
        assert f'<a href="{upload}">Upload one</a>' in page
    assert not Article.objects.exists()


def test_command_says_in_plain_text_that_a_show_has_no_poster():
    make_user(username="boss", is_superuser=True)
    drama = make_drama(title="Tom & Jerry")

    with pytest.raises(CommandError) as refused:
        call_command("draft_story", "poster-reveal", drama.slug)

    assert "Tom & Jerry has no poster in the image library yet: upload one" in str(
        refused.value
    )
    assert "<a " not in str(refused.value) and "&amp;" not in str(refused.value)
