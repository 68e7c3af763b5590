"""加处罚款 (行政处罚法 art. 72, 73; 行政强制法 art. 45): one function, money in fen, no floats.

- From the day after the payment is due, 3 % of the fine still unpaid is added for every day.
- Never more than the fine itself (art. 72: 加处罚款的数额不得超出罚款的数额).
- No accrual on the days a reconsideration or a lawsuit against the decision is pending (art. 73 ¶3).
- With a deferral or instalments (art. 66) the due date is the end of the deferral (the caller passes it).

Payments are applied to the fine first. The fee of a day is charged on what was still unpaid at the end of
the day before: a fine paid on the first day after the due date carries one day's fee (that day was late).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

RATE_PERCENT_PER_DAY = 3


@dataclass(frozen=True)
class LateFee:
    fee_fen: int  # the late fee accrued up to and including `on`
    days: int  # days on which it accrued
    capped: bool  # it reached the fine (art. 72) and accrues no more
    unpaid_fen: int  # what of the fine is still unpaid on `on`


def late_fee_compute(
    *,
    fine_fen: int,
    due: dt.date,
    on: dt.date,
    payments: Iterable[tuple[dt.date, int]] = (),
    suspended: Iterable[tuple[dt.date, dt.date | None]] = (),
) -> LateFee:
    """The late fee on `on` for a fine due on `due`.

    `payments`: (paid on, fen) toward the fine. `suspended`: (from, to) periods of pending reconsideration or
    litigation, both days included; `to` None while still pending.
    """
    if fine_fen < 0:
        raise ValueError("fine_fen must not be negative")
    paid_by: dict[dt.date, int] = {}
    for paid_on, amount in payments:
        paid_by[paid_on] = paid_by.get(paid_on, 0) + amount
    periods = [(start, end or dt.date.max) for start, end in suspended]
    unpaid = fine_fen - sum(amount for day, amount in paid_by.items() if day <= due)
    # Sum of (unpaid fen × 3) over the days, divided by 100 once at the end: no rounding on each day.
    hundredths = 0
    days = 0
    cap = fine_fen * 100
    day = due + dt.timedelta(days=1)
    while day <= on and unpaid > 0 and hundredths < cap:
        if not any(start <= day <= end for start, end in periods):
            hundredths += unpaid * RATE_PERCENT_PER_DAY
            days += 1
        unpaid -= paid_by.get(day, 0)
        day += dt.timedelta(days=1)
    if day <= on:  # the loop stopped early (paid or capped): later payments still reduce what is unpaid
        unpaid -= sum(amount for paid_day, amount in paid_by.items() if day <= paid_day <= on)
    fee = min(hundredths // 100, fine_fen)
    return LateFee(fee_fen=fee, days=days, capped=fee >= fine_fen > 0, unpaid_fen=max(unpaid, 0))
