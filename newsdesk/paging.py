"""Pages for lists that only grow: past 100,000 stories, counting them all costs more
than showing 20 (bench/bench_site.py measured it)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `max_pages` pages of rows; pages past them are not found."""

    max_pages = 1000

    @cached_property
    def count(self):
        limit = self.per_page * self.max_pages
        if isinstance(self.object_list, list):
            return min(len(self.object_list), limit)
        # Unordered, so the database may count from any index and stop at the limit.
        return self.object_list.order_by().values("pk")[:limit].count()
