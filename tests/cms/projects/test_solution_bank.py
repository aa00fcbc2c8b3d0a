"""The road into the open solution bank: the tutor proposes a finished, evaluated project, the
authors (a pupil's parent) consent, and a draft solution page goes to the editors."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from wagtail.models import Page

from cms.notifications.models import Notification
from cms.projects.models import AuthorConsent, ProjectStatus, SolutionProposal
from cms.projects.solution_bank import licence_combined
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from site_content.solutions.models import SolutionPage
from site_content.taxonomy.models import Licence
from tests.cms.users.conftest import make_person

from .factories import make_cast, make_project
from .factories_solutions import PRIVATE, evaluated_project, jpeg_with_gps, make_bank

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return f"/api/projects/{project.pk}/solution-proposal"


def consent_url(project, author) -> str:
    return f"{url(project)}/consents/{author.pk}"


def post(client, person, path, body):
    client.force_login(person)
    return client.post(path, body, content_type="application/json")


def get(client, person, path):
    client.force_login(person)
    return client.get(path)


@pytest.fixture
def cast(media_root, settings, tmp_path):
    settings.PROJECT_FILES_ROOT = tmp_path / "private"
    make_bank()
    return make_cast()


@pytest.fixture
def project(cast):
    return evaluated_project(cast)


def propose(client, cast, project, licence=Licence.CC_BY):
    response = post(client, cast["tutor"], url(project), {"licence": licence})
    assert response.status_code == 201, response.content
    return response.json()


def confirm_all(client, cast, project, **choices):
    for parent, child in (("parent", "author"), ("coparent", "coauthor")):
        body = {"display": "full_name", "licence": Licence.CC_BY, **choices.get(child, {})}
        response = post(client, cast[parent], consent_url(project, cast[child]), body)
        assert response.status_code == 200, response.content
    return response.json()


def test_the_tutor_cannot_propose_an_unfinished_project_and_is_told_why(client, cast):
    project = cast["project"]

    state = get(client, cast["tutor"], url(project)).json()
    response = post(client, cast["tutor"], url(project), {"licence": Licence.CC_BY})

    assert state["may_propose"] is False
    codes = {blocker["code"] for blocker in state["blockers"]}
    assert {"not_finished", "not_evaluated"} <= codes
    assert response.status_code == 409
    assert response.json()["error"]["code"] in codes
    assert not SolutionProposal.objects.exists()


def test_an_evaluation_not_yet_released_keeps_the_project_out_of_the_bank(client, project):
    project.evaluation.released_at = None
    project.evaluation.save()
    tutor = project.tutor

    response = post(client, tutor, url(project), {"licence": Licence.CC_BY})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_evaluated"


def test_a_pupil_without_a_linked_parent_blocks_with_a_message_for_the_tutor(client, cast, project):
    Guardianship.objects.filter(child=cast["coauthor"]).delete()

    state = get(client, cast["tutor"], url(project)).json()

    assert state["may_propose"] is False
    [blocker] = state["blockers"]
    assert blocker["code"] == "no_parent"
    assert "Боря Петров" in blocker["message"] or "Петров" in blocker["message"]
    assert "классного руководителя привязать родителя" in blocker["message"]


def test_proposing_asks_every_author_and_every_pupils_parent_to_consent(client, cast, project):
    state = propose(client, cast, project)

    proposal = SolutionProposal.objects.get(project=project)
    assert proposal.proposed_by == cast["tutor"]
    assert set(proposal.consents.values_list("author", flat=True)) == {
        cast["author"].pk,
        cast["coauthor"].pk,
    }
    assert [c["confirmed"] for c in state["proposal"]["consents"]] == [False, False]
    asked = set(
        Notification.objects.filter(kind="solution_consent_asked").values_list(
            "recipient__username", flat=True
        )
    )
    assert asked == {"author", "coauthor", "parent", "coparent"}


def test_a_project_is_proposed_only_once(client, cast, project):
    propose(client, cast, project)

    again = post(client, cast["tutor"], url(project), {"licence": Licence.CC_BY})

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_proposed"


def test_a_pupils_own_choice_waits_for_the_parent_and_the_parent_decides(client, cast, project):
    propose(client, cast, project)

    suggested = post(
        client,
        cast["author"],
        consent_url(project, cast["author"]),
        {"display": "full_name", "licence": Licence.CC_BY},
    ).json()
    mine = suggested["proposal"]["consents"][0]
    assert mine["chosen"] and not mine["confirmed"] and mine["my_action"] == "suggest"

    parent_view = get(client, cast["parent"], url(project)).json()
    consent = parent_view["proposal"]["consents"][0]
    assert consent["display"] == "full_name" and consent["my_action"] == "confirm"
    assert consent["previews"] == {
        "full_name": "Аня Соколова, 8А",
        "initials": "А. С., 8А",
        "class_only": "Обучающийся 8А класса",
    }
    post(
        client,
        cast["parent"],
        consent_url(project, cast["author"]),
        {"display": "initials", "licence": Licence.CC_BY},
    )
    consent = AuthorConsent.objects.get(author=cast["author"])
    assert consent.display == "initials" and consent.confirmed_by == cast["parent"]

    too_late = post(
        client,
        cast["author"],
        consent_url(project, cast["author"]),
        {"display": "full_name", "licence": Licence.CC_BY},
    )
    assert too_late.status_code == 409
    assert too_late.json()["error"]["code"] == "already_confirmed"
    assert not SolutionPage.objects.exists()


def test_a_parent_cannot_consent_for_another_parents_child(client, cast, project):
    propose(client, cast, project)

    response = post(
        client,
        cast["parent"],
        consent_url(project, cast["coauthor"]),
        {"display": "full_name", "licence": Licence.CC_BY},
    )

    assert response.status_code == 403
    assert AuthorConsent.objects.get(author=cast["coauthor"]).display == ""


def test_when_every_author_is_confirmed_a_draft_goes_to_the_editors(client, cast, project):
    propose(client, cast, project, licence=Licence.CC_BY)

    state = confirm_all(
        client,
        cast,
        project,
        author={"display": "initials", "licence": Licence.CC_BY_NC},
        coauthor={"display": "class_only", "licence": Licence.CC_BY_SA},
    )

    assert state["proposal"]["sent_to_editors"] is True
    page = SolutionPage.objects.get()
    assert not page.live
    assert page.get_parent().specific_class.__name__ == "SolutionIndexPage"
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.status == "in_progress"
    assert page.title == project.title and page.problem == project.problem
    assert "действующий макет" in page.result
    assert page.work_format == "collective"
    assert page.tutor == "Дмитрий Волков, тьютор"
    # The stricter of every choice: non-commercial from one, share-alike from the other.
    assert page.licence == Licence.CC_BY_NC_SA
    assert [str(a) for a in page.authors.all()] == ["А. С., 8А", "8А"]
    stage_texts = [block.value["description"] for block in page.stages]
    assert len(stage_texts) == project.stages.count()
    assert PRIVATE["returned"] not in " ".join(stage_texts)
    rating = page.expert_rating
    assert rating["experts"] == 2
    assert len(rating["criteria"]) == 4
    assert rating["total"] == round(sum(row["mean"] for row in rating["criteria"]), 1)
    assert PRIVATE["note"] not in str(rating)
    assert SolutionProposal.objects.get().page_id == page.pk
    told = set(
        Notification.objects.filter(kind="solution_sent_to_editors").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"tutor", "author", "coauthor"}


def test_after_the_draft_is_made_nobody_changes_a_consent(client, cast, project):
    propose(client, cast, project)
    confirm_all(client, cast, project)

    response = post(
        client,
        cast["parent"],
        consent_url(project, cast["author"]),
        {"display": "full_name", "licence": Licence.CC0},
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_sent"
    assert Page.objects.type(SolutionPage).count() == 1


def test_an_adult_author_confirms_alone(client, cast, settings):
    teacher = make_person("teacher", RoleChoices.TEACHER, first_name="Ольга", last_name="Ким")
    adult_project = make_project(teacher, tutor=cast["tutor"], title="Методичка")
    from tests.cms.projects.factories import make_evaluation

    adult_project.status = ProjectStatus.FINISHED
    adult_project.save()
    evaluation = make_evaluation(adult_project)
    from django.utils import timezone

    evaluation.released_at = timezone.now()
    evaluation.save()
    propose(client, cast, adult_project)

    response = post(
        client,
        teacher,
        consent_url(adult_project, teacher),
        {"display": "full_name", "licence": Licence.CC_BY},
    )

    assert response.status_code == 200
    page = SolutionPage.objects.get(title="Методичка")
    assert [str(a) for a in page.authors.all()] == ["Ольга Ким"]


def test_files_of_accepted_stages_become_documents_and_images_without_gps(client, cast):
    assert "exif" in Image.open(io.BytesIO(jpeg_with_gps())).info
    project = evaluated_project(cast, with_files=True)
    propose(client, cast, project)
    confirm_all(client, cast, project)

    page = SolutionPage.objects.get()

    [image_block] = list(page.gallery)
    image = image_block.value["image"]
    with image.file.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert "exif" not in stored.info
    [document_block] = list(page.materials)
    document = document_block.value["document"]
    # A file name may carry a pupil's name; what is published gets a neutral one.
    assert "Соколова" not in image.file.name and "Соколова" not in document.file.name
    assert "Соколова" not in image.title and "Соколова" not in document.title


@pytest.mark.parametrize(
    "asker",
    ["other_student", "other_parent", "consultant", "other_consultant", "expert", "other_tutor"],
)
def test_outsiders_neither_see_nor_act_on_the_proposal(client, cast, project, asker):
    propose(client, cast, project)
    person = cast[asker]

    seen = get(client, person, url(project))
    proposed = post(client, person, url(project), {"licence": Licence.CC0})
    consented = post(
        client,
        person,
        consent_url(project, cast["author"]),
        {"display": "full_name", "licence": Licence.CC_BY},
    )

    assert (seen.status_code, proposed.status_code, consented.status_code) == (404, 404, 404)
    assert "Соколова" not in seen.content.decode()
    assert AuthorConsent.objects.filter(confirmed_at__isnull=False).count() == 0


def test_an_author_sees_the_proposal_but_only_the_tutor_proposes(client, cast, project):
    response = post(client, cast["author"], url(project), {"licence": Licence.CC_BY})

    assert response.status_code == 403
    assert get(client, cast["author"], url(project)).status_code == 200


def test_signed_out_visitors_are_asked_to_sign_in(client, project):
    assert client.get(url(project)).status_code in (401, 403)


def test_the_combined_licence_keeps_every_condition():
    assert licence_combined(Licence.CC_BY, Licence.CC_BY) == Licence.CC_BY
    assert licence_combined(Licence.CC0, Licence.CC_BY) == Licence.CC_BY
    assert licence_combined(Licence.CC_BY_SA, Licence.CC_BY_NC) == Licence.CC_BY_NC_SA
    assert licence_combined(Licence.CC_BY, Licence.ALL_RIGHTS_RESERVED) == (
        Licence.ALL_RIGHTS_RESERVED
    )
    assert licence_combined(Licence.CC0, "") == Licence.CC0
