"""Writes of the teachers' course: enrol, mark a module done or not, and complete the course."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cms.notifications.email import recipient_language
from cms.notifications.services import notification_send

from . import kinds
from .models import CourseEnrolment, ModuleCompletion
from .rules import may_enrol
from .selectors import course_modules

__all__ = ["CourseError", "enrolment_create", "module_mark"]


@dataclass
class CourseError(Exception):
    """The course refuses now: a stable `code` for programs and a `message` for people."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def enrolment_create(*, course, person) -> CourseEnrolment:
    """Enrol `person` (a teacher, tutor or staff member) in `course`; enrolling twice keeps
    the first enrolment."""
    if not may_enrol.test(person):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return CourseEnrolment.objects.create(course=course, teacher=person)
    except IntegrityError:
        # The unique constraint answers two clicks at once: the first enrolment stays.
        return CourseEnrolment.objects.get(course=course, teacher=person)


def module_mark(*, course, person, module_id: int, done: bool) -> CourseEnrolment:
    """Mark a published module of `course` done (or not done) for `person`; when every
    published module is done the course is completed (and undone again if one is unmarked)."""
    with transaction.atomic():
        # The enrolment's row is the lock: two marks at once count the modules once each.
        enrolment = (
            CourseEnrolment.objects.select_for_update()
            .filter(course=course, teacher=person)
            .first()
        )
        if enrolment is None:
            raise CourseError("not_enrolled", _("Сначала запишитесь на курс."))
        modules = {module.pk: module for module in course_modules(course=course)}
        if module_id not in modules:
            raise CourseError("no_module", _("В этом курсе нет такого опубликованного модуля."))
        if done:
            ModuleCompletion.objects.get_or_create(enrolment=enrolment, module_id=module_id)
        else:
            ModuleCompletion.objects.filter(enrolment=enrolment, module_id=module_id).delete()
        done_count = ModuleCompletion.objects.filter(
            enrolment=enrolment, module_id__in=modules
        ).count()
        finished = bool(modules) and done_count == len(modules)
        if finished and enrolment.completed_at is None:
            enrolment.completed_at = timezone.now()
            enrolment.save(update_fields=["completed_at"])
            _tell_completed(enrolment)
        elif not finished and enrolment.completed_at is not None:
            enrolment.completed_at = None
            enrolment.save(update_fields=["completed_at"])
    return enrolment


def _tell_completed(enrolment: CourseEnrolment) -> None:
    teacher = enrolment.teacher
    course = enrolment.course
    with override(recipient_language(teacher)):
        notification_send(
            recipient=teacher,
            kind=kinds.COMPLETED.code,
            title=_("Курс «%(title)s» пройден") % {"title": course.title},
            body=_("Все модули отмечены. Сертификат можно скачать на странице курса."),
            url=course.url or "",
        )
