"""The registration widget's API: an event's live state, registering and cancelling (oneself
or one's child), a guest's request by email, and the cabinet's list of my events."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import ApiView
from cms.api.throttling import retry_after

from . import selectors, services
from .models import ACTIVE, Registration
from .questions import MAX_ANSWER, AnswersInvalid

# Anonymous readers all see the same state: a few seconds in a shared cache spare the
# database when a popular event opens, and the numbers are never older than that.
PUBLIC_STATE_SECONDS = 5
MAX_ANSWERS = 30
# A guest's address gets a few links, then one a minute, from any number of client addresses.
GUEST_EMAIL_RATE = (1 / 60, 3)


class RegistrationConflict(exceptions.APIException):
    """The rules refuse now (not open yet, closed, started): 409 with the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.RegistrationError):
        super().__init__(error.message)
        self.default_code = error.code


def _forbidden(message: str | None = None):
    return exceptions.PermissionDenied(
        message or _("Вы не можете зарегистрироваться на это событие.")
    )


def _answers_invalid(error: AnswersInvalid):
    return serializers.ValidationError({key: [message] for key, message in error.fields.items()})


class AnswersField(serializers.DictField):
    """Answers keyed by question id: a line of text, a choice or yes/no each."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.JSONField(), required=False, **kwargs)

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if len(data) > MAX_ANSWERS:
            raise serializers.ValidationError(_("Слишком много ответов."))
        for key, value in data.items():
            if len(key) > 64 or not (
                value is None or isinstance(value, bool) or isinstance(value, str)
            ):
                raise serializers.ValidationError(_("Ответ — строка текста, выбор или да/нет."))
            if isinstance(value, str) and len(value) > MAX_ANSWER * 2:
                raise serializers.ValidationError(
                    _("Не длиннее %(n)s символов.") % {"n": MAX_ANSWER}
                )
        return data


class RegisterSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        min_value=1, required=False, help_text="A child's id (a parent registers them)."
    )
    answers = AnswersField()
    public_listing = serializers.BooleanField(required=False, default=False)


class GuestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    answers = AnswersField()
    public_listing = serializers.BooleanField(required=False, default=False)


class PersonStateSerializer(serializers.Serializer):
    """One person's standing: status, place in line, check-in code once confirmed."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    may_register = serializers.BooleanField()
    status = serializers.CharField(allow_null=True)
    position = serializers.IntegerField(allow_null=True)
    code = serializers.CharField(allow_null=True)
    answers = serializers.DictField()
    public_listing = serializers.BooleanField()
    attended = serializers.BooleanField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(choices=["short_text", "choice", "yes_no"])
    label = serializers.CharField()
    required = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField())


class StateEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class WindowSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["none", "not_open", "open", "closed"])
    opens = serializers.DateTimeField(allow_null=True)
    closes = serializers.DateTimeField(allow_null=True)


class StateSerializer(serializers.Serializer):
    """An event's registration now; `me` and `children` for a signed-in viewer."""

    event = StateEventSerializer()
    window = WindowSerializer()
    capacity = serializers.IntegerField(allow_null=True)
    taken = serializers.IntegerField()
    free = serializers.IntegerField(allow_null=True)
    waiting = serializers.IntegerField()
    moderated = serializers.BooleanField()
    guests_welcome = serializers.BooleanField()
    questions = QuestionSerializer(many=True)
    participants = serializers.ListField(child=serializers.CharField())
    me = PersonStateSerializer(allow_null=True)
    children = PersonStateSerializer(many=True)


StateSchema = StateSerializer


def _event_or_404(event_id: int):
    event = selectors.registrable_event(event_id=event_id)
    if event is None:
        raise exceptions.NotFound
    return event


def _person_for(request, person_id: int | None):
    """Oneself, or a child of the signed-in parent; anyone else is refused the same way,
    whether or not they exist."""
    user = request.user
    if person_id is None or person_id == user.pk:
        return user
    from cms.users.selectors import children_of

    child = children_of(parent=user).filter(pk=person_id).first()
    if child is None:
        raise _forbidden(_("Регистрировать можно только себя и своих детей."))
    return child


def _state_response(request, event, *, code=status.HTTP_200_OK) -> Response:
    viewer = request.user if request.user.is_authenticated else None
    response = Response(selectors.event_state(event=event, viewer=viewer).as_json(), status=code)
    if viewer is not None:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_STATE_SECONDS)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


class EventRegistrationView(ApiView):
    """An event's registration: the live state (GET, for everyone), registering oneself or
    one's child (POST) and cancelling or leaving the waiting list (DELETE)."""

    serializer_class = RegisterSerializer
    pagination_class = None

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        return super().get_permissions()

    @extend_schema(responses=StateSchema)
    def get(self, request, event_id: int):
        return _state_response(request, _event_or_404(event_id))

    @extend_schema(request=RegisterSerializer, responses={200: StateSchema, 201: StateSchema})
    def post(self, request, event_id: int):
        event = _event_or_404(event_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        person = _person_for(request, data.get("person"))
        try:
            outcome = services.registration_create(
                event=event,
                person=person,
                by=request.user,
                answers=data.get("answers") or {},
                public_listing=data["public_listing"],
            )
        except DjangoPermissionDenied:
            raise _forbidden() from None
        except AnswersInvalid as error:
            raise _answers_invalid(error) from None
        except services.RegistrationError as error:
            raise RegistrationConflict(error) from None
        return _state_response(
            request, event, code=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        )

    @extend_schema(
        parameters=[OpenApiParameter("person", int, description="A child's id.")],
        request=None,
        responses=StateSchema,
    )
    def delete(self, request, event_id: int):
        event = _event_or_404(event_id)
        raw = request.query_params.get("person")
        try:
            person_id = int(raw) if raw else None
        except ValueError:
            raise serializers.ValidationError({"person": [_("Нужен номер.")]}) from None
        person = _person_for(request, person_id)
        registration = Registration.objects.filter(
            event_id=event.pk, person=person, status__in=ACTIVE
        ).first()
        if registration is None:
            raise exceptions.NotFound
        try:
            services.registration_cancel(registration=registration, event=event, by=request.user)
        except services.RegistrationError as error:
            raise RegistrationConflict(error) from None
        return _state_response(request, event)


class GuestRegistrationView(ApiView):
    """A visitor without an account asks for a place at a public event: a link to confirm
    goes to the address. The answer is the same whether or not the address is registered."""

    permission_classes = [AllowAny]
    serializer_class = GuestSerializer
    pagination_class = None

    @extend_schema(
        request=GuestSerializer,
        responses={202: inline_serializer("GuestAccepted", {"detail": serializers.CharField()})},
    )
    def post(self, request, event_id: int):
        event = _event_or_404(event_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        from .rules import guests_welcome

        if not guests_welcome(event):
            raise _forbidden(_("На это событие регистрируются только с учётной записью."))
        wait = retry_after(
            scope="registration-guest-email",
            key=data["email"].strip().lower(),
            rate=GUEST_EMAIL_RATE[0],
            burst=GUEST_EMAIL_RATE[1],
        )
        if wait:
            raise exceptions.Throttled(wait=wait)
        try:
            services.guest_registration_request(
                event=event,
                name=data["name"],
                email=data["email"],
                language=(get_language() or "ru")[:2],
                answers=data.get("answers") or {},
                public_listing=data["public_listing"],
            )
        except DjangoPermissionDenied:
            raise _forbidden() from None
        except AnswersInvalid as error:
            raise _answers_invalid(error) from None
        except services.RegistrationError as error:
            raise RegistrationConflict(error) from None
        response = Response(
            {"detail": _("Проверьте почту: мы отправили ссылку для подтверждения регистрации.")},
            status=status.HTTP_202_ACCEPTED,
        )
        patch_cache_control(response, no_store=True)
        return response


class MyRegistrationEventSerializer(StateEventSerializer):
    url = serializers.CharField()


class MyRegistrationPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MyRegistrationSerializer(serializers.Serializer):
    """One registration of mine or my child's, for the cabinet's "my events"."""

    id = serializers.IntegerField()
    event = MyRegistrationEventSerializer()
    person = MyRegistrationPersonSerializer()
    status = serializers.CharField()
    position = serializers.IntegerField(allow_null=True)
    code = serializers.CharField(allow_null=True)
    attended = serializers.BooleanField()


class MyRegistrationsView(ApiView):
    """The cabinet's "my events": my registrations and my children's, with where each stands
    and whether we came."""

    pagination_class = None

    @extend_schema(responses=MyRegistrationSerializer(many=True))
    def get(self, request):
        from cms.users.selectors import display_name_for

        user = request.user
        items = []
        for registration in selectors.registrations_for_person(person=user):
            page = registration.page
            confirmed = registration.status == "confirmed"
            items.append(
                {
                    "id": registration.pk,
                    "event": {
                        "id": page.pk,
                        "title": page.title,
                        "url": page.get_url() or "",
                        "start": page.start.isoformat(),
                        "end": page.end.isoformat(),
                    },
                    "person": {
                        "id": registration.person_id,
                        "name": display_name_for(person=registration.person, viewer=user),
                    },
                    "status": registration.status,
                    "position": registration.position,
                    "code": registration.code if confirmed else None,
                    "attended": registration.attended_at is not None,
                }
            )
        response = Response(items)
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
        return response
