"""A per-client token bucket for the search API, kept in this process's memory.

Each gunicorn worker has its own buckets, so with N workers a client gets up to N times the
rate; put a shared limiter in front (nginx `limit_req`) when that matters.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

MAX_CLIENTS = 10_000


class TokenBuckets:
    def __init__(self):
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str, *, rate: float, burst: int) -> float:
        """Take a token for `key`; 0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(key, (float(burst), now))
            tokens = min(float(burst), tokens + (now - stamp) * rate)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (1 - tokens) / rate
            if len(self._buckets) > MAX_CLIENTS:
                self._forget_full(now, rate, burst)
        return wait

    def _forget_full(self, now: float, rate: float, burst: int) -> None:
        for key, (tokens, stamp) in list(self._buckets.items()):
            if tokens + (now - stamp) * rate >= burst:
                del self._buckets[key]

    def clear(self) -> None:
        with self._lock:
            self._buckets.clear()


buckets = TokenBuckets()


def client_key(request) -> str:
    if getattr(settings, "SEARCH_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def retry_after(request) -> float:
    """0 when the client may search now, else how long it must wait."""
    rate, burst = getattr(settings, "SEARCH_RATE_LIMIT", (5.0, 30))
    if not rate:
        return 0.0
    return buckets.take(client_key(request), rate=float(rate), burst=int(burst))
