"""`zhifa worker [--once] [--sleep SECONDS] [--name NAME]`: run background jobs from the database.

SIGTERM or SIGINT (Ctrl+C) ends the loop after the current job; a second one ends it at once.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.jobs.worker import Worker, default_worker_name

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = "后台任务执行进程：循环领取并执行排队中的后台任务；收到 SIGTERM/SIGINT 时执行完当前任务后退出。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="执行完当前排队的任务后退出，不再等待新任务")
        parser.add_argument("--sleep", type=float, default=1.0, help="无任务时的等待秒数，默认 1")
        parser.add_argument("--name", default="", help="执行进程名称（记入任务），默认为“主机名:进程号”")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["sleep"] <= 0:
            raise CommandError("--sleep 应大于 0 秒。")
        worker = Worker(name=options["name"] or default_worker_name(), sleep=options["sleep"], out=self._line)
        self._line(f"后台任务进程 {worker.name} 已启动" + ("（执行完排队任务后退出）。" if options["once"] else "。"))
        with _stop_on_signals(worker):
            ran = worker.run(once=options["once"])
        self._line(f"后台任务进程 {worker.name} 已停止，本次共执行 {ran} 个任务。")

    def _line(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()


@contextmanager
def _stop_on_signals(worker: Worker) -> Iterator[None]:
    """First signal: stop after the current job. Second: the signal's default (end now). Handlers restored
    on the way out. A signal the parent set to be ignored (a shell's background job) stays ignored."""
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}

    def handle(signum: int, frame: FrameType | None) -> None:
        if not worker.stopping:
            worker.stop()
            _say_now("收到停止信号：执行完当前任务后退出（再次发送将立即退出）。\n")
        else:
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)

    for sig in STOP_SIGNALS:
        if previous[sig] is not signal.SIG_IGN:
            signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _say_now(text: str) -> None:
    """Straight to the file descriptor: a buffered write from a signal handler could re-enter itself."""
    with suppress(OSError, ValueError):
        os.write(sys.stderr.fileno(), text.encode())
