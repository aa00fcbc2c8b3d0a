"""The one small interface every video provider is used through.

The meetings app decides who may enter and when (`selectors.join_url_for`); a provider only
turns that decision into an address: a signed token (Jitsi), a signed API call (BigBlueButton)
or the room's own link (Yandex Telemost, Sferum). Nothing else of a meeting reaches the
provider: no pupil's email, no confidential title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from django.utils.translation import gettext_lazy as _

__all__ = [
    "JoinRequest",
    "NOT_CONFIGURED",
    "VideoError",
    "VideoProvider",
]

# What a person is told when the site's video settings are broken: the details go to the log
# and to `manage.py check`, not to a pupil.
NOT_CONFIGURED = _(
    "Видеосвязь для встреч на сайте ещё не настроена. Сообщите об этом администратору сайта."
)


@dataclass(frozen=True, kw_only=True)
class JoinRequest:
    """Everything a provider needs to let one person into one meeting's room."""

    room_name: str  # Room.video_name (unguessable)
    meeting_title: str  # «Консультация» for a confidential meeting
    display_name: str
    user_id: str  # "user-<pk>" or "guest-<participant pk>"
    email: str = ""  # "" for pupils (never sent to a provider)
    moderator: bool = False  # the host
    lobby: bool = True  # this person waits in the lobby until the host lets them in
    not_before: datetime  # window start (aware)
    expires_at: datetime  # window end (aware)
    external_url: str = ""  # Room.external_url for the plain-link provider

    def __post_init__(self):
        # A naive time would be read in the server's zone by one provider and as UTC by
        # another; a window that ends before it starts is a bug of the caller.
        for moment in (self.not_before, self.expires_at):
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError("JoinRequest needs aware datetimes for its window")
        if self.expires_at <= self.not_before:
            raise ValueError("JoinRequest's window ends before it starts")
        if not self.room_name:
            raise ValueError("JoinRequest needs the room's video name")


@runtime_checkable
class VideoProvider(Protocol):
    """A video service: how a person enters a room, and (BigBlueButton) how a room is opened."""

    name: str  # "jitsi" | "bigbluebutton" | "external"

    def join_url(self, request: JoinRequest) -> str:
        """The address that lets this person into the room (raises VideoError)."""
        ...

    def create_url(self, request: JoinRequest) -> str | None:
        """The server-to-server call that opens the room before anyone joins, or None."""
        ...


class VideoError(Exception):
    """The video service cannot let a person in.

    `message` is for the person, in plain words of their language: what happened and what to
    do. `admin_detail` is for whoever runs the site (the log): which setting or which answer
    of the provider is at fault.
    """

    def __init__(self, message, *, admin_detail: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.admin_detail = admin_detail or self.message

    def __str__(self):
        return self.message
