from django.apps import AppConfig


class NewsdeskConfig(AppConfig):
    name = "newsdesk"

    def ready(self):
        # Hostile input answers 4xx, not 500: see each module's docstring.
        from . import autocomplete, changelist, lookups  # noqa: F401 (lookups register)

        autocomplete.install()
        changelist.install()
