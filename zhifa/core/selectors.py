"""What the workbench shows: each user's tasks, approvals and nearest deadlines, all scoped reads.

The case lists come from zhifa.cases.selectors (my cases needing action, approvals whose turn it is, the
nearest statutory deadlines with their 75 % / 90 % / overdue warnings); the organisation's own deadlines
(certificates expiring, the working-day calendar running out) come from accounts and workdays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.accounts.selectors import CertificateRate, certificate_rate, certificates_expiring
from zhifa.cases.selectors import approvals_waiting, deadlines_nearest, workbench_tasks
from zhifa.workdays.selectors import calendar_coverage_warning

CERTIFICATE_WARNING_DAYS = 30


@dataclass
class Workbench:
    warnings: list[str] = field(default_factory=list)
    tasks: list[Any] = field(default_factory=list)
    approvals: list[Any] = field(default_factory=list)
    deadlines: list[Any] = field(default_factory=list)
    certificates_expiring: list[Any] = field(default_factory=list)
    certificate_rate: CertificateRate | None = None
    sees_people: bool = False


def workbench(*, user: User, today: dt.date) -> Workbench:
    result = Workbench()
    warning = calendar_coverage_warning(today=today)
    if warning:
        result.warnings.append(warning)
    if user.role_codes == {Role.AUDIT_ADMIN}:
        return result  # the audit administrator sees no people or case data
    result.sees_people = True
    result.tasks = workbench_tasks(user=user, today=today)
    result.approvals = approvals_waiting(user=user)
    result.deadlines = deadlines_nearest(user=user, today=today)
    result.certificate_rate = certificate_rate(user=user, on=today)
    result.certificates_expiring = list(
        certificates_expiring(user=user, within_days=CERTIFICATE_WARNING_DAYS, today=today)[:20]
    )
    return result
