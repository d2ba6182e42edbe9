from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.story_list, name="list"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
