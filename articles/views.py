import datetime

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.views.generic import DetailView

from dramas.models import Drama
from newsdesk.paging import OpenEndedPaginator
from people.models import Person

from . import pages, previews
from .filters import ArticleFilter
from .models import Article, SlugRedirect, StatusChange

# How the article page writes a moment (templates/articles/article_detail.html).
READER_TIME = "F j, Y, H:i T"


def home(request):
    today = timezone.localdate()
    latest = list(pages.stories()[:13])
    # The dramas of the fortnight's newest 300 stories, not of all of them.
    recent = timezone.now() - datetime.timedelta(days=14)
    in_the_news = (
        Article.objects.live()
        .filter(publish_at__gte=recent)
        .busiest_dramas(among=300, limit=6)
    )
    context = {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "premieres": Drama.objects.premiering_between(
            today, today + datetime.timedelta(days=30)
        ).select_related("network")[:8],
        "in_the_news": in_the_news,
    }
    return render(request, "articles/home.html", context)


def story_list(request):
    found = ArticleFilter(request.GET, queryset=pages.stories())
    queryset = found.qs if found.is_valid() else Article.objects.none()
    page = OpenEndedPaginator(queryset, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": found,
        "page_obj": page,
        "query": query.urlencode(),
        "about": _about(found),
    }
    return render(request, "articles/article_list.html", context)


def _about(found):
    """The drama or person a filtered list is about, to name it in the heading."""
    if not found.is_valid():
        return None
    for name, model in [("drama", Drama), ("person", Person)]:
        if slug := found.form.cleaned_data.get(name):
            return model.objects.filter(slug=slug).first()
    return None


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return pages.article_page(Article.objects.live())

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = SlugRedirect.objects.filter(
                old_slug=kwargs["slug"], article__in=Article.objects.live()
            ).select_related("article")
            if old := moved.first():
                return redirect(old.article, permanent=True)
            raise

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **pages.context(self.object, self.request),
        }


def shared_preview(request, token):
    link = previews.link_from_token(token)
    if link is None:
        # Mangled in copying, most likely: say so, not "we could not find that page".
        return render(
            request, "articles/preview_expired.html", {"link": None}, status=404
        )
    # Withdrawal revokes a story's links. One that escaped it (made before the rule)
    # works neither while the story is withdrawn nor after it is back in the desk.
    withdrawn = link.article.status == Article.Status.WITHDRAWN or (
        StatusChange.objects.filter(
            article=link.article_id,
            to_status=Article.Status.WITHDRAWN,
            at__gte=link.created_at,
        ).exists()
    )
    if withdrawn or not link.is_valid():
        return render(
            request,
            "articles/preview_expired.html",
            {"link": link, "withdrawn": withdrawn},
            status=410,
        )
    if link.article.is_live():
        # Out since the link was made: the public page is the story.
        return redirect(link.article)
    # As the page writes its times, with the zone: whoever was sent the link may be
    # reading it elsewhere.
    until = dateformat.format(timezone.localtime(link.expires_at), READER_TIME)
    return previews.render(
        request,
        link.article,
        banner=f"Preview: not public. This link works until {until}.",
    )
