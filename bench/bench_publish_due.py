"""publish_due over 1,000 stories that have come due. Target: at most 5 s, with a
number of queries that does not grow per story (issue 7).

    DATABASE_URL=… .venv/bin/python bench/bench_publish_due.py [--json]

Runs against a seeded desk (bench/bench_site.py passes the 100,000-story one). Each
run makes its due stories and publishes them inside a transaction that is rolled
back, so the desk is left as it was. Prints the time and queries for 1,000 due
stories and the queries for 10.
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
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.services import publish_due  # noqa: E402

STORIES, SMALL = 1000, 10


def run(count):
    """Publish `count` due stories, rolled back; returns (seconds, queries)."""
    now = timezone.now()
    user = get_user_model().objects.order_by("pk").first()
    with transaction.atomic():
        Article.objects.bulk_create(
            Article(
                headline=f"Due {n}",
                slug=f"bench-due-{n}",
                body="<p>Due.</p>",
                created_by=user,
                status=Article.Status.SCHEDULED,
                publish_at=now - datetime.timedelta(minutes=1 + n % 30),
            )
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            published = publish_due(now=now)
            seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    assert published >= count, published
    return seconds, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    run(SMALL)  # warm: connection, statements
    seconds, queries = run(STORIES)
    _, small = run(SMALL)
    found = {
        "stories": STORIES,
        "seconds": round(seconds, 3),
        "queries": queries,
        "small": SMALL,
        "queries_small": small,
        "articles": Article.objects.count(),
    }
    if args.json:
        print(json.dumps(found))
    else:
        print(
            f"publish_due on {connection.vendor}, {found['articles']:,} stories: "
            f"{STORIES:,} due in {seconds:.2f} s, {queries} queries "
            f"({small} for {SMALL})"
        )


if __name__ == "__main__":
    main()
