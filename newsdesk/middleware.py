"""Refuse a request whose body is too big before anything reads it.

Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it
streams to disk whatever their size; the image library refuses a big file only once it
has arrived. This cap, on the length the client declares, answers 413 at once.
"""

from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        if limit and declared_length(request) > limit:
            return HttpResponse(
                f"This request is larger than the {limit // 1024**2} MB limit.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def declared_length(request):
    # Django reads a missing or garbled Content-Length as an empty body.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
