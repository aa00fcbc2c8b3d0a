"""Shapes many endpoints answer with, declared once so the OpenAPI schema has one component
for each (two serializers of one name would make drf-spectacular guess)."""

from rest_framework import serializers

__all__ = ["ChoiceSerializer", "PersonSerializer"]


class PersonSerializer(serializers.Serializer):
    """A person as the asker may see them: the name follows a pupil's consent; never an
    address."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class ChoiceSerializer(serializers.Serializer):
    """One choice of a list: the value to send back and its label in the asker's language."""

    value = serializers.CharField()
    label = serializers.CharField()
