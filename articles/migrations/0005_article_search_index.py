"""The GIN index behind search on PostgreSQL (other databases search without one).

An expression index rather than a stored vector: it is kept current by PostgreSQL
itself on every write, with no field to fill in and no trigger. It is not declared on
the model, as only PostgreSQL can build it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

NAME = "article_search_gin"


def vector():
    # Must stay identical to articles.search.article_vector(), or search skips the
    # index (tests/test_articles_search.py checks that it is used).
    return (
        SearchVector("headline", weight="A", config="english")
        + SearchVector("dek", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        article = apps.get_model("articles", "Article")
        schema_editor.add_index(article, GinIndex(vector(), name=NAME))


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        article = apps.get_model("articles", "Article")
        schema_editor.remove_index(article, GinIndex(vector(), name=NAME))


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_desk_findings")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
