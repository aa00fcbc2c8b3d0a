"""Staff's downloads: CSV with a BOM and cells a spreadsheet never runs as formulas, XLSX with
the same rows; an anonymous survey's file says nothing of who answered."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.surveys.services import response_save

from .conftest import make_parent
from .factories import GOOD, make_survey

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example")'


def _download(client, person, survey, fmt):
    client.force_login(person)
    return client.get(reverse(f"api:survey-export-{fmt}", args=[survey.code]))


def test_the_csv_has_a_bom_one_row_per_response_and_defused_formulas(client, people):
    survey = make_survey(anonymous=False)
    response_save(survey=survey, person=people["parent"], answers={**GOOD, "q-name": FORMULA})
    response = _download(client, people["staff"], survey, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert "'=HYPERLINK" in lines[1]
    assert "родители" in lines[1]


def test_the_xlsx_has_the_same_rows_and_stores_formulas_as_text(client, people):
    survey = make_survey(anonymous=False)
    response_save(survey=survey, person=people["parent"], answers={**GOOD, "q-name": FORMULA})
    response = _download(client, people["staff"], survey, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert "'" + FORMULA in rows[1]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_an_anonymous_survey_exports_answers_without_any_identity(client, people):
    survey = make_survey()
    parent = make_parent("maria.petrova", "9А")
    response_save(survey=survey, person=parent, answers=GOOD)
    for fmt in ("csv", "xlsx"):
        content = _download(client, people["staff"], survey, fmt).content
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(content)).active
            rows = list(sheet.iter_rows(values_only=True))
        else:
            rows = [line.split(",") for line in content.decode("utf-8").splitlines()]
        header = " ".join(str(c) for c in rows[0])
        assert "Участник" not in header and "Группа" not in header and "Параллель" not in header
        flat = " ".join(str(c) for row in rows for c in row)
        assert "maria" not in flat.lower() and "родители" not in flat


def test_only_staff_may_download(client, people, survey):
    for person in (people["parent"], people["teacher"]):
        response = _download(client, person, survey, "csv")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"
