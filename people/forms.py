from django import forms
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint

from .models import Role

# What a credit says, whichever side (the drama's or the person's) it is edited from.
CREDIT_DETAILS = [
    "category",
    "character_name",
    "character_description",
    "tier",
    "billing_order",
    "job",
]


class CreditInlineForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = ["person", "drama", *CREDIT_DETAILS]

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
