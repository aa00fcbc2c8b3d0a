"""Django's LocaleMiddleware, minus its redirect of a 404 to a language-prefixed address.

For pages that redirect is right (`/about/` → `/ru/about/`), but under /api/ a 404 means what
it says, and the i18n catch-all of Wagtail's routes would turn every one into a redirect to an
HTML page.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .errors import API_PREFIX


class LocaleMiddlewareKeepingApi404s(LocaleMiddleware):
    def process_response(self, request, response):
        if not request.path_info.startswith(API_PREFIX):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", get_language())
        return response
