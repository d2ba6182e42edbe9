"""The admin's autocomplete, made to survive hand-made requests.

When a form is refused, Django's autocomplete widgets render it again by looking up
every posted value as a primary key. A value that is not one ("abc", "2024-13-45")
raises ValueError there, and the desk got a 500 instead of "Select a valid choice".
These widgets look up only the values that can be keys; the field's own error still
tells the editor what was wrong.

The search behind the autocomplete drops NUL bytes from the term: PostgreSQL refuses
them in a text comparison (a 500), and no name or title holds one.

A related model's admin may name its choices otherwise than their `str()`: it defines
`autocomplete_text(obj)` (the desk's accounts: the full name, not the login).

A related model's admin may say more about each choice than its name, so that the
desk sees what it picks (an image's thumbnail, kind and credit): it defines
`autocomplete_queryset(queryset)`, to fetch what that needs, and
`autocomplete_result(obj)`, a dict of strings added to each search result and, for
the choice already made, to its option as data attributes. The widgets' script
(newsdesk/autocomplete-pictures.js) shows a "thumbnail" and a "detail".
"""

from django import forms
from django.contrib.admin import options, sites, widgets
from django.contrib.admin.views import autocomplete
from django.core.exceptions import ValidationError


class ValidValuesMixin:
    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk
        to_field = getattr(self.field.remote_field, "field_name", None)
        if to_field:
            key = self.field.remote_field.model._meta.get_field(to_field)
        keys = [v for v in value if _is_key(key, v)]
        related_admin = self.admin_site.get_model_admin(self.field.remote_field.model)
        if hasattr(related_admin, "autocomplete_text"):
            # Django labels the choice already made through its form field.
            self.choices.field.label_from_instance = related_admin.autocomplete_text
        groups = super().optgroups(name, keys, attr)
        if keys and hasattr(related_admin, "autocomplete_result"):
            chosen = related_admin.model._default_manager.filter(
                **{f"{key.attname}__in": keys}
            )
            if hasattr(related_admin, "autocomplete_queryset"):
                chosen = related_admin.autocomplete_queryset(chosen)
            said = {
                str(getattr(obj, key.attname)): related_admin.autocomplete_result(obj)
                for obj in chosen
            }
            for _, options, _ in groups:
                for option in options:
                    for field, text in said.get(str(option["value"]), {}).items():
                        option["attrs"][f"data-{field}"] = text
        return groups

    @property
    def media(self):
        # Named after the admin's script, so that the merge keeps it there.
        return super().media + forms.Media(
            js=["admin/js/autocomplete.js", "newsdesk/autocomplete-pictures.js"],
            css={"screen": ["newsdesk/autocomplete-pictures.css"]},
        )


def _is_key(field, value):
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class AutocompleteSelect(ValidValuesMixin, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(ValidValuesMixin, widgets.AutocompleteSelectMultiple):
    pass


class AutocompleteJsonView(autocomplete.AutocompleteJsonView):
    def process_request(self, request):
        term, *rest = super().process_request(request)
        return term.replace("\x00", ""), *rest

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(self.model_admin, "autocomplete_queryset"):
            return self.model_admin.autocomplete_queryset(queryset)
        return queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if hasattr(self.model_admin, "autocomplete_text"):
            result["text"] = self.model_admin.autocomplete_text(obj)
        if hasattr(self.model_admin, "autocomplete_result"):
            result.update(self.model_admin.autocomplete_result(obj))
        return result


def install():
    """Make every ModelAdmin's autocomplete_fields use these widgets and this view."""
    sites.AutocompleteJsonView = AutocompleteJsonView
    options.AutocompleteSelect = AutocompleteSelect
    options.AutocompleteSelectMultiple = AutocompleteSelectMultiple
