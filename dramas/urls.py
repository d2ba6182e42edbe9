from django.urls import path

from . import views

app_name = "dramas"
urlpatterns = [
    path("", views.DramaListView.as_view(), name="list"),
    path("<slug:slug>/", views.DramaDetailView.as_view(), name="detail"),
]
