"""A person who must have a second factor and has none can only set one up (or sign out)."""

from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.api.errors import API_PREFIX, error_response

from .mfa import mfa_enabled, mfa_required

# Setting up the authenticator (under 2fa/), confirming one's password first when allauth asks
# for it, and signing out.
EXEMPT = re.compile(r"^/[a-z]{2}/accounts/(2fa|reauthenticate|logout)/")


class MfaRequiredMiddleware:
    """Send such a person to the authenticator set-up page from every other address.

    The check runs on every request rather than only after sign-in, so no way in (an invitation
    link, a password reset, the admin) leaves someone with staff powers on one factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.SECOND_FACTOR_REQUIRED
            and user is not None
            and user.is_authenticated
            and not self._exempt(request.path)
            and mfa_required(user)
            and not mfa_enabled(user)
        ):
            if request.path.startswith(API_PREFIX):
                return error_response(
                    "mfa_required",
                    _("Сначала подключите приложение-аутентификатор: без него вход не завершён."),
                    status=403,
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return bool(EXEMPT.match(path)) or path.startswith(settings.STATIC_URL)
