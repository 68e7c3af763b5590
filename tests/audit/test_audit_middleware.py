"""The request id and the client address reach every audit row written during a request."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from zhifa.audit.context import current_audit_context
from zhifa.audit.middleware import AuditContextMiddleware, client_address_for
from zhifa.audit.services import audit_record


def run(request: HttpRequest) -> tuple[HttpResponse, HttpRequest, dict]:
    seen: dict = {}

    def view(req: HttpRequest) -> HttpResponse:
        seen["context"] = current_audit_context()
        return HttpResponse("ok")

    response = AuditContextMiddleware(view)(request)
    return response, request, seen


def test_a_sane_incoming_request_id_is_kept_and_echoed():
    response, request, seen = run(RequestFactory().get("/", HTTP_X_REQUEST_ID="abc123DEF"))
    assert request.request_id == "abc123DEF" == response["X-Request-ID"]
    assert seen["context"].request_id == "abc123DEF" and seen["context"].in_request


@pytest.mark.parametrize("given", ["", "a" * 65, "abc-123", "abc;drop", "名字", "１２３"])
def test_an_odd_request_id_is_replaced_by_a_fresh_one(given):
    response, request, _ = run(RequestFactory().get("/", HTTP_X_REQUEST_ID=given))
    assert request.request_id != given and len(request.request_id) == 32
    assert response["X-Request-ID"] == request.request_id


def test_the_context_is_gone_after_the_request():
    run(RequestFactory().get("/"))
    assert current_audit_context().request_id == "" and not current_audit_context().in_request


def test_the_context_is_reset_even_when_the_view_raises():
    def boom(request: HttpRequest) -> HttpResponse:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        AuditContextMiddleware(boom)(RequestFactory().get("/"))
    assert current_audit_context().request_id == ""


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address_for(request) == "10.0.0.9"


@pytest.mark.parametrize(
    ("trust", "forwarded", "expected"),
    [
        (True, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the left entry came from the client: forgeable
        ("1", "1.2.3.4", "1.2.3.4"),
        (2, "9.9.9.9, 1.2.3.4, 172.16.0.2", "1.2.3.4"),
        (True, "not-an-ip", "10.0.0.9"),
        (3, "1.2.3.4", "10.0.0.9"),  # fewer entries than trusted hops: do not guess
        ("false", "1.2.3.4", "10.0.0.9"),
        (True, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_a_trusted_proxy_chain_is_read_from_the_right(trust, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(ZHIFA_TRUST_PROXY=trust):
        assert client_address_for(request) == expected


@pytest.mark.django_db
def test_a_row_written_during_a_request_carries_its_id_and_address():
    def view(request: HttpRequest) -> HttpResponse:
        event = audit_record(actor=None, action="login.failed", object_repr="ghost")
        return HttpResponse(f"{event.request_id}|{event.client_address}|{event.actor_name}")

    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_REQUEST_ID="req42")
    response = AuditContextMiddleware(view)(request)
    assert response.content.decode() == "req42|192.0.2.7|未登录用户"
