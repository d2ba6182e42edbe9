from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Newsdesk"
admin.site.site_title = "Newsdesk"
admin.site.index_title = "The desk"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dramas:list"), name="home"),
    path("admin/", admin.site.urls),
    path("dramas/", include("dramas.urls")),
    path("people/", include("people.urls")),
    path("stories/", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
