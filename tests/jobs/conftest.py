"""The job tests: test handlers registered, their state fresh for every test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.jobs import handlers
from zhifa.accounts.models import Bureau, User
from zhifa.jobs.models import Job
from zhifa.jobs.services import job_enqueue


@pytest.fixture(autouse=True)
def _fresh_handlers() -> Iterator[None]:
    handlers.CALLS.clear()
    handlers.ran.clear()
    yield
    handlers.CALLS.clear()
    handlers.ran.clear()


def enqueue(actor: User | None, bureau: Bureau | None, kind: str = "test.echo", total: int = 0,
            **params: Any) -> Job:
    return job_enqueue(kind=kind, params=params, actor=actor, bureau=bureau, total=total)
