"""Who is asking: the client's address as the trusted proxies in front of us saw it.

Every proxy appends the address it received the request from to `X-Forwarded-For`; only the
entries our own proxies appended can be trusted, and a client may put anything to the left of
them. With `TRUSTED_PROXY_HOPS = N` (nginx in front: 1) the client is the N-th address from the
right of the chain `X-Forwarded-For + [REMOTE_ADDR]`, never the leftmost, client-chosen one.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The address of the client that sent `request`, as an IP address string ("" if none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = int(getattr(settings, "TRUSTED_PROXY_HOPS", 0) or 0)
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()] + [remote]
    # Fewer entries than trusted hops: the proxies did not all add theirs; the leftmost one
    # is then the furthest address any trusted proxy saw.
    candidate = chain[-(hops + 1)] if len(chain) > hops else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def axes_client_address(request) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address, None when there is none."""
    return client_address(request) or None


def client_key(request) -> str:
    """The address a limit applies to: one IPv4 address, or one IPv6 /64 (one household)."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
