from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from dramas.admin import DramaFilter
from dramas.models import Drama
from newsdesk.date_inputs import DATE_ONLY

from . import services
from .forms import ImageForm
from .models import Image, Rendition

# The image list's drama filter offers the shows of this many of the newest pictures.
RECENT_IMAGES = 200


class PicturedDramaFilter(DramaFilter):
    """The 20 shows most pictured among the newest RECENT_IMAGES images; an older
    show is found by searching its title."""

    def offered(self, request):
        newest = Image.objects.order_by("-pk").values_list("pk", flat=True)
        links = Image.dramas.through.objects.filter(
            image_id__in=list(newest[:RECENT_IMAGES])
        )
        shows = Drama.objects.most_frequent(
            links.values_list("drama_id", flat=True), limit=20
        )
        return [(str(drama.pk), drama.title) for drama, _pictures in shows]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_ONLY
    form = ImageForm
    list_display = [
        "list_thumbnail",
        "__str__",
        "kind",
        "credit",
        "unveiled_on",
        "size",
    ]
    list_display_links = ["list_thumbnail", "__str__"]
    list_filter = ["kind", PicturedDramaFilter]
    search_fields = [
        "alt_text",
        "caption",
        "credit",
        "dramas__title",
        "dramas__native_title",
        "people__name",
        "people__native_name",
        "people__aliases__name",
        # An image not described yet is known by its file's name (newsdesk.lookups);
        # a term with a slash in it is a path (get_search_results).
        "file__basename",
    ]
    autocomplete_fields = ["dramas", "people"]
    readonly_fields = ["focal_preview", "size", "crop_previews"]
    fieldsets = [
        (None, {"fields": ["file", "kind", "alt_text", "caption"]}),
        ("Credit and rights", {"fields": ["credit", "usage_note", "unveiled_on"]}),
        ("What it shows", {"fields": ["dramas", "people"]}),
        (
            "Crops",
            {
                "description": "Every crop is cut around the focal point. Click the "
                "picture to move it, or set a crop by hand for any shape. Saving "
                "cuts the crops again.",
                "fields": [
                    "focal_preview",
                    ("focal_x", "focal_y"),
                    "crop_previews",
                    "crop_poster",
                    "crop_square",
                    "crop_social",
                    "size",
                ],
            },
        ),
    ]

    add_fieldsets = fieldsets[:3] + [
        (
            "Crops",
            {
                "description": "Crops are cut around the focal point, the middle "
                "unless you move it. Once saved, click the picture to move it and "
                "correct any crop by hand.",
                "fields": [("focal_x", "focal_y")],
            },
        ),
    ]

    class Media:
        js = ["images/focal-point.js", "images/upload-size.js"]
        css = {"all": ["images/admin.css"]}

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets if obj else self.add_fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def get_search_results(self, request, queryset, search_term):
        """A term with a slash in it is looked for in the stored path too: the name
        an undescribed image is shown by (images/2026/11/teaser.jpg), or a month
        of uploads ("2026/11")."""
        found, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        paths = [term for term in search_term.split() if "/" in term]
        for path in paths:
            found |= queryset.filter(file__icontains=path)
        return found, may_have_duplicates

    # What the desk's picker (newsdesk/autocomplete.py) shows of each image: its
    # thumbnail, kind, size and credit, not the name alone.
    def autocomplete_queryset(self, queryset):
        return queryset.prefetch_related(None).with_renditions(Rendition.Shape.SQUARE)

    def autocomplete_result(self, image):
        thumb = image.thumbnail
        facts = [
            image.get_kind_display(),
            f"{image.width}×{image.height}" if image.width else "",
            image.credit,
            "" if image.alt_text.strip() else "no alt text yet",
        ]
        return {
            "thumbnail": thumb.file.url if thumb else "",
            "detail": " · ".join(fact for fact in facts if fact),
        }

    def save_model(self, request, image, form, change):
        previous = form.initial.get("file")
        services.save_image(
            image,
            recut=form.needs_recut(),
            previous_file=previous.name if previous else "",
        )

    @admin.display(description="picture")
    def list_thumbnail(self, image):
        thumb = image.thumbnail
        if thumb is None:
            return "–"
        return format_html(
            '<img class="image-thumb" src="{}" width="80" height="80" alt="">',
            thumb.file.url,
        )

    @admin.display(description="image", ordering="alt_text")
    def title(self, image):
        return Truncator(str(image)).chars(90)

    @admin.display(description="size in pixels")
    def size(self, image):
        return f"{image.width}×{image.height}" if image.width else "–"

    @admin.display(description="focal point")
    def focal_preview(self, image):
        preview = image.rendition(Rendition.Shape.ORIGINAL, width=480)
        if preview is None:
            return "Upload a file and save; then click the picture to set the focus."
        return format_html(
            '<div class="focal-point" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" width="{}" height="{}" alt="Click where the crops '
            'should centre"><span class="focal-point-mark"></span></div>',
            image.focal_x,
            image.focal_y,
            preview.file.url,
            preview.width,
            preview.height,
        )

    @admin.display(description="current crops")
    def crop_previews(self, image):
        crops = [
            image.rendition(shape, width=320)
            for shape in [Rendition.Shape.POSTER, Rendition.Shape.SQUARE]
        ] + [image.social_card]
        return (
            format_html_join(
                "",
                '<figure class="crop-preview"><img src="{}" height="160" alt="">'
                "<figcaption>{} ({}×{} px)</figcaption></figure>",
                (
                    (r.file.url, r.get_shape_display(), r.width, r.height)
                    for r in crops
                    if r is not None
                ),
            )
            or "None yet: they are cut when the image is saved."
        )
