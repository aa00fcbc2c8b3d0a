"""Who may see and do what in a project: `rules` predicates, one place for the API, the
dashboards and the solution bank proposal alike.

The people of a project are its accepted authors, its tutor, the authors' parents, the
consultants it invited (external residents: they see that project and nothing else, and never
a student's contact data) and the school's coordinators. Every predicate takes the person
acting first and the project second; an anonymous visitor holds none.
"""

from __future__ import annotations

import rules

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from cms.users.permissions import is_signed_in, is_staff_member

from .models import MemberRole, MemberStatus, ProjectMember

__all__ = [
    "is_author",
    "is_consultant",
    "is_coordinator",
    "is_invited",
    "is_parent_of_author",
    "is_project_person",
    "is_tutor",
    "is_tutor_role",
]


def _member(user, project, role: str, status: str = MemberStatus.ACCEPTED) -> bool:
    if not is_signed_in(user) or project is None:
        return False
    return ProjectMember.objects.filter(
        project=project, person=user, role=role, status=status
    ).exists()


@rules.predicate
def is_author(user, project) -> bool:
    """An author who accepted (the one who started the project is one from the start)."""
    return _member(user, project, MemberRole.AUTHOR)


@rules.predicate
def is_invited(user, project) -> bool:
    """Invited to the project and not answered yet: may see its title and accept or decline."""
    if not is_signed_in(user) or project is None:
        return False
    return ProjectMember.objects.filter(
        project=project, person=user, status=MemberStatus.INVITED
    ).exists()


@rules.predicate
def is_consultant(user, project) -> bool:
    return _member(user, project, MemberRole.CONSULTANT)


@rules.predicate
def is_tutor(user, project) -> bool:
    return is_signed_in(user) and project is not None and project.tutor_id == user.pk


@rules.predicate
def is_parent_of_author(user, project) -> bool:
    if not is_signed_in(user) or project is None:
        return False
    return Guardianship.objects.filter(
        parent=user,
        child__project_memberships__project=project,
        child__project_memberships__role=MemberRole.AUTHOR,
        child__project_memberships__status=MemberStatus.ACCEPTED,
    ).exists()


@rules.predicate
def is_tutor_role(user) -> bool:
    """A tutor or teacher: may be asked to accompany a project."""
    return is_signed_in(user) and user.has_role(RoleChoices.TUTOR, RoleChoices.TEACHER)


@rules.predicate
def is_coordinator(user) -> bool:
    """Staff, administrators and the project coordinators (a role the school gives a teacher):
    they assign experts, release results and see every project."""
    return is_staff_member(user) or (is_signed_in(user) and user.has_role(RoleChoices.COORDINATOR))


is_project_person = is_author | is_tutor | is_parent_of_author | is_consultant | is_coordinator

rules.add_perm("projects.view_project", is_project_person)
# Comments are open to every person of the project: the tutor reads them all.
rules.add_perm("projects.comment_project", is_project_person)
rules.add_perm("projects.change_project", is_author | is_tutor)
rules.add_perm("projects.submit_stage", is_author)
rules.add_perm("projects.decide_stage", is_tutor)
rules.add_perm("projects.invite_consultant", is_tutor)
rules.add_perm("projects.invite_author", is_author | is_tutor)
# Contacts (email) of the project's people: never to a consultant from outside the school.
rules.add_perm(
    "projects.view_contacts", is_author | is_tutor | is_parent_of_author | is_coordinator
)
rules.add_perm("projects.propose_solution", is_tutor)
