from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
