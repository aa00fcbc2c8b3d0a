"""The security headers of every response, written once, in the settings.

Django's responses get them from SecurityMiddleware, XFrameOptionsMiddleware and
cms.core.middleware; the static build gets the same values from `static_site_headers()`, which
publish/serving.py sends and `manage.py security_headers` writes out for nginx.
"""

from __future__ import annotations

from csp.utils import build_policy
from django.conf import settings


def content_security_policy(*, admin: bool = False) -> str:
    """The public site's policy, or the admin's, which adds what Wagtail's admin still needs.

    Directives come in the settings' order, so the nginx lines are the same on every run."""
    policy = build_policy(update=settings.CONTENT_SECURITY_POLICY_ADMIN if admin else None)
    order = list(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives = policy.split("; ")
    directives.sort(
        key=lambda d: order.index(d.split()[0]) if d.split()[0] in order else len(order)
    )
    return "; ".join(directives)


def strict_transport_security() -> str:
    """The HSTS value Django's SecurityMiddleware sends, from the same settings."""
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def static_site_headers(*, secure: bool) -> list[tuple[str, str]]:
    """Headers for every file of the static build; HSTS only over HTTPS, and only in production."""
    headers = [
        ("Content-Security-Policy", content_security_policy()),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ("Referrer-Policy", settings.SECURE_REFERRER_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY),
        ("Permissions-Policy", settings.PERMISSIONS_POLICY),
    ]
    if secure and settings.SECURE_HSTS_SECONDS:
        headers.append(("Strict-Transport-Security", strict_transport_security()))
    return headers


def is_secure(environ) -> bool:
    """Whether a WSGI request came over HTTPS, trusting the proxy's header as Django does."""
    if environ.get("wsgi.url_scheme") == "https":
        return True
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if not proxy_header:
        return False
    name, secure_value = proxy_header
    value = environ.get(name)
    return value is not None and value.split(",", 1)[0].strip() == secure_value
