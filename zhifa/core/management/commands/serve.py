"""`zhifa serve`: the production-grade WSGI server (waitress) with static files from WhiteNoise."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "启动执法平台 Web 服务（waitress）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1")
        parser.add_argument("--port", type=int, default=8000, help="监听端口，默认 8000")
        parser.add_argument("--threads", type=int, default=8, help="工作线程数，默认 8")
        parser.add_argument("--no-migrate", action="store_true", help="启动前不执行数据库迁移")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve  # type: ignore[import-untyped]

        from zhifa.wsgi import application

        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        host, port = options["host"], options["port"]
        self.stdout.write(f"执法平台已启动：http://{host}:{port}/ （按 Ctrl+C 停止）")
        serve(application, host=host, port=port, threads=options["threads"], ident="zhifa")
