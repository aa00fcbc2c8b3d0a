"""Jitsi Meet on the school's own server, with prosody's token authentication.

The join address carries a JWT signed with the app secret the server shares with us (HS256),
valid for the meeting's window only (`nbf`/`exp`) and for this one room (`room`), so a link
forwarded to someone else, or kept for next week, does not open the room.

The claims follow jitsi's token documentation (lib-jitsi-meet doc/tokens.md: `aud`, `iss` =
the app id, `sub` = the server's domain, `room`, `context.user`) and the JaaS description of
`context.user.moderator` as the string "true"/"false". Who waits in the lobby is told by the
prosody plugins of jitsi-contrib/prosody-plugins, which read these claims:

- token_affiliation: `context.user.affiliation` "owner" (or `moderator` "true") makes the
  person a moderator, anything else a member;
- token_lobby_bypass: `lobby_bypass: true` lets a person past an active lobby; older releases
  read it from `context.user`, newer ones from `context.features`, so both carry it;
- token_lobby_ondemand: `context.user.lobby: true` switches the room's lobby on when such a
  person arrives and keeps them in it until a moderator admits them.

With either set of plugins a pupil waits for the host and the host walks straight in.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import jwt
from django.utils import timezone

from .base import NOT_CONFIGURED, JoinRequest, VideoError

__all__ = ["JitsiProvider"]

AUDIENCE = "jitsi"
ALGORITHM = "HS256"


class JitsiProvider:
    name = "jitsi"

    def __init__(self, *, url: str, app_id: str, app_secret: str):
        missing = [
            setting
            for setting, value in (
                ("JITSI_URL", url),
                ("JITSI_APP_ID", app_id),
                ("JITSI_APP_SECRET", app_secret),
            )
            if not value
        ]
        domain = urlsplit(url).hostname if url else None
        if url and not domain:
            missing.append("JITSI_URL (an address like https://meet.example.org)")
        if missing:
            raise VideoError(
                NOT_CONFIGURED,
                admin_detail="The video provider is jitsi, but "
                + ", ".join(missing)
                + " is not set.",
            )
        self.url = url.rstrip("/")
        self.domain = domain
        self.app_id = app_id
        self.app_secret = app_secret

    def claims(self, request: JoinRequest) -> dict:
        """The token's body for this person and room."""
        # The host, and anyone the meetings app lets skip the lobby (an invited adult), bypass
        # it; a pupil never does unless the host admits them in the call.
        bypass = request.moderator or not request.lobby
        user = {
            "id": request.user_id,
            "name": request.display_name,
            "moderator": "true" if request.moderator else "false",
            "affiliation": "owner" if request.moderator else "member",
        }
        if request.email:
            user["email"] = request.email
        features = {}
        if bypass:
            user["lobby_bypass"] = True
            features["lobby_bypass"] = True
        else:
            user["lobby"] = True
        return {
            "aud": AUDIENCE,
            "iss": self.app_id,
            "sub": self.domain,
            "room": request.room_name,
            "iat": int(timezone.now().timestamp()),
            "nbf": int(request.not_before.timestamp()),
            "exp": int(request.expires_at.timestamp()),
            "context": {"user": user, "features": features},
        }

    def token(self, request: JoinRequest) -> str:
        return jwt.encode(self.claims(request), self.app_secret, algorithm=ALGORITHM)

    def join_url(self, request: JoinRequest) -> str:
        return f"{self.url}/{quote(request.room_name, safe='')}?jwt={self.token(request)}"

    def create_url(self, request: JoinRequest) -> None:
        # Jitsi makes a room when the first person with a valid token enters it.
        return None
