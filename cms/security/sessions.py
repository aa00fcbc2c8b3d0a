"""Sessions end after a quiet spell (staff sooner than others) and after a working day at most.

Django's own expiry counts from the last save of the session, so a session that is only read
would live for `SESSION_COOKIE_AGE` whatever its owner did. Here every request of a signed-in
person moves the expiry forward (at most once a minute, to spare the session store a write per
request), and a session idle for longer than its owner's timeout is ended.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

from .audit import security_event

REFRESH_SECONDS = 60
LAST_SEEN = "_security_last_seen"
STARTED = "_security_started"


def idle_timeout_for(user) -> int:
    """Seconds of inactivity after which `user` must sign in again."""
    if user.is_staff or user.is_superuser:
        return settings.SESSION_IDLE_TIMEOUT_STAFF
    return settings.SESSION_IDLE_TIMEOUT


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request, user)
        return self.get_response(request)

    def _check(self, request, user) -> None:
        now = int(time.time())
        session = request.session
        timeout = idle_timeout_for(user)
        last_seen = session.get(LAST_SEEN)
        started = session.setdefault(STARTED, now)
        idle = last_seen is not None and now - last_seen > timeout
        if idle or now - started > settings.SESSION_MAX_AGE:
            security_event(
                "session.ended",
                request=request,
                username=user.get_username(),
                reason="idle" if idle else "max-age",
            )
            logout(request)
            return
        if last_seen is None or now - last_seen >= REFRESH_SECONDS:
            session[LAST_SEEN] = now
            session.set_expiry(timeout)
