"""The JSON API root that widgets on the static site talk to."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from publish.swap import live_dir


@require_GET
@cache_control(public=True, max_age=60)
def api_root(request):
    """What the API offers; widgets discover their endpoints here."""
    return JsonResponse(
        {
            "name": settings.WAGTAIL_SITE_NAME,
            "version": 1,
            "languages": [code for code, _ in settings.LANGUAGES],
            "endpoints": {
                "health": request.build_absolute_uri("/api/health"),
                "search": request.build_absolute_uri("/api/search"),
                "autocomplete": request.build_absolute_uri("/api/search/autocomplete"),
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@cache_control(no_store=True)
def health(request):
    """Whether the database answers and the static site has been published."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as exc:  # any driver error means the same to a monitor: not healthy
        database = f"error: {exc.__class__.__name__}"
    published = live_dir(settings.SITE_DIR) is not None
    healthy = database == "ok" and published
    return JsonResponse(
        {
            "status": "ok" if healthy else "degraded",
            "database": database,
            "site_published": published,
        },
        status=200 if healthy else 503,
    )
