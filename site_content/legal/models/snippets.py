"""Lists the legal section shows as tables: staff, bodies, documents, programmes, places…"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string


def _slug():
    return models.SlugField(
        _("код"),
        max_length=80,
        unique=True,
        help_text=_("Латиницей, без пробелов: по нему запись находят файлы содержания."),
    )


def _order():
    return models.PositiveSmallIntegerField(
        _("порядок"), default=100, help_text=_("Меньшее число — выше в списке.")
    )


def _document(label):
    return models.ForeignKey(
        get_document_model_string(),
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class GoverningBody(models.Model):
    """A governing body or a structural unit of the school (подраздел «Структура»)."""

    slug = _slug()
    name = models.CharField(_("наименование"), max_length=255)
    head_name = models.CharField(_("ФИО руководителя"), max_length=255, blank=True)
    head_position = models.CharField(_("должность руководителя"), max_length=255, blank=True)
    address = models.CharField(_("место нахождения"), max_length=500, blank=True)
    website = models.URLField(_("сайт"), blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    regulation = _document(_("положение"))
    sort_order = _order()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_position")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("email")]),
        FieldPanel("regulation"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("орган управления или подразделение")
        verbose_name_plural = _("органы управления и подразделения")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class StaffCategory(models.TextChoices):
    HEAD = "head", _("руководитель")
    DEPUTY = "deputy", _("заместитель руководителя")
    TEACHER = "teacher", _("педагогический работник")


class StaffMember(models.Model):
    """An adult employee: the head and deputies (Руководство), teachers (Педагогический состав).

    Only facts the law asks to publish; a work phone and e-mail are shown for the
    management only.
    """

    slug = _slug()
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=255)
    position = models.CharField(_("должность"), max_length=255)
    category = models.CharField(
        _("категория"), max_length=10, choices=StaffCategory.choices, default=StaffCategory.TEACHER
    )
    phone = models.CharField(
        _("рабочий телефон"),
        max_length=120,
        blank=True,
        help_text=_("Публикуется только для руководства."),
    )
    email = models.EmailField(
        _("рабочая почта"), blank=True, help_text=_("Публикуется только для руководства.")
    )
    subjects = models.CharField(_("преподаваемые предметы"), max_length=500, blank=True)
    education_level = models.CharField(_("уровень образования"), max_length=255, blank=True)
    qualification = models.CharField(
        _("направление подготовки, специальность, квалификация"), max_length=500, blank=True
    )
    degree = models.CharField(_("учёная степень"), max_length=255, blank=True)
    academic_title = models.CharField(_("учёное звание"), max_length=255, blank=True)
    professional_development = models.TextField(
        _("повышение квалификации и переподготовка"), blank=True
    )
    total_experience = models.PositiveSmallIntegerField(_("общий стаж, лет"), null=True, blank=True)
    teaching_experience = models.PositiveSmallIntegerField(
        _("педагогический стаж, лет"), null=True, blank=True
    )
    programmes = models.CharField(
        _("образовательные программы"),
        max_length=500,
        blank=True,
        help_text=_("В реализации каких программ участвует."),
    )
    sort_order = _order()

    panels = [
        FieldRowPanel([FieldPanel("full_name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("position"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Для руководства")),
        MultiFieldPanel(
            [
                FieldPanel("subjects"),
                FieldPanel("education_level"),
                FieldPanel("qualification"),
                FieldRowPanel([FieldPanel("degree"), FieldPanel("academic_title")]),
                FieldPanel("professional_development"),
                FieldRowPanel([FieldPanel("total_experience"), FieldPanel("teaching_experience")]),
                FieldPanel("programmes"),
            ],
            heading=_("Для педагогического состава"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("сотрудник")
        verbose_name_plural = _("сотрудники")
        ordering = ["sort_order", "full_name"]

    def __str__(self):
        return f"{self.full_name} — {self.position}"

    @property
    def is_management(self) -> bool:
        return self.category in (StaffCategory.HEAD, StaffCategory.DEPUTY)


class DocumentKind(models.TextChoices):
    """What a document is; `DOCUMENT_PLACES` says in which subsection and under which
    microdata attribute the law expects it."""

    CHARTER = "charter", _("Устав")
    ADMISSION = "admission", _("Правила приёма обучающихся")
    STUDY_MODE = "study_mode", _("Режим занятий обучающихся")
    ASSESSMENT = (
        "assessment",
        _("Формы, периодичность и порядок текущего контроля и промежуточной аттестации"),
    )
    TRANSFER = "transfer", _("Порядок и основания перевода, отчисления и восстановления")
    RELATIONS = (
        "relations",
        _("Порядок оформления возникновения, приостановления и прекращения отношений"),
    )
    STUDENT_RULES = "student_rules", _("Правила внутреннего распорядка обучающихся")
    LABOUR_RULES = "labour_rules", _("Правила внутреннего трудового распорядка")
    COLLECTIVE_AGREEMENT = "collective_agreement", _("Коллективный договор")
    SELF_REPORT = "self_report", _("Отчёт о результатах самообследования")
    PRESCRIPTIONS = "prescriptions", _("Предписания органов контроля и отчёты об исполнении")
    OTHER_LOCAL_ACT = "local_act", _("Другой локальный нормативный акт")
    LICENCE = "licence", _("Выписка из реестра лицензий")
    ACCREDITATION = "accreditation", _("Свидетельство о государственной аккредитации")
    PAID_ORDER = "paid_order", _("Порядок оказания платных образовательных услуг")
    PAID_CONTRACT = "paid_contract", _("Образец договора об оказании платных услуг")
    PAID_PRICES = "paid_prices", _("Документ об утверждении стоимости обучения")
    PARENT_FEE = "parent_fee", _("Документ о плате, взимаемой с родителей")
    FIN_PLAN = "fin_plan", _("План финансово-хозяйственной деятельности")
    GRANTS_ACT = "grants_act", _("Локальный акт о стипендиях и мерах поддержки")
    FED_STANDARD = "fed_standard", _("Федеральный государственный образовательный стандарт")
    OWN_STANDARD = "own_standard", _("Образовательный стандарт организации")
    FED_REQUIREMENTS = "fed_requirements", _("Федеральные государственные требования")
    OWN_REQUIREMENTS = "own_requirements", _("Требования, установленные организацией")
    CATERING = "catering", _("Документ об организации питания")


# kind → (subsection slug, itemprop or "" when the law names no attribute for it)
DOCUMENT_PLACES: dict[str, tuple[str, str]] = {
    DocumentKind.CHARTER: ("document", "ustavDocLink"),
    DocumentKind.ADMISSION: ("document", "priemDocLink"),
    DocumentKind.STUDY_MODE: ("document", "modeDocLink"),
    DocumentKind.ASSESSMENT: ("document", "tekKontrolDocLink"),
    DocumentKind.TRANSFER: ("document", "perevodDocLink"),
    DocumentKind.RELATIONS: ("document", "vozDocLink"),
    DocumentKind.STUDENT_RULES: ("document", "localActStud"),
    DocumentKind.LABOUR_RULES: ("document", "localActOrder"),
    DocumentKind.COLLECTIVE_AGREEMENT: ("document", "localActCollec"),
    DocumentKind.SELF_REPORT: ("document", "reportEduDocLink"),
    DocumentKind.PRESCRIPTIONS: ("document", "prescriptionDocLink"),
    DocumentKind.OTHER_LOCAL_ACT: ("document", ""),
    DocumentKind.LICENCE: ("common", "licenseDocLink"),
    DocumentKind.ACCREDITATION: ("common", "accreditationDocLink"),
    DocumentKind.PAID_ORDER: ("paid_edu", "paidEdu"),
    DocumentKind.PAID_CONTRACT: ("paid_edu", "paidDog"),
    DocumentKind.PAID_PRICES: ("paid_edu", "paidSt"),
    DocumentKind.PARENT_FEE: ("paid_edu", "paidParents"),
    DocumentKind.FIN_PLAN: ("budget", "finPlanDocLink"),
    DocumentKind.GRANTS_ACT: ("grants", "localAct"),
    DocumentKind.FED_STANDARD: ("eduStandarts", "eduFedDoc"),
    DocumentKind.OWN_STANDARD: ("eduStandarts", "eduStandartDoc"),
    DocumentKind.FED_REQUIREMENTS: ("eduStandarts", "eduFedTreb"),
    DocumentKind.OWN_REQUIREMENTS: ("eduStandarts", "eduStandartTreb"),
    DocumentKind.CATERING: ("catering", ""),
}


class LegalDocument(models.Model):
    """A document of the legal section: an uploaded file or a link to an official text."""

    slug = _slug()
    kind = models.CharField(_("вид документа"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("название"), max_length=500)
    document = _document(_("файл"))
    url = models.URLField(
        _("или ссылка"),
        blank=True,
        help_text=_("Для документов, опубликованных в другом месте (например, ФГОС)."),
    )
    date = models.DateField(_("дата утверждения"), null=True, blank=True)
    note = models.CharField(
        _("примечание"),
        max_length=500,
        blank=True,
        help_text=_("Например: «подписан электронной подписью» или «предписаний не было»."),
    )
    sort_order = _order()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("slug")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("sort_order")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("документ раздела «Сведения»")
        verbose_name_plural = _("документы раздела «Сведения»")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    @property
    def subsection(self) -> str:
        return DOCUMENT_PLACES[self.kind][0]

    @property
    def itemprop(self) -> str:
        return DOCUMENT_PLACES[self.kind][1]

    def clean(self):
        super().clean()
        if not self.document_id and not self.url and not self.note:
            raise ValidationError(
                _("Загрузите файл, дайте ссылку или поясните в примечании, почему документа нет.")
            )


class EducationLevel(models.TextChoices):
    PRIMARY = "primary", _("начальное общее образование")
    BASIC = "basic", _("основное общее образование")
    SECONDARY = "secondary", _("среднее общее образование")
    ADDITIONAL = "additional", _("дополнительное образование детей и взрослых")
    PROFESSIONAL = "professional", _("дополнительное профессиональное образование")


class EducationProgramme(models.Model):
    """An educational programme the school runs, with its documents and student numbers."""

    slug = _slug()
    name = models.CharField(_("наименование программы"), max_length=500)
    code = models.CharField(_("код"), max_length=40, blank=True)
    level = models.CharField(
        _("уровень образования"), max_length=20, choices=EducationLevel.choices
    )
    form = models.CharField(_("форма обучения"), max_length=120, default="очная")
    term = models.CharField(_("нормативный срок обучения"), max_length=120, blank=True)
    language = models.CharField(_("язык обучения"), max_length=120, default="русский")
    description = _document(_("описание программы (ООП)"))
    curriculum = _document(_("учебный план"))
    work_programmes = _document(_("рабочие программы"))
    calendar = _document(_("календарный учебный график"))
    methodology = _document(_("методические и иные документы"))
    number_federal = models.PositiveIntegerField(
        _("обучающихся за счёт федерального бюджета"), null=True, blank=True
    )
    number_regional = models.PositiveIntegerField(
        _("обучающихся за счёт бюджета субъекта РФ"), null=True, blank=True
    )
    number_local = models.PositiveIntegerField(
        _("обучающихся за счёт местного бюджета"), null=True, blank=True
    )
    number_paid = models.PositiveIntegerField(_("обучающихся по договорам"), null=True, blank=True)
    sort_order = _order()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("form"), FieldPanel("term"), FieldPanel("language")]),
        MultiFieldPanel(
            [
                FieldPanel("description"),
                FieldPanel("curriculum"),
                FieldPanel("work_programmes"),
                FieldPanel("calendar"),
                FieldPanel("methodology"),
            ],
            heading=_("Документы программы"),
        ),
        FieldRowPanel(
            [
                FieldPanel("number_federal"),
                FieldPanel("number_regional"),
                FieldPanel("number_local"),
                FieldPanel("number_paid"),
            ],
            heading=_("Численность обучающихся"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("образовательная программа")
        verbose_name_plural = _("образовательные программы")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def sveden_documents(self) -> list[tuple[str, str, object]]:
        """(itemprop, label, document or None) for each document the law lists for a programme."""
        return [
            ("opMain", _("Описание образовательной программы"), self.description),
            ("educationPlan", _("Учебный план"), self.curriculum),
            ("educationRpd", _("Рабочие программы"), self.work_programmes),
            ("educationShedule", _("Календарный учебный график"), self.calendar),
            ("methodology", _("Методические и иные документы"), self.methodology),
        ]

    @property
    def number_total(self) -> int | None:
        """All students of the programme, or None while no number is filled in."""
        numbers = [self.number_federal, self.number_regional, self.number_local, self.number_paid]
        if all(n is None for n in numbers):
            return None
        return sum(n or 0 for n in numbers)


class Vacancy(models.Model):
    """Vacant places for admission or transfer in one class of a programme."""

    slug = _slug()
    programme = models.ForeignKey(
        EducationProgramme,
        verbose_name=_("образовательная программа"),
        on_delete=models.CASCADE,
        related_name="vacancies",
    )
    grade = models.CharField(_("класс"), max_length=20, help_text=_("Например: «5» или «10»."))
    federal = models.PositiveIntegerField(_("мест за счёт федерального бюджета"), default=0)
    regional = models.PositiveIntegerField(_("мест за счёт бюджета субъекта РФ"), default=0)
    local = models.PositiveIntegerField(_("мест за счёт местного бюджета"), default=0)
    paid = models.PositiveIntegerField(_("мест по договорам"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("programme"), FieldPanel("grade"), FieldPanel("slug")]),
        FieldRowPanel(
            [FieldPanel("federal"), FieldPanel("regional"), FieldPanel("local"), FieldPanel("paid")]
        ),
    ]

    class Meta:
        verbose_name = _("вакантные места")
        verbose_name_plural = _("вакантные места")
        ordering = ["programme__sort_order", "grade"]

    def __str__(self):
        return f"{self.programme} — {self.grade}"


class FacilityKind(models.TextChoices):
    """Where a facility is listed: classrooms, library and sport under «Оснащённость»,
    canteens under «Организация питания»."""

    CLASSROOM = "classroom", _("учебный кабинет")
    LIBRARY = "library", _("библиотека")
    SPORT = "sport", _("объект спорта")
    CATERING = "catering", _("объект питания")
    OTHER = "other", _("другой объект")


class Facility(models.Model):
    """A room or building used for teaching, sport, reading or meals."""

    slug = _slug()
    kind = models.CharField(_("вид"), max_length=20, choices=FacilityKind.choices)
    name = models.CharField(_("наименование"), max_length=255)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    area = models.DecimalField(
        _("площадь, м²"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    seats = models.PositiveIntegerField(_("количество мест"), null=True, blank=True)
    equipment = models.TextField(_("оснащённость"), blank=True)
    accessibility = models.CharField(
        _("приспособленность для инвалидов и лиц с ОВЗ"), max_length=500, blank=True
    )
    sort_order = _order()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("seats")]),
        FieldPanel("equipment"),
        FieldPanel("accessibility"),
    ]

    class Meta:
        verbose_name = _("объект")
        verbose_name_plural = _("объекты и помещения")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class InternationalAgreement(models.Model):
    """An agreement with a foreign or international organisation."""

    slug = _slug()
    country = models.CharField(_("государство"), max_length=255)
    organisation = models.CharField(_("организация"), max_length=500)
    details = models.CharField(_("реквизиты договора"), max_length=500)

    panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("slug")]),
        FieldPanel("organisation"),
        FieldPanel("details"),
    ]

    class Meta:
        verbose_name = _("международный договор")
        verbose_name_plural = _("международные договоры")
        ordering = ["country", "organisation"]

    def __str__(self):
        return f"{self.organisation} ({self.country})"


class FinancialYear(models.Model):
    """The volume of educational activity in one year by source of funding, and its cash flow."""

    year = models.PositiveSmallIntegerField(_("год"), unique=True)
    federal = models.DecimalField(
        _("за счёт федерального бюджета, тыс. руб."), max_digits=14, decimal_places=2, default=0
    )
    regional = models.DecimalField(
        _("за счёт бюджета субъекта РФ, тыс. руб."), max_digits=14, decimal_places=2, default=0
    )
    local = models.DecimalField(
        _("за счёт местного бюджета, тыс. руб."), max_digits=14, decimal_places=2, default=0
    )
    paid = models.DecimalField(
        _("по договорам, тыс. руб."), max_digits=14, decimal_places=2, default=0
    )
    income = models.TextField(_("поступление финансовых и материальных средств"), blank=True)
    expenditure = models.TextField(_("расходование финансовых и материальных средств"), blank=True)

    panels = [
        FieldPanel("year"),
        FieldRowPanel(
            [FieldPanel("federal"), FieldPanel("regional"), FieldPanel("local"), FieldPanel("paid")]
        ),
        FieldPanel("income"),
        FieldPanel("expenditure"),
    ]

    class Meta:
        verbose_name = _("финансовый год")
        verbose_name_plural = _("финансовые годы")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)
