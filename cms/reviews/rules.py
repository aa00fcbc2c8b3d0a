"""Who may evaluate what: `rules` predicates for experts and coordinators.

An expert sees a project's submitted material only while assigned to it, and never the
project's comments, drafts or people's contacts. An expert may not be the project's tutor, an
author, or an author's parent (`may_assign`).
"""

from __future__ import annotations

import rules

from cms.projects.models import MemberRole, MemberStatus, ProjectMember
from cms.projects.rules import is_coordinator, is_project_person
from cms.users.models import Guardianship
from cms.users.permissions import is_signed_in

from .models import ExpertAssignment

__all__ = ["conflict_of_interest", "is_assigned_expert"]


@rules.predicate
def is_assigned_expert(user, project) -> bool:
    if not is_signed_in(user) or project is None:
        return False
    return ExpertAssignment.objects.filter(evaluation__project=project, expert=user).exists()


def conflict_of_interest(*, expert, project) -> str:
    """Why `expert` may not evaluate `project` ("" when they may): its tutor, one of its
    people, or a parent of one of its authors."""
    if project.tutor_id == expert.pk:
        return "tutor"
    if (
        ProjectMember.objects.filter(project=project, person=expert)
        .exclude(status=MemberStatus.DECLINED)
        .exists()
    ):
        return "member"
    if Guardianship.objects.filter(
        parent=expert,
        child__project_memberships__project=project,
        child__project_memberships__role=MemberRole.AUTHOR,
    ).exists():
        return "parent"
    return ""


# The project's handed-in material (stages' submissions and files): its people and the
# experts assigned to it.
rules.add_perm("projects.view_material", is_project_person | is_assigned_expert)
rules.add_perm("reviews.coordinate_evaluations", is_coordinator)
