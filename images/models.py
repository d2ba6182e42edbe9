import datetime
import functools
import operator
from collections import defaultdict

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q

from dramas.models import Drama
from newsdesk import imaging
from newsdesk.file_names import free_name
from people.models import Person

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def posters(self):
        """Posters and teaser posters, the newest unveiled first."""
        kinds = [Image.Kind.POSTER, Image.Kind.TEASER_POSTER]
        return self.filter(kind__in=kinds).order_by(
            F("unveiled_on").desc(nulls_last=True), "-uploaded_at", "-pk"
        )

    def portraits(self):
        """Portraits, the newest upload first."""
        return self.filter(kind=Image.Kind.PORTRAIT).order_by("-uploaded_at", "-pk")

    def with_renditions(self, *shapes):
        """Fetch the renditions in one more query, so pictures render without more:
        those of `shapes` alone when given (see renditions_in), else every one."""
        return self.prefetch_related(renditions_in(*shapes) if shapes else "renditions")


def prefetch_portraits(lookup="images", *, to_attr="portraits"):
    """A Prefetch giving each person `to_attr`: their portraits, newest first.

    `people.prefetch_related(prefetch_portraits())`, or from credits
    `prefetch_related(prefetch_portraits("person__images"))`: two queries in all, then
    `{% picture person.portraits.0 shape="square" %}` for any number of people.
    """
    portraits = Image.objects.portraits().with_renditions(Rendition.Shape.SQUARE)
    return Prefetch(lookup, queryset=portraits, to_attr=to_attr)


# What a picture wants them in, without the join to the images that ordering by
# Meta.ordering's "image" costs.
RENDITION_ORDER = ["image_id", "shape", "format", "width"]
# Where renditions_in and prefetch_renditions leave an image's renditions: a plain
# list, not the related manager's cache, which costs a manager and a queryset an image.
SHOWN = "shown_renditions"


def renditions_in(*shapes, lookup="renditions"):
    """A Prefetch of the renditions of `shapes` alone, through `lookup`.

    An image has about 30 renditions (every width of every shape in every format) and
    a page shows it in one or two shapes: a list of 20 stories read 620 rows and made
    620 models for the 120 its thumbnails use. The images then hold those shapes
    only (in SHOWN, which renditions_of reads), and a picture in any other shape
    falls back to the master file: fetch every shape the page shows.
    """
    shown = Rendition.objects.filter(shape__in=shapes).order_by(*RENDITION_ORDER)
    return Prefetch(lookup, queryset=shown, to_attr=SHOWN)


def prefetch_renditions(pictures):
    """Fetch, in one query, the renditions of pictures shown in different shapes.

    `pictures` pairs each image (or None) with the shapes the page shows it in, as
    renditions_in does for a single set of shapes. Grouped here rather than through
    Django's prefetching, which builds a related manager and a queryset an image:
    4% of an article page's instructions.
    """
    wanted = defaultdict(set)
    for image, shapes in pictures:
        if image is not None:
            wanted[image.pk].update(shapes)
    if not wanted:
        return
    alike = defaultdict(list)
    for pk, shapes in wanted.items():
        alike[frozenset(shapes)].append(pk)
    shown = functools.reduce(
        operator.or_,
        (Q(image__in=pks, shape__in=sorted(s)) for s, pks in alike.items()),
    )
    found = defaultdict(list)
    for rendition in Rendition.objects.filter(shown).order_by(*RENDITION_ORDER):
        found[rendition.image_id].append(rendition)
    for image, _ in pictures:
        if image is not None:
            setattr(image, SHOWN, found[image.pk])


def master_name(image, filename):
    """images/<year>/<month>/<upload's name>, with a suffix when that is taken: two
    uploads called poster.jpg in a month must not share (or overwrite) one file."""
    storage = Image._meta.get_field("file").storage
    # The name as the storage will clean it ("my poster" becomes "my_poster"): the
    # name checked must be the name stored.
    name = storage.generate_filename(
        datetime.datetime.now().strftime("images/%Y/%m/") + filename
    )
    return free_name(storage, name)


class Image(models.Model):
    class Kind(models.TextChoices):
        POSTER = "poster", "Poster"
        TEASER_POSTER = "teaser_poster", "Teaser poster"
        STILL = "still", "Still"
        PORTRAIT = "portrait", "Portrait"
        BEHIND_THE_SCENES = "behind_the_scenes", "Behind the scenes"

    file = models.ImageField(
        "image file",
        upload_to=master_name,
        width_field="width",
        height_field="height",
        max_length=200,
    )
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
    focal_x = models.FloatField(
        "focal point, across",
        default=0.5,
        validators=FRACTION,
        help_text="Where the crops centre, from the left edge: 0 is the left edge, "
        "0.5 the middle, 1 the right edge. Click the preview to set it.",
    )
    focal_y = models.FloatField(
        "focal point, down",
        default=0.5,
        validators=FRACTION,
        help_text="Where the crops centre, from the top: 0 is the top, 0.5 the "
        "middle, 1 the bottom. For a portrait, put it on the face.",
    )
    crops = models.JSONField(
        "hand-set crops",
        default=dict,
        blank=True,
        help_text="Per shape, [left, top, width, height] in pixels of the file. "
        "A shape without one is cut around the focal point.",
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-unveiled_on", "-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0)
                & Q(focal_y__lte=1),
                name="image_focal_point_inside",
                violation_error_message="The focal point is given as fractions "
                "between 0 and 1.",
            ),
        ]

    def __str__(self):
        return self.alt_text or self.caption or self.file.name

    def clean(self):
        for shape, crop in (self.crops or {}).items():
            if shape not in imaging.shapes() or shape == Rendition.Shape.ORIGINAL:
                raise imaging.refusal(f"There is no crop called {shape!r}.", "crop")
            imaging.check_crop(crop, (self.width, self.height))

    def renditions_of(self, shape):
        """This image's renditions of one shape; uses prefetched renditions if any."""
        shown = getattr(self, SHOWN, None)
        if shown is None:
            shown = self.renditions.all()
        return [r for r in shown if r.shape == shape]

    def rendition(self, shape, *, fmt="jpeg", width=None):
        """The rendition of `shape` and `fmt` nearest `width` (else the largest)."""
        candidates = [r for r in self.renditions_of(shape) if r.format == fmt]
        if not candidates:
            return None
        if width is None:
            return max(candidates, key=lambda r: r.width)
        return min(candidates, key=lambda r: (abs(r.width - width), -r.width))

    @property
    def social_card(self):
        """The 1200x630 JPEG for og:image and twitter:image."""
        return self.rendition(Rendition.Shape.SOCIAL)

    @property
    def thumbnail(self):
        return self.rendition(Rendition.Shape.SQUARE, width=160)

    def publish_problems(self):
        """What stops a story from going out with this image as its lead."""
        problems = []
        if not self.alt_text.strip():
            problems.append("The lead image has no alt text.")
        if not self.credit.strip():
            problems.append("The lead image has no credit.")
        return problems


class Rendition(models.Model):
    """One stored, resized copy of an image, made at upload and never on a request."""

    class Shape(models.TextChoices):
        ORIGINAL = "original", "Full picture"
        POSTER = "poster", "Poster (2:3)"
        SQUARE = "square", "Square"
        SOCIAL = "social", "Social card (1200×630)"

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions"
    )
    shape = models.CharField(max_length=20, choices=Shape)
    format = models.CharField(max_length=10, choices=Format)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(max_length=255)

    class Meta:
        ordering = ["image", "shape", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "shape", "format", "width"],
                name="rendition_unique_size",
            )
        ]

    def __str__(self):
        return f"{self.get_shape_display()}, {self.width}×{self.height} {self.format}"

    @property
    def mime_type(self):
        return f"image/{self.format}"
