"""Reads for the dashboards: a tutor's queue, and the school's (or a class's) progress.

Both read every project they show in a fixed number of queries, however many projects there
are: projects, their stages (with the time of the latest submission), their authors with their
roles and classes, and the names are then worked out in Python (`PeopleNames`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship, SchoolClass, User
from cms.users.permissions import is_staff_member
from cms.users.selectors import display_name_for

from .models import (
    MemberRole,
    MemberStatus,
    Project,
    ProjectMember,
    ProjectStatus,
    Stage,
    StageStatus,
    TutorRequest,
    TutorRequestStatus,
)
from .rules import is_coordinator, is_tutor_role

__all__ = [
    "SCHOOL_TIME_ZONE",
    "ProjectProgress",
    "may_see_school_dashboard",
    "may_see_tutor_dashboard",
    "school_dashboard",
    "school_dashboard_rows",
    "school_today",
    "tutor_dashboard",
]

# Due dates are the school's dates: a stage is overdue once its day has passed in St. Petersburg.
SCHOOL_TIME_ZONE = ZoneInfo("Europe/Moscow")
STATUSES = [status.value for status in StageStatus]


def school_today() -> date:
    return timezone.localdate(timezone=SCHOOL_TIME_ZONE)


def may_see_tutor_dashboard(user) -> bool:
    """Tutors and teachers (who may be asked to accompany a project), and anyone who tutors one."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return is_tutor_role(user) or Project.objects.filter(tutor=user).exists()


def may_see_school_dashboard(user) -> bool:
    """Coordinators (staff, administrators, project coordinators) and teachers."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return is_coordinator(user) or user.has_role(RoleChoices.TEACHER, RoleChoices.ADMINISTRATOR)


class PeopleNames:
    """`display_name_for(person, viewer)` for many people at once, without a query per person.

    It follows the same rule (`users.view_person`: oneself, one's children, staff see a pupil's
    full name; others see what the pupil's consent allows), with the viewer's children read once.
    The people must come with `role_links` prefetched and `school_class` selected.
    """

    def __init__(self, viewer: User):
        self.viewer = viewer
        self.staff = is_staff_member(viewer)
        self.children = set(
            Guardianship.objects.filter(parent=viewer).values_list("child_id", flat=True)
        )

    def name(self, person: User) -> str:
        if not person.has_role(RoleChoices.STUDENT):
            return person.full_name
        if self.staff or person.pk == self.viewer.pk or person.pk in self.children:
            return person.full_name
        return display_name_for(person=person, viewer=None)

    def person(self, person: User | None) -> dict | None:
        if person is None:
            return None
        return {"id": person.pk, "name": self.name(person)}


def _progress_rows(projects) -> list[ProjectProgress]:
    """Where each of `projects` stands, read in a fixed number of queries.

    Stages, projects and memberships are read as plain rows: a tutor's 200 projects have 1,200
    stages, and making a model instance of each (with its init signals) took most of the time.
    Only the people are instances, for `display_name_for`.
    """
    today = school_today()
    rows = list(
        projects.values("id", "title", "kind", "status", "updated_at", "tutor_id").order_by(
            "-updated_at", "-pk"
        )
    )
    ids = [row["id"] for row in rows]
    stages: dict[int, list[StageRow]] = defaultdict(list)
    for stage in (
        Stage.objects.filter(project_id__in=ids)
        .annotate(last_submitted_at=Max("submissions__submitted_at"))
        .values("id", "project_id", "position", "title", "status", "due_date", "last_submitted_at")
        .order_by("project_id", "position")
    ):
        stages[stage["project_id"]].append(StageRow(**stage))
    authorship = list(
        ProjectMember.objects.filter(
            project_id__in=ids, role=MemberRole.AUTHOR, status=MemberStatus.ACCEPTED
        )
        .order_by("pk")
        .values_list("project_id", "person_id")
    )
    person_ids = {person for _, person in authorship} | {
        row["tutor_id"] for row in rows if row["tutor_id"]
    }
    people = {
        person.pk: person
        for person in User.objects.filter(pk__in=person_ids)
        .select_related("school_class")
        .prefetch_related("role_links")
    }
    authors: dict[int, list[User]] = defaultdict(list)
    for project_id, person_id in authorship:
        authors[project_id].append(people[person_id])
    return [
        ProjectProgress(
            project=ProjectRow(**row, tutor=people.get(row["tutor_id"])),
            stages=stages[row["id"]],
            authors=authors[row["id"]],
            today=today,
        )
        for row in rows
    ]


@dataclass
class ProjectRow:
    id: int
    title: str
    kind: str
    status: str
    updated_at: datetime
    tutor_id: int | None
    tutor: User | None


@dataclass
class StageRow:
    id: int
    project_id: int
    position: int
    title: str
    status: str
    due_date: date | None
    last_submitted_at: datetime | None


@dataclass
class ProjectProgress:
    """Where one project stands: its current stage, overdue and waiting stages, counts."""

    project: ProjectRow
    stages: list[StageRow]
    authors: list[User]
    today: date
    current: StageRow | None = field(init=False)
    overdue: list = field(init=False)
    waiting: list = field(init=False)
    counts: dict = field(init=False)

    def __post_init__(self):
        unaccepted = [s for s in self.stages if s.status != StageStatus.ACCEPTED]
        # The first stage not accepted yet; a project whose every stage is accepted is at its last.
        self.current = unaccepted[0] if unaccepted else (self.stages[-1] if self.stages else None)
        self.overdue = [s for s in unaccepted if s.due_date is not None and s.due_date < self.today]
        self.waiting = [s for s in self.stages if s.status == StageStatus.SUBMITTED]
        counted = Counter(s.status for s in self.stages)
        self.counts = {status: counted.get(status, 0) for status in STATUSES}

    @property
    def classes(self) -> list[SchoolClass]:
        seen: dict[int, SchoolClass] = {}
        for author in self.authors:
            if author.school_class_id and author.school_class_id not in seen:
                seen[author.school_class_id] = author.school_class
        return sorted(seen.values(), key=lambda c: c.name)


def _stage_ref(stage: StageRow | None) -> dict | None:
    if stage is None:
        return None
    return {
        "id": stage.id,
        "position": stage.position,
        "title": stage.title,
        "status": stage.status,
        "due_date": stage.due_date,
    }


def _latest(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


def tutor_dashboard(*, tutor: User) -> dict:
    """Every project `tutor` accompanies, with what waits for them, and the requests to them.

    Projects with submitted stages come first (the longest waiting first), then those with
    overdue stages, then the rest, most recently changed first.
    """
    names = PeopleNames(tutor)
    items = []
    for progress in _progress_rows(
        Project.objects.filter(tutor=tutor).exclude(status=ProjectStatus.ARCHIVED)
    ):
        project = progress.project
        items.append(
            {
                "id": project.id,
                "title": project.title,
                "kind": project.kind,
                "status": project.status,
                "authors": [names.person(author) for author in progress.authors],
                "current_stage": _stage_ref(progress.current),
                "stage_counts": progress.counts,
                "waiting": [
                    {
                        "stage_id": stage.id,
                        "position": stage.position,
                        "title": stage.title,
                        "submitted_at": stage.last_submitted_at,
                    }
                    for stage in progress.waiting
                ],
                "overdue": [
                    {
                        "stage_id": stage.id,
                        "position": stage.position,
                        "title": stage.title,
                        "status": stage.status,
                        "due_date": stage.due_date,
                    }
                    for stage in progress.overdue
                ],
                "updated_at": project.updated_at,
            }
        )

    def order(item):
        if item["waiting"]:
            oldest = min(_latest(w["submitted_at"]) for w in item["waiting"])
            return (0, oldest)
        if item["overdue"]:
            return (1, min(o["due_date"].toordinal() for o in item["overdue"]))
        return (2, -_latest(item["updated_at"]))

    items.sort(key=order)
    requests = (
        TutorRequest.objects.filter(tutor=tutor, status=TutorRequestStatus.PENDING)
        .select_related("project", "requested_by__school_class")
        .prefetch_related("requested_by__role_links")
        .order_by("created_at", "pk")
    )
    return {
        "projects": items,
        "tutor_requests": [
            {
                "id": request.pk,
                "project": {
                    "id": request.project_id,
                    "title": request.project.title,
                    "kind": request.project.kind,
                },
                "requested_by": names.person(request.requested_by),
                "message": request.message,
                "created_at": request.created_at,
            }
            for request in requests
        ],
        "totals": {
            "projects": len(items),
            "waiting": sum(len(item["waiting"]) for item in items),
            "overdue": sum(len(item["overdue"]) for item in items),
            "tutor_requests": len(requests),
        },
    }


def school_dashboard_rows(*, school_class: SchoolClass | None = None) -> list[ProjectProgress]:
    """Where every project (of `school_class`, or of the whole school) stands."""
    projects = Project.objects.exclude(status=ProjectStatus.ARCHIVED)
    if school_class is not None:
        projects = projects.filter(
            pk__in=ProjectMember.objects.filter(
                role=MemberRole.AUTHOR,
                status=MemberStatus.ACCEPTED,
                person__school_class=school_class,
            ).values("project_id")
        )
    return _progress_rows(projects)


def _empty_counts() -> dict:
    return {status: 0 for status in STATUSES}


def school_dashboard(*, school_class: SchoolClass | None = None) -> dict:
    """Counts of projects by their current stage and its status, and overdue stages, in all and
    per class (a collective project of pupils from two classes counts in both)."""
    rows = school_dashboard_rows(school_class=school_class)
    by_status = _empty_counts()
    by_stage: dict[tuple[int, str], dict] = {}
    per_class: dict[int | None, dict] = {}
    for row in rows:
        current = row.current
        if current is not None:
            by_status[current.status] += 1
            entry = by_stage.setdefault(
                (current.position, current.title),
                {
                    "position": current.position,
                    "title": current.title,
                    "counts": _empty_counts(),
                    "total": 0,
                },
            )
            entry["counts"][current.status] += 1
            entry["total"] += 1
        classes = row.classes or [None]
        for school_class_of_row in classes:
            key = school_class_of_row.pk if school_class_of_row else None
            entry = per_class.setdefault(
                key,
                {
                    "id": key,
                    "name": school_class_of_row.name if school_class_of_row else "",
                    "projects": 0,
                    "counts": _empty_counts(),
                    "overdue_projects": 0,
                    "overdue_stages": 0,
                },
            )
            entry["projects"] += 1
            if current is not None:
                entry["counts"][current.status] += 1
            entry["overdue_projects"] += bool(row.overdue)
            entry["overdue_stages"] += len(row.overdue)
    classes = SchoolClass.objects.filter(
        students__project_memberships__role=MemberRole.AUTHOR,
        students__project_memberships__status=MemberStatus.ACCEPTED,
    ).distinct()
    return {
        "school_class": (
            {"id": school_class.pk, "name": school_class.name} if school_class else None
        ),
        "classes": [{"id": c.pk, "name": c.name} for c in classes.order_by("name")],
        "projects": len(rows),
        "by_status": by_status,
        "by_stage": [by_stage[key] for key in sorted(by_stage)],
        "per_class": sorted(
            per_class.values(), key=lambda entry: (entry["id"] is None, entry["name"])
        ),
        "overdue": {
            "projects": sum(bool(row.overdue) for row in rows),
            "stages": sum(len(row.overdue) for row in rows),
        },
    }
