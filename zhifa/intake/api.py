"""The 12345 hotline's REST endpoint (JSON): complaints pushed in, replies exported back.

    POST /api/hotline/v1/complaints/     a work order; header Idempotency-Key (required): a retry with the
                                         same key returns the first complaint with 200 instead of 201
    GET  /api/hotline/v1/replies/        the answered complaints of this key's system, oldest reply first,
                                         ?since=ISO 8601&limit=N&cursor=… (keyset pagination)

Authentication: `Authorization: Bearer zk_…` or `X-Api-Key: zk_…` (zhifa.intake.apikeys). Every call is
audited naming the key's system: `hotline.push`, `hotline.replies`, and `hotline.refused` for a call with a
missing, unknown or revoked key. Errors are `{"error": {"code", "message", "field"}}` with a Chinese message
saying what is wrong and what to do; a refused call changes nothing. The contract is in docs/open311.md.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from zhifa.audit.services import audit_record
from zhifa.intake.apikeys import KEY_PREFIX, PREFIX_LENGTH, api_key_check
from zhifa.intake.models import ApiKey, Complaint, ComplaintCategory
from zhifa.intake.services import complaint_receive
from zhifa.lib.errors import DomainError
from zhifa.lib.nul import holds_nul

MAX_BODY_BYTES = 64 * 1024  # one work order; the description itself is at most 4,000 characters
REPLIES_DEFAULT_LIMIT = 100
REPLIES_MAX_LIMIT = 500
JSON_DUMPS = {"ensure_ascii": False}

PUSH_FIELDS = {
    "category", "place", "latitude", "longitude", "lat", "long", "description", "reporter_name",
    "reporter_phone", "reporter_email", "anonymous", "external_id", "received_at",
}
STRING_FIELDS = ("category", "place", "description", "reporter_name", "reporter_phone", "reporter_email",
                 "external_id", "received_at")
# The services name a few fields by their Chinese label; the API always names the JSON field.
FIELD_OF_SERVICE = {"纬度": "latitude", "经度": "longitude"}


# --- helpers shared with Open311 ----------------------------------------------------------------------
def raw_key_of(request: HttpRequest) -> str:
    """The key a call presents: `Authorization: Bearer …`, else `X-Api-Key`."""
    authorization = request.headers.get("Authorization", "")
    if authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return request.headers.get("X-Api-Key", "").strip()


def refused_call_audit(raw: str, *, action: str, path: str) -> None:
    """Audit a call refused for its key; names the system when the prefix is a known (e.g. revoked) key."""
    prefix = raw[len(KEY_PREFIX) : len(KEY_PREFIX) + PREFIX_LENGTH] if raw.startswith(KEY_PREFIX) else ""
    known = ApiKey.objects.filter(prefix=prefix).first() if prefix else None
    audit_record(
        actor=None, action=action, obj=known, bureau=known.bureau_id if known else None,
        object_type=None if known else "intake.apikey", object_id=None if known else "",
        object_repr=None if known else "（未知密钥）",
        after={"system": known.system if known else "", "prefix": prefix, "path": path,
               "reason": "revoked" if known and known.revoked_at else ("wrong_key" if raw else "no_key")},
    )


def iso(moment: dt.datetime | None) -> str | None:
    """A moment in local time with its offset (W3C / ISO 8601), or None."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def moment_parse(text: str, *, field: str, label: str) -> dt.datetime:
    """An ISO 8601 moment; one without an offset is taken as local time. DomainError when unreadable."""
    value = None
    try:
        value = parse_datetime(text.strip().replace(" ", "T", 1))
    except ValueError:
        value = None
    if value is None:
        try:
            day = dt.date.fromisoformat(text.strip())
            value = dt.datetime.combine(day, dt.time())
        except ValueError:
            raise DomainError(
                f"{label}“{text}”不是有效的时间，请用 ISO 8601 格式，如 2026-11-28T09:30:00+08:00。", field=field
            ) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "field": field}}, status=status,
                        json_dumps_params=JSON_DUMPS)


def _authenticate(request: HttpRequest) -> ApiKey | JsonResponse:
    raw = raw_key_of(request)
    key = api_key_check(raw)
    if key is None:
        refused_call_audit(raw, action="hotline.refused", path=request.path)
        message = ("缺少接口密钥：请在请求头 Authorization: Bearer <密钥> 或 X-Api-Key 中提供。" if not raw else
                   "接口密钥无效或已吊销：请向执法局系统管理员核实密钥，或申请新的密钥。")
        response = _error(401, "unauthorized", message)
        response["WWW-Authenticate"] = 'Bearer realm="zhifa-hotline"'
        return response
    return key


# --- POST complaints ----------------------------------------------------------------------------------
def _body_json(request: HttpRequest) -> dict[str, Any] | JsonResponse:
    content_type = request.content_type or ""
    if content_type != "application/json":
        return _error(415, "unsupported_media_type",
                      f"请求体应为 JSON（Content-Type: application/json），实际为“{content_type or '未指定'}”。")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        return _error(413, "too_large", f"请求体过大（{declared} 字节），一个工单不能超过 {MAX_BODY_BYTES} 字节。")
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        return _error(413, "too_large", f"请求体过大（{len(body)} 字节），一个工单不能超过 {MAX_BODY_BYTES} 字节。")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _error(400, "bad_json", f"请求体不是有效的 UTF-8 JSON（{exc}），请检查格式。")
    if not isinstance(data, dict):
        return _error(400, "bad_json", "请求体应为一个 JSON 对象（{…}），每次推送一个工单。")
    if holds_nul(data):
        return _error(400, "bad_json", "请求体的文字中含有空字符（\\u0000），无法登记。请去掉后重新推送。")
    return data


def _push_values(data: dict[str, Any], key: ApiKey) -> dict[str, Any]:
    """The JSON body → complaint_receive's arguments; DomainError naming the JSON field."""
    unknown = sorted(set(data) - PUSH_FIELDS)
    if unknown:
        raise DomainError(f"不认识的字段：{'、'.join(unknown)}。请对照接口文档检查字段名。", field=unknown[0])
    for name in STRING_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise DomainError(f"字段 {name} 应为字符串。", field=name)
    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise DomainError("字段 anonymous 应为 true 或 false。", field="anonymous")
    for name in ("latitude", "longitude", "lat", "long"):
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float | str)):
            raise DomainError(f"字段 {name} 应为数字。", field=name)
    code = (data.get("category") or "").strip()
    if not code:
        raise DomainError("请填写投诉类别代码（category），可用的代码见 /open311/v2/services.json。", field="category")
    category = ComplaintCategory.objects.filter(bureau=key.bureau_id, code=code, is_active=True).first()
    if category is None:
        raise DomainError(f"本局没有在用的投诉类别“{code}”，可用的代码见 /open311/v2/services.json。",
                          field="category")
    external_id = (data.get("external_id") or "").strip()
    if not external_id:
        raise DomainError("请填写热线工单编号（external_id）。", field="external_id")
    if len(external_id) > 64:
        raise DomainError("热线工单编号（external_id）不能超过 64 个字符。", field="external_id")
    received_at = None
    if data.get("received_at"):
        received_at = moment_parse(data["received_at"], field="received_at", label="受理时间")
    return {
        "bureau": key.bureau, "channel": Complaint.Channel.HOTLINE, "category": category,
        "place": data.get("place") or "", "description": data.get("description") or "",
        "latitude": data.get("latitude", data.get("lat")), "longitude": data.get("longitude", data.get("long")),
        "reporter_name": data.get("reporter_name") or "", "reporter_phone": data.get("reporter_phone") or "",
        "reporter_email": data.get("reporter_email") or "", "anonymous": anonymous,
        "external_id": external_id, "received_at": received_at,
    }


def complaint_json(complaint: Complaint) -> dict[str, Any]:
    return {
        "number": complaint.number, "external_id": complaint.external_id, "status": complaint.state,
        "status_label": complaint.get_state_display(), "reply_due": iso(complaint.reply_due),
        "received_at": iso(complaint.received_at),
    }


@csrf_exempt
@require_POST
def complaints_push(request: HttpRequest) -> JsonResponse:
    """Receive one work order; 201 when created, 200 when this Idempotency-Key was seen before."""
    key = _authenticate(request)
    if isinstance(key, JsonResponse):
        return key
    data = _body_json(request)
    if isinstance(data, JsonResponse):
        return data
    idempotency_key = request.headers.get("Idempotency-Key", "").strip()
    if not idempotency_key:
        return _error(400, "invalid", "缺少请求头 Idempotency-Key：每个工单用一个唯一的值（如热线工单编号），"
                                      "重试时原样再发，就不会重复登记。", "Idempotency-Key")
    try:
        # One transaction for the complaint and the call's audit row: one commit per push.
        with transaction.atomic():
            received = complaint_receive(**_push_values(data, key), api_key=key, idempotency_key=idempotency_key)
            complaint = received.complaint
            audit_record(actor=None, action="hotline.push", obj=complaint, bureau=key.bureau_id,
                         after={"system": key.system, "prefix": key.prefix, "number": complaint.number,
                                "external_id": complaint.external_id, "created": received.created})
    except DomainError as exc:
        field = FIELD_OF_SERVICE.get(exc.field or "", exc.field)
        if field == "idempotency_key":
            field = "Idempotency-Key"
        return _error(400, exc.code, exc.message, field)
    body = complaint_json(complaint) | {"created": received.created}
    response = JsonResponse(body, status=201 if received.created else 200, json_dumps_params=JSON_DUMPS)
    response["Location"] = f"/open311/v2/requests/{complaint.number}.json"
    return response


# --- GET replies --------------------------------------------------------------------------------------
def cursor_encode(replied_at: dt.datetime, pk: int) -> str:
    text = json.dumps([replied_at.astimezone(dt.UTC).isoformat(), pk])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor_decode(text: str) -> tuple[dt.datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        moment_text, pk = json.loads(raw)
        moment = dt.datetime.fromisoformat(moment_text)
        if timezone.is_naive(moment) or not isinstance(pk, int):
            raise ValueError
        return moment, pk
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise DomainError("cursor 无效：请原样使用上一页返回的 next_cursor。", field="cursor") from None


def reply_json(complaint: Complaint) -> dict[str, Any]:
    return {
        "number": complaint.number, "external_id": complaint.external_id, "reply": complaint.reply,
        "replied_at": iso(complaint.replied_at), "state": complaint.state,
        "state_label": complaint.get_state_display(), "satisfaction": complaint.satisfaction or None,
        "closed_at": iso(complaint.closed_at),
    }


def replies_of_system(key: ApiKey) -> Any:
    """Answered complaints pushed by this key's system (any of its keys, so a rotated key sees them too)."""
    return Complaint.objects.filter(
        api_key__bureau=key.bureau_id, api_key__system=key.system,
        state__in=(Complaint.State.REPLIED, Complaint.State.CLOSED), replied_at__isnull=False,
    )


@csrf_exempt
@require_GET
def replies_export(request: HttpRequest) -> JsonResponse:
    key = _authenticate(request)
    if isinstance(key, JsonResponse):
        return key
    try:
        limit_text = request.GET.get("limit", str(REPLIES_DEFAULT_LIMIT))
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= REPLIES_MAX_LIMIT:
            raise DomainError(f"limit 应为 1 至 {REPLIES_MAX_LIMIT} 的整数。", field="limit")
        limit = int(limit_text)
        rows = replies_of_system(key)
        since = request.GET.get("since", "").strip()
        if since:
            rows = rows.filter(replied_at__gte=moment_parse(since, field="since", label="since"))
        cursor = request.GET.get("cursor", "").strip()
        if cursor:
            after, after_pk = cursor_decode(cursor)
            rows = rows.filter(Q(replied_at__gt=after) | Q(replied_at=after, pk__gt=after_pk))
    except DomainError as exc:
        return _error(400, "invalid", exc.message, exc.field)
    page = list(rows.order_by("replied_at", "pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    next_cursor = cursor_encode(page[-1].replied_at, page[-1].pk) if more and page[-1].replied_at else None
    audit_record(actor=None, action="hotline.replies", obj=key, bureau=key.bureau_id,
                 after={"system": key.system, "prefix": key.prefix, "since": since, "cursor": bool(cursor),
                        "count": len(page)})
    return JsonResponse({"replies": [reply_json(c) for c in page], "next_cursor": next_cursor},
                        json_dumps_params=JSON_DUMPS)
