"""The admin's autocomplete, made to survive hand-made requests.

When a form is refused, Django's autocomplete widgets render it again by looking up
every posted value as a primary key. A value that is not one ("abc", "2024-13-45")
raises ValueError there, and the desk got a 500 instead of "Select a valid choice".
These widgets look up only the values that can be keys; the field's own error still
tells the editor what was wrong.

The search behind the autocomplete drops NUL bytes from the term: PostgreSQL refuses
them in a text comparison (a 500), and no name or title holds one.
"""

from django.contrib.admin import options, sites, widgets
from django.contrib.admin.views import autocomplete
from django.core.exceptions import ValidationError


class ValidValuesMixin:
    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk
        to_field = getattr(self.field.remote_field, "field_name", None)
        if to_field:
            key = self.field.remote_field.model._meta.get_field(to_field)
        return super().optgroups(name, [v for v in value if _is_key(key, v)], attr)


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


def install():
    """Make every ModelAdmin's autocomplete_fields use these widgets and this view."""
    sites.AutocompleteJsonView = AutocompleteJsonView
    options.AutocompleteSelect = AutocompleteSelect
    options.AutocompleteSelectMultiple = AutocompleteSelectMultiple
