"""Every known person's names in memory: for finding them in copy and in searches.

Built once per process from the database and rebuilt after any change to a person
or an alias (newsdesk.phrases.CachedIndex), so a desk check or a search asks no
query of the 20,000 people to know which of them a text names.
"""

import ahocorasick

from newsdesk.phrases import CachedIndex
from newsdesk.substrings import Lines

from .models import Alias, Person

# Shorter keys ("yu", "lee") would match inside too many other names.
MIN_KEY = 4


def _names():
    yield from Person.objects.values_list("name", "pk")
    yield from Person.objects.exclude(native_name="").values_list("native_name", "pk")
    yield from Alias.objects.values_list("name", "person_id")


names = CachedIndex("people", _names)


class NameKeys:
    """People by name key (newsdesk.names.name_key), for search. Spacing, hyphens
    and case do not count: "Lee Minho" and "lee min-ho" both name Lee Min-ho."""

    def __init__(self, rows):
        by_key, by_native = {}, {}
        for pk, key, native in rows:
            if key:
                by_key.setdefault(key, set()).add(pk)
            if native:
                by_native.setdefault(native, set()).add(pk)
        self._keys = sorted(by_key)
        self._pks = [by_key[k] for k in self._keys]
        self._lines = Lines(self._keys)
        self._whole = _automaton(
            (k, pks)
            for k, pks in zip(self._keys, self._pks, strict=True)
            if len(k) >= MIN_KEY
        )
        self._native = _automaton(by_native.items())

    def named_in(self, key, text):
        """The people a text names in full: a key of MIN_KEY or more characters
        inside `key` (the text's key), or a Hangul name inside `text`."""
        found = set()
        for source, asked in [(self._whole, key), (self._native, text)]:
            if source is not None:
                for _end, pks in source.iter(asked):
                    found |= pks
        return sorted(found)

    def holding(self, key, *, limit):
        """Up to `limit` people with `key` inside one of their keys ("minho" in Lee
        Min-ho's), when `key` has MIN_KEY characters or more."""
        found = set()
        for line in self._lines.holding(key) if len(key) >= MIN_KEY else ():
            found |= self._pks[line]
            if len(found) >= limit:
                break
        return sorted(found)[:limit]


def _automaton(entries):
    automaton = ahocorasick.Automaton()
    for word, pks in entries:
        automaton.add_word(word, frozenset(pks))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _keys():
    yield from Person.objects.order_by().values_list("pk", "name_key", "native_name")
    for pk, key in Alias.objects.values_list("person_id", "name_key"):
        yield pk, key, ""


name_keys = CachedIndex("people-keys", _keys, build=NameKeys)
