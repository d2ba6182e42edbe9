from django import forms
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint

from newsdesk.autocomplete import ChosenRecordsMixin

from .models import Role

# What a credit says, whichever side (the drama's or the person's) it is edited from:
# a cast credit its character, tier and billing, a crew credit its job.
CAST_DETAILS = ["character_name", "character_description", "tier", "billing_order"]
CREW_DETAILS = ["job"]


class CreditInlineForm(ChosenRecordsMixin, forms.ModelForm):
    """A credit in a cast or a crew table: the table decides the category. It stays
    a (hidden) field, so that the model's checks and unique constraints, which all
    name it, still run in the form; a hand-edited value is ignored."""

    fixed_category = None  # set by the subclass (a None named "category" would
    # remove the field)

    class Meta:
        model = Role
        fields = ["person", "drama", "category", *CAST_DETAILS, *CREW_DETAILS]
        widgets = {"category": forms.HiddenInput}

    def clean_category(self):
        return self.fixed_category

    def _get_validation_exclusions(self):
        # The other kind's fields are left out of this table, not out of the credit:
        # the model's checks and its unique constraint name them, and Django skips a
        # check that names a field the form leaves out (the database then refused
        # the row with a 500).
        kept = {"category", *CAST_DETAILS, *CREW_DETAILS}
        return super()._get_validation_exclusions() - kept

    def validate_unique(self):
        super().validate_unique()
        # Inline forms leave the parent's key out of constraint checks, so a credit
        # that duplicates a saved one would only fail in the database. Check the
        # unique constraints here, where the key is known.
        exclude = self._get_validation_exclusions()
        for constraint in Role._meta.constraints:
            if isinstance(constraint, UniqueConstraint):
                try:
                    constraint.validate(Role, self.instance, exclude=exclude)
                except ValidationError as error:
                    self._update_errors(error)


class CastCreditForm(CreditInlineForm):
    fixed_category = Role.Category.CAST


class CrewCreditForm(CreditInlineForm):
    fixed_category = Role.Category.CREW
