"""Helpers for the audit tests: write rows at a chosen time, and tamper with rows the way a database
superuser could (switching the append-only triggers off first), to show the verifier catches it."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.db import connection

from zhifa.audit.models import AuditEvent
from zhifa.audit.services import audit_record

_triggers = importlib.import_module("zhifa.audit.migrations.0002_append_only_triggers")


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_sqlite(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")


def record(action: str = "test.event", **kwargs: Any) -> AuditEvent:
    return audit_record(actor=kwargs.pop("actor", None), action=action, **kwargs)


def record_at(moment: dt.datetime, action: str = "test.event", **kwargs: Any) -> AuditEvent:
    """Append a row as if the clock said `moment` (the chain stays genuine: only the time differs)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return record(action, **kwargs)


def chain(n: int, action: str = "test.event") -> list[AuditEvent]:
    return [record(action, object_repr=f"第 {i} 条", after={"i": i}) for i in range(n)]


@contextmanager
def triggers_off() -> Iterator[None]:
    """What a database superuser can do: switch the guards off. Inside the test's transaction, so the
    change is rolled back with it; switched back on anyway in case the test is transactional."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ("audit_auditevent", "audit_audithead"):
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_audithead_forward_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in ("audit_auditevent", "audit_audithead"):
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            else:
                for statement in _triggers.SQLITE_FORWARD:
                    cursor.execute(statement)


def raw(sql: str, params: list[Any] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return int(cursor.rowcount)


def tamper(sql: str, params: list[Any] | None = None) -> int:
    with triggers_off():
        return raw(sql, params)
