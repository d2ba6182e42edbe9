"""Every known drama title (English, Korean, other known titles) in one index."""

from newsdesk.phrases import CachedIndex

from .models import AlternativeTitle, Drama


def _titles():
    yield from Drama.objects.values_list("title", "pk")
    yield from Drama.objects.exclude(native_title="").values_list("native_title", "pk")
    yield from AlternativeTitle.objects.values_list("title", "drama_id")


titles = CachedIndex("dramas", _titles)
