"""Many people acting at the same moment, on PostgreSQL with real threads and real connections.

- Leaders approving thirty filings at once: case numbers 1..30 of the year, each once, no gap.
- Eight people acting on one case at the same instant: exactly one wins; every other one is told
  "changed meanwhile" (ChangedMeanwhile) or "wrong state" (DomainError) and nothing of theirs is written.
- Two officers proposing the same lead at once: one case, the other is told.
- Filing requests and approvals interleaved across threads finish within a bound (no deadlock), numbers stay
  gapless, and the audit chain verifies.

SQLite is skipped: its IMMEDIATE transactions serialise every writer, which the numbering tests cover.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection

from zhifa.audit.services import audit_verify
from zhifa.cases import services
from zhifa.cases.models import Approval, Case, Lead, TimelineEntry
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.numbering.models import NumberSequence

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
NUMBER = re.compile(r"〔(\d{4})〕第(\d+)号$")
JOIN_TIMEOUT = 120  # seconds: a deadlock shows as a thread still alive after this


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")


@dataclass
class Outcome:
    """What the threads did; a thread's exception would otherwise vanish with it."""

    won: list[Any] = field(default_factory=list)
    told: Counter[str] = field(default_factory=Counter)  # refusal code → count
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: Callable[[], Any]) -> None:
        try:
            result = action()
        except ChangedMeanwhile:
            with self.lock:
                self.told["changed_meanwhile"] += 1
        except DomainError as exc:
            with self.lock:
                self.told[exc.code] += 1
        else:
            with self.lock:
                self.won.append(result)


def run_threads(work: list[Callable[[], None]], outcome: Outcome) -> None:
    """Start one thread per callable; each closes its own connection; fail if any is still alive."""

    def wrap(job: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                job()
            except BaseException as exc:  # reported by the test
                with outcome.lock:
                    outcome.errors.append(exc)
            finally:
                connection.close()  # each thread has its own connection: give it back

        return run

    threads = [threading.Thread(target=wrap(job)) for job in work]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_TIMEOUT
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0.1))
    assert not any(thread.is_alive() for thread in threads), "线程在限定时间内未结束（死锁或长时间等锁）"
    assert not outcome.errors, outcome.errors


def case_numbers(bureau_id: int) -> Iterator[tuple[int, int]]:
    for number in Case.objects.filter(bureau_id=bureau_id).exclude(number="").values_list("number", flat=True):
        match = NUMBER.search(number)
        assert match, number
        yield int(match[1]), int(match[2])


def assert_gapless(bureau_id: int, expected: int) -> None:
    seqs = sorted(seq for _, seq in case_numbers(bureau_id))
    assert seqs == list(range(1, expected + 1)), seqs
    years = {year for year, _ in case_numbers(bureau_id)}
    for year in years:
        assert NumberSequence.objects.get(bureau_id=bureau_id, kind="case", year=year).last == expected


def test_thirty_filings_approved_by_six_threads_get_numbers_one_to_thirty(world: Any) -> None:
    cases = [world.request_filing() for _ in range(30)]
    leaders = [world.leader, world.leader2]
    start = threading.Barrier(6)
    outcome = Outcome()

    def approver(index: int) -> Callable[[], None]:
        def work() -> None:
            start.wait()
            for case in cases[index::6]:
                outcome.record(lambda case=case: services.case_transition(
                    case=case, action="approve_filing", actor=leaders[index % 2]))

        return work

    run_threads([approver(i) for i in range(6)], outcome)
    assert len(outcome.won) == 30 and not outcome.told, outcome.told
    assert_gapless(world.org.red.pk, 30)
    assert len({case.number for case in outcome.won}) == 30
    assert Case.objects.filter(state=Case.State.INVESTIGATING).count() == 30
    assert audit_verify().ok


@pytest.mark.parametrize("mix", ["all_approve", "approve_against_reject"])
def test_eight_people_acting_on_one_case_at_once_exactly_one_wins(world: Any, mix: str) -> None:
    case = world.request_filing()
    seen = case.version
    start = threading.Barrier(8)
    outcome = Outcome()

    def actor(index: int) -> Callable[[], None]:
        leader = [world.leader, world.leader2][index % 2]
        reject = mix == "approve_against_reject" and index % 2 == 1

        def work() -> None:
            start.wait()  # all eight read the same version, then race for the conditional update
            if reject:
                outcome.record(lambda: services.case_transition(
                    case=case, action="reject_filing", actor=leader, reason="不属于本局管辖", expected_version=seen))
            else:
                outcome.record(lambda: services.case_transition(
                    case=case, action="approve_filing", actor=leader, expected_version=seen))

        return work

    run_threads([actor(i) for i in range(8)], outcome)
    assert len(outcome.won) == 1, (outcome.won, outcome.told)
    assert sum(outcome.told.values()) == 7 and set(outcome.told) <= {"changed_meanwhile", "wrong_state"}, outcome.told
    case.refresh_from_db()
    assert case.version == seen + 1
    moves = TimelineEntry.objects.filter(case=case, action__in=["case.approve_filing", "case.reject_filing"])
    assert moves.count() == 1
    filing = Approval.objects.get(case=case, kind=Approval.Kind.FILING)
    assert filing.decision in (Approval.Decision.APPROVED, Approval.Decision.REJECTED)
    if case.state == Case.State.INVESTIGATING:
        assert case.number and filing.decision == Approval.Decision.APPROVED
        assert_gapless(world.org.red.pk, 1)
        assert case.lead.state == Lead.State.FILED
    else:
        assert case.state == Case.State.NOT_FILED and not case.number
        assert not NumberSequence.objects.filter(bureau=world.org.red).exists()  # no number was taken
        assert case.lead.state == Lead.State.NOT_FILED
    assert audit_verify().ok


def test_two_officers_proposing_the_same_lead_at_once_make_one_case(world: Any) -> None:
    lead = world.lead()
    start = threading.Barrier(4)
    outcome = Outcome()

    def proposer() -> None:
        start.wait()
        outcome.record(lambda: world.request_filing(lead))

    run_threads([proposer] * 4, outcome)
    assert len(outcome.won) == 1 and sum(outcome.told.values()) == 3, outcome.told
    assert Case.objects.filter(lead=lead).count() == 1
    assert audit_verify().ok


def test_filing_requests_and_approvals_interleaved_never_deadlock(world: Any) -> None:
    """Four officers propose five leads each while two leaders approve whatever is waiting, all at once."""
    leads = [[world.lead() for _ in range(5)] for _ in range(4)]
    start = threading.Barrier(6)
    done_proposing = threading.Event()
    proposers_left = [4]
    outcome = Outcome()

    def proposer(index: int) -> Callable[[], None]:
        def work() -> None:
            start.wait()
            try:
                for lead in leads[index]:
                    outcome.record(lambda lead=lead: world.request_filing(lead))
            finally:
                with outcome.lock:
                    proposers_left[0] -= 1
                    if not proposers_left[0]:
                        done_proposing.set()

        return work

    def approver(leader: Any) -> Callable[[], None]:
        def work() -> None:
            start.wait()
            while True:
                finished = done_proposing.is_set()  # read before looking: nothing may arrive after an empty look
                waiting = list(Case.objects.filter(state=Case.State.FILING_REVIEW).order_by("?")[:3])
                for case in waiting:
                    outcome.record(lambda case=case: services.case_transition(
                        case=case, action="approve_filing", actor=leader))
                if finished and not waiting:
                    return

        return work

    run_threads([proposer(i) for i in range(4)] + [approver(world.leader), approver(world.leader2)], outcome)
    # 20 proposals and 20 approvals won; the two leaders sometimes picked the same case (told, nothing written).
    assert len(outcome.won) == 40, (len(outcome.won), outcome.told)
    assert set(outcome.told) <= {"changed_meanwhile", "wrong_state"}, outcome.told
    assert Case.objects.filter(state=Case.State.INVESTIGATING).count() == 20
    assert_gapless(world.org.red.pk, 20)
    assert audit_verify().ok
