"""Uploaded originals (images, documents) for signed-in staff only.

An upload may belong to a draft or to a page behind a view restriction, and its address is easy
to guess (documents are numbered). The public reads the copies the static build makes of what
public pages show (/images/, /files/); these views serve the admin's own links.
"""

from __future__ import annotations

import errno
from functools import wraps

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views import static
from wagtail.documents.views import serve as wagtail_documents


def staff_only(view):
    """The view for signed-in staff; anyone else is sent to the admin's sign-in page.

    Every answer is private: a shared cache (a proxy, a CDN) must never hand a staff member's
    copy to the next visitor."""
    guarded = staff_member_required(view, login_url="wagtailadmin_login")

    @wraps(view)
    def private_view(request, *args, **kwargs):
        response = guarded(request, *args, **kwargs)
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        return response

    return private_view


def _upload(request, path):
    try:
        return static.serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as exc:
        # A name longer than the file system allows names no upload.
        if exc.errno == errno.ENAMETOOLONG:
            raise Http404 from exc
        raise


serve_upload = staff_only(_upload)
serve_document = staff_only(wagtail_documents.serve)
authenticate_with_password = staff_only(wagtail_documents.authenticate_with_password)
