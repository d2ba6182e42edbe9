from django.contrib import admin

from newsdesk.date_inputs import DATE_ONLY
from newsdesk.names import name_key

from .forms import CAST_DETAILS, CREW_DETAILS, CastCreditForm, CrewCreditForm
from .models import Alias, Person, Role


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class CreditInline(admin.TabularInline):
    """Credits edited from one side, cast and crew in tables of their own: set
    `other` to the field naming the other side. One table of both had eight
    columns, wider than the desk's page, and a crew row's job sat off the screen."""

    model = Role
    form = CastCreditForm
    details = CAST_DETAILS
    other = "drama"
    extra = 0
    verbose_name = "cast credit"
    verbose_name_plural = "cast"

    class Media:
        css = {"all": ["people/credits.css"]}

    def get_queryset(self, request):
        # Each row names its person and its show: read with it, not once a row.
        credits = super().get_queryset(request).select_related("person", "drama")
        return credits.filter(category=self.form.fixed_category)

    def get_fields(self, request, obj=None):
        return [self.other, "category", *self.details]

    def get_autocomplete_fields(self, request):
        return [self.other]


class CrewCreditInline(CreditInline):
    form = CrewCreditForm
    details = CREW_DETAILS
    verbose_name = "crew credit"
    verbose_name_plural = "crew"


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_ONLY
    list_display = ["name", "native_name", "birth_date", "slug"]
    search_fields = ["name", "native_name", "aliases__name", "slug"]
    inlines = [AliasInline, CreditInline, CrewCreditInline]
    fields = ["name", "native_name", "slug", "birth_date", "bio"]

    def get_search_results(self, request, queryset, search_term):
        # Spacing and hyphens do not count: "Lee Min-ho" and "leeminho" find Lee Min Ho.
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        key = name_key(search_term)
        if key:
            results |= queryset.filter(name_key__contains=key)
            results |= queryset.filter(aliases__name_key__contains=key)
            may_have_duplicates = True
        return results, may_have_duplicates


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["person", "drama", "category", "character_name", "job", "tier"]
    list_filter = ["category", "tier", "job"]
    list_select_related = ["person", "drama"]
    # Newest first, down the primary key. The model's order (by show title, then
    # billing) sorted all 200,000 credits of the bench desk on every page: 337 ms.
    ordering = ["-pk"]
    search_fields = ["person__name", "person__aliases__name", "drama__title"]
    autocomplete_fields = ["person", "drama"]
