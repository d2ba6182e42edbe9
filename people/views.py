import string

from django.db.models import F, Prefetch
from django.views.generic import DetailView, ListView

from images.models import prefetch_portraits
from newsdesk import structured_data

from .models import Alias, Person, Role

# Newest first; a show with no premiere date yet is the newest of all.
NEWEST_FIRST = (F("drama__premiere_on").desc(nulls_first=True), "drama__title", "pk")


LETTERS = string.ascii_uppercase


class PersonListView(ListView):
    """Everyone the desk has a record of, by name, a letter at a time if asked."""

    paginate_by = 48

    def get_queryset(self):
        people = Person.objects.only("name", "native_name", "slug").prefetch_related(
            prefetch_portraits()
        )
        if letter := self.letter():
            people = people.filter(name__istartswith=letter)
        return people.order_by("name", "pk")

    def letter(self):
        # Anything but one letter of the alphabet shows everyone.
        asked = self.request.GET.get("letter", "").upper()
        return asked if len(asked) == 1 and asked in LETTERS else ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(letters=LETTERS, letter=self.letter(), **kwargs)


class PersonDetailView(DetailView):
    queryset = Person.objects.prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.order_by("pk")),
        Prefetch(
            "credits",
            queryset=Role.objects.select_related("drama").order_by(*NEWEST_FIRST),
            to_attr="filmography",
        ),
    )

    def get_context_data(self, **kwargs):
        person = self.object
        data = structured_data.person(person, request=self.request)
        return super().get_context_data(
            acting=[c for c in person.filmography if c.category == Role.Category.CAST],
            crew=[c for c in person.filmography if c.category == Role.Category.CREW],
            structured_data=structured_data.ld_json(data),
            stories=person.articles.live().latest_first()[:10],
            **kwargs,
        )
