"""Reads of the project workspace: my projects, one project as its people see it, a stage's
history, comments and activity, and the people one may invite.

Every answer about a person goes through `person_json`: the name the viewer may see, and the
email only for those who hold `projects.view_contacts` on the project (never a consultant).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cms.users.choices import RoleChoices
from cms.users.selectors import cabinet_url_for, display_name_for

from .models import (
    Comment,
    MemberRole,
    MemberStatus,
    Project,
    ProjectActivity,
    ProjectKind,
    ProjectMember,
    ProjectStatus,
    Stage,
    StageStatus,
    StageSubmission,
    TutorRequest,
    TutorRequestStatus,
)

__all__ = [
    "activity_for",
    "authors_of",
    "comments_for",
    "consultants_of",
    "may_see_project",
    "my_role",
    "parents_of_authors",
    "people_find",
    "person_json",
    "project_detail",
    "project_people",
    "project_summary",
    "project_url",
    "projects_for_person",
    "stage_history",
    "tutor_requests_pending",
    "visible_project",
]

User = get_user_model()

# Labels of the activity feed's verbs, for the widget and the export.
VERBS = {
    "created": gettext_lazy("начат проект"),
    "updated": gettext_lazy("изменено описание"),
    "invited_author": gettext_lazy("приглашён соавтор"),
    "invited_consultant": gettext_lazy("приглашён консультант"),
    "joined": gettext_lazy("принято приглашение"),
    "declined": gettext_lazy("отклонено приглашение"),
    "left": gettext_lazy("участник вышел из проекта"),
    "tutor_requested": gettext_lazy("попросили тьютора"),
    "tutor_accepted": gettext_lazy("тьютор согласился"),
    "tutor_declined": gettext_lazy("тьютор отказался"),
    "stage_started": gettext_lazy("этап начат"),
    "stage_submitted": gettext_lazy("этап сдан"),
    "stage_accepted": gettext_lazy("этап принят"),
    "stage_returned": gettext_lazy("этап возвращён"),
    "finished": gettext_lazy("проект завершён"),
    "commented": gettext_lazy("новый комментарий"),
}


# How many names the invitation search answers with at most.
PEOPLE_LIMIT = 20


def project_url(*, project_id: int, language: str) -> str:
    """The project in the cabinet's workspace: `/<lang>/cabinet/projects/?project=<id>`."""
    return f"{cabinet_url_for(language=language)}projects/?project={project_id}"


def authors_of(project: Project) -> QuerySet:
    return User.objects.filter(
        project_memberships__project=project,
        project_memberships__role=MemberRole.AUTHOR,
        project_memberships__status=MemberStatus.ACCEPTED,
    )


def consultants_of(project: Project) -> QuerySet:
    return User.objects.filter(
        project_memberships__project=project,
        project_memberships__role=MemberRole.CONSULTANT,
        project_memberships__status=MemberStatus.ACCEPTED,
    )


def parents_of_authors(project: Project) -> QuerySet:
    return User.objects.filter(
        child_links__child__project_memberships__project=project,
        child_links__child__project_memberships__role=MemberRole.AUTHOR,
        child_links__child__project_memberships__status=MemberStatus.ACCEPTED,
    ).distinct()


def project_people(project: Project) -> list:
    """Everyone a project's news goes to: its authors, tutor, the authors' parents and its
    consultants, each once."""
    people = {}
    for person in [
        *authors_of(project),
        *([project.tutor] if project.tutor_id else []),
        *parents_of_authors(project),
        *consultants_of(project),
    ]:
        people.setdefault(person.pk, person)
    return list(people.values())


def may_see_project(user, project: Project) -> bool:
    """Its people see a project in full; someone invited sees it to answer the invitation."""
    from .rules import is_invited

    return user.has_perm("projects.view_project", project) or is_invited(user, project)


def visible_project(*, project_id: int, user) -> Project | None:
    """The project if `user` may see it, else None (the API answers 404 either way)."""
    project = Project.objects.select_related("tutor").filter(pk=project_id).first()
    if project is None or not may_see_project(user, project):
        return None
    return project


def projects_for_person(*, person) -> QuerySet:
    """My projects: as an author or consultant (accepted or invited), as tutor, as a parent
    of an author; newest change first."""
    memberships = ProjectMember.objects.filter(
        person=person, status__in=[MemberStatus.ACCEPTED, MemberStatus.INVITED]
    )
    children = Q(
        members__person__parent_links__parent=person,
        members__role=MemberRole.AUTHOR,
        members__status=MemberStatus.ACCEPTED,
    )
    ids = Project.objects.filter(
        Q(pk__in=memberships.values("project_id")) | Q(tutor=person) | children
    ).values("pk")
    return (
        Project.objects.filter(pk__in=ids)
        .select_related("tutor")
        .prefetch_related(
            Prefetch("stages", queryset=Stage.objects.order_by("position")),
            Prefetch(
                "members",
                queryset=ProjectMember.objects.filter(person=person),
                to_attr="my_memberships",
            ),
        )
        .order_by("-updated_at", "-pk")
    )


def my_role(*, project: Project, person) -> str:
    """How `person` stands to the project: author, invited_author, invited_consultant,
    consultant, tutor, parent or coordinator ("" for nobody)."""
    memberships = getattr(project, "my_memberships", None)
    if memberships is None:
        memberships = list(project.members.filter(person=person))
    for membership in memberships:
        if membership.status == MemberStatus.ACCEPTED:
            return membership.role
        if membership.status == MemberStatus.INVITED:
            return f"invited_{membership.role}"
    if project.tutor_id == person.pk:
        return "tutor"
    from .rules import is_coordinator, is_parent_of_author

    if is_parent_of_author(person, project):
        return "parent"
    if is_coordinator(person):
        return "coordinator"
    return ""


def person_json(person, *, viewer, contacts: bool) -> dict | None:
    """A person as the viewer may see them: id and name, and the email only with `contacts`.

    Those who may see contacts are the project's own people (its authors, its tutor, the
    authors' parents, the coordinators): they work together and know each other by name. A
    consultant from outside the school sees a pupil as the pupil's consent allows, as the
    public would.
    """
    if person is None:
        return None
    name = person.full_name if contacts else display_name_for(person=person, viewer=viewer)
    data = {"id": person.pk, "name": name}
    if contacts:
        data["email"] = person.email
    return data


def _overdue(stage: Stage, today) -> bool:
    return bool(stage.due_date and stage.due_date < today and stage.status != StageStatus.ACCEPTED)


def _stage_summary(stages: list[Stage]) -> dict:
    counts = {status: 0 for status in StageStatus.values}
    for stage in stages:
        counts[stage.status] += 1
    current = next((s for s in stages if s.status != StageStatus.ACCEPTED), None)
    return {
        "total": len(stages),
        "accepted": counts[StageStatus.ACCEPTED],
        "counts": counts,
        "current": {"id": current.pk, "title": current.title, "status": current.status}
        if current
        else None,
    }


def _sees_contacts(project: Project, viewer) -> bool:
    """`projects.view_contacts` for one line of "my projects", answered from what the list
    read already (the viewer's memberships, the tutor, the viewer's roles): a tutor's 200
    projects cost no query each; only whether the viewer is an author's parent is asked."""
    memberships = getattr(project, "my_memberships", None)
    if memberships is None:
        return viewer.has_perm("projects.view_contacts", project)
    from .rules import is_coordinator, is_parent_of_author

    if project.tutor_id == viewer.pk or is_coordinator(viewer):
        return True
    if any(m.role == MemberRole.AUTHOR and m.status == MemberStatus.ACCEPTED for m in memberships):
        return True
    return is_parent_of_author(viewer, project)


def project_summary(*, project: Project, viewer, language: str) -> dict:
    """One line of "my projects"."""
    stages = list(project.stages.all())
    contacts = _sees_contacts(project, viewer)
    return {
        "id": project.pk,
        "title": project.title,
        "kind": project.kind,
        "status": project.status,
        "my_role": my_role(project=project, person=viewer),
        "tutor": person_json(project.tutor, viewer=viewer, contacts=contacts),
        "stages": _stage_summary(stages),
        "url": project_url(project_id=project.pk, language=language),
    }


def file_url(*, project_id: int, file_id: int) -> str:
    return reverse("api:project-file", kwargs={"project_id": project_id, "file_id": file_id})


def _submission_json(submission: StageSubmission, *, project_id: int, viewer, contacts) -> dict:
    return {
        "id": submission.pk,
        "version": submission.version,
        "text": submission.text,
        "links": list(submission.links or []),
        "files": [
            {
                "id": f.pk,
                "name": f.name,
                "size": f.size,
                "url": file_url(project_id=project_id, file_id=f.pk),
            }
            for f in submission.files.all()
        ],
        "submitted_at": submission.submitted_at,
        "author": person_json(submission.author, viewer=viewer, contacts=contacts),
    }


def _decision_json(submission: StageSubmission, *, viewer, contacts) -> dict | None:
    decision = getattr(submission, "decision", None)
    if decision is None:
        return None
    return {
        "accepted": decision.accepted,
        "feedback": decision.feedback,
        "by": person_json(decision.decided_by, viewer=viewer, contacts=contacts),
        "at": decision.decided_at,
    }


def _submissions():
    return StageSubmission.objects.select_related(
        "author", "decision", "decision__decided_by"
    ).prefetch_related("files")


def permissions_for(*, project: Project, viewer) -> dict:
    finished = project.status == ProjectStatus.FINISHED
    return {
        "change": viewer.has_perm("projects.change_project", project),
        "submit": viewer.has_perm("projects.submit_stage", project) and not finished,
        "decide": viewer.has_perm("projects.decide_stage", project),
        "comment": _may_comment(viewer, project),
        "invite_author": project.kind == ProjectKind.COLLECTIVE
        and viewer.has_perm("projects.invite_author", project),
        "invite_consultant": project.tutor_id is not None
        and viewer.has_perm("projects.invite_consultant", project),
        "propose": finished and viewer.has_perm("projects.propose_solution", project),
    }


def _may_comment(viewer, project: Project) -> bool:
    from .rules import is_author, is_consultant, is_parent_of_author, is_tutor

    if not viewer.has_perm("projects.comment_project", project):
        return False
    if project.tutor_id is None and is_consultant(viewer, project):
        # A minor never talks with an external resident without the tutor in the conversation.
        return bool(
            is_author(viewer, project)
            or is_tutor(viewer, project)
            or is_parent_of_author(viewer, project)
        )
    return True


may_comment = _may_comment


def project_detail(*, project: Project, viewer, language: str) -> dict:
    """The project as one of its people sees it; someone only invited sees its description
    and people, not its stages."""
    contacts = viewer.has_perm("projects.view_contacts", project)
    full = viewer.has_perm("projects.view_project", project)
    members = (
        project.members.exclude(status=MemberStatus.DECLINED)
        .select_related("person")
        .order_by("role", "created_at", "pk")
    )
    stages_json = []
    if full:
        today = timezone.localdate()
        stages = project.stages.order_by("position").prefetch_related(
            Prefetch("submissions", queryset=_submissions().order_by("-version"))
        )
        for stage in stages:
            latest = next(iter(stage.submissions.all()), None)
            stages_json.append(
                {
                    "id": stage.pk,
                    "position": stage.position,
                    "title": stage.title,
                    "description": stage.description,
                    "due_date": stage.due_date,
                    "status": stage.status,
                    "overdue": _overdue(stage, today),
                    "latest_submission": _submission_json(
                        latest, project_id=project.pk, viewer=viewer, contacts=contacts
                    )
                    if latest
                    else None,
                    "decision": _decision_json(latest, viewer=viewer, contacts=contacts)
                    if latest
                    else None,
                }
            )
    pending = (
        project.tutor_requests.filter(status=TutorRequestStatus.PENDING)
        .select_related("tutor")
        .first()
        if full
        else None
    )
    return {
        "id": project.pk,
        "title": project.title,
        "kind": project.kind,
        "status": project.status,
        "problem": project.problem,
        "goal": project.goal,
        "result": project.result,
        "product_kind": project.product_kind,
        "product_url": project.product_url,
        "subject_ids": list(project.subjects.values_list("pk", flat=True)),
        "grade_id": project.grade_id,
        "project_type_id": project.project_type_id,
        "created_at": project.created_at,
        "my_role": my_role(project=project, person=viewer),
        "tutor": person_json(project.tutor, viewer=viewer, contacts=contacts),
        "tutor_request": {
            "id": pending.pk,
            "tutor": person_json(pending.tutor, viewer=viewer, contacts=contacts),
            "created_at": pending.created_at,
        }
        if pending
        else None,
        "members": [
            {
                "id": m.pk,
                "person": person_json(m.person, viewer=viewer, contacts=contacts),
                "role": m.role,
                "status": m.status,
            }
            for m in members
        ],
        "stages": stages_json,
        "permissions": permissions_for(project=project, viewer=viewer)
        if full
        else dict.fromkeys(
            ("change", "submit", "decide", "comment", "invite_author", "invite_consultant"),
            False,
        )
        | {"propose": False},
        "url": project_url(project_id=project.pk, language=language),
    }


def stage_history(*, stage: Stage, viewer) -> dict:
    """A stage with every version handed in, oldest first, each with the tutor's decision."""
    project = stage.project
    contacts = viewer.has_perm("projects.view_contacts", project)
    submissions = _submissions().filter(stage=stage).order_by("version")
    return {
        "id": stage.pk,
        "position": stage.position,
        "title": stage.title,
        "description": stage.description,
        "due_date": stage.due_date,
        "status": stage.status,
        "overdue": _overdue(stage, timezone.localdate()),
        "submissions": [
            {
                **_submission_json(s, project_id=project.pk, viewer=viewer, contacts=contacts),
                "decision": _decision_json(s, viewer=viewer, contacts=contacts),
            }
            for s in submissions
        ],
    }


def comments_for(*, project: Project, viewer, stage_id: int | None = None) -> list[dict]:
    contacts = viewer.has_perm("projects.view_contacts", project)
    comments = Comment.objects.filter(project=project).select_related("author")
    if stage_id is not None:
        comments = comments.filter(stage_id=stage_id)
    return [
        {
            "id": c.pk,
            "stage_id": c.stage_id,
            "author": person_json(c.author, viewer=viewer, contacts=contacts),
            "body": c.body,
            "created_at": c.created_at,
        }
        for c in comments.order_by("created_at", "pk")
    ]


def activity_for(*, project: Project, viewer, limit: int = 100) -> list[dict]:
    contacts = viewer.has_perm("projects.view_contacts", project)
    events = (
        ProjectActivity.objects.filter(project=project)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        {
            "id": a.pk,
            "verb": a.verb,
            "verb_label": str(VERBS.get(a.verb, a.verb)),
            "stage_id": a.stage_id,
            "actor": person_json(a.actor, viewer=viewer, contacts=contacts),
            "created_at": a.created_at,
        }
        for a in events
    ]


PEOPLE_ROLES = {
    "student": (RoleChoices.STUDENT,),
    "tutor": (RoleChoices.TUTOR, RoleChoices.TEACHER),
    "partner": (RoleChoices.PARTNER,),
}


def people_find(*, viewer, role: str, q: str = "") -> list[dict]:
    """Names to invite or to ask as tutor: pupils (for pupils and staff of the school), tutors
    and teachers, partners (for tutors). Never emails."""
    people = (
        User.objects.filter(is_active=True, role_links__role__in=PEOPLE_ROLES[role])
        .exclude(pk=viewer.pk)
        .select_related("school_class")
        .distinct()
    )
    q = q.strip()
    if q:
        for word in q.split()[:3]:
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(school_class__name__icontains=word)
                | Q(organisation__icontains=word)
            )
    people = people.order_by("last_name", "first_name", "pk")[:PEOPLE_LIMIT]
    return [
        {
            "id": person.pk,
            "name": _name_to_invite(person=person, viewer=viewer, role=role),
            **({"organisation": person.organisation} if role == "partner" else {}),
        }
        for person in people
    ]


def _name_to_invite(*, person, viewer, role: str) -> str:
    """A classmate is found by the name the searcher typed, so the name itself is no secret
    to them: pupils of one class see each other's first name and surname here (never the
    public site's form, which may be only the class, as "ученик 8А класса" four times over
    would leave nobody to choose). Everyone else is named as the consent says."""
    if (
        person.school_class_id
        and person.school_class_id == getattr(viewer, "school_class_id", None)
        and role == "student"
        and viewer.has_role(RoleChoices.STUDENT)
    ):
        name = f"{person.first_name} {person.last_name}".strip()
        return f"{name}, {person.school_class.name}" if name else person.school_class.name
    return display_name_for(person=person, viewer=viewer)


def tutor_requests_pending(*, tutor, language: str) -> list[dict]:
    requests = (
        TutorRequest.objects.filter(tutor=tutor, status=TutorRequestStatus.PENDING)
        .select_related("project", "requested_by")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": r.pk,
            "project": {
                "id": r.project_id,
                "title": r.project.title,
                "kind": r.project.kind,
                "problem": r.project.problem,
                "goal": r.project.goal,
                "url": project_url(project_id=r.project_id, language=language),
            },
            # The pupils chose this tutor and asked by name: the tutor sees who asks.
            "requested_by": {"id": r.requested_by_id, "name": r.requested_by.full_name}
            if r.requested_by_id
            else None,
            "message": r.message,
            "created_at": r.created_at,
        }
        for r in requests
    ]
