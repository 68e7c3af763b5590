"""后台任务: one row per piece of background work (render a batch of documents, build a case file).

A job is QUEUED by `services.job_enqueue`, claimed by a worker (RUNNING), and ends DONE with the handler's
result or FAILED with a Chinese message. See docs/jobs.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from zhifa.accounts.roles import Role
from zhifa.jobs.registry import kind_label

if TYPE_CHECKING:
    from zhifa.accounts.models import User

# Who sees the jobs of everyone in their bureau; everyone else sees the jobs they submitted.
BUREAU_WIDE_ROLES = frozenset({Role.BUREAU_LEADER, Role.ADMINISTRATOR})


class JobQuerySet(models.QuerySet["Job"]):
    def for_user(self, user: User | None, action: Literal["view"] = "view") -> Self:
        """The jobs a user may see: their own; for a bureau leader or administrator also their bureau's.

        Jobs are changed only by the services and the worker, never through a screen, so "view" is the only
        action. Outside the scope a job answers 404, like every other object.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        mine = Q(created_by_id=user.pk)
        if user.bureau_id is not None and user.role_codes & BUREAU_WIDE_ROLES:
            return self.filter(mine | Q(bureau_id=user.bureau_id))
        return self.filter(mine)


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    kind = models.CharField("任务类型", max_length=60)
    params = models.JSONField("参数", default=dict, blank=True)
    bureau = models.ForeignKey(
        "accounts.Bureau", on_delete=models.PROTECT, null=True, blank=True, related_name="jobs",
        verbose_name="执法局", db_index=False,  # the (bureau, id) index below serves the lookups
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs",
        verbose_name="提交人", db_index=False,  # the (created_by, id) index below serves the lookups
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField("总数", default=0)
    done = models.PositiveIntegerField("已完成数", default=0)
    message = models.CharField("当前步骤", max_length=200, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    error = models.TextField("错误", blank=True)
    attempts = models.PositiveSmallIntegerField("执行次数", default=0)
    worker = models.CharField("执行进程", max_length=100, blank=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    # A job put back by RetryLater waits until then (a callback to a system that is down is not retried at
    # once); None for a job that may run now.
    run_after = models.DateTimeField("不早于", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-id"]
        indexes = [
            # Claiming: `WHERE state = 'queued' ORDER BY id LIMIT 1` reads the first entry of this index,
            # however many finished jobs the table holds.
            models.Index(fields=["id"], condition=Q(state="queued"), name="job_queued"),
            # Recovering: the running jobs whose heartbeat is old.
            models.Index(fields=["heartbeat_at"], condition=Q(state="running"), name="job_running_heartbeat"),
            models.Index(fields=["created_by", "-id"], name="job_creator_recent"),
            models.Index(fields=["bureau", "-id"], name="job_bureau_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["queued", "running", "done", "failed"]),
                                   name="job_state_valid"),
        ]

    def __str__(self) -> str:
        return f"后台任务 {self.pk}（{self.kind_label}）"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def percent(self) -> int:
        if self.total:
            return min(100, self.done * 100 // self.total)
        return 100 if self.state == self.State.DONE else 0

    @property
    def links(self) -> list[dict[str, str]]:
        """The result's `links` that are safe to put in an href: paths on this site only."""
        raw = self.result.get("links") if isinstance(self.result, dict) else None
        return [link for link in (_safe_link(item) for item in raw or []) if link is not None]

    def status(self) -> dict[str, Any]:
        """What the job page polls (/jobs/<id>.json)."""
        return {
            "id": self.pk,
            "state": self.state,
            "state_label": self.get_state_display(),
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "message": self.message,
            "error": self.error,
            "links": self.links,
            "active": self.is_active,
        }


def _safe_link(item: object) -> dict[str, str] | None:
    if not isinstance(item, dict):
        return None
    label, url = item.get("label"), item.get("url")
    if not isinstance(label, str) or not isinstance(url, str) or not label:
        return None
    # A path on this site: "/documents/7/". Not "//host/…" or "/\host" (another site), not "javascript:".
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return None
    return {"label": label, "url": url}
