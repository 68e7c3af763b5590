"""Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2), JSON and XML.

    GET  discovery.{fmt}                     the endpoint list
    GET  services.{fmt}                      one service per active complaint category of the jurisdiction
    GET  services/{service_code}.{fmt}       the service definition with its attributes
    POST requests.{fmt}                      a new request (form-encoded, api_key) → service_request_id + token
    GET  requests.{fmt}                      requests, filtered (service_request_id, service_code, start_date,
                                             end_date, status; default window 90 days, at most 1000; extension
                                             page / page_size)
    GET  requests/{service_request_id}.{fmt} one request
    GET  tokens/{token}.{fmt}                the request a token became

Jurisdiction: a key belongs to one bureau, so POST (and GET with api_key) act on the key's bureau. GET
without a key names the bureau by `jurisdiction_id` = its short name (简称); a deployment with one bureau
needs none. service_request_id is the complaint number; the token is the idempotency key the POST stored
(each POST a new one). Reporter names, phones and e-mails are never part of any GET answer. Errors are the
spec's envelope: a list of {code, description} (XML <errors><error>…), HTTP 400 / 403 / 404.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from zhifa.accounts.models import Bureau
from zhifa.audit.services import audit_record
from zhifa.intake.api import iso, moment_parse, refused_call_audit
from zhifa.intake.apikeys import api_key_check
from zhifa.intake.models import ApiKey, Complaint, ComplaintCategory
from zhifa.intake.services import complaint_receive
from zhifa.lib.errors import DomainError
from zhifa.lib.redaction import contacts_mask

DEFAULT_WINDOW_DAYS = 90
MAX_RESULTS = 1000
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
S = Complaint.State
CLOSED_STATES = (S.REPLIED, S.CLOSED)
TOKEN_PREFIX = "o311-"
SERVICE_TYPE = "realtime"


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# --- rendering ----------------------------------------------------------------------------------------
def _json(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(data, ensure_ascii=False), status=status,
                        content_type="application/json; charset=utf-8")


def _xml_value(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if value is None:
        return
    if isinstance(value, bool):
        child.text = "true" if value else "false"
    elif isinstance(value, list):
        singular = {"values": "value", "formats": "format", "attributes": "attribute",
                    "endpoints": "endpoint"}.get(name, "item")
        for item in value:
            _xml_item(child, singular, item)
    elif isinstance(value, dict):
        for key, inner in value.items():
            _xml_value(child, key, inner)
    else:
        child.text = str(value)


def _xml_item(parent: ET.Element, name: str, item: Any) -> None:
    if isinstance(item, dict):
        element = ET.SubElement(parent, name)
        for key, value in item.items():
            _xml_value(element, key, value)
    else:
        _xml_value(parent, name, item)


def _xml(root: str, item: str | None, data: Any, status: int = 200) -> HttpResponse:
    element = ET.Element(root)
    if item is None:
        for key, value in data.items():
            _xml_value(element, key, value)
    else:
        for row in data:
            _xml_item(element, item, row)
    body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def render(fmt: str, data: Any, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    return _json(data, status) if fmt == "json" else _xml(root, item, data, status)


def error_response(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt, [{"code": status, "description": description}], root="errors", item="error", status=status)


def open311_view(methods: tuple[str, ...]) -> Any:
    """Wrap a view: allowed methods (405 otherwise), Open311Error → the spec's envelope."""

    def wrap(view: Any) -> Any:
        @csrf_exempt
        def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error_response(fmt, 405, f"该地址不支持 {request.method} 方法，请使用 {'、'.join(methods)}。")
                response["Allow"] = ", ".join(methods)
                return response
            try:
                result: HttpResponse = view(request, fmt, **kwargs)
                return result
            except Open311Error as exc:
                return error_response(fmt, exc.status, exc.description)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return wrap


# --- jurisdiction and key -----------------------------------------------------------------------------
def _key_of(request: HttpRequest, *, required: bool) -> ApiKey | None:
    data = request.POST if request.method == "POST" else request.GET
    raw = (data.get("api_key") or "").strip()
    if not raw and not required:
        return None
    key = api_key_check(raw)
    if key is None:
        refused_call_audit(raw, action="open311.refused", path=request.path)
        raise Open311Error(403, "api_key 无效、已吊销或未提供：请向执法局系统管理员申请接口密钥。")
    if request.method == "GET":
        audit_record(actor=None, action="open311.read", obj=key, bureau=key.bureau_id,
                     after={"system": key.system, "prefix": key.prefix, "path": request.path})
    return key


def _jurisdiction(request: HttpRequest, key: ApiKey | None) -> Bureau:
    data = request.POST if request.method == "POST" else request.GET
    given = (data.get("jurisdiction_id") or "").strip()
    if key is not None:
        if given and given not in (key.bureau.short_name, str(key.bureau_id)):
            raise Open311Error(404, f"jurisdiction_id “{given}” 与接口密钥所属的执法局不符。")
        return key.bureau
    if given:
        bureau = Bureau.objects.filter(short_name=given).first()
        if bureau is None and given.isdigit():
            bureau = Bureau.objects.filter(pk=int(given)).first()
        if bureau is None:
            raise Open311Error(404, f"没有 jurisdiction_id 为“{given}”的执法局，请使用执法局简称。")
        return bureau
    bureaus = list(Bureau.objects.all()[:2])
    if len(bureaus) == 1:
        return bureaus[0]
    raise Open311Error(400, "本平台有多个执法局：请用 jurisdiction_id 参数指明执法局简称。")


# --- services -----------------------------------------------------------------------------------------
def _service(category: ComplaintCategory) -> dict[str, Any]:
    return {
        "service_code": category.code, "service_name": category.name, "description": category.description,
        "metadata": bool(category.attributes), "type": SERVICE_TYPE,
        "keywords": ", ".join(w for w in re.split(r"[,，、\s]+", category.keywords) if w),
        "group": category.get_matter_category_display(),
    }


def _attribute(definition: dict[str, Any], order: int) -> dict[str, Any]:
    values = definition.get("values") or []
    return {
        "variable": definition.get("variable", True), "code": str(definition.get("code", "")),
        "datatype": definition.get("datatype", "string"), "required": bool(definition.get("required", False)),
        "datatype_description": definition.get("datatype_description", ""),
        "order": int(definition.get("order", order)), "description": definition.get("description", ""),
        "values": [{"key": str(v.get("key", "")), "name": str(v.get("name", ""))} for v in values],
    }


def attributes_of(category: ComplaintCategory) -> list[dict[str, Any]]:
    found = [_attribute(d, i) for i, d in enumerate(category.attributes or [], 1) if isinstance(d, dict)]
    return sorted(found, key=lambda a: a["order"])


def _categories(bureau: Bureau) -> QuerySet[ComplaintCategory]:
    return ComplaintCategory.objects.filter(bureau=bureau, is_active=True).order_by("sort", "id")


@open311_view(("GET",))
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-11-28T00:00:00+08:00", "contact": "请联系本局系统管理员（接口密钥与使用说明）",
        "key_service": "由执法局系统管理员在「接口密钥」页面或用 zhifa apikey create 签发",
        "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2", "url": base,
                       "changeset": "2026-11-28T00:00:00+08:00", "type": "production",
                       "formats": ["application/json", "text/xml"]}],
    }
    return render(fmt, data, root="discovery", item=None)


@open311_view(("GET",))
def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    bureau = _jurisdiction(request, _key_of(request, required=False))
    return render(fmt, [_service(c) for c in _categories(bureau)], root="services", item="service")


@open311_view(("GET",))
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    bureau = _jurisdiction(request, _key_of(request, required=False))
    category = _categories(bureau).filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"没有 service_code 为“{code}”的服务，可用的见 services.{fmt}。")
    data = {"service_code": category.code, "attributes": attributes_of(category)}
    return render(fmt, data, root="service_definition", item=None)


# --- POST a request -----------------------------------------------------------------------------------
def _attribute_values(request: HttpRequest, category: ComplaintCategory) -> dict[str, Any]:
    """attribute[code] (and attribute[code][] for multivaluelist) checked against the definition."""
    definitions = {a["code"]: a for a in attributes_of(category)}
    given: dict[str, list[str]] = {}
    for name in request.POST:
        match = re.fullmatch(r"attribute\[([^\]]+)\](\[\])?", name)
        if match:
            given.setdefault(match[1], []).extend(v.strip() for v in request.POST.getlist(name))
    unknown = sorted(set(given) - set(definitions))
    if unknown:
        raise Open311Error(400, f"服务“{category.code}”没有附加信息项 {'、'.join(unknown)}，可用的见 services/{category.code}。")
    result: dict[str, Any] = {}
    for code, definition in definitions.items():
        values = [v for v in given.get(code, []) if v]
        if not values:
            if definition["required"]:
                raise Open311Error(400, f"缺少必填的附加信息 attribute[{code}]（{definition['description'] or code}）。")
            continue
        datatype = definition["datatype"]
        keys = {v["key"] for v in definition["values"]}
        if datatype in ("singlevaluelist", "multivaluelist"):
            wrong = [v for v in values if v not in keys]
            if wrong or (datatype == "singlevaluelist" and len(values) > 1):
                raise Open311Error(400, f"attribute[{code}] 的取值“{'、'.join(wrong or values)}”不在可选范围"
                                        f"（{'、'.join(sorted(keys))}）内" + ("，且只能选一个" if not wrong else "") + "。")
            result[code] = values if datatype == "multivaluelist" else values[0]
        elif datatype == "number":
            try:
                number = Decimal(values[0])
                if not number.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                raise Open311Error(400, f"attribute[{code}] 应为数字，实际为“{values[0]}”。") from None
            result[code] = values[0]
        elif datatype == "datetime":
            try:
                result[code] = iso(moment_parse(values[0], field=code, label=f"attribute[{code}]"))
            except DomainError as exc:
                raise Open311Error(400, exc.message) from None
        else:
            limit = 4000 if datatype == "text" else 200
            if len(values[0]) > limit:
                raise Open311Error(400, f"attribute[{code}] 不能超过 {limit} 个字。")
            result[code] = values[0]
    return result


@open311_view(("GET", "POST"))
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    return request_create(request, fmt) if request.method == "POST" else requests_list(request, fmt)


def request_create(request: HttpRequest, fmt: str) -> HttpResponse:
    if (request.content_type or "") not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise Open311Error(400, "请求应为表单编码（Content-Type: application/x-www-form-urlencoded）。")
    key = _key_of(request, required=True)
    assert key is not None
    bureau = _jurisdiction(request, key)
    form = request.POST
    code = (form.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, "缺少必填参数 service_code，可用的见 services.json。")
    category = _categories(bureau).filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"没有 service_code 为“{code}”的服务，可用的见 services.{fmt}。")
    lat, lon = (form.get("lat") or "").strip(), (form.get("long") or "").strip()
    address = (form.get("address_string") or "").strip()
    address_id = (form.get("address_id") or "").strip()
    if not ((lat and lon) or address or address_id):
        raise Open311Error(400, "缺少位置：请提供 lat 和 long，或 address_string，或 address_id。")
    attributes = _attribute_values(request, category)
    media_url = (form.get("media_url") or "").strip()
    if media_url:
        if not media_url.startswith(("http://", "https://")) or len(media_url) > 500:
            raise Open311Error(400, "media_url 应为 http:// 或 https:// 开头的地址（不超过 500 个字符）。")
        attributes["media_url"] = media_url
    for name in ("device_id", "account_id"):
        if form.get(name):
            attributes[name] = form[name].strip()[:100]
    if address_id:
        attributes["address_id"] = address_id[:100]
    description = (form.get("description") or "").strip() or f"{category.name}（未填写说明）"
    name = " ".join(p for p in ((form.get("last_name") or "").strip(), (form.get("first_name") or "").strip()) if p)
    token = TOKEN_PREFIX + secrets.token_urlsafe(16)
    try:
        received = complaint_receive(
            bureau=bureau, channel=Complaint.Channel.OPEN311, category=category,
            place=address or (f"（地址编号 {address_id}）" if address_id and not (lat and lon) else ""),
            description=description, latitude=lat or None, longitude=lon or None,
            reporter_name=name, reporter_phone=form.get("phone") or "", reporter_email=form.get("email") or "",
            attributes=attributes, api_key=key, idempotency_key=token,
        )
    except DomainError as exc:
        field = {"纬度": "lat", "经度": "long", "latitude": "lat", "place": "address_string",
                 "reporter_phone": "phone", "reporter_email": "email", "reporter_name": "first_name"}.get(
                     exc.field or "", exc.field)
        raise Open311Error(400, f"{field}：{exc.message}" if field else exc.message) from None
    complaint = received.complaint
    audit_record(actor=None, action="open311.post", obj=complaint, bureau=bureau,
                 after={"system": key.system, "prefix": key.prefix, "number": complaint.number,
                        "service_code": code})
    data = [{"service_request_id": complaint.number, "token": token,
             "service_notice": f"答复期限 {iso(complaint.reply_due)}", "account_id": None}]
    return render(fmt, data, root="service_requests", item="request", status=201)


# --- GET requests -------------------------------------------------------------------------------------
def _agency(complaint: Complaint) -> str:
    if complaint.department_id and complaint.department:
        return complaint.department.name
    if complaint.township_id and complaint.township:
        return complaint.township.name
    return complaint.bureau.name


def request_json(complaint: Complaint) -> dict[str, Any]:
    """One request as GeoReport v2 publishes it. Never any reporter field (name, phone, e-mail)."""
    closed = complaint.state in CLOSED_STATES
    moments = [m for m in (complaint.received_at, complaint.dispatched_at, complaint.replied_at,
                           complaint.closed_at, complaint.rated_at) if m is not None]
    attributes = complaint.attributes or {}
    return {
        "service_request_id": complaint.number, "status": "closed" if closed else "open",
        # Free text is what people typed: phones, ID numbers and e-mails inside it are masked (zhifa.lib.redaction).
        "status_notes": contacts_mask(complaint.reply) if closed and complaint.reply else complaint.get_state_display(),
        "service_name": complaint.category.name, "service_code": complaint.category.code,
        "description": contacts_mask(complaint.description), "agency_responsible": _agency(complaint), "service_notice": "",
        "requested_datetime": iso(complaint.received_at), "updated_datetime": iso(max(moments)),
        "expected_datetime": iso(complaint.reply_due), "address": complaint.place,
        "address_id": str(attributes.get("address_id", "")), "zipcode": "",
        "lat": float(complaint.latitude) if complaint.latitude is not None else None,
        "long": float(complaint.longitude) if complaint.longitude is not None else None,
        "media_url": str(attributes.get("media_url", "")),
    }


# Only what request_json reads: the sealed reporter columns are never even loaded.
REQUEST_FIELDS = (
    "number", "state", "reply", "description", "received_at", "dispatched_at", "replied_at", "closed_at",
    "rated_at", "reply_due", "place", "latitude", "longitude", "attributes", "department_id", "township_id",
    "bureau_id", "category_id", "category__name", "category__code", "department__name", "township__name",
    "bureau__name",
)


def _requests(bureau: Bureau) -> QuerySet[Complaint]:
    return (Complaint.objects.filter(bureau=bureau).select_related("category", "department", "township", "bureau")
            .only(*REQUEST_FIELDS))


def _date(request: HttpRequest, name: str) -> dt.datetime | None:
    text = (request.GET.get(name) or "").strip()
    if not text:
        return None
    try:
        return moment_parse(text, field=name, label=name)
    except DomainError:
        raise Open311Error(400, f"{name}“{text}”不是 W3C 日期时间格式，如 2026-11-01T00:00:00+08:00。") from None


def _positive(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    text = (request.GET.get(name) or "").strip()
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= maximum:
        raise Open311Error(400, f"{name} 应为 1 至 {maximum} 的整数。")
    return int(text)


def requests_list(request: HttpRequest, fmt: str) -> HttpResponse:
    bureau = _jurisdiction(request, _key_of(request, required=False))
    rows = _requests(bureau)
    ids = [i.strip() for i in (request.GET.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        # The spec: with service_request_id, the other filters are ignored.
        found = {c.number: c for c in rows.filter(number__in=ids[:MAX_RESULTS])}
        data = [request_json(found[i]) for i in dict.fromkeys(ids) if i in found]
        return render(fmt, data, root="service_requests", item="request")
    codes = [c.strip() for c in (request.GET.get("service_code") or "").split(",") if c.strip()]
    if codes:
        rows = rows.filter(category__code__in=codes)
    statuses = {s.strip() for s in (request.GET.get("status") or "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status 只能是 open 或 closed（可用逗号连接两者）。")
    if statuses == {"open"}:
        rows = rows.exclude(state__in=CLOSED_STATES)
    elif statuses == {"closed"}:
        rows = rows.filter(state__in=CLOSED_STATES)
    start, end = _date(request, "start_date"), _date(request, "end_date")
    if start and end and start > end:
        raise Open311Error(400, "start_date 不能晚于 end_date。")
    window = dt.timedelta(days=DEFAULT_WINDOW_DAYS)
    if start is None and end is None:
        end = timezone.now()
        start = end - window
    elif start is None:
        assert end is not None
        start = end - window
    rows = rows.filter(received_at__gte=start)
    if end is not None:
        rows = rows.filter(received_at__lte=end)
    page_size = _positive(request, "page_size", MAX_RESULTS, MAX_RESULTS)
    page = _positive(request, "page", 1, 1_000_000)
    offset = (page - 1) * page_size
    found_page = list(rows.order_by("-received_at", "-id")[offset : offset + page_size])
    return render(fmt, [request_json(c) for c in found_page], root="service_requests", item="request")


@open311_view(("GET",))
def request_one(request: HttpRequest, fmt: str, number: str) -> HttpResponse:
    data = request.GET
    rows = Complaint.objects.select_related("category", "department", "township", "bureau").only(*REQUEST_FIELDS)
    if data.get("api_key") or data.get("jurisdiction_id"):
        rows = rows.filter(bureau=_jurisdiction(request, _key_of(request, required=False)))
    complaint = rows.filter(number=number).first()
    if complaint is None:
        raise Open311Error(404, f"没有编号为“{number}”的服务请求。")
    return render(fmt, [request_json(complaint)], root="service_requests", item="request")


@open311_view(("GET",))
def token_lookup(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    complaint = (Complaint.objects.filter(channel=Complaint.Channel.OPEN311, idempotency_key=token,
                                          api_key__isnull=False).only("number").first()
                 if token.startswith(TOKEN_PREFIX) else None)
    if complaint is None:
        raise Open311Error(404, f"没有令牌为“{token}”的服务请求。")
    return render(fmt, [{"service_request_id": complaint.number, "token": token}],
                  root="service_requests", item="request")
