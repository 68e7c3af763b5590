"""The pure period arithmetic, on hand-made calendars (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhifa.workdays.periods import (
    CalendarNotCovered,
    WorkCalendar,
    add_months,
    add_working_days,
    due_date,
)
from zhifa.workdays.rules import DEADLINE_RULES


def weekends_only(*years: int) -> WorkCalendar:
    rest = {}
    for year in years:
        day = dt.date(year, 1, 1)
        days = set()
        while day.year == year:
            if day.weekday() >= 5:
                days.add(day)
            day += dt.timedelta(days=1)
        rest[year] = frozenset(days)
    return WorkCalendar(rest_days=rest, versions=dict.fromkeys(years, 1))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-08-31", 6, "2026-02-28"),  # legal-rules.md's own example
        ("2023-08-31", 6, "2024-02-29"),  # leap year: February has a 29th
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-01-30", 3, "2025-04-30"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-11-15", 3, "2026-02-15"),
        ("2024-02-29", 12, "2025-02-28"),  # a year after a 29 February
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-12-31", 2, "2026-02-28"),
    ],
)
def test_a_period_in_months_ends_on_the_same_numbered_day_or_the_last_day_of_the_month(
    start, months, expected
):
    assert add_months(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(expected)


def test_working_days_start_counting_after_the_trigger_day_even_when_it_is_a_rest_day():
    calendar = weekends_only(2025)
    saturday = dt.date(2025, 3, 8)
    # Rolling Saturday forward to Monday first and counting from there would give Monday 17 March.
    assert add_working_days(saturday, 1, calendar) == dt.date(2025, 3, 10)
    assert add_working_days(saturday, 5, calendar) == dt.date(2025, 3, 14)


def test_an_uncovered_year_is_an_error_naming_the_year_never_a_guess():
    calendar = weekends_only(2026)
    with pytest.raises(CalendarNotCovered) as caught:
        add_working_days(dt.date(2026, 12, 30), 3, calendar)
    assert caught.value.year == 2027
    assert "2027" in caught.value.message and "zhifa calendar import" in caught.value.message


def test_a_bureau_natural_day_limit_needs_no_calendar():
    end, extended_from = due_date(DEADLINE_RULES["limitation"], dt.date(2026, 6, 1), 2, WorkCalendar())
    assert (end, extended_from) == (dt.date(2028, 6, 1), None)


def test_the_calendar_records_which_years_it_consulted():
    calendar = weekends_only(2025, 2026)
    add_working_days(dt.date(2025, 12, 30), 3, calendar)
    assert calendar.version_label() == "2025:v1,2026:v1"


@given(
    start=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 12, 31)),
    count=st.integers(min_value=1, max_value=20),
    rest=st.sets(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 12, 31)), max_size=200),
)
def test_n_working_days_after_d_is_the_nth_working_day_strictly_after_d(start, count, rest):
    # Any pattern of rest days in 2024; 2025 all working days, so the count always ends somewhere covered.
    calendar = WorkCalendar(rest_days={2024: frozenset(rest), 2025: frozenset()})
    due = add_working_days(start, count, calendar)
    assert due not in rest and due > start
    between = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(1 for day in between if day not in rest) == count
