"""BigBlueButton through its API: a `create` call our server makes, a `join` address for the
person.

Every call is signed as BigBlueButton's API reference describes ("API Security Model"): the
checksum is the hash of the call's name, then its query string exactly as sent, then the
shared secret; sha1 on old servers, sha256/sha384/sha512 where `supportedChecksumAlgorithms`
allows (2.5+). The values are encoded the way Java's URLEncoder encodes them (space as "+",
"*" kept, "~" escaped), so the string is the same whether the server hashes the query string
it received or one it rebuilt from the parameters, as older bbb-web releases did.

- `create` is idempotent: called again for a running meeting with the same parameters it
  answers SUCCESS (with a duplicate warning). The attendee and moderator passwords are
  derived from the secret and the room, so they are the same on every call, and join
  addresses also carry them for servers older than 2.4, which know no `role`.
- `guestPolicy=ASK_MODERATOR` makes everyone who joins with `guest=true` (a pupil, unless the
  meetings app says otherwise) wait until a moderator lets them in.
- The join address names the session's `createTime`, read from the create answer, so a join
  link kept from today's meeting does not open next week's meeting in the same room.
- Recording is off: the people in these rooms are mostly children.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote_plus
from xml.etree import ElementTree

from django.utils.translation import gettext_lazy as _

from .base import NOT_CONFIGURED, JoinRequest, VideoError

__all__ = ["CHECKSUM_ALGORITHMS", "BigBlueButtonProvider", "checksum", "query_string"]

CHECKSUM_ALGORITHMS = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}

REFUSED = _(
    "Видеосервис не открыл комнату встречи. Попробуйте войти через минуту; если не получится, "
    "сообщите администратору сайта."
)


def encode(value: str) -> str:
    """One name or value as Java's URLEncoder writes it in UTF-8."""
    return quote_plus(str(value), safe="*").replace("~", "%7E")


def query_string(params: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in params)


def checksum(call: str, query: str, secret: str, algorithm: str = "sha256") -> str:
    return CHECKSUM_ALGORITHMS[algorithm]((call + query + secret).encode()).hexdigest()


def meeting_name(request: JoinRequest) -> str:
    # BigBlueButton 2.4+ wants 2 to 64 characters.
    name = " ".join(request.meeting_title.split())[:64]
    return name if len(name) >= 2 else request.room_name[:64]


class BigBlueButtonProvider:
    name = "bigbluebutton"

    def __init__(self, *, url: str, secret: str, checksum: str = "sha256"):
        missing = [name for name, value in (("BBB_URL", url), ("BBB_SECRET", secret)) if not value]
        if missing:
            raise VideoError(
                NOT_CONFIGURED,
                admin_detail="The video provider is bigbluebutton, but "
                + " and ".join(missing)
                + " is not set.",
            )
        algorithm = (checksum or "sha256").lower()
        if algorithm not in CHECKSUM_ALGORITHMS:
            raise VideoError(
                NOT_CONFIGURED,
                admin_detail=f"BBB_CHECKSUM is {checksum!r}; it must be one of "
                + ", ".join(CHECKSUM_ALGORITHMS)
                + ".",
            )
        # `bbb-conf --secret` prints the server's address as https://host/bigbluebutton/; the
        # API lives under /api of it. Either form is accepted.
        base = url.rstrip("/")
        self.api = base if base.endswith("/api") else base + "/api"
        self.secret = secret
        self.algorithm = algorithm

    def call_url(self, call: str, params: list[tuple[str, str]]) -> str:
        """A signed API address: the query string exactly as hashed, then its checksum."""
        query = query_string(params)
        signature = checksum(call, query, self.secret, self.algorithm)
        return f"{self.api}/{call}?{query}&checksum={signature}"

    def password(self, request: JoinRequest, role: str) -> str:
        """The room's attendee or moderator password: the same on every call (so a repeated
        `create` stays idempotent), and nobody without the secret can work it out."""
        message = f"{role}:{request.room_name}".encode()
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()[:32]

    def create_url(self, request: JoinRequest) -> str:
        return self.call_url(
            "create",
            [
                ("name", meeting_name(request)),
                ("meetingID", request.room_name),
                ("attendeePW", self.password(request, "attendee")),
                ("moderatorPW", self.password(request, "moderator")),
                ("guestPolicy", "ASK_MODERATOR"),
                ("record", "false"),
            ],
        )

    def join_url(self, request: JoinRequest, *, create_time: str = "") -> str:
        role, kind = ("MODERATOR", "moderator") if request.moderator else ("VIEWER", "attendee")
        params = [
            ("fullName", request.display_name),
            ("meetingID", request.room_name),
            ("role", role),
            ("password", self.password(request, kind)),
            ("userID", request.user_id),
        ]
        if request.lobby and not request.moderator:
            params.append(("guest", "true"))
        if create_time:
            params.append(("createTime", create_time))
        params.append(("redirect", "true"))
        return self.call_url("join", params)

    def join_url_after_create(self, request: JoinRequest, answer: bytes) -> str:
        """The join address once the server has answered our `create` call."""
        return self.join_url(request, create_time=read_create_answer(answer, request))


def read_create_answer(answer: bytes, request: JoinRequest) -> str:
    """The session's createTime from BigBlueButton's XML answer; a VideoError unless it says
    SUCCESS."""
    # Our own server answers, but a proxy's error page can stand in for it; never let an
    # answer declare entities.
    if b"<!DOCTYPE" in answer.upper() or b"<!ENTITY" in answer.upper():
        raise VideoError(REFUSED, admin_detail="BigBlueButton's answer to create is not its XML.")
    try:
        root = ElementTree.fromstring(answer)
    except ElementTree.ParseError:
        raise VideoError(
            REFUSED,
            admin_detail="BigBlueButton's answer to create is not XML: check BBB_URL "
            "(it should end with /bigbluebutton/).",
        ) from None
    code = (root.findtext("returncode") or "").strip()
    if code != "SUCCESS":
        key = (root.findtext("messageKey") or "").strip()
        text = (root.findtext("message") or "").strip()
        hint = (
            " The checksum was refused: check BBB_SECRET and BBB_CHECKSUM."
            if key == "checksumError"
            else ""
        )
        raise VideoError(
            REFUSED,
            admin_detail=f"BigBlueButton refused to open room {request.room_name}: "
            f"{code or 'no returncode'} {key}: {text}.{hint}",
        )
    return (root.findtext("createTime") or "").strip()
