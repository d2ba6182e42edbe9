"""A story read for checking: its sentences, links, the people and shows it names, and
the data it is checked against, loaded in a fixed number of queries."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlparse

from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone

from dramas import index as drama_index
from dramas.models import Drama, Network
from newsdesk.phrases import PhraseIndex
from people import index as people_index
from people.models import Person, Role

from . import dates

# Sentence ends: . ! ? followed by space and a capital or quote; not after a title or
# an abbreviated month ("Dr. Kim", "Jan. 4").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘(])")
_NOT_AN_END = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|St|No|Jr|Sr|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
    r"\.$"
)


@dataclass
class Link:
    href: str
    text: str
    person_slug: str | None


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    people: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    dates: list = field(default_factory=list)

    def local(self, match):
        return match.start - self.start, match.end - self.start


class _Reader(HTMLParser):
    """Plain text of a story body, paragraph by paragraph, with its links."""

    BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links, self._href, self._link_text = [], [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._link_text = dict(attrs).get("href") or "", []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text).strip()))
            self._href = None
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def _person_slug(href):
    path = urlparse(href)
    if path.scheme not in {"", "http", "https"}:
        return None
    try:
        match = resolve(path.path or "/")
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.view_name == "people:detail" else None


def _split(text, offset):
    sentences, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _NOT_AN_END.search(text[start : m.start() + 1]):
            continue
        sentences.append((start, m.start() + 1))
        start = m.end()
    sentences.append((start, len(text)))
    return [
        Sentence(text[a:b].strip(), offset + a, offset + b)
        for a, b in sentences
        if text[a:b].strip()
    ]


def _within(sentence, matches):
    return [m for m in matches if sentence.start <= m.start < sentence.end]


class Document:
    def __init__(self, article, *, on=None):
        self.article = article
        self.on = on or timezone.localdate(article.publish_at or timezone.now())
        reader = _Reader()
        reader.feed(article.body or "")
        body = re.sub(r"\n{3,}", "\n\n", "".join(reader.parts)).strip()
        self.text, self.sentences = "", []
        for block in [article.headline, article.dek]:
            self._add(block)
        self.body_start = len(self.text)
        for block in body.split("\n\n"):
            self._add(block)
        self.links = [Link(h, t, _person_slug(h)) for h, t in reader.links]
        self._find_mentions()
        self._load_data()

    def _add(self, block):
        block = (block or "").strip()
        if block:
            self.sentences += _split(block, len(self.text))
            self.text += block + "\n\n"

    def _find_mentions(self):
        self.person_mentions = people_index.names.get().find(self.text)
        self.title_mentions = drama_index.titles.get().find(self.text)
        self.network_index = PhraseIndex(Network.objects.values_list("name", "pk"))
        self.network_mentions = self.network_index.find(self.text)
        masked = list(self.text)
        for m in self.person_mentions + self.title_mentions:
            masked[m.start : m.end] = " " * (m.end - m.start)
        self.date_mentions = dates.find_dates("".join(masked))
        for sentence in self.sentences:
            sentence.people = _within(sentence, self.person_mentions)
            sentence.titles = _within(sentence, self.title_mentions)
            sentence.networks = _within(sentence, self.network_mentions)
            sentence.dates = _within(sentence, self.date_mentions)

    def _load_data(self):
        article = self.article
        related = (
            list(article.dramas.values_list("pk", flat=True)) if article.pk else []
        )
        drama_ids = set(related) | {k for m in self.title_mentions for k in m.keys}
        self.dramas = (
            Drama.objects.select_related("network")
            .prefetch_related("streaming_platforms")
            .in_bulk(drama_ids)
        )
        person_ids = {k for m in self.person_mentions for k in m.keys}
        slugs = {link.person_slug for link in self.links if link.person_slug}
        named = Person.objects.filter(Q(pk__in=person_ids) | Q(slug__in=slugs))
        self.people = {p.pk: p for p in named.prefetch_related("aliases")}
        self.credits = list(
            Role.objects.filter(
                Q(drama__in=drama_ids) | Q(person__in=person_ids)
            ).select_related("person", "drama")
        )
        self.primary = self._main_show(related)

    def _main_show(self, related):
        """The related show the copy names first (headline first), else the first."""
        for m in self.title_mentions:
            for pk in sorted(m.keys):
                if pk in related and pk in self.dramas:
                    return self.dramas[pk]
        return next((self.dramas[pk] for pk in related if pk in self.dramas), None)

    # Questions the checks ask.
    def dramas_in(self, sentence, *, near=None):
        """The shows a sentence is about: those it names (nearest to `near` first), or
        the story's main show."""
        titles = sentence.titles
        if near is not None:
            titles = sorted(titles, key=lambda m: abs(m.start - near))
        named = [
            self.dramas[k] for m in titles for k in sorted(m.keys) if k in self.dramas
        ]
        return named or ([self.primary] if self.primary else [])

    def in_body(self, match):
        return match.start >= self.body_start
