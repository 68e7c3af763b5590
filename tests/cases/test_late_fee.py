"""加处罚款: 行政处罚法 art. 72 (3 % a day, never more than the fine), art. 73 (not during remedies)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zhifa.cases.late_fee import late_fee_compute

DUE = dt.date(2026, 3, 16)
FINE = 1_000_00  # 1,000 元


def fee(on: dt.date, **kwargs) -> int:
    return late_fee_compute(fine_fen=FINE, due=DUE, on=on, **kwargs).fee_fen


def test_art72_nothing_on_the_due_day_itself():
    result = late_fee_compute(fine_fen=FINE, due=DUE, on=DUE)
    assert (result.fee_fen, result.days, result.unpaid_fen) == (0, 0, FINE)


def test_art72_three_percent_from_the_day_after_the_due_date():
    assert fee(DUE + dt.timedelta(days=1)) == 30_00  # 3 % of 1,000 元
    assert fee(DUE + dt.timedelta(days=10)) == 300_00


def test_art72_never_more_than_the_fine():
    assert fee(DUE + dt.timedelta(days=33)) == 990_00
    capped = late_fee_compute(fine_fen=FINE, due=DUE, on=DUE + dt.timedelta(days=34))
    assert capped.fee_fen == FINE and capped.capped
    assert fee(DUE + dt.timedelta(days=400)) == FINE


def test_art73_no_accrual_while_a_lawsuit_is_pending():
    filed, judged = DUE + dt.timedelta(days=3), DUE + dt.timedelta(days=12)
    # Days 1–2 accrue, 3–12 are suspended, 13–15 accrue: 5 days.
    assert fee(DUE + dt.timedelta(days=15), suspended=[(filed, judged)]) == 150_00
    # Still pending: nothing after the filing.
    assert fee(DUE + dt.timedelta(days=60), suspended=[(filed, None)]) == 60_00


def test_partial_payments_reduce_the_base_from_the_next_day():
    paid = [(DUE, 400_00), (DUE + dt.timedelta(days=2), 600_00)]
    # Day 1 and day 2 on 600 元 unpaid (18 元 each); paid in full on day 2: nothing after.
    result = late_fee_compute(fine_fen=FINE, due=DUE, on=DUE + dt.timedelta(days=30), payments=paid)
    assert (result.fee_fen, result.days, result.unpaid_fen) == (36_00, 2, 0)


def test_fractions_of_a_fen_are_summed_before_rounding_down():
    # 3 % of 0.33 元 is 0.99 fen a day: three days make 2.97 → 2 fen, not 0 (no per-day rounding).
    assert late_fee_compute(fine_fen=33, due=DUE, on=DUE + dt.timedelta(days=3)).fee_fen == 2


@given(fine=st.integers(0, 10**9), days=st.integers(0, 3000),
       paid=st.lists(st.tuples(st.integers(-5, 100), st.integers(0, 10**8)), max_size=4))
def test_the_fee_is_never_negative_nor_above_the_fine_and_grows_with_time(fine, days, paid):
    payments = [(DUE + dt.timedelta(days=d), a) for d, a in paid]
    now = late_fee_compute(fine_fen=fine, due=DUE, on=DUE + dt.timedelta(days=days), payments=payments)
    later = late_fee_compute(fine_fen=fine, due=DUE, on=DUE + dt.timedelta(days=days + 1), payments=payments)
    assert 0 <= now.fee_fen <= later.fee_fen <= fine
