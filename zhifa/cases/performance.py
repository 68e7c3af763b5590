"""Where a decided case stands in its performance (履行): the fine, what was paid, the due date (or the end of
an approved deferral), the late fee on a day, the remedies pending, the reminder and the court. Reads only;
execution.py writes, guards.py and the case page read this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from zhifa.cases.late_fee import LateFee, late_fee_compute
from zhifa.cases.models import (
    Case,
    CourtEnforcement,
    Decision,
    Payment,
    PaymentPlan,
    Remedy,
    Service,
)


@dataclass
class Performance:
    case: Case
    on: dt.date

    # Each read goes through the case's relations, so the case page's prefetched rows are used as they are
    # (no query); elsewhere each is one query.
    @cached_property
    def decision(self) -> Decision | None:
        try:
            return self.case.decision
        except Decision.DoesNotExist:
            return None

    @cached_property
    def fine_fen(self) -> int:
        decision = self.decision
        return decision.fine_fen or 0 if decision is not None and decision.kind == Decision.Kind.PENALTY else 0

    @cached_property
    def service(self) -> Service | None:
        """The first service of the decision: it starts the party's periods."""
        return min(self.case.services.all(), key=lambda s: (s.served_on, s.pk), default=None)

    @cached_property
    def served_on(self) -> dt.date | None:
        """When the decision reached the party: its first service, or the day of an on-the-spot decision
        handed over there (simple procedure, art. 52)."""
        return self.service.served_on if self.service is not None else self.case.served_on

    @cached_property
    def payments(self) -> list[Payment]:
        return sorted(self.case.payments.all(), key=lambda p: (p.paid_on, p.pk))

    def paid_fen(self, kind: str) -> int:
        return sum(p.amount_fen for p in self.payments if p.kind == kind)

    @cached_property
    def plan(self) -> PaymentPlan | None:
        return PaymentPlan.objects.filter(case=self.case).order_by("-id").first()

    @cached_property
    def remedies(self) -> list[Remedy]:
        return sorted(self.case.remedies.all(), key=lambda r: (r.filed_on, r.pk))

    @cached_property
    def court(self) -> CourtEnforcement | None:
        return CourtEnforcement.objects.filter(case=self.case).first()

    def _deadline_due(self, rule: str) -> dt.date | None:
        dues = [d.due for d in self.case.deadlines.all() if d.rule == rule and not d.cancelled]
        return max(dues, default=None)

    @cached_property
    def payment_due(self) -> dt.date | None:
        """Art. 67: 15 days from service; with a deferral or instalments, the end of the plan (art. 72 ¶2)."""
        if self.plan is not None:
            return self.plan.ends_on
        return self._deadline_due("payment")

    @cached_property
    def reconsideration_due(self) -> dt.date | None:
        return self._deadline_due("reconsideration")

    @cached_property
    def litigation_due(self) -> dt.date | None:
        return self._deadline_due("litigation")

    @cached_property
    def remedy_periods_end(self) -> dt.date | None:
        """The later of the reconsideration and litigation periods (行政强制法 art. 53 counts from it)."""
        ends = [d for d in (self.reconsideration_due, self.litigation_due) if d is not None]
        return max(ends) if ends else None

    @cached_property
    def remedy_pending(self) -> bool:
        return any(r.outcome == Remedy.Outcome.PENDING for r in self.remedies)

    @cached_property
    def overturned(self) -> Remedy | None:
        """A reconsideration or judgment that revoked the decision or found it illegal: nothing is owed."""
        return next((r for r in self.remedies if r.outcome in (Remedy.Outcome.REVOKED, Remedy.Outcome.ILLEGAL)), None)

    @cached_property
    def paid_fine_fen(self) -> int:
        return self.paid_fen(Payment.Kind.FINE)

    @cached_property
    def unpaid_fine_fen(self) -> int:
        return max(self.fine_fen - self.paid_fine_fen, 0)

    @cached_property
    def late_fee(self) -> LateFee | None:
        """Art. 72, 73: from the day after the due date, not while a remedy is pending; None before a due date."""
        due = self.payment_due
        if not self.fine_fen or due is None or self.overturned is not None:
            return None
        fines = [(p.paid_on, p.amount_fen) for p in self.payments if p.kind == Payment.Kind.FINE]
        suspended = [(r.filed_on, r.outcome_on if r.outcome != Remedy.Outcome.PENDING else None)
                     for r in self.remedies]
        return late_fee_compute(fine_fen=self.fine_fen, due=due, on=self.on, payments=fines, suspended=suspended)

    @cached_property
    def late_fee_unpaid_fen(self) -> int:
        accrued = self.late_fee.fee_fen if self.late_fee is not None else 0
        return max(accrued - self.paid_fen(Payment.Kind.LATE_FEE), 0)

    @cached_property
    def performed(self) -> bool:
        """The fine and the late fee it accrued are paid (a decision without a fine is performed by itself:
        warnings and other penalties take effect on service)."""
        return self.unpaid_fine_fen == 0 and self.late_fee_unpaid_fen == 0

    @cached_property
    def court_took_over(self) -> bool:
        return self.court is not None and self.court.accepted_on is not None
