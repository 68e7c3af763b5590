"""The hash chain: what a row holds, how it links, and that every kind of tampering is named."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import itertools
import json
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.audit.conftest import chain, record, tamper
from zhifa.accounts.models import Bureau, User
from zhifa.audit.chain import canonical_json, row_hash, to_jsonable
from zhifa.audit.context import audit_context_bound
from zhifa.audit.models import GENESIS_HASH, AuditEvent, AuditHead
from zhifa.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau() -> Bureau:
    return Bureau.objects.create(name="测试执法局", short_name="测综执")


@pytest.fixture
def zhang(bureau: Bureau) -> User:
    return User.objects.create_user(
        username="zhangsan", password="x-Pass-1234", bureau=bureau, full_name="张三"
    )


# --- what a row holds ---------------------------------------------------------------------------------
def test_a_chain_of_events_verifies_and_each_row_links_to_the_one_before():
    rows = chain(30)
    assert rows[0].prev_hash == GENESIS_HASH
    for previous, current in itertools.pairwise(rows):
        assert current.prev_hash == previous.hash
    report = audit_verify(chunk_size=7)  # chunk edges inside the chain
    assert report.ok and report.rows_checked == 30
    assert report.message == "已校验 30 条审计记录，哈希链完整。"


def test_an_empty_log_verifies():
    report = audit_verify()
    assert report.ok and report.rows_checked == 0


def test_the_hash_is_sha256_of_the_previous_hash_and_the_canonical_content():
    event = record("officer.create", object_repr="李四", after={"姓名": "李四", "b": 1, "a": [1, 2]})
    event = AuditEvent.objects.get(pk=event.pk)  # as read back from the database
    content = {
        "created_at": event.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": None,
        "actor_name": "系统",
        "bureau_id": None,
        "action": "officer.create",
        "object_type": "",
        "object_id": "",
        "object_repr": "李四",
        "before": None,
        "after": {"a": [1, 2], "b": 1, "姓名": "李四"},
        "request_id": "",
        "client_address": "",
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert '"姓名":"李四"' in text and "+00:00" in text
    assert event.hash == hashlib.sha256((event.prev_hash + text).encode("utf-8")).hexdigest()


def test_the_head_follows_every_append():
    rows = chain(3)
    head = AuditHead.objects.get()
    assert (head.last_id, head.last_hash, head.count) == (rows[-1].pk, rows[-1].hash, 3)
    assert head.genesis_hash == GENESIS_HASH


def test_an_object_fills_type_id_repr_and_bureau(zhang: User, bureau: Bureau):
    event = audit_record(actor=zhang, action="user.update", obj=zhang, before={"a": 1}, after={"a": 2})
    assert (event.object_type, event.object_id, event.object_repr) == ("accounts.user", str(zhang.pk), "张三")
    assert event.bureau_id == bureau.pk
    assert (event.actor_id, event.actor_name) == (zhang.pk, "张三（zhangsan）")


def test_explicit_values_win_over_the_object(zhang: User):
    other = Bureau.objects.create(name="另一个局", short_name="另综执")
    event = audit_record(
        actor=zhang, action="user.update", obj=zhang, bureau=other.pk, object_type="x.y", object_repr="别名"
    )
    assert (event.object_type, event.object_repr, event.bureau_id) == ("x.y", "别名", other.pk)


def test_a_bureau_object_is_its_own_bureau_and_a_bureau_instance_is_accepted(bureau: Bureau):
    assert audit_record(actor=None, action="bureau.update", obj=bureau).bureau_id == bureau.pk
    assert audit_record(actor=None, action="x.y", bureau=bureau).bureau_id == bureau.pk


def test_without_object_or_bureau_the_actors_bureau_scopes_the_row(zhang: User, bureau: Bureau):
    assert audit_record(actor=zhang, action="login.success").bureau_id == bureau.pk


def test_the_system_and_anonymous_visitors_are_named():
    assert record().actor_name == "系统"
    assert audit_record(actor=AnonymousUser(), action="login.failed").actor_name == "未登录用户"
    with audit_context_bound(request_id="abc", client_address="10.0.0.1", in_request=True):
        failed = audit_record(actor=None, action="login.failed", object_repr="no-such-user")
    assert (failed.actor_name, failed.actor_id, failed.object_repr) == ("未登录用户", None, "no-such-user")
    assert (failed.request_id, failed.client_address) == ("abc", "10.0.0.1")


def test_the_actor_name_is_kept_as_it_was_when_the_user_is_renamed_or_gone(zhang: User):
    event = audit_record(actor=zhang, action="login.success")
    User.objects.filter(pk=zhang.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).actor_name == "张三（zhangsan）"
    assert audit_verify().ok


def test_values_are_made_json_safe_and_survive_the_round_trip(zhang: User):
    after = {
        "day": dt.date(2026, 3, 1),
        "at": dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC),
        "fine": decimal.Decimal("200.50"),
        "ratio": 0.1,
        "whole": 3.0,
        "huge": 1e16,
        "nan": float("nan"),
        "id": uuid.UUID(int=1),
        "user": zhang,
        "tags": {"b", "a"},
        "pair": (1, 2),
        "nul": "a\x00b",
        "password": "hunter2",
        "totp_secret": "ABC",
        "must_change_password": True,
        5: "int key",
    }
    event = audit_record(actor=None, action="test.values", after=after)
    stored = AuditEvent.objects.get(pk=event.pk).after
    assert (
        stored["day"] == "2026-03-01" and stored["fine"] == "200.50" and stored["at"].startswith("2026-03-01")
    )
    assert stored["ratio"] == 0.1 and stored["whole"] == 3 and stored["huge"] == 10**16
    assert stored["nan"] == "nan" and stored["id"] == str(uuid.UUID(int=1))
    assert stored["user"] == {"id": zhang.pk, "repr": "张三"}
    assert stored["tags"] == ["a", "b"] and stored["pair"] == [1, 2] and stored["nul"] == "a\ufffdb"
    assert stored["password"] == "***" and stored["totp_secret"] == "***"
    assert stored["must_change_password"] is True and stored["5"] == "int key"
    assert audit_verify().ok


def test_long_and_hostile_text_is_clipped_and_cleaned():
    event = record(object_repr="名" * 500 + "\x00", object_id="9" * 100)
    assert len(event.object_repr) == 200 and len(event.object_id) == 64
    assert audit_verify().ok


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.dictionaries(st.text(max_size=8), json_values, max_size=4), repr_text=st.text(max_size=30))
def test_any_json_like_payload_hashes_the_same_after_the_database_round_trip(before, repr_text):
    event = audit_record(
        actor=None, action="test.fuzz", before=before, after={"v": before}, object_repr=repr_text
    )
    again = AuditEvent.objects.get(pk=event.pk)
    content = {name: getattr(again, name) for name in ("created_at", "actor_id", "actor_name", "bureau_id")}
    content |= {name: getattr(again, name) for name in ("action", "object_type", "object_id", "object_repr")}
    content |= {name: getattr(again, name) for name in ("before", "after", "request_id", "client_address")}
    assert row_hash(again.prev_hash, content) == again.hash


def test_an_action_name_must_be_dotted_lower_case():
    for bad in ("", "Login", "login success", "a" * 65, "login..x"):
        with pytest.raises(ValueError, match="审计操作名"):
            record(bad)


def test_canonical_json_refuses_naive_times():
    with pytest.raises(ValueError):
        canonical_json({"created_at": dt.datetime(2026, 1, 1)})
    assert to_jsonable(None) is None


# --- the model refuses to change history ----------------------------------------------------------
def test_the_model_refuses_updates_and_deletes_in_python():
    from zhifa.audit.models import AppendOnlyError

    event = record()
    event.action = "changed.action"
    with pytest.raises(AppendOnlyError, match="不能修改"):
        event.save()
    with pytest.raises(AppendOnlyError, match="不能删除"):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action="x")])
    with pytest.raises(AppendOnlyError, match="audit_record"):
        AuditEvent.objects.create(action="x", actor_name="x", prev_hash="1" * 64)
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_the_database_refuses_an_update_even_past_the_model():
    """PostgreSQL and SQLite both have the UPDATE trigger (see also test_audit_postgres)."""
    from django.db import DatabaseError, models, transaction

    event = record()
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic():
        models.QuerySet.update(AuditEvent.objects.filter(pk=event.pk), action="x.y")


# --- tampering is found and named -----------------------------------------------------------------
def test_an_edited_row_is_detected_and_named():
    rows = chain(10)
    tamper("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["改过", rows[4].pk])
    report = audit_verify(chunk_size=3)
    assert not report.ok and report.first_broken_id == rows[4].pk and report.rows_checked == 4
    assert "被修改" in report.reason
    assert f"id={rows[4].pk}" in report.message


def test_an_edited_row_with_a_recomputed_hash_breaks_the_next_link():
    rows = chain(5)
    victim = AuditEvent.objects.get(pk=rows[2].pk)
    victim.object_repr = "伪造"
    forged = row_hash(victim.prev_hash, {n: getattr(victim, n) for n in _content_fields()})
    tamper(
        "UPDATE audit_auditevent SET object_repr = %s, hash = %s WHERE id = %s", ["伪造", forged, victim.pk]
    )
    report = audit_verify()
    assert not report.ok and report.first_broken_id == rows[3].pk and "链接断开" in report.reason


def test_a_row_deleted_in_the_middle_breaks_the_link():
    rows = chain(10)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [rows[5].pk])
    report = audit_verify(chunk_size=4)
    assert not report.ok and report.first_broken_id == rows[6].pk
    assert f"id={rows[4].pk}" in report.reason and "删除" in report.reason


def test_reordered_rows_are_detected():
    rows = chain(6)
    a, b = rows[2].pk, rows[3].pk
    # Swap the two rows' positions; each row stays internally consistent, only the order changes.
    for new_id, old_id in ((-a, a), (a, b), (b, -a)):
        tamper("UPDATE audit_auditevent SET id = %s WHERE id = %s", [new_id, old_id])
    report = audit_verify()
    assert not report.ok and report.first_broken_id == a and "链接断开" in report.reason


def test_a_truncated_tail_is_detected_through_the_head():
    rows = chain(8)
    tamper("DELETE FROM audit_auditevent WHERE id >= %s", [rows[6].pk])
    report = audit_verify()
    assert not report.ok and report.rows_checked == 6
    assert report.first_broken_id == rows[7].pk
    assert "末尾" in report.reason and f"id={rows[5].pk}" in report.reason


def test_appending_after_a_truncated_tail_keeps_the_break_visible():
    rows = chain(5)
    tamper("DELETE FROM audit_auditevent WHERE id >= %s", [rows[3].pk])
    later = record("test.later")
    assert later.prev_hash == rows[4].hash  # still points at the vanished row
    report = audit_verify()
    assert not report.ok and report.first_broken_id == later.pk


def test_the_whole_log_deleted_is_detected():
    rows = chain(3)
    tamper("DELETE FROM audit_auditevent")
    report = audit_verify()
    assert not report.ok and report.first_broken_id == rows[-1].pk and "没有任何记录" in report.reason


def test_the_oldest_rows_deleted_without_a_prune_are_detected():
    rows = chain(5)
    tamper("DELETE FROM audit_auditevent WHERE id <= %s", [rows[1].pk])
    report = audit_verify()
    assert not report.ok and report.first_broken_id == rows[2].pk and "第一条" in report.reason


def test_a_head_that_lies_about_the_count_is_detected():
    chain(4)
    tamper("UPDATE audit_audithead SET count = 99")
    report = audit_verify()
    assert not report.ok and "99" in report.reason


def test_a_missing_head_with_rows_is_reported():
    chain(2)
    tamper("DELETE FROM audit_audithead")
    report = audit_verify()
    assert not report.ok and "链头" in report.reason


def _content_fields() -> tuple[str, ...]:
    from zhifa.audit.chain import CONTENT_FIELDS

    return CONTENT_FIELDS
