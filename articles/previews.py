"""Showing a story before it is public: to the desk, and to outsiders by signed link."""

from django.core import signing
from django.shortcuts import render as render_template
from django.urls import reverse

from . import pages
from .models import Article, PreviewLink

SALT = "articles.preview-link"


def token_for(link):
    return signing.dumps(link.pk, salt=SALT)


def link_from_token(token):
    """The link a token names, or None when the token is forged or mangled."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return PreviewLink.objects.select_related("article").filter(pk=pk).first()


def url_for(request, link):
    return request.build_absolute_uri(
        reverse("articles:shared_preview", args=[token_for(link)])
    )


def render(request, article: Article, *, banner, back_url=None, status=200):
    """The reader's page for `article`, marked as not public and kept out of indexes;
    `back_url` links the banner back to where the preview was opened."""
    article = pages.article_page(Article.objects.filter(pk=article.pk)).get()
    response = render_template(
        request,
        "articles/article_detail.html",
        {
            **pages.context(article, request),
            "preview_banner": banner,
            "preview_back": back_url,
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
