"""Get a seeded desk ready for the load runs and count each page's queries.

    DATABASE_URL=… .venv/bin/python bench/pages.py --articles 100000 --out FILE.json

Migrates, seeds the desk if its version is not there yet (bench/desk.py), writes the
live stories' slugs for wrk's article script, logs in the bench superuser (a session
row for wrk's Cookie header), and fetches every page once through the test client on
the same data: queries uncached (page cache off), queries on a cached hit, status and
size. Run with the production settings bench/bench_site.py sets.
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, F, Q  # noqa: E402
from django.db.models.functions import Abs, Least  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import LIVE_STATES, Article  # noqa: E402
from bench import desk  # noqa: E402
from dramas.models import Drama  # noqa: E402
from people.models import Person  # noqa: E402

DEEP_PAGE = 500
HOT_STORIES = 100
# The drama and the person measured: as busy on every desk, and among the small
# desk's busiest (the desks average 33 stories a drama and 10 credits a person): a
# drama with 50 stories, a person with about 18 credits and a full list of stories.
# The busiest would not do: the busiest of 20,000 people has 27 credits, of 200
# people 21, and the bigger page read as growth.
DRAMA_STORIES = 50
PERSON_CREDITS = 18
# Search: a name with a full first page of results (20) on every desk. The person
# above has 16 stories on the large desk and 10 on the small one, and the bigger
# page of results read as growth (1.23x).
SEARCH_STORIES = 20
# Home lists the shows premiering within 30 days, 8 at most. The seeded premieres
# spread over 17 years, so the large desk (3,000 shows) always had 8 due and the small
# one (30 shows) none, and the longer home page read as growth (1.21x to 1.31x on
# PostgreSQL). Every desk now has 8 due, counted from the day the bench runs.
HOME_PREMIERES = 8
HOST = "127.0.0.1"


def targets(articles):
    """The address of every page measured, picked the same way on every desk."""
    live = Article.objects.live()
    story = live.latest_first()[live.count() // 2]
    drama = _as_busy(Drama.objects.annotate(n=Count("articles")), DRAMA_STORIES)
    # And with a full list of stories about them (the page shows 10).
    people = Person.objects.annotate(
        credits_off=Abs(Count("credits", distinct=True) - PERSON_CREDITS),
        stories_short=10 - Least(Count("articles", distinct=True), 10),
    )
    person = people.order_by(F("credits_off") + F("stories_short"), "pk")[0]
    on_the_site = Q(
        articles__status__in=LIVE_STATES, articles__publish_at__lte=timezone.now()
    )
    searched = _as_busy(
        Person.objects.annotate(n=Count("articles", filter=on_the_site)),
        SEARCH_STORIES,
    )
    # Its last full page: a short last page would flatter the small desk.
    last_page = max(1, live.count() // 20)
    change = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")[0]
    return {
        "floor": "/_bench/floor/",
        "article": story.get_absolute_url(),
        "home": _home(),
        "drama": drama.get_absolute_url(),
        "person": person.get_absolute_url(),
        "stories": "/stories/",
        # The 1,000-story desk has no page 500: its last page stands in for it.
        "stories_deep": f"/stories/?page={min(DEEP_PAGE, last_page)}",
        "search": f"/search/?q={searched.name.replace(' ', '+')}",
        "feed": "/feeds/stories.rss",
        "admin_list": "/admin/articles/article/",
        "admin_change": f"/admin/articles/article/{change.pk}/change/",
    }


def premieres_due():
    """Move the premieres of the HOME_PREMIERES shows with the fewest stories (never
    the drama page's, which has 50) into the coming month, finales 8 weeks on."""
    today = timezone.localdate()
    quiet = Drama.objects.annotate(n=Count("articles")).order_by("n", "pk")
    dramas = list(quiet[:HOME_PREMIERES])
    for days, drama in enumerate(dramas, start=1):
        drama.premiere_on = today + datetime.timedelta(days=3 * days)
        drama.finale_on = drama.premiere_on + datetime.timedelta(weeks=8)
    Drama.objects.bulk_update(dramas, ["premiere_on", "finale_on"])


def _as_busy(annotated, n):
    """The row whose count `n` is nearest the given one, the first by id of a tie."""
    return annotated.order_by(Abs(F("n") - n), "pk")[0]


def _home():
    response = Client(HTTP_HOST=HOST).get("/")
    # The home page may be a redirect to the real front page: measure that page.
    return response.headers["Location"] if response.status_code in {301, 302} else "/"


def _fetch(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


def measure(pages, session_client):
    found = {}
    anonymous = Client(HTTP_HOST=HOST)
    for name, path in pages.items():
        # Once first, uncounted: search builds its name and title indexes on a
        # process's first request, and counts are of the requests after it.
        with override_settings(PUBLIC_PAGE_MAX_AGE=0):
            (session_client if name.startswith("admin") else anonymous).get(path)
        if name.startswith("admin"):
            response, queries = _fetch(session_client, path)
            found[name] = {"queries_uncached": queries, "queries_cached": None}
        else:
            with override_settings(PUBLIC_PAGE_MAX_AGE=0):
                response, queries = _fetch(anonymous, path)
            cache.clear()
            anonymous.get(path)
            _, hit = _fetch(anonymous, path)
            found[name] = {"queries_uncached": queries, "queries_cached": hit}
        found[name].update(
            path=path, status=response.status_code, bytes=len(response.content)
        )
    return found


def write_slugs(data_dir, articles):
    live = Article.objects.live().latest_first().values_list("slug", flat=True)
    slugs = list(live)
    every = data_dir / f"slugs-{connection.vendor}-{articles}.txt"
    hot = data_dir / f"slugs-{connection.vendor}-{articles}-hot.txt"
    every.write_text("\n".join(f"/stories/{s}/" for s in slugs) + "\n")
    hot.write_text("\n".join(f"/stories/{s}/" for s in slugs[:HOT_STORIES]) + "\n")
    return str(every), str(hot)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    desk.start_over_if_stale()
    call_command("migrate", verbosity=0)
    seeded = desk.seed(args.articles)
    desk.analyze()
    seconds = time.perf_counter() - started
    premieres_due()
    every, hot = write_slugs(args.out.parent, args.articles)
    admin = get_user_model().objects.get(username="bench-admin")
    client = Client(HTTP_HOST=HOST)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    result = {
        "version": desk.version_for(args.articles),
        "seeded": seeded,
        "seed_seconds": round(seconds, 1),
        "counts": desk.counts(args.articles),
        "slugs": every,
        "hot_slugs": hot,
        "session": client.cookies["sessionid"].value,
        "pages": measure(targets(args.articles), client),
    }
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
