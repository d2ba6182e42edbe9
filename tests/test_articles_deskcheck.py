"""Desk checks against a labelled corpus: every planted error is found, clean copy is
clean. The show data is the demo desk's (When the Stars Gossip and its people)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import deskcheck, services
from articles.models import StatusChange
from dramas.models import Drama
from newsdesk import demo
from tests.factories import make_article, make_image, make_person

pytestmark = pytest.mark.django_db
D = datetime.date
DEC_16 = D(2024, 12, 16)
REFERENCE_SLIP = "The K-drama is set to be released on January 4, 2024."


@pytest.fixture
def desk(db):
    demo.load_show_data()
    return Drama.objects.get(slug="when-the-stars-gossip")


def story(desk, body, *, kind="news", **fields):
    article = make_article(body=body, kind=kind, **fields)
    article.dramas.set([desk])
    article.refresh_from_db()
    return article


def codes(findings, levels=("error", "warning", "note")):
    return {f.code for f in findings if f.level in levels}


def link(slug, name):
    return f'<a href="/people/{slug}/">{name}</a>'


LEE, GONG = link("lee-min-ho", "Lee Min Ho"), link("gong-hyo-jin", "Gong Hyo Jin")
OH, HAN = link("oh-jung-se", "Oh Jung Se"), link("han-ji-eun", "Han Ji Eun")
PARK, SEO = (
    link("park-shin-woo", "Park Shin Woo"),
    link("seo-sook-hyang", "Seo Sook Hyang"),
)
HEO, KIM = link("heo-nam-jun", "Heo Nam Jun"), link("kim-soo-hyun", "Kim Soo Hyun")

# (body, story date, codes that must be found); an empty set means clean copy.
CORPUS = [
    # Clean copy.
    (
        f"{LEE} and {GONG} lead When the Stars Gossip, which will premiere on "
        "Saturday, January 4, 2025, on tvN.",
        DEC_16,
        set(),
    ),
    (
        "When the Stars Gossip premiered on Saturday, January 4, 2025, on tvN.",
        D(2025, 2, 1),
        set(),
    ),
    (
        f"{PARK}, known for It's Okay to Not Be Okay, directs from a script by "
        f"{SEO}, the writer behind Don’t Dare to Dream.",
        DEC_16,
        set(),
    ),
    (
        f"{LEE} takes on the role of Gong Ryong, and {GONG} stars as "
        "Commander Eve Kim.",
        DEC_16,
        set(),
    ),
    (f"Choi Go Eun, played by {HAN}, is Gong Ryong's girlfriend.", DEC_16, set()),
    (
        "It's Okay to Not Be Okay premiered on June 20, 2020 and ended on "
        "August 9, 2020.",
        DEC_16,
        set(),
    ),
    ("The series will also stream on Netflix.", DEC_16, set()),
    (
        f"{HEO} joins {LEE} on the poster, unveiled on Monday, December 16, 2024.",
        DEC_16,
        set(),
    ),
    (
        f"{OH}, who played Moon Sang Tae in It's Okay to Not Be Okay, is back.",
        DEC_16,
        set(),
    ),
    ("The poster was released on Monday, December 16, 2024.", DEC_16, set()),
    (f"{GONG}, known for Don't Dare to Dream, returns to tvN.", DEC_16, set()),
    (
        "It premieres on January 4 on tvN, and When the Stars Gossip is upcoming.",
        DEC_16,
        set(),
    ),
    ("Don't Dare to Dream aired on SBS in 2016.", DEC_16, set()),
    (f"{HEO} joins the cast; {HEO} is the name, not a month.", DEC_16, set()),
    # Dates presented as still to come, though already past.
    (REFERENCE_SLIP, DEC_16, {"tense", "premiere-date"}),
    (
        "When the Stars Gossip will premiere on Saturday, January 4, 2025.",
        D(2025, 2, 1),
        {"tense"},
    ),
    (f"The upcoming When the Stars Gossip stars {LEE}.", D(2025, 3, 1), {"tense"}),
    ("The drama is slated to air in 2024.", D(2025, 6, 1), {"tense"}),
    # Dates that differ from the data.
    (
        "When the Stars Gossip premieres on Saturday, January 11, 2025.",
        DEC_16,
        {"premiere-date"},
    ),
    ("When the Stars Gossip debuts on 4 February 2025.", DEC_16, {"premiere-date"}),
    ("It's Okay to Not Be Okay ended on August 16, 2020.", DEC_16, {"finale-date"}),
    ("When the Stars Gossip comes to tvN on Saturday, January 4.", DEC_16, set()),
    # Weekdays.
    ("When the Stars Gossip comes to tvN on Friday, January 4.", DEC_16, {"weekday"}),
    (
        "When the Stars Gossip will premiere on Sunday, January 4, 2025.",
        DEC_16,
        {"weekday"},
    ),
    ("The poster was unveiled on Tuesday, December 16, 2024.", DEC_16, {"weekday"}),
    # Cast and characters.
    (f"{LEE} stars as Eve Kim.", DEC_16, {"cast"}),
    (f"Kang Kang Soo, played by {LEE}, studies fruit flies.", DEC_16, {"cast"}),
    (f"{GONG} plays Pyo Na Ri in When the Stars Gossip.", DEC_16, {"cast"}),
    (f"{KIM} stars as Gong Ryong.", DEC_16, {"cast"}),
    (f"{OH} plays Captain Hook.", DEC_16, {"cast"}),
    (f"{HEO} plays Commander Lee.", DEC_16, {"character"}),
    # Known-for claims.
    (f"{PARK}, known for Don't Dare to Dream, directs.", DEC_16, {"known-for"}),
    (
        f"{SEO}, the writer behind It's Okay to Not Be Okay, wrote it.",
        DEC_16,
        {"known-for"},
    ),
    (f"{LEE}, who directed Boys Over Flowers, leads the cast.", DEC_16, {"known-for"}),
    # Networks.
    ("SBS's When the Stars Gossip premieres on January 4, 2025.", DEC_16, {"network"}),
    ("The drama airs on KBS2 from January 4, 2025.", DEC_16, {"network"}),
    # Spelling.
    ("Lee Min Hoo leads the cast.", DEC_16, {"spelling"}),
    ("When the Star Gossip premieres on January 4, 2025.", DEC_16, {"spelling"}),
    # Links.
    ('<a href="/people/gong-hyo-jin/">Lee Min Ho</a> leads.', DEC_16, {"link"}),
    ("Lee Min Ho leads the cast.", DEC_16, {"unlinked"}),
]


@pytest.mark.parametrize(("body", "on", "planted"), CORPUS)
def test_desk_checks_find_every_planted_error_and_pass_clean_copy(
    desk, body, on, planted
):
    article = story(desk, f"<p>{body}</p>")

    found = deskcheck.run(article, on=on)

    assert planted <= codes(found), found
    if not planted:
        assert not codes(found, ("error", "warning")), found


def test_corpus_is_large_and_covers_every_kind_of_contradiction():
    planted = set().union(*(codes for _, _, codes in CORPUS))

    assert len(CORPUS) >= 30
    assert sum(not c for _, _, c in CORPUS) >= 10
    assert planted >= {
        "tense",
        "premiere-date",
        "finale-date",
        "weekday",
        "cast",
        "character",
        "known-for",
        "network",
        "spelling",
        "link",
        "unlinked",
    }


def test_reference_release_sentence_is_an_error_in_a_story_of_16_december(desk):
    article = story(desk, f"<p>{REFERENCE_SLIP}</p>", publish_at="2024-12-16T02:00Z")

    errors = [f for f in deskcheck.run(article) if f.level == "error"]

    assert {f.code for f in errors} == {"tense", "premiere-date"}
    assert all(f.sentence == REFERENCE_SLIP for f in errors)
    assert "Saturday, January 4, 2025" in " ".join(f.message for f in errors)


def test_poster_story_without_a_poster_is_an_error(desk):
    article = story(desk, "<p>A new poster.</p>", kind="poster_reveal")
    article.lead_image = make_image(kind="still")

    found = deskcheck.run(article)

    assert "poster" in codes(found, ("error",))


def test_a_poster_story_about_an_old_poster_is_a_warning(desk):
    poster = make_image(kind="poster", unveiled_on=DEC_16)

    def warnings(on):
        article = story(desk, "<p>A new poster.</p>", kind="poster_reveal")
        article.lead_image = poster
        found = deskcheck.run(article, on=on)
        return [f.message for f in found if f.code == "poster"]

    assert warnings(D(2024, 12, 30)) == []  # 14 days on: still news
    assert warnings(D(2026, 11, 24)) == [
        "The poster was unveiled on Monday, December 16, 2024, 708 days before the "
        "story's date: is it still news?"
    ]


def test_a_headline_another_story_has_is_a_warning(desk):
    first = story(desk, "<p>A new poster.</p>", headline="First look: the new poster")
    again = story(desk, "<p>A new poster.</p>", headline="First look: the new poster")
    other = story(desk, "<p>A new poster.</p>", headline="Another look")

    found = deskcheck.run(again)

    assert [f.message for f in found if f.code == "duplicate"] == [
        f"Another story has this headline (draft, no. {first.pk}): is this the same "
        "news again?"
    ]
    assert "duplicate" not in codes(deskcheck.run(other))


def test_hyphenated_and_spaced_spellings_are_the_same_person(desk):
    article = story(desk, "<p>Lee Min-ho stars as Eve Kim. LEE MINHO is back.</p>")

    found = deskcheck.run(article, on=DEC_16)

    assert "cast" in codes(found)
    assert "spelling" not in codes(found)


def test_an_error_blocks_publishing_until_an_editor_gives_a_reason(desk, editor):
    article = story(desk, f"<p>{REFERENCE_SLIP}</p>", status="in_review")

    with pytest.raises(ValidationError, match=r"Desk checks found \d+ errors? in"):
        services.publish(article, by=editor)
    services.publish(article, by=editor, override_reason="Quoting the agency's error.")

    article.refresh_from_db()
    change = StatusChange.objects.get(article=article, to_status="published")
    assert article.status == "published"
    assert change.override_reason == "Quoting the agency's error."


def test_a_publish_refused_by_the_checks_says_so_once_above_the_list(
    client, desk, editor
):
    body = f"<p>{REFERENCE_SLIP}</p><p>Gong Hyo Jin plays Gong Ryong.</p>"
    article = story(desk, body, status="in_review")
    client.force_login(editor)
    url = reverse("admin:articles_article_transition", args=[article.pk])

    response = client.post(url, {"action": "publish"}, follow=True)

    article.refresh_from_db()
    assert article.status == "in_review"
    refusals = [str(m) for m in response.context["messages"]]
    errors = [f for f in article.desk_findings if f["level"] == "error"]
    assert len(errors) > 1
    assert refusals == [
        f"Desk checks found {len(errors)} errors in the copy, listed on the story's "
        "page under Desk checks. Fix the copy, or go ahead with a written reason "
        "for the record."
    ]


def test_checks_run_on_every_admin_save_and_show_on_the_page(client, desk, editor):
    article = story(desk, "<p>Draft.</p>")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "kind": "news",
        "dek": "",
        "body": f"<p>{REFERENCE_SLIP}</p>",
        "dramas": [desk.pk],
        "seo_title": "",
        "seo_description": "",
        "loaded_version": article.lock_version,
        "byline_set-TOTAL_FORMS": "0",
        "byline_set-INITIAL_FORMS": "0",
    }

    client.post(url, data)
    page = client.get(url)

    article.refresh_from_db()
    assert {f["code"] for f in article.desk_findings} >= {"tense", "premiere-date"}
    assert REFERENCE_SLIP in page.text
    assert "presented as still to come" in page.text


def test_deskcheck_command_prints_findings_and_fails_on_an_error(desk, capsys):
    article = story(desk, f"<p>{REFERENCE_SLIP}</p>", publish_at="2024-12-16T02:00Z")

    with pytest.raises(CommandError) as failed:
        call_command("deskcheck", article.slug)

    out = capsys.readouterr().out
    assert failed.value.returncode == 1
    assert "ERROR: “January 4, 2024” is presented as still to come" in out
    assert REFERENCE_SLIP in out


def test_deskcheck_command_passes_clean_copy_and_refuses_unknown_slugs(desk, capsys):
    article = story(desk, f"<p>{LEE} leads.</p>")

    call_command("deskcheck", article.slug, "--date", "2024-12-16")

    assert "No errors" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No story with the slug"):
        call_command("deskcheck", "no-such-story")
    with pytest.raises(CommandError, match="“abc” is not a date: give it as YYYY-MM"):
        call_command("deskcheck", article.slug, "--date", "abc")


def test_deskcheck_command_keeps_findings_only_for_the_story_as_it_stands(desk, capsys):
    article = story(desk, f"<p>{REFERENCE_SLIP}</p>", publish_at="2024-12-16T02:00Z")

    # As of a later day, "what if": printed, not kept on the story.
    with pytest.raises(CommandError):
        call_command("deskcheck", article.slug, "--date", "2030-01-01")
    article.refresh_from_db()
    assert article.desk_findings == [] and article.desk_checked_at is None

    with pytest.raises(CommandError):
        call_command("deskcheck", article.slug)
    article.refresh_from_db()
    assert "tense" in {f["code"] for f in article.desk_findings}


def test_checks_run_a_fixed_number_of_queries(desk, django_assert_max_num_queries):
    short = story(desk, f"<p>{LEE} stars as Gong Ryong.</p>")
    long = story(
        desk, "".join(f"<p>{LEE} and {GONG}, with {OH}.</p>" for _ in range(80))
    )
    deskcheck.run(short)

    with django_assert_max_num_queries(12):
        deskcheck.run(short)
    with django_assert_max_num_queries(12):
        deskcheck.run(long)


def test_a_cleared_cache_never_leaves_a_stale_name_index(desk):
    from django.core.cache import cache

    cache.clear()
    deskcheck.run(story(desk, "<p>An index is built.</p>"))
    make_person(name="Choi Woo Shik")
    cache.clear()

    found = deskcheck.run(story(desk, "<p>Choi Woo Shik joins the cast.</p>"))

    assert "Choi Woo Shik is named but not linked" in " ".join(f.message for f in found)
