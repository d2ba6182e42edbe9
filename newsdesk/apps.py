from django.apps import AppConfig


class NewsdeskConfig(AppConfig):
    name = "newsdesk"

    def ready(self):
        from . import autocomplete, lookups  # noqa: F401 (registers the lookup)

        autocomplete.install()
