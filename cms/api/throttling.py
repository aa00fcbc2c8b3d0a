"""Rate limits that hold across gunicorn workers and hosts.

A limit is `(rate, burst)`: `burst` requests at once, then `rate` per second. The allowance is
kept by the generic cell rate algorithm in one shared store, and each decision is a single
atomic statement there, so 150 requests at once through any number of workers get exactly
`burst` answers:

- the database (the default, on SQLite and PostgreSQL alike): an upsert on `RateLimitState`;
- Redis at scale (`RATE_LIMIT_REDIS_URL`): a Lua script on the server's own clock.
"""

from __future__ import annotations

import functools
import logging
import random
import time

from django.conf import settings
from django.db import connection

from .models import RateLimitState

logger = logging.getLogger(__name__)

# One call in this many also deletes expired rows, so the table stays the size of the
# set of clients seen within the last burst.
PRUNE_ONE_IN = 500


def retry_after(*, scope: str, key: str, rate: float, burst: int) -> float:
    """Take one request from `key`'s allowance under `scope`: 0 when allowed, else the
    seconds until the next request would be."""
    if not rate or burst < 1:
        return 0.0
    return _store().take(f"{scope}:{key}", interval=1.0 / rate, limit=burst / rate)


@functools.cache
def _store_for(redis_url: str):
    return RedisStore(redis_url) if redis_url else DatabaseStore()


def _store():
    return _store_for(getattr(settings, "RATE_LIMIT_REDIS_URL", ""))


class DatabaseStore:
    """The allowance in a table, updated by one `INSERT … ON CONFLICT DO UPDATE` per request."""

    def take(self, key: str, *, interval: float, limit: float) -> float:
        now = time.time()
        table = connection.ops.quote_name(RateLimitState._meta.db_table)
        key_column = connection.ops.quote_name("key")
        # In an UPDATE every column reference reads the row as it was before it, on both
        # PostgreSQL and SQLite, so `allowed` and `tat` are decided from the same old value.
        start = f"(CASE WHEN {table}.tat > %s THEN {table}.tat ELSE %s END)"
        fits = f"({start} + %s - %s <= %s)"
        sql = (
            f"INSERT INTO {table} ({key_column}, tat, allowed) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET "
            f"allowed = {fits}, "
            f"tat = CASE WHEN {fits} THEN {start} + %s ELSE {table}.tat END "
            f"RETURNING allowed, tat"
        )
        fits_params = [now, now, interval, now, limit]
        params = [key, now + interval, True, *fits_params, *fits_params, now, now, interval]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            allowed, tat = cursor.fetchone()
            if random.randrange(PRUNE_ONE_IN) == 0:
                cursor.execute(f"DELETE FROM {table} WHERE tat < %s", [now])
        if allowed:
            return 0.0
        return max(tat + interval - limit - now, 0.001)


_GCRA_LUA = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local interval = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new = tat + interval
if new - now <= limit then
  redis.call('SET', KEYS[1], tostring(new), 'PX', math.ceil((new - now) * 1000))
  return '0'
end
return tostring(tat + interval - limit - now)
"""


class RedisStore:
    """The allowance in Redis, decided by a Lua script so that no two workers interleave."""

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2)
        self.script = self.client.register_script(_GCRA_LUA)

    def take(self, key: str, *, interval: float, limit: float) -> float:
        import redis

        try:
            wait = float(self.script(keys=[f"ratelimit:{key}"], args=[interval, limit]))
        except redis.RedisError as exc:
            # A limiter that is down must not take the site down with it: let the request
            # through and say so, once per failure.
            logger.warning("rate limits are off: Redis did not answer (%s)", exc)
            return 0.0
        return max(wait, 0.001) if wait > 0 else 0.0


class AddressRateThrottle:
    """DRF throttle: a visitor who is not signed in gets `API_RATE_LIMITS["address"]` per
    client address.

    Signed-in people are counted one by one instead (`UserRateThrottle`): a whole school
    reaches the site from one NAT address, and thirty pupils opening the cabinet at the start
    of a lesson must not use up one shared allowance.
    """

    scope = "address"
    # Which of `API_RATE_LIMITS` applies; the scope's own unless a throttle borrows another's.
    limits: str | None = None

    def key(self, request) -> str | None:
        from cms.security.clients import client_key

        if _signed_in(request):
            return None
        return client_key(request)

    def allow_request(self, request, view) -> bool:
        key = self.key(request)
        if key is None:
            self.wait_seconds = 0.0
            return True
        rate, burst = settings.API_RATE_LIMITS[self.limits or self.scope]
        self.wait_seconds = retry_after(
            scope=f"api-{self.scope}", key=key, rate=float(rate), burst=int(burst)
        )
        return self.wait_seconds == 0

    def wait(self) -> float:
        return self.wait_seconds


class UserRateThrottle(AddressRateThrottle):
    """DRF throttle: every signed-in person gets `API_RATE_LIMITS["user"]`, on any address."""

    scope = "user"

    def key(self, request) -> str | None:
        return str(request.user.pk) if _signed_in(request) else None


class WriteRateThrottle(AddressRateThrottle):
    """DRF throttle: writes (POST, PUT, PATCH, DELETE) get a tighter allowance, per person
    when signed in and per address otherwise."""

    scope = "write"

    def key(self, request) -> str | None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if _signed_in(request):
            return f"user:{request.user.pk}"
        from cms.security.clients import client_key

        return client_key(request)


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


class PersonWriteRateThrottle(UserRateThrottle):
    """DRF throttle for costly personal requests (an export of all my data, deleting my
    account): the write allowance, per signed-in person, whatever the method."""

    scope = "person-write"
    limits = "write"
