"""Reads of the workdays context: calendar coverage, the year view, and the rules in force.

The WorkCalendar and the statutory rules are the same for everyone in the deployment, so these reads need
no user scoping; rule settings are read for the bureau the caller passes (the user's own).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Q

from zhifa.workdays.models import DeadlineRuleSetting, WorkCalendarDay, WorkCalendarYear
from zhifa.workdays.rules import DeadlineRule, deadline_rules, describe_amount

if TYPE_CHECKING:
    from zhifa.accounts.models import Bureau


# --- deadline rule settings ----------------------------------------------------------------------------
def deadline_rule_setting_current(*, rule: DeadlineRule, bureau: Bureau | None) -> DeadlineRuleSetting | None:
    """The setting in force for a configurable rule: the bureau's newest, else the deployment default."""
    if not rule.configurable:
        return None  # a statutory period: a stale setting row (rule made fixed later) must not apply
    settings_of_rule = DeadlineRuleSetting.objects.filter(rule=rule.name).order_by("-changed_at", "-id")
    if bureau is not None:
        own = settings_of_rule.filter(bureau=bureau).first()
        if own is not None:
            return own
    return settings_of_rule.filter(bureau__isnull=True).first()


@dataclass(frozen=True)
class DeadlineRuleRow:
    """A rule with the amount in force for one bureau, for the rules screen and the console list."""

    rule: DeadlineRule
    amount: int
    setting: DeadlineRuleSetting | None

    @property
    def amount_label(self) -> str:
        return describe_amount(self.amount, self.rule.unit)

    @property
    def is_default(self) -> bool:
        return self.setting is None or self.setting.amount == self.rule.amount


def deadline_rule_table(*, bureau: Bureau | None) -> list[DeadlineRuleRow]:
    rows = []
    for rule in deadline_rules():
        setting = deadline_rule_setting_current(rule=rule, bureau=bureau)
        rows.append(DeadlineRuleRow(rule, setting.amount if setting else rule.amount, setting))
    return rows


def deadline_rule_history(*, bureau: Bureau | None, limit: int = 20) -> list[DeadlineRuleSetting]:
    scope = Q(bureau__isnull=True) if bureau is None else Q(bureau__isnull=True) | Q(bureau=bureau)
    return list(
        DeadlineRuleSetting.objects.filter(scope)
        .select_related("changed_by", "bureau")
        .order_by("-changed_at")[:limit]
    )


# --- calendar coverage ---------------------------------------------------------------------------------
def calendar_years() -> list[WorkCalendarYear]:
    """Covered years, each annotated with `rest_count` (its rest days) for the overview."""
    rest_counts = dict(
        WorkCalendarDay.objects.filter(is_workday=False)
        .values_list("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    years = list(WorkCalendarYear.objects.order_by("year"))
    for record in years:
        record.rest_count = rest_counts.get(record.year, 0)  # type: ignore[attr-defined]
    return years


def calendar_covered_years() -> set[int]:
    return set(WorkCalendarYear.objects.values_list("year", flat=True))


def calendar_last_covered_day(*, today: dt.date) -> dt.date | None:
    """Last day of the unbroken run of covered years that contains today; None when today is uncovered."""
    years = calendar_covered_years()
    if today.year not in years:
        return None
    year = today.year
    while year + 1 in years:
        year += 1
    return dt.date(year, 12, 31)


def calendar_coverage_warning(*, today: dt.date) -> str | None:
    """A Chinese warning when the WorkCalendar ends within ZHIFA_CALENDAR_WARNING_DAYS of today."""
    last = calendar_last_covered_day(today=today)
    if last is None:
        return (
            f"工作日历未覆盖今年（{today.year} 年），按工作日计算的时限无法计算，"
            f"请立即导入 {today.year} 年节假日安排。"
        )
    remaining = (last - today).days
    if remaining > settings.ZHIFA_CALENDAR_WARNING_DAYS:
        return None
    return (
        f"工作日历只覆盖到 {last.isoformat()}，距今 {remaining} 天，"
        f"请在国务院办公厅公布 {last.year + 1} 年节假日安排后导入。"
    )


def calendar_is_workday(*, day: dt.date) -> bool:
    """Whether `day` is a working day; raises CalendarNotCovered for a year not loaded."""
    from zhifa.workdays.calendar_cache import work_calendar_load

    return work_calendar_load().is_workday(day)


# --- the year view -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CalendarCell:
    day: dt.date
    kind: str
    name: str

    @property
    def css(self) -> str:
        if self.kind == WorkCalendarDay.Kind.SHIFTED_WORKDAY:
            return "zf-shift"
        if self.kind in (WorkCalendarDay.Kind.WEEKEND, WorkCalendarDay.Kind.HOLIDAY):
            return "zf-rest"
        return ""

    @property
    def title(self) -> str:
        label = WorkCalendarDay.Kind(self.kind).label
        return f"{self.day.isoformat()} {self.name or label}"


@dataclass(frozen=True)
class CalendarMonth:
    month: int
    weeks: list[list[CalendarCell | None]]


@dataclass(frozen=True)
class CalendarYearView:
    record: WorkCalendarYear
    months: list[CalendarMonth]
    holidays: list[tuple[str, dt.date, dt.date]]  # (name, first day, last day)
    shifted_workdays: list[WorkCalendarDay]


def _holiday_spans(days: list[WorkCalendarDay]) -> list[tuple[str, dt.date, dt.date]]:
    """Consecutive holiday days with one name, as (name, first, last) for the legend."""
    spans: list[tuple[str, dt.date, dt.date]] = []
    for day in days:
        if day.kind != WorkCalendarDay.Kind.HOLIDAY:
            continue
        if spans and spans[-1][0] == day.name and (day.date - spans[-1][2]).days <= 3:
            spans[-1] = (day.name, spans[-1][1], day.date)
        else:
            spans.append((day.name, day.date, day.date))
    return spans


def calendar_year_view(*, year: int) -> CalendarYearView | None:
    """Twelve month grids (Monday first) of a covered year; None when the year is not covered."""
    record = WorkCalendarYear.objects.filter(year=year).first()
    if record is None:
        return None
    days = list(WorkCalendarDay.objects.filter(year=year).order_by("date"))
    by_date = {day.date: day for day in days}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[CalendarCell | None] = []
            for date in week:
                row = by_date.get(date) if date.month == month else None
                cells.append(CalendarCell(date, row.kind, row.name) if row is not None else None)
            weeks.append(cells)
        months.append(CalendarMonth(month, weeks))
    shifted = [day for day in days if day.kind == WorkCalendarDay.Kind.SHIFTED_WORKDAY]
    return CalendarYearView(record, months, _holiday_spans(days), shifted)
