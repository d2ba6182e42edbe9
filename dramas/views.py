from django.views.generic import DetailView, ListView

from .models import Drama


class DramaListView(ListView):
    queryset = Drama.objects.select_related("network").order_by("-premiere_on", "title")
    paginate_by = 30


class DramaDetailView(DetailView):
    queryset = Drama.objects.select_related("network").prefetch_related(
        "streaming_platforms", "genres", "alternative_titles"
    )

    def get_context_data(self, **kwargs):
        credits = self.object.credits.select_related("person")
        return super().get_context_data(
            cast=credits.cast(), crew=credits.crew(), **kwargs
        )
