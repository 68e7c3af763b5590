"""The data migration seeds every day of 2004–2026, and the calendar table keeps its invariants."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from django.db import IntegrityError, transaction

from zhifa.workdays.models import WorkCalendarDay, WorkCalendarYear

pytestmark = pytest.mark.django_db


def test_every_year_2004_to_2026_is_covered_with_every_day_and_2027_is_not():
    assert list(WorkCalendarYear.objects.values_list("year", flat=True)) == list(range(2004, 2027))
    assert not WorkCalendarYear.objects.filter(year=2027).exists()
    assert WorkCalendarDay.objects.count() == sum(366 if y % 4 == 0 else 365 for y in range(2004, 2027))
    assert WorkCalendarYear.objects.get(year=2026).source == "chinesecalendar 1.11.0"


def test_the_seed_agrees_with_the_package_on_every_day():
    wrong = [
        day.date
        for day in WorkCalendarDay.objects.only("date", "is_workday")
        if day.is_workday != chinese_calendar.is_workday(day.date)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("day", "is_workday", "kind", "name"),
    [
        ("2024-09-29", True, "shifted_workday", "国庆节调休上班"),
        ("2024-10-12", True, "shifted_workday", "国庆节调休上班"),
        ("2024-10-01", False, "holiday", "国庆节"),
        ("2025-01-28", False, "holiday", "春节"),
        ("2026-02-28", True, "shifted_workday", "春节调休上班"),
        ("2025-03-08", False, "weekend", ""),
        ("2025-03-10", True, "workday", ""),
        ("2015-09-03", False, "holiday", "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),
    ],
)
def test_days_carry_their_kind_and_chinese_name(day, is_workday, kind, name):
    row = WorkCalendarDay.objects.get(date=dt.date.fromisoformat(day))
    assert (row.is_workday, row.kind, row.name, row.year) == (is_workday, kind, name, row.date.year)


def test_a_day_cannot_be_a_working_day_and_a_holiday_at_once():
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkCalendarDay.objects.create(date=dt.date(2030, 1, 1), year=2030, is_workday=True, kind="holiday")
