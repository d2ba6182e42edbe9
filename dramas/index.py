"""Every known drama title (English, Korean, other known titles) in memory.

`titles` finds titles in copy (desk checks); `title_search` finds the shows whose
titles hold what a reader typed (search). Both are built once per process and
rebuilt after any change to a drama or a title (newsdesk.phrases.CachedIndex).
"""

from newsdesk.phrases import CachedIndex
from newsdesk.substrings import Lines

from .models import AlternativeTitle, Drama


def _titles():
    yield from Drama.objects.values_list("title", "pk")
    yield from Drama.objects.exclude(native_title="").values_list("native_title", "pk")
    yield from AlternativeTitle.objects.values_list("title", "drama_id")


titles = CachedIndex("dramas", _titles)


class TitleSearch:
    """Shows by any part of any of their titles, case aside: "dream" finds "Dream
    Secret" and "Sweet Dreams", with no query (newsdesk.substrings)."""

    def __init__(self, rows):
        lines = sorted({(title.casefold(), pk) for title, pk in rows if title})
        self._pks = [pk for _title, pk in lines]
        self._lines = Lines([title for title, _pk in lines])

    def containing(self, text, *, limit):
        """Up to `limit` shows, by id, with `text` inside one of their titles."""
        found = set()
        for line in self._lines.holding(text.casefold()):
            found.add(self._pks[line])
            if len(found) >= limit:
                break
        return sorted(found)


title_search = CachedIndex("dramas-search", _titles, build=TitleSearch)
