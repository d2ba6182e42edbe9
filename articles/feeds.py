"""RSS and Atom feeds: the latest stories, and the stories about a drama or a person."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed

from dramas.models import Drama
from people.models import Person

from .models import Article, Byline

ITEMS = 30


class LatestStories(Feed):
    def title(self, obj=None):
        return f"{settings.SITE_NAME}: the latest stories"

    def link(self, obj=None):
        return reverse("articles:list")

    def description(self, obj=None):
        return "Korean drama news: premieres, casting, posters and reviews."

    def items(self, obj=None):
        stories = Article.objects.live()
        if obj is not None:
            stories = stories.about(obj)
        return stories.latest_first().prefetch_related(
            Prefetch("byline_set", queryset=Byline.objects.select_related("user")),
            "dramas",
            "people",
        )[:ITEMS]

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        return article.dek

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at or article.published_at

    def item_author_name(self, article):
        return ", ".join(str(byline) for byline in article.byline_set.all())

    def item_categories(self, article):
        return [
            article.get_kind_display(),
            *(drama.title for drama in article.dramas.all()),
            *(person.name for person in article.people.all()),
        ]


class DramaStories(LatestStories):
    def get_object(self, request, slug):
        return get_object_or_404(Drama, slug=slug)

    def title(self, drama):
        return f"{settings.SITE_NAME}: stories about {drama.title}"

    def link(self, drama):
        return drama.get_absolute_url()

    def description(self, drama):
        return f"The desk's latest news on {drama.title}."


class PersonStories(DramaStories):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def title(self, person):
        return f"{settings.SITE_NAME}: stories about {person.name}"

    def link(self, person):
        return person.get_absolute_url()

    def description(self, person):
        return f"The desk's latest news on {person.name}."


class Atom:
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class LatestStoriesAtom(Atom, LatestStories):
    pass


class DramaStoriesAtom(Atom, DramaStories):
    pass


class PersonStoriesAtom(Atom, PersonStories):
    pass


app_name = "feeds"
urlpatterns = [
    path("stories.rss", LatestStories(), name="stories"),
    path("stories.atom", LatestStoriesAtom(), name="stories_atom"),
    path("dramas/<slug:slug>.rss", DramaStories(), name="drama"),
    path("dramas/<slug:slug>.atom", DramaStoriesAtom(), name="drama_atom"),
    path("people/<slug:slug>.rss", PersonStories(), name="person"),
    path("people/<slug:slug>.atom", PersonStoriesAtom(), name="person_atom"),
]
