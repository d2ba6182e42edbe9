from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from images.models import Rendition
from newsdesk import structured_data
from people.models import BILLING, Role

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
        # Cast and crew in one query, parted below: billing order, then crew.
        Prefetch(
            "credits",
            queryset=Role.objects.select_related("person").order_by(*BILLING),
            to_attr="all_credits",
        ),
    )

    def get_context_data(self, **kwargs):
        drama = self.object
        cast = [c for c in drama.all_credits if c.category == Role.Category.CAST]
        crew = sorted(
            (c for c in drama.all_credits if c.category == Role.Category.CREW),
            key=lambda credit: JOB_ORDER.get(credit.job, 99),
        )
        data = structured_data.tv_series(
            drama, cast=cast, crew=crew, request=self.request
        )
        return super().get_context_data(
            cast=cast,
            crew=crew,
            # Through the reverse relations: the show data imports no story code.
            posters=drama.images.posters().with_renditions(Rendition.Shape.POSTER)[:3],
            stories=drama.articles.live().latest_first()[:10],
            structured_data=structured_data.ld_json(data),
            **kwargs,
        )
