"""Every write of the job queue: enqueue, claim, run, recover.

- `job_enqueue` writes a QUEUED row and its audit event in one transaction (the caller's, if there is one:
  the job becomes visible to workers when that commits).
- `job_claim` hands the oldest queued job to one worker: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`
  in a short transaction, so workers never wait for each other; on SQLite a conditional UPDATE
  (`state='queued'` → `'running'`), which exactly one writer can win. Before claiming it recovers jobs whose
  worker went silent: requeued while attempts < MAX_ATTEMPTS, else FAILED.
- `job_run` calls the handler outside any transaction and records DONE with its result, or FAILED.
  The final UPDATE names the claim (`attempts`), so a worker whose job was taken over writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from zhifa.accounts.models import Bureau, User
from zhifa.audit.services import audit_record
from zhifa.jobs.models import Job
from zhifa.jobs.registry import MESSAGE_MAX, Progress, RetryLater, handler_for
from zhifa.lib.errors import DomainError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
DEFAULT_STALE_SECONDS = 600
CLAIM_TRIES = 20  # SQLite: conditional updates lost to other workers before giving up for this round
S = Job.State


def stale_seconds() -> int:
    return int(getattr(settings, "JOB_STALE_SECONDS", DEFAULT_STALE_SECONDS))


# --- enqueue ------------------------------------------------------------------------------------------
def job_enqueue(
    *, kind: str, params: dict[str, Any], actor: User | None, bureau: Bureau | None, total: int = 0
) -> Job:
    """Queue a job of a registered kind; DomainError for an unknown kind (nothing is written)."""
    handler_for(kind)
    if not isinstance(params, dict):
        raise TypeError("params 应为 dict")
    json.dumps(params)  # a TypeError now, not a worker failure later
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, params=params, bureau=bureau, created_by=actor, total=max(0, total),
            message="排队等待执行",
        )
        audit_record(actor=actor, action="job.enqueue", obj=job, bureau=bureau,
                     after={"kind": kind, "params": params, "total": job.total})
    return job


# --- claim --------------------------------------------------------------------------------------------
def job_claim(*, worker: str) -> Job | None:
    """The oldest queued job, now RUNNING for `worker` (attempts + 1); None when nothing is queued."""
    jobs_recover_stale()
    if connection.vendor == "postgresql":
        return _claim_skip_locked(worker)
    return _claim_conditional(worker)


def _running_values(worker: str, now: dt.datetime) -> dict[str, Any]:
    return {"state": S.RUNNING, "worker": worker[:100], "started_at": now, "heartbeat_at": now,
            "message": "正在执行", "error": ""}


def _claim_skip_locked(worker: str) -> Job | None:
    with transaction.atomic():
        job = _claimable().select_for_update(skip_locked=True).order_by("id").first()
        if job is None:
            return None
        for name, value in _running_values(worker, timezone.now()).items():
            setattr(job, name, value)
        job.attempts += 1
        job.save(update_fields=["state", "worker", "started_at", "heartbeat_at", "message", "error", "attempts"])
    return job


def _claimable() -> QuerySet[Job]:
    """Queued jobs that may run now (not waiting for a RetryLater delay)."""
    return Job.objects.filter(Q(run_after__isnull=True) | Q(run_after__lte=timezone.now()), state=S.QUEUED)


def _oldest_queued_id() -> int | None:
    return _claimable().order_by("id").values_list("id", flat=True).first()


def _claim_conditional(worker: str) -> Job | None:
    for _ in range(CLAIM_TRIES):
        pk = _oldest_queued_id()
        if pk is None:
            return None
        values = _running_values(worker, timezone.now())
        if Job.objects.filter(pk=pk, state=S.QUEUED).update(attempts=F("attempts") + 1, **values) == 1:
            return Job.objects.get(pk=pk)
        # Another worker took it between our read and our write: try the next one.
    return None


# --- recover ------------------------------------------------------------------------------------------
def jobs_recover_stale(*, now: dt.datetime | None = None) -> int:
    """Requeue RUNNING jobs silent for more than JOB_STALE_SECONDS, or fail them after MAX_ATTEMPTS.

    A read first (the partial index on running jobs), so an idle worker's poll writes nothing.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=stale_seconds())
    stale = list(Job.objects.filter(state=S.RUNNING, heartbeat_at__lt=cutoff).values_list("id", "attempts"))
    return sum(_recover_one(pk, attempts, cutoff, now) for pk, attempts in stale)


def _recover_one(pk: int, attempts: int, cutoff: dt.datetime, now: dt.datetime) -> int:
    silent = Job.objects.filter(pk=pk, state=S.RUNNING, attempts=attempts, heartbeat_at__lt=cutoff)
    minutes = max(1, stale_seconds() // 60)
    if attempts < MAX_ATTEMPTS:
        updated = silent.update(state=S.QUEUED, worker="", heartbeat_at=None,
                                message=f"执行进程超过 {minutes} 分钟无响应，已重新排队（第 {attempts} 次执行中断）")
    else:
        updated = silent.update(
            state=S.FAILED, finished_at=now,
            error=(f"任务已执行 {attempts} 次，每次执行进程都超过 {minutes} 分钟无响应（进程停止或卡住）。"
                   "请联系系统管理员检查后台任务进程（zhifa worker）是否正常运行，然后重新提交。"),
        )
    if updated:
        logger.warning("后台任务 %s 的执行进程无响应：%s", pk, "重新排队" if attempts < MAX_ATTEMPTS else "标记失败")
    return updated


# --- run ----------------------------------------------------------------------------------------------
def job_run(job: Job) -> Job:
    """Run a claimed job's handler and record the outcome; returns the job as stored afterwards.

    Call it outside any transaction (a worker does): the handler opens its own, and its progress is
    committed while it runs.
    """
    if job.state != S.RUNNING:
        raise ValueError(f"后台任务 {job.pk} 的状态为“{job.get_state_display()}”，须先由 job_claim 领取")
    try:
        result = handler_for(job.kind)(job, Progress(job))
        _check_result(result)
    except RetryLater as exc:
        return _retry_later(job, exc)
    except DomainError as exc:
        return _finish(job, state=S.FAILED, error=exc.message)
    except Exception as exc:
        logger.exception("后台任务 %s（%s）执行出错", job.pk, job.kind)
        error = f"内部错误：{type(exc).__name__}，任务未能完成。请联系系统管理员，并告知任务编号 {job.pk}。"
        return _finish(job, state=S.FAILED, error=error)
    return _finish(job, state=S.DONE, result=result)


def _retry_later(job: Job, exc: RetryLater) -> Job:
    """Back to the queue with a growing delay while attempts remain; FAILED after the last one."""
    if job.attempts >= MAX_ATTEMPTS:
        return _finish(job, state=S.FAILED, error=f"{exc.message}（已尝试 {job.attempts} 次，不再重试）")
    delay = dt.timedelta(seconds=exc.seconds * job.attempts)
    run_after = timezone.now() + delay
    message = f"第 {job.attempts} 次执行未成功，{timezone.localtime(run_after):%H:%M:%S} 后重试：{exc.message}"
    mine = Job.objects.filter(pk=job.pk, state=S.RUNNING, attempts=job.attempts)
    mine.update(state=S.QUEUED, worker="", heartbeat_at=None, run_after=run_after, message=message[:MESSAGE_MAX])
    job.refresh_from_db()
    return job


def _check_result(result: object) -> None:
    if not isinstance(result, dict):
        raise TypeError(f"任务处理程序应返回 dict，实际为 {type(result).__name__}")
    json.dumps(result)


def _finish(job: Job, *, state: str, result: dict[str, Any] | None = None, error: str = "") -> Job:
    job.refresh_from_db(fields=["done", "total"])
    values: dict[str, Any] = {"state": state, "error": error, "finished_at": timezone.now()}
    values["heartbeat_at"] = values["finished_at"]
    if result is not None:
        values["result"] = result
    if state == S.DONE:
        values["message"] = str((result or {}).get("message") or "已完成")[:MESSAGE_MAX]
        if job.total:
            values["done"] = job.total
    mine = Job.objects.filter(pk=job.pk, state=S.RUNNING, attempts=job.attempts)
    if not mine.update(**values):
        logger.warning("后台任务 %s 已被其他执行进程接手或已结束，本次（第 %s 次）结果不予保存", job.pk, job.attempts)
    job.refresh_from_db()
    return job


def jobs_run_pending(*, worker: str = "inline", limit: int | None = None) -> int:
    """Claim and run queued jobs in this process until none is left (or `limit` ran); how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = job_claim(worker=worker)
        if job is None:
            break
        job_run(job)
        ran += 1
    return ran
