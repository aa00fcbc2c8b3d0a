"""Who may do what with a survey: answer (its audience, while open), read its results (staff
at any time; everyone signed in after the close when the editor published them), read free
text and export (staff only)."""

from __future__ import annotations

import rules

from cms.audiences.selectors import audience_includes
from cms.users.permissions import is_signed_in, is_staff_member

__all__ = ["in_audience", "may_export", "may_read_results", "may_read_texts"]


@rules.predicate
def in_audience(user, survey) -> bool:
    return is_signed_in(user) and audience_includes(survey, user)


@rules.predicate
def results_published(user, survey) -> bool:
    return survey.results_public and survey.is_closed()


may_read_results = is_staff_member | (rules.predicate(is_signed_in) & results_published)
may_read_texts = is_staff_member
may_export = is_staff_member
