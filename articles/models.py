from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from dramas.models import Drama
from images.models import Image
from newsdesk.addresses import address
from newsdesk.slugs import unique_slug
from people.models import Person

from .richtext import EDITOR_EXTENSIONS, sanitize

# What the desk keeps on a story and readers never see: reader pages leave it unread.
DESK_ONLY = [
    "created_by",
    "created_at",
    "modified_at",
    "lock_version",
    "desk_findings",
    "desk_checked_at",
]


class ArticleQuerySet(models.QuerySet):
    def live(self, *, now=None):
        """What readers may see: published, or scheduled and due (no job needed).

        A published story's publication time is never ahead of the clock (publish
        refuses one), so one range on publish_at serves both states, and lists walk
        the (publish_at, id) index from now backwards past no draft or future story.
        """
        return self.filter(
            status__in=LIVE_STATES, publish_at__lte=now or timezone.now()
        )

    def due(self, *, now=None):
        """Scheduled stories whose minute has come, publication not yet recorded."""
        return self.filter(
            status=Article.Status.SCHEDULED, publish_at__lte=now or timezone.now()
        )

    def latest_first(self):
        """Newest first, as lists show stories: without bodies or the desk's fields."""
        return self.order_by("-publish_at", "-pk").defer("body", *DESK_ONLY)

    def busiest_dramas(self, *, among, limit):
        """The `limit` dramas with the most stories among the `among` newest of these
        stories, as (drama, stories) pairs, most first, then by title; so the cost
        stays the same as the archive grows. The ids are read first: given them as a
        subquery, PostgreSQL hashed every story-drama link in the archive (12 ms at
        100,000 stories)."""
        newest = list(self.latest_first().values_list("pk", flat=True)[:among])
        links = Article.dramas.through.objects.filter(article_id__in=newest)
        return Drama.objects.most_frequent(
            links.values_list("drama_id", flat=True), limit=limit
        )

    def about(self, thing):
        """Stories related to a drama or a person."""
        field = "dramas" if isinstance(thing, Drama) else "people"
        return self.filter(**{field: thing})

    def editable_by(self, user):
        """What a user may open in the desk: editors everything, others their own."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.filter(Q(created_by=user) | Q(bylines=user)).distinct()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        POSTER_REVEAL = "poster_reveal", "Poster reveal"
        CASTING = "casting", "Casting news"
        PREMIERE = "premiere", "Premiere"
        TRAILER = "trailer", "Trailer or teaser"
        REVIEW = "review", "Review"
        FEATURE = "feature", "Feature"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        error_messages={
            "unique": "Another story already uses this address; choose another slug."
        },
        help_text="The story's web address. Filled in from the headline, and "
        "follows it until the story is scheduled or published; if you change it "
        "after publication, the old address redirects here.",
    )
    dek = models.TextField(
        "standfirst", blank=True, help_text="One or two sentences under the headline."
    )
    body = ProseEditorField(extensions=EDITOR_EXTENSIONS, sanitize=sanitize, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NEWS)
    bylines = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Byline",
        related_name="bylined_articles",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_articles",
        editable=False,
    )
    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        editable=False,
        help_text="When the story goes (or went) live, in the desk's time zone.",
    )
    first_published_at = models.DateTimeField(
        "first published", null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(
        "public update time",
        null=True,
        blank=True,
        editable=False,
        help_text="Moves only when an editor adds a correction or update note.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField("last saved", auto_now=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    desk_findings = models.JSONField(
        default=list, blank=True, editable=False, help_text="The last desk check."
    )
    desk_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    dramas = models.ManyToManyField(
        Drama, blank=True, related_name="articles", verbose_name="related dramas"
    )
    people = models.ManyToManyField(
        Person, blank=True, related_name="articles", verbose_name="related people"
    )
    lead_image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of_articles",
        help_text="The picture at the top of the story, if it has one. Its alt text "
        "and credit must be filled in before the story goes out.",
    )
    seo_title = models.CharField(
        "search title",
        max_length=200,
        blank=True,
        help_text="For search engines and social cards. Empty: the headline.",
    )
    seo_description = models.CharField(
        "search description",
        max_length=300,
        blank=True,
        help_text="For search engines and social cards. Empty: the standfirst.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        ordering = ["-publish_at", "-created_at"]
        permissions = [
            ("publish_article", "Can publish, schedule, withdraw and send back"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["scheduled", "published"])
                | Q(publish_at__isnull=False),
                name="article_live_states_have_publish_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"]),
            # Newest first without sorting the archive: the reader's lists and feeds
            # (latest_first). With the status in the index, live() is read from it
            # alone, so a deep page skips the stories before it without reading
            # their rows (an index-only scan on PostgreSQL, a covering one on SQLite).
            models.Index(
                fields=["publish_at", "id", "status"], name="article_newest_first"
            ),
            # The desk's story list (last saved first).
            models.Index(fields=["modified_at", "id"]),
            # The desk check for a headline another story already has.
            models.Index(fields=["headline"], name="article_headline"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize(self.body)
        if not self.slug:
            self.slug = unique_slug(self, self.headline)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("articles:detail", self.slug)

    @property
    def published_at(self):
        """When readers first saw it (or will): the recorded time, else the schedule."""
        return self.first_published_at or self.publish_at

    @property
    def meta_title(self):
        return self.seo_title or self.headline

    @property
    def meta_description(self):
        return self.seo_description or self.dek

    def is_live(self, *, now=None):
        """The object's side of `ArticleQuerySet.live()`."""
        return self.status in LIVE_STATES and self.publish_at <= (now or timezone.now())

    @property
    def effective_status(self):
        """The status readers see: a scheduled story whose minute has come is
        published, whether or not publish_due has recorded it yet."""
        if self.status == self.Status.SCHEDULED and self.is_live():
            return self.Status.PUBLISHED
        return self.Status(self.status)


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"],
                name="byline_unique",
                violation_error_message="This person is already on the byline.",
            )
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


# The states a reader may see a story in, once its publication time has come.
LIVE_STATES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


class StatusChange(models.Model):
    """The audit trail: every workflow transition, by whom, when and why."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="status_changes"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the scheduler recorded it.",
    )
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=Article.Status)
    to_status = models.CharField(max_length=20, choices=Article.Status)
    note = models.TextField(blank=True)
    override_reason = models.TextField(
        blank=True, help_text="Why an editor published despite a blocking problem."
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class PublicNote(models.Model):
    """A correction or update readers see under the story. Written only through
    services.add_public_note, which moves the story's updated_at with it: the
    reader's page reads notes only for a story that has an updated_at."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="public_notes"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class SlugRedirect(models.Model):
    """An address a published story used to have; it answers with a 301."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_slugs"
    )
    old_slug = models.SlugField(max_length=200, unique=True)

    def __str__(self):
        return self.old_slug


class PreviewLink(models.Model):
    """A signed, expiring, revocable link showing a story to someone with no login."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_valid(self, *, now=None):
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at
