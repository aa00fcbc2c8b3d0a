"""Wagtail's admin sign-in, sent to the account pages where the second factor is asked for."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
def admin_login_redirect_view(request):
    """Replaces /admin/login/: Wagtail's own form would sign staff in with a password alone.

    Wagtail sends a signed-out visitor of /admin/… here with `next`; it is passed on when it
    stays on this site. A POST is answered the same way: nothing is signed in from here.
    """
    url = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(url)
