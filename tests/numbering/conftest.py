"""Numbering tests run on both databases; those marked `postgres` skip on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_sqlite(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")
