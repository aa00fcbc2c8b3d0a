"""The cabinet's account widgets: who is signed in (`/api/me`), their settings, their children,
a download of everything held about them and deleting their account."""

from __future__ import annotations

import json
import logging
import re

import rules
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import ApiView, FirstRendererNegotiation
from cms.api.throttling import AddressRateThrottle, PersonWriteRateThrottle, UserRateThrottle
from cms.security.audit import security_event

from .choices import Language, NameDisplay, RoleChoices
from .selectors import (
    account_deletion_refusal,
    cabinet_url_for,
    children_of,
    display_name_for,
    personal_data_export,
)
from .services import account_delete, user_settings_update

MeSchema = inline_serializer(
    "Me",
    {
        "authenticated": serializers.BooleanField(),
        "name": serializers.CharField(required=False),
        "roles": serializers.ListField(child=serializers.CharField(), required=False),
        "cabinet_url": serializers.CharField(required=False),
        "language": serializers.CharField(required=False),
        "name_display": serializers.CharField(required=False),
        "public_name": serializers.CharField(required=False),
        "can_publish": serializers.BooleanField(required=False),
        "csrf_token": serializers.CharField(required=False),
    },
)


def _personal(response: Response) -> Response:
    # Every answer depends on the session cookie: no shared cache may keep or reuse one.
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class MeSettingsSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    name_display = serializers.ChoiceField(choices=NameDisplay.choices, required=False)


class MeView(ApiView):
    """Who is signed in, for the header and the cabinet; a visitor gets `authenticated: false`.

    PATCH changes the person's own settings: the language of their emails and, for a pupil,
    how they are named in public (which only takes effect once their parents' consent is on
    file: until then `public_name` stays the class, and `can_publish` is false).
    """

    permission_classes = [AllowAny]
    serializer_class = MeSettingsSerializer
    pagination_class = None

    @extend_schema(responses=MeSchema)
    def get(self, request):
        user = request.user
        if not user.is_authenticated:
            return _personal(Response({"authenticated": False}))
        return _personal(
            Response(
                {
                    "authenticated": True,
                    "name": display_name_for(person=user, viewer=user),
                    "roles": sorted(user.roles),
                    "cabinet_url": cabinet_url_for(language=user.language),
                    "language": user.language,
                    "name_display": user.name_display,
                    # How readers who are not family or staff see this person: for a pupil
                    # without their parents' consent, by class only, whatever they chose.
                    "public_name": display_name_for(person=user, viewer=None),
                    # False for a pupil without consent: what they write is shown only to
                    # staff and their parents (`users.view_content_of`).
                    # The rule itself: Django's has_perm would first load the person's and
                    # their groups' model permissions, two queries on every page view.
                    "can_publish": rules.has_perm("users.publish_own_content", user),
                    # Writes from the static pages (sign-out form, marking read) need it.
                    "csrf_token": get_token(request),
                }
            )
        )

    @extend_schema(request=MeSettingsSerializer, responses=MeSchema)
    def patch(self, request):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if "name_display" in serializer.validated_data and not request.user.has_role(
            RoleChoices.STUDENT
        ):
            # Adults always appear by their full name; the choice exists for pupils only.
            serializer.validated_data.pop("name_display")
        user_settings_update(user=request.user, **serializer.validated_data)
        return self.get(request)


class ChildSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    school_class = serializers.CharField(read_only=True)


class MyChildrenView(ApiView):
    """A parent's own children: name and class (their registrations and projects come later)."""

    serializer_class = ChildSerializer
    pagination_class = None

    @extend_schema(responses=ChildSerializer(many=True))
    def get(self, request):
        user = request.user
        children = [
            {
                "id": child.pk,
                "name": display_name_for(person=child, viewer=user),
                "school_class": child.school_class.name if child.school_class_id else "",
            }
            for child in children_of(parent=user).select_related("school_class")
            if user.has_perm("users.view_person", child)
        ]
        return _personal(Response(ChildSerializer(children, many=True).data))


ExportSchema = inline_serializer(
    "PersonalDataExport",
    {
        "format_version": serializers.IntegerField(),
        "generated_at": serializers.DateTimeField(),
        "site": serializers.CharField(),
        "sections": serializers.DictField(
            help_text="One entry per kind of data (profile, roles, family, notifications…)."
        ),
    },
)


class MyDataExportView(ApiView):
    """Everything the space holds about me, as one JSON file to save (`Content-Disposition:
    attachment`). Each export is written to the security log.

    Only one's own: a parent's file lists their children by name, not the children's data
    (a parent who needs that asks the school).
    """

    pagination_class = None
    # A whole export is costly: the write allowance, per person.
    throttle_classes = [AddressRateThrottle, UserRateThrottle, PersonWriteRateThrottle]
    # Browsers follow the download link asking for HTML first; the answer is JSON regardless.
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        operation_id="me_export",
        responses={
            (200, "application/json"): OpenApiResponse(
                ExportSchema, description="A file: coworking-data-<username>-<date>.json"
            )
        },
    )
    def get(self, request):
        user = request.user
        data = personal_data_export(person=user)
        security_event("personal_data.exported", user_id=user.pk)
        safe_name = re.sub(r"[^A-Za-z0-9@._-]+", "-", user.get_username()).strip("-") or "me"
        filename = f"coworking-data-{safe_name}-{timezone.localdate():%Y-%m-%d}.json"
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return _personal(response)


class AccountDeleteSerializer(serializers.Serializer):
    password = serializers.CharField(
        write_only=True,
        trim_whitespace=False,
        max_length=4096,
        style={"input_type": "password"},
        help_text="The account's current password, typed again.",
    )


class AccountDeleteView(ApiView):
    """Delete my account, after my password is typed again.

    Personal data is removed, what must stay is left unlinkable (`account_delete`), and the
    person is signed out. Staff accounts are refused (403): an administrator removes them.
    """

    serializer_class = AccountDeleteSerializer
    pagination_class = None
    throttle_classes = [AddressRateThrottle, UserRateThrottle, PersonWriteRateThrottle]

    @extend_schema(
        operation_id="me_delete",
        request=AccountDeleteSerializer,
        responses=inline_serializer("AccountDeleted", {"deleted": serializers.BooleanField()}),
    )
    def post(self, request):
        user = request.user
        refusal = account_deletion_refusal(user=user)
        if refusal:
            raise PermissionDenied(refusal)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not user.check_password(serializer.validated_data["password"]):
            security_event("account.deletion_refused", level=logging.WARNING, reason="password")
            raise ValidationError(
                {"password": [_("Пароль не подходит. Введите пароль, с которым вы входите.")]}
            )
        account_delete(user=user)
        logout(request)
        return _personal(Response({"deleted": True}))
