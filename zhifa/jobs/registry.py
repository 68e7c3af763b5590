"""The kinds of background job and their handlers.

An app registers its handlers in a module that its AppConfig.ready() imports (so that the web process,
which enqueues, and the worker, which runs, know the same kinds):

    @job_handler("documents.render_batch", "批量生成文书")
    def render_batch(job: Job, progress: Progress) -> dict:
        for done, item in enumerate(items, start=1):
            with transaction.atomic():      # one unit of work per transaction
                ...
            progress(done, len(items), f"已生成 {done} 份")
        return {"links": [{"label": "下载", "url": "/documents/…"}]}

The handler runs outside any transaction and opens its own; `progress` called between them is committed at
once, so the job page shows it while the job runs (and it is the job's heartbeat). Called inside the
handler's own transaction it is saved when that transaction commits. Raise DomainError with a Chinese
message for a failure the user can act on, RetryLater for one that may pass (the job is tried again later,
up to MAX_ATTEMPTS times); anything else is logged and shown as an internal error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection, transaction
from django.utils import timezone

from zhifa.lib.errors import DomainError

if TYPE_CHECKING:
    from zhifa.jobs.models import Job

class RetryLater(Exception):
    """Raised by a handler whose work failed for a passing reason (the other side's server is down).

    The job goes back to the queue, to be claimed again no sooner than `seconds` × the attempts made so far,
    until zhifa.jobs.services.MAX_ATTEMPTS attempts are used; then it fails with `message` (Chinese, saying
    what went wrong and what to do).
    """

    def __init__(self, message: str, *, seconds: int = 60) -> None:
        super().__init__(message)
        self.message = message
        self.seconds = max(1, int(seconds))


Handler = Callable[["Job", "Progress"], dict[str, Any]]
H = TypeVar("H", bound=Handler)
MESSAGE_MAX = 200  # Job.message


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: str
    handler: Handler


_KINDS: dict[str, JobKind] = {}


def job_handler(kind: str, label: str) -> Callable[[H], H]:
    """Register the decorated function as the handler of `kind`; `label` is what the screens show."""
    if not kind or len(kind) > 60:
        raise ValueError(f"任务类型 {kind!r} 不合规：应为 1 至 60 个字符，如 'documents.render_batch'")

    def register(handler: H) -> H:
        known = _KINDS.get(kind)
        if known is not None and _name(known.handler) != _name(handler):
            raise ValueError(f"任务类型 {kind!r} 已由 {_name(known.handler)} 注册，不能再注册 {_name(handler)}")
        _KINDS[kind] = JobKind(kind=kind, label=label, handler=handler)
        return handler

    return register


def _name(handler: Handler) -> str:
    return f"{getattr(handler, '__module__', '?')}.{getattr(handler, '__qualname__', repr(handler))}"


def handler_for(kind: str) -> Handler:
    """The handler of `kind`; DomainError when no installed app registers it."""
    known = _KINDS.get(kind)
    if known is None:
        raise DomainError(
            f"未知的后台任务类型“{kind}”：系统中没有处理这类任务的程序。请联系系统管理员检查版本是否一致。",
            code="unknown_kind",
        )
    return known.handler


def kind_label(kind: str) -> str:
    """The Chinese name of a kind; the kind itself for one no longer registered (old rows stay readable)."""
    known = _KINDS.get(kind)
    return known.label if known is not None else kind


def registered_kinds() -> list[JobKind]:
    return sorted(_KINDS.values(), key=lambda known: known.kind)


# --- daily tasks ---------------------------------------------------------------------------------------------
DailyTask = Callable[[], int]


@dataclass(frozen=True)
class Daily:
    code: str
    label: str
    task: DailyTask


_DAILY: dict[str, Daily] = {}


def daily_task(code: str, label: str) -> Callable[[DailyTask], DailyTask]:
    """Register a task every worker runs once a day (at its first idle moment of each local day).

    The task must be idempotent — several workers may run it the same day — and returns how many things it
    changed, for the worker's output. Registered, like job handlers, from a module AppConfig.ready() imports.
    """

    def register(task: DailyTask) -> DailyTask:
        _DAILY[code] = Daily(code=code, label=label, task=task)
        return task

    return register


def daily_tasks() -> list[Daily]:
    return sorted(_DAILY.values(), key=lambda known: known.code)


class Progress:
    """`progress(done, total, message)`: save the job's progress and heartbeat with one UPDATE of its row.

    Outside a transaction of the handler's the UPDATE is committed at once; inside one it waits for that
    transaction's commit (so a long transaction never holds the job's row lock, and a rolled-back unit
    reports no progress). The UPDATE names the claim (`attempts`): a worker whose job was taken over after
    it went silent writes nothing.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        # The caller's nesting when the handler starts: 0 for a worker; a test may run inside its own.
        self._depth = len(connection.atomic_blocks)

    def __call__(self, done: int, total: int, message: str = "") -> None:
        values = {"done": max(0, int(done)), "total": max(0, int(total)), "message": message[:MESSAGE_MAX]}
        if len(connection.atomic_blocks) > self._depth:
            transaction.on_commit(lambda: self._save(values))
        else:
            self._save(values)

    def _save(self, values: dict[str, Any]) -> None:
        from zhifa.jobs.models import Job

        Job.objects.filter(pk=self.job.pk, state=Job.State.RUNNING, attempts=self.job.attempts).update(
            heartbeat_at=timezone.now(), **values
        )
        for name, value in values.items():
            setattr(self.job, name, value)
