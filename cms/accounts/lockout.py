"""What django-axes counts wrong passwords against, on the account pages' sign-in form."""

from __future__ import annotations


def typed_login(request, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the email or username that was typed, in lower case.

    allauth authenticates with `email=` or `username=` depending on what the `login` field
    holds; the form's raw field is the fallback when axes asks before credentials exist.
    Lower case, so that a guesser gets no five more tries for each spelling of one address.
    """
    credentials = credentials or {}
    typed = credentials.get("email") or credentials.get("username")
    if not typed and request is not None:
        data = getattr(request, "POST", {})
        typed = data.get("login") or data.get("username")
    return typed.strip().lower() if typed else None
