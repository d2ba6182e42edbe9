"""Finding many known phrases (names, titles) in a text in one pass (Aho-Corasick).

Text and phrases are folded the same way, character for character, so offsets in the
folded text are offsets in the original: lower case, hyphens and other dashes read as
spaces ("Lee Min-ho" is "lee min ho"), curly quotes as straight ones. A match must
start and end at a word boundary.
"""

import re
import uuid
from dataclasses import dataclass

import ahocorasick
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

# One character for one, so offsets hold: dashes as spaces, curly quotes as straight.
_FOLDS = str.maketrans(
    {**{c: " " for c in "-‐‑‒–—_"}, "’": "'", "‘": "'", "“": '"', "”": '"'}
)
_SPACES = re.compile(r"\s+")


# ASCII folds one character to one with str methods alone: the fast path.
_ASCII_FOLDS = str.maketrans({c: " " for c in "-_\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"})


def fold(text):
    """Lower case, dashes as spaces, whitespace as plain spaces; same length as text."""
    if text.isascii():
        return text.lower().translate(_ASCII_FOLDS)
    return "".join(_fold_char(c) for c in text.translate(_FOLDS))


def _fold_char(c):
    if c.isspace():
        return " "
    lower = c.lower()
    # A few characters lower-case to two (İ); keep them as they are, to keep offsets.
    return lower if len(lower) == 1 else c


def fold_phrase(phrase):
    return _SPACES.sub(" ", fold(phrase)).strip()


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str
    keys: frozenset


class PhraseIndex:
    def __init__(self, phrases):
        """`phrases`: (phrase, key) pairs; one phrase may stand for several keys."""
        keys_by_phrase = {}
        for phrase, key in phrases:
            folded = fold_phrase(phrase)
            if len(folded) >= 2:
                keys_by_phrase.setdefault(folded, set()).add(key)
        self._automaton = ahocorasick.Automaton()
        for folded, keys in keys_by_phrase.items():
            self._automaton.add_word(folded, (folded, frozenset(keys)))
        self.size = len(keys_by_phrase)
        if self.size:
            self._automaton.make_automaton()

    def find(self, text):
        """Longest non-overlapping matches at word boundaries, left to right."""
        if not self.size:
            return []
        folded = fold(text)
        found = []
        for end, (phrase, keys) in self._automaton.iter(folded):
            start = end - len(phrase) + 1
            if _boundary(folded, start - 1) and _boundary(folded, end + 1):
                found.append(Match(start, end + 1, phrase, keys))
        return _longest_first(found)


def _boundary(text, i):
    return i < 0 or i >= len(text) or not text[i].isalnum()


def _longest_first(matches):
    chosen, taken_until = [], -1
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= taken_until:
            chosen.append(match)
            taken_until = match.end
    return chosen


class CachedIndex:
    """An index (a PhraseIndex unless `build` says otherwise) built from the database
    once per process, and rebuilt after `invalidate()` (which every process sees
    through the shared cache)."""

    def __init__(self, name, load, *, build=PhraseIndex):
        self._key = f"newsdesk:phrases:{name}:version"
        self._load = load
        self._build = build
        self._version = None
        self._index = None

    def get(self):
        # A random version, not a counter: if the cache loses the key (a restart, an
        # eviction, a clear), a fresh one can never match an index built before.
        version = cache.get(self._key)
        if version is None:
            cache.add(self._key, uuid.uuid4().hex, timeout=None)
            version = cache.get(self._key)
        if version is None or version != self._version:
            self._index = self._build(self._load())
            self._version = version
        return self._index

    def watch(self, *models):
        """Rebuild after any save or delete of these models."""
        for model in models:
            uid = f"{self._key}:{model._meta.label}"
            post_save.connect(self.invalidate, sender=model, dispatch_uid=uid)
            post_delete.connect(self.invalidate, sender=model, dispatch_uid=uid)

    def invalidate(self, **kwargs):
        cache.set(self._key, uuid.uuid4().hex, timeout=None)
