"""The audit log: append-only rows linked into a SHA-256 hash chain, and the head that anchors its end.

Write rows only through `zhifa.audit.services.audit_record`; it computes the hash and takes the lock that
keeps the chain linear. Here the model refuses updates and deletes in Python; on PostgreSQL a trigger
(migration 0002) refuses them in the database as well, so even raw SQL from the application cannot change
the log. See docs/audit.md.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from django.db import models

GENESIS_HASH = "0" * 64  # prev_hash of the very first row, before any prune moved the genesis


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit row: the log is append-only by law (网络安全法)."""

    def __init__(self, message: str = "审计日志只能追加，不能修改或删除。") -> None:
        super().__init__(message)
        self.message = message


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Bulk paths that would bypass the chain or rewrite history raise instead of running."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能批量修改。")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能删除；过期记录请用 `zhifa audit prune` 清理。")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能批量修改。")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计记录只能通过 audit_record() 逐条写入，以便链接哈希链。")


class AuditEvent(models.Model):
    """One audited action. No foreign keys: a row must outlive the user, bureau or object it names."""

    created_at = models.DateTimeField("时间", db_index=True)
    actor_id = models.BigIntegerField("操作人 ID", null=True, blank=True, db_index=True)
    actor_name = models.CharField("操作人", max_length=150)
    bureau_id = models.BigIntegerField("执法局 ID", null=True, blank=True)
    action = models.CharField("操作", max_length=64)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象 ID", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    request_id = models.CharField("请求编号", max_length=64, blank=True)
    # A plain string, not GenericIPAddressField: PostgreSQL's inet type rewrites addresses into its own
    # canonical form, and the hash must see exactly the text that was stored.
    client_address = models.CharField("客户端地址", max_length=45, blank=True)
    # Unique: two rows linking to the same predecessor would be a fork; the database refuses it even if
    # the lock in audit_record were ever bypassed.
    prev_hash = models.CharField("上一条哈希", max_length=64, unique=True)
    hash = models.CharField("哈希", max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计记录"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_event_object"),
            models.Index(fields=["bureau_id", "id"], name="audit_event_bureau"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("审计记录写入后不能修改。")
        if not self.hash:
            raise AppendOnlyError("审计记录只能通过 audit_record() 写入，以便链接哈希链。")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能删除；过期记录请用 `zhifa audit prune` 清理。")

    @property
    def before_pretty(self) -> str:
        return _pretty(self.before)

    @property
    def after_pretty(self) -> str:
        return _pretty(self.after)


def _pretty(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)


class AuditHead(models.Model):
    """The single row (id 1) that anchors both ends of the chain outside the rows themselves.

    - `last_id`, `last_hash`, `count`: what the end of the chain must look like. Updated in the same
      transaction and under the same lock as every append, so deleting the newest rows (which leaves a
      perfectly linked but shorter chain) is still detected by `audit_verify`.
    - `genesis_hash`: the prev_hash the first remaining row must carry: 64 zeros, or after a prune the hash
      of the last row the prune removed.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    genesis_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    last_id = models.BigIntegerField(null=True, blank=True)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "审计链头"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")]

    def __str__(self) -> str:
        return f"审计链头：{self.count} 条，最后 id={self.last_id}"
