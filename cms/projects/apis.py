"""The project workspace's API: my projects, one project with its stages, people and
invitations, tutor requests, handing in and deciding stages, comments, activity, and the
private files.

Thin views: the rules are in `services` and `rules`, the reads in `selectors`. A project the
asker may not see is a 404, whatever the reason; an action one of its people may not take is
a 403. Every answer is private to the asker and never cached.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cms.api.base import FirstRendererNegotiation, PrivateApiView
from cms.users.choices import RoleChoices
from site_content.taxonomy.models import Grade, ProjectType, Subject

from . import selectors, services
from .files import file_response
from .models import (
    MemberRole,
    ProjectKind,
    ProjectStatus,
    Stage,
    StageFile,
    StageStatus,
)

User = get_user_model()


class ProjectConflict(exceptions.APIException):
    """The rules refuse the change now: 409 with the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.ProjectError):
        super().__init__(error.message)
        self.default_code = error.code


def _refused(error: services.ProjectError):
    if error.field:
        return serializers.ValidationError({error.field: [error.message]})
    return ProjectConflict(error)


def _forbidden(error: DjangoPermissionDenied):
    return exceptions.PermissionDenied(str(error) or None)


def _language(request) -> str:
    return (get_language() or "ru")[:2]


class ProjectPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField(
        required=False, help_text="Only for those who may see the project's contacts."
    )


class StageCurrentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=StageStatus.choices)


class StageSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    accepted = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField())
    current = StageCurrentSerializer(allow_null=True)


class ProjectSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProjectKind.choices)
    status = serializers.ChoiceField(choices=ProjectStatus.choices)
    my_role = serializers.CharField(allow_blank=True)
    tutor = ProjectPersonSerializer(allow_null=True)
    stages = StageSummarySerializer()
    url = serializers.CharField()


class FileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    feedback = serializers.CharField(allow_blank=True)
    by = ProjectPersonSerializer(allow_null=True)
    at = serializers.DateTimeField()


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True)
    links = serializers.ListField(child=serializers.CharField())
    files = FileSerializer(many=True)
    submitted_at = serializers.DateTimeField()
    author = ProjectPersonSerializer(allow_null=True)


class SubmissionWithDecisionSerializer(SubmissionSerializer):
    decision = DecisionSerializer(allow_null=True)


class _StageFields(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    due_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=StageStatus.choices)
    overdue = serializers.BooleanField()


class StageSerializer(_StageFields):
    latest_submission = SubmissionSerializer(allow_null=True)
    decision = DecisionSerializer(allow_null=True)


class StageHistorySerializer(_StageFields):
    submissions = SubmissionWithDecisionSerializer(many=True)


class PermissionsSerializer(serializers.Serializer):
    change = serializers.BooleanField()
    submit = serializers.BooleanField()
    decide = serializers.BooleanField()
    comment = serializers.BooleanField()
    invite_author = serializers.BooleanField()
    invite_consultant = serializers.BooleanField()
    propose = serializers.BooleanField()


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = ProjectPersonSerializer()
    role = serializers.ChoiceField(choices=MemberRole.choices)
    status = serializers.CharField()


class PendingTutorRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tutor = ProjectPersonSerializer()
    created_at = serializers.DateTimeField()


class ProjectDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProjectKind.choices)
    status = serializers.ChoiceField(choices=ProjectStatus.choices)
    problem = serializers.CharField(allow_blank=True)
    goal = serializers.CharField(allow_blank=True)
    result = serializers.CharField(allow_blank=True)
    product_kind = serializers.CharField(allow_blank=True)
    product_url = serializers.CharField(allow_blank=True)
    subject_ids = serializers.ListField(child=serializers.IntegerField())
    grade_id = serializers.IntegerField(allow_null=True)
    project_type_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    my_role = serializers.CharField(allow_blank=True)
    tutor = ProjectPersonSerializer(allow_null=True)
    tutor_request = PendingTutorRequestSerializer(allow_null=True)
    members = MemberSerializer(many=True)
    stages = StageSerializer(many=True)
    permissions = PermissionsSerializer()
    url = serializers.CharField()


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage_id = serializers.IntegerField(allow_null=True)
    author = ProjectPersonSerializer(allow_null=True)
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    verb = serializers.CharField()
    verb_label = serializers.CharField()
    stage_id = serializers.IntegerField(allow_null=True)
    actor = ProjectPersonSerializer(allow_null=True)
    created_at = serializers.DateTimeField()


class PeopleItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField(required=False, allow_blank=True)


class TutorRequestProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProjectKind.choices)
    problem = serializers.CharField(allow_blank=True)
    goal = serializers.CharField(allow_blank=True)
    url = serializers.CharField()


class TutorRequestItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = TutorRequestProjectSerializer()
    requested_by = ProjectPersonSerializer(allow_null=True)
    message = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class TutorRequestStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


def _ids_of(model, ids, field: str):
    found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise serializers.ValidationError(
            {field: [_("Такого значения нет: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]}
        )


class ProjectWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=ProjectKind.choices, default=ProjectKind.INDIVIDUAL)
    problem = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    goal = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    result = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    product_kind = serializers.CharField(max_length=200, required=False, allow_blank=True)
    product_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    subject_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        max_length=20,
    )
    grade_id = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True
    )
    project_type_id = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True
    )

    def validate(self, data):
        if data.get("subject_ids"):
            _ids_of(Subject, data["subject_ids"], "subject_ids")
        if data.get("grade_id"):
            _ids_of(Grade, [data["grade_id"]], "grade_id")
        if data.get("project_type_id"):
            _ids_of(ProjectType, [data["project_type_id"]], "project_type_id")
        return data


def _relations(data: dict) -> dict:
    """The validated ids as the objects the services take."""
    out = {}
    if "subject_ids" in data:
        out["subjects"] = list(Subject.objects.filter(pk__in=data["subject_ids"]))
    if "grade_id" in data:
        out["grade"] = Grade.objects.filter(pk=data["grade_id"]).first()
    if "project_type_id" in data:
        out["project_type"] = ProjectType.objects.filter(pk=data["project_type_id"]).first()
    return out


class PrivateView(PrivateApiView):
    """A project endpoint: private answers, whole lists, the project looked up or 404."""

    pagination_class = None

    def project_or_404(self, project_id: int):
        project = selectors.visible_project(project_id=project_id, user=self.request.user)
        if project is None:
            raise exceptions.NotFound
        return project

    def project_full_or_404(self, project_id: int):
        """The project for its people (someone only invited is not one yet)."""
        project = self.project_or_404(project_id)
        if not self.request.user.has_perm("projects.view_project", project):
            raise exceptions.NotFound
        return project

    def stage_or_404(self, project, stage_id: int) -> Stage:
        stage = Stage.objects.select_related("project").filter(pk=stage_id, project=project)
        found = stage.first()
        if found is None:
            raise exceptions.NotFound
        return found

    def detail(self, project, *, code=status.HTTP_200_OK) -> Response:
        project.refresh_from_db()
        return Response(
            selectors.project_detail(
                project=project, viewer=self.request.user, language=_language(self.request)
            ),
            status=code,
        )


class ProjectsView(PrivateView):
    """My projects (GET), and a pupil starting a new one (POST)."""

    serializer_class = ProjectWriteSerializer

    @extend_schema(responses=ProjectSummarySerializer(many=True))
    def get(self, request):
        language = _language(request)
        return Response(
            [
                selectors.project_summary(project=project, viewer=request.user, language=language)
                for project in selectors.projects_for_person(person=request.user)
            ]
        )

    @extend_schema(request=ProjectWriteSerializer, responses={201: ProjectDetailSerializer})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        relations = _relations(data)
        try:
            project = services.project_create(
                by=request.user,
                title=data["title"],
                kind=data["kind"],
                problem=data.get("problem", ""),
                goal=data.get("goal", ""),
                product_kind=data.get("product_kind", ""),
                subjects=relations.get("subjects", []),
                grade=relations.get("grade"),
                project_type=relations.get("project_type"),
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        return self.detail(project, code=status.HTTP_201_CREATED)


class ProjectView(PrivateView):
    """One project as its people see it (GET); its authors and tutor edit it (PATCH)."""

    serializer_class = ProjectWriteSerializer

    @extend_schema(responses=ProjectDetailSerializer)
    def get(self, request, project_id: int):
        return self.detail(self.project_or_404(project_id))

    @extend_schema(request=ProjectWriteSerializer(partial=True), responses=ProjectDetailSerializer)
    def patch(self, request, project_id: int):
        project = self.project_or_404(project_id)
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        relations = _relations(data)
        fields = {name: data[name] for name in services.UPDATABLE if name in data}
        for name in ("grade", "project_type"):
            if name in relations:
                fields[name] = relations[name]
        try:
            services.project_update(
                project=project, by=request.user, subjects=relations.get("subjects"), **fields
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        return self.detail(project)


class InviteSerializer(serializers.Serializer):
    person_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    email = serializers.EmailField(max_length=254, required=False)
    role = serializers.ChoiceField(
        choices=MemberRole.choices,
        required=False,
        help_text="Optional: a pupil is invited as an author, a partner as a consultant.",
    )

    def validate(self, data):
        if not data.get("person_id") and not data.get("email"):
            raise serializers.ValidationError(
                {"person_id": [_("Выберите человека или напишите адрес почты партнёра.")]}
            )
        return data


def _member_json(member, *, viewer, project) -> dict:
    contacts = viewer.has_perm("projects.view_contacts", project)
    return {
        "id": member.pk,
        "person": selectors.person_json(member.person, viewer=viewer, contacts=contacts),
        "role": member.role,
        "status": member.status,
    }


class ProjectMembersView(PrivateView):
    """Invite a classmate as a co-author, or (the tutor) a partner as a consultant."""

    serializer_class = InviteSerializer

    @extend_schema(request=InviteSerializer, responses={201: MemberSerializer})
    def post(self, request, project_id: int):
        project = self.project_full_or_404(project_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("person_id"):
            person = User.objects.filter(pk=data["person_id"], is_active=True).first()
        else:
            # Only partners are found by address, so the search tells nothing of anyone else.
            person = (
                User.objects.filter(
                    email__iexact=data["email"],
                    is_active=True,
                    role_links__role=RoleChoices.PARTNER,
                )
                .distinct()
                .first()
            )
        if person is None:
            raise serializers.ValidationError(
                {
                    "person_id" if data.get("person_id") else "email": [
                        _("Такого человека в пространстве нет.")
                    ]
                }
            )
        role = data.get("role") or (
            MemberRole.AUTHOR
            if data.get("person_id") and person.has_role(RoleChoices.STUDENT)
            else MemberRole.CONSULTANT
        )
        try:
            member = services.member_invite(
                project=project, by=request.user, person=person, role=role
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        return Response(
            _member_json(member, viewer=request.user, project=project),
            status=status.HTTP_201_CREATED,
        )


class AnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["accept", "decline"])


class MembershipView(PrivateView):
    """My own invitation: accept or decline it (POST); leave the project (DELETE)."""

    serializer_class = AnswerSerializer

    @extend_schema(request=AnswerSerializer, responses=MemberSerializer)
    def post(self, request, project_id: int):
        project = self.project_or_404(project_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            member = services.member_answer(
                project=project,
                person=request.user,
                accept=serializer.validated_data["answer"] == "accept",
            )
        except services.ProjectError as error:
            raise _refused(error) from None
        return Response(_member_json(member, viewer=request.user, project=project))

    @extend_schema(request=None, responses=MemberSerializer)
    def delete(self, request, project_id: int):
        project = self.project_full_or_404(project_id)
        try:
            member = services.member_leave(project=project, person=request.user)
        except services.ProjectError as error:
            raise _refused(error) from None
        return Response(_member_json(member, viewer=request.user, project=project))


# Who may look up whom: pupils find classmates and tutors; tutors, teachers and staff find
# pupils, tutors and partners. Partners, parents and experts look up nobody.
PEOPLE_FINDERS = {
    "student": (
        RoleChoices.STUDENT,
        RoleChoices.TUTOR,
        RoleChoices.TEACHER,
        RoleChoices.STAFF,
        RoleChoices.ADMINISTRATOR,
    ),
    "tutor": (
        RoleChoices.STUDENT,
        RoleChoices.TUTOR,
        RoleChoices.TEACHER,
        RoleChoices.STAFF,
        RoleChoices.ADMINISTRATOR,
    ),
    "partner": (
        RoleChoices.TUTOR,
        RoleChoices.TEACHER,
        RoleChoices.STAFF,
        RoleChoices.ADMINISTRATOR,
    ),
}


class PeopleView(PrivateView):
    """Names to invite or to ask as tutor; never emails."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Part of a name, a class or an organisation."),
            OpenApiParameter(
                "role", str, enum=list(PEOPLE_FINDERS), description="Whom to look for."
            ),
        ],
        responses=PeopleItemSerializer(many=True),
    )
    def get(self, request):
        role = request.query_params.get("role") or "student"
        if role not in PEOPLE_FINDERS:
            raise serializers.ValidationError(
                {"role": [_("Выберите: student, tutor или partner.")]}
            )
        if not request.user.has_role(*PEOPLE_FINDERS[role]):
            raise exceptions.PermissionDenied(_("Этот список вам не нужен для ваших проектов."))
        q = (request.query_params.get("q") or "")[:100].replace("\x00", "")
        return Response(selectors.people_find(viewer=request.user, role=role, q=q))


class TutorRequestSerializer(serializers.Serializer):
    tutor_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ProjectTutorRequestView(PrivateView):
    """The authors ask a tutor to accompany the project."""

    serializer_class = TutorRequestSerializer

    @extend_schema(request=TutorRequestSerializer, responses={201: PendingTutorRequestSerializer})
    def post(self, request, project_id: int):
        project = self.project_full_or_404(project_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        tutor = User.objects.filter(pk=data["tutor_id"], is_active=True).first()
        if tutor is None:
            raise serializers.ValidationError({"tutor_id": [_("Такого тьютора нет.")]})
        try:
            tutor_request = services.tutor_request_create(
                project=project, by=request.user, tutor=tutor, message=data.get("message", "")
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        contacts = request.user.has_perm("projects.view_contacts", project)
        return Response(
            {
                "id": tutor_request.pk,
                "tutor": selectors.person_json(tutor, viewer=request.user, contacts=contacts),
                "created_at": tutor_request.created_at,
            },
            status=status.HTTP_201_CREATED,
        )


class TutorRequestsView(PrivateView):
    """The requests waiting for my answer, as a tutor."""

    @extend_schema(responses=TutorRequestItemSerializer(many=True))
    def get(self, request):
        return Response(
            selectors.tutor_requests_pending(tutor=request.user, language=_language(request))
        )


class TutorRequestAnswerView(PrivateView):
    """The tutor asked accepts or declines."""

    serializer_class = AnswerSerializer

    @extend_schema(request=AnswerSerializer, responses=TutorRequestStateSerializer)
    def post(self, request, request_id: int):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            tutor_request = services.tutor_request_answer(
                request_id=request_id,
                by=request.user,
                accept=serializer.validated_data["answer"] == "accept",
            )
        except DjangoPermissionDenied:
            # Someone else's request, or none: the same answer either way.
            raise exceptions.NotFound from None
        except services.ProjectError as error:
            raise _refused(error) from None
        return Response({"id": tutor_request.pk, "status": tutor_request.status})


class StageView(PrivateView):
    """A stage with every version handed in and the tutor's decisions: its history."""

    @extend_schema(responses=StageHistorySerializer)
    def get(self, request, project_id: int, stage_id: int):
        project = self.project_full_or_404(project_id)
        stage = self.stage_or_404(project, stage_id)
        return Response(selectors.stage_history(stage=stage, viewer=request.user))


class SubmissionUploadSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    links = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, max_length=10
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=10)


class StageSubmissionsView(PrivateView):
    """An author hands in a stage: text, links and files (multipart), as a new version."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]
    serializer_class = SubmissionUploadSerializer

    @extend_schema(
        request={
            "multipart/form-data": SubmissionUploadSerializer,
            "application/json": SubmissionUploadSerializer,
        },
        responses={201: SubmissionSerializer},
    )
    def post(self, request, project_id: int, stage_id: int):
        project = self.project_full_or_404(project_id)
        stage = self.stage_or_404(project, stage_id)
        data = request.data
        if hasattr(data, "getlist"):
            fields = {
                "text": data.get("text", ""),
                "links": data.getlist("links") or data.getlist("links[]"),
            }
            files = request.FILES.getlist("files") or request.FILES.getlist("files[]")
        else:
            fields = {"text": data.get("text", ""), "links": data.get("links", [])}
            files = []
        # The text and links go through the serializer's checks (types, lengths, no NUL
        # characters); the files through the content checks of the service.
        serializer = self.get_serializer(data=fields)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data.get("text", "")
        links = serializer.validated_data.get("links", [])
        try:
            submission = services.stage_submit(
                stage=stage, by=request.user, text=text, links=links, files=files
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        history = selectors.stage_history(stage=stage, viewer=request.user)
        latest = next(s for s in history["submissions"] if s["id"] == submission.pk)
        latest.pop("decision", None)
        return Response(latest, status=status.HTTP_201_CREATED)


class DecisionRequestSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    feedback = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class StageDecisionView(PrivateView):
    """The tutor accepts the stage or returns it with feedback."""

    serializer_class = DecisionRequestSerializer

    @extend_schema(request=DecisionRequestSerializer, responses={201: DecisionSerializer})
    def post(self, request, project_id: int, stage_id: int):
        project = self.project_full_or_404(project_id)
        stage = self.stage_or_404(project, stage_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            decision = services.stage_decide(
                stage=stage,
                by=request.user,
                accepted=data["accepted"],
                feedback=data.get("feedback", ""),
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        contacts = request.user.has_perm("projects.view_contacts", project)
        return Response(
            {
                "accepted": decision.accepted,
                "feedback": decision.feedback,
                "by": selectors.person_json(request.user, viewer=request.user, contacts=contacts),
                "at": decision.decided_at,
            },
            status=status.HTTP_201_CREATED,
        )


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    stage = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class CommentsView(PrivateView):
    """The project's comments, or one stage's (GET), and writing one (POST)."""

    serializer_class = CommentCreateSerializer

    @extend_schema(
        parameters=[OpenApiParameter("stage", int, description="Only this stage's comments.")],
        responses=CommentSerializer(many=True),
    )
    def get(self, request, project_id: int):
        project = self.project_full_or_404(project_id)
        raw = request.query_params.get("stage")
        stage_id = None
        if raw:
            try:
                stage_id = int(raw)
            except ValueError:
                stage_id = 0
            if not 0 < stage_id < 2**31:
                raise serializers.ValidationError({"stage": [_("Нужен номер этапа.")]})
        return Response(
            selectors.comments_for(project=project, viewer=request.user, stage_id=stage_id)
        )

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentSerializer})
    def post(self, request, project_id: int):
        project = self.project_full_or_404(project_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        stage = self.stage_or_404(project, data["stage"]) if data.get("stage") else None
        try:
            comment = services.comment_create(
                project=project, by=request.user, body=data["body"], stage=stage
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.ProjectError as error:
            raise _refused(error) from None
        contacts = request.user.has_perm("projects.view_contacts", project)
        return Response(
            {
                "id": comment.pk,
                "stage_id": comment.stage_id,
                "author": selectors.person_json(
                    request.user, viewer=request.user, contacts=contacts
                ),
                "body": comment.body,
                "created_at": comment.created_at,
            },
            status=status.HTTP_201_CREATED,
        )


class ActivityView(PrivateView):
    """What happened in the project, newest first."""

    @extend_schema(responses=ActivitySerializer(many=True))
    def get(self, request, project_id: int):
        project = self.project_full_or_404(project_id)
        return Response(selectors.activity_for(project=project, viewer=request.user))


class ProjectFileView(PrivateView):
    """A file handed in with a stage, as a download: only for those who may see the project's
    material (its people and the experts assigned to evaluate it)."""

    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment."
            )
        }
    )
    def get(self, request, project_id: int, file_id: int):
        stage_file = (
            StageFile.objects.select_related("submission__stage__project")
            .filter(pk=file_id, submission__stage__project_id=project_id)
            .first()
        )
        if stage_file is None or not request.user.has_perm(
            "projects.view_material", stage_file.submission.stage.project
        ):
            raise exceptions.NotFound
        return file_response(stage_file)
