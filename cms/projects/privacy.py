"""The project workspace in "download my data" and "delete my account".

A person's file lists the projects they are or were in (and how), the tutor requests they made
or received, the stage versions they handed in, the decisions they took, their comments, and
the solution bank consents given for them or by them.

Deleting the account removes the person from every project. A project of which they were the
only author goes entirely (with its files): it is their work alone. In a shared project the
co-authors' work stays, without the person's name on it; their own comments go.
"""

from __future__ import annotations

from django.db.models import Q

from cms.users.personal_data import register_eraser, register_exempt, register_exporter

from .models import (
    AuthorConsent,
    Comment,
    MemberRole,
    MemberStatus,
    Project,
    ProjectActivity,
    ProjectMember,
    SolutionProposal,
    StageDecision,
    StageFile,
    StageSubmission,
    TutorRequest,
)

MODELS = [
    "projects.Project",
    "projects.ProjectMember",
    "projects.TutorRequest",
    "projects.StageSubmission",
    "projects.StageDecision",
    "projects.Comment",
    "projects.SolutionProposal",
    "projects.AuthorConsent",
]


def projects_export(person) -> dict:
    memberships = ProjectMember.objects.filter(person=person).select_related("project")
    return {
        "projects": [
            {
                "project": m.project.title,
                "role": m.role,
                "status": m.status,
                "invited_at": m.created_at,
                "answered_at": m.answered_at,
                "problem": m.project.problem,
                "goal": m.project.goal,
                "result": m.project.result,
            }
            for m in memberships
        ],
        "projects_started": list(
            Project.objects.filter(created_by=person).values_list("title", flat=True)
        ),
        "projects_tutored": list(
            Project.objects.filter(tutor=person).values_list("title", flat=True)
        ),
        "tutor_requests": [
            {
                "project": r.project.title,
                "asked_by_me": r.requested_by_id == person.pk,
                "status": r.status,
                "message": r.message,
                "created_at": r.created_at,
            }
            for r in TutorRequest.objects.filter(Q(tutor=person) | Q(requested_by=person))
            .select_related("project")
            .distinct()
        ],
        "stage_submissions": [
            {
                "project": s.stage.project.title,
                "stage": s.stage.title,
                "version": s.version,
                "text": s.text,
                "links": s.links,
                "files": [f.name for f in s.files.all()],
                "submitted_at": s.submitted_at,
            }
            for s in StageSubmission.objects.filter(author=person)
            .select_related("stage__project")
            .prefetch_related("files")
        ],
        "stage_decisions": [
            {
                "project": d.submission.stage.project.title,
                "stage": d.submission.stage.title,
                "accepted": d.accepted,
                "feedback": d.feedback,
                "decided_at": d.decided_at,
            }
            for d in StageDecision.objects.filter(decided_by=person).select_related(
                "submission__stage__project"
            )
        ],
        "project_comments": [
            {"project": c.project.title, "body": c.body, "created_at": c.created_at}
            for c in Comment.objects.filter(author=person).select_related("project")
        ],
        "solution_bank_consents": [
            {
                "project": c.proposal.project.title,
                "for_me": c.author_id == person.pk,
                "display": c.display,
                "licence": c.licence,
                "confirmed_at": c.confirmed_at,
            }
            for c in AuthorConsent.objects.filter(Q(author=person) | Q(confirmed_by=person))
            .select_related("proposal__project")
            .distinct()
        ],
        "solution_proposals": list(
            SolutionProposal.objects.filter(proposed_by=person).values_list(
                "project__title", flat=True
            )
        ),
    }


def _sole_author_projects(person):
    mine = ProjectMember.objects.filter(person=person, role=MemberRole.AUTHOR).values("project_id")
    shared = ProjectMember.objects.filter(
        project_id__in=mine, role=MemberRole.AUTHOR, status=MemberStatus.ACCEPTED
    ).exclude(person=person)
    return Project.objects.filter(pk__in=mine).exclude(pk__in=shared.values("project_id"))


def projects_erase(person) -> None:
    alone = _sole_author_projects(person)
    files = StageFile.objects.filter(submission__stage__project__in=alone)
    for stage_file in files:
        stage_file.file.storage.delete(stage_file.file.name)
    alone.delete()
    ProjectMember.objects.filter(person=person).delete()
    ProjectMember.objects.filter(invited_by=person).update(invited_by=None)
    Project.objects.filter(created_by=person).update(created_by=None)
    Project.objects.filter(tutor=person).update(tutor=None)
    TutorRequest.objects.filter(tutor=person).delete()
    TutorRequest.objects.filter(requested_by=person).update(requested_by=None)
    StageSubmission.objects.filter(author=person).update(author=None)
    StageDecision.objects.filter(decided_by=person).update(decided_by=None)
    Comment.objects.filter(author=person).delete()
    ProjectActivity.objects.filter(actor=person).update(actor=None)
    SolutionProposal.objects.filter(proposed_by=person).update(proposed_by=None)
    AuthorConsent.objects.filter(author=person).delete()
    AuthorConsent.objects.filter(confirmed_by=person).update(confirmed_by=None)


register_exporter("projects", projects_export, models=MODELS)
register_eraser("projects", projects_erase, models=[*MODELS, "projects.ProjectActivity"])
register_exempt(
    "projects.ProjectActivity",
    reason=(
        "The activity feed only points at what the person did, and every such thing "
        "(submissions, decisions, comments, memberships) is in the export itself."
    ),
    from_erasure=False,
)
