from django.views.generic import DetailView

from .models import Person


class PersonDetailView(DetailView):
    model = Person

    def get_context_data(self, **kwargs):
        credits = self.object.credits.select_related("drama", "drama__network")
        return super().get_context_data(
            credits=credits.order_by("-drama__premiere_on"), **kwargs
        )
