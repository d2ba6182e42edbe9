"""The 500 page, served even when what broke is the static files' manifest; and
the page for a post that failed the CSRF check.

With hashed static names, `{% static %}` raises ValueError for a file that
`collectstatic` has not recorded (it was not run, or ran before a new file). Django's
own handler would then raise again while rendering the 500 page, and the reader gets
the server's bare error. Here the page goes out without its stylesheet instead.
"""

from urllib.parse import urlsplit

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    try:
        stylesheet = static("css/site.css")
    except ValueError:
        stylesheet = None
    page = loader.get_template("500.html").render({"stylesheet": stylesheet})
    return HttpResponseServerError(page)


def csrf_failure(request, reason=""):
    """A post without this browser's current form token. On the desk, mostly a save
    from a page left open while its desk member was logged out, or logged in again
    in another tab; their story's text is kept in the browser (story-copy.js)."""
    # The page the post came from, to open it again: this site's own pages only.
    referer = request.META.get("HTTP_REFERER", "")
    back_to = urlsplit(referer)._replace(scheme="", netloc="").geturl()
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}
    ) or not back_to.startswith("/admin/"):
        back_to = None
    return render(
        request,
        "403_csrf.html",
        {"login_path": reverse("admin:login"), "back_to": back_to},
        status=403,
    )
