"""What the votes app tells other apps."""

from django.dispatch import Signal

# Sent once, after the commit of a vote's count (`services.vote_count`), with `vote` (its
# counted_at, turnout, quorum_met and winner filled in). Initiatives listen for theirs.
vote_counted = Signal()
