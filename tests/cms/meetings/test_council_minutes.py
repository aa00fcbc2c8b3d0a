"""A council meeting's minutes become a decision on the council page through the editors: a
new revision in moderation, never live by itself."""

from __future__ import annotations

import pytest

from cms.meetings import services
from site_content.governance.models import CouncilPage, GovernanceIndexPage
from tests.cms.meetings.conftest import soon
from tests.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(cast):
    home = make_site(english=False)["ru"]
    index = GovernanceIndexPage(title="Управление", slug="governance")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = CouncilPage(title="Совет коворкинга", slug="council", purpose="Решает о пространстве.")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_published_minutes_wait_in_moderation_as_a_new_decision(cast, council, client):
    room = services.room_of_council(council=council)
    meeting = services.meeting_create(
        room=room, host=cast["staff"], title="Правила зоны тишины", starts_at=soon()
    )
    services.minutes_set(meeting=meeting, by=cast["staff"], text="Зона тишины до 15:00.")
    client.force_login(cast["staff"])

    answer = client.post(f"/api/meetings/{meeting.pk}/minutes/publish")

    council.refresh_from_db()
    assert answer.status_code == 201
    assert council.decisions.count() == 0  # the live page is unchanged
    draft = council.get_latest_revision_as_object()
    assert [d.title for d in draft.decisions.all()] == ["Правила зоны тишины"]
    assert draft.decisions.all()[0].text == "Зона тишины до 15:00."
    assert council.has_unpublished_changes
    assert council.workflow_in_progress
    assert answer.json()["in_moderation"] is True
    assert council.current_workflow_state.current_task_state.revision_id == draft.latest_revision_id


def test_minutes_sent_while_the_page_is_in_moderation_restart_it_with_both_decisions(cast, council):
    room = services.room_of_council(council=council)
    for title in ("Зона тишины", "Хакатон весной"):
        meeting = services.meeting_create(
            room=room, host=cast["staff"], title=title, starts_at=soon()
        )
        services.minutes_set(meeting=meeting, by=cast["staff"], text=f"Решили: {title}.")
        services.minutes_publish(meeting=meeting, by=cast["staff"])

    council.refresh_from_db()
    draft = council.get_latest_revision_as_object()
    moderated = council.current_workflow_state.current_task_state.revision
    assert sorted(d.title for d in draft.decisions.all()) == ["Зона тишины", "Хакатон весной"]
    assert moderated.pk == council.latest_revision_id
    assert council.decisions.count() == 0


def test_only_a_council_rooms_minutes_are_published(cast, meeting):
    services.minutes_set(meeting=meeting, by=cast["tutor"], text="Итоги")

    with pytest.raises(services.MeetingError):
        services.minutes_publish(meeting=meeting, by=cast["tutor"])


def test_a_council_member_sees_the_council_room_and_a_pupil_does_not(cast, council):
    room = services.room_of_council(council=council)

    assert cast["council"].has_perm("meetings.view_room", room)
    assert cast["staff"].has_perm("meetings.host_in_room", room)
    assert not cast["pupil"].has_perm("meetings.view_room", room)
    assert not cast["council"].has_perm("meetings.host_in_room", room)
