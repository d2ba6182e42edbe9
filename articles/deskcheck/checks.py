"""The desk checks: each reads a Document and yields Findings, in reading order."""

import difflib
import re

from django.utils import timezone

from articles.models import Article
from images.models import Image
from newsdesk.phrases import fold_phrase

from .dates import long_form
from .findings import ERROR, NOTE, WARNING, Finding

FUTURE = re.compile(
    r"\b(?:upcoming|forthcoming|yet to (?:premiere|air|be released)|"
    r"will (?:premiere|air|debut|be released|release|launch|hit|arrive|return|begin|"
    r"start)|"
    r"(?:is|are) (?:set|slated|scheduled|due) to (?:premiere|air|debut|be released|"
    r"release|launch|return|hit|begin|start)|slated for|set for release)\b",
    re.IGNORECASE,
)
PREMIERE = re.compile(
    r"\b(?:premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|releas(?:e|es|ed|ing)|"
    r"first episode|(?:begins?|began|starts?|started) airing|air(?:s|ed)? from)\b",
    re.IGNORECASE,
)
FINALE = re.compile(
    r"\b(?:finale|final episode|last episode|conclude[sd]?|wraps? up|wrapped up|"
    r"ends|ended)\b",
    re.IGNORECASE,
)
PLAYS = re.compile(
    r"^\s*,?\s*(?:who\s+)?(?:also\s+)?(?:stars as|starred as|will star as|plays|"
    r"played|"
    r"will play|portrays|portrayed|will portray|takes on the role of|"
    r"took on the role of|"
    r"is cast as|was cast as|in the role of|appears as|returns as|as)\s+"
    r"(?:the\s+)?(?:role of\s+)?(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
PLAYED_BY = re.compile(
    r"(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),?\s+(?:is\s+|was\s+|will be\s+)?"
    r"(?:played|portrayed) by\s*$"
)
TITLES_OF_ADDRESS = re.compile(
    r"^(?:Commander|Captain|Doctor|Dr\.?|Detective|Professor|Prof\.?|Officer|Chairman|"
    r"Director|Lieutenant|Sergeant|Agent|Chef|Lawyer|Prosecutor|Judge|Mr\.?|Mrs\.?|"
    r"Ms\.?)\s+"
)
# Sentences about an image or a clip, where "released" is not the show's premiere.
NOT_THE_SHOW = re.compile(
    r"\b(?:posters?|teasers?|trailers?|stills?|images?|photos?|videos?|clips?|OST|"
    r"soundtrack|script reading)\b",
    re.IGNORECASE,
)
KNOWN_FOR = re.compile(
    r"(?P<claim>(?:best |widely )?known for|famous for|remembered for|"
    r"the (?P<role1>writer|screenwriter|director|creator|producer|star|lead) "
    r"(?:behind|of)|who (?P<role2>wrote|directed|created|penned|helmed|starred in|led)|"
    r"(?P<role3>writer|director|creator|star) of)\b",
    re.IGNORECASE,
)
# A poster story about a poster unveiled longer ago than this is probably not news.
FRESH_DAYS = 14
ROLE_JOBS = {
    "writer": "screenwriter",
    "screenwriter": "screenwriter",
    "wrote": "screenwriter",
    "penned": "screenwriter",
    "director": "director",
    "directed": "director",
    "helmed": "director",
}


def tense(doc):
    """A date the copy presents as still to come, that is before the story's date."""
    for s in doc.sentences:
        if not FUTURE.search(s.text):
            continue
        for d in s.dates:
            day = d.as_date()
            past = (day and day < doc.on) or (d.month is None and d.year < doc.on.year)
            if past:
                yield Finding(
                    ERROR,
                    "tense",
                    f"“{d.text.strip()}” is presented as still to come, but the story "
                    f"is dated {long_form(doc.on)}.",
                    s.text,
                )
        if not s.dates and re.search(r"\bupcoming\b", s.text, re.IGNORECASE):
            for drama in doc.dramas_in(s)[:1]:
                if drama.premiere_on and drama.premiere_on < doc.on:
                    yield Finding(
                        ERROR,
                        "tense",
                        f"Calls {drama} upcoming, but it premiered on "
                        f"{long_form(drama.premiere_on)}.",
                        s.text,
                    )


def dates_against_data(doc):
    """Premiere and finale dates in the copy that differ from the show data."""
    for s in doc.sentences:
        if NOT_THE_SHOW.search(s.text):
            continue
        keywords = [
            (m.start(), field, label)
            for pattern, field, label in [
                (PREMIERE, "premiere_on", "premiere"),
                (FINALE, "finale_on", "finale"),
            ]
            for m in pattern.finditer(s.text)
        ]
        for d in s.dates:
            if not keywords:
                break
            # A date belongs to the nearest keyword: "premiered on X and ended on Y".
            at = d.start - s.start
            _, field, label = min(keywords, key=lambda k: abs(k[0] - at))
            for drama in doc.dramas_in(s, near=d.start)[:1]:
                known = getattr(drama, field)
                if known and not d.matches(known):
                    yield Finding(
                        ERROR,
                        f"{label}-date",
                        f"Gives “{d.text.strip()}” for the {label} of {drama}; the "
                        f"show data says {long_form(known)}.",
                        s.text,
                    )


def weekdays(doc):
    """A weekday that does not match its date."""
    for s in doc.sentences:
        for d in s.dates:
            if d.weekday is None:
                continue
            day = d.as_date() or _nearest_year(d, doc.on.year)
            if day and day.weekday() != d.weekday:
                yield Finding(
                    ERROR,
                    "weekday",
                    f"“{d.text.strip()}”: {day:%B} {day.day}, {day.year} "
                    f"is a {day:%A}.",
                    s.text,
                )


def _nearest_year(mention, year):
    """A date written without its year: the year around `year` in which its weekday
    is right, if any (then it is no error), else this year's."""
    from .dates import Mention

    days = [
        Mention(0, 0, "", mention.month, mention.day, y, None).as_date()
        for y in (year, year + 1, year - 1)
    ]
    days = [day for day in days if day]
    right = [day for day in days if day.weekday() == mention.weekday]
    return (right or days or [None])[0]


def cast(doc):
    """'X as Y' and 'Y, played by X' against the credits; characters not in the show."""
    for s in doc.sentences:
        for m in s.people:
            after = doc.text[m.end : s.end]
            before = doc.text[s.start : m.start]
            said = PLAYS.match(after) or PLAYED_BY.search(before)
            if said:
                yield from _check_character(doc, s, m, said["who"])


def _same_character(said, name):
    said, name = fold_phrase(TITLES_OF_ADDRESS.sub("", said)), fold_phrase(name)
    return bool(name) and (said == name or name in said or said in name.split(" "))


def _check_character(doc, s, mention, said):
    for drama in doc.dramas_in(s, near=mention.start)[:1]:
        cast = [
            c for c in doc.credits if c.drama_id == drama.pk and c.category == "cast"
        ]
        mine = [c for c in cast if c.person_id in mention.keys]
        if any(_same_character(said, c.character_name) for c in mine):
            return
        person = doc.people.get(min(mention.keys)) if mention.keys else None
        others = [c for c in cast if _same_character(said, c.character_name)]
        if others:
            yield Finding(
                ERROR,
                "cast",
                f"{person} does not play {said} in {drama}; {others[0].person} does.",
                s.text,
            )
        elif mine and any(c.character_name for c in mine):
            played = ", ".join(c.character_name for c in mine if c.character_name)
            yield Finding(
                ERROR,
                "cast",
                f"{person} plays {played} in {drama}, not {said}.",
                s.text,
            )
        elif not mine:
            yield Finding(
                ERROR, "cast", f"{person} has no cast credit on {drama}.", s.text
            )
        else:
            yield Finding(
                WARNING,
                "character",
                f"{said} is not a character of {drama} in the show data.",
                s.text,
            )


def links(doc):
    """Known people named but not linked; links whose words name someone else."""
    by_slug = {p.slug: p for p in doc.people.values()}
    linked = set()
    for link in doc.links:
        person = by_slug.get(link.person_slug)
        if person is None:
            continue
        linked.add(person.pk)
        if not _names(person, link.text):
            yield Finding(
                ERROR,
                "link",
                f"The link on “{link.text}” goes to {person}'s page, but does not name "
                f"{person}.",
                link.text,
            )
    named = {}
    for m in doc.person_mentions:
        if doc.in_body(m):
            for pk in m.keys:
                named.setdefault(pk, m)
    for pk, m in named.items():
        if pk not in linked and pk in doc.people and len(m.keys) == 1:
            yield Finding(
                NOTE,
                "unlinked",
                f"{doc.people[pk]} is named but not linked: link the first mention.",
                doc.text[m.start : m.end],
            )


def _names(person, text):
    spellings = [
        person.name,
        person.native_name,
        *(a.name for a in person.aliases.all()),
    ]
    folded = fold_phrase(text)
    return any(fold_phrase(n) and fold_phrase(n) in folded for n in spellings if n)


def spelling(doc):
    """A title or name spelled close to, but not exactly as, a known one."""
    known = {c.person.name for c in doc.credits} | {p.name for p in doc.people.values()}
    known |= {d.title for d in doc.dramas.values()} | {
        c.drama.title for c in doc.credits
    }
    # Folded once here, not once per candidate phrase.
    known = {name: fold_phrase(name) for name in known}
    exact = set(known.values())
    taken = [(m.start, m.end) for m in doc.person_mentions + doc.title_mentions]
    for s in doc.sentences:
        for start, end, phrase in _capitalized_runs(s):
            if any(a < end and start < b for a, b in taken):
                continue
            guess = _closest(phrase, known, exact)
            if guess:
                yield Finding(
                    WARNING,
                    "spelling",
                    f"“{phrase}” looks like {guess}; check the spelling.",
                    s.text,
                )


_WORD = re.compile(r"[A-Za-z][\w'’]*")
_SMALL = {"the", "to", "not", "be", "of", "a", "an", "and", "in", "on", "for", "at"}


def _capitalized_runs(sentence):
    """Runs of two to six words that start and end with a capital: candidate names."""
    words = [
        (m.start() + sentence.start, m.end() + sentence.start, m[0])
        for m in _WORD.finditer(sentence.text)
    ]
    for i, first in enumerate(words):
        if not first[2][0].isupper():
            continue
        for j in range(i + 1, min(i + 6, len(words))):
            last = words[j]
            between = words[i : j + 1]
            if any(not (w[0].isupper() or w.lower() in _SMALL) for _, _, w in between):
                break
            if last[2][0].isupper():
                yield first[0], last[1], " ".join(w for _, _, w in between)


def _closest(phrase, known, exact):
    """The known name `phrase` nearly spells; `known` maps names to their folds."""
    folded = fold_phrase(phrase)
    if folded in exact:
        return None
    for name, target in known.items():
        if abs(len(target) - len(folded)) > 3 or target[:1] != folded[:1]:
            continue
        matcher = difflib.SequenceMatcher(None, folded, target)
        if matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
            return name
    return None


def known_for(doc):
    """'X, known for Y', 'the writer behind Y', 'who directed Y' match a credit."""
    for s in doc.sentences:
        for claim in KNOWN_FOR.finditer(doc.text, s.start, s.end):
            who = [m for m in s.people if m.end <= claim.start()]
            if not who:
                continue
            claimant = who[-1]
            titles = [m for m in s.titles if m.start >= claim.end()]
            stop = min([m.start for m in s.people if m.start > claim.end()] + [s.end])
            for title in (t for t in titles if t.start < stop):
                yield from _check_claim(doc, s, claimant, title, claim)


def _check_claim(doc, s, claimant, title, claim):
    role = claim["role1"] or claim["role2"] or claim["role3"] or ""
    job = ROLE_JOBS.get(role.lower())
    for drama_id in title.keys:
        credits = [
            c
            for c in doc.credits
            if c.person_id in claimant.keys and c.drama_id == drama_id
        ]
        person = doc.people.get(min(claimant.keys))
        drama = doc.dramas.get(drama_id)
        if not credits:
            message = f"{person} has no credit on {drama} in the show data."
        elif job and not any(c.job == job for c in credits):
            held = ", ".join(sorted({c.job or "cast" for c in credits}))
            message = f"{person} is credited on {drama} as {held}, not {job}."
        else:
            return
        yield Finding(ERROR, "known-for", message, s.text)


def networks(doc):
    """A network that none of the shows a sentence is about airs or streams on."""
    for s in doc.sentences:
        dramas = {*doc.dramas_in(s), *([doc.primary] if doc.primary else [])}
        homes = set()
        for drama in dramas:
            homes |= {
                drama.network_id,
                *(n.pk for n in drama.streaming_platforms.all()),
            }
        homes.discard(None)
        for m in s.networks:
            if homes and not (m.keys & homes):
                shows = " or ".join(sorted(str(d) for d in dramas))
                network = doc.text[m.start : m.end]
                yield Finding(
                    ERROR,
                    "network",
                    f"{network} does not carry {shows} in the show data.",
                    s.text,
                )


def images(doc):
    """A poster story needs its poster; a lead image needs credit and alt text."""
    article = doc.article
    image = article.lead_image
    if article.kind == "poster_reveal":
        if image is None:
            yield Finding(
                ERROR,
                "poster",
                "A poster story needs the poster as its lead image.",
                "",
            )
        elif image.kind not in {Image.Kind.POSTER, Image.Kind.TEASER_POSTER}:
            yield Finding(
                ERROR,
                "poster",
                f"The lead image is a {image.get_kind_display().lower()}, "
                "not a poster.",
                "",
            )
        elif image.unveiled_on and (doc.on - image.unveiled_on).days > FRESH_DAYS:
            yield Finding(
                WARNING,
                "poster",
                f"The poster was unveiled on {long_form(image.unveiled_on)}, "
                f"{(doc.on - image.unveiled_on).days} days before the story's date: "
                "is it still news?",
                "",
            )
    if image is not None:
        for problem in image.publish_problems():
            yield Finding(ERROR, "image", problem, "")


def duplicates(doc):
    """Another story with the same headline: the same news drafted or run twice."""
    headline = doc.article.headline.strip()
    if not headline:
        return
    others = (
        Article.objects.filter(headline=headline)
        .exclude(pk=doc.article.pk)
        .only("headline", "status", "publish_at")
        .order_by("-pk")
    )
    for other in others[:1]:
        status = other.get_status_display().lower()
        if other.publish_at:
            status += f", {long_form(timezone.localdate(other.publish_at))}"
        yield Finding(
            WARNING,
            "duplicate",
            f"Another story has this headline ({status}, no. {other.pk}): is this "
            "the same news again?",
            "",
        )


ALL = [
    tense,
    dates_against_data,
    weekdays,
    cast,
    known_for,
    networks,
    spelling,
    links,
    images,
    duplicates,
]
