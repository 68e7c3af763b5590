"""`zhifa audit verify` checks the hash chain; `zhifa audit prune` removes rows past retention."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhifa.audit.services import audit_prune, audit_verify, retention_cutoff, retention_months


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链（损坏时退出码为 1）；prune 清理超过保存期限的记录。"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,prune}")
        commands.add_parser("verify", help="逐条校验哈希链，并与链头核对末尾；损坏时给出第一处的 id 与原因")
        commands.add_parser(
            "prune", help=f"删除早于保存期限（至少 {retention_months()} 个月）的记录，并记录锚点"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self._verify()
        else:
            self._prune()

    def _verify(self) -> None:
        report = audit_verify()
        if not report.ok:
            # CommandError: the message goes to stderr and the process exits with status 1.
            raise CommandError(report.message)
        self.stdout.write(report.message)

    def _prune(self) -> None:
        cutoff = timezone.localtime(retention_cutoff(timezone.now()))
        deleted = audit_prune()
        when = f"{cutoff:%Y-%m-%d %H:%M}"
        if deleted:
            self.stdout.write(
                f"已清理 {deleted} 条早于 {when} 的审计记录（保存期限 {retention_months()} 个月）。"
            )
        else:
            self.stdout.write(f"没有早于 {when} 的审计记录，无需清理。")
