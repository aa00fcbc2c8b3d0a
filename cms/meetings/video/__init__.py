"""Video for the meeting rooms: one small interface over the school's provider.

`video_provider()` is the provider `settings.MEETINGS_VIDEO` names; `open_join_url()` is what
the meetings app calls once it has decided a person may enter now: it opens the room on the
provider if the provider needs that (BigBlueButton's `create`), then returns the person's
address. See the README, "Meeting rooms and video".
"""

from __future__ import annotations

import logging
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import checks  # noqa: F401  (registers the settings check)
from .base import NOT_CONFIGURED, JoinRequest, VideoError, VideoProvider
from .bigbluebutton import BigBlueButtonProvider
from .external import ExternalLinkProvider
from .jitsi import JitsiProvider

__all__ = [
    "PROVIDERS",
    "JoinRequest",
    "VideoError",
    "VideoProvider",
    "open_join_url",
    "video_provider",
]

logger = logging.getLogger(__name__)

PROVIDERS = ("external", "jitsi", "bigbluebutton")
# A server-to-server call must not hold a person's request (and a web worker) for long.
DEFAULT_TIMEOUT = 5
# BigBlueButton's answer to `create` is a few hundred bytes.
MAX_ANSWER = 256 * 1024

UNREACHABLE = _(
    "Видеосервис сейчас не отвечает. Попробуйте войти через минуту; если не получится, "
    "сообщите ведущему встречи."
)

_cached: tuple[tuple, VideoProvider] | None = None


def video_settings() -> dict:
    """settings.MEETINGS_VIDEO with every key present."""
    config = {
        "PROVIDER": "external",
        "JITSI_URL": "",
        "JITSI_APP_ID": "",
        "JITSI_APP_SECRET": "",
        "BBB_URL": "",
        "BBB_SECRET": "",
        "BBB_CHECKSUM": "sha256",
        "TIMEOUT": DEFAULT_TIMEOUT,
    }
    config.update(getattr(settings, "MEETINGS_VIDEO", None) or {})
    config["PROVIDER"] = (config["PROVIDER"] or "external").strip().lower()
    return config


def _build(config: dict) -> VideoProvider:
    provider = config["PROVIDER"]
    if provider == "external":
        return ExternalLinkProvider()
    if provider == "jitsi":
        return JitsiProvider(
            url=config["JITSI_URL"],
            app_id=config["JITSI_APP_ID"],
            app_secret=config["JITSI_APP_SECRET"],
        )
    if provider == "bigbluebutton":
        return BigBlueButtonProvider(
            url=config["BBB_URL"], secret=config["BBB_SECRET"], checksum=config["BBB_CHECKSUM"]
        )
    raise VideoError(
        NOT_CONFIGURED,
        admin_detail=f"MEETINGS_VIDEO_PROVIDER is {provider!r}; it must be one of "
        + ", ".join(PROVIDERS)
        + ".",
    )


def video_provider() -> VideoProvider:
    """The provider the settings name (a VideoError when they are incomplete).

    Built once per configuration: a change of settings (override_settings in tests) builds
    a new one, because the cache is keyed by the settings themselves.
    """
    global _cached
    config = video_settings()
    key = tuple(sorted((name, str(value)) for name, value in config.items()))
    if _cached is not None and _cached[0] == key:
        return _cached[1]
    try:
        provider = _build(config)
    except VideoError as error:
        logger.error("Meeting video is not configured: %s", error.admin_detail)
        raise
    _cached = (key, provider)
    return provider


def _fetch(url: str, timeout: float) -> bytes:
    """GET a provider's API address; any failure is a VideoError in plain words."""
    try:
        with urlopen(Request(url, headers={"Accept": "application/xml"}), timeout=timeout) as r:
            return r.read(MAX_ANSWER)
    except (URLError, TimeoutError, OSError) as error:
        # The address carries a checksum: log where we called, not the call itself.
        where = url.split("?", 1)[0]
        raise VideoError(
            UNREACHABLE, admin_detail=f"The video server did not answer at {where}: {error}"
        ) from None


def open_join_url(request: JoinRequest) -> str:
    """The person's address into the room, opening the room on the provider first if it
    needs that. Call it only for someone the meetings app has admitted, within the window."""
    provider = video_provider()
    try:
        create = provider.create_url(request)
        if create is None:
            return provider.join_url(request)
        answer = _fetch(create, float(video_settings()["TIMEOUT"]))
        finish = getattr(provider, "join_url_after_create", None)
        return finish(request, answer) if finish else provider.join_url(request)
    except VideoError as error:
        logger.warning("No video address for room %s: %s", request.room_name, error.admin_detail)
        raise
