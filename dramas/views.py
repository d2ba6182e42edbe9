from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from newsdesk import structured_data
from people.models import Role

from .models import AlternativeTitle, Drama

# Crew in the order of the job choices: director and screenwriter first.
JOB_ORDER = {job: rank for rank, job in enumerate(Role.Job.values)}


class DramaListView(ListView):
    queryset = Drama.objects.select_related("network").order_by("-premiere_on", "title")
    paginate_by = 24


class DramaDetailView(DetailView):
    queryset = Drama.objects.select_related("network").prefetch_related(
        "streaming_platforms",
        "genres",
        Prefetch(
            "alternative_titles", queryset=AlternativeTitle.objects.order_by("pk")
        ),
        Prefetch(
            "credits",
            queryset=Role.objects.cast().select_related("person"),
            to_attr="cast",
        ),
        Prefetch(
            "credits",
            queryset=Role.objects.crew().select_related("person").order_by("pk"),
            to_attr="crew",
        ),
    )

    def get_context_data(self, **kwargs):
        drama = self.object
        crew = sorted(drama.crew, key=lambda credit: JOB_ORDER.get(credit.job, 99))
        data = structured_data.tv_series(
            drama, cast=drama.cast, crew=crew, request=self.request
        )
        return super().get_context_data(
            cast=drama.cast,
            crew=crew,
            structured_data=structured_data.ld_json(data),
            **kwargs,
        )
