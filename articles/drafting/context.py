"""What a drafted story may say: the show's facts, read in a fixed number of queries."""

import datetime
import zlib
from dataclasses import dataclass, field

from django.utils import timezone

from articles.deskcheck.checks import FRESH_DAYS
from dramas.models import Drama
from images.models import Image
from people.models import Person, Role

VARIANTS = 6
# A story names the supporting cast at the top of the billing, not all forty of them.
SUPPORTING_NAMED = 6


@dataclass
class Maker:
    """A person and what they are known for: credits of one kind, distinct dramas."""

    person: Person
    known: list = field(default_factory=list)

    @property
    def first(self):
        return self.known[0] if self.known else None

    @property
    def dramas(self):
        return [credit.drama for credit in self.known]


def page_of(thing):
    """A person's or show's address, worked out once per object (reverse is slow)."""
    if "_page" not in thing.__dict__:
        thing._page = thing.get_absolute_url()
    return thing._page


def desk_day(at=None):
    """The story's date in the desk's zone: `at` may be a date, a datetime or None."""
    if at is None:
        return timezone.localdate()
    if isinstance(at, datetime.datetime):
        return timezone.localdate(at) if timezone.is_aware(at) else at.date()
    return at


def tense(day, on):
    return "future" if day < on else "today" if day == on else "past"


def show_facts(drama, day, *, poster=None):
    """Everything the templates may use about `drama` on `day`."""
    drama = (
        Drama.objects.select_related("network")
        .prefetch_related("genres", "streaming_platforms")
        .get(pk=drama.pk)
    )
    credits = sorted(
        drama.credits.select_related("person"),
        key=lambda c: (c.billing_order is None, c.billing_order or 0, c.pk),
    )
    cast = [c for c in credits if c.category == Role.Category.CAST]
    genres = list(drama.genres.all())
    return {
        "drama": drama,
        "day": day,
        # From the slug, not the pk: the same show reads the same on every database.
        "variant": zlib.crc32(drama.slug.encode()) % VARIANTS,
        "network": drama.network,
        "genre": genres[0].name.lower() if genres else "",
        "streaming": list(drama.streaming_platforms.all()),
        "status": drama.status_on(day),
        "premiere": {"on": drama.premiere_on, "tense": tense(day, drama.premiere_on)}
        if drama.premiere_on
        else None,
        "credits": credits,
        "leads": [c for c in cast if c.tier == Role.Tier.LEAD],
        "supporting": [c for c in cast if c.tier == Role.Tier.SUPPORTING][
            :SUPPORTING_NAMED
        ],
        **poster_facts(poster, cast, day),
    }


def makers(credits, jobs, known):
    """One Maker per person holding any of `jobs`, in credit order."""
    people = {c.person_id: c.person for c in credits if c.job in jobs}
    return [
        Maker(person, _one_kind(known.get(pk, []))) for pk, person in people.items()
    ]


def _one_kind(credits, limit=2):
    """The top credit's kind of work only, one per drama, so one verb fits them all."""
    if not credits:
        return []
    kind = _work(credits[0])
    kept, dramas = [], set()
    for credit in credits:
        if _work(credit) == kind and credit.drama_id not in dramas:
            kept.append(credit)
            dramas.add(credit.drama_id)
    return kept[:limit]


def _work(credit):
    return credit.job or credit.tier


def crew_facts(facts, *, also=()):
    """Director and writer, with what they (and the people in `also`) are known for."""
    credits = facts["credits"]
    crew = [c.person for c in credits if c.job in Role.KEY_JOBS]
    known = Role.objects.known_for(
        [*crew, *also], exclude=facts["drama"], before=facts["day"]
    )
    return {
        "directors": makers(credits, {Role.Job.DIRECTOR}, known),
        "writers": makers(credits, {Role.Job.SCREENWRITER}, known),
        "known": {pk: _one_kind(found) for pk, found in known.items()},
    }


def poster_facts(poster, cast, day):
    if poster is None:
        return {
            "poster": None,
            "poster_people": [],
            "unveiled_on": None,
            "poster_is_new": True,
        }
    billing = {c.person_id: n for n, c in enumerate(cast)}
    people = sorted(poster.people.all(), key=lambda p: (billing.get(p.pk, 999), p.name))
    unveiled = poster.unveiled_on
    return {
        "poster": poster,
        "poster_people": people,
        # A date after the story's own would be a claim about the future: leave it out.
        "unveiled_on": unveiled if unveiled and unveiled <= day else None,
        # As the desk checks count it: older, it is not called new (the checks still
        # ask whether it is news).
        "poster_is_new": not unveiled or (day - unveiled).days <= FRESH_DAYS,
    }


def newest_poster(drama):
    return Image.objects.posters().filter(dramas=drama).first()
