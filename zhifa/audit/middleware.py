"""Request id and client address for every request, made available to audit_record.

A drop-in replacement for `zhifa.core.middleware.RequestIdMiddleware`: it assigns `request.request_id`
(kept from a sane incoming X-Request-ID, otherwise a fresh uuid4 hex), echoes it in the X-Request-ID
response header, and binds the audit context for the duration of the request.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from zhifa.audit.context import audit_context_bound

MAX_REQUEST_ID = 64


def request_id_for(request: HttpRequest) -> str:
    """Keep a proxy's id when it is short and alphanumeric (so it can be searched and cannot inject)."""
    given = request.headers.get("X-Request-ID", "")
    if given and given.isascii() and given.isalnum() and len(given) <= MAX_REQUEST_ID:
        return given
    return uuid.uuid4().hex


def _trusted_proxy_hops() -> int:
    """How many reverse proxies in front of us append to X-Forwarded-For (0 = trust none).

    ZHIFA_TRUST_PROXY may be a bool (True = one proxy), an int, or a string from the environment.
    """
    raw = getattr(settings, "ZHIFA_TRUST_PROXY", False)
    if isinstance(raw, bool):
        return int(raw)
    if isinstance(raw, int):
        return max(raw, 0)
    text = str(raw or "").strip().lower()
    if text.isdigit():
        return int(text)
    return 1 if text in {"true", "yes", "on"} else 0


def _valid_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address_for(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with trusted proxies the address the outermost trusted proxy saw.

    Each proxy appends the address it received the request from, so with N trusted proxies the client is
    the N-th entry from the right; anything further left was written by the client and may be forged.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    hops = _trusted_proxy_hops()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        entries = [entry for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= hops:
            return _valid_ip(entries[-hops]) or remote
    return remote


class AuditContextMiddleware:
    """Place it where RequestIdMiddleware was: early, before sessions, auth and anything that audits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        with audit_context_bound(
            request_id=request_id, client_address=client_address_for(request), in_request=True
        ):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
