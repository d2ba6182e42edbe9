"""Search on SQLite reads an FTS5 index kept by triggers (articles/fulltext.py).

PostgreSQL has its own (migration 0006) and gets nothing here.
"""

from django.db import migrations

from articles import fulltext


def forwards(apps, schema_editor):
    fulltext.create(schema_editor)


def backwards(apps, schema_editor):
    fulltext.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_live_newest_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
