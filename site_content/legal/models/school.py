"""The school's own facts, kept once per site: names, addresses, founders, licence, texts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


def _text(label, help_text=""):
    return models.TextField(label, blank=True, help_text=help_text)


@register_setting(icon="doc-full-inverse")
class SchoolDetails(ClusterableModel, BaseSiteSetting):
    """What «Основные сведения» and the descriptive parts of the other subsections say.

    Every field may stay empty: the section then says that the information will be published,
    so the section is complete from the first day.
    """

    full_name = models.CharField(_("полное наименование"), max_length=500, blank=True)
    short_name = models.CharField(_("сокращённое наименование"), max_length=255, blank=True)
    founded_on = models.DateField(_("дата создания"), null=True, blank=True)
    address = models.CharField(
        _("место нахождения"),
        max_length=500,
        blank=True,
        help_text=_("Юридический адрес с индексом."),
    )
    education_places = _text(
        _("места осуществления образовательной деятельности"),
        _("Все адреса, где идут занятия, каждый с новой строки."),
    )
    work_time = _text(_("режим и график работы"), _("Например: «пн–пт 8:00–20:00, сб 9:00–15:00»."))
    phones = models.CharField(
        _("телефоны"), max_length=255, blank=True, help_text=_("Через запятую.")
    )
    emails = models.CharField(
        _("адреса электронной почты"), max_length=255, blank=True, help_text=_("Через запятую.")
    )
    website = models.URLField(_("официальный сайт"), blank=True)
    branches = _text(
        _("филиалы и представительства"),
        _("Названия, адреса и контакты; если их нет, так и напишите: «Филиалов нет»."),
    )
    licence = _text(_("лицензия"), _("Номер, дата выдачи, кем выдана."))
    accreditation = _text(_("государственная аккредитация"), _("Номер, дата, срок действия."))

    languages = models.CharField(
        _("языки обучения"), max_length=255, blank=True, help_text=_("Например: «русский».")
    )
    e_learning = _text(
        _("электронное обучение и дистанционные технологии"),
        _("Используются ли и как: для подраздела «Образование»."),
    )

    teaching_means = _text(_("средства обучения и воспитания"))
    teaching_means_accessible = _text(
        _("средства обучения для инвалидов и лиц с ОВЗ"),
    )
    accessibility = _text(
        _("доступ в здания для инвалидов и лиц с ОВЗ"),
        _("Пандусы, подъёмники, поручни, расширенные проёмы, тактильные указатели."),
    )
    network_access = _text(_("доступ к информационным системам и сетям"))
    network_access_accessible = _text(
        _("доступ к информационным системам и сетям для инвалидов и лиц с ОВЗ")
    )
    electronic_resources = _text(_("электронные образовательные ресурсы"))
    electronic_resources_accessible = _text(
        _("электронные образовательные ресурсы, приспособленные для лиц с ОВЗ")
    )
    special_equipment = _text(_("специальные технические средства для лиц с ОВЗ"))
    learning_environment = _text(_("электронная информационно-образовательная среда"))

    paid_services = _text(
        _("платные образовательные услуги"),
        _("Какие услуги оказываются; если не оказываются, так и напишите."),
    )
    grants = _text(_("стипендии"), _("Для школы обычно: «Стипендии не предусмотрены»."))
    support_measures = _text(_("меры социальной поддержки обучающихся"))
    hostel = _text(_("общежитие, интернат"), _("Если их нет, так и напишите."))
    hostel_places = models.PositiveIntegerField(
        _("мест в общежитии, интернате"), null=True, blank=True
    )
    international = _text(
        _("международное сотрудничество"),
        _("Общие сведения; договоры с иностранными организациями вводятся отдельно."),
    )
    meals = _text(_("условия питания обучающихся"))
    health = _text(_("условия охраны здоровья обучающихся"))
    standards = _text(
        _("образовательные стандарты"),
        _("Какие ФГОС применяются; ссылки на тексты вводятся как документы."),
    )
    budget = _text(_("финансово-хозяйственная деятельность"))

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("full_name"),
                    FieldRowPanel([FieldPanel("short_name"), FieldPanel("founded_on")]),
                    FieldPanel("address"),
                    FieldPanel("education_places"),
                    FieldPanel("work_time"),
                    FieldRowPanel([FieldPanel("phones"), FieldPanel("emails")]),
                    FieldPanel("website"),
                    FieldPanel("branches"),
                    FieldRowPanel([FieldPanel("licence"), FieldPanel("accreditation")]),
                    InlinePanel("founders", label=_("Учредители")),
                ],
                heading=_("Основные сведения"),
            ),
            ObjectList(
                [FieldPanel("languages"), FieldPanel("e_learning"), FieldPanel("standards")],
                heading=_("Образование"),
            ),
            ObjectList(
                [
                    FieldPanel("teaching_means"),
                    FieldPanel("electronic_resources"),
                    FieldPanel("network_access"),
                    FieldPanel("learning_environment"),
                    MultiFieldPanel(
                        [
                            FieldPanel("accessibility"),
                            FieldPanel("teaching_means_accessible"),
                            FieldPanel("electronic_resources_accessible"),
                            FieldPanel("network_access_accessible"),
                            FieldPanel("special_equipment"),
                        ],
                        heading=_("Доступная среда"),
                    ),
                ],
                heading=_("Оснащение"),
            ),
            ObjectList(
                [
                    FieldPanel("paid_services"),
                    FieldPanel("budget"),
                    FieldPanel("grants"),
                    FieldPanel("support_measures"),
                    FieldRowPanel([FieldPanel("hostel"), FieldPanel("hostel_places")]),
                    FieldPanel("international"),
                    FieldPanel("meals"),
                    FieldPanel("health"),
                ],
                heading=_("Другие подразделы"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("сведения об образовательной организации")

    @property
    def phone_list(self) -> list[str]:
        return [p.strip() for p in self.phones.split(",") if p.strip()]

    @property
    def email_list(self) -> list[str]:
        return [e.strip() for e in self.emails.split(",") if e.strip()]


class Founder(Orderable):
    """A founder (учредитель) of the school, with the contacts the law asks for."""

    school = ParentalKey(SchoolDetails, on_delete=models.CASCADE, related_name="founders")
    name = models.CharField(_("наименование учредителя"), max_length=500)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    phone = models.CharField(_("телефон"), max_length=120, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    website = models.URLField(_("сайт"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("учредитель")
        verbose_name_plural = _("учредители")
