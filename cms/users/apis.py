"""The cabinet's account widgets: who is signed in (`/api/me`), their settings, their children."""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import ApiView

from .choices import Language, NameDisplay, RoleChoices
from .selectors import cabinet_url_for, children_of, display_name_for
from .services import user_settings_update

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
                    "can_publish": user.has_perm("users.publish_own_content"),
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
