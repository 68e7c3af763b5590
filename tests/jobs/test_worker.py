"""`zhifa worker`: runs what is queued, one line per job; stops after the current job when told to."""

from __future__ import annotations

import os
import signal
import threading
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.jobs import handlers
from tests.jobs.conftest import enqueue
from zhifa.jobs.models import Job
from zhifa.jobs.registry import Progress
from zhifa.jobs.worker import Worker

S = Job.State


@pytest.mark.django_db(transaction=True)
def test_worker_once_runs_what_is_queued_and_prints_one_line_per_job(org, officer_a):
    done = enqueue(officer_a, org.red, steps=1)
    failed = enqueue(officer_a, org.red, kind="test.refuse", message="模板缺少当事人姓名，请联系法制机构修订模板。")
    out = StringIO()
    call_command("worker", "--once", "--name", "w-test", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "后台任务进程 w-test 已启动（执行完排队任务后退出）。"
    assert lines[1].startswith(f"任务 {done.pk}（测试：回显）已完成，用时 ")
    assert lines[2].startswith(f"任务 {failed.pk}（测试：拒绝）失败，用时 ")
    assert lines[2].endswith("秒：模板缺少当事人姓名，请联系法制机构修订模板。")
    assert lines[3] == "后台任务进程 w-test 已停止，本次共执行 2 个任务。"
    assert len(lines) == 4
    assert set(Job.objects.values_list("state", "worker")) == {(S.DONE, "w-test"), (S.FAILED, "w-test")}


@pytest.mark.django_db
def test_sigterm_during_a_job_lets_it_finish_and_stops_the_worker(org, officer_a):
    caught: list[int] = []

    def ours(signum: int, frame: Any) -> None:  # pytest must survive a worker that ignores its own signals
        caught.append(signum)

    outer = signal.signal(signal.SIGTERM, ours)
    try:
        def stop_me(job: Job, progress: Progress) -> dict[str, Any]:
            os.kill(os.getpid(), signal.SIGTERM)
            progress(1, 1, "收到信号后继续完成")
            return {"finished": True}

        handlers.CALLS["stop_me"] = stop_me
        first = enqueue(officer_a, org.red, kind="test.call", call="stop_me")
        rest = [enqueue(officer_a, org.red) for _ in range(2)]
        out = StringIO()
        call_command("worker", "--once", "--name", "w-sig", stdout=out)
        assert caught == []  # the worker's handler took the signal, not ours
        assert signal.getsignal(signal.SIGTERM) is ours  # and gave ours back afterwards
    finally:
        signal.signal(signal.SIGTERM, outer)
    first.refresh_from_db()
    assert (first.state, first.result) == (S.DONE, {"finished": True})
    assert [Job.objects.get(pk=job.pk).state for job in rest] == [S.QUEUED, S.QUEUED]
    assert "已停止，本次共执行 1 个任务" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_waiting_worker_takes_each_job_and_stops_when_asked(org, officer_a):
    jobs = [enqueue(officer_a, org.red) for _ in range(3)]
    last_ran = threading.Event()

    def last(job: Job, progress: Progress) -> dict[str, Any]:
        last_ran.set()
        return {}

    handlers.CALLS["last"] = last
    jobs.append(enqueue(officer_a, org.red, kind="test.call", call="last"))
    lines: list[str] = []
    worker = Worker(name="w-loop", sleep=0.05, out=lines.append)
    ran: list[int] = []
    thread = threading.Thread(target=lambda: ran.append(worker.run()))
    thread.start()
    try:
        assert last_ran.wait(30)
        assert thread.is_alive()  # nothing queued any more: it waits for work instead of ending
    finally:
        worker.stop()
        thread.join(30)
    assert not thread.is_alive() and ran == [4] and len(lines) == 4
    assert [Job.objects.get(pk=job.pk).state for job in jobs] == [S.DONE] * 4


def test_worker_refuses_a_sleep_of_zero():
    with pytest.raises(CommandError, match="--sleep"):
        call_command("worker", "--once", "--sleep", "0")
