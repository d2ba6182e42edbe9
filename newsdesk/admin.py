"""The desk's accounts in the admin: Django's own screens, with one difference."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

User = get_user_model()


class DeskUserAdmin(UserAdmin):
    @staticmethod
    def autocomplete_text(user):
        """How a picker names an account (bylines): as the desk names people, by full
        name, with the login to tell two of the same name apart."""
        full_name = user.get_full_name()
        return f"{full_name} ({user.username})" if full_name else user.username


admin.site.unregister(User)
admin.site.register(User, DeskUserAdmin)
