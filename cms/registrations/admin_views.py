"""The organisers' screens beside the registrations list: approve, decline or cancel one
registration, the printable list of an event, and check-in at the door on a phone.

Every change goes through `services`, which lock the event's places, so the count of free
places and the waiting list stay right whatever the organiser does here.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.models import Page

from . import services
from .models import Registration, RegistrationStatus
from .organisers import EventQuestions, registration_class_name, registration_name

MANAGE = "registrations.manage_event"


def organised_event(request, event_id: int):
    """The event page, if the person asking organises it (403 otherwise, 404 if none)."""
    page = get_object_or_404(Page, pk=event_id)
    event = page.specific
    if not hasattr(event, "capacity") or not hasattr(event, "registration_access"):
        raise Http404
    if not request.user.has_perm(MANAGE, event):
        raise PermissionDenied
    return event


ACTIONS = {
    "approve": (
        gettext_lazy("Одобрить заявку"),
        gettext_lazy("Заявка одобрена: место за участником."),
        RegistrationStatus.PENDING,
    ),
    "decline": (
        gettext_lazy("Отклонить заявку"),
        gettext_lazy("Заявка отклонена; освободившееся место получил первый в листе ожидания."),
        None,
    ),
    "cancel": (
        gettext_lazy("Отменить регистрацию"),
        gettext_lazy("Регистрация отменена; освободившееся место получил первый в листе ожидания."),
        None,
    ),
}


def action_allowed(action: str, registration: Registration) -> bool:
    """Whether `action` makes sense for the registration as it stands (the row's buttons)."""
    if action == "approve":
        return registration.status == RegistrationStatus.PENDING
    if action == "decline":
        return registration.status in (RegistrationStatus.PENDING, RegistrationStatus.WAITING)
    return registration.is_active


class RegistrationActionView(View):
    """Asks to confirm (GET), then approves, declines or cancels one registration (POST)."""

    template_name = "registrations/admin/confirm_action.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in ACTIONS:
            raise Http404
        self.action = kwargs["action"]
        self.registration = get_object_or_404(
            Registration.objects.select_related("person__school_class"), pk=kwargs["pk"]
        )
        self.event = None

    def dispatch(self, request, *args, **kwargs):
        self.event = organised_event(request, self.registration.event_id)
        return super().dispatch(request, *args, **kwargs)

    def back_url(self) -> str:
        fallback = reverse("event_registrations:index") + f"?event={self.registration.event_id}"
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return target
        return fallback

    def get(self, request, *args, **kwargs):
        title, _done, _status = ACTIONS[self.action]
        return TemplateResponse(
            request,
            self.template_name,
            {
                "title": title,
                "registration": self.registration,
                "name": registration_name(self.registration),
                "event": self.event,
                "allowed": action_allowed(self.action, self.registration),
                "back_url": self.back_url(),
            },
        )

    def post(self, request, *args, **kwargs):
        _title, done, _status = ACTIONS[self.action]
        try:
            if self.action == "approve":
                services.registration_approve(registration=self.registration, event=self.event)
            elif self.action == "decline":
                services.registration_decline(registration=self.registration, event=self.event)
            else:
                services.registration_cancel(
                    registration=self.registration, event=self.event, by=request.user
                )
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{registration_name(self.registration)}: {done}")
        return HttpResponseRedirect(self.back_url())


def print_view(request, event_id: int):
    """The list to print and take to the door: who holds a place, with a column to sign."""
    event = organised_event(request, event_id)
    registrations = sorted(
        Registration.objects.filter(
            event_id=event.pk,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING),
        ).select_related("person__school_class"),
        key=lambda r: registration_name(r).casefold(),
    )
    rows = [
        {
            "name": registration_name(r),
            "school_class": registration_class_name(r),
            "code": r.code,
            "pending": r.status == RegistrationStatus.PENDING,
            "attended_at": r.attended_at,
        }
        for r in registrations
    ]
    return TemplateResponse(
        request,
        "registrations/admin/print.html",
        {"event": event, "rows": rows, "printed_at": timezone.now()},
    )


def check_in_view(request, event_id: int):
    """Check-in at the door, made for a phone: type the code from the confirmation (or open
    the page from its QR code), and the person is marked as come, once."""
    event = organised_event(request, event_id)
    result = None
    code = request.GET.get("code", "")
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            registration, first_time = services.registration_check_in(event=event, code=code)
        except services.RegistrationError as error:
            result = {"kind": "error", "message": error.message, "code": code.strip().upper()}
        else:
            result = {
                "kind": "checked_in" if first_time else "again",
                "name": registration_name(registration),
                "school_class": registration_class_name(registration),
                "attended_at": registration.attended_at,
                "answers": _answers(registration),
            }
            code = ""
    confirmed = Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.CONFIRMED)
    return TemplateResponse(
        request,
        "registrations/admin/check_in.html",
        {
            "event": event,
            "result": result,
            "code": code.strip().upper(),
            "attended": confirmed.filter(attended_at__isnull=False).count(),
            "confirmed": confirmed.count(),
            "list_url": reverse("event_registrations:index") + f"?event={event.pk}",
        },
    )


def _answers(registration: Registration):
    from .organisers import answers_by_label

    questions = EventQuestions()(registration.event_id)
    return [(q.label, text) for q, text in answers_by_label(registration, questions) if text]


def move_targets(*, user, event) -> list:
    """Events `user` organises, still to come, that a registration of `event` may move to."""
    from wagtail.models import get_page_models

    from .rules import is_organiser_of

    models = [model for model in get_page_models() if hasattr(model, "registration_access")]
    now = timezone.now()
    pages = Page.objects.live().type(*models).exclude(pk=event.pk).specific().order_by("title")
    return [page for page in pages if page.end > now and is_organiser_of(user, page)]


def move_view(request, pk: int):
    """Moves one registration to another event the organiser runs (GET: choose; POST: move)."""
    registration = get_object_or_404(
        Registration.objects.select_related("person__school_class"), pk=pk
    )
    event = organised_event(request, registration.event_id)
    targets = move_targets(user=request.user, event=event)
    back = reverse("event_registrations:index") + f"?event={event.pk}"
    error = ""
    if request.method == "POST":
        chosen = {str(page.pk): page for page in targets}.get(request.POST.get("to_event", ""))
        if chosen is None:
            error = str(gettext_lazy("Выберите событие из списка."))
        else:
            try:
                services.registration_move(registration=registration, event=event, to_event=chosen)
            except services.RegistrationError as failure:
                error = failure.message
            else:
                messages.success(
                    request,
                    f"{registration_name(registration)}: "
                    + str(gettext_lazy("перенесён(а) на «%(title)s».") % {"title": chosen.title}),
                )
                return HttpResponseRedirect(back)
    return TemplateResponse(
        request,
        "registrations/admin/move.html",
        {
            "title": gettext_lazy("Перенести на другое событие"),
            "name": registration_name(registration),
            "registration": registration,
            "event": event,
            "targets": targets,
            "allowed": registration.is_active,
            "error": error,
            "back_url": back,
        },
        status=400 if error else 200,
    )
