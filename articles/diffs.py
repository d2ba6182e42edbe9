"""Word-level differences between two versions of a story, for the desk to read."""

import difflib
import re
from html import unescape

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
# Which of them hold HTML (the others are plain text, compared as typed).
HTML_FIELDS = {"body"}
# What a story links to, compared by record: (field, label, model, what one is).
LINKED_FIELDS = [
    ("dramas", "Dramas", Drama, "drama"),
    ("people", "People", Person, "person"),
]


# Where one block of a body (a paragraph, a list item, a heading) ends and the next
# begins, inside a run of blocks compared word by word.
BREAK = "\n"
BLOCK_END = re.compile(r"</(p|li|h[2-4]|blockquote)>", re.IGNORECASE)
LINE_BREAK = "<br><br>"
# Blocks that changed are compared word by word up to this many word pairs (old
# words times new): difflib's matching grows with that product, and a 6,000-word
# story compared whole took 21 s. Beyond it, a block is compared with the one in
# its place, or shown removed and added whole.
WORD_PAIRS = 4_000_000


def _blocks(text, *, html):
    """A field's blocks, each a tuple of its words: a body's paragraphs, list items
    and headings, its tags dropped; a plain field is one block."""
    if not html:
        return [tuple(words)] if (words := (text or "").split()) else []
    # A newline inside a paragraph is a space, not a break.
    flat = re.sub(r"\s+", " ", text or "")
    marked = BLOCK_END.sub(lambda m: m.group(0) + BREAK, flat)
    # Unescaped here, escaped once again on the way out: "&amp;" stays "&".
    plain = unescape(strip_tags(marked))
    return [tuple(words) for block in plain.split(BREAK) if (words := block.split())]


def _words(blocks):
    words = []
    for block in blocks:
        words += [BREAK, *block] if words else block
    return words


def _text(words, *, marked=False):
    """Words as HTML: a block break is a line break, or ¶ when `marked` (a break
    removed or added between words)."""
    return " ".join(
        ("¶" if marked else LINE_BREAK) if w == BREAK else escape(w) for w in words
    )


def _groups(old_blocks, new_blocks):
    """For each run of blocks kept, removed, added or changed, its
    [(op, old words, new words, marked)]: the words of changed blocks are compared
    too, a block with the one in its place when there are too many to compare at
    once (a copy-edit of every paragraph)."""
    blocks = difflib.SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    for op, a1, a2, b1, b2 in blocks.get_opcodes():
        old, new = old_blocks[a1:a2], new_blocks[b1:b2]
        if op != "replace":
            yield [(op, _words(old), _words(new), False)]
        elif _comparable(old, new):
            yield _word_runs(_words(old), _words(new))
        elif len(old) == len(new):
            for old_block, new_block in zip(old, new, strict=True):
                if _comparable([old_block], [new_block]):
                    yield _word_runs(list(old_block), list(new_block))
                else:
                    yield [(op, list(old_block), list(new_block), False)]
        else:
            yield [(op, _words(old), _words(new), False)]


def _comparable(old_blocks, new_blocks):
    return sum(map(len, old_blocks)) * sum(map(len, new_blocks)) <= WORD_PAIRS


def _word_runs(old, new):
    words = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (op, old[a1:a2], new[b1:b2], True) for op, a1, a2, b1, b2 in words.get_opcodes()
    ]


def word_diff(old, new, *, html=True):
    """HTML with removed words in <del> and added words in <ins>, block by block;
    `html` for a body, whose tags are dropped and entities read."""
    groups = []
    for runs in _groups(_blocks(old, html=html), _blocks(new, html=html)):
        out = []
        for op, old_words, new_words, marked in runs:
            if op == "equal":
                out.append(_text(old_words))
            if op in {"replace", "delete"}:
                out.append(f"<del>{_text(old_words, marked=marked)}</del>")
            if op in {"replace", "insert"}:
                out.append(f"<ins>{_text(new_words, marked=marked)}</ins>")
        groups.append(" ".join(out))
    joined = LINE_BREAK.join(groups)
    return mark_safe(joined.replace(f" {LINE_BREAK} ", LINE_BREAK))


def compare(old_fields, new_fields):
    """[(label, diff html)] for each compared field that differs."""
    return [
        (
            label,
            word_diff(
                old_fields.get(name, ""),
                new_fields.get(name, ""),
                html=name in HTML_FIELDS,
            ),
        )
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
