"""The API signs people in with the site's session cookie (and CSRF for writes), nothing else.

DRF's SessionAuthentication answers 403 to a visitor who is not signed in, because it names no
scheme for a `WWW-Authenticate` header; HTTP says that is a 401, so this one names one.
"""

from rest_framework.authentication import SessionAuthentication


class SiteSessionAuthentication(SessionAuthentication):
    def authenticate_header(self, request):
        return 'Session realm="coworking"'
