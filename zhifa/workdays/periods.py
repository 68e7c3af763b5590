"""How periods are counted (legal-rules.md), as pure functions over a WorkCalendar snapshot.

No database here: `WorkCalendar` is handed the rest days of the years it covers, so the arithmetic can be
tested and reasoned about on its own. The rules:

- the triggering day is not counted; the period starts on the next day;
- N working days after D is the Nth working day strictly after D — D is never rolled forward first, even
  when D is a rest day (rolling first makes the result one working day late);
- N natural days after D is D + N;
- months and years end on the same-numbered day, or on the last day of a shorter month;
- a natural-day period that binds the party and ends on a rest day ends on the next working day;
  a limit on the bureau is never extended.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from zhifa.lib.errors import DomainError
from zhifa.workdays.rules import DeadlineRule

# The calendar never has gaps inside a year, and a working-day count crosses at most a few weeks of
# holidays; this bound only stops a corrupted calendar (a year without working days) from looping forever.
_MAX_SCAN_DAYS = 3 * 366


class CalendarNotCovered(DomainError):
    """A computation needs a day of a year the WorkCalendar does not hold. Never guessed."""

    def __init__(self, year: int, day: dt.date | None = None) -> None:
        needed = f"（需要 {day.isoformat()} 是否为工作日）" if day else ""
        message = (
            f"工作日历未覆盖 {year} 年{needed}，无法计算该时限。"
            f"请在国务院办公厅公布 {year} 年节假日安排后，由系统管理员在“工作日历”页面导入"
            f"（/calendar/import/），或在服务器上运行 zhifa calendar import 文件名。"
        )
        super().__init__(message, code="calendar_not_covered")
        self.year = year
        self.day = day


@dataclass
class WorkCalendar:
    """The working-day calendar of the years it covers, for one computation.

    `rest_days` maps each covered year to its rest days (weekends and holidays not shifted to a working
    day); every other day of a covered year is a working day. A `loader` may supply further years on
    first use (the database-backed calendar loads only the years a computation touches); it returns None
    for a year that is not covered. The years consulted are remembered so a deadline can record which
    calendar versions it relied on.
    """

    rest_days: dict[int, frozenset[dt.date]] = field(default_factory=dict)
    versions: Mapping[int, int] = field(default_factory=dict)
    loader: Callable[[int], frozenset[dt.date] | None] | None = None
    consulted: set[int] = field(default_factory=set)

    def _rest_days_of(self, year: int) -> frozenset[dt.date] | None:
        rest = self.rest_days.get(year)
        if rest is None and self.loader is not None:
            rest = self.loader(year)
            if rest is not None:
                self.rest_days[year] = rest
        return rest

    def covers(self, year: int) -> bool:
        return self._rest_days_of(year) is not None

    def is_workday(self, day: dt.date) -> bool:
        rest = self._rest_days_of(day.year)
        if rest is None:
            raise CalendarNotCovered(day.year, day)
        self.consulted.add(day.year)
        return day not in rest

    def version_label(self) -> str:
        """'2025:v1,2026:v2' — the calendar years this computation consulted, with their versions."""
        return ",".join(f"{year}:v{self.versions.get(year, 0)}" for year in sorted(self.consulted))


def add_working_days(start: dt.date, count: int, calendar_: WorkCalendar) -> dt.date:
    """The `count`-th working day strictly after `start` (start itself never counts, rest day or not)."""
    if count < 1:
        raise ValueError("count must be positive")
    day = start
    found = 0
    for _ in range(_MAX_SCAN_DAYS):
        day += dt.timedelta(days=1)
        if calendar_.is_workday(day):
            found += 1
            if found == count:
                return day
    raise RuntimeError(f"no {count} working days within {_MAX_SCAN_DAYS} days after {start}")


def add_months(start: dt.date, months: int) -> dt.date:
    """Same-numbered day `months` later, or that month's last day (2025-08-31 + 6 months = 2026-02-28)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


def first_working_day_from(day: dt.date, calendar_: WorkCalendar) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it."""
    for _ in range(_MAX_SCAN_DAYS):
        if calendar_.is_workday(day):
            return day
        day += dt.timedelta(days=1)
    raise RuntimeError(f"no working day within {_MAX_SCAN_DAYS} days from {day}")


def natural_end(rule: DeadlineRule, start: dt.date, amount: int) -> dt.date:
    """The last day of a natural-day, month or year period, before any rest-day extension."""
    if rule.unit == "days":
        return start + dt.timedelta(days=amount)
    if rule.unit == "months":
        return add_months(start, amount)
    if rule.unit == "years":
        return add_months(start, 12 * amount)
    raise ValueError(f"{rule.unit} is not a natural-day unit")


def due_date(
    rule: DeadlineRule, start: dt.date, amount: int, calendar_: WorkCalendar
) -> tuple[dt.date, dt.date | None]:
    """(due day, natural end when it was extended past rest days else None) for `rule` from `start`."""
    if rule.unit == "workdays":
        return add_working_days(start, amount, calendar_), None
    end = natural_end(rule, start, amount)
    if not rule.is_extended_past_rest_days:
        # A bureau limit is never extended, so the calendar is not consulted at all: a 2-year limitation
        # period ending in a year not yet published is still a certain date.
        return end, None
    due = first_working_day_from(end, calendar_)
    return due, (end if due != end else None)
