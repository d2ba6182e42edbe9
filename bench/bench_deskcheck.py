"""Desk checks at newsroom scale: a 2,000-word story against 20,000 people with
60,000 other spellings. Target: under 100 ms a check (issue 5).

    .venv/bin/python bench/bench_deskcheck.py

Uses its own SQLite file under bench/.data/ unless DATABASE_URL is set. Prints the
cold time (building the name index once per process), then the median and worst of
warm runs, and the queries a check makes.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / ".data"
DATA.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATA / 'deskcheck.sqlite3'}")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles import deskcheck  # noqa: E402
from articles.models import Article  # noqa: E402
from dramas.models import Drama  # noqa: E402
from newsdesk import demo  # noqa: E402
from people.models import Alias, Person  # noqa: E402

PEOPLE, SPELLINGS_EACH, WORDS, RUNS = 20_000, 3, 2_000, 30
SYLLABLES = "ba bo chan da do eun gi go ha hye hyo jin ji ju ka min na nam ra ri sa "
SYLLABLES += "seo seung so su tae won woo ye yeon yu"
FAMILY = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon".split()


def seed():
    rng = random.Random(20261123)
    syllables = SYLLABLES.split()
    people = [
        Person(
            name=f"{rng.choice(FAMILY)} {rng.choice(syllables).title()} "
            f"{rng.choice(syllables).title()}{n}",
            slug=f"bench-person-{n}",
        )
        for n in range(PEOPLE)
    ]
    for person in people:
        person.name_key = person.name.lower().replace(" ", "")
    Person.objects.bulk_create(people, batch_size=2000)
    people = list(Person.objects.filter(slug__startswith="bench-person-"))
    aliases = []
    for person in people:
        family, given, rest = person.name.split(" ", 2)
        for spelling in [
            f"{family} {given}-{rest.lower()}",
            f"{family} {given}{rest.lower()}",
            f"{given} {rest} {family}",
        ][:SPELLINGS_EACH]:
            aliases.append(
                Alias(person=person, name=spelling, name_key=spelling.lower())
            )
    Alias.objects.bulk_create(aliases, batch_size=5000)


def story(rng):
    drama = Drama.objects.get(slug="when-the-stars-gossip")
    names = list(Person.objects.values_list("name", flat=True)[:400])
    filler = (
        "the cast met the press on a cold morning and talked about the show".split()
    )
    words, sentences = 0, []
    while words < WORDS:
        sentence = " ".join(rng.choice(filler) for _ in range(rng.randint(8, 16)))
        sentence = f"{rng.choice(names)} said {sentence}, and Lee Min Ho agreed."
        sentences.append(sentence.capitalize() if sentence[0].islower() else sentence)
        words += len(sentence.split())
    sentences.append("The K-drama is set to be released on January 4, 2024.")
    body = "".join(
        f"<p>{' '.join(sentences[i : i + 5])}</p>" for i in range(0, len(sentences), 5)
    )
    user = get_user_model().objects.first()
    article = Article(headline="Bench", body=body, created_by=user, slug="bench-story")
    article.save()
    article.dramas.set([drama])
    return article, len(body.split())


def main():
    call_command("migrate", verbosity=0)
    if not Person.objects.filter(slug="bench-person-0").exists():
        started = time.perf_counter()
        demo.load_show_data()
        demo.ensure_accounts("bench-password-1")
        seed()
        print(f"seeded {PEOPLE:,} people in {time.perf_counter() - started:.1f} s")
    Article.objects.filter(slug="bench-story").delete()
    article, words = story(random.Random(7))
    print(
        f"people {Person.objects.count():,}, spellings {Alias.objects.count():,}, "
        f"story {words:,} words"
    )
    started = time.perf_counter()
    found = deskcheck.run(article)
    print(
        f"cold (builds the name index): {(time.perf_counter() - started) * 1e3:.0f} ms,"
        " "
        f"{len(found)} findings"
    )
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        deskcheck.run(article)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        deskcheck.run(article)
    print(
        f"warm: median {statistics.median(timings):.1f} ms, "
        f"worst {max(timings):.1f} ms "
        f"over {RUNS} runs; {len(queries)} queries a check"
    )


if __name__ == "__main__":
    main()
