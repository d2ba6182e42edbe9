from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        import reversion

        from . import fulltext
        from .models import Article

        reversion.register(Article)
        # SQLite's search index calls a function of ours (articles/fulltext.py).
        fulltext.install()
