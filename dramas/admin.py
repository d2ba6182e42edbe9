from django.contrib import admin
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format

from newsdesk.date_inputs import DATE_ONLY
from people.admin import CreditInline, CrewCreditInline

from .models import LONGEST_RUN, AlternativeTitle, Drama, Genre, Network

MONTHS = LONGEST_RUN.days // 30
FINALE_MISSING_LABEL = f"Airing over {MONTHS} months: finale date missing?"


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"
    FINALE_MISSING = "finale_missing"

    def lookups(self, request, model_admin):
        return [*Drama.Status.choices, (self.FINALE_MISSING, FINALE_MISSING_LABEL)]

    def queryset(self, request, queryset):
        if self.value() == self.FINALE_MISSING:
            return queryset.finale_missing()
        if self.value() in Drama.Status.values:
            return queryset.with_status(self.value())
        return queryset


class PremiereYearFilter(admin.SimpleListFilter):
    title = "premiere year"
    parameter_name = "premiere_year"

    def lookups(self, request, model_admin):
        years = (
            Drama.objects.filter(premiere_on__isnull=False)
            .annotate(year=ExtractYear("premiere_on"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        # Only the years offered: anything else ("²", "99999") is not a year we hold.
        if self.value() in dict(self.lookup_choices):
            return queryset.filter(premiere_on__year=int(self.value()))
        return queryset


class DramaFilter(admin.SimpleListFilter):
    """A desk list's drama filter that offers a few shows, those most present among
    the list's newest records (`offered`, set by each list), not every show: at
    3,000 shows that was a column of links nobody could scan (220 KB of the image
    list). A show reached by a link and not offered is named too. The parameter is
    the one Django's own filter used, so links from elsewhere keep working."""

    title = "drama"
    parameter_name = "dramas__id__exact"

    def offered(self, request):
        """The (pk as text, title) choices to offer."""
        raise NotImplementedError

    def chosen(self):
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        value = self.value()
        return int(value) if value and value.isdecimal() else None

    def lookups(self, request, model_admin):
        choices = list(self.offered(request))
        chosen = self.chosen()
        if chosen and str(chosen) not in dict(choices):
            shows = Drama.objects.filter(pk=chosen).only("title")
            choices += [(str(chosen), show.title) for show in shows]
        return choices

    def queryset(self, request, queryset):
        chosen = self.chosen()
        return queryset if chosen is None else queryset.filter(dramas__pk=chosen)


class AlternativeTitleInline(admin.TabularInline):
    model = AlternativeTitle
    extra = 0
    verbose_name = "other known title"


class DramaCastInline(CreditInline):
    other = "person"
    extra = 1


class DramaCrewInline(CrewCreditInline):
    other = "person"
    extra = 1


@admin.register(Drama)
class DramaAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_ONLY
    list_display = ["title", "native_title", "network", "premiere_on", "status_label"]
    list_filter = [StatusFilter, "network", PremiereYearFilter]
    list_select_related = ["network"]
    search_fields = ["title", "native_title", "alternative_titles__title", "slug"]
    autocomplete_fields = ["network", "streaming_platforms", "genres"]
    date_hierarchy = "premiere_on"
    inlines = [AlternativeTitleInline, DramaCastInline, DramaCrewInline]
    fieldsets = [
        (None, {"fields": ["title", "native_title", "slug", "synopsis", "genres"]}),
        ("Where it airs", {"fields": ["network", "streaming_platforms", "country"]}),
        ("Dates", {"fields": ["premiere_on", "finale_on", "episode_count"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None or not obj.finale_missing:
            return self.fieldsets
        premiere = date_format(obj.premiere_on, "j F Y")
        missing = (
            f"This show premiered on {premiere} and has no finale date, so readers "
            "see it as still airing. Add the finale date once it has ended."
        )
        return [
            (name, {**options, "description": missing} if name == "Dates" else options)
            for name, options in self.fieldsets
        ]

    @admin.display(description="status")
    def status_label(self, drama):
        if drama.finale_missing:
            return "Airing? No finale date"
        return drama.status.label


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    search_fields = ["name"]
