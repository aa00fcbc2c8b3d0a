"""The road from a finished project into the open solution bank: the tutor's proposal, the
authors' (and their parents') consent, and the draft solution page an editor publishes.

Every pupil counts as a minor: a parent linked to them confirms how their name appears and the
licence; the pupil may propose a choice, but only the parent's confirmation counts. An adult
author confirms alone. A pupil without a linked parent blocks the proposal, with a message
telling the tutor what to ask for.

The licence is one for the whole solution. The tutor proposes one; each person who confirms
may keep it or choose a stricter one, and the page gets the licence that honours every choice
(the union of their conditions: attribution, share-alike, non-commercial; "all rights reserved"
above all). Nobody's choice is ever loosened by someone else's.

What reaches the page is what the project means to publish: its description, the accepted
stages' last accepted submission (never a returned version, a comment, a private note or a
person's contact) and their files, re-checked by the media app's rules, images stripped of
their metadata, stored under neutral names (a file name may carry a pupil's name). The page is
a draft in moderation until an editor publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from anyascii import anyascii
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.core.moderation import submit_for_moderation
from cms.notifications.email import recipient_language
from cms.notifications.services import notification_send
from cms.users.choices import NameDisplay, RoleChoices
from cms.users.models import Guardianship, User
from media.files import check_document, check_image
from site_content.taxonomy.models import Licence

from . import solution_kinds
from .models import (
    AuthorConsent,
    MemberRole,
    MemberStatus,
    Project,
    ProjectsPage,
    ProjectStatus,
    SolutionProposal,
    StageStatus,
)
from .rules import is_author, is_coordinator, is_parent_of_author, is_tutor

__all__ = [
    "SolutionBankError",
    "consent_actor",
    "consent_confirm",
    "expert_rating_summary",
    "licence_combined",
    "may_view_proposal",
    "proposal_blockers",
    "solution_page_create",
    "solution_propose",
]

MOSCOW = ZoneInfo("Europe/Moscow")

# Who may see a proposal and its consents: the project's school people, never a consultant
# from outside or an expert.
may_view_proposal = is_author | is_tutor | is_parent_of_author | is_coordinator

# Each licence as the set of conditions it puts on reuse.
LICENCE_TERMS = {
    Licence.CC0: frozenset(),
    Licence.CC_BY: frozenset({"by"}),
    Licence.CC_BY_SA: frozenset({"by", "sa"}),
    Licence.CC_BY_NC: frozenset({"by", "nc"}),
    Licence.CC_BY_NC_SA: frozenset({"by", "nc", "sa"}),
    Licence.ALL_RIGHTS_RESERVED: frozenset({"reserved"}),
}
_LICENCE_OF_TERMS = {terms: licence for licence, terms in LICENCE_TERMS.items()}


@dataclass
class SolutionBankError(Exception):
    """The rules refuse now: a stable `code` for programs and a `message` for people."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def licence_combined(*licences: str) -> str:
    """The licence that keeps every condition of `licences` (empty ones are skipped)."""
    terms: set[str] = set()
    for licence in licences:
        if licence:
            terms |= LICENCE_TERMS[licence]
    if "reserved" in terms:
        return Licence.ALL_RIGHTS_RESERVED
    return _LICENCE_OF_TERMS[frozenset(terms)]


def _is_pupil(person: User) -> bool:
    return person.has_role(RoleChoices.STUDENT)


def _accepted_authors(project: Project) -> list[User]:
    return [
        member.person
        for member in project.members.filter(
            role=MemberRole.AUTHOR, status=MemberStatus.ACCEPTED
        ).select_related("person", "person__school_class")
    ]


def _parents_of(person: User) -> list[User]:
    return [
        link.parent for link in Guardianship.objects.filter(child=person).select_related("parent")
    ]


def _bank():
    """The Russian solution bank, the parent of every new solution page."""
    from site_content.solutions.models import SolutionIndexPage

    banks = SolutionIndexPage.objects.filter(locale__language_code="ru")
    return banks.filter(live=True).first() or banks.first()


def proposal_blockers(*, project: Project) -> list[SolutionBankError]:
    """Why the tutor may not propose `project` now (empty when they may)."""
    from cms.reviews.models import Evaluation

    blockers = []
    if SolutionProposal.objects.filter(project=project).exists():
        blockers.append(
            SolutionBankError("already_proposed", _("Проект уже предложен в банк решений."))
        )
    if project.status != ProjectStatus.FINISHED:
        blockers.append(
            SolutionBankError(
                "not_finished",
                _("Проект ещё не завершён. Предложить его можно, когда приняты все этапы."),
            )
        )
    evaluation = Evaluation.objects.filter(project=project).first()
    if evaluation is None or evaluation.released_at is None:
        blockers.append(
            SolutionBankError(
                "not_evaluated",
                _("Итоги экспертизы ещё не опубликованы: дождитесь решения координатора."),
            )
        )
    authors = _accepted_authors(project)
    if not authors:
        blockers.append(SolutionBankError("no_authors", _("У проекта нет авторов.")))
    for author in authors:
        if _is_pupil(author) and not Guardianship.objects.filter(child=author).exists():
            blockers.append(
                SolutionBankError(
                    "no_parent",
                    _(
                        "За ученика (%(name)s) согласие даёт родитель, но родитель не привязан "
                        "к его учётной записи. Попросите классного руководителя привязать "
                        "родителя."
                    )
                    % {"name": author.full_name},
                )
            )
    if _bank() is None:
        blockers.append(
            SolutionBankError(
                "no_bank",
                _("На сайте нет банка проектных решений. Попросите редактора создать его."),
            )
        )
    return blockers


def _workspace_url(project: Project) -> str:
    page = ProjectsPage.objects.live().filter(locale__language_code="ru").first()
    base = page.url if page is not None and page.url else "/ru/cabinet/projects/"
    return f"{base}?project={project.pk}"


def _notify(people, *, kind, title, body, url) -> None:
    seen = set()
    for person in people:
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        with override(recipient_language(person)):
            notification_send(
                recipient=person, kind=kind.code, title=str(title()), body=str(body()), url=url
            )


def solution_propose(*, project: Project, by: User, licence: str) -> SolutionProposal:
    """The tutor proposes the finished, evaluated `project` for the solution bank under
    `licence`; every author (a pupil's parents) is asked to confirm."""
    if not by.has_perm("projects.propose_solution", project):
        raise PermissionDenied
    if licence not in Licence.values:
        raise SolutionBankError("invalid_licence", _("Выберите лицензию из списка."))
    with transaction.atomic():
        # The project's row is the lock: two proposals at once make one, the other is told.
        project = Project.objects.select_for_update().get(pk=project.pk)
        blockers = proposal_blockers(project=project)
        if blockers:
            raise blockers[0]
        try:
            with transaction.atomic():
                proposal = SolutionProposal.objects.create(
                    project=project, proposed_by=by, licence=licence
                )
        except IntegrityError:
            raise SolutionBankError(
                "already_proposed", _("Проект уже предложен в банк решений.")
            ) from None
        authors = _accepted_authors(project)
        AuthorConsent.objects.bulk_create(
            AuthorConsent(proposal=proposal, author=author) for author in authors
        )
        asked = []
        for author in authors:
            asked.extend(_parents_of(author) if _is_pupil(author) else [author])
            if _is_pupil(author):
                asked.append(author)
        url = _workspace_url(project)
        # In the transaction: the notifications are rows beside the proposal, and their
        # emails wait for the commit (notification_send).
        _notify(
            asked,
            kind=solution_kinds.CONSENT_ASKED,
            title=lambda: (
                _("Проект «%(title)s» предложен в банк решений") % {"title": project.title}
            ),
            body=lambda: _(
                "Подтвердите, как имя автора будет указано на странице решения, и лицензию."
            ),
            url=url,
        )
    return proposal


def consent_actor(*, viewer: User, author: User) -> str:
    """Who `viewer` is for `author`'s consent: "parent" (confirms a pupil's), "self" (an
    adult confirms; a pupil only proposes a choice) or "" (neither)."""
    if viewer is None or not viewer.is_authenticated:
        return ""
    if _is_pupil(author):
        if Guardianship.objects.filter(parent=viewer, child=author).exists():
            return "parent"
        return "self" if viewer.pk == author.pk else ""
    return "self" if viewer.pk == author.pk else ""


def consent_confirm(
    *, proposal: SolutionProposal, author_id: int, by: User, display: str, licence: str
) -> AuthorConsent:
    """`by` confirms (a parent, or an adult author) or proposes (a pupil) how `author_id`'s
    name appears and which licence they accept. When every author is confirmed, the draft
    solution page is made and sent to the editors."""
    if display not in NameDisplay.values:
        raise SolutionBankError("invalid_display", _("Выберите, как показывать имя."))
    if licence not in Licence.values:
        raise SolutionBankError("invalid_licence", _("Выберите лицензию из списка."))
    with transaction.atomic():
        # The proposal's row is the lock: the last confirmation makes the page exactly once.
        proposal = SolutionProposal.objects.select_for_update().get(pk=proposal.pk)
        consent = (
            AuthorConsent.objects.select_related("author", "author__school_class")
            .filter(proposal=proposal, author_id=author_id)
            .first()
        )
        if consent is None:
            raise PermissionDenied
        actor = consent_actor(viewer=by, author=consent.author)
        if not actor:
            raise PermissionDenied
        if proposal.page_id is not None:
            raise SolutionBankError(
                "already_sent", _("Решение уже отправлено редакторам; согласие изменить нельзя.")
            )
        pupil = _is_pupil(consent.author)
        if pupil and actor == "self" and consent.confirmed_at is not None:
            raise SolutionBankError(
                "already_confirmed",
                _("Родитель уже подтвердил согласие. Изменить его может только родитель."),
            )
        consent.display = display
        consent.licence = licence
        if pupil and actor == "self":
            consent.confirmed_by = None
            consent.confirmed_at = None
        else:
            consent.confirmed_by = by
            consent.confirmed_at = timezone.now()
        consent.save()
        if not proposal.consents.filter(confirmed_at__isnull=True).exists():
            solution_page_create(proposal=proposal)
    return consent


def expert_rating_summary(evaluation) -> dict:
    """The public summary of a released evaluation: each criterion's mean score and maximum,
    the total, and how many experts scored. No expert, comment or note is named."""
    submitted = list(evaluation.assignments.filter(submitted_at__isnull=False))
    criteria = []
    for criterion in evaluation.criteria or []:
        scores = []
        for assignment in submitted:
            score = (assignment.scores or {}).get(str(criterion.get("id")))
            try:
                scores.append(float(score))
            except (TypeError, ValueError):
                continue
        levels = [level.get("score", 0) for level in criterion.get("levels", [])]
        criteria.append(
            {
                "title": criterion.get("title", ""),
                "mean": round(sum(scores) / len(scores), 1) if scores else None,
                "max": max(levels) if levels else 0,
            }
        )
    return {
        "criteria": criteria,
        "total": round(sum(row["mean"] or 0 for row in criteria), 1),
        "max": sum(row["max"] for row in criteria),
        "experts": len(submitted),
    }


def _unique_slug(index, title: str) -> str:
    base = (slugify(anyascii(title)) or "solution")[:70].strip("-") or "solution"
    taken = set(index.get_children().values_list("slug", flat=True))
    taken |= type(index).reserved_child_slugs()
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _file_blocks(project: Project, submissions) -> tuple[list[dict], list[dict]]:
    """The accepted submissions' files as gallery images and material documents, each checked
    by its content again and stored under a neutral name."""
    Image, Document = get_image_model(), get_document_model()
    gallery, materials = [], []
    base = (slugify(anyascii(project.title)) or "project")[:40]
    number = 0
    for stage, submission in submissions:
        for stage_file in submission.files.all():
            with stage_file.file.open("rb") as handle:
                data = handle.read()
            number += 1
            try:
                checked = check_image(data)
            except ValidationError:
                checked = None
            if checked is not None:
                image = Image(
                    title=_("%(project)s — %(stage)s")
                    % {"project": project.title, "stage": stage.title},
                    file=ContentFile(data, name=f"{base}-{number}.{checked.extension}"),
                    credit=_("Авторы проекта"),
                )
                image.save()
                gallery.append(
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt_text": _("Иллюстрация к этапу «%(stage)s»")
                            % {"stage": stage.title},
                            "caption": stage.title,
                            "credit": _("Авторы проекта"),
                        },
                    }
                )
                continue
            try:
                document_kind = check_document(data, name=stage_file.name)
            except ValidationError:
                continue
            title = _("%(stage)s: материалы") % {"stage": stage.title}
            document = Document(
                title=title,
                file=ContentFile(data, name=f"{base}-{number}.{document_kind.extension}"),
            )
            document.save()
            materials.append(
                {"type": "document", "value": {"document": document.pk, "title": title}}
            )
    return gallery, materials


def _or_missing(text: str) -> str:
    """The text, or a note the editor sees in moderation where the project left it empty
    (the page's form requires every part of the story)."""
    return text.strip() or _("Не заполнено в проекте: дополните перед публикацией.")


def solution_page_create(*, proposal: SolutionProposal):
    """Make the draft solution page of `proposal`'s project under the solution bank, save it
    as a revision (not live), submit it to the moderation workflow, and tell the tutor and the
    authors it went to the editors. The caller holds the proposal's row locked."""
    from site_content.solutions.models import SolutionAuthor, SolutionPage

    project = proposal.project
    index = _bank()
    if index is None:
        raise SolutionBankError(
            "no_bank", _("На сайте нет банка проектных решений. Попросите редактора создать его.")
        )
    tutor = project.tutor or proposal.proposed_by
    consents = list(
        proposal.consents.select_related("author", "author__school_class").order_by("pk")
    )
    licence = licence_combined(proposal.licence, *(consent.licence for consent in consents))

    accepted = []
    for stage in project.stages.filter(status=StageStatus.ACCEPTED).order_by("position"):
        submission = stage.submissions.filter(decision__accepted=True).order_by("-version").first()
        if submission is not None:
            accepted.append((stage, submission))
    stages = [
        {
            "type": "stage",
            "value": {
                "title": stage.title,
                "period": "",
                "description": submission.text.strip() or stage.description or stage.title,
            },
        }
        for stage, submission in accepted
    ]
    gallery, materials = _file_blocks(project, accepted)

    result = project.result.strip()
    if project.product_kind.strip():
        kind_line = _("Вид продукта: %(kind)s.") % {"kind": project.product_kind.strip()}
        result = f"{result}\n\n{kind_line}" if result else kind_line
    evaluation = getattr(project, "evaluation", None)
    page = SolutionPage(
        title=project.title,
        slug=_unique_slug(index, project.title),
        problem=_or_missing(project.problem),
        goal=_or_missing(project.goal),
        result=_or_missing(result),
        product_url=project.product_url,
        work_format=project.kind,
        tutor=(_("%(name)s, тьютор") % {"name": tutor.full_name}) if tutor else "",
        year=timezone.now().astimezone(MOSCOW).year,
        licence=licence,
        project_type=project.project_type,
        expert_rating=expert_rating_summary(evaluation) if evaluation is not None else {},
        owner=tutor,
        live=False,
        locale=index.locale,
    )
    page.stages = stages
    page.gallery = gallery
    page.materials = materials
    page.subjects = list(project.subjects.all())
    page.grades = [project.grade] if project.grade_id else []
    page.authors = [
        SolutionAuthor(
            full_name=f"{consent.author.first_name} {consent.author.last_name}".strip(),
            school_class=consent.author.school_class.name if consent.author.school_class_id else "",
            display=consent.display or NameDisplay.CLASS_ONLY,
        )
        for consent in consents
    ]
    index.add_child(instance=page)
    revision = page.save_revision(user=tutor, log_action=True)
    page.latest_revision = revision
    submit_for_moderation(page=page, by=tutor)
    proposal.page = page
    proposal.licence = licence
    proposal.page_created_at = timezone.now()
    proposal.save(update_fields=["page", "licence", "page_created_at"])

    people = [tutor, *(consent.author for consent in consents)]
    url = _workspace_url(project)
    _notify(
        people,
        kind=solution_kinds.SENT_TO_EDITORS,
        title=lambda: (
            _("Проект «%(title)s» отправлен редакторам банка решений") % {"title": project.title}
        ),
        body=lambda: _(
            "Все авторы дали согласие. Страница решения появится на сайте, когда её "
            "проверит и опубликует редактор."
        ),
        url=url,
    )
    return page


def _person(person: User | None, *, viewer: User, contacts: bool) -> dict | None:
    from cms.users.selectors import display_name_for

    if person is None:
        return None
    data = {"id": person.pk, "name": str(display_name_for(person=person, viewer=viewer))}
    if contacts and person.email:
        data["email"] = person.email
    return data


def name_previews(author: User) -> dict[str, str]:
    """How the solution page would name `author` under each display choice."""
    from site_content.solutions.models import SolutionAuthor

    full_name = f"{author.first_name} {author.last_name}".strip()
    school_class = author.school_class.name if author.school_class_id else ""
    previews = {}
    for display in NameDisplay.values:
        public = SolutionAuthor(
            full_name=full_name, school_class=school_class, display=display
        ).public
        if public.name:
            previews[display] = str(public)
        elif public.school_class:
            previews[display] = _("Обучающийся %(school_class)s класса") % {
                "school_class": public.school_class
            }
        else:
            previews[display] = _("Автор проекта")
    return previews


def proposal_state(*, project: Project, viewer: User) -> dict:
    """What `viewer` (one of `may_view_proposal`) sees of the project's road to the bank:
    whether the tutor may propose it (or why not), and the proposal with every author's
    consent, what the viewer may do about each, and the page's state."""
    contacts = viewer.has_perm("projects.view_contacts", project)
    proposal = (
        SolutionProposal.objects.filter(project=project).select_related("proposed_by").first()
    )
    may_propose = viewer.has_perm("projects.propose_solution", project)
    blockers = proposal_blockers(project=project) if may_propose and proposal is None else []
    state = {
        "project": project.pk,
        "may_propose": may_propose and proposal is None and not blockers,
        "blockers": [{"code": b.code, "message": b.message} for b in blockers],
        "licences": [{"value": value, "label": str(label)} for value, label in Licence.choices],
        "displays": [{"value": value, "label": str(label)} for value, label in NameDisplay.choices],
        "proposal": None,
    }
    if proposal is None:
        return state
    consents = []
    for consent in proposal.consents.select_related(
        "author", "author__school_class", "confirmed_by"
    ).order_by("pk"):
        author = consent.author
        actor = consent_actor(viewer=viewer, author=author) if proposal.page_id is None else ""
        pupil = _is_pupil(author)
        if pupil and actor == "self" and consent.confirmed_at is not None:
            actor = ""
        consents.append(
            {
                "author": _person(author, viewer=viewer, contacts=contacts),
                "minor": pupil,
                "display": consent.display or author.name_display or NameDisplay.CLASS_ONLY,
                "licence": consent.licence or proposal.licence,
                "chosen": bool(consent.display),
                "confirmed": consent.confirmed_at is not None,
                "confirmed_by": _person(consent.confirmed_by, viewer=viewer, contacts=contacts),
                "confirmed_at": consent.confirmed_at,
                # "confirm": a parent or an adult author; "suggest": the pupil proposes a choice.
                "my_action": {"parent": "confirm", "self": "suggest" if pupil else "confirm"}.get(
                    actor, ""
                ),
                "previews": name_previews(author) if actor else {},
            }
        )
    state["proposal"] = {
        "licence": proposal.licence,
        "licence_label": str(Licence(proposal.licence).label) if proposal.licence else "",
        "proposed_by": _person(proposal.proposed_by, viewer=viewer, contacts=contacts),
        "created_at": proposal.created_at,
        "sent_to_editors": proposal.page_id is not None,
        "sent_at": proposal.page_created_at,
        "consents": consents,
    }
    return state
