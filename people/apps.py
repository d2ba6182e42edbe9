from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and credits"

    def ready(self):
        from .index import names
        from .models import Alias, Person

        # The desk checks find names in copy; any change rebuilds their index.
        names.watch(Person, Alias)
