"""The desk's navigation sidebar, rendered once for all who are shown the same one.

Django's admin renders the sidebar (every app and model the user may open, the current
one marked) on every page: 2.5 ms of a 25 ms story list. templates/admin/base_site.html
keeps the HTML in the cache under a digest of what it shows, so a change of
permissions, models or language is a new entry, never a stale one.
"""

import hashlib
import json
from urllib.parse import quote

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_sidebar_key(context):
    apps = context.get("available_apps", [])
    # What app_list.html marks as current: the addresses in request.path|urlencode.
    path = quote(context["request"].path)
    addresses = [a["app_url"] for a in apps]
    addresses += [m["admin_url"] for a in apps for m in a["models"]]
    current = [url for url in addresses if url and url in path]
    shown = json.dumps([apps, current, get_language()], default=str, sort_keys=True)
    return hashlib.blake2b(shown.encode(), digest_size=16).hexdigest()
