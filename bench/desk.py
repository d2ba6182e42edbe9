"""A synthetic desk for the benchmarks, the same rows for the same seed and size,
made by bench/pages.py (start_over_if_stale, migrate, seed, analyze).

At 100,000 articles: 20,000 people with 3 other spellings each, 3,000 dramas, 200,000
credits, 10,000 image records with the 31 renditions an upload of their size gets
(rows only, no files) and 41 desk accounts; a smaller desk keeps the same
proportions. Rows go in with bulk_create in batches, bypassing save() but not its
rules: bodies pass the sanitizer, slugs are unique, name keys are the real ones, and
every story's status, publication time and first-published time are what the
workflow would have left (drafts and stories in review have none; scheduled stories
are in the future; published and withdrawn ones went out in the past). The version of
the seed is kept in the database; a run with a matching version reuses it, and a
bench desk of another version is dropped and seeded again.
"""

import datetime
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from articles.models import Article, Byline
from articles.richtext import sanitize
from dramas.models import Drama, Genre, Network
from images.models import Image, Rendition
from images.services import rendition_name, rendition_row
from newsdesk import imaging
from newsdesk.names import name_key
from people.models import Alias, Person, Role

SEED = 20261124
# v2: image records have their renditions' rows, as uploads do: the pages read them.
VERSION = f"desk v2, seed {SEED}"
PREFIX = "desk v"
BATCH = 2000
# At 100,000 articles; a smaller desk scales every count by the same factor.
FULL = {
    "articles": 100_000,
    "people": 20_000,
    "dramas": 3_000,
    "credits": 200_000,
    "images": 10_000,
}
PICTURE = (1600, 900)
# Share of stories in each state (the rest are published).
STATES = [
    (Article.Status.DRAFT, 0.04),
    (Article.Status.IN_REVIEW, 0.01),
    (Article.Status.SCHEDULED, 0.005),
    (Article.Status.WITHDRAWN, 0.01),
]
FAMILY = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon".split()
SYLLABLES = (
    "ba bo chan da do eun gi go ha hye hyo jin ji ju ka min na nam ra ri sa seo "
    "seung so su tae won woo ye yeon yu"
).split()
HANGUL = "김이박최정강조윤장임한오서신권민지수현우진서연하은도윤예준"
TITLE_WORDS = (
    "Moon Garden Secret Love Queen Doctor Spring Winter Night Palace Sky River "
    "Heart Star Memory Crown Summer City Detective Letter Island Song Promise Dream"
).split()
NETWORKS = "tvN SBS KBS2 MBC JTBC ENA Coupang-Play Netflix Disney+ TVING Wavve".split()
GENRES = "Romance Thriller Comedy Historical Fantasy Medical Legal Family".split()
JOBS = [job for job in Role.Job.values]
WORDS = (
    "the drama series episode cast premiere finale ratings viewers actor actress "
    "director writer scene chemistry story season romance thriller netflix "
    "broadcast character role fans teaser poster trailer script reading filming "
    "production company agency confirmed reported according interview revealed "
    "audience record weekend week month night special appearance lead supporting "
    "plot twist tension family secret revenge friendship love office school "
    "hospital court palace village city seoul busan summer winter spring autumn "
    "a an of to in on for with as at by from and but while after before during"
).split()
KINDS = Article.Kind.values


def counts(articles):
    scale = articles / FULL["articles"]
    return {name: max(1, round(n * scale)) for name, n in FULL.items()}


def seeded_version():
    """The bench desk's version row; None in any other database, which it leaves
    as it found it (the table is made only when a desk is seeded)."""
    if "bench_seed" not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM bench_seed")
        row = cursor.fetchone()
    return row[0] if row else None


def version_for(articles):
    return f"{VERSION}, {articles} articles"


def _mark_seeded(articles):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_seed (version text)")
        cursor.execute("DELETE FROM bench_seed")
        cursor.execute(
            "INSERT INTO bench_seed (version) VALUES (%s)", [version_for(articles)]
        )


class Seeder:
    def __init__(self, articles):
        self.n = counts(articles)
        self.rng = random.Random(SEED)
        self.now = timezone.now().replace(microsecond=0)
        self.planned = imaging.plan(PICTURE, (0.5, 0.5), {})
        total = sum(self.n.values()) + self.n["people"] * 3
        total += self.n["images"] * len(self.planned)
        self.bar = tqdm(total=total, unit="rows", desc="seeding the desk")

    def run(self):
        with transaction.atomic():
            self.users()
            self.dramas()
            self.people()
            self.credits()
            self.images()
            self.articles()
            _mark_seeded(self.n["articles"])
        self.bar.close()

    def insert(self, model, rows, *, count=True):
        made = []
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            made += model.objects.bulk_create(batch)
            if count:
                self.bar.update(len(batch))
        return made

    def users(self):
        password = make_password(None)
        User = get_user_model()
        people = [
            User(
                username=f"writer{n}",
                first_name=self.rng.choice(FAMILY),
                last_name=self._given(),
                password=password,
                is_staff=True,
            )
            for n in range(40)
        ]
        self.writers = self.insert(User, people, count=False)
        journalists = Group.objects.get(name="Journalist")
        editors = Group.objects.get(name="Editor")
        for n, user in enumerate(self.writers):
            user.groups.add(editors if n < 10 else journalists)
        User.objects.create_superuser("bench-admin", password=None)

    def _given(self):
        pick = self.rng.choice
        return f"{pick(SYLLABLES).title()}{pick(SYLLABLES)}"

    def _hangul(self, length):
        return "".join(self.rng.choice(HANGUL) for _ in range(length))

    def dramas(self):
        rng = self.rng
        networks = [Network(name=name, slug=slugify(name)) for name in NETWORKS]
        self.networks = Network.objects.bulk_create(networks)
        self.genres = Genre.objects.bulk_create([Genre(name=g) for g in GENRES])
        dramas = []
        for n in range(self.n["dramas"]):
            title = f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)} {n}"
            premiere = datetime.date(2010, 1, 1) + datetime.timedelta(
                days=rng.randrange(17 * 365)
            )
            dramas.append(
                Drama(
                    title=title,
                    native_title=self._hangul(4),
                    slug=slugify(title),
                    synopsis=self._sentence(20),
                    network=rng.choice(self.networks),
                    premiere_on=premiere if n % 20 else None,
                    finale_on=premiere + datetime.timedelta(weeks=8)
                    if n % 20
                    else None,
                    episode_count=16,
                )
            )
        self.dramas = self.insert(Drama, dramas)
        through = Drama.genres.through
        through.objects.bulk_create(
            [
                through(drama_id=d.pk, genre_id=g.pk)
                for d in self.dramas
                for g in rng.sample(self.genres, 2)
            ],
            batch_size=BATCH,
        )

    def people(self):
        rng = self.rng
        people = []
        for n in range(self.n["people"]):
            family, given = rng.choice(FAMILY), self._given()
            name = f"{family} {given} {n}"
            people.append(
                Person(
                    name=name,
                    name_key=name_key(name),
                    native_name=self._hangul(3),
                    slug=slugify(name),
                    bio=self._sentence(25),
                )
            )
        self.persons = self.insert(Person, people)
        aliases = []
        for person in self.persons:
            family, given, n = person.name.split(" ")
            for spelling in [
                f"{family} {given[:2]}-{given[2:]} {n}",
                f"{given} {family} {n}",
                f"{family.upper()} {given} {n}",
            ]:
                aliases.append(
                    Alias(person=person, name=spelling, name_key=name_key(spelling))
                )
        self.insert(Alias, aliases)

    def credits(self):
        rng = self.rng
        each, extra = divmod(self.n["credits"], len(self.dramas))
        roles = []
        for index, drama in enumerate(self.dramas):
            size = each + (index < extra)
            crew = min(len(JOBS), size // 10 or 1)
            for job in JOBS[:crew]:
                roles.append(
                    Role(
                        person=rng.choice(self.persons),
                        drama=drama,
                        category=Role.Category.CREW,
                        job=job,
                    )
                )
            for n in range(size - crew):
                tier = Role.Tier.LEAD if n < 2 else Role.Tier.SUPPORTING
                roles.append(
                    Role(
                        person=rng.choice(self.persons),
                        drama=drama,
                        category=Role.Category.CAST,
                        tier=tier if n < 20 else Role.Tier.SPECIAL,
                        billing_order=n + 1,
                        character_name=f"Character {n + 1}",
                        character_description=self._sentence(8),
                    )
                )
        self.insert(Role, roles)

    def images(self):
        rng = self.rng
        images = []
        for n in range(self.n["images"]):
            images.append(
                Image(
                    file=f"bench/image-{n}.jpg",
                    width=PICTURE[0],
                    height=PICTURE[1],
                    kind=rng.choice(Image.Kind.values),
                    alt_text=self._sentence(8),
                    credit=rng.choice(NETWORKS),
                    unveiled_on=datetime.date(2024, 1, 1)
                    + datetime.timedelta(days=rng.randrange(700)),
                )
            )
        self.library = self.insert(Image, images)
        # Named as images/services.py names them; the files are not there.
        self.insert(
            Rendition,
            [
                rendition_row(image, planned, rendition_name(image, planned))
                for image in self.library
                for planned in self.planned
            ],
        )
        dramas, people = Image.dramas.through, Image.people.through
        dramas.objects.bulk_create(
            [
                dramas(image_id=i.pk, drama_id=rng.choice(self.dramas).pk)
                for i in self.library
            ],
            batch_size=BATCH,
        )
        people.objects.bulk_create(
            [
                people(image_id=i.pk, person_id=rng.choice(self.persons).pk)
                for i in self.library[::2]
            ],
            batch_size=BATCH,
        )

    def _sentence(self, words):
        text = " ".join(self.rng.choices(WORDS, k=words))
        return text[0].upper() + text[1:] + "."

    def _body(self, drama, people):
        rng = self.rng
        paragraphs = []
        for _ in range(rng.randint(4, 7)):
            sentences = [self._sentence(rng.randint(10, 18)) for _ in range(4)]
            who = rng.choice(people)
            sentences.insert(
                rng.randrange(4),
                f'<a href="https://news.example/{who.slug}">{who.name}</a> '
                f"stars in <em>{drama.title}</em>.",
            )
            paragraphs.append(f"<p>{' '.join(sentences)}</p>")
        return sanitize("".join(paragraphs))

    def _state(self, n):
        roll = self.rng.random()
        status = Article.Status.PUBLISHED
        for state, share in STATES:
            if roll < share:
                status = state
                break
            roll -= share
        back = datetime.timedelta(minutes=n * 5 % (8 * 365 * 24 * 60) + 1)
        if status in {Article.Status.DRAFT, Article.Status.IN_REVIEW}:
            return status, None, None
        if status == Article.Status.SCHEDULED:
            ahead = datetime.timedelta(hours=self.rng.randint(2, 240))
            return status, self.now + ahead, None
        return status, self.now - back, self.now - back

    def articles(self):
        rng = self.rng
        articles, links = [], []
        for n in range(self.n["articles"]):
            drama = rng.choice(self.dramas)
            people = rng.sample(self.persons, rng.randint(1, 3))
            status, publish_at, first = self._state(n)
            headline = (
                f"{people[0].name} joins {drama.title} as "
                f"{rng.choice(['lead', 'villain', 'cameo', 'narrator'])} ({n})"
            )
            articles.append(
                Article(
                    headline=headline,
                    slug=slugify(headline)[:190],
                    dek=self._sentence(22),
                    body=self._body(drama, people),
                    kind=rng.choice(KINDS),
                    created_by=rng.choice(self.writers),
                    status=status,
                    publish_at=publish_at,
                    first_published_at=first,
                    lead_image=rng.choice(self.library) if n % 3 == 0 else None,
                )
            )
            dramas = [drama, rng.choice(self.dramas)] if n % 4 == 0 else [drama]
            links.append((dramas, people))
            # Writing the bodies is the slow part: count the stories as they are made.
            self.bar.update(1)
        made = self.insert(Article, articles, count=False)
        self._links(made, links)

    def _links(self, articles, links):
        rng = self.rng
        dramas, people = Article.dramas.through, Article.people.through
        rows = {Byline: [], dramas: [], people: []}
        for article, (shows, cast) in zip(articles, links, strict=True):
            writers = rng.sample(self.writers, 2 if article.pk % 10 == 0 else 1)
            rows[Byline] += [
                Byline(article_id=article.pk, user_id=w.pk, position=p)
                for p, w in enumerate(writers)
            ]
            rows[dramas] += [
                dramas(article_id=article.pk, drama_id=d.pk) for d in set(shows)
            ]
            rows[people] += [
                people(article_id=article.pk, person_id=p.pk) for p in cast
            ]
        for model, made in rows.items():
            model.objects.bulk_create(made, batch_size=BATCH)


def start_over_if_stale():
    """Drop a bench desk of an older seed version (its version row says it is one),
    to be migrated and seeded again. Any other database is left as it is, a desk of
    this version but another size too: seed() refuses it, as a wrong DATABASE_URL."""
    found = seeded_version()
    if found is None or not found.startswith(PREFIX) or found.startswith(f"{VERSION},"):
        return False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:
        path = Path(connection.settings_dict["NAME"])
        connection.close()
        for name in [path, *(path.with_name(path.name + x) for x in ["-wal", "-shm"])]:
            name.unlink(missing_ok=True)
    return True


def seed(articles):
    """Seed an empty, migrated database; True if it was seeded, False if reused."""
    wanted = version_for(articles)
    found = seeded_version()
    if found == wanted:
        return False
    if found is not None or Article.objects.exists():
        raise SystemExit(
            f"The database holds another desk ({found or 'not a bench desk'}); "
            "bench/bench_site.py starts from a fresh one."
        )
    Seeder(articles).run()
    return True


def analyze():
    """Planner statistics, as autovacuum keeps them on PostgreSQL. SQLite has none
    until ANALYZE runs, and without them it sorts the whole archive for the newest
    20 stories (see the README's Benchmarks section)."""
    with connection.cursor() as cursor:
        # VACUUM too on PostgreSQL, as autovacuum would soon: it marks the pages
        # all-visible, so counts and deep pages read the indexes alone.
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
