"""Writes of initiatives: propose, support (and take it back), the administration's check,
the vote, and the vote's outcome. Each step tells the authors (`kinds`), and a change the
council page's public list shows publishes that page again (`widget_changed`).

The rule that must hold when many press at once, "the threshold moves the initiative to the
check exactly once", holds under the initiative's locked row; one support per person is a
constraint.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from cms.audiences.models import grades_parse
from cms.core.widgets import widget_changed
from cms.notifications.email import recipient_language
from cms.notifications.services import notification_send
from cms.users.choices import RoleChoices
from cms.users.models import User
from cms.users.permissions import can_publish_own_content

from . import kinds
from .models import Initiative, InitiativeStatus, InitiativeSupport
from .rules import is_student, may_check

__all__ = [
    "ELECTORATES",
    "InitiativeError",
    "InitiativeRefused",
    "initiative_check",
    "initiative_propose",
    "initiative_support",
    "initiative_unsupport",
    "initiative_vote_counted",
    "initiative_vote_start",
]

MAX_CO_AUTHORS = 5
# Who votes on an accepted initiative, as the checker chooses.
ELECTORATES = ("students", "grades", "council")


@dataclass
class InitiativeError(Exception):
    """The rules refuse now: a stable `code` for programs, a `message` for people, `field`
    when one input is at fault."""

    code: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return self.message


class InitiativeRefused(InitiativeError):
    """The person may not do this at all (not only not now)."""


def _locked(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("council", "author")
        .get(pk=initiative.pk)
    )


def _changed(initiative: Initiative) -> None:
    """The council page's public list shows titles, statuses and the check's words."""
    widget_changed("initiatives", str(initiative.council_id))


def _notify_authors(initiative: Initiative, kind, title, body, extra: str = "") -> None:
    """`title` and `body` are strings with %(title)s, translated into each author's language;
    `extra` (the check's words) follows the body as written."""
    url = initiative.council.full_url or ""
    for person in User.objects.filter(pk__in=initiative.author_ids(), is_active=True):
        with override(recipient_language(person)):
            values = {"title": initiative.title}
            notification_send(
                recipient=person,
                kind=kind.code,
                title=str(title) % values,
                body="\n\n".join(filter(None, [str(body) % values, extra])),
                url=url,
            )


def _co_authors(by, ids: Iterable[int]) -> list:
    ids = {int(pk) for pk in ids} - {by.pk}
    if len(ids) > MAX_CO_AUTHORS:
        raise InitiativeError(
            "too_many_co_authors",
            _("Соавторов может быть не больше %(count)s.") % {"count": MAX_CO_AUTHORS},
            field="co_author_ids",
        )
    people = list(User.objects.filter(pk__in=ids, is_active=True))
    if len(people) != len(ids) or not all(
        is_student.test(p) and can_publish_own_content.test(p) for p in people
    ):
        raise InitiativeError(
            "invalid_co_author",
            _(
                "Соавторами могут быть ученики лицея, чьи родители дали согласие на "
                "публикацию их работ."
            ),
            field="co_author_ids",
        )
    return people


@transaction.atomic
def initiative_propose(
    *, by, council, title: str, description: str, co_author_ids: Iterable[int] = ()
) -> Initiative:
    """A pupil with their parents' consent proposes an idea to a council that takes them."""
    if not is_student.test(by):
        raise InitiativeRefused("not_student", _("Предлагать инициативы могут ученики лицея."))
    if not can_publish_own_content.test(by):
        raise InitiativeRefused(
            "consent_required",
            _(
                "Инициатива публикуется с именем автора, поэтому нужно согласие родителей на "
                "публикацию ваших работ. Попросите родителей дать его в личном кабинете."
            ),
        )
    if council is None or not council.initiative_threshold:
        raise InitiativeError(
            "council_closed", _("Этот совет не принимает инициатив."), field="council"
        )
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise InitiativeError("title_required", _("Напишите название инициативы."), "title")
    if not description:
        raise InitiativeError(
            "description_required", _("Опишите, что вы предлагаете и зачем."), "description"
        )
    co_authors = _co_authors(by, co_author_ids)
    initiative = Initiative.objects.create(
        title=title[:200], description=description, council=council, author=by
    )
    initiative.co_authors.set(co_authors)
    _changed(initiative)
    return initiative


def initiative_support(*, initiative: Initiative, by) -> Initiative:
    """A pupil supports the initiative; the support that reaches the council's threshold
    sends it to the administration's check, once."""
    if not is_student.test(by):
        raise InitiativeRefused("not_student", _("Поддерживать инициативы могут ученики лицея."))
    with transaction.atomic():
        initiative = _locked(initiative)
        if by.pk in initiative.author_ids():
            raise InitiativeRefused(
                "own_initiative", _("Свою инициативу поддерживать не нужно: вы её автор.")
            )
        if initiative.status != InitiativeStatus.PROPOSED:
            raise InitiativeError(
                "not_proposed", _("Инициатива уже не собирает поддержку: сбор закончен.")
            )
        try:
            with transaction.atomic():
                InitiativeSupport.objects.create(initiative=initiative, person=by)
        except IntegrityError:
            raise InitiativeError(
                "already_supported", _("Вы уже поддержали эту инициативу.")
            ) from None
        threshold = initiative.council.initiative_threshold
        if threshold and initiative.supports.count() >= threshold:
            initiative.status = InitiativeStatus.IN_CHECK
            initiative.in_check_at = timezone.now()
            initiative.save(update_fields=["status", "in_check_at"])
            _notify_authors(
                initiative,
                kinds.IN_CHECK,
                gettext_lazy("Инициатива «%(title)s» набрала поддержку"),
                gettext_lazy(
                    "Инициативу «%(title)s» поддержало достаточно учеников: она ушла на "
                    "проверку администрации. Итог проверки придёт сюда."
                ),
            )
            _changed(initiative)
    return initiative


def initiative_unsupport(*, initiative: Initiative, by) -> Initiative:
    """A pupil takes their support back while the initiative still gathers support."""
    with transaction.atomic():
        initiative = _locked(initiative)
        if initiative.status != InitiativeStatus.PROPOSED:
            raise InitiativeError(
                "not_proposed",
                _("Сбор поддержки закончен: отозвать поддержку уже нельзя."),
            )
        deleted, _rows = InitiativeSupport.objects.filter(initiative=initiative, person=by).delete()
        if not deleted:
            raise InitiativeError("not_supported", _("Вы не поддерживали эту инициативу."))
    return initiative


def initiative_check(*, initiative: Initiative, by, accept: bool, comment: str) -> Initiative:
    """The administration decides whether the idea can be done: accepted with comments, or
    rejected with a reason. Both are public to everyone who sees the initiative."""
    if not may_check.test(by):
        raise InitiativeRefused("not_checker", _("Проверять инициативы может администрация лицея."))
    comment = (comment or "").strip()
    if not accept and not comment:
        raise InitiativeError(
            "reason_required",
            _("Напишите причину отказа: её прочтут авторы и все, кто видит инициативу."),
            field="comment",
        )
    with transaction.atomic():
        initiative = _locked(initiative)
        if initiative.status != InitiativeStatus.IN_CHECK:
            raise InitiativeError(
                "not_in_check",
                _("Инициатива не ждёт проверки: её уже проверили или она ещё собирает поддержку."),
            )
        initiative.checked_by = by
        initiative.checked_at = timezone.now()
        if accept:
            initiative.status = InitiativeStatus.ACCEPTED
            initiative.check_comment = comment
            title = gettext_lazy("Инициатива «%(title)s» одобрена")
            body = gettext_lazy("Администрация проверила инициативу «%(title)s» и одобрила её.")
        else:
            initiative.status = InitiativeStatus.REJECTED
            initiative.rejection_reason = comment
            title = gettext_lazy("Инициатива «%(title)s» отклонена")
            body = gettext_lazy("Администрация проверила инициативу «%(title)s» и отклонила её.")
        initiative.save(
            update_fields=[
                "status",
                "check_comment",
                "rejection_reason",
                "checked_by",
                "checked_at",
            ]
        )
        _notify_authors(initiative, kinds.CHECKED, title, body, extra=comment)
        _changed(initiative)
    return initiative


def _audience(initiative: Initiative, electorate: str, grades: str) -> dict:
    if electorate == "students":
        return {"audience_roles": [RoleChoices.STUDENT]}
    if electorate == "grades":
        try:
            if not grades_parse(grades):
                raise ValueError(_("Напишите параллели: «9» или «8–11»."))
        except ValueError as error:
            raise InitiativeError("invalid_grades", str(error), field="grades") from None
        return {"audience_roles": [RoleChoices.STUDENT], "audience_grades": grades.strip()}
    if electorate == "council":
        return {"audience_council": initiative.council}
    raise InitiativeError(
        "invalid_electorate",
        _("Выберите, кто голосует: все ученики, ученики параллелей или члены совета."),
        field="electorate",
    )


def initiative_vote_start(
    *,
    initiative: Initiative,
    by,
    closes_at: datetime,
    electorate: str,
    grades: str = "",
    opens_at: datetime | None = None,
    quorum_percent: int = 50,
) -> Initiative:
    """The checker puts an accepted initiative to a secret-ballot vote (yes / no / abstain)
    of all pupils, the pupils of some grades, or the council's members."""
    from cms.votes.models import Vote
    from cms.votes.services import vote_create

    if not may_check.test(by):
        raise InitiativeRefused(
            "not_checker", _("Выносить инициативы на голосование может администрация лицея.")
        )
    opens_at = opens_at or timezone.now()
    if closes_at <= opens_at or closes_at <= timezone.now():
        raise InitiativeError(
            "invalid_window",
            _("Голосование должно закрыться позже, чем откроется, и позже, чем сейчас."),
            field="closes_at",
        )
    with transaction.atomic():
        initiative = _locked(initiative)
        if initiative.status != InitiativeStatus.ACCEPTED:
            raise InitiativeError(
                "not_accepted",
                _("На голосование выносят инициативу, одобренную администрацией, один раз."),
            )
        audience = _audience(initiative, electorate, grades)
        code = f"initiative-{initiative.pk}"
        if Vote.objects.filter(code=code).exists():
            code = f"{code}-{secrets.token_hex(3)}"
        try:
            vote = vote_create(
                code=code,
                title=initiative.title[:255],
                question=_("Принять инициативу «%(title)s»?") % {"title": initiative.title},
                description=initiative.description,
                opens_at=opens_at,
                closes_at=closes_at,
                created_by=by,
                council=initiative.council if electorate == "council" else None,
                quorum_percent=quorum_percent,
                **audience,
            )
        except ValidationError as error:
            raise InitiativeError("invalid_vote", " ".join(error.messages)) from None
        initiative.vote = vote
        initiative.status = InitiativeStatus.VOTING
        initiative.voting_at = timezone.now()
        initiative.save(update_fields=["vote", "status", "voting_at"])
        _notify_authors(
            initiative,
            kinds.VOTING,
            gettext_lazy("Инициатива «%(title)s» на голосовании"),
            gettext_lazy("Инициатива «%(title)s» вынесена на тайное голосование."),
        )
        _changed(initiative)
    return initiative


def _project_for(initiative: Initiative):
    """The workspace of a won initiative, with its authors as the project's authors."""
    from cms.projects.models import MemberRole, MemberStatus, ProjectKind, ProjectMember
    from cms.projects.services import project_create

    authors = [initiative.author, *initiative.co_authors.order_by("pk")]
    # A graduate is no longer a pupil: the project belongs to the authors still at school.
    authors = [p for p in authors if p.is_active and is_student.test(p)]
    if not authors:
        return None
    first, others = authors[0], authors[1:]
    project = project_create(
        by=first,
        title=initiative.title,
        kind=ProjectKind.COLLECTIVE if others else ProjectKind.INDIVIDUAL,
        problem=initiative.description,
    )
    now = timezone.now()
    for person in others:
        ProjectMember.objects.get_or_create(
            project=project,
            person=person,
            defaults={
                "role": MemberRole.AUTHOR,
                "status": MemberStatus.ACCEPTED,
                "invited_by": first,
                "answered_at": now,
            },
        )
    return project


def initiative_vote_counted(*, vote) -> Initiative | None:
    """The vote of an initiative was counted: "За" won → the initiative won and becomes its
    authors' project; otherwise it lost. Idempotent: a second signal changes nothing."""
    with transaction.atomic():
        initiative = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("council", "author")
            .filter(vote_id=vote.pk)
            .first()
        )
        if initiative is None or initiative.status != InitiativeStatus.VOTING:
            return initiative
        yes = vote.options.order_by("sort_order", "pk").first()
        won = vote.winner_id is not None and yes is not None and vote.winner_id == yes.pk
        initiative.decided_at = timezone.now()
        if won:
            initiative.status = InitiativeStatus.WON
            if initiative.project_id is None:
                initiative.project = _project_for(initiative)
            title = gettext_lazy("Инициатива «%(title)s» принята")
            body = gettext_lazy(
                "Инициатива «%(title)s» победила в голосовании. Для неё создан проект: "
                "он в ваших проектах в личном кабинете."
            )
        else:
            initiative.status = InitiativeStatus.LOST
            title = gettext_lazy("Инициатива «%(title)s» не принята")
            body = gettext_lazy("Инициатива «%(title)s» не набрала нужного числа голосов.")
        initiative.save(update_fields=["status", "decided_at", "project"])
        _notify_authors(initiative, kinds.DECIDED, title, body)
        _changed(initiative)
    return initiative
