"""The safety rule: a meeting where a minor takes part and an external resident hosts or
attends needs an adult of the school (a teacher, tutor, psychologist, coordinator, staff or
administrator) among the host and the participants who accepted or were admitted.

A minor is a person with the student role. An external resident is a partner with no role
inside the school, or a guest invited by email. The meeting refuses to start otherwise and
says why in plain words.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import MeetingParticipant, ParticipantStatus
from .rules import SCHOOL_ADULT_ROLES

__all__ = ["TAKING_PART", "safety_refusal"]

# Who counts as taking part: the host and these participants.
TAKING_PART = (ParticipantStatus.ACCEPTED, ParticipantStatus.ADMITTED)


def safety_refusal(meeting) -> str | None:
    """Why `meeting` may not go on now, or None when it may."""
    people = [meeting.host]
    guests = 0
    for participant in MeetingParticipant.objects.filter(
        meeting=meeting, status__in=TAKING_PART
    ).select_related("person"):
        if participant.person is None:
            guests += 1
        else:
            people.append(participant.person)
    minor = any(person.is_student for person in people)
    outsider = guests > 0 or any(person.is_external for person in people)
    if not (minor and outsider):
        return None
    if any(person.has_role(*SCHOOL_ADULT_ROLES) for person in people):
        return None
    return _(
        "Во встрече участвует ученик и человек не из лицея, поэтому нужен кто-то из "
        "взрослых лицея: учитель, тьютор, психолог или сотрудник. Пригласите его — "
        "встречу можно будет начать, когда он примет приглашение."
    )
