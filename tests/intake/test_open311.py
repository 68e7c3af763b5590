"""Open311 GeoReport v2 conformance, written from the spec (wiki.open311.org/GeoReport_v2).

Every endpoint in JSON and XML; the error envelope and its HTTP codes (400 missing or bad parameter, 403 bad
api_key, 404 unknown service / request / token / jurisdiction); POST's required fields and attribute
validation; GET requests' filters, the default 90-day window and 1000-result limit, the page/page_size
extension; and that no reporter name, phone or e-mail ever appears in GET output.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import Org
from tests.intake.conftest import Categories, Hotline
from zhifa.audit.models import AuditEvent
from zhifa.intake.apikeys import api_key_revoke
from zhifa.intake.models import Complaint
from zhifa.intake.services import complaint_receive

pytestmark = pytest.mark.django_db
BASE = "/open311/v2/"
RED = {"jurisdiction_id": "红综执"}
ATTRIBUTES = [
    {"code": "stall", "datatype": "singlevaluelist", "required": True, "description": "摊位类型", "order": 1,
     "values": [{"key": "cart", "name": "流动推车"}, {"key": "fixed", "name": "固定摊点"}]},
    {"code": "count", "datatype": "number", "required": False, "description": "摊位数量", "order": 2},
    {"code": "goods", "datatype": "multivaluelist", "required": False, "description": "经营品类", "order": 3,
     "values": [{"key": "food", "name": "食品"}, {"key": "fruit", "name": "水果"}]},
    {"code": "seen", "datatype": "datetime", "required": False, "description": "发现时间", "order": 4},
]


@pytest.fixture
def services(categories: Categories) -> Categories:
    categories.ordinary.attributes = ATTRIBUTES
    categories.ordinary.keywords = "摊贩 占道"
    categories.ordinary.save()
    return categories


def parse(response: Any, fmt: str) -> Any:
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        return json.loads(response.content)
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(response.content)


def form(hotline: Hotline, **extra: str) -> dict[str, str]:
    data = {"api_key": hotline.raw, "service_code": "street-vending", "lat": "38.487193", "long": "106.230909",
            "description": "门前流动摊贩占道经营", "attribute[stall]": "cart", "first_name": "三", "last_name": "张",
            "phone": "13912345678", "email": "zhangsan@example.com"}
    data.update(extra)
    return data


def post(client: Client, data: dict[str, Any], fmt: str = "json") -> Any:
    return client.post(f"{BASE}requests.{fmt}", data)


def errors_of(response: Any, fmt: str) -> list[tuple[int, str]]:
    body = parse(response, fmt)
    if fmt == "json":
        return [(e["code"], e["description"]) for e in body]
    assert body.tag == "errors"
    return [(int(e.findtext("code") or 0), e.findtext("description") or "") for e in body.findall("error")]


# --- discovery and services ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery(client: Client, org: Org, fmt: str):
    body = parse(client.get(f"{BASE}discovery.{fmt}"), fmt)
    if fmt == "json":
        endpoint = body["endpoints"][0]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"].endswith("/open311/v2/") and "text/xml" in endpoint["formats"]
        assert body["changeset"] and body["contact"]
    else:
        assert body.tag == "discovery"
        assert body.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"
        assert [f.text for f in body.findall("endpoints/endpoint/formats/format")] == ["application/json", "text/xml"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_list_one_per_active_category_of_the_jurisdiction(client, org, services, fmt):  # type: ignore[no-untyped-def]
    services.complex.is_active = False
    services.complex.save()
    body = parse(client.get(f"{BASE}services.{fmt}", RED), fmt)
    if fmt == "json":
        assert [s["service_code"] for s in body] == ["street-vending", "night-noise"]
        first = body[0]
        assert first["service_name"] == "占道经营" and first["metadata"] is True and first["type"] == "realtime"
        assert first["keywords"] == "摊贩, 占道" and first["group"] and body[1]["metadata"] is False
    else:
        assert body.tag == "services"
        codes = [s.findtext("service_code") for s in body.findall("service")]
        assert codes == ["street-vending", "night-noise"]
        assert body.find("service").findtext("metadata") == "true"  # type: ignore[union-attr]


def test_services_need_the_jurisdiction_when_the_deployment_has_several(client: Client, services):  # type: ignore[no-untyped-def]
    response = client.get(f"{BASE}services.json")
    assert response.status_code == 400 and "jurisdiction_id" in errors_of(response, "json")[0][1]
    response = client.get(f"{BASE}services.xml", {"jurisdiction_id": "nowhere"})
    assert response.status_code == 404 and errors_of(response, "xml")[0][0] == 404
    blue = parse(client.get(f"{BASE}services.json", {"jurisdiction_id": "蓝综执"}), "json")
    assert [s["service_code"] for s in blue] == ["street-vending"]


def test_with_one_bureau_no_jurisdiction_is_needed(client: Client, services: Categories, org: Org):
    Complaint.objects.all().delete()
    services.blue.delete()
    org.blue_team.delete()
    org.blue.delete()
    assert client.get(f"{BASE}services.json").status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_definition_with_attributes(client, services, fmt):  # type: ignore[no-untyped-def]
    body = parse(client.get(f"{BASE}services/street-vending.{fmt}", RED), fmt)
    if fmt == "json":
        assert body["service_code"] == "street-vending"
        stall = body["attributes"][0]
        assert stall["code"] == "stall" and stall["datatype"] == "singlevaluelist" and stall["required"] is True
        assert stall["variable"] is True and stall["order"] == 1
        assert stall["values"] == [{"key": "cart", "name": "流动推车"}, {"key": "fixed", "name": "固定摊点"}]
        assert [a["order"] for a in body["attributes"]] == [1, 2, 3, 4]
    else:
        assert body.tag == "service_definition" and body.findtext("service_code") == "street-vending"
        attribute = body.find("attributes/attribute")
        assert attribute is not None and attribute.findtext("code") == "stall"
        assert attribute.findtext("required") == "true"
        assert [v.findtext("key") for v in attribute.findall("values/value")] == ["cart", "fixed"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_definition_is_404(client, services, fmt):  # type: ignore[no-untyped-def]
    response = client.get(f"{BASE}services/nothing.{fmt}", RED)
    assert response.status_code == 404 and errors_of(response, fmt)[0][0] == 404


def test_unknown_format_is_not_found(client: Client, services):  # type: ignore[no-untyped-def]
    assert client.get(f"{BASE}services.csv", RED).status_code == 404


# --- POST a request -----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_creates_a_complaint_and_returns_id_and_token(client, hotline, services, fmt):  # type: ignore[no-untyped-def]
    response = post(client, form(hotline, **{"attribute[count]": "3", "attribute[goods][]": "food",
                                             "media_url": "https://img.example/1.jpg"}), fmt)
    assert response.status_code == 201, response.content
    body = parse(response, fmt)
    if fmt == "json":
        number, token = body[0]["service_request_id"], body[0]["token"]
    else:
        assert body.tag == "service_requests"
        number, token = body.findtext("request/service_request_id"), body.findtext("request/token")
    complaint = Complaint.objects.get(number=number)
    assert complaint.channel == "open311" and complaint.api_key == hotline.key
    assert complaint.attributes["stall"] == "cart" and complaint.attributes["count"] == "3"
    assert complaint.attributes["goods"] == ["food"] and complaint.attributes["media_url"] == "https://img.example/1.jpg"
    assert complaint.reporter_masked == "张某（139****5678）"
    assert AuditEvent.objects.filter(action="open311.post", after__system=hotline.key.system).count() == 1
    # The token finds the request.
    found = parse(client.get(f"{BASE}tokens/{token}.{fmt}"), fmt)
    if fmt == "json":
        assert found == [{"service_request_id": number, "token": token}]
    else:
        assert found.findtext("request/service_request_id") == number


def test_post_with_an_address_instead_of_coordinates(client, hotline, services):  # type: ignore[no-untyped-def]
    response = post(client, form(hotline, lat="", long="", address_string="解放西街12号"))
    assert response.status_code == 201
    assert Complaint.objects.get().place == "解放西街12号"
    response = post(client, form(hotline, lat="", long="", address_id="A-1002"))
    assert response.status_code == 201 and Complaint.objects.filter(attributes__address_id="A-1002").exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "zk_wrong"}, 403, "api_key"),
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "no-such"}, 404, "service_code"),
        ({"lat": "", "long": ""}, 400, "位置"),
        ({"lat": "95"}, 400, "lat"),
        ({"attribute[stall]": ""}, 400, "attribute[stall]"),
        ({"attribute[stall]": "truck"}, 400, "attribute[stall]"),
        ({"attribute[count]": "many"}, 400, "attribute[count]"),
        ({"attribute[goods][]": "cars"}, 400, "attribute[goods]"),
        ({"attribute[seen]": "yesterday"}, 400, "attribute[seen]"),
        ({"attribute[colour]": "red"}, 400, "colour"),
        ({"email": "not-an-email"}, 400, "email"),
        ({"phone": "12"}, 400, "phone"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"jurisdiction_id": "蓝综执"}, 404, "jurisdiction_id"),
    ],
)
def test_post_errors_use_the_envelope_and_store_nothing(client, hotline, services, fmt, change, status, words):  # type: ignore[no-untyped-def]
    response = post(client, form(hotline, **change), fmt)
    assert response.status_code == status, response.content
    errors = errors_of(response, fmt)
    assert len(errors) == 1 and errors[0][0] == status and words in errors[0][1]
    assert Complaint.objects.count() == 0


def test_post_with_a_revoked_key_is_403_and_audited(client, hotline, services):  # type: ignore[no-untyped-def]
    api_key_revoke(key=hotline.key, actor=None)
    response = post(client, form(hotline))
    assert response.status_code == 403
    assert AuditEvent.objects.get(action="open311.refused").after["system"] == hotline.key.system


def test_post_must_be_form_encoded(client, hotline, services):  # type: ignore[no-untyped-def]
    response = client.post(f"{BASE}requests.json", json.dumps(form(hotline)), content_type="application/json")
    assert response.status_code == 400 and Complaint.objects.count() == 0


def test_wrong_methods_are_405_in_the_envelope(client, services):  # type: ignore[no-untyped-def]
    response = client.post(f"{BASE}services.json", RED)
    assert response.status_code == 405 and errors_of(response, "json")[0][0] == 405


# --- GET requests -------------------------------------------------------------------------------------
def make(org: Org, category, *, days_ago: float = 1, **extra: Any) -> Complaint:  # type: ignore[no-untyped-def]
    values = {"place": "解放西街12号", "description": "门前摊贩占道经营", "channel": "phone",
              "reporter_name": "王五", "reporter_phone": "13912345678", "reporter_email": "wangwu@example.com"}
    values.update(extra)
    received = timezone.now() - dt.timedelta(days=days_ago)
    return complaint_receive(bureau=org.red, category=category, received_at=received, **values).complaint


def numbers(response: Any, fmt: str = "json") -> list[str]:
    body = parse(response, fmt)
    if fmt == "json":
        return [r["service_request_id"] for r in body]
    return [r.findtext("service_request_id") or "" for r in body.findall("request")]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_requests_fields_and_status_mapping(client, org, services, fmt):  # type: ignore[no-untyped-def]
    open_one = make(org, services.ordinary, days_ago=2, latitude="38.5", longitude="106.2",
                    attributes={"media_url": "https://img.example/2.jpg"})
    closed = make(org, services.urgent, days_ago=1)
    Complaint.objects.filter(pk=closed.pk).update(state="replied", reply="经核查已责令停止夜间施工。",
                                                  replied_at=timezone.now())
    body = parse(client.get(f"{BASE}requests.{fmt}", RED), fmt)
    if fmt == "json":
        by_id = {r["service_request_id"]: r for r in body}
        first, second = by_id[open_one.number], by_id[closed.number]
        assert [r["service_request_id"] for r in body] == [closed.number, open_one.number]  # newest first
        assert first["status"] == "open" and first["status_notes"] == "待分派"
        assert first["service_code"] == "street-vending" and first["service_name"] == "占道经营"
        assert first["lat"] == 38.5 and first["long"] == 106.2 and first["media_url"] == "https://img.example/2.jpg"
        assert first["expected_datetime"] == timezone.localtime(open_one.reply_due).isoformat(timespec="seconds")
        assert first["requested_datetime"] and first["updated_datetime"] and first["address"] == "解放西街12号"
        assert first["agency_responsible"] == org.red.name
        assert second["status"] == "closed" and second["status_notes"] == "经核查已责令停止夜间施工。"
    else:
        assert body.tag == "service_requests"
        requests = {r.findtext("service_request_id"): r for r in body.findall("request")}
        assert requests[closed.number].findtext("status") == "closed"
        assert requests[open_one.number].findtext("status") == "open"
        assert requests[open_one.number].findtext("lat") == "38.5"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_output_never_carries_the_reporter(client, org, services, hotline, fmt):  # type: ignore[no-untyped-def]
    complaint = make(org, services.ordinary)
    assert post(client, form(hotline)).status_code == 201
    pushed = Complaint.objects.get(channel="open311")
    raw = b"".join([
        client.get(f"{BASE}requests.{fmt}", RED).content,
        client.get(f"{BASE}requests/{complaint.number}.{fmt}").content,
        client.get(f"{BASE}requests/{pushed.number}.{fmt}").content,
        client.get(f"{BASE}requests.{fmt}", {"service_request_id": f"{complaint.number},{pushed.number}", **RED}).content,
        client.get(f"{BASE}tokens/{pushed.idempotency_key}.{fmt}").content,
    ])
    assert complaint.number.encode() in raw and pushed.number.encode() in raw
    for secret in ("王五", "13912345678", "wangwu@example.com", "张", "zhangsan@example.com", "139****5678",
                   "reporter"):
        assert secret.encode() not in raw, secret


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_phones_and_id_numbers_typed_into_the_text_are_masked_in_get_output(client, org, services, fmt):  # type: ignore[no-untyped-def]
    complaint = make(org, services.ordinary,
                     description="楼下烧烤店占道，店主电话139 8765 4321，身份证110105199003071234。")
    raw = client.get(f"{BASE}requests/{complaint.number}.{fmt}").content.decode()
    assert "楼下烧烤店占道" in raw and "已隐去" in raw
    for secret in ("139 8765 4321", "13987654321", "110105199003071234"):
        assert secret not in raw, secret


def test_the_default_window_is_90_days_and_dates_filter(client, org, services):  # type: ignore[no-untyped-def]
    recent = make(org, services.ordinary, days_ago=10)
    old = make(org, services.ordinary, days_ago=100)
    older = make(org, services.ordinary, days_ago=200)
    assert numbers(client.get(f"{BASE}requests.json", RED)) == [recent.number]
    start = (timezone.now() - dt.timedelta(days=150)).isoformat()
    assert numbers(client.get(f"{BASE}requests.json", {"start_date": start, **RED})) == [recent.number, old.number]
    end = (timezone.now() - dt.timedelta(days=50)).isoformat()
    # end_date alone: the 90 days before it.
    assert numbers(client.get(f"{BASE}requests.json", {"end_date": end, **RED})) == [old.number]
    both = {"start_date": "2000-01-01T00:00:00Z", "end_date": end, **RED}
    assert numbers(client.get(f"{BASE}requests.json", both)) == [old.number, older.number]


@pytest.mark.parametrize("query", [{"start_date": "yesterday"}, {"end_date": "2026-13-45"}, {"status": "pending"},
                                   {"start_date": "2026-11-02T00:00:00Z", "end_date": "2026-11-01T00:00:00Z"},
                                   {"page": "0"}, {"page_size": "1001"}, {"page_size": "x"}])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_filters_are_400_in_the_envelope(client, services, query, fmt):  # type: ignore[no-untyped-def]
    response = client.get(f"{BASE}requests.{fmt}", {**query, **RED})
    assert response.status_code == 400 and errors_of(response, fmt)[0][0] == 400


def test_status_service_code_and_id_filters(client, org, services):  # type: ignore[no-untyped-def]
    a = make(org, services.ordinary, days_ago=3)
    b = make(org, services.urgent, days_ago=2)
    c = make(org, services.complex, days_ago=1)
    Complaint.objects.filter(pk=b.pk).update(state="closed", reply="已处理完毕。", replied_at=timezone.now(),
                                             closed_at=timezone.now())
    get = lambda **q: numbers(client.get(f"{BASE}requests.json", {**q, **RED}))  # noqa: E731
    assert get(status="open") == [c.number, a.number]
    assert get(status="closed") == [b.number]
    assert get(status="open,closed") == [c.number, b.number, a.number]
    assert get(service_code="night-noise") == [b.number]
    assert get(service_code="night-noise,street-vending") == [b.number, a.number]
    # service_request_id: a comma list, in the order asked, other filters ignored.
    assert get(service_request_id=f"{a.number},{b.number}", status="open") == [a.number, b.number]
    assert get(service_request_id="TS-none") == []


def test_limit_1000_and_page_page_size(client, org, services, monkeypatch):  # type: ignore[no-untyped-def]
    from zhifa.intake import open311

    made = [make(org, services.ordinary, days_ago=1 + i / 100) for i in range(7)]
    expected = [c.number for c in made]  # newest first: days_ago grows with i
    assert numbers(client.get(f"{BASE}requests.json", RED)) == expected
    assert numbers(client.get(f"{BASE}requests.json", {"page_size": 3, **RED})) == expected[:3]
    assert numbers(client.get(f"{BASE}requests.json", {"page_size": 3, "page": 2, **RED})) == expected[3:6]
    assert numbers(client.get(f"{BASE}requests.json", {"page_size": 3, "page": 3, **RED})) == expected[6:]
    assert numbers(client.get(f"{BASE}requests.json", {"page_size": 3, "page": 9, **RED})) == []
    # The default limit is the spec's 1000: shrink it to see it applied without 1000 rows.
    monkeypatch.setattr(open311, "MAX_RESULTS", 5)
    assert len(numbers(client.get(f"{BASE}requests.json", RED))) == 5


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_one_request_and_404s(client, org, services, fmt):  # type: ignore[no-untyped-def]
    complaint = make(org, services.ordinary)
    assert numbers(client.get(f"{BASE}requests/{complaint.number}.{fmt}"), fmt) == [complaint.number]
    missing = client.get(f"{BASE}requests/TS0000.{fmt}")
    assert missing.status_code == 404 and errors_of(missing, fmt)[0][0] == 404
    other = client.get(f"{BASE}requests/{complaint.number}.{fmt}", {"jurisdiction_id": "蓝综执"})
    assert other.status_code == 404
    token = client.get(f"{BASE}tokens/o311-nothing.{fmt}")
    assert token.status_code == 404 and errors_of(token, fmt)[0][0] == 404


def test_a_get_with_a_bad_key_is_403(client, services):  # type: ignore[no-untyped-def]
    response = client.get(f"{BASE}requests.xml", {"api_key": "zk_bad"})
    assert response.status_code == 403 and errors_of(response, "xml")[0][0] == 403


def test_xml_escapes_text(client, org, services):  # type: ignore[no-untyped-def]
    complaint = make(org, services.ordinary, description="<script>alert('x')</script> & 更多")
    response = client.get(f"{BASE}requests/{complaint.number}.xml")
    assert b"<script>" not in response.content
    assert parse(response, "xml").findtext("request/description") == "<script>alert('x')</script> & 更多"


def test_a_get_with_a_key_is_audited_with_its_system(client, hotline, services):  # type: ignore[no-untyped-def]
    assert client.get(f"{BASE}requests.json", {"api_key": hotline.raw}).status_code == 200
    assert AuditEvent.objects.get(action="open311.read").after["system"] == hotline.key.system
