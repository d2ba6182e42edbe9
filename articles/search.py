"""Search: live stories by their words, their dramas' titles and their people's names.

On PostgreSQL the words are matched by full-text search (English stemming) on the
headline, standfirst and body, kept by PostgreSQL in a generated column with a GIN
index (migration 0006), and ranked with SearchRank (headline above standfirst above
body). On SQLite every word must appear somewhere in those fields. On both, a query
that names a drama (English, Korean or another title) or a person (desk name, Korean
name or any other spelling, spacing and hyphens aside) also finds the stories about
them and the stories that name them in another spelling: "Lee Min-ho", "Lee Min Ho"
and "Lee Minho" find the same stories.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.shortcuts import render

from dramas.models import Drama
from newsdesk.names import name_key
from newsdesk.paging import CappedPaginator
from people.models import Alias, Person

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Shorter name keys ("yu", "lee") would match inside too many other names.
MIN_NAME_KEY = 4
MAX_PEOPLE = 20
WORD = re.compile(r"\w+")
INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# Stories about a drama or person the query names rank with a good text match.
ABOUT_BOOST = 0.3


def document():
    """The story's stored, GIN-indexed vector (PostgreSQL only; migration 0006)."""
    # Unqualified: only articles_article has this column, whatever alias it gets.
    return RawSQL("search_document", [], output_field=SearchVectorField())


def clean(query):
    """The query as searched: no NUL bytes, one space between words, capped."""
    return " ".join(query.replace("\x00", " ").split())[:MAX_QUERY_LENGTH].strip()


def find(query):
    """Live stories matching `query`, best first; none when it has no word in it."""
    if not WORD.search(query):
        return Article.objects.none()
    spellings, people = named_people(query)
    about = stories_about(query, people)
    if connection.vendor == "postgresql":
        return _ranked(query, spellings, about)
    return _matching(query, spellings, Q(pk__in=about))


def named_people(query):
    """The people `query` names, in any spelling, and every spelling of theirs."""
    key = name_key(query)[: 4 * MAX_QUERY_LENGTH]
    asked = {"asked": Value(key, CharField()), "length": Length("name_key")}
    in_query = Q(asked__contains=F("name_key"), length__gte=MIN_NAME_KEY)
    if len(key) >= MIN_NAME_KEY:
        in_query |= Q(name_key__contains=key)
    spelled = Alias.objects.alias(**asked).filter(in_query).values("person")
    hangul = Q(native_name__gt="") & Q(said__contains=F("native_name"))
    people = (
        Person.objects.alias(**asked, said=Value(query, CharField()))
        .filter(in_query | hangul | Q(pk__in=spelled))
        .values("pk")[:MAX_PEOPLE]
    )
    rows = Person.objects.filter(pk__in=people).values_list(
        "pk", "name", "native_name", "aliases__name"
    )
    spellings, found = set(), set()
    for pk, *names in rows:
        found.add(pk)
        spellings.update(name for name in names if name)
    return sorted(spellings), found


def stories_about(query, people):
    """The ids of stories tagged with a drama titled `query` or one of `people`."""
    titled = Q(title__icontains=query) | Q(native_title__icontains=query)
    titled |= Q(alternative_titles__title__icontains=query)
    dramas = Drama.objects.filter(titled) if len(query) > 1 else Drama.objects.none()
    # The link tables, not joins from every story: the tags are the small side.
    about_dramas = Article.dramas.through.objects.filter(drama__in=dramas)
    about_people = Article.people.through.objects.filter(person__in=people)
    return about_dramas.values("article").union(about_people.values("article"))


def _ranked(query, spellings, about):
    # "Min-ho" would have to match the token "min-ho"; as two words it also matches
    # "Min Ho", and PostgreSQL still indexes "min" and "ho" inside "Min-ho". A known
    # spelling is searched as written: a phrase of exactly the tokens it indexes as.
    words = SearchQuery(
        INNER_HYPHEN.sub(" ", query), search_type="websearch", config="english"
    )
    for spelling in spellings:
        words |= SearchQuery(spelling, search_type="phrase", config="english")
    # One IN list of ids, so PostgreSQL starts from the GIN index and the tags
    # instead of testing every story.
    matching = Article.objects.alias(document=document()).filter(document=words)
    found = matching.order_by().values("pk").union(about)
    rank = SearchRank(document(), words)
    return (
        Article.objects.live()
        .filter(pk__in=found)
        .annotate(rank=rank + _when(Q(pk__in=about), ABOUT_BOOST))
        .order_by("-rank", "-publish_at", "-pk")
    )


def _when(condition, value):
    return Case(When(condition, then=Value(value)), default=Value(0.0))


def _matching(query, spellings, about):
    fields = ["headline", "dek", "body"]
    words, in_headline = Q(), Q()
    for word in WORD.findall(query)[:MAX_WORDS]:
        words &= _anywhere(fields, word)
        in_headline &= Q(headline__icontains=word)
    named = Q()
    for spelling in spellings:
        named |= _anywhere(fields, spelling)
    # No ranking function here: stories with every word in the headline come first.
    rank = Case(When(in_headline, then=Value(0)), default=Value(1))
    found = Article.objects.live().filter(words | named | about).alias(rank=rank)
    return found.order_by("rank", "-publish_at", "-pk")


def _anywhere(fields, text):
    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__icontains": text})
    return found


def search(request):
    asked = request.GET.get("q", "")
    query = clean(asked)
    page = CappedPaginator(find(query), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page_obj": page,
            "shortened": len(asked.strip()) > MAX_QUERY_LENGTH,
            "max_length": MAX_QUERY_LENGTH,
        },
    )
