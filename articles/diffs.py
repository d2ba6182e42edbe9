"""Word-level differences between two versions of a story, for the desk to read."""

import difflib

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

# Which fields the desk compares, in reading order.
COMPARED_FIELDS = [
    ("headline", "Headline"),
    ("dek", "Standfirst"),
    ("body", "Body"),
    ("seo_title", "Search title"),
    ("seo_description", "Search description"),
]


def _words(html):
    text = strip_tags(
        (html or "").replace("</p>", "</p>\n").replace("</li>", "</li>\n")
    )
    return text.split()


def word_diff(old, new):
    """HTML with removed words in <del> and added words in <ins>."""
    old_words, new_words = _words(old), _words(new)
    out = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in {"replace", "delete"}:
            out.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if op in {"replace", "insert"}:
            out.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
        if op == "equal":
            out.append(escape(" ".join(old_words[a1:a2])))
    return mark_safe(" ".join(out))


def compare(old_fields, new_fields):
    """[(label, diff html)] for each compared field that differs."""
    return [
        (label, word_diff(old_fields.get(name, ""), new_fields.get(name, "")))
        for name, label in COMPARED_FIELDS
        if (old_fields.get(name) or "") != (new_fields.get(name) or "")
    ]
