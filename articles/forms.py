import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from reversion.models import Version

from newsdesk.autocomplete import ChosenRecordsMixin
from newsdesk.desk_time import desk_time

from . import diffs
from .models import Article, PublicNote


class BylineForm(ChosenRecordsMixin, forms.ModelForm):
    """A byline row in the story's form (its fields: BylineInline)."""


# Characters that turn the direction of the text after them: invisible, and when
# pasted in with a headline they print it backwards on every page that shows it.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


class ArticleAdminForm(ChosenRecordsMixin, forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "kind",
            "dek",
            "body",
            "lead_image",
            "dramas",
            "people",
            "seo_title",
            "seo_description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.lock_version
        self.conflict = None

    def clean_headline(self):
        return self._without_direction_controls("headline")

    def clean_dek(self):
        return self._without_direction_controls("dek")

    def clean_seo_title(self):
        return self._without_direction_controls("seo_title")

    def clean_seo_description(self):
        return self._without_direction_controls("seo_description")

    def _without_direction_controls(self, name):
        """Refused once, with the characters taken out of the form: the writer
        cannot see them to take them out, but should see the text that is saved."""
        value = self.cleaned_data[name]
        if not DIRECTION_CONTROLS.search(value):
            return value
        self.data = self.data.copy()
        key = self.add_prefix(name)
        self.data[key] = DIRECTION_CONTROLS.sub("", self.data[key])
        raise ValidationError(
            "This held an invisible character that turns the text after it "
            "backwards, most likely pasted in with it. It has been taken out: check "
            "the text and save again."
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned.get("loaded_version"))
        return cleaned

    def _refuse_stale_save(self, loaded):
        # The row lock holds until the admin's save transaction ends, so nobody can
        # slip a save in between this check and ours.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        if loaded == current.lock_version:
            return
        # Saving again after reading the message goes ahead, knowingly.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current.lock_version
        if loaded is None:
            raise ValidationError(
                "The form did not say which version of the story it was opened on, "
                "so nothing has been saved: someone may have changed it since. Your "
                "text is still in the form below; check it and save again."
            )
        versions = Version.objects.get_for_object(current).select_related(
            "revision__user"
        )
        latest = versions.first()
        started = next(
            (v for v in versions if v.field_dict.get("lock_version") == loaded), None
        )
        who = latest.revision.user if latest and latest.revision.user else "Someone"
        when = desk_time(current.modified_at)
        current_fields = {
            name: getattr(current, name) for name, _ in diffs.COMPARED_FIELDS
        }
        self.conflict = {
            "who": who,
            "when": when,
            "changes": diffs.compare(started.field_dict, current_fields)
            if started
            else [],
        }
        raise ValidationError(
            f"{who} saved this story at {when}, after you opened it. Your text is "
            "still in the form below and nothing has been saved. Read their changes, "
            "then save again to replace their version with yours."
        )


class PublicNoteForm(forms.ModelForm):
    class Meta:
        model = PublicNote
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class WithdrawForm(forms.Form):
    """The reason a story comes off the site, for its audit trail."""

    note = forms.CharField(
        label="Reason (for the desk)",
        max_length=2000,
        error_messages={
            "required": "Say why the stories are coming off the site: the reason "
            "goes in each one's audit trail."
        },
    )


class DeskTimeField(forms.DateTimeField):
    """A minute on the desk's clock. Where the clocks go back, a time that happens
    twice is the first one; where they go forward, a time that never happens is
    refused, saying so (Django refuses both with one vague message)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        naive = forms.fields.BaseTemporalField.to_python(self, value)
        zone = timezone.get_current_timezone()
        # zoneinfo reads fold=0 as the first of two; a skipped time does not survive
        # the round trip through UTC.
        aware = naive.replace(tzinfo=zone, fold=0)
        try:
            round_trip = aware.astimezone(datetime.UTC).astimezone(zone)
        except OverflowError:  # the first hours of year 1, or the last of 9999
            raise ValidationError(
                "Enter a time between the years 1900 and 9999.", code="out_of_range"
            ) from None
        if round_trip.replace(tzinfo=None) != naive:
            raise ValidationError(
                f"{naive:%-d %B %Y %H:%M} does not exist in {zone}: the clocks go "
                "forward that night. Pick a time before or after the change.",
                code="skipped_time",
            )
        return aware


class TransitionForm(forms.Form):
    ACTIONS = ["submit", "publish", "schedule", "send_back", "withdraw"]
    # What the desk types into these forms, kept when a transition is refused.
    TYPED = ["action", "note", "override_reason", "publish_at"]

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    note = forms.CharField(required=False, max_length=2000)
    override_reason = forms.CharField(required=False, max_length=2000)
    publish_at = DeskTimeField(
        required=False,
        input_formats=[
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "schedule" and not cleaned.get("publish_at"):
            raise ValidationError("Give the date and time the story should go live.")
        return cleaned
