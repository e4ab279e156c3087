"""The client's address, the same way everywhere: rate limits, login throttling.

Behind nginx, gunicorn sees nginx (127.0.0.1) as REMOTE_ADDR and the client's address
arrives in X-Forwarded-For, which nginx writes. That header is only as trustworthy as
the proxies that wrote it: a client may send one of its own, and nginx appends the
address it saw to the right of whatever came in. So the header is read only when
settings.LOA_TRUSTED_PROXY_COUNT says how many proxies of ours stand in front (0 by
default: the header is ignored), and the address is taken that many entries from the
right, where our own proxies wrote it; anything else in the header is the client's
word and never used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str:
    """`value` as a normalised IP address, or "" when it is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`, or "" when there is none.

    REMOTE_ADDR unless LOA_TRUSTED_PROXY_COUNT is above 0; then the address that many
    entries from the right of X-Forwarded-For. A missing, short or malformed header
    falls back to REMOTE_ADDR: a misconfigured proxy must not let clients pick their
    address, and the worst case is that every client shares the proxy's.
    """
    remote = _valid(str(request.META.get("REMOTE_ADDR") or ""))
    hops = int(getattr(settings, "LOA_TRUSTED_PROXY_COUNT", 0) or 0)
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
    if len(forwarded) < hops:
        return remote
    return _valid(forwarded[-hops]) or remote
