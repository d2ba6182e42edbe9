"""`__in` on integer columns that survives numbers no column can hold.

Django leaves such numbers out of `exact`, `gt` and the like (they match nothing), but
not out of `in`: SQLite then raises OverflowError, and a form posting
"99999999999999999999" as an id (a tag list, a group's permissions) got a 500 instead
of "Select a valid choice".
"""

from django.db.models import IntegerField, lookups


@IntegerField.register_lookup
class IntegerIn(lookups.In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(field_type)
            self.rhs = [v for v in self.rhs if _within(v, low, high)]
        return super().process_rhs(compiler, connection)


def _within(value, low, high):
    if not isinstance(value, int):
        return True
    return (low is None or value >= low) and (high is None or value <= high)
