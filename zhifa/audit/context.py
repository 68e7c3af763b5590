"""Who-and-where of the current request, for audit rows written deep inside services.

`AuditContextMiddleware` binds it for each web request; a worker or command may bind its own with
`audit_context_bound(...)`. Services never take the request as a parameter just to audit it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    request_id: str = ""
    client_address: str = ""
    in_request: bool = False  # True inside a web request: an actor of None there means "not logged in"


_EMPTY = AuditContext()
_current: ContextVar[AuditContext] = ContextVar("zhifa_audit_context", default=_EMPTY)


def current_audit_context() -> AuditContext:
    return _current.get()


@contextmanager
def audit_context_bound(
    *, request_id: str = "", client_address: str = "", in_request: bool = False
) -> Iterator[AuditContext]:
    """Bind the context for the duration of a block; always restored, even when the block raises."""
    context = AuditContext(request_id=request_id, client_address=client_address, in_request=in_request)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
