"""The admin's autocomplete widgets, made to survive a hand-made POST.

When a form is refused, Django's autocomplete widgets render it again by looking up
every posted value as a primary key. A value that is not one ("abc", "2024-13-45")
raises ValueError there, and the desk got a 500 instead of "Select a valid choice".
These widgets look up only the values that can be keys; the field's own error still
tells the editor what was wrong.
"""

from django.contrib.admin import options, widgets
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


def install():
    """Make every ModelAdmin's autocomplete_fields use these widgets."""
    options.AutocompleteSelect = AutocompleteSelect
    options.AutocompleteSelectMultiple = AutocompleteSelectMultiple
