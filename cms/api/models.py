from django.db import models


class RateLimitState(models.Model):
    """One client's allowance under one limit, shared by every worker and host.

    `tat` is the generic cell rate algorithm's theoretical arrival time: the moment at which
    the client's bucket will be full again. A row whose `tat` has passed means a full bucket,
    the same as no row, so old rows may be deleted at any time.
    """

    key = models.CharField(max_length=200, primary_key=True)
    tat = models.FloatField()
    allowed = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["tat"], name="api_ratelimit_tat_idx")]

    def __str__(self):
        return self.key
