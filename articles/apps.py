from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        import reversion
        from django.contrib.auth import get_user_model

        from . import fulltext
        from .admin import writers
        from .models import Article, Byline

        reversion.register(Article)
        # The desk's byline filter lists everyone with a byline, by name.
        writers.watch(Byline, get_user_model())
        # SQLite's search index calls a function of ours (articles/fulltext.py).
        fulltext.install()
