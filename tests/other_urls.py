"""A second URL configuration, for tests that swap ROOT_URLCONF."""

from django.http import HttpResponse
from django.urls import include, path

stories = (
    [path("<slug:slug>/", lambda request, slug: HttpResponse(), name="detail")],
    "articles",
)
urlpatterns = [path("elsewhere/", include(stories))]
