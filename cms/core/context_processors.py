from django.conf import settings


def public_site(request):
    """The public address, for canonical and hreflang links that must be absolute."""
    return {"PUBLIC_BASE_URL": settings.PUBLIC_BASE_URL}
