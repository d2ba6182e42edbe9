"""The 500 page, served even when what broke is the static files' manifest; and
the page for a post that failed the CSRF check.

With hashed static names, `{% static %}` raises ValueError for a file that
`collectstatic` has not recorded (it was not run, or ran before a new file). Django's
own handler would then raise again while rendering the 500 page, and the reader gets
the server's bare error. Here the page goes out without its stylesheet instead.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
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
    return render(request, "403_csrf.html", status=403)
