"""On PostgreSQL the case and lead search is answered from a trigram index (migration cases 0002)."""

from __future__ import annotations

import pytest
from django.db import connection

from zhifa.cases import selectors
from zhifa.cases.models import Case, CaseDeadline
from zhifa.cases.selectors import CaseFilters

pytestmark = pytest.mark.postgres


def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")


def _plan(sql: str, params: tuple) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # on a tiny table the planner would scan anyway
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_the_case_search_as_the_list_runs_it_can_use_the_trigram_index(world):
    _postgres_only()
    world.filed()
    # The list's search is a plain LIKE on search_text (an icontains, UPPER(…) LIKE, could not use the index) …
    sql, params = selectors.case_list(user=world.leader, filters=CaseFilters(q="张小明")).query.sql_with_params()
    assert '"cases_case"."search_text"::text LIKE %s' in sql and "UPPER" not in sql and "%张小明%" in params
    # … and that condition is answered from the trigram index.
    sql, params = Case.objects.filter(search_text__contains="张小明").values("pk").query.sql_with_params()
    assert "case_search_trgm" in _plan(sql, params)


@pytest.mark.django_db
def test_the_nearest_deadlines_walk_the_open_deadline_index(world):
    _postgres_only()
    world.filed()
    rows = CaseDeadline.objects.filter(met_on__isnull=True, cancelled=False).order_by("due", "id")[:20]
    sql, params = rows.query.sql_with_params()
    assert "deadline_open_only" in _plan(sql, params)
