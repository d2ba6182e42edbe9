import django_filters
from django import forms

from .models import Article


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            raise forms.ValidationError(
                "The “From” date is after the “To” date: swap them to see the "
                "stories in between."
            )
        return cleaned


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
        form = ArticleFilterForm
