"""Turning a kind's templates and the facts into clean copy."""

import html
import re
from dataclasses import dataclass

from django.template.loader import render_to_string

from .context import page_of

BLOCK = r"</?(?:p|h2|h3|h4|ul|ol|li|blockquote)>"
DESK_LINK = re.compile(r'<a href="(/(?:people|dramas)/[^"]*)">(.*?)</a>')


@dataclass
class Draft:
    headline: str
    dek: str
    body: str
    dramas: list
    people: list


def write(kind, context):
    body = tidy(render_to_string(kind.template("body.html"), context))
    dramas, people = named_in(body, context)
    return Draft(
        headline=plain(render_to_string(kind.template("headline.txt"), context)),
        dek=plain(render_to_string(kind.template("dek.txt"), context)),
        body=body,
        dramas=dramas,
        people=people,
    )


def plain(text):
    """A text template's output as one line; autoescaping is for HTML only."""
    return _punctuation(html.unescape(" ".join(text.split())))


def tidy(body):
    """Template output as clean paragraphs: no stray spaces, no empty blocks, and
    one link per person or show (the first mention)."""
    body = " ".join(body.split())
    body = re.sub(rf"\s*({BLOCK})\s*", r"\1", body)
    body = _punctuation(body)
    body = re.sub(r"<p></p>", "", body)
    return _link_first_mentions(body)


def _punctuation(text):
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    # A dropped clause can leave its comma before the full stop.
    return re.sub(r",([.;:!?])", r"\1", text)


def _link_first_mentions(body):
    seen = set()

    def keep_first(match):
        if match[1] in seen:
            return match[2]
        seen.add(match[1])
        return match[0]

    return DESK_LINK.sub(keep_first, body)


def named_in(body, context):
    """The shows and people the body links to: the story's related rows."""
    linked = set(DESK_LINK.findall(body))
    hrefs = {href for href, _ in linked}
    people = {c.person for c in context["credits"]} | set(context["poster_people"])
    dramas = {context["drama"]} | {
        credit.drama for known in context.get("known", {}).values() for credit in known
    }
    return (
        [d for d in dramas if page_of(d) in hrefs],
        [p for p in people if page_of(p) in hrefs],
    )
