"""The worker loop behind `zhifa worker`: claim, run, report; sleep when idle; stop between jobs.

Kept apart from the management command so tests can run several loops in threads, each thread with its
own database connection.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone

from zhifa.jobs.models import Job
from zhifa.jobs.registry import daily_tasks
from zhifa.jobs.services import job_claim, job_run

logger = logging.getLogger(__name__)


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def job_line(job: Job, seconds: float) -> str:
    """One Chinese line per job for the worker's output."""
    head = f"任务 {job.pk}（{job.kind_label}）"
    if job.state == Job.State.DONE:
        return f"{head}已完成，用时 {seconds:.1f} 秒。"
    if job.state == Job.State.FAILED:
        return f"{head}失败，用时 {seconds:.1f} 秒：{job.error}"
    return f"{head}已由其他执行进程接手，本进程的结果未保存。"


class Worker:
    def __init__(self, *, name: str, sleep: float = 1.0, out: Callable[[str], None] = print) -> None:
        self.name = name
        self.sleep = sleep
        self.out = out
        self._stop = threading.Event()
        self._daily_done_on: dt.date | None = None

    def stop(self) -> None:
        """Ask the loop to end after the current job (safe from a signal handler or another thread)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, *, once: bool = False) -> int:
        """Run jobs until stopped; with `once`, until nothing is queued. Returns how many jobs ran."""
        ran = 0
        while not self.stopping:
            _fresh_connections()
            try:
                worked = self._run_one()
            except DatabaseError:
                if once:
                    raise
                logger.exception("后台任务进程 %s 访问数据库出错，%s 秒后重试", self.name, self.sleep)
                worked = False
            if worked:
                ran += 1
                continue
            self._run_daily_if_due()
            if once:
                break
            self._stop.wait(self.sleep)
        _fresh_connections()
        return ran

    def _run_one(self) -> bool:
        job = job_claim(worker=self.name)
        if job is None:
            return False
        started = time.monotonic()
        finished = job_run(job)
        self.out(job_line(finished, time.monotonic() - started))
        return True


    def _run_daily_if_due(self) -> None:
        """The daily tasks (zhifa.jobs.registry.daily_task), once per local day, when the queue is empty.

        A failing task is logged and tried again the next day; it never stops the worker."""
        today = timezone.localdate()
        if self._daily_done_on == today:
            return
        self._daily_done_on = today
        for daily in daily_tasks():
            try:
                changed = daily.task()
            except Exception:
                logger.exception("每日任务“%s”出错，明天再试", daily.label)
                continue
            if changed:
                self.out(f"每日任务“{daily.label}”：{changed} 项。")


def _fresh_connections() -> None:
    """Drop connections that broke or aged out, as a request would. Skipped inside a transaction: a worker
    never runs in one, but a test may run the loop inside its own."""
    if not any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
        close_old_connections()
