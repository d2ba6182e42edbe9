from django.http import Http404
from django.shortcuts import redirect, render
from django.views.generic import DetailView, ListView

from . import previews
from .models import Article, SlugRedirect


class ArticleListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.live().latest_first().prefetch_related("bylines")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.live().select_related("lead_image")

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


def shared_preview(request, token):
    link = previews.link_from_token(token)
    if link is None:
        raise Http404("This preview link is not valid.")
    if not link.is_valid():
        return render(
            request, "articles/preview_expired.html", {"link": link}, status=410
        )
    when = link.expires_at
    return previews.render(
        request,
        link.article,
        banner=f"Preview: not public. This link works until {when}.",
    )
