"""Schema.org JSON-LD: dicts built from the desk's rows, rendered as a safe script."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from people.models import Role

# Inside <script> the HTML parser only looks for "</script" and "<!--"; escaping
# <, > and & as JSON unicode escapes keeps any text from closing the element.
_HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def ld_json(data):
    """`data` as a <script type="application/ld+json"> element, safe in any page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_HTML_ESCAPES)),
    )


def person(person, *, request=None, context=True):
    """A schema.org Person; reads `person.aliases`, so prefetch them."""
    names = [person.native_name, *(alias.name for alias in person.aliases.all())]
    return _compact(
        {
            "@context": "https://schema.org" if context else None,
            "@type": "Person",
            "name": person.name,
            "alternateName": [name for name in names if name],
            "birthDate": person.birth_date,
            "url": _absolute_url(person, request),
        }
    )


def tv_series(drama, *, cast, crew, request=None, context=True):
    """A schema.org TVSeries from a drama and its cast and crew credits.

    Reads the drama's network, genres and alternative titles: select or prefetch them.
    """
    network = drama.network and {"@type": "Organization", "name": drama.network.name}
    titles = [drama.native_title, *(t.title for t in drama.alternative_titles.all())]
    return _compact(
        {
            "@context": "https://schema.org" if context else None,
            "@type": "TVSeries",
            "name": drama.title,
            "alternateName": [title for title in titles if title],
            "url": _absolute_url(drama, request),
            "description": drama.synopsis,
            "genre": [genre.name for genre in drama.genres.all()],
            "actor": [_performance(credit, request) for credit in cast],
            "director": _crew(crew, Role.Job.DIRECTOR, request),
            "author": _crew(crew, Role.Job.SCREENWRITER, request),
            "creator": _crew(crew, Role.Job.CREATOR, request),
            "startDate": drama.premiere_on,
            "endDate": drama.finale_on,
            "numberOfEpisodes": drama.episode_count,
            "countryOfOrigin": {"@type": "Country", "name": drama.country},
            "productionCompany": network,
            "publisher": network,
        }
    )


def news_article(article, dramas, *, request):
    """A schema.org NewsArticle about its dramas; reads bylines and the lead image's
    renditions, so prefetch them."""
    card = article.lead_image.social_card if article.lead_image else None
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.headline,
            "description": article.meta_description,
            "image": [request.build_absolute_uri(card.file.url)] if card else None,
            "datePublished": article.published_at,
            "dateModified": article.updated_at or article.published_at,
            "author": [
                {"@type": "Person", "name": user.get_full_name() or user.username}
                for user in article.bylines.all()
            ],
            "publisher": {
                "@type": "Organization",
                "name": settings.SITE_NAME,
                "url": request.build_absolute_uri("/"),
            },
            "mainEntityOfPage": _absolute_url(article, request),
            "about": [
                _compact(
                    {
                        "@type": "TVSeries",
                        "name": drama.title,
                        "alternateName": drama.native_title,
                        "url": _absolute_url(drama, request),
                    }
                )
                for drama in dramas
            ],
        }
    )


def _performance(credit, request):
    # A PerformanceRole wraps the actor so that the character sits next to them.
    return _compact(
        {
            "@type": "PerformanceRole",
            "actor": _person_ref(credit.person, request),
            "characterName": credit.character_name,
        }
    )


def _crew(crew, job, request):
    return [_person_ref(credit.person, request) for credit in crew if credit.job == job]


def _person_ref(person, request):
    url = _absolute_url(person, request)
    return _compact({"@type": "Person", "name": person.name, "url": url})


def _absolute_url(obj, request):
    return request.build_absolute_uri(obj.get_absolute_url()) if request else None


def _compact(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}
