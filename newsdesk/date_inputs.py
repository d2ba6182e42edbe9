"""Date-only fields in the desk take the browser's own date picker.

Django's admin calendar put "Note: You are 9 hours behind server time" under every
date-only field whenever the browser's zone was not the desk's: true of a time,
meaningless for a premiere date or a birthday. A native date input has its picker,
shows the date as the browser's locale writes dates, and sends it as YYYY-MM-DD.
Times (the schedule) keep Django's widgets and their note, which matters there.

    class DramaAdmin(admin.ModelAdmin):
        formfield_overrides = DATE_ONLY
"""

from django import forms
from django.db import models


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        # The only format a date input reads and writes.
        super().__init__(attrs, format="%Y-%m-%d")


DATE_ONLY = {models.DateField: {"widget": DateInput}}
