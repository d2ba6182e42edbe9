"""Every known drama title (English, Korean, other known titles) in memory.

`titles` finds titles in copy (desk checks); `title_search` finds the shows whose
titles hold what a reader typed (search). Both are built once per process and
rebuilt after any change to a drama or a title (newsdesk.phrases.CachedIndex).
"""

import bisect

from newsdesk.phrases import CachedIndex

from .models import AlternativeTitle, Drama


def _titles():
    yield from Drama.objects.values_list("title", "pk")
    yield from Drama.objects.exclude(native_title="").values_list("native_title", "pk")
    yield from AlternativeTitle.objects.values_list("title", "drama_id")


titles = CachedIndex("dramas", _titles)


class TitleSearch:
    """Shows by any part of any of their titles, case aside: "dream" finds "Dream
    Secret" and "Sweet Dreams". One string holds every title, a line each, and
    str.find walks it: no query, and no pass in Python over 3,000 shows."""

    def __init__(self, rows):
        lines = sorted({(title.casefold(), pk) for title, pk in rows if title})
        self._pks = [pk for _title, pk in lines]
        self._starts, offset = [], 0
        for title, _pk in lines:
            self._starts.append(offset)
            offset += len(title) + 1
        self._joined = "\n".join(title for title, _pk in lines)

    def containing(self, text, *, limit):
        """Up to `limit` shows, by id, with `text` inside one of their titles."""
        text = text.casefold()
        found = set()
        at = self._joined.find(text) if text and "\n" not in text else -1
        while at != -1 and len(found) < limit:
            line = bisect.bisect_right(self._starts, at) - 1
            found.add(self._pks[line])
            if line + 1 == len(self._starts):
                break
            at = self._joined.find(text, self._starts[line + 1])
        return sorted(found)


title_search = CachedIndex("dramas-search", _titles, build=TitleSearch)
