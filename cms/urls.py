from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cms.accounts.views import admin_login_redirect_view
from media import views as media_views

urlpatterns = [
    # Before Wagtail's: its sign-in form would skip the second factor (cms/accounts/views.py).
    path("admin/login/", admin_login_redirect_view, name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    # Uploads are for editors; the public gets the copies in the static build (media/views.py).
    path("documents/", include("media.urls")),
    path("api/", include("cms.api.urls")),
    re_path(r"^media/(?P<path>.*)$", media_views.serve_upload),
]

# Pages are served by the static build; Wagtail's own routes remain for URL reversing and preview.
# Account pages (an invitation's link; sign-in, sign-up and passwords by django-allauth) come
# first: Wagtail's routes catch every other address.
urlpatterns += i18n_patterns(
    path("", include("cms.users.urls")),
    # Under accounts/: the static site sends this prefix to Django (publish/serving.py).
    path("accounts/events/", include("site_content.events.urls")),
    path("", include("cms.registrations.page_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
