"""The queue's services: a job is queued, claimed, run, and ends DONE with its result or FAILED with a message
the user can read; a worker that went silent loses its job to another, three times at most."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from tests.jobs import handlers
from tests.jobs.conftest import enqueue
from zhifa.audit.models import AuditEvent
from zhifa.jobs import services
from zhifa.jobs.models import Job
from zhifa.jobs.registry import Progress, handler_for, job_handler, kind_label
from zhifa.jobs.services import job_claim, job_enqueue, job_run, jobs_run_pending
from zhifa.lib.errors import DomainError

S = Job.State
pytestmark = pytest.mark.django_db


def test_a_queued_job_runs_and_keeps_its_result(org, officer_a):
    job = enqueue(officer_a, org.red, steps=3, case=17)
    assert (job.state, job.attempts, job.created_by, job.bureau) == (S.QUEUED, 0, officer_a, org.red)
    event = AuditEvent.objects.get(action="job.enqueue")
    assert (event.object_type, event.object_id, event.actor_id, event.bureau_id) == (
        "jobs.job", str(job.pk), officer_a.pk, org.red.pk)
    assert event.after == {"kind": "test.echo", "params": {"steps": 3, "case": 17}, "total": 0}

    assert jobs_run_pending() == 1

    job.refresh_from_db()
    assert job.state == S.DONE and job.error == ""
    assert job.result == {"echo": {"steps": 3, "case": 17}, "links": []}
    assert (job.done, job.total, job.message) == (3, 3, "已完成")
    assert (job.attempts, job.worker) == (1, "inline")
    assert job.started_at is not None and job.finished_at is not None
    assert job.started_at <= job.finished_at and job.heartbeat_at == job.finished_at
    assert jobs_run_pending() == 0


def test_jobs_run_oldest_first_and_the_limit_leaves_the_rest_queued(org, officer_a):
    jobs = [enqueue(officer_a, org.red, n=n) for n in range(3)]
    assert jobs_run_pending(worker="w", limit=2) == 2
    assert handlers.ran == [jobs[0].pk, jobs[1].pk]
    assert [Job.objects.get(pk=job.pk).state for job in jobs] == [S.DONE, S.DONE, S.QUEUED]


def test_a_handler_refusing_with_a_domain_error_fails_the_job_with_its_message(org, officer_a):
    job = enqueue(officer_a, org.red, kind="test.refuse", message="案件尚未作出处罚决定，不能生成决定书。请先作出决定。")
    jobs_run_pending()
    job.refresh_from_db()
    assert job.state == S.FAILED
    assert job.error == "案件尚未作出处罚决定，不能生成决定书。请先作出决定。"
    assert (job.done, job.total, job.message) == (1, 2, "检查材料")  # where it stopped
    assert job.result == {} and job.finished_at is not None


def test_an_unexpected_error_fails_the_job_as_an_internal_error_and_logs_the_traceback(org, officer_a, caplog):
    job = enqueue(officer_a, org.red, kind="test.crash")
    with caplog.at_level(logging.ERROR, logger="zhifa.jobs.services"):
        jobs_run_pending()
    job.refresh_from_db()
    assert job.state == S.FAILED
    assert job.error.startswith("内部错误：RuntimeError") and "请联系系统管理员" in job.error and str(job.pk) in job.error
    assert "secret" not in job.error
    record = next(r for r in caplog.records if r.name == "zhifa.jobs.services")
    assert record.exc_info and "secret" in str(record.exc_info[1])


def test_a_result_that_is_not_a_dict_fails_the_job(org, officer_a):
    handlers.CALLS["list"] = lambda job, progress: ["not", "a", "dict"]
    job = enqueue(officer_a, org.red, kind="test.call", call="list")
    jobs_run_pending()
    job.refresh_from_db()
    assert job.state == S.FAILED and "TypeError" in job.error


def test_an_unknown_kind_is_refused_and_nothing_is_written(org, officer_a):
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match=r"未知的后台任务类型“documents\.nonexistent”"):
        job_enqueue(kind="documents.nonexistent", params={}, actor=officer_a, bureau=org.red)
    assert not Job.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_job_whose_kind_is_no_longer_registered_fails_with_a_message(org):
    job = Job.objects.create(kind="gone.kind", bureau=org.red)  # queued by an older version of the code
    jobs_run_pending()
    job.refresh_from_db()
    assert job.state == S.FAILED and "未知的后台任务类型“gone.kind”" in job.error
    assert kind_label("gone.kind") == "gone.kind" and kind_label("test.echo") == "测试：回显"


def test_a_kind_cannot_be_taken_by_a_second_handler():
    with pytest.raises(ValueError, match="已由"):
        job_handler("test.echo", "另一个")(lambda job, progress: {})
    assert handler_for("test.echo") is handlers.echo


def test_a_job_must_be_claimed_before_it_runs(org, officer_a):
    job = enqueue(officer_a, org.red)
    with pytest.raises(ValueError, match="job_claim"):
        job_run(job)


def test_the_result_links_keep_only_paths_on_this_site(org, officer_a):
    links = [{"label": "决定书", "url": "/documents/7/"}, {"label": "外站", "url": "//evil.example/x"},
             {"label": "脚本", "url": "javascript:alert(1)"}, {"label": "反斜杠", "url": "/\\evil.example"},
             {"label": "", "url": "/x/"}, "not a dict"]
    job = enqueue(officer_a, org.red, links=links)
    jobs_run_pending()
    job.refresh_from_db()
    assert job.links == [{"label": "决定书", "url": "/documents/7/"}]


# --- stale workers ----------------------------------------------------------------------------------------
def go_silent(job: Job, seconds: int = 120) -> None:
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(seconds=seconds))


def test_a_silent_worker_loses_its_job_to_another_and_after_three_attempts_the_job_fails(org, officer_a, settings):
    settings.JOB_STALE_SECONDS = 60
    job = enqueue(officer_a, org.red)
    for attempt in (1, 2, 3):
        claimed = job_claim(worker=f"w{attempt}")
        assert claimed is not None and (claimed.pk, claimed.attempts, claimed.worker) == (job.pk, attempt, f"w{attempt}")
        assert job_claim(worker="other") is None  # a live worker keeps its job
        go_silent(job)
    assert job_claim(worker="w4") is None
    job.refresh_from_db()
    assert job.state == S.FAILED and job.attempts == 3 and job.finished_at is not None
    assert "已执行 3 次" in job.error and "zhifa worker" in job.error
    assert handlers.ran == []


def test_a_requeued_job_says_why_and_runs_again(org, officer_a, settings):
    settings.JOB_STALE_SECONDS = 60
    job = enqueue(officer_a, org.red)
    assert job_claim(worker="w1") is not None
    go_silent(job, seconds=59)
    assert services.jobs_recover_stale() == 0  # not yet
    go_silent(job, seconds=61)
    assert services.jobs_recover_stale() == 1
    job.refresh_from_db()
    assert job.state == S.QUEUED and job.worker == "" and "已重新排队" in job.message
    assert jobs_run_pending() == 1
    job.refresh_from_db()
    assert (job.state, job.attempts) == (S.DONE, 2)


def test_a_worker_whose_job_was_taken_over_writes_nothing(org, officer_a, settings):
    settings.JOB_STALE_SECONDS = 60
    job = enqueue(officer_a, org.red, steps=2)
    first = job_claim(worker="slow")
    assert first is not None
    go_silent(job)
    second = job_claim(worker="fresh")
    assert second is not None and second.pk == job.pk

    Progress(first)(1, 9, "迟到的进度")
    late = job_run(first)  # the slow worker wakes up and finishes
    assert (late.state, late.worker, late.attempts, late.result, late.total) == (S.RUNNING, "fresh", 2, {}, 0)

    assert job_run(second).state == S.DONE
    job.refresh_from_db()
    assert (job.worker, job.done, job.total) == ("fresh", 2, 2)
    assert handlers.ran == [job.pk, job.pk]  # both ran the handler; only the current claim's outcome counts


def test_a_conditional_claim_that_loses_the_race_takes_the_next_job(org, officer_a, monkeypatch):
    taken, free = enqueue(officer_a, org.red), enqueue(officer_a, org.red)
    Job.objects.filter(pk=taken.pk).update(state=S.RUNNING, worker="other", attempts=1)
    candidates = iter([taken.pk, free.pk])  # our read still saw `taken` queued; the other worker won it
    monkeypatch.setattr(services, "_oldest_queued_id", lambda: next(candidates))
    claimed = services._claim_conditional("me")
    assert claimed is not None and (claimed.pk, claimed.worker, claimed.attempts) == (free.pk, "me", 1)
    assert Job.objects.get(pk=taken.pk).worker == "other"


def test_claiming_the_oldest_queued_job_reads_the_partial_index(org, officer_a):
    for _ in range(3):
        enqueue(officer_a, org.red)
    query = services._claimable().order_by("id").values_list("id", flat=True)[:1]  # the claim's own query
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a 3-row table: ask whether the index is usable
        sql, params = query.query.sql_with_params()
        cursor.execute(("EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "job_queued" in plan, plan


# --- progress seen from elsewhere -------------------------------------------------------------------------
def read_elsewhere(pk: int) -> dict[str, Any]:
    """The job row as another connection (another thread) sees it: only what is committed."""
    seen: dict[str, Any] = {}

    def read() -> None:
        try:
            seen.update(Job.objects.values("done", "total", "message", "state").get(pk=pk))
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(30)
    return seen


@pytest.mark.django_db(transaction=True)
def test_progress_is_committed_while_the_handler_runs(org, officer_a):
    def work(job: Job, progress: Progress) -> dict[str, Any]:
        progress(1, 3, "正在生成第 1 份")
        first = read_elsewhere(job.pk)
        progress(2, 3, "正在生成第 2 份")
        return {"first": first, "second": read_elsewhere(job.pk)}

    handlers.CALLS["work"] = work
    job = enqueue(officer_a, org.red, kind="test.call", call="work")
    jobs_run_pending()
    job.refresh_from_db()
    assert job.state == S.DONE, job.error
    assert job.result == {
        "first": {"done": 1, "total": 3, "message": "正在生成第 1 份", "state": "running"},
        "second": {"done": 2, "total": 3, "message": "正在生成第 2 份", "state": "running"},
    }


@pytest.mark.django_db(transaction=True)
def test_progress_inside_the_handlers_own_transaction_lands_when_it_commits(org, officer_a):
    def work(job: Job, progress: Progress) -> dict[str, Any]:
        with transaction.atomic():
            progress(1, 2, "第一批")
            inside = Job.objects.values_list("done", flat=True).get(pk=job.pk)
        return {"inside": inside, "after": read_elsewhere(job.pk)["done"]}

    handlers.CALLS["work"] = work
    job = enqueue(officer_a, org.red, kind="test.call", call="work")
    jobs_run_pending()
    job.refresh_from_db()
    assert job.result == {"inside": 0, "after": 1}, job.error


@pytest.mark.django_db(transaction=True)
def test_progress_of_a_unit_rolled_back_is_not_reported(org, officer_a):
    def work(job: Job, progress: Progress) -> dict[str, Any]:
        try:
            with transaction.atomic():
                progress(5, 5, "全部完成")
                raise DomainError("第 5 份的当事人地址为空，请补充后重新提交。")
        finally:
            handlers.CALLS["seen"] = read_elsewhere(job.pk)  # type: ignore[assignment]

    handlers.CALLS["work"] = work
    job = enqueue(officer_a, org.red, kind="test.call", call="work")
    jobs_run_pending()
    job.refresh_from_db()
    assert handlers.CALLS["seen"]["done"] == 0  # type: ignore[index]
    assert (job.state, job.done, job.error) == (S.FAILED, 0, "第 5 份的当事人地址为空，请补充后重新提交。")


# --- retry later ------------------------------------------------------------------------------------------
def test_a_job_asking_to_retry_later_waits_longer_each_time_then_succeeds(org, officer_a):
    job = enqueue(officer_a, org.red, kind="test.retry", succeed_at=3)
    for attempt in (1, 2):
        assert jobs_run_pending() == 1 and jobs_run_pending() == 0  # not claimed again before its time
        job.refresh_from_db()
        assert (job.state, job.attempts) == (S.QUEUED, attempt) and "对方系统暂时无法访问" in job.message
        waited = (job.run_after - timezone.now()).total_seconds()
        assert 60 * attempt - 5 < waited <= 60 * attempt
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - dt.timedelta(seconds=1))  # time passes
    assert jobs_run_pending() == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result) == (S.DONE, 3, {"attempt": 3})


def test_a_job_retried_until_its_attempts_are_used_fails_with_the_handlers_message(org, officer_a):
    job = enqueue(officer_a, org.red, kind="test.retry")
    for _ in range(services.MAX_ATTEMPTS):
        Job.objects.filter(pk=job.pk).update(run_after=None)
        jobs_run_pending()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (S.FAILED, services.MAX_ATTEMPTS)
    assert job.error == f"对方系统暂时无法访问。（已尝试 {services.MAX_ATTEMPTS} 次，不再重试）"
