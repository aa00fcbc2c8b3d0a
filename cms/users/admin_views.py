"""Staff screens for people: Wagtail's account forms with our fields, and the roster upload."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import PersonCreationForm, PersonEditForm, RosterUploadForm
from .roster import RosterError
from .services import roster_import

IMPORT_PERMISSION = "users.import_roster"


class UserViewSet(WagtailUserViewSet):
    """Wagtail's users screens; the forms add patronymic, class, roles, consent and more."""

    create_template_name = "users/admin/create.html"
    edit_template_name = "users/admin/edit.html"

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm


class RosterImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a roster CSV: every problem is listed, or everyone is imported at once."""

    template_name = "users/admin/roster_import.html"
    form_class = RosterUploadForm
    page_title = _("Загрузка списка людей")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        context = {"form": self.form_class()}
        try:
            context["report"] = roster_import(data=upload.read(), filename=upload.name)
        except RosterError as error:
            context["problems"] = [str(p) for p in error.problems]
        return self.render_to_response(self.get_context_data(**context))
