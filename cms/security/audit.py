"""The security log: one JSON line per security event, in a file of its own.

Failed and successful sign-ins, lockouts and unlocks, password changes and resets, and changes
to who may do what go here (`SECURITY_LOG_FILE`, `var/log/security.log` by default), so an
administrator can answer "who tried what, from where, when" without reading the access log.
Passwords and tokens are never written.
"""

from __future__ import annotations

import contextvars
import json
import logging
import logging.handlers
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger("coworking.security")

_request: contextvars.ContextVar = contextvars.ContextVar("security_request", default=None)


def security_event(event: str, *, level: int = logging.INFO, request=None, **fields) -> None:
    """Write `event` (a dotted name such as `signin.failed`) with its details to the log.

    The request being served, when there is one, adds the client's address, the path and the
    person acting, so callers name only what is particular to the event.
    """
    request = request if request is not None else _request.get()
    record = {"event": event, **{k: v for k, v in fields.items() if v is not None}}
    if request is not None:
        from .clients import client_address

        record.setdefault("address", client_address(request))
        record.setdefault("path", request.path)
        actor = getattr(request, "user", None)
        if actor is not None and getattr(actor, "is_authenticated", False):
            record.setdefault("actor", actor.get_username())
    details = " ".join(f"{k}={v}" for k, v in record.items() if k != "event")
    logger.log(level, "%s %s", event, details, extra={"security": record})


class RequestContextMiddleware:
    """Remember the request being served, for events raised far from the view (signals)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


class JsonLinesFormatter(logging.Formatter):
    """`{"time": …, "level": …, "event": …, …}` on one line."""

    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"),
            "level": record.levelname.lower(),
            **getattr(record, "security", {"event": record.getMessage()}),
        }
        return json.dumps(data, ensure_ascii=False, default=str)


class SecurityLogHandler(logging.handlers.WatchedFileHandler):
    """A file handler that creates its folder and reopens the file after log rotation."""

    def __init__(self, filename, **kwargs):
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("delay", True)
        super().__init__(filename, **kwargs)

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()
