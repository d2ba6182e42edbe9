from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and credits"

    def ready(self):
        from .index import name_keys, names
        from .models import Alias, Person

        # The desk checks find names in copy, search in queries; any change to a
        # name rebuilds their indexes.
        names.watch(Person, Alias)
        name_keys.watch(Person, Alias)
