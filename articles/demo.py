"""Demo stories in every state: the published one drafted from the show data, the
others written in our own words from the demo desk's facts.

Each is made once (by slug) and moved through the workflow's services, so the demo desk
has a real audit trail; a second run changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from dramas.models import Drama
from images.models import Image
from people.models import Person

from . import services
from .drafting import draft_story
from .models import Article, Byline

SEOUL = datetime.timezone(datetime.timedelta(hours=9))

# The published story is not written here: it is drafted from the show data, as the
# desk would draft it on the day the poster came out.
POSTER_REVEAL = {
    "slug": "when-the-stars-gossip-new-poster",
    "drama": "when-the-stars-gossip",
    "published_at": datetime.datetime(2024, 12, 16, 11, 0, tzinfo=SEOUL),
}

STORIES = [
    {
        "slug": "oh-jung-se-park-shin-woo-reunite",
        "status": "in_review",
        "kind": Article.Kind.FEATURE,
        "headline": "Oh Jung Se and Park Shin Woo reunite, five years after "
        "It's Okay to Not Be Okay",
        "dek": "The actor and the director meet again on a space station.",
        "body": (
            "<p>Oh Jung Se, who played Moon Sang Tae in <em>It's Okay to Not Be "
            "Okay</em>, works with its director Park Shin Woo again on <em>When the "
            "Stars Gossip</em>, as Kang Kang Soo, a researcher who studies fruit "
            "flies aboard the station.</p>"
        ),
        "dramas": ["when-the-stars-gossip", "its-okay-to-not-be-okay"],
        "people": ["oh-jung-se", "park-shin-woo"],
    },
    {
        "slug": "when-the-stars-gossip-first-week",
        "status": "scheduled",
        "schedule_in": datetime.timedelta(hours=30),
        "kind": Article.Kind.NEWS,
        "headline": "What to watch this week: When the Stars Gossip",
        "dek": "A guide to tvN's space romance and the people who made it.",
        "body": (
            "<p>Lee Min Ho and Gong Hyo Jin lead <em>When the Stars Gossip</em>, "
            "directed by Park Shin Woo and written by Seo Sook Hyang.</p>"
        ),
        "dramas": ["when-the-stars-gossip"],
        "people": ["lee-min-ho", "gong-hyo-jin"],
    },
    {
        "slug": "gong-hyo-jin-seo-sook-hyang-again",
        "status": "draft",
        "kind": Article.Kind.FEATURE,
        "headline": "Gong Hyo Jin and Seo Sook Hyang, together again",
        "dek": "",
        "body": (
            "<p>Gong Hyo Jin played Pyo Na Ri in Seo Sook Hyang's <em>Don't Dare to "
            "Dream</em>. Notes to follow.</p>"
        ),
        "dramas": ["dont-dare-to-dream", "when-the-stars-gossip"],
        "people": ["gong-hyo-jin", "seo-sook-hyang"],
    },
]


def load_demo_stories():
    users = get_user_model().objects.in_bulk(
        ["editor", "journalist"], field_name="username"
    )
    if len(users) < 2:
        return []
    editor, journalist = users["editor"], users["journalist"]
    made = []
    if not Article.objects.filter(slug=POSTER_REVEAL["slug"]).exists():
        made.append(_drafted(POSTER_REVEAL, editor=editor, journalist=journalist))
    return made + [
        _story(row, editor=editor, journalist=journalist)
        for row in STORIES
        if not Article.objects.filter(slug=row["slug"]).exists()
    ]


def _drafted(row, *, editor, journalist):
    """The poster reveal, drafted by the desk's own code, submitted and published."""
    article = draft_story(
        "poster-reveal",
        by=journalist,
        drama=Drama.objects.get(slug=row["drama"]),
        at=row["published_at"],
        slug=row["slug"],
        image=_poster(row["drama"]),
    )
    services.submit(article, by=journalist)
    services.publish(article, by=editor, at=row["published_at"])
    return article


def _story(row, *, editor, journalist):
    article = Article.objects.create(
        slug=row["slug"],
        headline=row["headline"],
        dek=row["dek"],
        body=row["body"],
        kind=row["kind"],
        created_by=journalist,
        lead_image=_poster(row.get("poster")),
    )
    Byline.objects.create(article=article, user=journalist)
    article.dramas.set(Drama.objects.filter(slug__in=row["dramas"]))
    article.people.set(Person.objects.filter(slug__in=row["people"]))
    services.record_revision(article, by=journalist, comment="First draft.")
    # As a save in the desk does: the editor opening a story in review sees its
    # findings, not "Not checked yet".
    services.check_copy(article)
    if row["status"] != "draft":
        services.submit(article, by=journalist)
    if row["status"] == "scheduled":
        when = timezone.now() + row["schedule_in"]
        services.schedule(article, by=editor, publish_at=when.replace(second=0))
    return article


def _poster(drama_slug):
    if drama_slug is None:
        return None
    return Image.objects.posters().filter(dramas__slug=drama_slug).first()
