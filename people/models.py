from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When

from dramas.models import Drama
from newsdesk.addresses import address
from newsdesk.names import name_key
from newsdesk.slugs import unique_slug

# A name's key spells it in Latin letters (anyascii), which can be longer than the name
# ("﷽" alone is 24 letters); the rare name whose key runs past this keeps its start.
NAME_KEY_LENGTH = 150


class Person(models.Model):
    name = models.CharField(
        "desk name",
        max_length=150,
        help_text="As the desk writes it: romanized, family name first "
        "(Lee Min Ho). Two people may share a name.",
    )
    native_name = models.CharField(
        "Korean name", max_length=100, blank=True, help_text="In Hangul, e.g. 이민호."
    )
    slug = models.SlugField(
        max_length=160,
        unique=True,
        blank=True,
        help_text="Part of the web address. Filled in from the desk name; "
        "changing the name later does not change it.",
    )
    name_key = models.CharField(
        max_length=NAME_KEY_LENGTH, editable=False, db_index=True
    )
    birth_date = models.DateField(null=True, blank=True)
    bio = models.TextField("short bio", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)[:NAME_KEY_LENGTH]
        if not self.slug:
            self.slug = unique_slug(self, self.name or self.native_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("people:detail", self.slug)

    def known_for(self, *, exclude=None, before=None, limit=3):
        """This person's most notable other credits: leads and key crew jobs first."""
        found = Role.objects.known_for(
            [self], exclude=exclude, before=before, limit=limit
        )
        return found.get(self.pk, [])


class Alias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=150, help_text="Another spelling: Lee Min-ho, Lee Minho."
    )
    name_key = models.CharField(
        max_length=NAME_KEY_LENGTH, editable=False, db_index=True
    )

    class Meta:
        verbose_name = "other spelling"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="alias_unique_per_person",
                violation_error_message="This person already has that spelling.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)[:NAME_KEY_LENGTH]
        super().save(*args, **kwargs)


# Top billing first and the unbilled last, on every database: SQLite sorts NULL
# before 1, PostgreSQL after.
BILLING = [F("billing_order").asc(nulls_last=True), "pk"]


class RoleQuerySet(models.QuerySet):
    def cast(self):
        return self.filter(category=Role.Category.CAST).order_by(*BILLING)

    def crew(self):
        return self.filter(category=Role.Category.CREW)

    def notable(self):
        """Credits by weight: lead roles and key crew jobs first, then newest."""
        weight = Case(
            When(tier=Role.Tier.LEAD, then=Value(0)),
            When(job__in=Role.KEY_JOBS, then=Value(0)),
            When(tier=Role.Tier.SUPPORTING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.alias(weight=weight).order_by(
            "weight", models.F("drama__premiere_on").desc(nulls_last=True), "pk"
        )

    def known_for(self, people, *, exclude=None, before=None, limit=3):
        """{person_id: [credits]}: each person's most notable credits, in one query.

        `exclude` leaves out a drama; `before` keeps only dramas that premiered
        before that date (a drama with no date yet has not premiered).
        """
        credits = (
            self.filter(person__in=people)
            .notable()
            .select_related("drama", "drama__network")
        )
        if exclude is not None:
            credits = credits.exclude(drama=exclude)
        if before is not None:
            credits = credits.filter(drama__premiere_on__lt=before)
        found = {}
        for credit in credits:
            kept = found.setdefault(credit.person_id, [])
            if len(kept) < limit:
                kept.append(credit)
        return found


class Role(models.Model):
    class Category(models.TextChoices):
        CAST = "cast", "Cast"
        CREW = "crew", "Crew"

    class Tier(models.TextChoices):
        LEAD = "lead", "Lead"
        SUPPORTING = "supporting", "Supporting"
        SPECIAL = "special", "Special appearance"
        CAMEO = "cameo", "Cameo"

    class Job(models.TextChoices):
        DIRECTOR = "director", "Director"
        SCREENWRITER = "screenwriter", "Screenwriter"
        CREATOR = "creator", "Creator"
        PRODUCER = "producer", "Producer"
        EXECUTIVE_PRODUCER = "executive_producer", "Executive producer"
        COMPOSER = "composer", "Composer"
        CINEMATOGRAPHER = "cinematographer", "Cinematographer"

    KEY_JOBS = [Job.DIRECTOR, Job.SCREENWRITER, Job.CREATOR]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    drama = models.ForeignKey(Drama, on_delete=models.CASCADE, related_name="credits")
    category = models.CharField(
        "credit", max_length=10, choices=Category, default=Category.CAST
    )
    character_name = models.CharField(
        "character",
        max_length=150,
        blank=True,
        help_text="Cast only. Leave empty if the character has not been named.",
    )
    character_description = models.CharField(
        "about the character",
        max_length=300,
        blank=True,
        help_text="Cast only. One line in the desk's words, used in drafted stories.",
    )
    tier = models.CharField(
        max_length=20, choices=Tier, blank=True, help_text="Cast only."
    )
    billing_order = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Cast only: 1 for top billing."
    )
    job = models.CharField(
        max_length=30, choices=Job, blank=True, help_text="Crew only."
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = "credit"
        ordering = ["drama", "category", *BILLING]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="cast") | (Q(job="") & ~Q(tier="")),
                name="role_cast_shape",
                violation_error_message="A cast credit needs a tier and has no crew "
                "job: clear the job, or make it a crew credit.",
            ),
            models.CheckConstraint(
                condition=~Q(category="crew")
                | (
                    ~Q(job="")
                    & Q(character_name="", character_description="", tier="")
                    & Q(billing_order__isnull=True)
                ),
                name="role_crew_shape",
                violation_error_message="A crew credit needs a job and has no "
                "character, tier or billing: clear those, or make it a cast credit.",
            ),
            models.UniqueConstraint(
                fields=["person", "drama", "category", "job", "character_name"],
                name="role_unique_credit",
                violation_error_message="This person already has this credit "
                "on this show.",
            ),
        ]

    def __str__(self):
        if self.category == self.Category.CAST:
            as_whom = f" as {self.character_name}" if self.character_name else ""
            return f"{self.person} in {self.drama}{as_whom}"
        return f"{self.person}, {self.get_job_display().lower()} of {self.drama}"
