"""One «Участие» menu in the admin for what the school asks its people: surveys, votes and the
comment sections of discussions. Each app defines its own screens; they are gathered here."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.comments.wagtail_hooks import CommentSectionViewSet
from cms.surveys.wagtail_hooks import SurveyViewSet
from cms.votes.wagtail_hooks import VoteViewSet


class ParticipationGroup(SnippetViewSetGroup):
    menu_label = _("Участие")
    menu_icon = "group"
    menu_order = 330
    items = (SurveyViewSet, VoteViewSet, CommentSectionViewSet)


register_snippet(ParticipationGroup)
