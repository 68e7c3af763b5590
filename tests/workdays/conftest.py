"""Fixtures of the workdays tests: a recorded audit trail and a test schedule (the calendar re-seed is in
tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

from zhifa.workdays.importing import CalendarImportRow


@pytest.fixture(autouse=True)
def audit_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every audit_record call made by the code under test, passed on to the real audit service.

    """
    from zhifa.audit import services as audit_services

    calls: list[dict[str, Any]] = []
    real = audit_services.audit_record

    def recording(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(audit_services, "audit_record", recording)
    return calls


# A made-up 2027 schedule in the shape of a State Council notice (not the real one: it is not published).
SCHEDULE_2027 = [
    ("2027-01-01", "放假", "元旦"),
    ("2027-01-02", "放假", "元旦"),
    ("2027-01-03", "放假", "元旦"),
    *[(f"2027-02-{day:02d}", "放假", "春节") for day in range(5, 13)],
    ("2027-02-20", "上班", "春节调休上班"),
    ("2027-09-26", "上班", ""),
    *[(f"2027-10-{day:02d}", "放假", "国庆节") for day in range(1, 8)],
    ("2027-10-09", "上班", "国庆节调休上班"),
]


def schedule_csv(rows: list[tuple[str, str, str]] = SCHEDULE_2027) -> bytes:
    lines = ["日期,类型,名称", *(",".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def schedule_rows(rows: list[tuple[str, str, str]] = SCHEDULE_2027) -> list[CalendarImportRow]:
    return [CalendarImportRow(number, *row) for number, row in enumerate(rows, start=2)]


@pytest.fixture
def schedule_2027() -> list[CalendarImportRow]:
    return schedule_rows()
