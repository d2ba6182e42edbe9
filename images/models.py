from django.db import models

from dramas.models import Drama
from people.models import Person


class Image(models.Model):
    class Kind(models.TextChoices):
        POSTER = "poster", "Poster"
        TEASER_POSTER = "teaser_poster", "Teaser poster"
        STILL = "still", "Still"
        PORTRAIT = "portrait", "Portrait"
        BEHIND_THE_SCENES = "behind_the_scenes", "Behind the scenes"

    file = models.ImageField(upload_to="images/%Y/%m/")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    kind = models.CharField(max_length=30, choices=Kind, default=Kind.STILL)
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. "
        "Required before a story using it is published.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who made or supplied it, e.g. "tvN". Required before publishing.',
    )
    usage_note = models.CharField(
        "copyright or usage note",
        max_length=300,
        blank=True,
        help_text="Rights and restrictions, e.g. 'Promotional use only'.",
    )
    unveiled_on = models.DateField(
        "date unveiled", null=True, blank=True, help_text="For posters and teasers."
    )
    dramas = models.ManyToManyField(Drama, blank=True, related_name="images")
    people = models.ManyToManyField(Person, blank=True, related_name="images")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-unveiled_on", "-uploaded_at"]

    def __str__(self):
        return self.alt_text or self.caption or self.file.name

    def publish_problems(self):
        """What stops a story from going out with this image as its lead."""
        problems = []
        if not self.alt_text.strip():
            problems.append("The lead image has no alt text.")
        if not self.credit.strip():
            problems.append("The lead image has no credit.")
        return problems
