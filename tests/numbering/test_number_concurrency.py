"""Many people filing cases at the same moment still get numbers 1..K, each once, with no gap — even when
some of their transactions roll back after taking a number.

PostgreSQL: threads with their own connections against the test database (`make test` runs this).
SQLite: the same against a file database; the in-memory test database cannot be locked across
connections, so when the tests run in memory the committed test data is copied into a file first.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection, transaction

from zhifa.numbering.models import NumberSequence
from zhifa.numbering.services import number_take

THREADS, PER_THREAD, ROLLBACK_RATE = 8, 25, 0.3
DECISION = "{short}罚决字〔{year}〕第{seq}号"


class Rollback(Exception):
    pass


@dataclass
class Outcome:
    committed: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    rolled_back: int = 0
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def take_concurrently(bureau, *, prepare: Callable[[], None] = lambda: None) -> Outcome:
    """THREADS workers, each taking PER_THREAD numbers in its own transaction on its own connection, and
    rolling back about ROLLBACK_RATE of them after the number was taken."""
    outcome = Outcome()
    start = threading.Barrier(THREADS)

    def work(worker: int) -> None:
        chance = random.Random(worker)
        try:
            prepare()
            start.wait()
            for _ in range(PER_THREAD):
                try:
                    with transaction.atomic():
                        number = number_take(bureau=bureau, kind="penalty_decision", year=2024,
                                             default_pattern=DECISION)
                        time.sleep(chance.random() / 1000)  # hold the number a moment: others must queue
                        if chance.random() < ROLLBACK_RATE:
                            raise Rollback
                except Rollback:
                    with outcome.lock:
                        outcome.rolled_back += 1
                    continue
                with outcome.lock:  # only now is the number really issued: the commit succeeded
                    outcome.committed.append(number.seq)
                    outcome.texts.append(number.text)
        except BaseException as exc:  # reported by the test: a thread's exception would otherwise vanish
            outcome.errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers), "编号线程未在限定时间内结束"
    return outcome


def assert_gapless(outcome: Outcome, last: int) -> None:
    assert outcome.errors == []
    assert outcome.rolled_back > 0, "the test must exercise rollbacks"
    k = len(outcome.committed)
    assert k + outcome.rolled_back == THREADS * PER_THREAD
    assert sorted(outcome.committed) == list(range(1, k + 1))  # no gap, no duplicate
    assert len(set(outcome.texts)) == k and "红综执罚决字〔2024〕第1号" in outcome.texts
    assert last == k


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_on_postgresql_are_gapless_and_unique(org):
    outcome = take_concurrently(org.red)
    assert_gapless(outcome, NumberSequence.objects.get(bureau=org.red, kind="penalty_decision").last)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_first_issue_of_a_year_waits_for_a_concurrent_creator_on_postgresql(org):
    """The counter row does not exist yet: B's INSERT blocks on A's uncommitted one, fails once A commits,
    and B then advances A's row instead of breaking its own transaction."""
    results: dict[str, int] = {}
    errors: list[BaseException] = []
    a_has_taken, a_may_commit = threading.Event(), threading.Event()

    def issue(name: str, before_commit: Callable[[], None]) -> None:
        try:
            with transaction.atomic():
                results[name] = number_take(bureau=org.red, kind="case", year=2031).seq
                before_commit()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    a = threading.Thread(target=issue, args=("a", lambda: (a_has_taken.set(), a_may_commit.wait(30))))
    a.start()
    assert a_has_taken.wait(30)
    b = threading.Thread(target=issue, args=("b", lambda: None))
    b.start()
    try:
        wait_until_a_backend_waits_for_a_lock()
    finally:
        a_may_commit.set()
        a.join(30)
        b.join(30)
    assert errors == []
    assert results == {"a": 1, "b": 2}
    assert NumberSequence.objects.get(kind="case", year=2031).last == 2


def wait_until_a_backend_waits_for_a_lock() -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= 1:
                return
        time.sleep(0.02)
    pytest.fail("第二个事务没有在等待第一个事务的锁")


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_on_a_sqlite_file_are_gapless_and_unique(org, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite 专项测试")
    database = sqlite_file_of_the_test_database(tmp_path)

    def use_the_file() -> None:
        # This thread's own connection object: pointing it at the file touches no other thread.
        connection.settings_dict = {**connection.settings_dict, "NAME": str(database)}

    outcome = take_concurrently(org.red, prepare=use_the_file)
    with sqlite3.connect(database) as check:
        (last,) = check.execute(
            "SELECT last FROM numbering_numbersequence WHERE kind = 'penalty_decision'"
        ).fetchone()
    assert_gapless(outcome, last)


def sqlite_file_of_the_test_database(tmp_path: Path) -> Path:
    """The test database itself when it is a file; else a file copy of the in-memory one."""
    name = str(connection.settings_dict["NAME"])
    if not connection.is_in_memory_db():
        return Path(name)
    copy = tmp_path / "numbers.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return copy
