"""Lookups that survive values no column can hold, so hostile input is no 500.

- `in` on integers: Django leaves numbers too big for the column out of `exact`, `gt`
  and the like (they match nothing), but not out of `in`. SQLite then raised
  OverflowError, and a form posting "99999999999999999999" as an id (a tag list, a
  group's permissions) got a 500 instead of "Select a valid choice".
- `__year=` a year no date can have (99999): the admin's date hierarchy passes it
  on from the address, and working out the year's first and last instant raised
  ValueError.

And a transform for searching files by name: `file__basename__icontains=` looks in the
file's own name, not in the folders it is kept in ("images/2026/11/"), which every
upload of a month shares: a search for "2026" or "11" found them all.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import (
    CharField,
    FileField,
    Func,
    IntegerField,
    Transform,
    Value,
    lookups,
)
from django.db.models.functions import ExtractYear, Length, Replace, Substr


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


@ExtractYear.register_lookup
class YearExact(lookups.YearExact):
    def year_lookup_bounds(self, connection, year):
        try:
            return super().year_lookup_bounds(connection, year)
        except (ValueError, OverflowError):
            raise EmptyResultSet from None


def file_name(path):
    """The part of a stored file's path after its last "/", in SQL (SQLite and
    PostgreSQL): RTRIM with every character but "/" leaves the folders."""
    no_slash = Replace(path, Value("/"), Value(""))
    folders = Func(path, no_slash, function="RTRIM", output_field=CharField())
    return Substr(path, Length(folders) + 1)


@FileField.register_lookup
class Basename(Transform):
    lookup_name = "basename"
    output_field = CharField()

    def as_sql(self, compiler, connection):
        return compiler.compile(file_name(self.lhs))
