import django_filters
from django import forms

from .models import Article


class ArticleFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Article.Kind.choices, label="Kind", empty_label="All kinds"
    )
    drama = django_filters.CharFilter(
        field_name="dramas__slug", label="Drama", widget=forms.HiddenInput
    )
    person = django_filters.CharFilter(
        field_name="people__slug", label="Person", widget=forms.HiddenInput
    )
    published_after = django_filters.DateFilter(
        field_name="publish_at",
        lookup_expr="date__gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = django_filters.DateFilter(
        field_name="publish_at",
        lookup_expr="date__lte",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = []
