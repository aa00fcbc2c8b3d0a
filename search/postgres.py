"""The database backend's search on PostgreSQL, answered by one SQL statement.

Wagtail's own query (`modelsearch`) matches `title || body @@ query`: a concatenation no index
covers, so every search read every index entry. Here each language's entries are matched with
`title @@ query OR body @@ query`, which the GIN indexes on both columns answer, and the same
statement ranks the matches, counts them and counts their facets, so a search is one round
trip whatever the number of matches. Ranks, weights, word forms and the order of results are
Wagtail's: the same `to_tsquery` text, `ts_rank` weights and title norms.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

LIST_FACETS = {"subject": "subjects", "grade": "grades", "tag": "tags"}


@dataclass
class Matches:
    """One page of ranked matches, how many there are and their facet counts."""

    ranked: list[tuple[int, float]]
    total: int
    facets: dict[str, Counter]


def tsquery_text(text: str) -> str:
    """The words of a query OR-ed, as Wagtail writes them for `to_tsquery`: each one quoted,
    so the text search configuration stems it and drops stop words."""
    terms = [term for term in re.split(r"[\s\-]+", text) if term]
    quoted = ("'" + term.replace("'", "''").replace("\\", "\\\\") + "'" for term in terms)
    return " | ".join(quoted)


def postgres_matches(
    *,
    text: str,
    configs: list[tuple[str, str]],
    filters: dict,
    facet_names: tuple[str, ...],
    offset: int,
    limit: int,
) -> Matches:
    """Search the documents of each (language, text search configuration) pair; a language
    listed later ranks after an earlier one on equal scores."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.models import IndexEntry

    from .models import SearchDocument

    query = tsquery_text(text)
    facets = {name: Counter() for name in facet_names}
    if not query or not configs:
        return Matches(ranked=[], total=0, facets=facets)

    params: dict = {
        "query": query,
        "weights": get_sql_weights(),
        "content_type": ContentType.objects.get_for_model(SearchDocument).pk,
        "offset": offset,
        "limit": limit,
    }
    conditions = []
    for name, column in (("type", "type"), ("year", "year")):
        if filters.get(name) is not None:
            params[name] = filters[name]
            conditions.append(f"d.{column} = %({name})s")
    for position, key in enumerate(filters.get("facet_keys", [])):
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"key{position}"] = f"%{escaped}%"
        conditions.append(f"d.facet_keys LIKE %(key{position})s")

    branches = []
    for position, (language, config) in enumerate(configs):
        params[f"language{position}"] = language
        params[f"config{position}"] = config
        tsquery = f"to_tsquery(%(config{position})s::regconfig, %(query)s)"
        where = " AND ".join([f"d.locale = %(language{position})s", *conditions])
        branches.append(
            f"""
            SELECT d.page_id AS id,
                   (ts_rank(%(weights)s::float4[], e.title, {tsquery}) * e.title_norm
                    + ts_rank(%(weights)s::float4[], e.body, {tsquery}))::float8
                   - {position} * 1e-9 AS score,
                   d.type, d.locale, d.year, d.subjects, d.grades, d.tags
            FROM {IndexEntry._meta.db_table} e
            JOIN {SearchDocument._meta.db_table} d ON d.page_id = e.object_id::integer
            WHERE e.content_type_id + 0 = %(content_type)s
              AND (e.title @@ {tsquery} OR e.body @@ {tsquery})
              AND {where}"""
        )
    parts = [
        "SELECT 'hit', id, score, NULL FROM "
        "(SELECT id, score FROM matched ORDER BY score DESC, id "
        "LIMIT %(limit)s OFFSET %(offset)s) AS page",
        "SELECT 'total', NULL, count(*), NULL FROM matched",
    ]
    for name in facet_names:
        if name in LIST_FACETS:
            parts.append(
                f"SELECT '{name}', NULL, count(*), value FROM matched, "
                f"jsonb_array_elements_text(matched.{LIST_FACETS[name]}) AS value "
                f"WHERE matched.{LIST_FACETS[name]} <> '[]'::jsonb GROUP BY value"
            )
        else:
            parts.append(
                f"SELECT '{name}', NULL, count(*), {name}::text FROM matched "
                f"WHERE {name} IS NOT NULL GROUP BY {name}"
            )
    sql = (
        "WITH matched AS MATERIALIZED ("
        + " UNION ALL ".join(branches)
        + ") "
        + " UNION ALL ".join(parts)
    )
    ranked: list[tuple[int, float]] = []
    total = 0
    # The planner counts reading a toasted body vector as free, so for a common word it scans
    # every entry and reads each body twice (to match, then to rank). The GIN indexes give the
    # matches without reading any body, leaving one read per match for its rank: so other
    # access paths to the entries (a sequential scan, the content type's B-tree, which the
    # `+ 0` above rules out) are switched off for this statement only, and the setting put
    # back, since a caller's transaction may go on.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        previous = cursor.fetchone()[0]
        try:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
        for kind, pk, number, value in rows:
            if kind == "hit":
                ranked.append((pk, float(number)))
            elif kind == "total":
                total = int(number)
            else:
                facets[kind][int(value) if kind == "year" else value] = int(number)
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return Matches(ranked=ranked, total=total, facets=facets)
