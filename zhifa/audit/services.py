"""Writing, checking and pruning the audit log.

- `audit_record` appends one row, linked to the previous one by hash, in the caller's transaction.
- `audit_verify` walks the whole chain in id order with constant memory and names the first broken row.
- `audit_prune` removes rows older than the retention period (at least six calendar months) while keeping
  the remaining chain verifiable.

Concurrency: every append reads the head and writes the new row under one lock — a PostgreSQL
transaction-level advisory lock, or on SQLite the database write lock that IMMEDIATE transactions take at
BEGIN. The lock is held until the caller's transaction ends, so call `audit_record` as the last write of a
transaction (rows locked after it would queue behind every other audited transaction).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from zhifa.audit.chain import CONTENT_FIELDS, clean_text, row_hash, to_jsonable
from zhifa.audit.context import current_audit_context
from zhifa.audit.models import GENESIS_HASH, AuditEvent, AuditHead

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    from zhifa.accounts.models import Bureau

# pg_advisory_xact_lock key shared by every writer of the chain: the bytes "zhifaudt" as a bigint.
AUDIT_LOCK_KEY = int.from_bytes(b"zhifaudt", "big")
MIN_RETENTION_MONTHS = 6  # 网络安全法 art. 21: network logs are kept for at least six months
VERIFY_CHUNK = 2000

SYSTEM_ACTOR = "系统"
ANONYMOUS_ACTOR = "未登录用户"
_ACTION = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


# --- appending ----------------------------------------------------------------------------------------
def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    bureau: Bureau | int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one audit row and return it.

    `actor`: the user who acted; None for the system (or, inside a web request, someone not logged in).
    `obj` fills object_type ('app_label.model'), object_id and object_repr; explicit values win.
    The row's bureau (for scoping who may read it) is `bureau`, else obj's bureau, else the actor's.
    Runs in the caller's transaction: if the caller rolls back, the row goes with the change it records.
    """
    if not isinstance(action, str) or len(action) > 64 or not _ACTION.fullmatch(action):
        raise ValueError(f"审计操作名 {action!r} 不合规：应为小写点分形式，如 'officer.create'")
    context = current_audit_context()
    actor_id, actor_name = _actor_fields(actor, in_request=context.in_request)
    event = AuditEvent(
        actor_id=actor_id,
        actor_name=actor_name,
        bureau_id=_bureau_id(bureau, obj, actor),
        action=action,
        **_object_fields(obj, object_type, object_id, object_repr),
        before=to_jsonable(before),
        after=to_jsonable(after),
        request_id=clean_text(context.request_id, 64),
        client_address=clean_text(context.client_address, 45),
    )
    with transaction.atomic():
        _lock_chain()
        head = _head()
        # Stamped under the lock, so times follow chain order (unless the clock itself jumps back;
        # the prune copes with that by only ever removing a prefix).
        event.created_at = timezone.now()
        # Link to the head, not to whatever row is last: if the newest rows were deleted, the next row
        # keeps pointing at the missing one and the break stays visible for ever.
        event.prev_hash = head.last_hash
        event.hash = row_hash(event.prev_hash, content_of(event))
        event.save()
        AuditHead.objects.filter(pk=head.pk).update(
            last_id=event.pk, last_hash=event.hash, count=F("count") + 1
        )
    return event


def content_of(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in CONTENT_FIELDS}


def _actor_fields(
    actor: AbstractBaseUser | AnonymousUser | None, *, in_request: bool
) -> tuple[int | None, str]:
    if actor is None:
        return None, ANONYMOUS_ACTOR if in_request else SYSTEM_ACTOR
    if not actor.is_authenticated or actor.pk is None:
        return None, ANONYMOUS_ACTOR
    username = actor.get_username()
    full_name = getattr(actor, "full_name", "")
    # Both parts: names repeat in a bureau, usernames are opaque; the row must stay readable after the
    # account is renamed or removed.
    name = f"{full_name}（{username}）" if full_name else username
    return int(actor.pk), clean_text(name, 150)


def _bureau_id(
    bureau: Bureau | int | None, obj: models.Model | None, actor: AbstractBaseUser | AnonymousUser | None
) -> int | None:
    if bureau is not None:
        return bureau if isinstance(bureau, int) else int(bureau.pk)
    if obj is not None:
        if obj._meta.label_lower == "accounts.bureau" and obj.pk is not None:
            return int(obj.pk)
        obj_bureau = getattr(obj, "bureau_id", None)
        if obj_bureau is not None:
            return int(obj_bureau)
    actor_bureau = getattr(actor, "bureau_id", None)
    return int(actor_bureau) if actor_bureau is not None else None


def _object_fields(
    obj: models.Model | None, object_type: str | None, object_id: str | None, object_repr: str | None
) -> dict[str, str]:
    fields = {"object_type": "", "object_id": "", "object_repr": ""}
    if obj is not None:
        fields["object_type"] = obj._meta.label_lower
        fields["object_id"] = "" if obj.pk is None else str(obj.pk)
        fields["object_repr"] = str(obj)
    given = {"object_type": object_type, "object_id": object_id, "object_repr": object_repr}
    fields.update({name: str(value) for name, value in given.items() if value is not None})
    limits = {"object_type": 100, "object_id": 64, "object_repr": 200}
    return {name: clean_text(value, limits[name]) for name, value in fields.items()}


def _lock_chain() -> None:
    """Serialise appends. Must run inside a transaction; released when that transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK_KEY])
    # SQLite: the settings open every transaction with BEGIN IMMEDIATE, which already holds the single
    # database write lock, so no two appends can interleave.


def _head() -> AuditHead:
    """The head row, created on first use. Call under the lock."""
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None:
        return head
    # No head: a fresh database (or one emptied by a test flush). If rows exist anyway, adopt their end
    # so appending can go on; the verifier still checks the rows against the genesis.
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    return AuditHead.objects.create(
        pk=1,
        genesis_hash=GENESIS_HASH,
        last_id=last[0] if last else None,
        last_hash=last[1] if last else GENESIS_HASH,
        count=AuditEvent.objects.count() if last else 0,
    )


# --- verifying ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerifyReport:
    rows_checked: int
    ok: bool
    first_broken_id: int | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return f"已校验 {self.rows_checked} 条审计记录，哈希链完整。"
        where = f"第一处损坏在 id={self.first_broken_id}：" if self.first_broken_id is not None else ""
        return f"审计日志校验失败（已校验 {self.rows_checked} 条）。{where}{self.reason}"


class _Snapshot(NamedTuple):
    head: AuditHead | None
    max_id: int | None


class _Row(NamedTuple):
    id: int
    prev_hash: str
    hash: str
    content: dict[str, Any]


def audit_verify(*, chunk_size: int = VERIFY_CHUNK) -> VerifyReport:
    """Recompute every row's hash and its link to the previous row, then compare the end with the head.

    Detects an edited row (hash mismatch), a deleted, inserted or moved row (broken link), rows deleted at
    the start without a prune (first link does not match the genesis), and rows deleted at the end (the
    walked end does not match the head). Reads in keyset chunks, so memory stays flat for millions of rows.
    """
    snapshot = _snapshot()
    genesis = snapshot.head.genesis_hash if snapshot.head else GENESIS_HASH
    walk = _ChainWalk(expected_prev=genesis)
    if snapshot.max_id is not None:
        for row in _rows_through(snapshot.max_id, chunk_size):
            broken = walk.step(row)
            if broken is not None:
                return broken
    return walk.finish(snapshot.head, genesis)


def _snapshot() -> _Snapshot:
    """Head and newest id read together under the append lock, so they describe the same moment;
    rows appended while the walk runs are beyond max_id and left for the next check."""
    with transaction.atomic():
        _lock_chain()
        head = AuditHead.objects.filter(pk=1).first()
        max_id = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return _Snapshot(head, max_id)


def _rows_through(max_id: int, chunk_size: int) -> Iterator[_Row]:
    columns = ("id", "prev_hash", "hash", *CONTENT_FIELDS)
    after_id = 0
    while True:
        chunk = list(
            AuditEvent.objects.filter(id__gt=after_id, id__lte=max_id)
            .order_by("id")
            .values_list(*columns)[:chunk_size]
        )
        for values in chunk:
            yield _Row(values[0], values[1], values[2], dict(zip(CONTENT_FIELDS, values[3:], strict=True)))
        if len(chunk) < chunk_size:
            return
        after_id = chunk[-1][0]


class _ChainWalk:
    def __init__(self, *, expected_prev: str) -> None:
        self.expected_prev = expected_prev
        self.rows = 0
        self.last_id: int | None = None
        self.last_prune_genesis: str | None = None

    def step(self, row: _Row) -> VerifyReport | None:
        if row_hash(row.prev_hash, row.content) != row.hash:
            return self._broken(
                row.id, f"该记录的内容与其哈希值不符：记录在写入后被修改过（{_describe(row)}）。"
            )
        if row.prev_hash != self.expected_prev:
            if self.last_id is None:
                reason = "它是现存的第一条记录，但其“上一条哈希”与链首锚点不符：更早的记录被删除过（并非经由清理命令）。"
            else:
                reason = f"它与前一条记录（id={self.last_id}）的链接断开：两者之间的记录被删除、插入，或记录的顺序被调换。"
            return self._broken(row.id, reason)
        if row.content["action"] == "audit.prune" and isinstance(row.content["after"], dict):
            self.last_prune_genesis = row.content["after"].get("genesis_hash")
        self.rows += 1
        self.last_id = row.id
        self.expected_prev = row.hash
        return None

    def finish(self, head: AuditHead | None, genesis: str) -> VerifyReport:
        if head is None:
            if self.rows == 0:
                return VerifyReport(rows_checked=0, ok=True)
            return self._broken(None, "缺少审计链头记录（audit_audithead），无法确认末尾的记录是否完整。")
        if head.last_id != self.last_id or head.last_hash != self.expected_prev:
            return self._tail_mismatch(head)
        if head.count != self.rows:
            return self._broken(
                None, f"现存 {self.rows} 条记录，而链头记录为 {head.count} 条：链头被改动过。"
            )
        if genesis != GENESIS_HASH and self.last_prune_genesis != genesis:
            return self._broken(None, "链首锚点与最近一次清理（audit.prune）记录的锚点不符：链首被改动过。")
        return VerifyReport(rows_checked=self.rows, ok=True)

    def _tail_mismatch(self, head: AuditHead) -> VerifyReport:
        if head.last_id is not None and (self.last_id is None or head.last_id > self.last_id):
            kept = f"现存最后一条为 id={self.last_id}" if self.last_id is not None else "现已没有任何记录"
            return self._broken(
                head.last_id, f"末尾的审计记录缺失：链头记录的最后一条为 id={head.last_id}，{kept}。"
            )
        return self._broken(
            self.last_id, f"最后一条记录与链头记录（id={head.last_id}）不符：链头未随追加更新，或被改动过。"
        )

    def _broken(self, row_id: int | None, reason: str) -> VerifyReport:
        return VerifyReport(rows_checked=self.rows, ok=False, first_broken_id=row_id, reason=reason)


def _describe(row: _Row) -> str:
    created = timezone.localtime(row.content["created_at"])
    return f"{created:%Y-%m-%d %H:%M:%S} {row.content['actor_name']} {row.content['action']}"


# --- pruning ------------------------------------------------------------------------------------------
def retention_months() -> int:
    return max(
        MIN_RETENTION_MONTHS, int(getattr(settings, "ZHIFA_AUDIT_RETENTION_MONTHS", MIN_RETENTION_MONTHS))
    )


def retention_cutoff(now: dt.datetime, months: int | None = None) -> dt.datetime:
    """`now` minus whole calendar months in local time, the day clamped to the month's end:
    2026-08-31 10:00 minus 6 months is 2026-02-28 10:00. Rows strictly older than this may go."""
    months = max(MIN_RETENTION_MONTHS, retention_months() if months is None else months)
    local = timezone.localtime(now)
    year, month_index = divmod(local.year * 12 + (local.month - 1) - months, 12)
    month = month_index + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def audit_prune(*, now: dt.datetime | None = None) -> int:
    """Delete audit rows older than the retention period; return how many were deleted.

    Only a prefix of the chain goes: the rows before the first row that is still young. The hash of the
    last deleted row becomes the head's genesis, so the remaining chain still verifies, and the prune is
    itself recorded ('audit.prune') with that genesis. `now` may move the clock back, never forward.
    """
    real_now = timezone.now()
    now = real_now if now is None else min(now, real_now)
    cutoff = retention_cutoff(now)
    with transaction.atomic():
        _lock_chain()
        head = _head()
        last = _last_prunable(cutoff)
        if last is None:
            return 0
        last_id, last_hash = last
        deleted = _delete_through(last_id)
        AuditHead.objects.filter(pk=head.pk).update(genesis_hash=last_hash, count=F("count") - deleted)
        audit_record(
            actor=None,
            action="audit.prune",
            object_type=AuditEvent._meta.label_lower,
            object_repr=f"清理 {deleted} 条审计记录",
            after={
                "rows_deleted": deleted,
                "through_id": last_id,
                "cutoff": cutoff,
                "retention_months": retention_months(),
                "genesis_hash": last_hash,
            },
        )
    return deleted


def _last_prunable(cutoff: dt.datetime) -> tuple[int, str] | None:
    """(id, hash) of the newest row that may go: everything before the first row at or after the cutoff.
    Every row before that first young row is older than the cutoff, by definition of "first"."""
    first_young = (
        AuditEvent.objects.filter(created_at__gte=cutoff).order_by("id").values_list("id", flat=True).first()
    )
    old = AuditEvent.objects.all() if first_young is None else AuditEvent.objects.filter(id__lt=first_young)
    row = old.order_by("-id").values_list("id", "hash").first()
    return (row[0], row[1]) if row else None


def _delete_through(last_id: int) -> int:
    """The one path that deletes audit rows. On PostgreSQL the trigger lets it through only while
    zhifa.audit_prune is 'on' in this transaction, and only for rows older than six months."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET LOCAL zhifa.audit_prune = 'on'")
        cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [last_id])  # noqa: S608 - table name is ours
        deleted = cursor.rowcount
        if postgres:
            # Closed again at once: the rest of the caller's transaction gets no licence to delete.
            cursor.execute("SET LOCAL zhifa.audit_prune = 'off'")
    return int(deleted)
