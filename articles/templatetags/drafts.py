"""Filters for the drafting templates (templates/drafts/): links, lists, clauses."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list

from articles.drafting.context import page_of
from dramas.models import Drama

register = template.Library()
ARTICLES = {"A", "An", "The"}


@register.filter
def link(thing):
    """A person's name or a show's title (in italics), linked to its page."""
    if isinstance(thing, Drama):
        return format_html('<a href="{}"><em>{}</em></a>', page_of(thing), thing)
    return format_html('<a href="{}">{}</a>', page_of(thing), thing)


@register.filter
def linked_list(things):
    """ "A, B and C", each linked."""
    return mark_safe(get_text_list([link(thing) for thing in things], "and"))


@register.filter
def and_list(things):
    """ "A, B and C" as plain text, for headlines and standfirsts."""
    return get_text_list([str(thing) for thing in things], "and")


@register.filter(needs_autoescape=True)
def appositive(text, autoescape=True):
    """A description to follow a name and a comma: "An OB-GYN." -> "an OB-GYN"."""
    text = conditional_escape(text) if autoescape else text
    text = text.strip().rstrip(".")
    first, _, rest = text.partition(" ")
    if first in ARTICLES:
        text = f"{first.lower()} {rest}"
    return mark_safe(text)


@register.filter
def sentence(text):
    """Text ending in a full stop (or its own closing mark)."""
    text = str(text).strip()
    return text if not text or text[-1] in ".!?”\"'" else f"{text}."


@register.filter
def with_character(credits):
    return [c for c in credits if c.character_name]


@register.filter
def without_character(credits):
    return [c.person for c in credits if not c.character_name]


@register.filter
def persons(credits):
    """The credits' people, each once: one person may hold two new roles."""
    return list({c.person_id: c.person for c in credits}.values())


@register.filter
def first(things, count):
    return list(things)[: int(count)]
