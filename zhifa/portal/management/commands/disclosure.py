"""`zhifa disclosure takedown [--today YYYY-MM-DD]`: take down published decisions whose period has ended."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.portal.services import disclosure_take_down_due


class Command(BaseCommand):
    help = "行政执法公示：撤下公示期限届满的决定（takedown）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        takedown = sub.add_parser("takedown", help="撤下到期的公示")
        takedown.add_argument("--today", help="按此日期计算（默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today 应为 YYYY-MM-DD") from None
        count = disclosure_take_down_due(today=today)
        self.stdout.write(f"已撤下到期公示 {count} 件")
