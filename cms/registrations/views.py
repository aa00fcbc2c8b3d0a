"""The registration pages for readers without JavaScript: the same state and actions as the
widget (register oneself or a child, cancel, leave the waiting list; a guest's form), and the
guest's link that confirms the address."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables

from cms.api.throttling import retry_after

from . import selectors, services
from .forms import GuestRegistrationForm, RegistrationForm
from .models import ACTIVE, Registration
from .questions import AnswersInvalid
from .rules import guests_welcome

DONE = {
    "registered": lambda: _("Готово: регистрация сохранена."),
    "cancelled": lambda: _("Регистрация отменена."),
    "guest": lambda: _("Проверьте почту: мы отправили ссылку для подтверждения регистрации."),
}


def _event(event_id: int):
    event = selectors.registrable_event(event_id=event_id)
    if event is None:
        raise Http404
    return event


def _person(request, raw: str | None):
    """Oneself or one's own child; anyone else is refused."""
    user = request.user
    if not raw or raw == str(user.pk):
        return user
    from cms.users.selectors import children_of

    child = children_of(parent=user).filter(pk=raw).first() if raw.isdigit() else None
    if child is None:
        raise PermissionDenied
    return child


@never_cache
def register_view(request, event_id: int):
    """GET: where the registration stands and the forms; POST: register, cancel or (a guest)
    ask for a place."""
    event = _event(event_id)
    questions = selectors.questions_of(event)
    signed_in = request.user.is_authenticated
    form = guest_form = None
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "cancel" and signed_in:
                person = _person(request, request.POST.get("person"))
                registration = Registration.objects.filter(
                    event_id=event.pk, person=person, status__in=ACTIVE
                ).first()
                if registration is not None:
                    services.registration_cancel(
                        registration=registration, event=event, by=request.user
                    )
                return _done(event_id, "cancelled")
            if action == "register" and signed_in:
                person = _person(request, request.POST.get("person"))
                form = RegistrationForm(request.POST, questions=questions, prefix=f"p{person.pk}")
                if form.is_valid():
                    try:
                        services.registration_create(
                            event=event,
                            person=person,
                            by=request.user,
                            answers=form.answers(),
                            public_listing=form.cleaned_data["public_listing"],
                        )
                        return _done(event_id, "registered")
                    except AnswersInvalid as invalid:
                        form.add_answer_errors(invalid.fields)
                form.person_id = person.pk
            if action == "guest" and not signed_in and guests_welcome(event):
                guest_form = GuestRegistrationForm(request.POST, questions=questions)
                if guest_form.is_valid():
                    email = guest_form.cleaned_data["email"]
                    if retry_after(scope="registration-guest-email", key=email.strip().lower(),
                                   rate=1 / 60, burst=3):  # fmt: skip
                        error = _("Слишком много запросов. Повторите через минуту.")
                    else:
                        try:
                            services.guest_registration_request(
                                event=event,
                                name=guest_form.cleaned_data["name"],
                                email=email,
                                language=(get_language() or "ru")[:2],
                                answers=guest_form.answers(),
                                public_listing=guest_form.cleaned_data["public_listing"],
                            )
                            return _done(event_id, "guest")
                        except AnswersInvalid as invalid:
                            guest_form.add_answer_errors(invalid.fields)
        except PermissionDenied:
            error = _("Вы не можете зарегистрироваться на это событие.")
        except services.RegistrationError as refused:
            error = refused.message
    state = selectors.event_state(event=event, viewer=request.user if signed_in else None)
    people = [p for p in [state.me, *state.children] if p is not None]
    forms = []
    for person in people:
        if form is not None and getattr(form, "person_id", None) == person.person_id:
            forms.append((person, form))
        else:
            forms.append(
                (person, RegistrationForm(questions=questions, prefix=f"p{person.person_id}"))
            )
    if guest_form is None and not signed_in and state.guests_welcome:
        guest_form = GuestRegistrationForm(questions=questions)
    done = DONE.get(request.GET.get("done", ""))
    return render(
        request,
        "registrations/register.html",
        {
            "event": event,
            "event_url": event.get_url() or "",
            "state": state,
            "people": forms,
            "guest_form": guest_form,
            "error": error,
            "done": done() if done else "",
            "sign_in_url": _sign_in_url(request),
        },
        status=403 if error and not people and not guest_form else 200,
    )


def _done(event_id: int, what: str):
    from django.urls import reverse

    url = reverse("registrations:register", kwargs={"event_id": event_id})
    return redirect(f"{url}?{urlencode({'done': what})}")


def _sign_in_url(request) -> str:
    from django.urls import reverse

    return f"{reverse('account_login')}?{urlencode({'next': request.path})}"


@never_cache
@sensitive_variables("token")
def confirm_view(request, event_id: int, token: str):
    """The guest followed the emailed link: the address is confirmed and the place theirs
    (or a spot on the waiting list)."""
    event = _event(event_id)
    registration, error = None, ""
    if request.method == "POST":
        try:
            registration = services.guest_registration_confirm(event=event, raw_token=token)
        except services.RegistrationError as refused:
            error = refused.message
    else:
        # A GET only asks: mail scanners open links, and must not take a place for anyone.
        pending = selectors.registration_by_token(event=event, raw_token=token)
        if pending is None:
            error = _("Ссылка недействительна или устарела.")
    position = selectors.waiting_position(registration) if registration else None
    response = render(
        request,
        "registrations/confirm.html",
        {
            "event": event,
            "event_url": event.get_url() or "",
            "registration": registration,
            "asking": request.method != "POST" and not error,
            "position": position,
            "error": error,
        },
        status=404 if error else 200,
    )
    # The token is in the address: no other site reached from here may learn it.
    response["Referrer-Policy"] = "same-origin"
    return response
