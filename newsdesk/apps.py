from django.apps import AppConfig


class NewsdeskConfig(AppConfig):
    name = "newsdesk"

    def ready(self):
        from . import autocomplete

        autocomplete.install()
