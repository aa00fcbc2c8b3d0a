"""The real API plus a few endpoints that exist only to exercise the shared API policy."""

from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import ApiView
from cms.urls import urlpatterns as site_urlpatterns


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20)


class NotesView(ApiView):
    """Signed-in people may post a short note; it is echoed back."""

    serializer_class = NoteSerializer

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)


class BrokenView(ApiView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("a bug")


urlpatterns = [
    path("api/test/notes", NotesView.as_view()),
    path("api/test/broken", BrokenView.as_view()),
    *site_urlpatterns,
]
