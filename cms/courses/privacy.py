"""The teachers' course in "download my data" and "delete my account": a teacher's
enrolments and the modules they marked; a coordinator's name leaves the course pages."""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import CourseEnrolment


def courses_export(person) -> dict:
    from site_content.support.models import CoursePage

    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "enrolled_at": enrolment.enrolled_at,
                "completed_at": enrolment.completed_at,
                "certificate_number": enrolment.certificate_number
                if enrolment.completed_at
                else "",
                "modules_done": [
                    {"module": completion.module.title, "completed_at": completion.completed_at}
                    for completion in enrolment.completions.select_related("module")
                ],
            }
            for enrolment in CourseEnrolment.objects.filter(teacher=person).select_related("course")
        ],
        "courses_coordinated": list(
            CoursePage.objects.filter(coordinator=person).values_list("title", flat=True)
        ),
    }


def courses_erase(person) -> None:
    from site_content.support.models import CoursePage

    # The completions go with their enrolment (CASCADE).
    CourseEnrolment.objects.filter(teacher=person).delete()
    CoursePage.objects.filter(coordinator=person).update(coordinator=None)


MODELS = ["courses.CourseEnrolment", "courses.ModuleCompletion", "support.CoursePage"]
register_exporter("courses", courses_export, models=MODELS)
register_eraser("courses", courses_erase, models=MODELS)
