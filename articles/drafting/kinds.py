"""The kinds of story the desk can draft. A kind is a class here and a folder of
templates under templates/drafts/<name>/ (headline.txt, dek.txt, body.html)."""

from articles.models import Article

from . import forms
from .context import Maker, crew_facts, newest_poster

KINDS = {}


class StoryKind:
    name = ""  # in URLs, on the command line, and the template folder's name
    label = ""
    article_kind = Article.Kind.NEWS
    form_class = forms.StoryInputs

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            KINDS[cls.name] = cls()

    def template(self, part):
        return f"drafts/{self.name}/{part}"

    def poster(self, drama, inputs):
        """The lead image: the show's newest poster unless the kind says otherwise."""
        return newest_poster(drama)

    def context(self, facts, inputs):
        return crew_facts(facts)


class PosterReveal(StoryKind):
    name = "poster-reveal"
    label = "Poster reveal"
    article_kind = Article.Kind.POSTER_REVEAL
    form_class = forms.PosterInputs

    def poster(self, drama, inputs):
        return inputs.get("image") or newest_poster(drama)


class CastingNews(StoryKind):
    name = "casting-news"
    label = "Casting news"
    article_kind = Article.Kind.CASTING
    form_class = forms.CastingInputs

    def context(self, facts, inputs):
        chosen = {credit.pk for credit in inputs["credits"]}
        # The facts' own credits carry their person already: no query per credit.
        new = [c for c in facts["credits"] if c.pk in chosen]
        crew = crew_facts(facts, also=[c.person for c in new])
        for credit in new:
            credit.maker = Maker(credit.person, crew["known"].get(credit.person_id, []))
        others = [c for c in facts["leads"] if c.pk not in chosen]
        return {**crew, "new": new, "others": others}


class Premiere(StoryKind):
    name = "premiere"
    label = "Premiere announcement"
    article_kind = Article.Kind.PREMIERE
    form_class = forms.PremiereInputs


class Trailer(StoryKind):
    name = "trailer"
    label = "Trailer or teaser release"
    article_kind = Article.Kind.TRAILER
    form_class = forms.TrailerInputs

    def context(self, facts, inputs):
        return {**crew_facts(facts), **inputs}
