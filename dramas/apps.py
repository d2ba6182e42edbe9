from django.apps import AppConfig


class DramasConfig(AppConfig):
    name = "dramas"
    verbose_name = "Shows"

    def ready(self):
        from .index import title_search, titles
        from .models import AlternativeTitle, Drama

        # The desk checks find titles in copy, search finds them in a query; any
        # change rebuilds both indexes.
        titles.watch(Drama, AlternativeTitle)
        title_search.watch(Drama, AlternativeTitle)
