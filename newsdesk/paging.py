"""Pages for lists that only grow: past 100,000 stories, counting them all costs more
than showing 20 (bench/bench_site.py measured it)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `max_pages` pages of rows; pages past them are not found."""

    max_pages = 1000

    def __init__(self, *args, count=None, **kwargs):
        """`count`: how many rows there are, where the caller already knows."""
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = min(count, self.per_page * self.max_pages)

    @cached_property
    def count(self):
        limit = self.per_page * self.max_pages
        if isinstance(self.object_list, list):
            return min(len(self.object_list), limit)
        # Unordered, so the database may count from any index and stop at the limit.
        return self.object_list.order_by().values("pk")[:limit].count()

    @property
    def capped(self):
        """Whether there may be more rows than were counted."""
        return self.count >= self.per_page * self.max_pages


class OpenEndedPaginator:
    """Newer and older pages of an ordered queryset, without counting it.

    A page reads one key more than it shows to know whether an older page follows.
    The keys come first, alone, so a deep page skips its predecessors inside an index
    (no table rows read); then only the rows shown are read, prefetches and all. Its
    cost hardly grows with the archive, where a count grows with every story.
    """

    def __init__(self, queryset, per_page, *, max_pages=1000):
        self.queryset, self.per_page, self.max_pages = queryset, per_page, max_pages

    def get_page(self, number):
        """The page `number` asks for; page 1 for anything that is not a page number.
        A page past the end is empty (`is_past_the_end`), and so is one past
        `max_pages` (`beyond_reach`), without a read."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            number = 1
        if number > self.max_pages:
            return OpenPage([], number, has_next=False, beyond_reach=self.max_pages)
        start = (number - 1) * self.per_page
        keys = list(
            self.queryset.values_list("pk", flat=True)[
                start : start + self.per_page + 1
            ]
        )
        shown = keys[: self.per_page]
        rows = list(self.queryset.filter(pk__in=shown)) if shown else []
        return OpenPage(
            rows, number, has_next=len(keys) > self.per_page and number < self.max_pages
        )


class OpenPage:
    """A page as templates use Django's: iterate it, ask for its neighbours."""

    def __init__(self, object_list, number, *, has_next, beyond_reach=None):
        self.object_list, self.number, self._has_next = object_list, number, has_next
        # How many pages the list goes back, when `number` is past them.
        self.beyond_reach = beyond_reach

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    @property
    def is_past_the_end(self):
        return not self.object_list and self.number > 1 and not self.beyond_reach
