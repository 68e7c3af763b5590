"""`zhifa deadline RULE YYYY-MM-DD`: the due day of a deadline rule, first line alone (script-friendly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.lib.errors import DomainError
from zhifa.workdays.rules import describe_amount
from zhifa.workdays.selectors import deadline_rule_table
from zhifa.workdays.services import DeadlineResult, deadline_compute


class Command(BaseCommand):
    help = "计算时限届满日：zhifa deadline 规则名 起算日（YYYY-MM-DD）；zhifa deadline --list 列出规则。"
    # A calculation or an import needs the database, not the whole project's system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="时限规则名，如 payment、hearing_request")
        parser.add_argument("start", nargs="?", help="触发事件发生之日（当日不计入），YYYY-MM-DD")
        parser.add_argument("--list", action="store_true", help="列出全部时限规则")
        parser.add_argument("--bureau", type=int, help="执法局 ID：使用该局的时限设置")
        parser.add_argument("--amount", type=int, help="指定时限长度（如经批准延长后的期限）")

    def handle(self, *args: Any, **options: Any) -> None:
        bureau = _bureau(options["bureau"])
        if options["list"]:
            self._list(bureau)
            return
        if not options["rule"] or not options["start"]:
            raise CommandError("用法：zhifa deadline 规则名 YYYY-MM-DD，或 zhifa deadline --list")
        start = _parse_day(options["start"])
        try:
            result = deadline_compute(
                rule=options["rule"], start=start, bureau=bureau, amount=options["amount"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self._print(result)

    def _list(self, bureau: Any) -> None:
        for row in deadline_rule_table(bureau=bureau):
            rule = row.rule
            configurable = "，可配置" if rule.configurable else ""
            self.stdout.write(
                f"{rule.name}\t{describe_amount(row.amount, rule.unit)}\t{rule.bound_label}{configurable}\t"
                f"{rule.citation}\t{rule.label}"
            )

    def _print(self, result: DeadlineResult) -> None:
        rule = result.definition
        self.stdout.write(result.due.isoformat())
        self.stdout.write(f"依据：{result.citation}")
        self.stdout.write(
            f"规则：{rule.name}（{rule.label}），{describe_amount(result.amount, result.unit)}，约束{rule.bound_label}"
        )
        self.stdout.write(f"起算：{result.start.isoformat()} 当日不计入")
        if result.extended_from is not None:
            self.stdout.write(
                f"顺延：期限末日 {result.extended_from.isoformat()} 为休息日，顺延至下一个工作日"
            )
        else:
            self.stdout.write("顺延：否")
        if result.setting_id is not None:
            self.stdout.write(f"设置：使用时限设置 #{result.setting_id}")
        self.stdout.write(f"工作日历：{result.calendar_version or '未使用'}")


def _parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”格式不正确，应为 YYYY-MM-DD，如 2026-03-02。") from None


def _bureau(bureau_id: int | None) -> Any:
    if bureau_id is None:
        return None
    from zhifa.accounts.models import Bureau

    bureau = Bureau.objects.filter(pk=bureau_id).first()
    if bureau is None:
        raise CommandError(f"没有 ID 为 {bureau_id} 的执法局。")
    return bureau
