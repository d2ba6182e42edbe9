import datetime
from collections import Counter

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from newsdesk.addresses import address
from newsdesk.slugs import unique_slug

# A miniseries runs weeks and a weekend or daily drama about six months: a show still
# "airing" eight months after its premiere most likely lacks its finale date. 245
# days: no eight calendar months are longer.
LONGEST_RUN = datetime.timedelta(days=245)


class Network(models.Model):
    class Kind(models.TextChoices):
        BROADCASTER = "broadcaster", "Broadcaster"
        STREAMING = "streaming", "Streaming platform"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.BROADCASTER)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DramaQuerySet(models.QuerySet):
    def with_status(self, status, *, today=None):
        """Dramas whose status (derived from their dates) is `status` today."""
        today = today or timezone.localdate()
        started = Q(premiere_on__lte=today)
        running = Q(finale_on__isnull=True) | Q(finale_on__gte=today)
        rules = {
            Drama.Status.ANNOUNCED: Q(premiere_on__isnull=True),
            Drama.Status.UPCOMING: Q(premiere_on__gt=today),
            Drama.Status.AIRING: started & running,
            Drama.Status.ENDED: Q(finale_on__lt=today),
        }
        return self.filter(rules[status])

    def finale_missing(self, *, today=None):
        """Shows that premiered more than LONGEST_RUN ago with no finale date on
        record: by the dates they are still airing, which is seldom true."""
        today = today or timezone.localdate()
        return self.filter(finale_on__isnull=True, premiere_on__lt=today - LONGEST_RUN)

    def most_frequent(self, drama_ids, *, limit):
        """The `limit` dramas whose ids come up most often in `drama_ids` (a show's
        id once for each story or picture of it), as (drama, times) pairs, most
        first, then by title. Only the shows that can make the `limit` are read,
        and only their titles and slugs: joined to all of them, PostgreSQL hashed
        every show in the catalogue (1.5 ms for 3,000)."""
        counts = Counter(drama_ids)
        if not counts or limit < 1:
            return []
        ranked = counts.most_common()
        last = ranked[min(limit, len(ranked)) - 1][1]
        running = [pk for pk, times in ranked if times >= last]
        shows = self.only("title", "slug").order_by("title")
        dramas = list(shows.filter(pk__in=running))
        if len(dramas) < limit and len(running) < len(ranked):
            # A show in the running is gone (deleted since its links were read):
            # the next ones may make the limit.
            dramas = list(shows.filter(pk__in=list(counts)))
        # A stable sort keeps the database's title order among equal counts.
        pairs = sorted(((d, counts[d.pk]) for d in dramas), key=lambda p: -p[1])
        return pairs[:limit]

    def premiering_between(self, start, end):
        """Dramas whose premiere falls between `start` and `end`, soonest first."""
        return self.filter(premiere_on__range=(start, end)).order_by("premiere_on")


class Drama(models.Model):
    class Status(models.TextChoices):
        ANNOUNCED = "announced", "Announced (no date yet)"
        UPCOMING = "upcoming", "Upcoming"
        AIRING = "airing", "Airing"
        ENDED = "ended", "Ended"

    title = models.CharField(
        "English title", max_length=200, help_text="The title the desk uses in copy."
    )
    native_title = models.CharField(
        "Korean title",
        max_length=200,
        blank=True,
        help_text="In Hangul, e.g. 별들에게 물어봐.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="Part of the web address. Filled in from the title; "
        "changing the title later does not change it.",
    )
    synopsis = models.TextField(
        "premise",
        blank=True,
        help_text="One or two sentences on what the show is about, "
        "in the desk's words.",
    )
    genres = models.ManyToManyField(Genre, blank=True, related_name="dramas")
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="original_dramas",
        verbose_name="original network",
        help_text="Where the show first airs (tvN, SBS...).",
    )
    streaming_platforms = models.ManyToManyField(
        Network,
        blank=True,
        related_name="streamed_dramas",
        help_text="Where else it streams (Netflix, Disney+...).",
    )
    premiere_on = models.DateField(
        "premiere date", null=True, blank=True, help_text="Leave empty until announced."
    )
    finale_on = models.DateField("finale date", null=True, blank=True)
    episode_count = models.PositiveSmallIntegerField(
        "episodes", null=True, blank=True, help_text="Leave empty if not announced."
    )
    country = models.CharField(max_length=60, default="South Korea")

    objects = DramaQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [
            # The dramas list (newest premiere first) and the home page's premieres
            # (a range of dates) walk this instead of sorting every show.
            models.Index(fields=["-premiere_on", "title"], name="drama_premiere_title"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(finale_on__isnull=True)
                | Q(premiere_on__isnull=True)
                | Q(finale_on__gte=F("premiere_on")),
                name="drama_finale_after_premiere",
                violation_error_message="The finale date cannot be before "
                "the premiere.",
            ),
            models.CheckConstraint(
                condition=Q(episode_count__isnull=True) | Q(episode_count__gte=1),
                name="drama_episode_count_positive",
                violation_error_message="A show has at least one episode.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title or self.native_title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("dramas:detail", self.slug)

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def status_on(self, day: datetime.date):
        if self.premiere_on is None:
            return self.Status.ANNOUNCED
        if day < self.premiere_on:
            return self.Status.UPCOMING
        if self.finale_on and day > self.finale_on:
            return self.Status.ENDED
        return self.Status.AIRING

    @property
    def finale_missing(self):
        """Whether the show has aired longer than any show runs with no finale date
        (see DramaQuerySet.finale_missing)."""
        today = timezone.localdate()
        return (
            self.finale_on is None
            and self.premiere_on is not None
            and self.premiere_on < today - LONGEST_RUN
        )


class AlternativeTitle(models.Model):
    class Kind(models.TextChoices):
        WORKING = "working", "Working title"
        LITERAL = "literal", "Literal translation"
        FORMER = "former", "Former title"
        OTHER = "other", "Other known title"

    drama = models.ForeignKey(
        Drama, on_delete=models.CASCADE, related_name="alternative_titles"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["drama", "title"],
                name="alternative_title_unique",
                violation_error_message="This show already has that title.",
            )
        ]

    def __str__(self):
        return self.title
