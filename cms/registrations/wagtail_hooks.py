"""Registrations in the Wagtail admin: each organiser's list with filters, spreadsheet export,
approve / decline / cancel, the printable list and check-in at the door.

Who sees what is `rules.is_organiser_of`: staff every event, a teacher or tutor the events they
own. Registrations are never edited as rows here: a status changes only through `services`,
which keep the event's count of places and its waiting list right.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Registration, RegistrationStatus
from .organisers import (
    EventQuestions,
    answers_by_label,
    events_organised_by,
    registration_class_name,
    registration_email,
    registration_name,
    registrations_visible_to,
    yes_no,
)
from .rules import is_organiser


class RegistrationPermissionPolicy(BasePermissionPolicy):
    """Organisers may view registrations (those of their events); nobody adds, edits or
    deletes them as rows."""

    def user_has_permission(self, user, action):
        return action == "view" and is_organiser(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        from cms.users.choices import RoleChoices

        if "view" not in actions:
            return get_user_model().objects.none()
        roles = (
            RoleChoices.STAFF,
            RoleChoices.ADMINISTRATOR,
            RoleChoices.TEACHER,
            RoleChoices.TUTOR,
        )
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(role_links__role__in=roles))
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and user.has_perm(admin_views.MANAGE, instance.event.specific)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Registration.objects.none()
        return registrations_visible_to(user=user)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


def _events(request):
    if request is None:
        return Registration.event.field.related_model.objects.none()
    return events_organised_by(user=request.user)


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Событие"), queryset=_events, empty_label=gettext_lazy("Все")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Статус"),
        choices=RegistrationStatus.choices,
        empty_label=gettext_lazy("Все"),
    )
    attended = django_filters.BooleanFilter(
        label=gettext_lazy("Пришёл"),
        field_name="attended_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "attended"]


def _attended(registration: Registration) -> str:
    if registration.attended_at is None:
        return ""
    return date_format(timezone.localtime(registration.attended_at), "SHORT_DATETIME_FORMAT")


class RegistrationIndexView(generic.IndexView):
    """The list: filters by event, status and attendance; search by name or email; export
    with one column per question of the chosen event."""

    default_ordering = "created_at"
    export_filename = "registrations"

    def get_base_queryset(self):
        return registrations_visible_to(user=self.request.user)

    @cached_property
    def questions(self) -> EventQuestions:
        return EventQuestions()

    @cached_property
    def chosen_event(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    def _answers_summary(self, registration: Registration) -> str:
        pairs = answers_by_label(registration, self.questions(registration.event_id))
        return "; ".join(f"{q.label}: {text}" for q, text in pairs if text)

    @cached_property
    def columns(self):
        name = self._get_title_column("__str__")
        name.accessor = registration_name
        name.label = _("Участник")
        name.sort_key = None
        return [
            name,
            Column("school_class", label=_("Класс"), accessor=registration_class_name),
            Column("status", label=_("Статус"), accessor="get_status_display", sort_key="status"),
            Column("event", label=_("Событие"), accessor="event.title"),
            Column(
                "created_at",
                label=_("Зарегистрирован"),
                accessor=lambda r: date_format(
                    timezone.localtime(r.created_at), "SHORT_DATETIME_FORMAT"
                ),
                sort_key="created_at",
            ),
            Column("answers", label=_("Ответы"), accessor=self._answers_summary),
            Column("attended", label=_("Пришёл"), accessor=_attended, sort_key="attended_at"),
        ]

    def get_list_more_buttons(self, instance):
        next_url = self.request.get_full_path()
        buttons = []
        for priority, (action, label, icon) in enumerate(
            (
                ("approve", _("Одобрить"), "check"),
                ("decline", _("Отклонить"), "cross"),
                ("cancel", _("Отменить регистрацию"), "bin"),
            )
        ):
            if admin_views.action_allowed(action, instance):
                url = reverse("event_registrations:action", args=(instance.pk, action))
                buttons.append(
                    Button(label, url=f"{url}?next={next_url}", icon_name=icon, priority=priority)
                )
        if instance.is_active:
            buttons.append(
                Button(
                    _("Перенести на другое событие"),
                    url=reverse("event_registrations:move", args=(instance.pk,)),
                    icon_name="arrow-right",
                    priority=len(buttons) + 1,
                )
            )
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        event = self.chosen_event
        if event is not None:
            buttons.append(
                HeaderButton(
                    _("Список для печати"),
                    url=reverse("event_registrations:print", args=(event.pk,)),
                    icon_name="doc-full",
                )
            )
            buttons.append(
                HeaderButton(
                    _("Отметка на входе"),
                    url=reverse("registrations_check_in", args=(event.pk,)),
                    icon_name="tick",
                )
            )
        return buttons

    @property
    def list_export(self):
        fields = ["name", "email", "school_class", "event", "status", "created_at", "code",
                  "attended_at", "public_listing", "registered_by"]  # fmt: skip
        if self.chosen_event is not None:
            fields += [f"answer:{q.id}" for q in self.questions(self.chosen_event.pk)]
        else:
            fields.append("answers")
        return fields

    @property
    def export_headings(self):
        headings = {
            "name": _("Участник"),
            "email": _("Почта"),
            "school_class": _("Класс"),
            "event": _("Событие"),
            "status": _("Статус"),
            "created_at": _("Зарегистрирован"),
            "code": _("Код"),
            "attended_at": _("Пришёл"),
            "public_listing": _("В открытом списке"),
            "registered_by": _("Кто зарегистрировал"),
            "answers": _("Ответы"),
        }
        if self.chosen_event is not None:
            for q in self.questions(self.chosen_event.pk):
                headings[f"answer:{q.id}"] = q.label
        return headings

    def get_filename(self):
        event = self.chosen_event
        stamp = timezone.localdate().isoformat()
        return f"registrations-{event.pk}-{stamp}" if event else f"registrations-{stamp}"

    def to_row_dict(self, item):
        answers = dict(
            (f"answer:{q.id}", text)
            for q, text in answers_by_label(item, self.questions(item.event_id))
        )
        by = item.registered_by
        row = {
            "name": registration_name(item),
            "email": registration_email(item),
            "school_class": registration_class_name(item),
            "event": item.event.title,
            "status": item.get_status_display(),
            "created_at": item.created_at,
            "code": item.code,
            "attended_at": item.attended_at,
            "public_listing": yes_no(item.public_listing),
            "registered_by": by.get_full_name() or by.get_username() if by else "",
            "answers": self._answers_summary(item),
        }
        return {field: answers.get(field, row.get(field, "")) for field in self.list_export}


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    search_fields = [
        "guest_name",
        "guest_email",
        "person__first_name",
        "person__last_name",
        "person__email",
        "code",
    ]
    icon = "group"
    menu_label = gettext_lazy("Регистрации")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50

    def get_urlpatterns(self):
        # Only the list (and its search results); no row is added, edited or deleted here.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/move/", admin_views.move_view, name="move"),
            path(
                "<int:pk>/<str:action>/",
                admin_views.RegistrationActionView.as_view(),
                name="action",
            ),
            path("print/<int:event_id>/", admin_views.print_view, name="print"),
        ]

    def get_permissions_to_register(self):
        # Who sees registrations is decided by the rules above, not by group permissions.
        from django.contrib.auth.models import Permission

        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name",
                     "usage_url_name", "copy_url_name"):  # fmt: skip
            kwargs[name] = None
        return kwargs


registration_viewset = RegistrationViewSet("event_registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def register_check_in_url():
    # Outside the viewset's namespace so that its address is short to type on a phone.
    return [
        path("check-in/<int:event_id>/", admin_views.check_in_view, name="registrations_check_in")
    ]
