"""The desk's navigation sidebar, rendered once for all who are shown the same one.

Django's admin renders the sidebar (every app and model the user may open, the current
one marked) on every page: 2.5 ms of a 25 ms story list. templates/admin/base_site.html
keeps the HTML in the cache under a digest of what it shows and how: the apps and
models with their links and permissions, the ones marked current, the language and the
templates' text. A change of permissions, models, language or templates (a deploy) is
a new entry, never a stale one.
"""

import hashlib
import json
from urllib.parse import quote

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

register = template.Library()
TEMPLATES = ["admin/nav_sidebar.html", "admin/app_list.html"]


@register.simple_tag(takes_context=True)
def nav_sidebar_key(context):
    apps = context.get("available_apps", [])
    # What app_list.html marks as current: the addresses in request.path|urlencode.
    path = quote(context["request"].path)
    addresses = [a["app_url"] for a in apps]
    addresses += [m["admin_url"] for a in apps for m in a["models"]]
    current = [url for url in addresses if url and url in path]
    # The loaders keep the templates: their text is at hand, edited or deployed.
    sources = [get_template(name).template.source for name in TEMPLATES]
    shown = [apps, current, get_language(), sources]
    text = json.dumps(shown, default=str, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
