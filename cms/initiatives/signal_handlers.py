"""Initiatives listen to the votes app: a counted vote decides its initiative."""

from django.dispatch import receiver

from cms.votes.models import Vote
from cms.votes.signals import vote_counted

from .services import initiative_vote_counted


@receiver(vote_counted, sender=Vote, dispatch_uid="initiatives_vote_counted")
def on_vote_counted(sender, vote, **kwargs):
    initiative_vote_counted(vote=vote)
