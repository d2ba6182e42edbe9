"""sitemap.xml (stories, dramas, people) and the Google News sitemap."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models.functions import Coalesce
from django.utils import timezone

from dramas.models import Drama
from people.models import Person

from .models import Article

NEWS_WINDOW = datetime.timedelta(days=2)


class StorySitemap(Sitemap):
    def items(self):
        return Article.objects.live().latest_first()

    def lastmod(self, article):
        return article.updated_at or article.published_at


class NewsSitemap(StorySitemap):
    """Stories first published in the last two days; Google News reads no more."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        first_out = Coalesce("first_published_at", "publish_at")
        return super().items().alias(first_out=first_out).filter(first_out__gte=since)


class DramaSitemap(Sitemap):
    def items(self):
        return Drama.objects.order_by("pk")


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.order_by("pk")


SITEMAPS = {"stories": StorySitemap, "dramas": DramaSitemap, "people": PersonSitemap}
