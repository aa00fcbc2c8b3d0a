"""Staff's download of a survey's responses: CSV (UTF-8 with a BOM) or XLSX, one row per
response. A signed survey's rows name the respondent (as the staff member may see them) with
their group and grade; an anonymous survey's rows hold the answers only, in the order of their
random keys, so neither a name, a group nor the moment of answering is in the file."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _

from cms.users.selectors import display_name_for

from .models import RoleGroup, Survey
from .questions import questions_of

__all__ = ["XLSX_TYPE", "export_response", "export_rows"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value) -> str | int:
    """A cell a spreadsheet never runs as a formula (what a respondent typed is untrusted)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _answer_text(value) -> str | int:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def export_rows(*, survey: Survey, viewer) -> list[list]:
    """The header and one row per response, every cell already safe."""
    questions = [q for q in questions_of(survey) if q.asks]
    groups = dict(RoleGroup.choices)
    header = [] if survey.anonymous else [_("Участник"), _("Группа"), _("Параллель")]
    header += [q.label for q in questions]
    rows = [[cell_safe(h) for h in header]]
    responses = survey.responses.select_related("respondent")
    responses = responses.order_by("respondent_key" if survey.anonymous else "submitted_at")
    for response in responses:
        row = []
        if not survey.anonymous:
            row += [
                display_name_for(person=response.respondent, viewer=viewer),
                str(groups.get(response.role_group, response.role_group)),
                response.grade if response.grade is not None else "",
            ]
        row += [_answer_text(response.answers.get(q.id)) for q in questions]
        rows.append([cell_safe(cell) for cell in row])
    return rows


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read the Cyrillic as UTF-8
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = (title or "survey")[:31].translate(str.maketrans("[]:*?/\\", "_______"))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                # openpyxl would store a text starting with "=" as a formula.
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(*, survey: Survey, viewer, fmt: str) -> HttpResponse:
    rows = export_rows(survey=survey, viewer=viewer)
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(rows, survey.code), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    filename = f"survey-{survey.code}.{fmt}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    return response
