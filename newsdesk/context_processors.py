from django.conf import settings


def site(request):
    """The site's name and this page's canonical address, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": request.build_absolute_uri(request.path),
    }
