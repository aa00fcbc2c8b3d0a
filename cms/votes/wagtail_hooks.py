"""Admin for votes: editors make votes as snippets (in the «Участие» menu, see
cms/audiences/wagtail_hooks.py) and read the results there once counted. There is no screen of
ballots or of who voted: the ballot box is not an admin object."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Vote


def _turnout(vote: Vote) -> str:
    if vote.counted_at is None:
        return "—"
    return f"{vote.turnout} / {vote.electorate_size}"


def _result(vote: Vote) -> str:
    if vote.counted_at is None:
        return str(_("после закрытия"))
    if not vote.quorum_met:
        return str(_("нет кворума"))
    return vote.winner.label if vote.winner else str(_("решение не принято"))


class VoteViewSet(SnippetViewSet):
    model = Vote
    icon = "tasks"
    menu_label = _("Голосования")
    list_display = [
        "title",
        "code",
        "opens_at",
        "closes_at",
        Column("turnout", label=_("проголосовало / в списке"), accessor=_turnout),
        Column("result", label=_("итог"), accessor=_result),
    ]
    list_filter = ["rule", "one_per_family"]
    search_fields = ["title", "code"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "code",
        "question",
        "opens_at",
        "closes_at",
        "quorum_percent",
        "rule",
        "counted_at",
        "electorate_size",
        "turnout",
        "quorum_met",
        "winner",
    ]
