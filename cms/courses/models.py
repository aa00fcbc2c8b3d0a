"""A teacher's way through a course: the enrolment and each module marked done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseEnrolment(models.Model):
    """A teacher (or tutor) takes a course; `completed_at` is set when every module is done."""

    course = models.ForeignKey(
        "support.CoursePage",
        verbose_name=_("курс"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("слушатель"),
        on_delete=models.CASCADE,
        related_name="course_enrolments",
    )
    enrolled_at = models.DateTimeField(_("записан"), auto_now_add=True)
    completed_at = models.DateTimeField(_("курс пройден"), null=True, blank=True)

    class Meta:
        verbose_name = _("запись на курс")
        verbose_name_plural = _("записи на курсы")
        ordering = ["enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "teacher"], name="courses_enrolment_one_per_teacher"
            ),
        ]

    def __str__(self):
        return f"{self.teacher} — {self.course}"

    @property
    def certificate_number(self) -> str:
        """The certificate's number: the course and the enrolment, never the person."""
        return f"К-{self.course_id}-{self.pk:05d}"


class ModuleCompletion(models.Model):
    """One module of the course that the enrolled teacher marked done."""

    enrolment = models.ForeignKey(
        CourseEnrolment,
        verbose_name=_("запись на курс"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    module = models.ForeignKey(
        "support.CourseModulePage",
        verbose_name=_("модуль"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("пройден"), auto_now_add=True)

    class Meta:
        verbose_name = _("пройденный модуль")
        verbose_name_plural = _("пройденные модули")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="courses_completion_one_per_module"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.module}"
