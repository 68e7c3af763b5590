"""Retention: rows younger than six calendar months always stay; older ones may go, and what stays still
verifies against the anchor the prune leaves behind."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.audit.conftest import chain, record, record_at, tamper
from zhifa.audit.models import GENESIS_HASH, AuditEvent, AuditHead
from zhifa.audit.services import audit_prune, audit_verify, retention_cutoff

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("now", "cutoff"),
    [
        (local(2026, 8, 31, 10), local(2026, 2, 28, 10)),
        (local(2028, 8, 31, 10), local(2028, 2, 29, 10)),  # leap year
        (local(2026, 3, 15, 0, 30), local(2025, 9, 15, 0, 30)),  # across the year
        (local(2026, 12, 31, 23, 59), local(2026, 6, 30, 23, 59)),
        (local(2026, 7, 1), local(2026, 1, 1)),
    ],
)
def test_six_calendar_months_back_clamps_to_the_end_of_the_month(now, cutoff):
    assert retention_cutoff(now) == cutoff


def test_the_cutoff_is_counted_in_local_time():
    # 2026-08-31 01:00 in Shanghai is still 2026-08-30 in UTC; the bureau's calendar decides.
    assert retention_cutoff(dt.datetime(2026, 8, 30, 17, tzinfo=dt.UTC)) == local(2026, 2, 28, 1)


def test_retention_never_drops_below_six_months():
    now = local(2026, 8, 31, 10)
    assert retention_cutoff(now, months=3) == local(2026, 2, 28, 10)
    with override_settings(ZHIFA_AUDIT_RETENTION_MONTHS=2):
        assert retention_cutoff(now) == local(2026, 2, 28, 10)
    with override_settings(ZHIFA_AUDIT_RETENTION_MONTHS=12):
        assert retention_cutoff(now) == local(2025, 8, 31, 10)


@pytest.mark.django_db
def test_prune_deletes_only_rows_older_than_six_calendar_months_and_the_rest_still_verifies():
    now = timezone.now()
    cutoff = retention_cutoff(now)
    old = [record_at(cutoff - dt.timedelta(days=days), "test.old") for days in (90, 30, 1)]
    just_old = record_at(cutoff - dt.timedelta(minutes=5), "test.old")
    young = [record_at(cutoff + dt.timedelta(minutes=5), "test.young"), record("test.young")]

    deleted = audit_prune()

    assert deleted == len(old) + 1
    assert not AuditEvent.objects.filter(action="test.old").exists()
    assert list(AuditEvent.objects.filter(action="test.young").order_by("id")) == young
    head = AuditHead.objects.get()
    assert head.genesis_hash == just_old.hash
    prune = AuditEvent.objects.get(action="audit.prune")
    assert prune.after["rows_deleted"] == 4 and prune.after["genesis_hash"] == just_old.hash
    assert prune.after["through_id"] == just_old.pk and prune.actor_name == "系统"
    report = audit_verify()
    assert report.ok, report.message
    assert report.rows_checked == len(young) + 1 == head.count


@pytest.mark.django_db
def test_prune_stops_at_the_first_young_row_even_if_an_older_time_follows_it():
    """Only a prefix of the chain may go, or the remaining rows would no longer link up."""
    now = timezone.now()
    cutoff = retention_cutoff(now)
    first = record_at(cutoff - dt.timedelta(days=10))
    record_at(cutoff + dt.timedelta(days=1))
    skewed = record_at(cutoff - dt.timedelta(days=5))  # a clock that jumped back
    assert audit_prune() == 1
    assert not AuditEvent.objects.filter(pk=first.pk).exists()
    assert AuditEvent.objects.filter(pk=skewed.pk).exists()
    assert audit_verify().ok


@pytest.mark.django_db
def test_nothing_to_prune_changes_nothing():
    chain(3)
    assert audit_prune() == 0
    assert not AuditEvent.objects.filter(action="audit.prune").exists()
    assert AuditHead.objects.get().genesis_hash == GENESIS_HASH


@pytest.mark.django_db
def test_a_clock_in_the_future_cannot_prune_young_rows():
    young = record()
    assert audit_prune(now=timezone.now() + dt.timedelta(days=3650)) == 0
    assert AuditEvent.objects.filter(pk=young.pk).exists()


@pytest.mark.django_db
def test_a_clock_in_the_past_prunes_less():
    now = timezone.now()
    mid = record_at(now - dt.timedelta(days=250))
    record("test.young")
    assert audit_prune(now=now - dt.timedelta(days=100)) == 0  # cutoff ≈ 283 days ago: mid is young
    assert audit_prune() == 1 and not AuditEvent.objects.filter(pk=mid.pk).exists()


@pytest.mark.django_db
def test_pruning_everything_old_leaves_the_prune_record_as_the_new_start():
    now = timezone.now()
    for days in (400, 300, 200):
        record_at(now - dt.timedelta(days=days))
    assert audit_prune() == 3
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["audit.prune"]
    assert audit_verify().ok


@pytest.mark.django_db
def test_a_second_prune_moves_the_anchor_again():
    now = timezone.now()
    record_at(now - dt.timedelta(days=500))
    with_first = record_at(now - dt.timedelta(days=400))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: now - dt.timedelta(days=200))
        assert audit_prune() == 2  # the first prune, run 200 days ago
    first_prune = AuditEvent.objects.get(action="audit.prune")
    assert AuditHead.objects.get().genesis_hash == with_first.hash
    record("test.young")
    assert audit_prune() == 1  # now the first prune's own record is past retention
    assert not AuditEvent.objects.filter(pk=first_prune.pk).exists()
    assert AuditHead.objects.get().genesis_hash == first_prune.hash
    assert audit_verify().ok


@pytest.mark.django_db
def test_a_forged_anchor_is_detected():
    now = timezone.now()
    record_at(now - dt.timedelta(days=400))
    record("test.young")
    audit_prune()
    # Someone deletes more of the start and moves the anchor to hide it.
    first = AuditEvent.objects.order_by("id").first()
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [first.pk])
    tamper("UPDATE audit_audithead SET genesis_hash = %s, count = count - 1", [first.hash])
    report = audit_verify()
    assert not report.ok and "清理" in report.reason
