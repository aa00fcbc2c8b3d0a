"""Reads of the teachers' course: a teacher's progress and the coordinator's cohort."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max

from site_content.support.models import CourseModulePage, CoursePage

from .models import CourseEnrolment, ModuleCompletion

__all__ = [
    "CohortRow",
    "course_cohort",
    "course_modules",
    "course_progress",
    "published_course",
]


def published_course(course_id: int) -> CoursePage | None:
    """The live course with that id, or None (a draft course takes nobody)."""
    return CoursePage.objects.live().filter(pk=course_id).first()


def course_modules(*, course: CoursePage) -> list[CourseModulePage]:
    """The course's published modules in their order: only these count towards completion."""
    return list(CourseModulePage.objects.live().child_of(course).order_by("path"))


@dataclass
class ModuleProgress:
    id: int
    title: str
    number: int
    hours: int | None
    done: bool
    completed_at: datetime | None


@dataclass
class Progress:
    course: CoursePage
    enrolment: CourseEnrolment | None
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for module in self.modules if module.done)

    @property
    def total(self) -> int:
        return len(self.modules)


def course_progress(*, course: CoursePage, person) -> Progress:
    """`person`'s enrolment in `course` and which published modules they marked done."""
    enrolment = CourseEnrolment.objects.filter(course=course, teacher=person).first()
    done = {}
    if enrolment is not None:
        done = dict(
            ModuleCompletion.objects.filter(enrolment=enrolment).values_list(
                "module_id", "completed_at"
            )
        )
    modules = [
        ModuleProgress(
            id=module.pk,
            title=module.title,
            number=number,
            hours=module.duration_hours,
            done=module.pk in done,
            completed_at=done.get(module.pk),
        )
        for number, module in enumerate(course_modules(course=course), start=1)
    ]
    return Progress(course=course, enrolment=enrolment, modules=modules)


@dataclass
class CohortRow:
    enrolment: CourseEnrolment
    done: int
    total: int
    last_activity: datetime


def course_cohort(*, course: CoursePage) -> list[CohortRow]:
    """Every enrolled teacher's progress over the published modules, by name; the last
    activity is the latest module marked (or the enrolment)."""
    module_ids = [module.pk for module in course_modules(course=course)]
    enrolments = (
        CourseEnrolment.objects.filter(course=course)
        .select_related("teacher")
        .order_by("teacher__last_name", "teacher__first_name", "pk")
    )
    marked = ModuleCompletion.objects.filter(enrolment__course=course, module_id__in=module_ids)
    counts = {
        row["enrolment_id"]: (row["done"], row["last"])
        for row in marked.values("enrolment_id").annotate(
            done=Count("pk"), last=Max("completed_at")
        )
    }
    rows = []
    for enrolment in enrolments:
        done, last = counts.get(enrolment.pk, (0, None))
        rows.append(
            CohortRow(
                enrolment=enrolment,
                done=done,
                total=len(module_ids),
                last_activity=max(filter(None, [enrolment.enrolled_at, last])),
            )
        )
    return rows
