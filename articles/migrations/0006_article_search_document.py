"""Search reads a stored, generated tsvector column instead of an expression index.

Measured with 20,000 stories of 400 words: when a query matches most stories,
PostgreSQL scans the table and rebuilds every story's vector for the match and for the
rank, about 85 s; from the stored column the same search takes well under a second.
PostgreSQL keeps the column current on every write (GENERATED ALWAYS ... STORED), so
no application code fills it. It is PostgreSQL-only and not declared on the model;
dropping or retyping headline, dek or body needs this column dropped first.
"""

from django.db import migrations

COLUMN = """
    ALTER TABLE articles_article ADD COLUMN search_document tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
    ) STORED
"""
INDEX = (
    "CREATE INDEX article_search_document_gin ON articles_article "
    "USING gin (search_document)"
)
OLD_INDEX = """
    CREATE INDEX article_search_gin ON articles_article USING gin ((
        setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
    ))
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_gin")
        schema_editor.execute(COLUMN)
        schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_article DROP COLUMN search_document"
        )
        schema_editor.execute(OLD_INDEX)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_article_search_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
