from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("cms.api.urls")),
    # Uploads are for editors; the public gets the renditions copied into the static build.
    re_path(
        r"^media/(?P<path>.*)$",
        staff_member_required(serve, login_url="wagtailadmin_login"),
        {"document_root": settings.MEDIA_ROOT},
    ),
]

# Pages are served by the static build; Wagtail's own routes remain for URL reversing and preview.
# Account pages (an invitation's link) come first: Wagtail's routes catch every other address.
urlpatterns += i18n_patterns(
    path("", include("cms.users.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
