"""What a reader's article page shows, built once for the public view and previews."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from dramas.models import Drama
from images.models import Image, Rendition, prefetch_renditions, renditions_in
from newsdesk import structured_data
from people.models import Person, Role

from .models import DESK_ONLY, Article

LEAD_TIERS = [Role.Tier.LEAD, Role.Tier.SUPPORTING]
# A drama card names this many of the lead cast.
CARD_CAST = 4
MIN = datetime.date.min
ORIGINAL, POSTER = Rendition.Shape.ORIGINAL, Rendition.Shape.POSTER
SQUARE, SOCIAL = Rendition.Shape.SQUARE, Rendition.Shape.SOCIAL


# What the cards and bylines show, and no more: a show's synopsis, a credit's
# character notes or a person's bio cost time to fetch and to build into models.
CARD_FIELDS = ["title", "native_title", "slug", "premiere_on", "finale_on"]
PICTURE_FIELDS = ["file", "width", "height", "alt_text", "credit", "caption"]
NAME_FIELDS = ["username", "first_name", "last_name"]


def dramas_with_cards():
    """Related dramas with their cards' network and posters (lead cast: add_leads)."""
    return Prefetch(
        "dramas",
        queryset=Drama.objects.select_related("network")
        .only(*CARD_FIELDS, "network__name")
        .prefetch_related(
            Prefetch(
                "images",
                queryset=Image.objects.posters().only(*PICTURE_FIELDS),
                to_attr="posters",
            ),
        ),
    )


def add_leads(dramas):
    """Each drama's `leads`: the first CARD_CAST people of its lead and supporting
    cast, each once, with a name and an address, in one query. A prefetch built a
    credit and a person for every lead (40 for two shows) to show 4 of each show's;
    a sliced prefetch's window function cost more to compile than the models it
    saved."""
    leads = {drama.pk: [] for drama in dramas}
    rows = (
        Role.objects.cast()
        .filter(tier__in=LEAD_TIERS, drama__in=leads)
        .values_list("drama_id", "person__name", "person__slug")
    )
    for drama_id, name, slug in rows:
        named = leads[drama_id]
        # An actor in a dual role, common in K-dramas, is named once.
        if len(named) < CARD_CAST and all(p.slug != slug for p in named):
            named.append(Person(name=name, slug=slug))
    for drama in dramas:
        drama.leads = leads[drama.pk]


def bylines():
    return Prefetch("bylines", queryset=get_user_model().objects.only(*NAME_FIELDS))


def stories():
    """Live stories as lists show them: newest first, with bylines and lead image."""
    return (
        Article.objects.live()
        .latest_first()
        .select_related("lead_image")
        # Thumbnails in lists, and the social card the home page's lead shows.
        .prefetch_related(
            bylines(), renditions_in(SQUARE, SOCIAL, lookup="lead_image__renditions")
        )
    )


def article_page(queryset):
    """`queryset` with all the article page reads, in a fixed number of queries."""
    return (
        queryset.defer(*DESK_ONLY)
        .select_related("lead_image")
        .prefetch_related(bylines(), dramas_with_cards())
    )


def context(article, request):
    # The story's own show first: the one its headline names, then the newest.
    dramas = sorted(
        article.dramas.all(),
        key=lambda d: (
            d.title not in article.headline,
            -(d.premiere_on or MIN).toordinal(),
        ),
    )
    add_leads(dramas)
    # Through the tags, not a join and DISTINCT over whole stories.
    tagged = Article.dramas.through.objects.filter(drama__in=dramas)
    related = list(
        Article.objects.live()
        .filter(pk__in=tagged.values("article"))
        .exclude(pk=article.pk)
        .latest_first()
        .select_related("lead_image")[:4]
        if dramas
        else []
    )
    # One query for the renditions of every picture on the page, in the shapes it
    # shows them: the lead whole (and its social card), each card's poster and the
    # related stories' thumbnails.
    prefetch_renditions(
        [
            (article.lead_image, [ORIGINAL, SOCIAL]),
            *((d.posters[0], [POSTER]) for d in dramas if d.posters),
            *((story.lead_image, [SQUARE]) for story in related),
        ]
    )
    data = structured_data.news_article(article, dramas, request=request)
    return {
        "article": article,
        # A note always moves updated_at (services.add_public_note), so most stories,
        # which never had one, skip the query.
        "notes": list(article.public_notes.all()) if article.updated_at else [],
        "dramas": dramas,
        "related": related,
        "structured_data": structured_data.ld_json(data),
    }
