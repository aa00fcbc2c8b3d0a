"""Events open for registration now, and the people who register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from site_content.events.models import EventIndexPage, EventPage
from site_content.taxonomy.models import EventType
from tests.cms.users.conftest import make_person
from tests.factories import make_site


@pytest.fixture
def events_index(db):
    home = make_site(english=False)["ru"]
    index = EventIndexPage(title="События", slug="events")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_event(events_index):
    """An event whose registration is open now (fields override), published."""

    def make(slug: str = "hackathon", **fields) -> EventPage:
        now = timezone.now()
        fields.setdefault("start", now + timedelta(days=7))
        fields.setdefault("end", fields["start"] + timedelta(hours=3))
        fields.setdefault("registration_opens", now - timedelta(days=1))
        fields.setdefault("registration_closes", fields["start"] - timedelta(hours=1))
        fields.setdefault("place", "Лицей, актовый зал")
        fields.setdefault("title", f"Событие {slug}")
        if "event_type" not in fields:
            ru = Locale.objects.get(language_code="ru")
            fields["event_type"], _ = EventType.objects.get_or_create(
                slug="hackathon", locale=ru, defaults={"name": "Хакатон"}
            )
        event = EventPage(slug=slug, **fields)
        events_index.add_child(instance=event)
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    return make


@pytest.fixture
def people(db):
    """Pupils, a parent of the first, a teacher and a staff editor."""
    from cms.users.choices import RoleChoices
    from cms.users.models import Guardianship

    pupils = [
        make_person(f"pupil{i}", RoleChoices.STUDENT, school_class="7А", first_name=f"Ученик{i}")
        for i in range(6)
    ]
    parent = make_person("parent", RoleChoices.PARENT, first_name="Мама")
    Guardianship.objects.create(parent=parent, child=pupils[0])
    return {
        "pupils": pupils,
        "parent": parent,
        "other_parent": make_person("other-parent", RoleChoices.PARENT),
        "teacher": make_person("teacher", RoleChoices.TEACHER),
        "staff": make_person("editor", RoleChoices.STAFF),
        "partner": make_person("partner", RoleChoices.PARTNER),
    }
