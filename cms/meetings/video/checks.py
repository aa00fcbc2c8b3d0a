"""`manage.py check` tells whoever runs the site, in a sentence, when the chosen video
provider cannot work, before the first person presses "join"."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

__all__ = ["check_video_settings"]

MIN_JITSI_SECRET = 32


def _config() -> dict:
    config = {"PROVIDER": "external", "BBB_CHECKSUM": "sha256"}
    config.update(getattr(settings, "MEETINGS_VIDEO", None) or {})
    config["PROVIDER"] = (config.get("PROVIDER") or "external").strip().lower()
    return config


def _missing(config: dict, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not config.get(name)]


@checks.register("meetings")
def check_video_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .bigbluebutton import CHECKSUM_ALGORITHMS

    config = _config()
    provider = config["PROVIDER"]
    problems: list[checks.CheckMessage] = []
    if provider == "external":
        return problems
    if provider == "jitsi":
        missing = _missing(config, ("JITSI_URL", "JITSI_APP_ID", "JITSI_APP_SECRET"))
        if missing:
            problems.append(
                checks.Error(
                    "Meetings use Jitsi (MEETINGS_VIDEO_PROVIDER=jitsi), but "
                    + " and ".join(missing)
                    + (" are" if len(missing) > 1 else " is")
                    + " not set, so nobody could join a meeting.",
                    hint="Set JITSI_URL to your Jitsi server's address and JITSI_APP_ID and "
                    "JITSI_APP_SECRET to the app id and secret of its token authentication "
                    "(prosody's `token` module), or choose MEETINGS_VIDEO_PROVIDER=external.",
                    id="meetings.E002",
                )
            )
        secret = config.get("JITSI_APP_SECRET") or ""
        if secret and len(secret) < MIN_JITSI_SECRET:
            problems.append(
                checks.Warning(
                    f"JITSI_APP_SECRET is {len(secret)} characters long; a secret shorter than "
                    f"{MIN_JITSI_SECRET} can be guessed from one join link, and then anyone "
                    "could sign themselves into any meeting as its host.",
                    hint="Make a new one with `openssl rand -hex 32`, set it on the Jitsi "
                    "server and here at once (README, 'Meeting rooms and video').",
                    id="meetings.W001",
                )
            )
        url = config.get("JITSI_URL") or ""
        if url and urlsplit(url).scheme != "https":
            problems.append(
                checks.Warning(
                    "JITSI_URL does not start with https://, so join links and their tokens "
                    "would travel unencrypted.",
                    hint="Serve Jitsi over HTTPS and write its https:// address.",
                    id="meetings.W002",
                )
            )
        return problems
    if provider == "bigbluebutton":
        missing = _missing(config, ("BBB_URL", "BBB_SECRET"))
        if missing:
            problems.append(
                checks.Error(
                    "Meetings use BigBlueButton (MEETINGS_VIDEO_PROVIDER=bigbluebutton), but "
                    + " and ".join(missing)
                    + (" are" if len(missing) > 1 else " is")
                    + " not set, so nobody could join a meeting.",
                    hint="Run `bbb-conf --secret` on the BigBlueButton server and copy its URL "
                    "to BBB_URL and its Secret to BBB_SECRET, or choose "
                    "MEETINGS_VIDEO_PROVIDER=external.",
                    id="meetings.E003",
                )
            )
        algorithm = str(config.get("BBB_CHECKSUM") or "sha256").lower()
        if algorithm not in CHECKSUM_ALGORITHMS:
            problems.append(
                checks.Error(
                    f"BBB_CHECKSUM is {config.get('BBB_CHECKSUM')!r}, which BigBlueButton does "
                    "not know, so every call to it would be refused.",
                    hint="Use sha256 (the default), sha1 for servers older than 2.5, or "
                    "sha384/sha512 if the server's supportedChecksumAlgorithms allows them.",
                    id="meetings.E004",
                )
            )
        return problems
    problems.append(
        checks.Error(
            f"MEETINGS_VIDEO_PROVIDER is {provider!r}, which the site does not know, so "
            "nobody could join a meeting.",
            hint="Use external (the room's own link), jitsi or bigbluebutton.",
            id="meetings.E001",
        )
    )
    return problems
