"""The parents' questions API: a parent asks and reads the answers; the school's people see
their queue, answer, and (staff) turn an answer into a FAQ item."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView
from cms.api.serializers import ChoiceSerializer, PersonSerializer
from cms.users.selectors import children_of, display_name_for

from . import services
from .models import Addressee, ParentQuestion, QuestionStatus
from .rules import addressees_served_by, is_parent, may_answer, may_publish_faq, may_view
from .services import QuestionError


class QuestionConflict(exceptions.APIException):
    """The rules refuse now (closed, not answered yet): 409 with the code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: QuestionError):
        super().__init__(error.message)
        self.default_code = error.code


class FaqPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ParentQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    addressee = serializers.ChoiceField(choices=Addressee.choices)
    addressee_label = serializers.CharField()
    status = serializers.ChoiceField(choices=QuestionStatus.choices)
    status_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    parent = PersonSerializer()
    child = PersonSerializer(allow_null=True)
    answer = serializers.CharField(allow_blank=True)
    answered_by = PersonSerializer(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    in_faq = serializers.BooleanField()
    may_answer = serializers.BooleanField()


class QuestionsSerializer(serializers.Serializer):
    mine = ParentQuestionSerializer(many=True, help_text="A parent's own questions.")
    queue = ParentQuestionSerializer(many=True, help_text="Questions the asker answers.")
    may_ask = serializers.BooleanField()
    answers = serializers.BooleanField(help_text="The asker answers some kind of question.")
    may_publish_faq = serializers.BooleanField()
    addressees = ChoiceSerializer(many=True)
    children = PersonSerializer(many=True)
    faq_pages = FaqPageSerializer(many=True, help_text="Staff: pages to add an answer to.")


class AskSerializer(serializers.Serializer):
    addressee = serializers.ChoiceField(choices=Addressee.choices)
    text = serializers.CharField(max_length=4000)
    child_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class QuestionAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=8000)


class FaqSerializer(serializers.Serializer):
    faq_page_id = serializers.IntegerField(min_value=1)
    question = serializers.CharField(
        max_length=500, required=False, allow_blank=True,
        help_text="The question as staff rewrote it; the parent's text by default.",
    )  # fmt: skip
    answer = serializers.CharField(max_length=8000, required=False, allow_blank=True)


class FaqResultSerializer(serializers.Serializer):
    question = ParentQuestionSerializer()
    faq_page = FaqPageSerializer()
    in_moderation = serializers.BooleanField()


def _person(person, viewer):
    if person is None:
        return None
    return {"id": person.pk, "name": display_name_for(person=person, viewer=viewer)}


def _question(question: ParentQuestion, viewer) -> dict:
    return {
        "id": question.pk,
        "text": question.text,
        "addressee": question.addressee,
        "addressee_label": str(question.get_addressee_display()),
        "status": question.status,
        "status_label": str(question.get_status_display()),
        "created_at": question.created_at,
        "parent": _person(question.parent, viewer),
        "child": _person(question.child, viewer),
        "answer": question.answer,
        "answered_by": _person(question.answered_by, viewer),
        "answered_at": question.answered_at,
        "in_faq": question.faq_page_id is not None,
        "may_answer": may_answer.test(viewer, question),
    }


def _faq_pages() -> list[dict]:
    from site_content.support.models import FAQPage

    return [
        {"id": page.pk, "title": page.title}
        for page in FAQPage.objects.order_by("locale__language_code", "path")
    ]


QUESTIONS = ParentQuestion.objects.select_related("parent", "child", "answered_by")


def _question_or_404(request, question_id: int) -> ParentQuestion:
    question = QUESTIONS.filter(pk=question_id).first()
    if question is None or not may_view.test(request.user, question):
        raise exceptions.NotFound(_("Такого вопроса нет."))
    return question


class QuestionsView(PersonWritesThrottled, PrivateApiView):
    """My questions (a parent) and my queue (the school's people); a parent asks (POST)."""

    serializer_class = AskSerializer
    pagination_class = None

    @extend_schema(operation_id="parent_questions_list", responses=QuestionsSerializer)
    def get(self, request):
        user = request.user
        kinds = addressees_served_by(user)
        queue = QUESTIONS.filter(
            Q(addressed_to=user) | Q(addressed_to__isnull=True, addressee__in=kinds)
        ).exclude(parent=user)
        # Open questions first, then the latest.
        queue = sorted(queue[:200], key=lambda q: (q.status != QuestionStatus.OPEN, -q.pk))
        publisher = may_publish_faq.test(user)
        data = {
            "mine": [_question(q, user) for q in QUESTIONS.filter(parent=user)[:200]],
            "queue": [_question(q, user) for q in queue],
            "may_ask": is_parent.test(user),
            "answers": bool(kinds),
            "may_publish_faq": publisher,
            "addressees": [{"value": v, "label": str(label)} for v, label in Addressee.choices],
            "children": [_person(child, user) for child in children_of(parent=user)],
            "faq_pages": _faq_pages() if publisher else [],
        }
        return Response(QuestionsSerializer(data).data)

    @extend_schema(request=AskSerializer, responses={201: ParentQuestionSerializer})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            question = services.question_ask(
                parent=request.user,
                text=serializer.validated_data["text"],
                addressee=serializer.validated_data["addressee"],
                child_id=serializer.validated_data.get("child_id"),
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _("Задать вопрос здесь могут родители учеников лицея.")
            ) from None
        except QuestionError as error:
            raise exceptions.ValidationError({"child_id" if error.code == "not_your_child"
                                              else "text": [error.message]}) from None  # fmt: skip
        return Response(_question_data(question, request.user), status=status.HTTP_201_CREATED)


def _question_data(question, viewer) -> dict:
    question = QUESTIONS.get(pk=question.pk)
    return ParentQuestionSerializer(_question(question, viewer)).data


class QuestionView(PrivateApiView):
    """One question: its asker and the people who answer it."""

    serializer_class = ParentQuestionSerializer
    pagination_class = None

    @extend_schema(responses=ParentQuestionSerializer)
    def get(self, request, question_id: int):
        return Response(_question_data(_question_or_404(request, question_id), request.user))


class AnswerView(PersonWritesThrottled, PrivateApiView):
    """Answer the question (the people it is addressed to)."""

    serializer_class = QuestionAnswerSerializer
    pagination_class = None

    @extend_schema(request=QuestionAnswerSerializer, responses=ParentQuestionSerializer)
    def post(self, request, question_id: int):
        question = _question_or_404(request, question_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            question = services.question_answer(
                question=question, by=request.user, answer=serializer.validated_data["answer"]
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _("Ответить может тот, кому адресован вопрос.")
            ) from None
        except QuestionError as error:
            raise QuestionConflict(error) from None
        return Response(_question_data(question, request.user))


class CloseView(PersonWritesThrottled, PrivateApiView):
    """Close the question (its asker, or the people who answer it)."""

    pagination_class = None

    @extend_schema(request=None, responses=ParentQuestionSerializer)
    def post(self, request, question_id: int):
        question = _question_or_404(request, question_id)
        question = services.question_close(question=question, by=request.user)
        return Response(_question_data(question, request.user))


class FaqView(PersonWritesThrottled, PrivateApiView):
    """Staff turn the answered question into an item of a FAQ page: a new revision, without
    the parent's or child's name, sent to the page's moderation."""

    serializer_class = FaqSerializer
    pagination_class = None

    @extend_schema(request=FaqSerializer, responses={201: FaqResultSerializer})
    def post(self, request, question_id: int):
        from site_content.support.models import FAQPage

        question = _question_or_404(request, question_id)
        if not may_publish_faq.test(request.user):
            raise exceptions.PermissionDenied(
                _("Переносить ответы в вопросы и ответы могут сотрудники-редакторы.")
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        page = FAQPage.objects.filter(pk=serializer.validated_data["faq_page_id"]).first()
        if page is None:
            raise exceptions.ValidationError({"faq_page_id": [_("Такой страницы FAQ нет.")]})
        try:
            services.faq_item_propose(
                question=question,
                by=request.user,
                faq_page=page,
                question_text=serializer.validated_data.get("question", ""),
                answer_text=serializer.validated_data.get("answer", ""),
            )
        except QuestionError as error:
            raise QuestionConflict(error) from None
        page.refresh_from_db()
        data = {
            "question": _question(QUESTIONS.get(pk=question.pk), request.user),
            "faq_page": {"id": page.pk, "title": page.title},
            "in_moderation": page.workflow_in_progress,
        }
        return Response(FaqResultSerializer(data).data, status=status.HTTP_201_CREATED)
