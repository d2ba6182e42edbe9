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
from django.core.exceptions import FieldDoesNotExist, ValidationError


class ValidValuesMixin:
    # The records the form already holds for this field (ChosenRecordsMixin): the
    # choices made are labelled from them instead of being read again.
    held = ()

    def optgroups(self, name, value, attr=None):
        """Django's autocomplete options for the choices made, in one read or none:
        Django reads them to label them, and autocomplete_result read them again."""
        model = self.field.remote_field.model
        key = model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or model._meta.pk.name
        )
        keys = [str(v) for v in value if _is_key(key, v)]
        related_admin = self.admin_site.get_model_admin(model)
        label = getattr(related_admin, "autocomplete_text", None)
        # Django labels the choice already made through its form field.
        label = label or self.choices.field.label_from_instance
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        has_selected = False
        for obj in self._chosen(key, keys, related_admin):
            option_value = getattr(obj, key.attname)
            selected = str(option_value) in keys and (
                not has_selected or self.allow_multiple_selected
            )
            has_selected |= selected
            option = self.create_option(
                name, option_value, label(obj), selected, len(options)
            )
            if hasattr(related_admin, "autocomplete_result"):
                for field, text in related_admin.autocomplete_result(obj).items():
                    option["attrs"][f"data-{field}"] = text
            options.append(option)
        return [(None, options, 0)]

    def _chosen(self, key, keys, related_admin):
        if not keys:
            return []
        held = {str(getattr(obj, key.attname)): obj for obj in self.held}
        # A model admin that fetches more for its results needs its own read.
        if not hasattr(related_admin, "autocomplete_queryset") and set(keys) <= set(
            held
        ):
            return [held[k] for k in dict.fromkeys(keys)]
        chosen = self.choices.queryset.using(self.db).filter(
            **{f"{key.attname}__in": keys}
        )
        if hasattr(related_admin, "autocomplete_queryset"):
            chosen = related_admin.autocomplete_queryset(chosen)
        return chosen

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


class ChosenRecordsMixin:
    """For a model form: its autocomplete widgets label the records the form was
    opened with (a story's shows and people) without reading them again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The admin wraps the widget with its add and change links.
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, ValidValuesMixin):
                widget.held = self._held(name)

    def _held(self, name):
        try:
            model_field = self.instance._meta.get_field(name)
        except FieldDoesNotExist:
            return ()
        if model_field.many_to_many:
            # model_to_dict gives the records themselves.
            return [obj for obj in self.initial.get(name) or () if hasattr(obj, "pk")]
        if model_field.is_relation and model_field.is_cached(self.instance):
            chosen = getattr(self.instance, name)
            return [chosen] if chosen is not None else ()
        return ()


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
