"""Who asks and who answers parents' questions: `rules` predicates, checked by the API."""

from __future__ import annotations

import rules

from cms.users.choices import RoleChoices
from cms.users.permissions import is_signed_in, is_staff_member

from .models import Addressee

__all__ = ["addressees_served_by", "is_parent", "may_answer", "may_publish_faq", "may_view"]

# Which roles answer questions addressed to each kind of person. The school records no class
# teacher per class, so every teacher sees the questions to "the class teacher".
ANSWERED_BY = {
    Addressee.CLASS_TEACHER: (RoleChoices.TEACHER,),
    Addressee.TUTOR: (RoleChoices.TUTOR,),
    Addressee.ADMINISTRATION: (RoleChoices.ADMINISTRATOR, RoleChoices.STAFF),
}


def addressees_served_by(user) -> list[str]:
    """The kinds of addressee whose queue `user` answers (staff and administration: every
    kind, since they look after the school's correspondence)."""
    if not is_signed_in(user):
        return []
    if is_staff_member(user):
        return list(Addressee.values)
    return [kind for kind, roles in ANSWERED_BY.items() if user.has_role(*roles)]


@rules.predicate
def is_parent(user) -> bool:
    return is_signed_in(user) and user.has_role(RoleChoices.PARENT)


@rules.predicate
def may_answer(user, question) -> bool:
    """The person the question was addressed to, else anyone serving its kind."""
    if not is_signed_in(user) or question is None:
        return False
    if question.addressed_to_id is not None and question.addressed_to_id == user.pk:
        return True
    if is_staff_member(user):
        return True
    return question.addressed_to_id is None and question.addressee in addressees_served_by(user)


@rules.predicate
def is_asker(user, question) -> bool:
    return is_signed_in(user) and question is not None and question.parent_id == user.pk


@rules.predicate
def may_publish_faq(user) -> bool:
    """Staff (the editors) turn an answer into a FAQ item, which then goes to moderation."""
    return is_staff_member(user)


may_view = is_asker | may_answer

rules.add_perm("parent_questions.ask", is_parent)
rules.add_perm("parent_questions.view_question", may_view)
rules.add_perm("parent_questions.answer_question", may_answer)
rules.add_perm("parent_questions.publish_faq", may_publish_faq)
