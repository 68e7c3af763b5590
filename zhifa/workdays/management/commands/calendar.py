"""`zhifa calendar status` and `zhifa calendar import FILE [--dry-run]`: the WorkCalendar on the console."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhifa.lib.errors import DomainError
from zhifa.workdays.importing import calendar_rows_from_file
from zhifa.workdays.selectors import calendar_coverage_warning, calendar_years
from zhifa.workdays.services import CalendarImportReport, calendar_year_import


class Command(BaseCommand):
    help = "工作日历：status 查看覆盖年份；import 文件 导入一年的节假日安排（CSV 或 .xlsx）。"
    # A calculation or an import needs the database, not the whole project's system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{status,import}")
        actions.add_parser("status", help="已覆盖的年份和最后覆盖日")
        load = actions.add_parser("import", help="导入一年的节假日安排")
        load.add_argument(
            "file", help="CSV 或 .xlsx 文件，列：日期、类型（工作日/休息日 或 上班/放假）、名称"
        )
        load.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        load.add_argument("--year", type=int, help="年份（默认按文件中的日期判断）")
        load.add_argument("--source", default="", help="来源，如：国办发明电〔2026〕X号")
        load.add_argument("--user", default="", help="以该系统管理员的名义导入（记入审计日志）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            self._status()
        else:
            self._import(options)

    def _status(self) -> None:
        years = calendar_years()
        if not years:
            raise CommandError("工作日历为空：请运行 zhifa migrate，或用 zhifa calendar import 文件名 导入。")
        numbers = [record.year for record in years]
        self.stdout.write(f"已覆盖年份：{_ranges(numbers)}（共 {len(numbers)} 年）")
        self.stdout.write(f"最后覆盖日：{numbers[-1]}-12-31")
        for record in years:
            loaded = timezone.localtime(record.loaded_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{record.year}\tv{record.version}\t{loaded}\t{record.source}")
        warning = calendar_coverage_warning(today=timezone.localdate())
        if warning:
            self.stdout.write(self.style.WARNING(warning))

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}。")
        if path.stat().st_size > settings.ZHIFA_IMPORT_MAX_BYTES:
            raise CommandError(f"文件超过 {settings.ZHIFA_IMPORT_MAX_BYTES} 字节，不像一年的节假日安排。")
        try:
            rows = calendar_rows_from_file(path.name, path.read_bytes())
            report = calendar_year_import(
                rows=rows,
                source=options["source"] or f"{path.name} 导入",
                actor=_actor(options["user"]),
                year=options["year"],
                dry_run=options["dry_run"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self._report(report)

    def _report(self, report: CalendarImportReport) -> None:
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"文件有 {len(report.errors)} 处错误，未写入任何数据。")
        self.stdout.write(
            f"{report.year} 年：读取 {report.rows_read} 行，休息日 {report.rest_days} 天，"
            f"调休上班 {len(report.shifted_workdays)} 天，节日：{'、'.join(report.holiday_names)}"
        )
        if report.dry_run:
            self.stdout.write("试运行：检查通过，未写入。")
        elif report.replaces_version is not None:
            self.stdout.write(
                f"已替换 {report.year} 年工作日历：v{report.replaces_version} → v{report.version}"
            )
        else:
            self.stdout.write(f"已导入 {report.year} 年工作日历（v{report.version}）。")


def _actor(username: str) -> Any:
    if not username:
        return None
    from zhifa.accounts.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"没有名为 {username} 的有效用户。")
    return user


def _ranges(years: list[int]) -> str:
    """[2004, 2005, 2006, 2009] → '2004–2006、2009'."""
    parts: list[str] = []
    first = previous = years[0]
    for year in [*years[1:], None]:
        if year is not None and year == previous + 1:
            previous = year
            continue
        parts.append(str(first) if first == previous else f"{first}–{previous}")
        if year is not None:
            first = previous = year
    return "、".join(parts)
