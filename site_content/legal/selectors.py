"""Reads for the legal section: the school's data gathered for one subsection, and its links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest
from wagtail.models import Site

from cms.core.build_cache import per_build
from publish.context import current

from .subsections import SUBSECTIONS

if TYPE_CHECKING:
    from .models import LegalSectionPage, SchoolDetails

# Pages that show the legal data record this key, so a publish that names it re-renders them.
LEGAL_KEY = "snippets:legal"


@dataclass(frozen=True)
class SubsectionLink:
    slug: str
    title: str
    url: str


def section_url(*, section: LegalSectionPage, request: HttpRequest) -> str:
    info = current(request).index.get(section.pk)
    return info.url if info else section.url


def subsection_links(*, section: LegalSectionPage, request: HttpRequest) -> list[SubsectionLink]:
    """Every subsection with its address under the section, in the order of the law."""
    base = section_url(section=section, request=request)
    return [SubsectionLink(s.slug, s.title, f"{base}{s.slug}/") for s in SUBSECTIONS]


@dataclass(frozen=True)
class DocumentGroup:
    """The documents of one kind, under the microdata attribute the law gives that kind."""

    kind: str
    label: str  # lazy: translated where it is shown
    itemprop: str
    documents: list


@dataclass
class LegalData:
    """Everything the subsections show; lists are empty and texts blank when not filled in."""

    school: SchoolDetails
    founders: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    heads: list = field(default_factory=list)
    deputies: list = field(default_factory=list)
    teachers: list = field(default_factory=list)
    documents: dict[str, DocumentGroup] = field(default_factory=dict)
    programmes: list = field(default_factory=list)
    vacancies: list = field(default_factory=list)
    facilities: dict[str, list] = field(default_factory=dict)
    agreements: list = field(default_factory=list)
    years: list = field(default_factory=list)

    def document_groups(self, subsection: str) -> list[DocumentGroup]:
        """The document kinds that belong to a subsection, in the order of DocumentKind."""
        from .models.snippets import DOCUMENT_PLACES

        return [
            group
            for kind, group in self.documents.items()
            if DOCUMENT_PLACES[kind][0] == subsection
        ]


def school_details(*, site: Site | None) -> SchoolDetails:
    """The site's SchoolDetails, or an empty one; never created here, since rendering a
    page must not write to the database (a write would schedule another publish)."""
    from .models import SchoolDetails

    found = SchoolDetails.objects.filter(site=site).first() if site else None
    return found or SchoolDetails(site=site)


def legal_data(*, request: HttpRequest) -> LegalData:
    """All the legal data, for the site being rendered, read once per build; records the legal
    dependency key."""
    current(request).depends_on(LEGAL_KEY)
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    # Every subsection in every language shows the same rows; the document kinds' labels stay
    # lazy, so each page translates them into its own language.
    return per_build(
        request, ("legal data", site.pk if site else None), lambda: _load_legal_data(site=site)
    )


def _load_legal_data(*, site: Site | None) -> LegalData:
    from .models import (
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
    from .models.snippets import DOCUMENT_PLACES

    school = school_details(site=site)
    staff = list(StaffMember.objects.all())
    documents = list(LegalDocument.objects.select_related("document"))
    facilities = list(Facility.objects.all())
    return LegalData(
        school=school,
        founders=list(school.founders.all()) if school.pk else [],
        bodies=list(GoverningBody.objects.select_related("regulation")),
        heads=[s for s in staff if s.category == StaffCategory.HEAD],
        deputies=[s for s in staff if s.category == StaffCategory.DEPUTY],
        teachers=[s for s in staff if s.category == StaffCategory.TEACHER],
        documents={
            kind.value: DocumentGroup(
                kind=kind.value,
                label=kind.label,
                itemprop=DOCUMENT_PLACES[kind][1],
                documents=[d for d in documents if d.kind == kind],
            )
            for kind in DocumentKind
        },
        programmes=list(
            EducationProgramme.objects.select_related(
                "description", "curriculum", "work_programmes", "calendar", "methodology"
            )
        ),
        vacancies=list(Vacancy.objects.select_related("programme")),
        facilities={kind.value: [f for f in facilities if f.kind == kind] for kind in FacilityKind},
        agreements=list(InternationalAgreement.objects.all()),
        years=list(FinancialYear.objects.all()),
    )
