"""Daily tasks: every worker runs them once per local day when its queue is empty; a failing one is logged and
does not stop the worker or the others. The portal's take-down (行政执法公示, ZHIFA_DISCLOSURE_YEARS) is one."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.portal.conftest import make_disclosure
from zhifa.jobs import registry, worker
from zhifa.jobs.worker import Worker
from zhifa.portal.models import Disclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_these_daily_tasks(monkeypatch):  # type: ignore[no-untyped-def]
    """Replace the registered daily tasks for one test; returns the call log."""
    calls: list[str] = []
    monkeypatch.setattr(registry, "_DAILY", {})

    @registry.daily_task("test.count", "计数")
    def count() -> int:
        calls.append("count")
        return 2

    @registry.daily_task("test.broken", "出错的任务")
    def broken() -> int:
        calls.append("broken")
        raise RuntimeError("boom")

    return calls


def test_daily_tasks_run_once_a_day_and_a_failure_stops_nothing(only_these_daily_tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    loop = Worker(name="w-daily", sleep=0.01, out=lines.append)
    day = dt.date(2026, 12, 7)
    monkeypatch.setattr(worker.timezone, "localdate", lambda: day)
    loop.run(once=True)
    loop.run(once=True)
    assert only_these_daily_tasks == ["broken", "count"]  # by code; the failure did not stop "count"
    assert lines == ["每日任务“计数”：2 项。"]
    day = dt.date(2026, 12, 8)
    loop.run(once=True)
    assert only_these_daily_tasks == ["broken", "count", "broken", "count"]


def test_the_worker_takes_down_decisions_whose_period_ended(org) -> None:  # type: ignore[no-untyped-def]
    assert "portal.take_down" in {daily.code for daily in registry.daily_tasks()}
    ended = make_disclosure(org.red, 1, take_down_on=dt.date(2020, 1, 1))
    running = make_disclosure(org.red, 2)
    lines: list[str] = []
    Worker(name="w-portal", sleep=0.01, out=lines.append).run(once=True)
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.state == Disclosure.State.TAKEN_DOWN and running.state == Disclosure.State.PUBLISHED
    assert "每日任务“撤下到期公示”：1 项。" in lines
