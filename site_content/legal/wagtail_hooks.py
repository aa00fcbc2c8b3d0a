"""Admin for the legal section's data: one menu group with a list per kind of record."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    EducationProgramme,
    Facility,
    FinancialYear,
    GoverningBody,
    InternationalAgreement,
    LegalDocument,
    StaffMember,
    Vacancy,
)


class _LegalViewSet(SnippetViewSet):
    search_backend_name = None


class StaffMemberViewSet(_LegalViewSet):
    model = StaffMember
    icon = "user"
    list_display = ["full_name", "position", "category"]
    list_filter = ["category"]
    search_fields = ["full_name", "position", "subjects"]


class GoverningBodyViewSet(_LegalViewSet):
    model = GoverningBody
    icon = "group"
    list_display = ["name", "head_name"]
    search_fields = ["name", "head_name"]


class LegalDocumentViewSet(_LegalViewSet):
    model = LegalDocument
    icon = "doc-full"
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title"]


class EducationProgrammeViewSet(_LegalViewSet):
    model = EducationProgramme
    icon = "list-ul"
    list_display = ["name", "level", "form"]
    list_filter = ["level"]
    search_fields = ["name"]


class VacancyViewSet(_LegalViewSet):
    model = Vacancy
    icon = "form"
    list_display = ["programme", "grade", "federal", "regional", "local", "paid"]


class FacilityViewSet(_LegalViewSet):
    model = Facility
    icon = "home"
    list_display = ["name", "kind", "address"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]


class InternationalAgreementViewSet(_LegalViewSet):
    model = InternationalAgreement
    icon = "globe"
    list_display = ["organisation", "country"]


class FinancialYearViewSet(_LegalViewSet):
    model = FinancialYear
    icon = "table"
    list_display = ["year", "federal", "regional", "local", "paid"]


class LegalViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Сведения об ОО")
    menu_icon = "doc-full-inverse"
    menu_order = 310
    items = (
        StaffMemberViewSet,
        GoverningBodyViewSet,
        LegalDocumentViewSet,
        EducationProgrammeViewSet,
        VacancyViewSet,
        FacilityViewSet,
        InternationalAgreementViewSet,
        FinancialYearViewSet,
    )


register_snippet(LegalViewSetGroup)
