"""The reader's address, as far as the proxies we trust vouch for it."""

import ipaddress

from django.conf import settings


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(proxy, strict=False)
        for proxy in settings.NEWSDESK_TRUSTED_PROXIES
    )


def client_ip(request):
    """REMOTE_ADDR, unless it is a trusted proxy: then the nearest X-Forwarded-For
    address that is not one of ours (anything further left can be forged)."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([h.strip() for h in forwarded if h.strip()]):
        if not _trusted(hop):
            return hop
    return address
