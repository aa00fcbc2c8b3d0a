"""Reads for the dashboards: a tutor's queue, and the school's (or a class's) progress.

Both read every project they show in a fixed number of queries, however many projects there
are: projects, their stages (with the time of the latest submission of those awaiting a
decision), their authors with their classes and whether they are pupils, and the names are then
worked out in Python (`PeopleNames`). Everything is read as plain rows, not model instances: a
tutor's 200 projects have 1,200 stages and 200 authors, and instances cost most of the time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Case, Exists, OuterRef, Q, Subquery, When
from django.utils import timezone

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship, SchoolClass, User, UserRole, compose_full_name
from cms.users.permissions import is_staff_member
from cms.users.selectors import pupil_public_name

from .models import (
    MemberRole,
    MemberStatus,
    Project,
    ProjectMember,
    ProjectStatus,
    Stage,
    StageStatus,
    StageSubmission,
    TutorRequest,
    TutorRequestStatus,
)
from .rules import is_coordinator, is_tutor_role

__all__ = [
    "SCHOOL_TIME_ZONE",
    "PeopleNames",
    "Person",
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


@dataclass(frozen=True, slots=True)
class ClassRef:
    pk: int
    name: str


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the dashboards read them: a plain row with what naming them needs."""

    pk: int
    username: str
    first_name: str
    patronymic: str
    last_name: str
    school_class_id: int | None
    school_class_name: str
    parental_consent: bool
    name_display: str
    is_student: bool

    @property
    def full_name(self) -> str:
        return compose_full_name(
            first_name=self.first_name,
            patronymic=self.patronymic,
            last_name=self.last_name,
            username=self.username,
        )

    @property
    def school_class(self) -> ClassRef | None:
        if self.school_class_id is None:
            return None
        return ClassRef(self.school_class_id, self.school_class_name)

    @classmethod
    def of(cls, user: User) -> Person:
        return cls(
            pk=user.pk,
            username=user.get_username(),
            first_name=user.first_name,
            patronymic=user.patronymic,
            last_name=user.last_name,
            school_class_id=user.school_class_id,
            school_class_name=user.school_class.name if user.school_class_id else "",
            parental_consent=user.parental_consent,
            name_display=user.name_display,
            is_student=user.has_role(RoleChoices.STUDENT),
        )


_PERSON_FIELDS = (
    "pk",
    "username",
    "first_name",
    "patronymic",
    "last_name",
    "school_class_id",
    "school_class__name",
    "parental_consent",
    "name_display",
)


def read_people(who: Q) -> dict[int, Person]:
    """The people `who` selects, as plain rows, in one query."""
    people = {}
    for row in (
        User.objects.filter(who)
        .annotate(
            is_student=Exists(
                UserRole.objects.filter(user_id=OuterRef("pk"), role=RoleChoices.STUDENT)
            )
        )
        .values_list(*_PERSON_FIELDS, "is_student")
    ):
        pk, username, first, patronymic, last, class_id, class_name, consent, display, pupil = row
        people[pk] = Person(
            pk=pk,
            username=username,
            first_name=first,
            patronymic=patronymic,
            last_name=last,
            school_class_id=class_id,
            school_class_name=class_name or "",
            parental_consent=consent,
            name_display=display,
            is_student=pupil,
        )
    return people


class PeopleNames:
    """`display_name_for(person, viewer)` for many people at once, without a query per person.

    It follows the same rule (`users.view_person`: oneself, one's children, staff see a pupil's
    full name; others see what the pupil's consent allows, `pupil_public_name`), with the
    viewer's children read once. People are `Person` rows (`read_people`) or users.

    `colleagues`: the viewer works with everyone named (a tutor with the pupils of their own
    projects, a coordinator with every project's people), and knows them by full name, as the
    workspace itself names a project's people to each other (`selectors.person_json`).
    """

    def __init__(self, viewer: User, *, colleagues: bool = False):
        self.viewer = viewer
        self.staff = is_staff_member(viewer) or colleagues
        self.children = set(
            Guardianship.objects.filter(parent=viewer).values_list("child_id", flat=True)
        )
        # Names without a pupil's own name in them ("ученик 9А класса") repeat; translate once.
        self._public: dict[tuple, str] = {}

    def name(self, person: Person | User) -> str:
        if isinstance(person, User):
            person = Person.of(person)
        if not person.is_student:
            return person.full_name
        if self.staff or person.pk == self.viewer.pk or person.pk in self.children:
            return person.full_name
        key = (
            person.first_name,
            person.last_name,
            person.school_class_name,
            person.parental_consent,
            person.name_display,
        )
        name = self._public.get(key)
        if name is None:
            name = self._public[key] = pupil_public_name(
                first_name=person.first_name,
                last_name=person.last_name,
                school_class=person.school_class_name,
                parental_consent=person.parental_consent,
                name_display=person.name_display,
            )
        return name

    def person(self, person: Person | User | None) -> dict | None:
        if person is None:
            return None
        return {"id": person.pk, "name": self.name(person)}


_LATEST_SUBMISSION = (
    StageSubmission.objects.filter(stage_id=OuterRef("pk"))
    .order_by("-submitted_at")
    .values("submitted_at")[:1]
)


def _progress_rows(projects) -> list[ProjectProgress]:
    """Where each of `projects` stands, read in a fixed number of queries, most recently
    changed first. Everything is read as plain rows (see the module's docstring)."""
    return _read_progress(projects, dated=True, also=Q(pk__in=()))[0]


def _read_progress(
    projects, *, dated: bool, also: Q
) -> tuple[list[ProjectProgress], dict[int, Person]]:
    """`_progress_rows`, and the people read for it with those `also` selects, in the same
    query (`dated=False`: without reading when each project changed, only in that order)."""
    today = school_today()
    fields = ["id", "title", "kind", "status", "tutor_id"] + (["updated_at"] if dated else [])
    rows = list(projects.values(*fields).order_by("-updated_at", "-pk"))
    # The projects are selected again as a subquery rather than by a list of their ids: binding
    # 200 ids to each query cost more than the database takes to find them again.
    ids = projects.values("pk")
    stages: dict[int, list[StageRow]] = defaultdict(list)
    for stage in (
        Stage.objects.filter(project_id__in=ids)
        # Only a submitted stage waits, so only its submissions are asked when it was handed in
        # (no join of every stage's submissions, no GROUP BY).
        .annotate(
            last_submitted_at=Case(
                When(status=StageStatus.SUBMITTED, then=Subquery(_LATEST_SUBMISSION))
            )
        )
        .values_list(
            "id", "project_id", "position", "title", "status", "due_date", "last_submitted_at"
        )
        .order_by("project_id", "position")
    ):
        stages[stage[1]].append(StageRow(*stage))
    authorships = ProjectMember.objects.filter(
        project_id__in=ids, role=MemberRole.AUTHOR, status=MemberStatus.ACCEPTED
    )
    authorship = list(authorships.order_by("pk").values_list("project_id", "person_id"))
    people = read_people(
        Q(pk__in=authorships.values("person_id")) | Q(pk__in=projects.values("tutor_id")) | also
    )
    authors: dict[int, list[Person]] = defaultdict(list)
    for project_id, person_id in authorship:
        authors[project_id].append(people[person_id])
    progress = [
        ProjectProgress(
            project=ProjectRow(**row, tutor=people.get(row["tutor_id"])),
            stages=stages[row["id"]],
            authors=authors[row["id"]],
            today=today,
        )
        for row in rows
    ]
    return progress, people


@dataclass
class ProjectRow:
    id: int
    title: str
    kind: str
    status: str
    tutor_id: int | None
    tutor: Person | None
    updated_at: datetime | None = None


@dataclass(slots=True)
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
    authors: list[Person]
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
    def classes(self) -> list[ClassRef]:
        seen: dict[int, ClassRef] = {}
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
    # Every project listed is the tutor's own, and the requests were made to them by name.
    names = PeopleNames(tutor, colleagues=True)
    requests = list(
        TutorRequest.objects.filter(tutor=tutor, status=TutorRequestStatus.PENDING)
        .order_by("created_at", "pk")
        .values(
            "id",
            "project_id",
            "project__title",
            "project__kind",
            "requested_by_id",
            "message",
            "created_at",
        )
    )
    rows, people = _read_progress(
        Project.objects.filter(tutor=tutor).exclude(status=ProjectStatus.ARCHIVED),
        dated=False,
        also=Q(pk__in={request["requested_by_id"] for request in requests} - {None}),
    )
    keyed = []
    # The rows come most recently changed first; the rest keep that order (the sort is stable).
    for progress in rows:
        project = progress.project
        if progress.waiting:
            key = (0, min(_latest(stage.last_submitted_at) for stage in progress.waiting))
        elif progress.overdue:
            key = (1, min(stage.due_date for stage in progress.overdue).toordinal())
        else:
            key = (2, 0)
        item = {
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
        }
        keyed.append((key, item))
    keyed.sort(key=lambda pair: pair[0])
    items = [item for _, item in keyed]
    return {
        "projects": items,
        "tutor_requests": [
            {
                "id": request["id"],
                "project": {
                    "id": request["project_id"],
                    "title": request["project__title"],
                    "kind": request["project__kind"],
                },
                "requested_by": names.person(people.get(request["requested_by_id"])),
                "message": request["message"],
                "created_at": request["created_at"],
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
