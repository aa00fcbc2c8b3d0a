"""An initiative's path: a pupil proposes, others support, the threshold sends it to the
administration's check, an accepted one goes to a vote, and a won vote makes it a project of
its authors. Each refusal says why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cms.initiatives import services
from cms.initiatives.models import Initiative, InitiativeStatus, InitiativeSupport
from cms.initiatives.services import InitiativeError, InitiativeRefused
from cms.notifications.models import Notification
from cms.projects.models import ProjectMember
from cms.users.choices import RoleChoices
from cms.votes.models import Vote
from cms.votes.signals import vote_counted
from tests.cms.users.conftest import make_person

from .factories import make_council, make_initiative, make_pupil, supported_to_threshold, to_vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return make_council(threshold=3)


@pytest.fixture
def author():
    return make_pupil("anya", first_name="Анна", last_name="Зеленова")


@pytest.fixture
def checker():
    return make_person("director", RoleChoices.ADMINISTRATOR)


def moderators_group() -> Group:
    """The group the data migration gives the check permission (a transactional test's flush
    empties the tables, so it is made again then)."""
    group, _ = Group.objects.get_or_create(name="Модераторы")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="initiatives", codename="check_initiative")
    )
    return group


def notified(person, kind) -> int:
    return Notification.objects.filter(recipient=person, kind=kind).count()


def count(vote, *, yes: bool) -> None:
    """What the votes app's count writes and sends (the contract), without casting ballots."""
    vote.winner = vote.options.order_by("sort_order").first() if yes else None
    vote.counted_at = timezone.now()
    vote.save(update_fields=["winner", "counted_at"])
    vote_counted.send(sender=Vote, vote=vote)


def test_a_pupil_with_consent_proposes_an_initiative_to_a_council(council, author):
    initiative = make_initiative(council, author)

    assert initiative.status == InitiativeStatus.PROPOSED
    assert initiative.author == author


def test_a_pupil_without_parental_consent_is_refused_with_the_reason(council):
    pupil = make_pupil("no-consent", consent=False)

    with pytest.raises(InitiativeRefused) as refused:
        make_initiative(council, pupil)

    assert refused.value.code == "consent_required"
    assert "согласие родителей" in refused.value.message
    assert not Initiative.objects.exists()


def test_adults_do_not_propose_initiatives(council):
    with pytest.raises(InitiativeRefused):
        make_initiative(council, make_person("teacher", RoleChoices.TEACHER))


def test_a_council_without_a_threshold_takes_no_initiatives(author):
    council = make_council(threshold=0)

    with pytest.raises(InitiativeError) as refused:
        make_initiative(council, author)

    assert refused.value.code == "council_closed"


def test_the_support_that_reaches_the_threshold_sends_the_initiative_to_the_check(council, author):
    co_author = make_pupil("boris")
    initiative = make_initiative(council, author, co_authors=[co_author])
    for i in range(2):
        services.initiative_support(initiative=initiative, by=make_pupil(f"fan{i}"))
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PROPOSED

    services.initiative_support(initiative=initiative, by=make_pupil("fan2"))

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.IN_CHECK
    assert initiative.in_check_at is not None
    assert notified(author, "initiative_in_check") == 1
    assert notified(co_author, "initiative_in_check") == 1


def test_a_pupil_supports_once_and_not_their_own_initiative(council, author):
    initiative = make_initiative(council, author)
    fan = make_pupil("fan")
    services.initiative_support(initiative=initiative, by=fan)

    with pytest.raises(InitiativeError) as twice:
        services.initiative_support(initiative=initiative, by=fan)
    with pytest.raises(InitiativeRefused) as own:
        services.initiative_support(initiative=initiative, by=author)

    assert twice.value.code == "already_supported"
    assert own.value.code == "own_initiative"
    assert InitiativeSupport.objects.filter(initiative=initiative).count() == 1


def test_only_pupils_support(council, author):
    initiative = make_initiative(council, author)

    with pytest.raises(InitiativeRefused):
        services.initiative_support(
            initiative=initiative, by=make_person("mum", RoleChoices.PARENT)
        )


def test_a_support_can_be_withdrawn_only_while_support_is_gathered(council, author):
    initiative = make_initiative(council, author)
    fan = make_pupil("fan")
    services.initiative_support(initiative=initiative, by=fan)
    services.initiative_unsupport(initiative=initiative, by=fan)
    assert not InitiativeSupport.objects.exists()

    supported_to_threshold(initiative, council)
    with pytest.raises(InitiativeError) as late:
        services.initiative_support(initiative=initiative, by=fan)
    assert late.value.code == "not_proposed"


def test_the_administration_rejects_only_with_a_reason_everyone_reads(council, author, checker):
    initiative = supported_to_threshold(make_initiative(council, author), council)

    with pytest.raises(InitiativeError) as no_reason:
        services.initiative_check(initiative=initiative, by=checker, accept=False, comment=" ")
    services.initiative_check(
        initiative=initiative, by=checker, accept=False, comment="Двор — пожарный проезд."
    )

    assert no_reason.value.field == "comment"
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.REJECTED
    assert initiative.rejection_reason == "Двор — пожарный проезд."
    body = Notification.objects.get(recipient=author, kind="initiative_checked").body
    assert "Двор — пожарный проезд." in body


def test_pupils_and_teachers_do_not_check_but_a_moderator_does(council, author):
    initiative = supported_to_threshold(make_initiative(council, author), council)
    for person in (make_pupil("pupil"), make_person("teacher", RoleChoices.TEACHER)):
        with pytest.raises(InitiativeRefused):
            services.initiative_check(initiative=initiative, by=person, accept=True, comment="")
    moderator = make_person("moderator", RoleChoices.TEACHER)
    moderator.groups.add(moderators_group())

    services.initiative_check(initiative=initiative, by=moderator, accept=True, comment="Да.")

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ACCEPTED
    assert initiative.check_comment == "Да."


def test_an_initiative_still_gathering_support_is_not_checked(council, author, checker):
    initiative = make_initiative(council, author)

    with pytest.raises(InitiativeError) as early:
        services.initiative_check(initiative=initiative, by=checker, accept=True, comment="")

    assert early.value.code == "not_in_check"


def test_an_accepted_initiative_goes_to_a_vote_of_the_grades_the_checker_chose(
    council, author, checker
):
    initiative = to_vote(make_initiative(council, author), council, checker,
                         electorate="grades", grades="8–11")  # fmt: skip

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.VOTING
    vote = initiative.vote
    assert vote.audience_roles == [RoleChoices.STUDENT]
    assert vote.audience_grades == "8–11"
    assert [o.label for o in vote.options.order_by("sort_order")][0] == "За"
    assert vote.is_open()
    assert notified(author, "initiative_voting") == 1


def test_a_council_vote_is_the_members_of_the_initiatives_council(council, author, checker):
    initiative = to_vote(make_initiative(council, author), council, checker, electorate="council")

    assert initiative.vote.audience_council_id == council.pk
    assert initiative.vote.council_id == council.pk


def test_a_vote_needs_a_window_that_ends_in_the_future(council, author, checker):
    initiative = supported_to_threshold(make_initiative(council, author), council)
    services.initiative_check(initiative=initiative, by=checker, accept=True, comment="")

    with pytest.raises(InitiativeError) as past:
        services.initiative_vote_start(
            initiative=initiative,
            by=checker,
            electorate="students",
            closes_at=timezone.now() - dt.timedelta(hours=1),
        )

    assert past.value.field == "closes_at"


def test_a_won_vote_makes_the_initiative_a_project_of_its_authors_once(council, author, checker):
    co_author = make_pupil("boris")
    initiative = to_vote(make_initiative(council, author, co_authors=[co_author]), council, checker)

    count(initiative.vote, yes=True)
    vote_counted.send(sender=Vote, vote=initiative.vote)

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.WON
    assert initiative.decided_at is not None
    project = initiative.project
    assert project.title == "Школьная теплица"
    authors = ProjectMember.objects.filter(project=project, role="author", status="accepted")
    assert set(authors.values_list("person", flat=True)) == {author.pk, co_author.pk}
    assert ProjectMember.objects.filter(person=author).count() == 1
    assert notified(author, "initiative_decided") == 1


def test_a_vote_without_a_winner_loses_the_initiative(council, author, checker):
    initiative = to_vote(make_initiative(council, author), council, checker)

    count(initiative.vote, yes=False)

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.LOST
    assert initiative.project is None


def test_a_vote_won_by_against_loses_the_initiative(council, author, checker):
    initiative = to_vote(make_initiative(council, author), council, checker)
    vote = initiative.vote
    vote.winner = vote.options.order_by("sort_order")[1]
    vote.counted_at = timezone.now()
    vote.save()

    vote_counted.send(sender=Vote, vote=vote)

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.LOST


def test_a_counted_vote_of_no_initiative_changes_nothing(council, author):
    from cms.votes.services import vote_create

    initiative = make_initiative(council, author)
    vote = vote_create(
        code="other",
        title="Другое",
        question="?",
        opens_at=timezone.now(),
        closes_at=timezone.now() + dt.timedelta(days=1),
        audience_public=True,
    )

    count(vote, yes=True)

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PROPOSED


def test_the_votes_apps_own_count_decides_the_initiative(
    council, author, checker, django_capture_on_commit_callbacks
):
    """Through the votes app's count: nobody voted, so no option meets the rule, and the
    initiative is lost."""
    from cms.votes.services import vote_count
    from tests.cms.votes.conftest import close

    initiative = to_vote(make_initiative(council, author), council, checker, quorum_percent=0)

    with django_capture_on_commit_callbacks(execute=True):
        vote_count(vote=close(Vote.objects.get(pk=initiative.vote_id)))

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.LOST
