"""Our rules for django-allauth: who may sign up, what they become, where they land, emails."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from cms.security.clients import client_address
from cms.users.choices import Language, RoleChoices
from cms.users.services import user_roles_set


def _language(code: str | None) -> str:
    """`code` if the site speaks it, else Russian."""
    code = (code or "")[:2]
    return code if code in Language.values else Language.RU


class AccountAdapter(DefaultAccountAdapter):
    """ACCOUNT_ADAPTER: sign-up for the public, in the reader's language, behind our proxies."""

    def is_open_for_signup(self, request) -> bool:
        # A school may keep accounts to the people it invites (PUBLIC_SIGNUP=0).
        return settings.ACCOUNT_PUBLIC_SIGNUP

    def save_user(self, request, user, form, commit=True):
        """A visitor who signs up reads in the language of the page and is a public participant.

        Only that role: anything more is given by the school, in the admin or the roster.
        """
        user.language = _language(translation.get_language())
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_roles_set(user=user, roles=[RoleChoices.PUBLIC.value], source="signup")
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write to a person in their own language, whatever page they were on."""
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(_language(language)):
            # allauth names the site after the request's host; the school's name reads better.
            site = SimpleNamespace(
                name=gettext("Цифровое коворкинг-пространство"),
                domain=urlsplit(settings.PUBLIC_BASE_URL).netloc,
            )
            super().send_mail(template_prefix, email, {"current_site": site, **context})

    def get_login_redirect_url(self, request) -> str:
        """Editors go to the admin; everyone else to their cabinet, in the language they read."""
        if request.user.has_perm("wagtailadmin.access_admin"):
            return "/admin/"
        return f"/{_language(translation.get_language())}/cabinet/"

    def get_client_ip(self, request) -> str:
        # allauth's rate limits count per address; it is the one our proxies vouch for.
        return client_address(request) or super().get_client_ip(request)
