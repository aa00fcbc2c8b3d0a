"""Writes of votes: creating one, casting a secret ballot, shuffling the ballot box, counting
after the close.

Secrecy (see the models' docstring): a cast writes the voter's mark and the ballot in one
transaction, with nothing in common but the vote. What the database could still tell — the
order rows were written in and the id of the transaction that wrote them (PostgreSQL's
`xmin`) — `ballots_shuffle` erases: it takes every ballot of the vote out and puts them back
in a random order with new random ids, in a transaction of its own. It runs while the vote
is open (`manage.py close_due_votes` from cron) and always before the count.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Ballot, FamilyMark, Vote, VoteOption, VoterMark, VoteRule
from .signals import vote_counted

__all__ = [
    "DEFAULT_OPTIONS",
    "VoteError",
    "ballot_cast",
    "ballots_shuffle",
    "receipt_hash",
    "vote_count",
    "vote_create",
    "vote_result_text",
]

# A receipt is 16 characters of an alphabet without look-alikes (80 bits): typed from paper.
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 16
_random = random.SystemRandom()


class VoteError(Exception):
    """The rules refuse: `code` for programs, `message` for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def DEFAULT_OPTIONS() -> list[tuple[str, bool]]:
    """Yes / no / abstain, in the language active when the vote is made."""
    return [(_("За"), False), (_("Против"), False), (_("Воздержался"), True)]


@transaction.atomic
def vote_create(
    *,
    code: str,
    title: str,
    question: str,
    opens_at: datetime,
    closes_at: datetime,
    created_by=None,
    options: Sequence[str] | None = None,
    description: str = "",
    council=None,
    quorum_percent: int = 50,
    rule: str = VoteRule.SIMPLE_MAJORITY,
    one_per_family: bool = False,
    audience_public: bool = False,
    audience_roles: Sequence[str] = (),
    audience_grades: str = "",
    audience_classes: Sequence = (),
    audience_council=None,
) -> Vote:
    """A vote as code makes it (an initiative going to a vote); editors make theirs in the
    admin. No options means yes / no / abstain."""
    vote = Vote(
        code=code,
        title=title,
        question=question,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=created_by,
        council=council,
        quorum_percent=quorum_percent,
        rule=rule,
        one_per_family=one_per_family,
        audience_public=audience_public,
        audience_roles=list(audience_roles),
        audience_grades=audience_grades,
        audience_council=audience_council,
    )
    vote.full_clean()
    vote.save()
    if audience_classes:
        vote.audience_classes.set(audience_classes)
    labels = [(label, False) for label in options] if options else DEFAULT_OPTIONS()
    VoteOption.objects.bulk_create(
        VoteOption(vote=vote, label=label, abstain=abstain, sort_order=i)
        for i, (label, abstain) in enumerate(labels)
    )
    return vote


def receipt_hash(receipt: str) -> str:
    """What the ballot keeps of a receipt code: its SHA-256, so the box holds no code."""
    normalised = "".join(receipt.split()).upper()
    return hashlib.sha256(normalised.encode()).hexdigest()


def _receipt_new() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def ballot_cast(*, vote: Vote, person, option: VoteOption) -> str:
    """`person` votes `option` in `vote`; returns the receipt code, shown to them once.

    The mark (and, one per family, a mark for each of the parent's children in the
    electorate) and the ballot are written in one transaction; the marks' unique constraints
    refuse a second vote however many arrive at once, and nothing is half-written.
    """
    from cms.audiences.selectors import audience_children_of, audience_includes

    if option.vote_id != vote.pk:
        raise VoteError("bad_option", _("Такого варианта в этом голосовании нет."))
    if vote.counted_at is not None or vote.is_closed():
        raise VoteError("closed", _("Голосование закрыто: голоса больше не принимаются."))
    if not vote.is_open():
        raise VoteError("not_open", _("Голосование ещё не началось."))
    if not audience_includes(vote, person):
        raise VoteError(
            "not_in_electorate", _("Вас нет в списке голосующих: это голосование не для вас.")
        )
    children = (
        list(audience_children_of(vote, person).values_list("pk", flat=True))
        if vote.one_per_family
        else []
    )
    if vote.one_per_family and not children:
        raise VoteError(
            "not_in_electorate",
            _("В этом голосовании голосуют семьи учеников: в списке нет ваших детей."),
        )
    receipt = _receipt_new()
    try:
        with transaction.atomic():
            VoterMark.objects.create(vote=vote, person=person)
            if vote.one_per_family:
                FamilyMark.objects.bulk_create(
                    FamilyMark(vote=vote, child_id=child) for child in children
                )
            Ballot.objects.create(vote=vote, option=option, receipt_hash=receipt_hash(receipt))
            # Checked again after the writes: a count that locked the vote first made them
            # wait (the ballot's foreign key), and it only starts after the close.
            if vote.is_closed():
                raise VoteError("closed", _("Голосование закрыто: голоса больше не принимаются."))
    except IntegrityError as error:
        if vote.one_per_family and VoterMark.objects.filter(vote=vote, person=person).exists():
            raise VoteError("already_voted", _("Вы уже проголосовали.")) from error
        if vote.one_per_family:
            raise VoteError(
                "already_voted",
                _("За вашу семью уже проголосовал другой родитель: от семьи — один голос."),
            ) from error
        raise VoteError("already_voted", _("Вы уже проголосовали.")) from error
    return receipt


def ballots_shuffle(*, vote: Vote) -> int:
    """Take every ballot of `vote` out and put them back in a random order with new random
    ids, in one transaction: afterwards neither the rows' order nor the transaction that wrote
    them points at a voter. Returns how many ballots there are.

    One `DELETE … RETURNING` statement reads and removes the same rows, so a ballot cast while
    it runs is either among them or untouched; never lost."""
    table = Ballot._meta.db_table
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE vote_id = %s RETURNING option_id, receipt_hash",
                [vote.pk],
            )
            rows = list(cursor.fetchall())
        _random.shuffle(rows)
        Ballot.objects.bulk_create(
            Ballot(id=uuid.uuid4(), vote_id=vote.pk, option_id=option_id, receipt_hash=hashed)
            for option_id, hashed in rows
        )
    return len(rows)


@dataclass(frozen=True)
class OptionCount:
    option: VoteOption
    votes: int


def option_counts(*, vote: Vote) -> list[OptionCount]:
    from django.db.models import Count

    counts = dict(
        Ballot.objects.filter(vote=vote)
        .values_list("option_id")
        .annotate(n=Count("id"))
        .values_list("option_id", "n")
    )
    return [OptionCount(option, counts.get(option.pk, 0)) for option in vote.options.all()]


def electorate_size(*, vote: Vote) -> int:
    """How many may vote: the people of the audience, or, one vote per family, the pupils
    through whom parents of the audience vote (a family is a pupil)."""
    from django.contrib.auth import get_user_model

    # The audience's own rule for "which pupils": one place decides it for every app.
    from cms.audiences.selectors import _pupil_classes, _pupils, audience_people

    people = audience_people(vote)
    if not vote.one_per_family:
        return people.count()
    User = get_user_model()
    return (
        User.objects.filter(
            _pupils(_pupil_classes(vote)),
            parent_links__parent__in=people.values("pk"),
            is_active=True,
        )
        .distinct()
        .count()
    )


def winner_of(*, vote: Vote, counts: list[OptionCount], quorum_met: bool) -> VoteOption | None:
    """The option the rule elects among the ballots for an option (abstentions aside); None
    without a quorum or when no option meets the rule."""
    if not quorum_met:
        return None
    cast = [c for c in counts if not c.option.abstain]
    total = sum(c.votes for c in cast)
    if total == 0:
        return None
    best = max(cast, key=lambda c: c.votes)
    if vote.rule == VoteRule.TWO_THIRDS:
        elected = best.votes * 3 >= total * 2
    else:
        elected = best.votes * 2 > total
    return best.option if elected else None


def vote_count(*, vote: Vote, now=None) -> Vote:
    """Count `vote` once after its close (again: nothing changes). Shuffles the box, writes
    the electorate, the turnout, the quorum and the winner; a council's vote becomes a decision
    on the council page through its editors' workflow. After the commit, `vote_counted` and a
    new publication of the pages that show the vote."""
    from cms.core.widgets import widget_changed

    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.counted_at is not None:
            return vote
        if not vote.is_closed(now):
            raise VoteError("not_closed", _("Голосование ещё идёт: считают после закрытия."))
        ballots_shuffle(vote=vote)
        counts = option_counts(vote=vote)
        vote.electorate_size = electorate_size(vote=vote)
        if vote.one_per_family:
            vote.turnout = FamilyMark.objects.filter(vote=vote).count()
        else:
            vote.turnout = VoterMark.objects.filter(vote=vote).count()
        vote.quorum_met = vote.turnout * 100 >= vote.quorum_percent * vote.electorate_size and (
            vote.turnout > 0 or vote.quorum_percent == 0
        )
        vote.winner = winner_of(vote=vote, counts=counts, quorum_met=vote.quorum_met)
        vote.counted_at = timezone.now()
        vote.save(
            update_fields=["electorate_size", "turnout", "quorum_met", "winner", "counted_at"]
        )
        if vote.council_id:
            _council_decision_submit(vote=vote, counts=counts)
        code = vote.code
        transaction.on_commit(lambda: vote_counted.send(sender=Vote, vote=vote))
        transaction.on_commit(lambda: widget_changed("voting", code))
    return vote


def vote_result_text(*, vote: Vote, counts: list[OptionCount]) -> str:
    """The result in words, in the active language: each option's votes, the turnout against
    the electorate, the quorum and what was decided."""
    lines = [_("%(label)s — %(n)s") % {"label": c.option.label, "n": c.votes} for c in counts]
    numbers = {
        "turnout": vote.turnout,
        "electorate": vote.electorate_size,
        "percent": vote.quorum_percent,
    }
    if vote.quorum_met:
        lines.append(
            _("Проголосовали %(turnout)s из %(electorate)s; кворум (%(percent)s%%) есть.") % numbers
        )
    else:
        lines.append(
            _("Проголосовали %(turnout)s из %(electorate)s; кворума (%(percent)s%%) нет.") % numbers
        )
    if vote.winner is not None:
        lines.append(_("Принято: «%(label)s».") % {"label": vote.winner.label})
    elif not vote.quorum_met:
        lines.append(_("Решение не принято: нет кворума."))
    else:
        lines.append(_("Решение не принято: ни один вариант не набрал нужного числа голосов."))
    return "\n".join(lines)


def _council_decision_submit(*, vote: Vote, counts: list[OptionCount]) -> None:
    """The council's vote becomes a `CouncilDecision` in a new revision of its page, sent to
    the page's moderation workflow (an editor publishes it), as minutes are."""
    from cms.core.moderation import submit_for_moderation
    from site_content.governance.models import CouncilDecision, CouncilPage

    page = CouncilPage.objects.filter(pk=vote.council_id).first()
    if page is None:
        return
    with translation.override(page.locale.language_code):
        text = vote_result_text(vote=vote, counts=counts)
    draft = page.get_latest_revision_as_object()
    draft.decisions.add(
        CouncilDecision(
            date=vote.closes_at.astimezone(ZoneInfo("Europe/Moscow")).date(),
            title=vote.title,
            text=text,
        )
    )
    draft.save_revision(user=vote.created_by, log_action=True)
    page.refresh_from_db()
    submit_for_moderation(page=page, by=vote.created_by)


def votes_due(*, now=None):
    """Votes closed and not counted yet."""
    return Vote.objects.filter(closes_at__lte=now or timezone.now(), counted_at__isnull=True)


def votes_open(*, now=None):
    now = now or timezone.now()
    return Vote.objects.filter(opens_at__lte=now, closes_at__gt=now, counted_at__isnull=True)
