"""Every known person's names (desk name, Hangul name, other spellings) in one index."""

from newsdesk.phrases import CachedIndex

from .models import Alias, Person


def _names():
    yield from Person.objects.values_list("name", "pk")
    yield from Person.objects.exclude(native_name="").values_list("native_name", "pk")
    yield from Alias.objects.values_list("name", "person_id")


names = CachedIndex("people", _names)
