from django.apps import AppConfig


class DramasConfig(AppConfig):
    name = "dramas"
    verbose_name = "Shows"

    def ready(self):
        from .index import titles
        from .models import AlternativeTitle, Drama

        # The desk checks find titles in copy; any change rebuilds their index.
        titles.watch(Drama, AlternativeTitle)
