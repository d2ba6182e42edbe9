"""Search: live stories by their words, their dramas' titles and their people's names.

On PostgreSQL the words are matched by full-text search (English stemming) on the
headline, standfirst and body, kept by PostgreSQL in a generated column with a GIN
index (migration 0006), and ranked with SearchRank (headline above standfirst above
body). On SQLite an FTS5 index holds the same words, stemmed the same way
(articles/fulltext.py, migration 0009). On both, a query
that names a drama (English, Korean or another title) or a person (desk name, Korean
name or any other spelling, spacing and hyphens aside) also finds the stories about
them and the stories that name them in another spelling: "Lee Min-ho", "Lee Min Ho"
and "Lee Minho" find the same stories.
"""

import dataclasses
import re
from collections.abc import Collection

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.shortcuts import render

from dramas.index import title_search
from dramas.models import Drama
from newsdesk.names import name_key
from newsdesk.paging import CappedPaginator
from people.index import name_keys
from people.models import Person

from . import fulltext
from .models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_PEOPLE = 20
MAX_DRAMAS = 20
# Of the dramas and people a query names, how many are linked above the stories.
NAMED_SHOWN = 6
WORD = re.compile(r"\w+")
INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# Stories about a drama or person the query names rank with a good text match.
ABOUT_BOOST = 0.3
# How many of the newest matches are ranked (see find); 10 pages of results.
WINDOW = 200
SCAN = 1000


def document():
    """The story's stored, GIN-indexed vector (PostgreSQL only; migration 0006)."""
    # Unqualified: only articles_article has this column, whatever alias it gets.
    return RawSQL("search_document", [], output_field=SearchVectorField())


def clean(query):
    """The query as searched: no NUL bytes, one space between words, capped."""
    return " ".join(query.replace("\x00", " ").split())[:MAX_QUERY_LENGTH].strip()


def find(query):
    """Live stories matching `query`, best first; none when it has no word in it.

    Only the WINDOW newest stories whose words match, and the WINDOW newest tagged
    with a drama or person the query names, are ranked: a word in every other story
    ("Choi", "premiere") costs the same as a rare one.
    """
    if not WORD.search(query):
        return Found(Article.objects.none(), 0, truncated=False, named=Named())
    spellings, people = named_people(query)
    named = Named(dramas=named_dramas(query), people=people)
    tagged = _newest(Article.objects.live().filter(pk__in=stories_about(named)))
    if connection.vendor == "postgresql":
        words = _words(query, spellings)
        matching = (
            Article.objects.live().alias(document=document()).filter(document=words)
        )
        rank = SearchRank(document(), words)
    else:
        matching, rank = _matching(query, spellings)
    ids = tagged + _newest(matching)
    boost = Case(When(pk__in=tagged, then=Value(ABOUT_BOOST)), default=Value(0.0))
    found = (
        Article.objects.filter(pk__in=ids)
        .defer("body")
        .annotate(rank=rank + boost)
        .order_by("-rank", "-publish_at", "-pk")
    )
    truncated = WINDOW in {len(tagged), len(ids) - len(tagged)}
    # The ids are of live stories, read a moment ago: no need to count them again.
    return Found(found, len(set(ids)), truncated=truncated, named=named)


def _newest(stories):
    """The ids of the WINDOW newest of `stories`.

    Asked in one query ("newest first, the first 200"), PostgreSQL guesses how many
    stories match a text query and, guessing many, walks every story newest first:
    600 ms at 100,000 stories for a name in 158 of them. So the matches are read
    first in no order, up to SCAN (the full-text index answers a rare query at
    once, and a common one stops early); only when there are more than that does
    the newest-first walk run, and then it finds its 200 soon.
    """
    found = list(stories.order_by().values_list("publish_at", "pk")[:SCAN])
    if len(found) < SCAN:
        return [pk for _when, pk in sorted(found, reverse=True)[:WINDOW]]
    return list(stories.latest_first().values_list("pk", flat=True)[:WINDOW])


def named_people(query):
    """The people `query` names, in any spelling or in part, and every spelling of
    those it names in full (a part, "minho", would bring in too many names)."""
    key = name_key(query)[: 4 * MAX_QUERY_LENGTH]
    index = name_keys.get()
    whole = index.named_in(key, query)[:MAX_PEOPLE]
    people = set(whole) | set(index.holding(key, limit=MAX_PEOPLE))
    rows = Person.objects.filter(pk__in=whole).values_list(
        "name", "native_name", "aliases__name"
    )
    spellings = {name for names in rows for name in names if name} if whole else ()
    return sorted(spellings), people


def named_dramas(query):
    """The ids of the shows with `query` in one of their titles."""
    # In memory (dramas.index): asked of the database, the titles and the other
    # known titles took 3 ms of every search at 3,000 shows.
    if len(query) < 2:
        return []
    return title_search.get().containing(query, limit=MAX_DRAMAS)


@dataclasses.dataclass(frozen=True)
class Found:
    """What `find` found: the stories, best first, and how many there are; whether
    older matches were left out; and the dramas and people the query names."""

    stories: QuerySet
    count: int
    truncated: bool
    named: "Named"


@dataclasses.dataclass(frozen=True)
class Named:
    """The dramas and people a query names, by id."""

    dramas: Collection[int] = ()
    people: Collection[int] = ()

    def read(self, *, limit):
        """Up to `limit` of each, to link to: the newest shows, people by name."""
        dramas = (
            Drama.objects.filter(pk__in=self.dramas)
            .only("title", "native_title", "slug")
            .order_by(F("premiere_on").desc(nulls_first=True), "title")
        )
        people = (
            Person.objects.filter(pk__in=self.people)
            .only("name", "native_name", "slug")
            .order_by("name", "pk")
        )
        return (
            list(dramas[:limit]) if self.dramas else [],
            list(people[:limit]) if self.people else [],
        )


def stories_about(named):
    """The ids of stories tagged with one of the dramas or people `named`."""
    # The link tables, not joins from every story: the tags are the small side.
    about_dramas = Article.dramas.through.objects.filter(drama__in=named.dramas)
    about_people = Article.people.through.objects.filter(person__in=named.people)
    return about_dramas.values("article").union(about_people.values("article"))


def _words(query, spellings):
    # "Min-ho" would have to match the token "min-ho"; as two words it also matches
    # "Min Ho", and PostgreSQL still indexes "min" and "ho" inside "Min-ho". A known
    # spelling is searched as written: a phrase of exactly the tokens it indexes as.
    words = SearchQuery(
        INNER_HYPHEN.sub(" ", query), search_type="websearch", config="english"
    )
    for spelling in spellings:
        words |= SearchQuery(spelling, search_type="phrase", config="english")
    return words


def _matching(query, spellings):
    """SQLite: every word, or a known spelling as a phrase, through the FTS5 index
    (articles/fulltext.py); every word in the headline ranks first, as there is no
    ranking function here."""
    words = WORD.findall(query)[:MAX_WORDS]
    sql, params = fulltext.matching(fulltext.query(words, spellings))
    in_headline = Q()
    for word in words:
        in_headline &= Q(headline__icontains=word)
    rank = Case(When(in_headline, then=Value(1.0)), default=Value(0.0))
    return Article.objects.live().filter(pk__in=RawSQL(sql, params)), rank


def search(request):
    asked = request.GET.get("q", "")
    query = clean(asked)
    found = find(query)
    paginator = CappedPaginator(found.stories, 20, count=found.count)
    page = paginator.get_page(request.GET.get("page"))
    # The shows and people themselves, above the first page of stories.
    dramas, people = (
        found.named.read(limit=NAMED_SHOWN) if page.number == 1 else ([], [])
    )
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page_obj": page,
            "truncated": found.truncated,
            "shortened": len(asked.strip()) > MAX_QUERY_LENGTH,
            "max_length": MAX_QUERY_LENGTH,
            "named_dramas": dramas,
            "named_people": people,
        },
    )
