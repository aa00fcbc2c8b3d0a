"""The subsections of «Сведения об образовательной организации», as the law lays them out.

Приказ Рособрнадзора № 1493 от 04.08.2023 fixes the subsections, their addresses under
/sveden/ and the microdata (`itemprop`) by which inspection robots read them. Every
subsection is always published; `itemprops` lists the attributes its page carries even when
the school has not filled in the data yet.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

__all__ = ["Subsection", "SUBSECTIONS", "SUBSECTIONS_BY_SLUG"]


@dataclass(frozen=True)
class Subsection:
    slug: str
    title: str
    itemprops: tuple[str, ...]

    @property
    def template(self) -> str:
        return f"legal/subsections/{self.slug}.html"


SUBSECTIONS: tuple[Subsection, ...] = (
    Subsection(
        "common",
        _("Основные сведения"),
        (
            "fullName",
            "shortName",
            "regDate",
            "address",
            "workTime",
            "telephone",
            "email",
            "uchredLaw",
            "nameUchred",
            "addressUchred",
            "telUchred",
            "mailUchred",
            "websiteUchred",
            "addressPlaceSet",
            "licenseDocLink",
            "accreditationDocLink",
        ),
    ),
    Subsection(
        "struct",
        _("Структура и органы управления образовательной организацией"),
        (
            "structOrgUprav",
            "name",
            "fio",
            "post",
            "addressStr",
            "site",
            "email",
            "divisionClauseDocLink",
            "filInfo",
            "repInfo",
        ),
    ),
    Subsection(
        "document",
        _("Документы"),
        (
            "ustavDocLink",
            "localActStud",
            "localActOrder",
            "localActCollec",
            "reportEduDocLink",
            "prescriptionDocLink",
            "priemDocLink",
            "modeDocLink",
            "tekKontrolDocLink",
            "perevodDocLink",
            "vozDocLink",
        ),
    ),
    Subsection(
        "education",
        _("Образование"),
        (
            "eduOp",
            "eduCode",
            "eduName",
            "eduLevel",
            "eduForm",
            "learningTerm",
            "languageEl",
            "opMain",
            "educationPlan",
            "educationRpd",
            "educationShedule",
            "methodology",
            "eduEl",
            "eduChislenEl",
            "numberAll",
            "numberBF",
            "numberBR",
            "numberBM",
            "numberP",
        ),
    ),
    Subsection(
        "managers",
        _("Руководство"),
        ("rucovodstvo", "rucovodstvoZam", "fio", "post", "telephone", "email"),
    ),
    Subsection(
        "employees",
        _("Педагогический состав"),
        (
            "teachingStaff",
            "fio",
            "post",
            "teachingLevel",
            "teachingDiscipline",
            "degree",
            "academStat",
            "employeeQualification",
            "profDevelopment",
            "genExperience",
            "specExperience",
            "teachingOp",
        ),
    ),
    Subsection(
        "objects",
        _(
            "Материально-техническое обеспечение и оснащённость образовательного процесса. "
            "Доступная среда"
        ),
        (
            "purposeCab",
            "addressCab",
            "nameCab",
            "osnCab",
            "ovzCab",
            "purposeLibr",
            "purposeSport",
            "objName",
            "objAddress",
            "objSq",
            "objCnt",
            "objOvz",
            "purposeFacil",
            "purposeFacilOvz",
            "ovz",
            "comNet",
            "comNetOvz",
            "erList",
            "erListOvz",
            "techOvz",
            "purposeEios",
            "hostelInfo",
        ),
    ),
    Subsection(
        "paid_edu",
        _("Платные образовательные услуги"),
        ("paidEdu", "paidDog", "paidSt", "paidParents"),
    ),
    Subsection(
        "budget",
        _("Финансово-хозяйственная деятельность"),
        (
            "volume",
            "finYear",
            "finBFVolume",
            "finBRVolume",
            "finBMVolume",
            "finPVolume",
            "finPost",
            "finRas",
            "finPlanDocLink",
        ),
    ),
    Subsection(
        "vacant",
        _("Вакантные места для приёма (перевода) обучающихся"),
        (
            "vacant",
            "eduCode",
            "eduName",
            "eduLevel",
            "eduCourse",
            "eduForm",
            "numberBFVacant",
            "numberBRVacant",
            "numberBMVacant",
            "numberPVacant",
        ),
    ),
    Subsection(
        "grants",
        _("Стипендии и меры поддержки обучающихся"),
        ("grant", "support", "localAct", "hostelInfo", "hostelNum"),
    ),
    Subsection(
        "inter",
        _("Международное сотрудничество"),
        ("internationalDog", "stateName", "orgName", "dogReg"),
    ),
    Subsection(
        "catering",
        _("Организация питания в образовательной организации"),
        ("meals", "health", "objName", "objAddress", "objSq", "objCnt", "objOvz"),
    ),
    Subsection(
        "eduStandarts",
        _("Образовательные стандарты и требования"),
        ("eduFedDoc", "eduStandartDoc", "eduFedTreb", "eduStandartTreb"),
    ),
)

SUBSECTIONS_BY_SLUG = {s.slug: s for s in SUBSECTIONS}
