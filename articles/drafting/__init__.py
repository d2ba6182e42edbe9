"""Stories drafted from the show data: `draft_story("poster-reveal", by=user,
drama=drama, image=poster)` returns a new draft, worded by templates/drafts/<kind>/."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import Truncator

from articles import services
from articles.models import Article, Byline

from .context import desk_day, show_facts
from .kinds import KINDS, StoryKind
from .writing import write

# A drama's title may take 200 characters, and a headline only 200 with it.
HEADLINE_LENGTH = Article._meta.get_field("headline").max_length

__all__ = ["KINDS", "StoryKind", "draft_story", "get_kind"]


def get_kind(name):
    try:
        return KINDS[name]
    except KeyError:
        choices = ", ".join(KINDS)
        raise ValidationError(
            f"There is no story kind called “{name}”. Choose one of: {choices}."
        ) from None


def clean_inputs(kind, drama, inputs):
    """Check the inputs with the kind's form, the same rules the admin applies."""
    form = kind.form_class(drama=drama, data={})
    unknown = set(inputs) - set(form.fields)
    if unknown:
        raise TypeError(f"{kind.name} does not take {', '.join(sorted(unknown))}.")
    form.data = {
        name: form.fields[name].prepare_value(value) for name, value in inputs.items()
    }
    if not form.is_valid():
        # By field, so that each caller can name it as its users know it.
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def draft_story(kind_name, *, by, drama, at=None, slug="", **inputs):
    """A new draft of `kind_name` about `drama`, owned and bylined by `by`.

    `at` (a date or datetime, default today) is the story's date: it sets the tense
    of the premiere and what counts as earlier work.
    """
    if not by.has_perm("articles.add_article"):
        raise PermissionDenied("You cannot create stories.")
    kind = get_kind(kind_name)
    inputs = clean_inputs(kind, drama, inputs)
    poster = kind.poster(drama, inputs)
    facts = show_facts(drama, desk_day(at), poster=poster)
    draft = write(kind, {**facts, **kind.context(facts, inputs)})
    with transaction.atomic():
        article = Article.objects.create(
            slug=slug,
            headline=Truncator(draft.headline).chars(HEADLINE_LENGTH),
            dek=draft.dek,
            body=draft.body,
            kind=kind.article_kind,
            created_by=by,
            lead_image=poster,
        )
        Byline.objects.create(article=article, user=by)
        article.dramas.add(*draft.dramas)
        article.people.add(*draft.people)
        services.record_revision(article, by=by, comment="Drafted from the show data.")
    # The desk sees what the checks say about the draft before its first save, as
    # of the day it was written for.
    services.check_copy(article, on=desk_day(at))
    return article
