"""The client address used for lockout and audit.

REMOTE_ADDR is the truth unless COORDO_TRUSTED_PROXIES says how many reverse proxies
stand in front; only then do we read X-Forwarded-For, from the right, skipping exactly
that many hops, so a client cannot forge its own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = getattr(settings, "COORDO_TRUSTED_PROXIES", 0)
    if not proxies:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return _valid(hops[-proxies]) or remote
