"""Key rotation: every stored token re-encrypted with the first key. The column is read and
written raw, so only tokens pass through here, in batches, each batch's rows locked while
they change (a reply written meanwhile is already under the first key)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from . import crypto
from .models import HelpReply, HelpRequest

BATCH = 200


def _rotate_model(model, progress: Callable[[str], None]) -> int:
    quote = connection.ops.quote_name
    table, text, pk = quote(model._meta.db_table), quote("text"), quote("id")
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with transaction.atomic(), connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(batch))
            lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
            cursor.execute(f"SELECT {pk}, {text} FROM {table} WHERE {pk} IN ({marks}){lock}", batch)
            for row_id, token in cursor.fetchall():
                cursor.execute(
                    f"UPDATE {table} SET {text} = %s WHERE {pk} = %s",
                    [crypto.rotate(token), row_id],
                )
                done += 1
        progress(f"{model._meta.verbose_name_plural}: {done} of {len(ids)}")
    return done


def texts_rotate(*, progress: Callable[[str], None] = lambda line: None) -> dict[str, int]:
    return {
        "requests": _rotate_model(HelpRequest, progress),
        "replies": _rotate_model(HelpReply, progress),
    }
