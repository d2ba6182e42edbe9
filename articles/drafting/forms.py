"""What each story kind asks the desk for, in the admin and on the command line."""

from django import forms
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from dramas.models import Drama


class StoryInputs(forms.Form):
    """A kind's inputs, always about one drama; the base asks for nothing more."""

    def __init__(self, *args, drama, **kwargs):
        super().__init__(*args, **kwargs)
        self.drama = drama


class PosterChoice(forms.ModelChoiceField):
    def label_from_instance(self, image):
        when = f", unveiled {image.unveiled_on:%-d %b %Y}" if image.unveiled_on else ""
        credit = f", credit: {image.credit}" if image.credit else ""
        return f"{image.get_kind_display()}{when}{credit} (no. {image.pk})"


class PosterInputs(StoryInputs):
    image = PosterChoice(
        queryset=None,
        required=False,
        label="Poster",
        empty_label="The newest poster",
        help_text="One of this show's posters from the image library.",
    )

    def __init__(self, *args, drama, **kwargs):
        super().__init__(*args, drama=drama, **kwargs)
        field = self.fields["image"]
        field.queryset = drama.images.posters()
        field.error_messages["invalid_choice"] = (
            "That picture is not one of this show's posters."
        )
        self.has_posters = field.queryset.exists()
        if not self.has_posters:
            # Said before the desk fills in the rest, with the way to one.
            field.empty_label = "No poster yet"
            field.help_text = self._no_poster()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("image") and not self.has_posters:
            # Plain text: the command line prints it too; the form's help has the link.
            raise forms.ValidationError(
                f"{self.drama} has no poster in the image library yet: upload one "
                "(kind: poster) first."
            )
        return cleaned

    def _no_poster(self):
        upload = reverse("admin:images_image_add")
        return format_html(
            '{} has no poster in the image library yet. <a href="{}">Upload one</a> '
            "(it opens with the kind and the show filled in), then draft the story.",
            self.drama,
            f"{upload}?{urlencode({'kind': 'poster', 'dramas': self.drama.pk})}",
        )


class CreditChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, credit):
        character = f" as {credit.character_name}" if credit.character_name else ""
        return f"{credit.person}{character} ({credit.get_tier_display().lower()})"


class CastingInputs(StoryInputs):
    credits = CreditChoice(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="New cast",
        help_text="Tick the casting the story announces.",
        error_messages={
            "required": "Tick at least one cast member.",
            "invalid_choice": "That credit is not in this show's cast.",
            "invalid_pk_value": "That is not a credit number.",
        },
    )

    def __init__(self, *args, drama, **kwargs):
        super().__init__(*args, drama=drama, **kwargs)
        self.fields["credits"].queryset = drama.credits.cast().select_related("person")


class PremiereInputs(StoryInputs):
    def clean(self):
        if self.drama.premiere_on is None:
            raise forms.ValidationError(
                f"{self.drama} has no premiere date yet: add it to the show first."
            )
        return super().clean()


class WebAddress(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    # Django's check refuses a longer address as not one at all, which told the
    # desk to start it with https:// when it did.
    longest = 2000

    def clean(self, value):
        length = len(value.strip()) if isinstance(value, str) else 0
        if length > self.longest:
            raise forms.ValidationError(
                f"This address is {length:,} characters long, longer than a video "
                f"link is (at most {self.longest:,}): copy the link from the "
                "video's Share button.",
                code="max_length",
            )
        return super().clean(value)


class TrailerInputs(StoryInputs):
    video = WebAddress(
        label="Video link",
        assume_scheme="https",
        help_text="Where readers can watch it, starting with https://.",
        error_messages={"invalid": "Enter a web address starting with https://."},
    )
    teaser = forms.BooleanField(
        required=False, label="It is a teaser, not a full trailer"
    )


class DraftStart(forms.Form):
    """Step one in the admin: which show, and what kind of story."""

    drama = forms.ModelChoiceField(
        queryset=Drama.objects.order_by("title"),
        label="Show",
        error_messages={"invalid_choice": "There is no such show in the desk."},
    )
    kind = forms.ChoiceField(
        label="Kind of story",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of story."},
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in kinds]
