"""The hotline's REST endpoint: authenticated pushes, idempotent retries, errors, the replies export."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import Org
from tests.intake.conftest import Categories, Hotline
from zhifa.audit.models import AuditEvent
from zhifa.intake.apikeys import api_key_create, api_key_revoke
from zhifa.intake.models import Complaint

pytestmark = pytest.mark.django_db
URL = "/api/hotline/v1/complaints/"
REPLIES = "/api/hotline/v1/replies/"


def order(**extra: Any) -> dict[str, Any]:
    body = {"category": "street-vending", "place": "解放西街12号", "description": "门前流动摊贩占道经营，影响通行。",
            "reporter_name": "张三", "reporter_phone": "13912345678", "external_id": "GD20261128001"}
    body.update(extra)
    return body


def push(client: Client, raw: str, body: Any, *, idem: str | None = "GD20261128001", header: str = "bearer",
         content_type: str = "application/json") -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if header == "bearer" else {"HTTP_X_API_KEY": raw}
    if idem is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = idem
    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(URL, data=data, content_type=content_type, **headers)


def test_a_push_creates_a_complaint_and_a_retry_returns_it_with_200(client: Client, hotline: Hotline,
                                                                     categories: Categories):
    first = push(client, hotline.raw, order())
    assert first.status_code == 201, first.content
    data = first.json()
    assert data["number"].startswith("TS") and data["status"] == "received" and data["reply_due"]
    assert data["created"] is True
    again = push(client, hotline.raw, order(), header="x-api-key")
    assert again.status_code == 200 and again.json()["number"] == data["number"] and again.json()["created"] is False
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    assert complaint.channel == "hotline" and complaint.api_key == hotline.key
    assert complaint.external_id == "GD20261128001" and complaint.reporter_masked == "张某（139****5678）"
    pushes = AuditEvent.objects.filter(action="hotline.push")
    assert pushes.count() == 2
    assert all(e.after["system"] == "12345政务服务便民热线" for e in pushes)
    assert [e.after["created"] for e in pushes.order_by("id")] == [True, False]
    # A different idempotency key is a different work order.
    assert push(client, hotline.raw, order(external_id="GD2"), idem="GD2").status_code == 201
    assert Complaint.objects.count() == 2


def test_the_same_idempotency_key_of_another_system_is_another_complaint(client, org, hotline, categories):  # type: ignore[no-untyped-def]
    _key, other = api_key_create(bureau=org.red, system="区政务服务平台", actor=None)
    assert push(client, hotline.raw, order()).status_code == 201
    assert push(client, other, order()).status_code == 201
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("raw", ["", "zk_nothing_here", "Bearer", "zk_0000000_xxxxxxxxxxxxxxxxxxxxx"])
def test_missing_or_wrong_keys_get_401_and_are_audited(client: Client, hotline: Hotline, categories, raw: str):  # type: ignore[no-untyped-def]
    response = push(client, raw, order())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized" and response.json()["error"]["message"]
    assert Complaint.objects.count() == 0
    assert AuditEvent.objects.filter(action="hotline.refused").count() == 1


def test_a_revoked_key_is_refused_and_the_refusal_names_its_system(client, hotline: Hotline, categories):  # type: ignore[no-untyped-def]
    api_key_revoke(key=hotline.key, actor=None)
    response = push(client, hotline.raw, order())
    assert response.status_code == 401 and "吊销" in response.json()["error"]["message"]
    refused = AuditEvent.objects.get(action="hotline.refused")
    assert refused.after["system"] == "12345政务服务便民热线" and refused.after["reason"] == "revoked"
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ("{not json", None, "bad_json"),
        ("[1, 2]", None, "bad_json"),
        (order(category="no-such"), "category", "invalid"),
        (order(category=""), "category", "invalid"),
        (order(description=""), "description", "invalid"),
        (order(external_id=""), "external_id", "invalid"),
        (order(latitude="91", longitude="106.2"), "latitude", "invalid"),
        (order(latitude=True), "latitude", "invalid"),
        (order(anonymous="yes"), "anonymous", "invalid"),
        (order(reporter_phone="12"), "reporter_phone", "invalid"),
        (order(received_at="yesterday"), "received_at", "invalid"),
        (order(colour="red"), "colour", "invalid"),
        (order(place=12), "place", "invalid"),
    ],
)
def test_bad_bodies_get_400_naming_the_field_and_store_nothing(client, hotline, categories, body, field, code):  # type: ignore[no-untyped-def]
    response = push(client, hotline.raw, body)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["field"] == field and error["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])  # the message is Chinese
    assert Complaint.objects.count() == 0


def test_the_idempotency_key_is_required(client: Client, hotline: Hotline, categories: Categories):
    response = push(client, hotline.raw, order(), idem=None)
    assert response.status_code == 400 and response.json()["error"]["field"] == "Idempotency-Key"
    assert push(client, hotline.raw, order(), idem="x" * 129).status_code == 400
    assert Complaint.objects.count() == 0


def test_wrong_content_type_gets_415_and_oversized_bodies_413(client: Client, hotline: Hotline, categories):  # type: ignore[no-untyped-def]
    assert push(client, hotline.raw, "category=x", content_type="application/x-www-form-urlencoded").status_code == 415
    huge = order(description="字" * 30000)
    assert push(client, hotline.raw, huge).status_code == 413
    assert Complaint.objects.count() == 0


def test_only_post_and_get_where_meant(client: Client, hotline: Hotline):
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {hotline.raw}").status_code == 405
    assert client.post(REPLIES, HTTP_AUTHORIZATION=f"Bearer {hotline.raw}").status_code == 405


def test_coordinates_and_received_at_are_taken(client, hotline, categories):  # type: ignore[no-untyped-def]
    response = push(client, hotline.raw, order(place="", latitude=38.487193, longitude=106.230909, anonymous=True,
                                               received_at="2026-11-27T09:30:00+08:00"))
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert str(complaint.latitude) == "38.487193" and complaint.anonymous and complaint.reporter_masked == "匿名"
    assert timezone.localtime(complaint.received_at).isoformat().startswith("2026-11-27T09:30:00")


def _answer(complaint: Complaint, text: str, when: str) -> None:
    import datetime as dt

    moment = timezone.make_aware(dt.datetime.fromisoformat(when))
    Complaint.objects.filter(pk=complaint.pk).update(state="replied", reply=text, replied_at=moment)


def test_the_replies_export_pages_with_a_cursor_and_shows_only_this_system(client, org, hotline, categories):  # type: ignore[no-untyped-def]
    numbers = []
    for i in range(5):
        numbers.append(push(client, hotline.raw, order(external_id=f"GD{i}"), idem=f"GD{i}").json()["number"])
    _key, other = api_key_create(bureau=org.red, system="区政务服务平台", actor=None)
    foreign = push(client, other, order(external_id="OTHER"), idem="OTHER").json()["number"]
    for i, number in enumerate(numbers[:4]):
        _answer(Complaint.objects.get(number=number), f"经核查已责令摊贩撤离，第{i}号", f"2026-11-2{i + 1}T10:00:00")
    _answer(Complaint.objects.get(number=foreign), "别的系统的答复内容，不应导出", "2026-11-21T10:00:00")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {hotline.raw}"}
    first = client.get(REPLIES, {"limit": 2}, **auth).json()
    assert [r["external_id"] for r in first["replies"]] == ["GD0", "GD1"] and first["next_cursor"]
    assert first["replies"][0]["reply"].startswith("经核查") and first["replies"][0]["state"] == "replied"
    assert first["replies"][0]["satisfaction"] is None and first["replies"][0]["replied_at"].startswith("2026-11-21")
    second = client.get(REPLIES, {"limit": 2, "cursor": first["next_cursor"]}, **auth).json()
    assert [r["external_id"] for r in second["replies"]] == ["GD2", "GD3"] and second["next_cursor"] is None
    since = client.get(REPLIES, {"since": "2026-11-23T00:00:00+08:00"}, **auth).json()
    assert [r["external_id"] for r in since["replies"]] == ["GD2", "GD3"] and since["next_cursor"] is None
    body = client.get(REPLIES, **auth).content.decode()
    assert "OTHER" not in body and "13912345678" not in body and "张三" not in body
    assert AuditEvent.objects.filter(action="hotline.replies", after__system="12345政务服务便民热线").count() == 4


@pytest.mark.parametrize("query", [{"cursor": "garbage"}, {"since": "not-a-date"}, {"limit": "0"},
                                   {"limit": "100000"}])
def test_bad_export_parameters_get_400(client: Client, hotline: Hotline, query: dict[str, str]):
    response = client.get(REPLIES, query, HTTP_AUTHORIZATION=f"Bearer {hotline.raw}")
    assert response.status_code == 400 and response.json()["error"]["message"]


def test_the_export_needs_a_key(client: Client, hotline: Hotline):
    assert client.get(REPLIES).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_racing_retries_over_http_make_one_complaint_on_postgresql(org: Org, categories: Categories,
                                                                    hotline: Hotline):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("threads writing at once: the PostgreSQL run covers the race")
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def retry() -> None:
        barrier.wait()
        try:
            statuses.append(push(Client(), hotline.raw, order(), idem="GD-RACE").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=retry) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 200, 201]
    assert Complaint.objects.count() == 1
    assert AuditEvent.objects.filter(action="hotline.push").count() == 4


def test_a_nul_character_in_a_push_is_a_400_and_stores_nothing(client: Client, hotline: Hotline,
                                                               categories: Categories):
    """PostgreSQL cannot store U+0000; the push is refused with the API's error body, not a 500."""
    response = push(client, hotline.raw, order(description="门前\u0000占道"), idem="N1")
    assert response.status_code == 400 and response.json()["error"]["code"] == "bad_json"
    assert "空字符" in response.json()["error"]["message"]
    assert Complaint.objects.count() == 0
