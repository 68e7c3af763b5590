"""Handlers registered by the tests only (never by the app): a few fixed behaviours, and `test.call`, which
runs whatever function the test put in CALLS under params["call"]."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zhifa.jobs.models import Job
from zhifa.jobs.registry import Progress, RetryLater, job_handler
from zhifa.lib.errors import DomainError

CALLS: dict[str, Callable[[Job, Progress], Any]] = {}
ran: list[int] = []  # ids of the jobs test.echo ran, in order


@job_handler("test.echo", "测试：回显")
def echo(job: Job, progress: Progress) -> dict[str, Any]:
    ran.append(job.pk)
    steps = int(job.params.get("steps", 0))
    for step in range(1, steps + 1):
        progress(step, steps, f"第 {step} 步")
    return {"echo": job.params, "links": job.params.get("links", [])}


@job_handler("test.refuse", "测试：拒绝")
def refuse(job: Job, progress: Progress) -> dict[str, Any]:
    progress(1, 2, "检查材料")
    raise DomainError(job.params["message"])


@job_handler("test.crash", "测试：崩溃")
def crash(job: Job, progress: Progress) -> dict[str, Any]:
    raise RuntimeError("连接串 postgres://secret@db 不可达")  # internal detail: must not reach the screen


@job_handler("test.call", "测试：调用")
def call(job: Job, progress: Progress) -> Any:
    return CALLS[job.params["call"]](job, progress)


@job_handler("test.retry", "测试：稍后重试")
def retry(job: Job, progress: Progress) -> dict[str, Any]:
    if job.attempts < int(job.params.get("succeed_at", 99)):
        raise RetryLater("对方系统暂时无法访问。", seconds=60)
    return {"attempt": job.attempts}
