"""What the project's people find in their mailbox (a real SMTP server): a stage's result for
the authors and their parents, with the link to the project; and a consultant's mail never
carries a pupil's address."""

from __future__ import annotations

import pytest

from cms.projects import services
from tests.cms.projects.factories import make_cast
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def default_template():
    """The default stage template its data migration made, which an earlier transactional
    test's flush removed."""
    from importlib import import_module

    from django.apps import apps

    from cms.projects.models import StageTemplate

    if not StageTemplate.objects.filter(is_default=True).exists():
        import_module("cms.projects.migrations.0002_default_stage_template").create(apps, None)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_returned_stage_is_emailed_to_the_authors_and_their_parents_with_the_link(smtp):
    cast = make_cast()
    stage = cast["project"].stages.get(position=1)
    services.stage_submit(stage=stage, by=cast["author"], text="Черновик")
    services.stage_decide(stage=stage, by=cast["tutor"], accepted=False, feedback="Уточните")

    run_worker()

    link = f"/ru/cabinet/projects/?project={cast['project'].pk}"
    for address in ("anya@school.example", "borya@school.example", "mother@home.example"):
        [message] = [m for m in smtp.to(address) if "возвращён" in m["Subject"]]
        assert "Уточните" in text_of(message) and link in text_of(message)
    assert not [m for m in smtp.to("guest@partner.example") if "возвращён" in m["Subject"]]


def test_a_consultants_mail_carries_no_pupils_address(smtp):
    cast = make_cast()
    services.comment_create(project=cast["project"], by=cast["author"], body="Как вам идея?")

    run_worker()

    [message] = smtp.to("guest@partner.example")
    body = text_of(message)
    assert "Как вам идея?" in body
    assert "@school.example" not in body
    assert "@school.example" not in str(message.get("Reply-To", ""))
