import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from articles import search
from articles import views as article_views
from articles.sitemaps import SITEMAPS, NewsSitemap
from newsdesk.floor import floor
from newsdesk.login import DeskLoginForm

admin.site.site_header = "Newsdesk"
admin.site.site_title = "Newsdesk"
admin.site.index_title = "The desk"
admin.site.login_form = DeskLoginForm
handler500 = "newsdesk.errors.server_error"

urlpatterns = [
    path("", article_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("dramas/", include("dramas.urls")),
    path("people/", include("people.urls")),
    path("stories/", include("articles.urls")),
    path("search/", search.search, name="search"),
    path("feeds/", include("articles.feeds")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "news-sitemap.xml",
        sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("_bench/floor/", floor, name="bench_floor"),
]

if settings.SERVE_MEDIA:
    # Uploads from a volume every app server shares; off when media is on S3 or a CDN.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
