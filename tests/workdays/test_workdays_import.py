"""Loading next year's official schedule: exceptions-only files, per-row errors, all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tests.workdays.conftest import SCHEDULE_2027, schedule_csv, schedule_rows
from zhifa.lib.errors import DomainError
from zhifa.workdays.importing import CalendarImportRow, calendar_rows_from_file
from zhifa.workdays.models import WorkCalendarDay, WorkCalendarYear
from zhifa.workdays.services import calendar_year_import, deadline_compute

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def test_a_dry_run_reports_the_year_and_writes_nothing(admin, schedule_2027, audit_calls):
    report = calendar_year_import(rows=schedule_2027, source="测试", actor=admin, dry_run=True)
    assert report.ok and not report.written
    assert report.year == 2027 and report.version == 1 and report.replaces_version is None
    assert report.holiday_names == ["元旦", "国庆节", "春节"]
    assert [day for day, _ in report.shifted_workdays] == [D("2027-02-20"), D("2027-09-26"), D("2027-10-09")]
    assert not WorkCalendarYear.objects.filter(year=2027).exists()
    assert not WorkCalendarDay.objects.filter(year=2027).exists()
    assert audit_calls == []


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(admin, audit_calls):
    rows = schedule_rows(
        [
            ("2027-01-01", "放假", "元旦"),
            ("2027-02-30", "放假", "春节"),  # row 3: no such day
            ("2027-02-05", "加班", "春节"),  # row 4: unknown type
            ("2027-01-01", "放假", "元旦"),  # row 5: duplicate of row 2
            ("2026-12-31", "放假", "元旦"),  # row 6: wrong year
            ("", "上班", ""),  # row 7: no date
        ]
    )
    report = calendar_year_import(rows=rows, source="测试", actor=admin)
    found = {(error.row, error.column) for error in report.errors}
    assert found == {(3, "日期"), (4, "类型"), (5, "日期"), (6, "日期"), (7, "日期")}
    messages = {error.row: error.message for error in report.errors}
    assert "2027-02-30" in messages[3] and "加班" in messages[4]
    assert "第 2 行" in messages[5] and "不属于 2027 年" in messages[6]
    assert str(report.errors[0]).startswith("第 3 行“日期”列：")
    assert not report.written
    assert not WorkCalendarYear.objects.filter(year=2027).exists()
    assert not WorkCalendarDay.objects.filter(year=2027).exists()
    assert audit_calls == []


def test_a_file_without_any_holiday_is_refused(admin):
    rows = schedule_rows([("2027-02-20", "上班", "调休上班")])
    report = calendar_year_import(rows=rows, source="测试", actor=admin)
    assert not report.ok and "没有任何放假日期" in report.errors[0].message
    assert not WorkCalendarYear.objects.filter(year=2027).exists()


def test_a_given_year_flags_rows_of_another_year(admin, schedule_2027):
    report = calendar_year_import(rows=schedule_2027, source="测试", actor=admin, year=2028, dry_run=True)
    assert len(report.errors) == len(SCHEDULE_2027)
    assert all("不属于 2028 年" in error.message for error in report.errors)


def test_a_good_import_covers_2027_and_deadlines_into_2027_then_compute(admin, schedule_2027, audit_calls):
    with pytest.raises(DomainError, match="2027"):
        deadline_compute(rule="hearing_request", start=D("2026-12-28"))
    report = calendar_year_import(rows=schedule_2027, source="国办发明电〔2026〕X号", actor=admin)
    assert report.written and report.version == 1
    record = WorkCalendarYear.objects.get(year=2027)
    assert (record.version, record.source) == (1, "国办发明电〔2026〕X号")
    assert WorkCalendarDay.objects.filter(year=2027).count() == 365
    assert WorkCalendarDay.objects.get(date=D("2027-02-20")).kind == "shifted_workday"
    assert WorkCalendarDay.objects.get(date=D("2027-01-09")).kind == "weekend"  # derived from the weekday
    assert WorkCalendarDay.objects.get(date=D("2027-09-26")).name == "调休上班"
    # 29, 30, 31 Dec; 1–3 Jan off; Monday 4 and Tuesday 5 Jan.
    result = deadline_compute(rule="hearing_request", start=D("2026-12-28"))
    assert result.due == D("2027-01-05") and result.calendar_version == "2026:v1,2027:v1"
    assert [call["action"] for call in audit_calls] == ["calendar.import"]
    assert audit_calls[0]["actor"] == admin and audit_calls[0]["after"]["version"] == 1
    from zhifa.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="calendar.import")
    assert event.object_id == str(record.pk) and event.after["year"] == 2027


def test_replacing_a_year_bumps_its_version_and_deadlines_see_the_change_at_once(admin, audit_calls):
    calendar_year_import(rows=schedule_rows(), source="第一版", actor=admin)
    assert deadline_compute(rule="cash_handover", start=D("2027-01-01")).due == D("2027-01-05")
    corrected = [*SCHEDULE_2027, ("2027-01-04", "放假", "元旦")]
    report = calendar_year_import(rows=schedule_rows(corrected), source="更正", actor=admin)
    assert (report.replaces_version, report.version) == (1, 2)
    assert WorkCalendarYear.objects.get(year=2027).version == 2
    assert WorkCalendarDay.objects.filter(year=2027).count() == 365
    result = deadline_compute(rule="cash_handover", start=D("2027-01-01"))
    assert result.due == D("2027-01-06") and result.calendar_version == "2027:v2"
    assert audit_calls[-1]["before"]["version"] == 1 and audit_calls[-1]["after"]["version"] == 2


def test_only_an_administrator_imports(officer_a, schedule_2027):
    with pytest.raises(DomainError, match="系统管理员"):
        calendar_year_import(rows=schedule_2027, source="测试", actor=officer_a)


def test_csv_files_are_read_in_utf8_or_gbk_with_row_numbers_of_the_sheet():
    rows = calendar_rows_from_file("2027.csv", schedule_csv())
    assert rows[0] == CalendarImportRow(2, "2027-01-01", "放假", "元旦")
    gbk = "日期,类型,名称\n\n2027/1/1,休息日,元旦\n".encode("gbk")
    assert calendar_rows_from_file("2027.CSV", gbk) == [CalendarImportRow(3, "2027/1/1", "休息日", "元旦")]


def test_xlsx_files_with_date_cells_are_read(admin):
    book = Workbook()
    sheet = book.active
    sheet.append(["日期", "类型", "名称"])
    for day, kind, name in SCHEDULE_2027:
        sheet.append([dt.datetime.fromisoformat(day), kind, name or None])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = calendar_rows_from_file("2027.xlsx", buffer.getvalue())
    assert rows[0] == CalendarImportRow(2, "2027-01-01", "放假", "元旦")
    assert calendar_year_import(rows=rows, source="xlsx", actor=admin, dry_run=True).ok


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("2027.txt", b"x", "只支持"),
        ("2027.csv", "名称,备注\n元旦,\n".encode(), "缺少列：日期、类型"),
        ("2027.csv", b"", "文件是空的"),
        ("2027.xlsx", b"not a workbook", "无法读取"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(filename, data, message):
    with pytest.raises(DomainError, match=message):
        calendar_rows_from_file(filename, data)


def test_a_csv_holding_a_nul_character_is_refused_with_a_message():
    """PostgreSQL cannot store U+0000: a damaged CSV is refused before any row is read."""
    with pytest.raises(DomainError, match="空字符"):
        calendar_rows_from_file("2027.csv", "日期,类型,名称\n2027-01-01,放假,元\x00旦\n".encode())
