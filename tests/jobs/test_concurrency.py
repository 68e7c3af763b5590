"""Two workers, each in its own thread with its own database connection, share 40 queued jobs: every job runs
exactly once and both workers get work.

PostgreSQL: the claim is `SELECT … FOR UPDATE SKIP LOCKED`. SQLite: the claim is a conditional UPDATE; the
in-memory test database cannot be shared by connections under load, so the committed test data is copied
into a file first (as tests/numbering does).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from tests.jobs import handlers
from tests.jobs.conftest import enqueue
from zhifa.jobs.models import Job
from zhifa.jobs.registry import Progress
from zhifa.jobs.services import job_claim
from zhifa.jobs.worker import Worker

JOBS = 40
WORKERS = ("w1", "w2")
JOIN_TIMEOUT = 120


@dataclass
class Runs:
    """What the handler saw, across threads: (job id, worker) per run."""

    ran: list[tuple[int, str]] = field(default_factory=list)
    returned: list[int] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Each worker's first job waits here for the other worker's first job: both must hold work at once.
    both_started: threading.Barrier = field(default_factory=lambda: threading.Barrier(2, timeout=30))

    def handler(self, job: Job, progress: Progress) -> dict[str, Any]:
        with self.lock:
            first = all(worker != job.worker for _, worker in self.ran)
            self.ran.append((job.pk, job.worker))
        if first:
            self.both_started.wait()
        time.sleep(0.002)
        progress(1, 1, "完成")
        return {"worker": job.worker}


def run_two_workers(prepare: Callable[[], None] = lambda: None) -> Runs:
    runs = Runs()
    handlers.CALLS["share"] = runs.handler

    def work(name: str) -> None:
        try:
            prepare()
            ran = Worker(name=name, sleep=0.01, out=lambda line: None).run(once=True)
            with runs.lock:
                runs.returned.append(ran)
        except BaseException as exc:  # a thread's exception would otherwise vanish
            with runs.lock:
                runs.errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(name,)) for name in WORKERS]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_TIMEOUT
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0.1))
    assert not any(thread.is_alive() for thread in threads), "执行进程在限定时间内未结束"
    assert runs.errors == []
    return runs


def assert_each_job_ran_once(runs: Runs, jobs: list[tuple[int, str, str, dict[str, Any], int]]) -> None:
    """`jobs`: (id, state, worker, result, attempts) as stored."""
    ids = [pk for pk, _ in runs.ran]
    assert len(ids) == JOBS and len(set(ids)) == JOBS, Counter(ids).most_common(3)  # none ran twice
    assert sorted(runs.returned) == sorted(Counter(worker for _, worker in runs.ran).values())
    per_worker = Counter(worker for _, worker in runs.ran)
    assert set(per_worker) == set(WORKERS), per_worker  # both got work (guaranteed by the barrier)
    ran_by = dict(runs.ran)
    assert len(jobs) == JOBS
    for pk, state, worker, result, attempts in jobs:
        assert (state, attempts) == ("done", 1), (pk, state, attempts)
        assert worker == ran_by[pk] and result == {"worker": worker}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_on_postgresql_run_forty_jobs_each_exactly_once(org, officer_a):
    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")
    for _ in range(JOBS):
        enqueue(officer_a, org.red, kind="test.call", call="share")
    runs = run_two_workers()
    stored = list(Job.objects.order_by("id").values_list("id", "state", "worker", "result", "attempts"))
    assert_each_job_ran_once(runs, stored)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_claim_on_postgresql_skips_a_job_another_worker_has_locked(org, officer_a):
    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")
    oldest, next_one = enqueue(officer_a, org.red), enqueue(officer_a, org.red)
    locked, release = threading.Event(), threading.Event()

    def other_worker_mid_claim() -> None:
        try:
            with transaction.atomic():
                Job.objects.select_for_update().get(pk=oldest.pk)
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    other = threading.Thread(target=other_worker_mid_claim)
    other.start()
    try:
        assert locked.wait(30)
        started = time.monotonic()
        claimed = job_claim(worker="me")
        assert time.monotonic() - started < 5  # did not wait for the other transaction
    finally:
        release.set()
        other.join(30)
    assert claimed is not None and claimed.pk == next_one.pk
    assert Job.objects.get(pk=oldest.pk).state == Job.State.QUEUED


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_a_sqlite_file_run_forty_jobs_each_exactly_once(org, officer_a, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite 专项测试")
    for _ in range(JOBS):
        enqueue(officer_a, org.red, kind="test.call", call="share")
    database = sqlite_file_of_the_test_database(tmp_path)

    def use_the_file() -> None:
        # This thread's own connection object: pointing it at the file touches no other thread.
        connection.settings_dict = {**connection.settings_dict, "NAME": str(database)}

    runs = run_two_workers(prepare=use_the_file)
    with sqlite3.connect(database) as check:
        rows = check.execute("SELECT id, state, worker, result, attempts FROM jobs_job ORDER BY id").fetchall()
    assert_each_job_ran_once(runs, [(pk, state, worker, json.loads(result), attempts)
                                    for pk, state, worker, result, attempts in rows])


def sqlite_file_of_the_test_database(tmp_path: Path) -> Path:
    """The test database itself when it is a file; else a file copy of the in-memory one."""
    name = str(connection.settings_dict["NAME"])
    if not connection.is_in_memory_db():
        return Path(name)
    copy = tmp_path / "jobs.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return copy
