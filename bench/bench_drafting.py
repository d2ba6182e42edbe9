"""Drafting a story for a drama with 50 credits. Target: under 50 ms and a fixed
number of queries (issue 5).

    .venv/bin/python bench/bench_drafting.py

Uses a fresh SQLite file under bench/.data/ unless DATABASE_URL is set (then it adds
its rows to that database). Each run drafts a poster reveal inside a transaction that
is rolled back, so every run starts from the same rows. Prints the median and worst
of the runs (wall clock and CPU time) and the queries per draft, 5 and 50 credits.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / ".data"
DATA.mkdir(parents=True, exist_ok=True)
if "DATABASE_URL" not in os.environ:
    # A fresh file each time, so every run measures the same rows.
    (DATA / "drafting.sqlite3").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATA / 'drafting.sqlite3'}"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_MEDIA_ROOT", str(DATA / "media"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.drafting import draft_story  # noqa: E402
from dramas.models import Drama, Network  # noqa: E402
from people.models import Person, Role  # noqa: E402
from tests.factories import make_image, picture_bytes  # noqa: E402

RUNS = 50
DAY = datetime.date(2024, 12, 16)


def seed(credits):
    """A drama with `credits` credits: 2 leads, supporting cast, director, writer."""
    slug = f"bench-drama-{credits}"
    network, _ = Network.objects.get_or_create(name="Bench TV")
    drama = Drama.objects.create(
        title=f"Bench Drama {credits}",
        native_title="벤치 드라마",
        slug=slug,
        network=network,
        premiere_on=datetime.date(2025, 1, 4),
        synopsis="A drama made to be measured.",
    )
    earlier = Drama.objects.create(
        title=f"Earlier Work {credits}",
        slug=f"bench-earlier-{credits}",
        premiere_on=datetime.date(2020, 1, 1),
    )
    people = [
        Person.objects.create(name=f"Bench Person {credits}-{n}")
        for n in range(credits)
    ]
    for n, person in enumerate(people[:-2]):
        Role.objects.create(
            drama=drama,
            person=person,
            category=Role.Category.CAST,
            tier=Role.Tier.LEAD if n < 2 else Role.Tier.SUPPORTING,
            billing_order=n + 1,
            character_name=f"Character {n}",
            character_description="A cook who dreams of the sea.",
        )
    makers = zip(people[-2:], [Role.Job.DIRECTOR, Role.Job.SCREENWRITER], strict=True)
    for person, job in makers:
        for show in [drama, earlier]:
            Role.objects.create(
                drama=show, person=person, category=Role.Category.CREW, job=job
            )
    poster = make_image(
        data=picture_bytes(size=(200, 300)),
        kind="poster",
        unveiled_on=DAY,
        credit="Bench",
    )
    poster.dramas.set([drama])
    poster.people.set(people[:4])
    return drama


def draft(drama, user):
    """One draft, rolled back; returns (wall seconds, CPU seconds, queries)."""
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        wall, cpu = time.perf_counter(), time.process_time()
        draft_story("poster-reveal", by=user, drama=drama, at=DAY)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        transaction.set_rollback(True)
    return wall, cpu, len(queries)


def main():
    call_command("migrate", verbosity=0)
    Drama.objects.filter(slug__startswith="bench-").delete()
    user = get_user_model().objects.filter(username="bench").first()
    user = user or get_user_model().objects.create_superuser("bench", password=None)
    small, large = seed(5), seed(50)
    draft(large, user)  # warm: templates compiled, permissions cached
    runs = [draft(large, user) for _ in range(RUNS)]
    wall = sorted(run[0] * 1000 for run in runs)
    cpu = sorted(run[1] * 1000 for run in runs)
    counts = sorted({run[2] for run in runs})
    print(f"draft_story, poster reveal, 50 credits, {RUNS} runs on {_engine()}:")
    print(
        f"  wall clock: median {statistics.median(wall):.1f} ms, worst {wall[-1]:.1f}"
    )
    # CPU time leaves out waiting for a busy machine's processors.
    print(f"  CPU time:   median {statistics.median(cpu):.1f} ms, worst {cpu[-1]:.1f}")
    print(
        f"  queries per draft: {counts} with 50 credits, {draft(small, user)[2]} with 5"
    )


def _engine():
    return connection.vendor


if __name__ == "__main__":
    main()
