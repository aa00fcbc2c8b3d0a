"""Public account pages that work without JavaScript: accepting an invitation."""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from .forms import InvitationPasswordForm
from .selectors import invitation_find_usable
from .services import invitation_accept


@never_cache
@sensitive_variables("token")
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept_view(request, token: str):
    """Set a password with the invitation's one-time link; then the person is signed in."""
    invitation = invitation_find_usable(raw_token=token)
    if invitation is None:
        return _no_referrer(render(request, "users/invitation_invalid.html", status=404))
    form = InvitationPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("users:welcome")
    return _no_referrer(
        render(request, "users/invitation_accept.html", {"form": form, "person": invitation.user})
    )


def _no_referrer(response):
    # The token is in the address; no other site reached from here may learn it from the
    # Referer. "same-origin", not "no-referrer": with the latter browsers send `Origin: null`
    # with the page's own form, and Django's CSRF check refuses it.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@login_required
def welcome_view(request):
    """Where a newly invited person lands, signed in."""
    return render(request, "users/welcome.html", {"person": request.user})
