"""The desk's login form: a username longer than any account's is the form's error.

django-axes records every failed login by username, in a 255-character column, and
Django's login form does not hold the username to its length: PostgreSQL refused a
300-character one with a 500. Refused here, it never reaches authenticate() and so
is neither checked nor recorded.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator


class DeskLoginForm(AdminAuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
