"""Template tags of the project workspace page: the choices of the "start a project" form.

The choices are the solution bank's vocabularies (subjects, grades, project types), rendered
into the published page when it is built, the same for everyone, as the cabinet renders its
list of languages; the widgets only select and send the ids. A project points at the
source-language terms (as solution pages do), so the ids are those rows' and the labels are
their names in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from wagtail.models import Locale

from cms.projects.models import ProjectKind
from site_content.taxonomy.models import Grade, ProjectType, Subject
from site_content.taxonomy.selectors import TermLabels

register = template.Library()


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@register.simple_tag(takes_context=True)
def project_form_choices(context) -> dict[str, list[Choice]]:
    """Kinds of work and the vocabulary terms, in the vocabulary's order."""
    request = context.get("request")
    language = context.get("LANG") or "ru"
    labels = TermLabels(language=language, request=request)
    source = Locale.get_default()

    def terms(model) -> list[Choice]:
        rows = model.objects.filter(locale=source).order_by("sort_order", "name")
        return [Choice(str(term.pk), labels.label(term)) for term in rows]

    return {
        "kinds": [Choice(value, str(label)) for value, label in ProjectKind.choices],
        "subjects": terms(Subject),
        "grades": terms(Grade),
        "project_types": terms(ProjectType),
    }
