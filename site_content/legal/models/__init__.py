"""Structured data of «Сведения об образовательной организации» and the page that renders it.

Editors keep the school's facts as a site setting (`SchoolDetails`) and snippets; the
`LegalSectionPage` generates every subsection from them, so a partner school only fills in
its own data.
"""

from .pages import LegalSectionPage
from .school import Founder, SchoolDetails
from .snippets import (
    DocumentKind,
    EducationProgramme,
    Facility,
    FacilityKind,
    FinancialYear,
    GoverningBody,
    InternationalAgreement,
    LegalDocument,
    StaffCategory,
    StaffMember,
    Vacancy,
)

__all__ = [
    "DocumentKind",
    "EducationProgramme",
    "Facility",
    "FacilityKind",
    "FinancialYear",
    "Founder",
    "GoverningBody",
    "InternationalAgreement",
    "LegalDocument",
    "LegalSectionPage",
    "SchoolDetails",
    "StaffCategory",
    "StaffMember",
    "Vacancy",
]
