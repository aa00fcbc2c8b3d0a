"""A plain link to a room on an outside service (Yandex Telemost, Sferum).

Such a service has no tokens we could sign: the room's permanent link is all there is. The
meetings app still hands it only to admitted participants within the meeting's window, but a
link once given can be passed on, so a host who needs more should use Jitsi or BigBlueButton
(README, "Meeting rooms and video").
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from .base import JoinRequest, VideoError

__all__ = ["ExternalLinkProvider"]

NO_LINK = _(
    "У комнаты этой встречи нет ссылки на видеовстречу. Ведущему нужно создать встречу в "
    "Телемосте или Сферуме и вставить её ссылку в настройки комнаты."
)


class ExternalLinkProvider:
    name = "external"

    def join_url(self, request: JoinRequest) -> str:
        link = request.external_url.strip()
        if not link:
            raise VideoError(
                NO_LINK,
                admin_detail=f"Room {request.room_name} has no external_url "
                "and the video provider is external.",
            )
        if urlsplit(link).scheme not in {"http", "https"}:
            raise VideoError(
                NO_LINK,
                admin_detail=f"Room {request.room_name}'s external_url is not a web address.",
            )
        return link

    def create_url(self, request: JoinRequest) -> None:
        return None
