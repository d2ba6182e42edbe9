from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from newsdesk import imaging
from newsdesk.autocomplete import ChosenRecordsMixin

from .models import Image, Rendition

CROP_SHAPES = {
    Rendition.Shape.POSTER: "2:3, for drama pages and poster grids",
    Rendition.Shape.SQUARE: "1:1, for thumbnails and people lists",
    Rendition.Shape.SOCIAL: "1200×630, for Facebook, X and link previews",
}
# A box of each shape, for the help text: the same example for all three was not
# the shape of two of them.
CROP_EXAMPLES = {
    Rendition.Shape.POSTER: "120, 0, 600, 900",
    Rendition.Shape.SQUARE: "200, 40, 480, 480",
    Rendition.Shape.SOCIAL: "0, 90, 1200, 630",
}
CROP_FIELDS = {f"crop_{shape}": shape for shape in CROP_SHAPES}
RECUT_FIELDS = {"file", "focal_x", "focal_y", *CROP_FIELDS}


class CropField(forms.CharField):
    """Four whole numbers, "left, top, width, height"; empty for the focal point."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        try:
            return [int(part) for part in value.replace(",", " ").split()]
        except ValueError:
            raise ValidationError(
                "Give four whole numbers: left, top, width, height.", code="crop"
            ) from None


def crop_field(shape, purpose):
    return CropField(
        label=f"{Rendition.Shape(shape).label} crop",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "left, top, width, height"}),
        help_text=f"{purpose}. In pixels of the file, e.g. {CROP_EXAMPLES[shape]}. "
        "Leave empty to cut around the focal point. A box of another shape is trimmed "
        "evenly to fit; a new file clears it.",
    )


class ImageForm(ChosenRecordsMixin, forms.ModelForm):
    # A plain FileField: Django's ImageField would decode the file with Pillow before
    # our checks, and judge it by its extension.
    file = forms.FileField(label="Image file")
    crop_poster = crop_field("poster", CROP_SHAPES["poster"])
    crop_square = crop_field("square", CROP_SHAPES["square"])
    crop_social = crop_field("social", CROP_SHAPES["social"])

    class Meta:
        model = Image
        fields = [
            "file",
            "kind",
            "alt_text",
            "caption",
            "credit",
            "usage_note",
            "unveiled_on",
            "dramas",
            "people",
            "focal_x",
            "focal_y",
        ]
        widgets = {
            "alt_text": forms.Textarea(attrs={"rows": 2}),
            "caption": forms.Textarea(attrs={"rows": 2}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.master = None
        limit = imaging.max_bytes()
        upload = self.fields["file"]
        upload.help_text = (
            f"{imaging.accepted_formats()}, up to {imaging.readable(limit)} and "
            f"{imaging.max_pixels() / 1e6:.0f} megapixels. It is checked, cleaned "
            "of camera and location data, turned upright, and resized for every screen."
        )
        # upload-size.js refuses a bigger file as soon as it is chosen, before the
        # wait for an upload the library would refuse, or a 413 past the request cap
        # that loses the form.
        upload.widget.attrs.update(
            {
                "accept": imaging.accepted_types(),
                "data-max-bytes": limit,
                "data-max-size": imaging.readable(limit),
            }
        )
        for field, shape in CROP_FIELDS.items():
            if crop := self.instance.crops.get(shape):
                self.initial[field] = ", ".join(map(str, crop))
        if self.instance._state.adding:
            # No picture to click until it is saved (the fieldset says so).
            focal = self.fields["focal_x"]
            focal.help_text = focal.help_text.removesuffix(
                " Click the preview to set it."
            )

    def full_clean(self):
        super().full_clean()
        if self._errors and "file" not in self._errors and self.master is not None:
            # The file passed, but a browser never keeps a chosen file when the
            # form comes back: say so where the empty file field is.
            self.add_error(
                "file",
                "The file was fine, but browsers do not keep a chosen file when a "
                "form comes back: choose it again once the rest is corrected.",
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if "file" not in self.changed_data:
            return upload
        self.master = imaging.clean_upload(upload)
        return ContentFile(self.master.data, name=self.master.name)

    def clean(self):
        cleaned = super().clean()
        size = self.picture_size()
        crops = {}
        for field, shape in CROP_FIELDS.items():
            crop = cleaned.get(field)
            stale = self.master is not None and field not in self.changed_data
            if crop is None or size is None or stale:
                continue  # a new file drops the crops drawn on the old one
            try:
                imaging.check_crop(crop, size)
            except ValidationError as error:
                self.add_error(field, error)
            else:
                crops[shape] = crop
        self.instance.crops = crops
        return cleaned

    def picture_size(self):
        if self.master is not None:
            return (self.master.width, self.master.height)
        if "file" in self.changed_data or not self.instance.pk:
            return None  # the upload was refused: its errors are enough
        return (self.instance.width, self.instance.height)

    def needs_recut(self):
        return self.instance._state.adding or bool(RECUT_FIELDS & {*self.changed_data})
