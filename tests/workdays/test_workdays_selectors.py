"""The coverage warning for the workbench, and the year view."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.workdays.conftest import schedule_rows
from zhifa.workdays.selectors import calendar_coverage_warning, calendar_year_view
from zhifa.workdays.services import calendar_year_import

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def test_the_warning_names_the_last_day_the_days_left_and_the_year_to_load():
    assert calendar_coverage_warning(today=D("2026-11-27")) == (
        "工作日历只覆盖到 2026-12-31，距今 34 天，请在国务院办公厅公布 2027 年节假日安排后导入。"
    )


def test_the_warning_starts_exactly_60_days_before_the_end():
    assert calendar_coverage_warning(today=D("2026-11-01")) is not None  # 60 days left
    assert calendar_coverage_warning(today=D("2026-10-31")) is None  # 61 days left
    assert calendar_coverage_warning(today=D("2026-06-01")) is None


def test_the_warning_days_are_a_setting(settings):
    settings.ZHIFA_CALENDAR_WARNING_DAYS = 120
    assert calendar_coverage_warning(today=D("2026-09-15")) is not None


def test_an_uncovered_today_is_warned_about(admin):
    assert "未覆盖今年（2027 年）" in calendar_coverage_warning(today=D("2027-01-05"))
    calendar_year_import(rows=schedule_rows(), source="测试", actor=admin)
    assert calendar_coverage_warning(today=D("2026-11-27")) is None  # now covered to 2027-12-31
    assert "2027-12-31" in calendar_coverage_warning(today=D("2027-12-01"))


def test_the_year_view_has_twelve_monday_first_months_marking_rest_and_shifted_days():
    view = calendar_year_view(year=2024)
    assert view is not None and len(view.months) == 12
    october = view.months[9]
    cells = {cell.day: cell for week in october.weeks for cell in week if cell is not None}
    assert len(cells) == 31
    assert october.weeks[0][1].day == D("2024-10-01")  # a Tuesday: the second column
    assert cells[D("2024-10-01")].css == "zf-rest" and "国庆节" in cells[D("2024-10-01")].title
    assert cells[D("2024-10-12")].css == "zf-shift"
    assert cells[D("2024-10-08")].css == ""
    assert ("国庆节", D("2024-10-01"), D("2024-10-07")) in view.holidays
    assert D("2024-09-29") in [day.date for day in view.shifted_workdays]
    assert calendar_year_view(year=2027) is None
