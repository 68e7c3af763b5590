"""Deadline computation and the writes of the workdays context (calendar import, rule settings).

`deadline_compute` is what other apps call when a trigger happens (a notice served, a case filed): it
returns the due day together with everything needed to justify it later — the rule's citation, the amount
and the setting it came from, the natural end when the period was extended, and the calendar versions it
relied on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhifa.lib.errors import DomainError
from zhifa.workdays.calendar_cache import calendar_cache_clear, work_calendar_load
from zhifa.workdays.importing import COLUMN_DATE, COLUMN_KIND, COLUMN_NAME, CalendarImportRow
from zhifa.workdays.models import DeadlineRuleSetting, WorkCalendarDay, WorkCalendarYear
from zhifa.workdays.periods import CalendarNotCovered, due_date
from zhifa.workdays.rules import DeadlineRule, amount_validate, deadline_rule_get
from zhifa.workdays.selectors import deadline_rule_setting_current

if TYPE_CHECKING:
    from zhifa.accounts.models import Bureau, User

__all__ = [
    "CalendarImportError",
    "CalendarImportReport",
    "CalendarNotCovered",
    "DeadlineResult",
    "calendar_year_import",
    "deadline_compute",
    "deadline_rule_change",
]

ADMINISTRATOR = "administrator"


def _audit(**kwargs: Any) -> None:
    # Imported at call time: the audit app is another context, and this keeps the import graph one-way.
    from zhifa.audit.services import audit_record

    audit_record(**kwargs)


def _require_administrator(actor: User | None, what: str) -> None:
    """Console commands run without a user (actor None); a person must be an administrator."""
    if actor is not None and not actor.has_role(ADMINISTRATOR):
        raise DomainError(f"只有系统管理员可以{what}。", code="forbidden")


# --- deadlines -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineResult:
    """A computed deadline and what it relied on (stored with the case's deadline rows)."""

    rule: str
    due: dt.date
    start: dt.date
    amount: int
    unit: str
    citation: str
    extended_from: dt.date | None
    calendar_version: str
    setting_id: int | None

    @property
    def definition(self) -> DeadlineRule:
        return deadline_rule_get(self.rule)

    @property
    def extended(self) -> bool:
        return self.extended_from is not None


def deadline_compute(
    *, rule: str, start: dt.date, bureau: Bureau | None = None, amount: int | None = None
) -> DeadlineResult:
    """The due day of `rule` triggered on `start` (the trigger day itself is not counted).

    `amount` overrides the rule's length (for example an approved extension); otherwise the bureau's
    setting, else the deployment default setting, else the statutory default applies — settings only for
    configurable rules. Raises CalendarNotCovered when a needed day is outside the WorkCalendar.
    """
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        # A datetime would silently pick the UTC day; callers convert with timezone.localdate first.
        raise TypeError("start must be a datetime.date")
    definition = deadline_rule_get(rule)
    setting = None
    if amount is None:
        setting = deadline_rule_setting_current(rule=definition, bureau=bureau)
        amount = setting.amount if setting is not None else definition.amount
    amount_validate(definition, amount)
    calendar_ = work_calendar_load()
    due, extended_from = due_date(definition, start, amount, calendar_)
    return DeadlineResult(
        rule=definition.name,
        due=due,
        start=start,
        amount=amount,
        unit=definition.unit,
        citation=definition.citation,
        extended_from=extended_from,
        calendar_version=calendar_.version_label(),
        setting_id=setting.pk if setting is not None else None,
    )


def deadline_rule_change(
    *, rule: str, amount: int, actor: User | None, bureau: Bureau | None = None, note: str = ""
) -> DeadlineRuleSetting:
    """Set the amount of a configurable rule for `bureau` (None = deployment default); audited.

    An administrator changes only their own bureau's setting; the deployment default is changed by an
    administrator who belongs to no bureau, or on the console.
    """
    _require_administrator(actor, "修改时限设置")
    definition = deadline_rule_get(rule)
    if not definition.configurable:
        raise DomainError(
            f"“{definition.label}”由{definition.citation}直接规定，不能修改。", field="rule", code="forbidden"
        )
    if actor is not None and actor.bureau_id is not None and (bureau is None or bureau.pk != actor.bureau_id):
        raise DomainError("只能修改本局的时限设置。", code="forbidden")
    amount_validate(definition, amount)
    note = note.strip()
    if len(note) > 200:
        raise DomainError("说明不能超过 200 字。", field="note")
    with transaction.atomic():
        previous = deadline_rule_setting_current(rule=definition, bureau=bureau)
        setting = DeadlineRuleSetting.objects.create(
            bureau=bureau, rule=definition.name, amount=amount, changed_by=actor, note=note
        )
        _audit(
            actor=actor,
            action="deadline_rule.change",
            obj=setting,
            before={
                "rule": definition.name,
                "amount": previous.amount if previous is not None else definition.amount,
                "setting_id": previous.pk if previous is not None else None,
            },
            after={"rule": definition.name, "amount": amount, "setting_id": setting.pk, "note": note},
            bureau=bureau,
        )
    return setting


# --- calendar import -----------------------------------------------------------------------------------
WORKDAY_WORDS = frozenset({"工作日", "上班", "班", "补班", "调休上班"})
REST_WORDS = frozenset({"休息日", "放假", "休", "休假", "节假日", "假日"})
FIRST_IMPORT_YEAR = 2004
LAST_IMPORT_YEAR = 2100
_DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


@dataclass(frozen=True)
class CalendarImportError:
    """One thing wrong with the file: row number (None = the file as a whole), column and message."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row is not None else "文件"
        column = f"“{self.column}”列" if self.column else ""
        return f"{where}{column}：{self.message}"


@dataclass
class CalendarImportReport:
    """What an import found, and (unless a dry run or an error) what it wrote."""

    year: int | None
    dry_run: bool
    rows_read: int
    errors: list[CalendarImportError] = field(default_factory=list)
    written: bool = False
    replaces_version: int | None = None
    version: int | None = None
    rest_days: int = 0
    holidays: list[tuple[dt.date, str]] = field(default_factory=list)
    shifted_workdays: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def holiday_names(self) -> list[str]:
        return sorted({name for _, name in self.holidays if name})


@dataclass(frozen=True)
class _Exception:
    row: int
    day: dt.date
    is_workday: bool
    name: str


def _parse_date(text: str) -> dt.date | None:
    match = _DATE_PATTERN.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _parse_row(row: CalendarImportRow, errors: list[CalendarImportError]) -> _Exception | None:
    """The row as a listed exception, or None after reporting every column that is wrong."""
    found = len(errors)
    day = _parse_date(row.date)
    if day is None:
        message = "不能为空" if not row.date else f"“{row.date}”不是有效日期，请写成 2027-01-01 的形式"
        errors.append(CalendarImportError(row.row, COLUMN_DATE, message))
    kind = row.kind.strip()
    is_workday = kind in WORKDAY_WORDS
    if not is_workday and kind not in REST_WORDS:
        message = "不能为空" if not kind else f"“{kind}”无法识别"
        errors.append(
            CalendarImportError(row.row, COLUMN_KIND, f"{message}，应为 工作日/休息日 或 上班/放假")
        )
    name = row.name.strip()
    if len(name) > 50:
        errors.append(CalendarImportError(row.row, COLUMN_NAME, "名称不能超过 50 字"))
    if day is None or len(errors) > found:
        return None
    return _Exception(row.row, day, is_workday, name)


def _infer_year(parsed: list[_Exception]) -> int | None:
    """The year most rows belong to; rows of other years are then reported as wrong-year errors."""
    counts = Counter(item.day.year for item in parsed).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def _day_of(item: _Exception | None, day: dt.date) -> WorkCalendarDay:
    """The calendar row of `day`: the file's exception when it lists one, else derived from the weekday."""
    weekend = day.weekday() >= 5
    if item is None:
        kind = WorkCalendarDay.Kind.WEEKEND if weekend else WorkCalendarDay.Kind.WORKDAY
        return WorkCalendarDay(date=day, year=day.year, is_workday=not weekend, kind=kind, name="")
    if item.is_workday:
        if not weekend:
            return WorkCalendarDay(date=day, year=day.year, is_workday=True, kind="workday", name="")
        name = item.name if "班" in item.name else f"{item.name}调休上班"
        return WorkCalendarDay(date=day, year=day.year, is_workday=True, kind="shifted_workday", name=name)
    if weekend and not item.name:
        return WorkCalendarDay(date=day, year=day.year, is_workday=False, kind="weekend", name="")
    return WorkCalendarDay(
        date=day, year=day.year, is_workday=False, kind="holiday", name=item.name or "放假"
    )


def _year_days(year: int, listed: dict[dt.date, _Exception]) -> list[WorkCalendarDay]:
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        days.append(_day_of(listed.get(day), day))
        day += dt.timedelta(days=1)
    return days


def _check_rows(
    parsed: list[_Exception], year: int, errors: list[CalendarImportError]
) -> dict[dt.date, _Exception]:
    listed: dict[dt.date, _Exception] = {}
    for item in parsed:
        if item.day.year != year:
            errors.append(
                CalendarImportError(
                    item.row, COLUMN_DATE, f"{item.day.isoformat()} 不属于 {year} 年，请删除该行"
                )
            )
        elif item.day in listed:
            first = listed[item.day].row
            errors.append(
                CalendarImportError(
                    item.row, COLUMN_DATE, f"{item.day.isoformat()} 重复，已在第 {first} 行出现"
                )
            )
        else:
            listed[item.day] = item
    return listed


def calendar_year_import(
    *,
    rows: Sequence[CalendarImportRow],
    source: str,
    actor: User | None,
    year: int | None = None,
    dry_run: bool = False,
) -> CalendarImportReport:
    """Load (or replace) one year of the WorkCalendar from the official schedule.

    The file lists the exceptions to the ordinary week — the holidays (放假/休息日) and the shifted
    working days (上班/工作日) — and every other day follows its weekday; a file listing every day of the
    year is accepted as well. Nothing is written when any row is wrong or on a dry run. Replacing a
    covered year bumps its version, so deadlines computed before can be told apart.
    """
    _require_administrator(actor, "导入工作日历")
    errors: list[CalendarImportError] = []
    if not rows:
        errors.append(CalendarImportError(None, "", "文件中没有数据行"))
    parsed = [item for item in (_parse_row(row, errors) for row in rows) if item is not None]
    if year is None:
        year = _infer_year(parsed)
        if year is None and parsed:
            errors.append(CalendarImportError(None, COLUMN_DATE, "无法判断文件属于哪一年，请指定年份"))
    if year is not None and not FIRST_IMPORT_YEAR <= year <= LAST_IMPORT_YEAR:
        errors.append(
            CalendarImportError(
                None, COLUMN_DATE, f"年份 {year} 超出范围（{FIRST_IMPORT_YEAR}–{LAST_IMPORT_YEAR}）"
            )
        )
        year = None
    report = CalendarImportReport(year=year, dry_run=dry_run, rows_read=len(rows), errors=errors)
    if year is None:
        return report
    listed = _check_rows(parsed, year, errors)
    days = _year_days(year, listed)
    report.rest_days = sum(1 for day in days if not day.is_workday)
    report.holidays = [(day.date, day.name) for day in days if day.kind == WorkCalendarDay.Kind.HOLIDAY]
    report.shifted_workdays = [
        (d.date, d.name) for d in days if d.kind == WorkCalendarDay.Kind.SHIFTED_WORKDAY
    ]
    if listed and not report.holidays:
        # An official schedule always has holidays; a file without any is almost surely the wrong file.
        errors.append(
            CalendarImportError(
                None, COLUMN_KIND, "文件中没有任何放假日期，请核对是否为国务院办公厅公布的节假日安排"
            )
        )
    existing = WorkCalendarYear.objects.filter(year=year).first()
    report.replaces_version = existing.version if existing is not None else None
    report.version = (existing.version + 1) if existing is not None else 1
    if errors or dry_run:
        return report
    _calendar_year_write(year=year, days=days, source=source, actor=actor)
    report.written = True
    return report


def _calendar_year_write(*, year: int, days: list[WorkCalendarDay], source: str, actor: User | None) -> None:
    try:
        with transaction.atomic():
            existing = WorkCalendarYear.objects.select_for_update().filter(year=year).first()
            before = None
            if existing is not None:
                before = {"year": year, "version": existing.version, "source": existing.source}
                WorkCalendarDay.objects.filter(year=year).delete()
            WorkCalendarDay.objects.bulk_create(days, batch_size=500)
            if existing is None:
                record = WorkCalendarYear.objects.create(year=year, source=source, loaded_at=timezone.now())
            else:
                record = existing
                record.version = existing.version + 1
                record.source = source
                record.loaded_at = timezone.now()
                record.save(update_fields=["version", "source", "loaded_at"])
            _audit(
                actor=actor,
                action="calendar.import",
                obj=record,
                before=before,
                after={
                    "year": year,
                    "version": record.version,
                    "source": source,
                    "rest_days": sum(1 for day in days if not day.is_workday),
                    "shifted_workdays": [d.date.isoformat() for d in days if d.kind == "shifted_workday"],
                },
                bureau=getattr(actor, "bureau", None),
            )
            transaction.on_commit(calendar_cache_clear)
    except IntegrityError as exc:
        # Two administrators loading the same new year at once: the unique year/date rows let one win.
        raise DomainError(f"{year} 年的工作日历正在被他人导入，请刷新后查看结果。", code="conflict") from exc
