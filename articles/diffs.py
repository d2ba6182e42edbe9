"""Word-level differences between two versions of a story, for the desk to read."""

import difflib

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, get_text_list

from dramas.models import Drama
from images.models import Image
from people.models import Person

from .models import Article

# Which fields the desk compares, in reading order.
COMPARED_FIELDS = [
    ("headline", "Headline"),
    ("dek", "Standfirst"),
    ("body", "Body"),
    ("slug", "Address"),
    ("seo_title", "Search title"),
    ("seo_description", "Search description"),
]
# What a story links to, compared by record: (field, label, model, what one is).
LINKED_FIELDS = [
    ("dramas", "Dramas", Drama, "drama"),
    ("people", "People", Person, "person"),
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


def other_changes(old_fields, new_fields):
    """[(label, words)] for the story's kind, lead image, dramas and people, where
    the two versions differ: "added Lee Min Ho; removed Gong Yoo"."""
    changes = []
    old_kind, new_kind = old_fields.get("kind"), new_fields.get("kind")
    if old_kind != new_kind:
        changes.append(("Kind", f"{_kind(old_kind)} → {_kind(new_kind)}"))
    old_image, new_image = (
        old_fields.get("lead_image_id"),
        new_fields.get("lead_image_id"),
    )
    if old_image != new_image:
        names = _names(Image, {old_image, new_image} - {None}, "image")
        before, after = names.get(old_image, "none"), names.get(new_image, "none")
        if before == after:  # two images described alike
            before, after = f"{before} (no. {old_image})", f"{after} (no. {new_image})"
        changes.append(("Lead image", f"{before} → {after}"))
    for field, label, model, noun in LINKED_FIELDS:
        before, after = (
            set(old_fields.get(field) or []),
            set(new_fields.get(field) or []),
        )
        if before == after:
            continue
        names = _names(model, before ^ after, noun)
        moves = [
            f"{verb} {get_text_list(sorted(names[pk] for pk in pks), 'and')}"
            for verb, pks in (("added", after - before), ("removed", before - after))
            if pks
        ]
        changes.append((label, "; ".join(moves)))
    return changes


def _kind(value):
    return dict(Article.Kind.choices).get(value, value or "none")


def _names(model, pks, noun):
    """{pk: name} for these records; one deleted since is named as such."""
    found = {
        obj.pk: Truncator(str(obj)).chars(80)
        for obj in model._default_manager.filter(pk__in=pks)
    }
    return {pk: found.get(pk, f"a deleted {noun} (no. {pk})") for pk in pks}
