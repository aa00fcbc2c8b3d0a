from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from media import views as media_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Uploads are for editors; the public gets the copies in the static build (media/views.py).
    path("documents/", include("media.urls")),
    path("api/", include("cms.api.urls")),
    re_path(r"^media/(?P<path>.*)$", media_views.serve_upload),
]

# Pages are served by the static build; Wagtail's own routes remain for URL reversing and preview.
# Account pages (an invitation's link) come first: Wagtail's routes catch every other address.
urlpatterns += i18n_patterns(
    path("", include("cms.users.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
