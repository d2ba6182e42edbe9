"""Desk checks: hold a story's copy against the show data before it goes out."""

from . import checks
from .document import Document
from .findings import ERROR, NOTE, WARNING, Finding

__all__ = ["ERROR", "NOTE", "WARNING", "Finding", "errors_in", "run"]


def run(article, *, on=None):
    """Every finding for `article`, as of its publication date (or `on`)."""
    doc = Document(article, on=on)
    found = []
    for check in checks.ALL:
        for finding in check(doc):
            if finding not in found:
                found.append(finding)
    return found


def errors_in(article):
    """How many errors the desk checks found when they last read `article`'s copy
    (its stored findings; none if never checked)."""
    return sum(f["level"] == ERROR for f in article.desk_findings)
