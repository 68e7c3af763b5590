"""`zhifa deadline` and `zhifa calendar` on the console."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.workdays.conftest import schedule_csv
from zhifa.workdays.management.commands.deadline import Command as DeadlineCommand
from zhifa.workdays.models import WorkCalendarYear
from zhifa.workdays.rules import DEADLINE_RULES

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()


def test_deadline_prints_the_due_day_alone_on_the_first_line_then_the_art67_citation():
    lines = run("deadline", "payment", "2025-03-07")
    assert lines[0] == "2025-03-24"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[0])
    rest = "\n".join(lines[1:])
    assert "行政处罚法第六十七条" in rest and "缴纳罚款期限" in rest and "15日" in rest
    assert "2025-03-22" in rest  # the natural end it was extended from


def test_deadline_for_a_working_day_rule_art64():
    lines = run("deadline", "hearing_request", "2024-09-27")
    assert lines[0] == "2024-10-10" and "行政处罚法第六十四条" in lines[1]


ISSUE_RULES = {
    "hearing_request", "service", "preservation_decision", "disclosure_penalty", "disclosure_other",
    "disclosure_withdrawal", "cash_handover", "court_reminder", "payment", "reconsideration", "litigation",
    "decision", "court_application", "seizure", "petition_reply", "petition_resolve", "limitation",
    "limitation_safety",
}


def test_deadline_list_names_all_eighteen_rules_with_their_citations():
    lines = run("deadline", "--list")
    assert [line.split("\t")[0] for line in lines] == list(DEADLINE_RULES)
    assert set(DEADLINE_RULES) >= ISSUE_RULES
    payment = next(line for line in lines if line.startswith("payment\t"))
    assert "15日" in payment and "当事人" in payment and "行政处罚法第六十七条" in payment


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("deadline", "no_such_rule", "2025-01-01"), "未知的时限规则"),
        (("deadline", "payment", "2025-02-30"), "格式不正确"),
        (("deadline", "hearing_request", "2026-12-28"), "未覆盖 2027 年"),
        (("deadline", "payment"), "用法"),
    ],
)
def test_deadline_errors_are_chinese_command_errors(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_deadline_into_an_uncovered_year_exits_non_zero_naming_the_year_and_how_to_load_it(capsys):
    with pytest.raises(SystemExit) as exit_:
        DeadlineCommand().run_from_argv(["zhifa", "deadline", "hearing_request", "2026-12-28"])
    assert exit_.value.code != 0
    err = capsys.readouterr().err
    assert "2027" in err and "zhifa calendar import" in err


def test_calendar_status_shows_the_covered_years_and_the_last_day():
    lines = run("calendar", "status")
    assert lines[0] == "已覆盖年份：2004–2026（共 23 年）"
    assert lines[1] == "最后覆盖日：2026-12-31"


def test_calendar_import_dry_run_writes_nothing_then_the_import_covers_2027(tmp_path, audit_calls):
    path = tmp_path / "2027.csv"
    path.write_bytes(schedule_csv())
    lines = run("calendar", "import", str(path), "--dry-run")
    assert "试运行" in lines[-1]
    assert not WorkCalendarYear.objects.filter(year=2027).exists()
    lines = run("calendar", "import", str(path), "--source", "国办发明电〔2026〕X号")
    assert "v1" in lines[-1]
    assert WorkCalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕X号"
    assert run("deadline", "hearing_request", "2026-12-28")[0] == "2027-01-05"
    assert [call["action"] for call in audit_calls] == ["calendar.import"]


def test_calendar_import_of_a_bad_file_fails_listing_the_rows(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_bytes("日期,类型,名称\n2027-01-01,放假,元旦\n2027-13-01,放假,元旦\n".encode())
    err = io.StringIO()
    with pytest.raises(CommandError, match="未写入"):
        call_command("calendar", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert "第 3 行“日期”列" in err.getvalue()
    assert not WorkCalendarYear.objects.filter(year=2027).exists()
