"""The benchmark's floor: the cheapest page our stack can serve (bench/bench_site.py).

Off unless NEWSDESK_BENCH_FLOOR is set, so readers never reach it in production.
"""

from django.conf import settings
from django.http import Http404, HttpResponse


def floor(request):
    if not settings.NEWSDESK_BENCH_FLOOR:
        raise Http404("No such page.")
    return HttpResponse("floor", content_type="text/plain")
