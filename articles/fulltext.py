"""Full-text search on SQLite: an FTS5 index of every story's words (migration 0009).

PostgreSQL keeps a generated tsvector column for search (migration 0006). SQLite has
no such column, and testing every story with LIKE took a second at 100,000 stories,
so there the words live in an FTS5 table, `article_search`, whose rowid is the story's
id. Triggers on articles_article keep it current on every insert, update and delete,
whoever writes (the desk, bulk updates, a shell). The body is indexed as text, without
its tags: otherwise "people" would match every story that links a person's page.
Stemming is Porter's, as PostgreSQL's English configuration does: "premieres" finds
"premiere".

Triggers call newsdesk_plain_text(), which `register` adds to every SQLite connection
Django opens. A later migration that remakes articles_article on SQLite (Django does
that to alter a column) drops the triggers with the old table: it must run
`create(schema_editor)` again.
"""

import html
import re

from django.db.backends.signals import connection_created

TABLE = "article_search"
FUNCTION = "newsdesk_plain_text"
_TAG = re.compile(r"<[^>]*>")

_CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "headline, dek, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    f"INSERT INTO {TABLE} (rowid, headline, dek, body) "
    f"SELECT id, headline, dek, {FUNCTION}(body) FROM articles_article",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO {TABLE} (rowid, headline, dek, body)
        VALUES (new.id, new.headline, new.dek, {FUNCTION}(new.body));
    END""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF headline, dek, body
        ON articles_article BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
        INSERT INTO {TABLE} (rowid, headline, dek, body)
        VALUES (new.id, new.headline, new.dek, {FUNCTION}(new.body));
    END""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON articles_article BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
    END""",
]
_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def plain_text(body):
    """A body's words: tags become spaces, entities characters."""
    return html.unescape(_TAG.sub(" ", body or ""))


def register(connection):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FUNCTION, 1, plain_text, deterministic=True
        )


def _on_connection(sender, connection, **kwargs):
    register(connection)


def install():
    connection_created.connect(_on_connection, dispatch_uid="articles.fulltext")


def create(schema_editor):
    """The index, filled from the stories there are, and its triggers (SQLite)."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    register(connection)
    for statement in _DROP + _CREATE:
        schema_editor.execute(statement)


def drop(schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _DROP:
            schema_editor.execute(statement)


def query(words, phrases):
    """An FTS5 query: every word (as a prefix-free token), or any of the phrases.
    Each is quoted, so nothing a reader types is read as FTS5 syntax."""

    def quoted(text):
        return '"' + text.replace('"', '""') + '"'

    every_word = " ".join(quoted(w) for w in words)
    alternatives = [f"({every_word})"] if words else []
    alternatives += [quoted(p) for p in phrases]
    return " OR ".join(alternatives)


def matching(query_text):
    """SQL for the ids of the stories matching an FTS5 query (one parameter)."""
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query_text]
