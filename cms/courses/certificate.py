"""The completion certificate of a teachers' course: one A4 page in PDF, made with reportlab.

Cyrillic needs a TrueType font with its letters; the system's DejaVu Sans (Debian's
`fonts-dejavu-core`, which `make` installs) is used, so no font is kept in the repository.
"""

from __future__ import annotations

import io
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from .models import CourseEnrolment

__all__ = ["FONT_PATH", "CertificateFontMissing", "certificate_pdf", "school_name"]

MOSCOW = ZoneInfo("Europe/Moscow")
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


class CertificateFontMissing(RuntimeError):
    """The Cyrillic font is not installed on this machine."""


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not FONT_PATH.exists():
        raise CertificateFontMissing(
            f"{FONT_PATH} is missing: install Debian's fonts-dejavu-core package "
            "(apt-get install fonts-dejavu-core) so certificates can print Cyrillic"
        )
    registered = pdfmetrics.getRegisteredFontNames()
    if "DejaVuSans" not in registered:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_PATH)))
    bold = "DejaVuSans"
    if FONT_BOLD_PATH.exists():
        if "DejaVuSans-Bold" not in registered:
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_BOLD_PATH)))
        bold = "DejaVuSans-Bold"
    return "DejaVuSans", bold


def school_name(site=None) -> str:
    """The school's full name from its site settings (short name, then the site's name)."""
    from wagtail.models import Site

    from site_content.legal.models.school import SchoolDetails

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        details = SchoolDetails.for_site(site)
        name = details.full_name or details.short_name
        if name:
            return name
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def _wrapped(canvas, text: str, font: str, size: int, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` at that font and size."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and stringWidth(candidate, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def certificate_pdf(*, enrolment: CourseEnrolment, school: str, compress: bool = True) -> bytes:
    """The certificate of a completed enrolment: school, teacher, course, hours, date,
    number. `compress=False` leaves the page's text readable in the file (for tests)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = _fonts()
    course, teacher = enrolment.course, enrolment.teacher
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1 if compress else 0, invariant=1)
    canvas.setTitle(_("Сертификат о прохождении курса"))
    canvas.setAuthor(school)
    width, height = A4
    centre = width / 2
    usable = width - 40 * mm
    canvas.setLineWidth(1.5)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    y = height - 40 * mm
    for line in _wrapped(canvas, school, regular, 12, usable):
        canvas.setFont(regular, 12)
        canvas.drawCentredString(centre, y, line)
        y -= 7 * mm
    y -= 20 * mm
    canvas.setFont(bold, 30)
    canvas.drawCentredString(centre, y, _("СЕРТИФИКАТ"))
    y -= 12 * mm
    canvas.setFont(regular, 13)
    canvas.drawCentredString(centre, y, _("о прохождении курса повышения квалификации"))
    y -= 25 * mm
    canvas.setFont(regular, 12)
    canvas.drawCentredString(centre, y, _("Настоящим подтверждается, что"))
    y -= 12 * mm
    for line in _wrapped(canvas, teacher.full_name, bold, 20, usable):
        canvas.setFont(bold, 20)
        canvas.drawCentredString(centre, y, line)
        y -= 10 * mm
    y -= 4 * mm
    canvas.setFont(regular, 12)
    canvas.drawCentredString(centre, y, _("прошёл(а) все модули курса"))
    y -= 11 * mm
    for line in _wrapped(canvas, f"«{course.title}»", bold, 16, usable):
        canvas.setFont(bold, 16)
        canvas.drawCentredString(centre, y, line)
        y -= 9 * mm
    if course.duration_hours:
        y -= 3 * mm
        canvas.setFont(regular, 12)
        canvas.drawCentredString(
            centre, y, _("Объём программы: %(hours)s ч") % {"hours": course.duration_hours}
        )
        y -= 8 * mm

    completed = enrolment.completed_at.astimezone(MOSCOW).date()
    canvas.setFont(regular, 11)
    canvas.drawString(
        25 * mm,
        40 * mm,
        _("Дата: %(date)s") % {"date": formats.date_format(completed, "DATE_FORMAT")},
    )
    canvas.drawRightString(
        width - 25 * mm,
        40 * mm,
        _("Регистрационный номер: %(number)s") % {"number": enrolment.certificate_number},
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
