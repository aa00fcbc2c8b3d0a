"""Admin forms of pages that are filed under vocabulary terms."""

from wagtail.admin.forms import WagtailAdminPageForm

from .models import TaxonomyTerm

__all__ = ["TermsInPageLanguageForm"]


class TermsInPageLanguageForm(WagtailAdminPageForm):
    """Offers only the terms in the page's own language, so an editor never sees each subject
    twice (once per language); pages show a term's name in the reader's language either way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TaxonomyTerm):
                field.queryset = queryset.filter(locale_id=locale_id)
