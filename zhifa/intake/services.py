"""Every write of complaints (投诉举报): receive, dispatch, start, reply, close, rate.

`complaint_receive` is the one way a complaint enters, whatever the channel (hotline push, batch import,
phone, walk-in, the portal's form, Open311). A calling system's retried push carries the same idempotency
key and gets the first complaint back instead of a second one: the key is unique per API key in the
database, so even two pushes racing each other produce one row.

The reply deadline is the category's service level: urgent categories within `urgent_hours` clock hours,
ordinary ones `complaint_ordinary` working days, complex ones `complaint_complex` working days, counted on
the official calendar from the day of receipt (zhifa.workdays).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zhifa.accounts.models import Bureau, Department, Township, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.intake.models import ApiKey, Complaint, ComplaintCategory, ComplaintEvent
from zhifa.lib import crypto
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.lib.identifiers import mask_phone
from zhifa.lib.search import search_text
from zhifa.numbering.services import number_take
from zhifa.workdays.services import deadline_compute

if TYPE_CHECKING:
    from zhifa.cases.models import Lead

S = Complaint.State
NUMBER_KIND = "complaint"
NUMBER_PATTERN = "TS{year}{seq:06d}"  # the counter's own text; the number itself is complaint_number()
DESCRIPTION_MAX = 4000
PLACE_MAX = 200
# The access code the reporter keeps beside the number: no 0/O, 1/I/L, so it can be read out on the phone.
ACCESS_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ACCESS_LENGTH = 6
LEVEL_RULES = {
    ComplaintCategory.Level.ORDINARY: "complaint_ordinary",
    ComplaintCategory.Level.COMPLEX: "complaint_complex",
}
URGENT_RULE = "complaint_urgent"
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8}|12345)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DISPATCHERS = (Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR)
HANDLERS = (Role.OFFICER, Role.TEAM_LEADER, Role.ASSISTANT, Role.BUREAU_LEADER)


@dataclass(frozen=True)
class Received:
    """What `complaint_receive` returns: the complaint, whether this call created it, and the access code
    (only when it did: the code is shown once to the reporter and stored as a keyed hash)."""

    complaint: Complaint
    created: bool
    access_code: str = ""


# --- deadlines ----------------------------------------------------------------------------------------
def end_of_day(day: dt.date) -> dt.datetime:
    """23:59:59 local time on `day`: a reply due 'within N working days' may be given until that moment."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def reply_due_for(
    *, category: ComplaintCategory, received_at: dt.datetime, bureau: Bureau | None = None
) -> tuple[str, dt.datetime]:
    """(rule, due moment) of a complaint of `category` received at `received_at`."""
    if category.level == ComplaintCategory.Level.URGENT:
        return URGENT_RULE, received_at + dt.timedelta(hours=category.urgent_hours)
    rule = LEVEL_RULES[ComplaintCategory.Level(category.level)]
    result = deadline_compute(rule=rule, start=timezone.localdate(received_at), bureau=bureau or category.bureau)
    return rule, end_of_day(result.due)


# --- receiving ----------------------------------------------------------------------------------------
def access_code_new() -> str:
    return "".join(secrets.choice(ACCESS_ALPHABET) for _ in range(ACCESS_LENGTH))


def access_code_matches(complaint: Complaint, code: str) -> bool:
    """Whether `code` (any case, spaces ignored) is the complaint's access code; constant-time compare."""
    given = crypto.keyed_hash("complaint-access:" + (code or ""))
    return secrets.compare_digest(given, complaint.access_hash)


def coordinate_parse(value: Any, *, name: str, limit: int) -> Decimal | None:
    """A latitude (limit 90) or longitude (limit 180) as Decimal with 6 places; None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise DomainError(f"{name}“{value}”不是数字，请填写十进制度数，如 38.487193。", field=name) from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise DomainError(f"{name}应在 -{limit} 至 {limit} 之间，实际为 {value}。", field=name)
    return number.quantize(Decimal("0.000001"))


def _clean_text(value: str | None, *, label: str, field: str, max_length: int, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError(f"请填写{label}。", field=field)
    if len(text) > max_length:
        raise DomainError(f"{label}不能超过 {max_length} 个字，现有 {len(text)} 个字。", field=field)
    return text


def _reporter(name: str, phone: str, email: str) -> dict[str, str]:
    name = _clean_text(name, label="投诉人姓名", field="reporter_name", max_length=50, required=False)
    phone = "".join((phone or "").split())
    email = (email or "").strip()
    if phone and not _PHONE.fullmatch(phone):
        raise DomainError(f"联系电话“{phone}”格式不对：请填写 11 位手机号或带区号的固定电话。", field="reporter_phone")
    if email and (len(email) > 100 or not _EMAIL.fullmatch(email)):
        raise DomainError(f"电子邮箱“{email}”格式不对。", field="reporter_email")
    masked = (name[:1] + "某" if name else "") + (f"（{mask_phone(phone)}）" if phone else "")
    return {
        "reporter_name_sealed": crypto.seal(name) if name else "",
        "reporter_phone_sealed": crypto.seal(phone) if phone else "",
        "reporter_email_sealed": crypto.seal(email) if email else "",
        "reporter_phone_hash": crypto.keyed_hash(phone) if phone else "",
        "reporter_masked": masked or "（未留姓名）",
    }


def complaint_receive(
    *,
    bureau: Bureau,
    channel: str,
    category: ComplaintCategory,
    place: str,
    description: str,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    anonymous: bool = False,
    latitude: Any = None,
    longitude: Any = None,
    external_id: str = "",
    attributes: dict[str, Any] | None = None,
    api_key: ApiKey | None = None,
    idempotency_key: str | None = None,
    actor: User | None = None,
    received_at: dt.datetime | None = None,
) -> Received:
    """Register a complaint; with `api_key` and `idempotency_key`, a repeat returns the first one."""
    if idempotency_key is not None and api_key is None:
        raise ValueError("idempotency_key needs the api_key it belongs to")
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not 1 <= len(idempotency_key) <= 128:
            raise DomainError("幂等键（Idempotency-Key）应为 1 至 128 个字符。", field="idempotency_key")
        existing = Complaint.objects.filter(api_key=api_key, idempotency_key=idempotency_key).first()
        if existing is not None:
            return Received(existing, created=False)
    values = _received_values(
        bureau=bureau, channel=channel, category=category, place=place, description=description,
        latitude=latitude, longitude=longitude, external_id=external_id, attributes=attributes,
        received_at=received_at,
    )
    contact = {} if anonymous else _reporter(reporter_name, reporter_phone, reporter_email)
    anonymous = anonymous or not any(contact.get(k) for k in ("reporter_name_sealed", "reporter_phone_sealed",
                                                               "reporter_email_sealed"))
    if anonymous:
        contact = {"reporter_masked": "匿名"}
    try:
        with transaction.atomic():
            return _receive_write(
                bureau=bureau, values=values, contact=contact, anonymous=anonymous, api_key=api_key,
                idempotency_key=idempotency_key, actor=actor,
            )
    except IntegrityError:
        # Two pushes with the same key raced; the other one's row is committed now.
        if idempotency_key is None:
            raise
        existing = Complaint.objects.filter(api_key=api_key, idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return Received(existing, created=False)


def _received_values(
    *, bureau: Bureau, channel: str, category: ComplaintCategory, place: str, description: str,
    latitude: Any, longitude: Any, external_id: str, attributes: dict[str, Any] | None,
    received_at: dt.datetime | None,
) -> dict[str, Any]:
    if channel not in Complaint.Channel.values:
        raise DomainError(f"未知的来源渠道“{channel}”。", field="channel")
    if category.bureau_id != bureau.pk or not category.is_active:
        raise DomainError("请选择本局在用的投诉类别。", field="category")
    lat = coordinate_parse(latitude, name="纬度", limit=90)
    lon = coordinate_parse(longitude, name="经度", limit=180)
    if (lat is None) != (lon is None):
        raise DomainError("经纬度须同时填写，或都不填。", field="latitude")
    place = _clean_text(place, label="地点", field="place", max_length=PLACE_MAX, required=lat is None)
    if not place:
        place = f"（坐标 {lat}, {lon}）"
    description = _clean_text(
        description, label="诉求内容", field="description", max_length=DESCRIPTION_MAX, required=True
    )
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + dt.timedelta(minutes=5):
        raise DomainError("受理时间不能晚于现在。", field="received_at")
    rule, due = reply_due_for(category=category, received_at=received_at, bureau=bureau)
    return {
        "channel": channel, "category": category, "place": place, "latitude": lat, "longitude": lon,
        "description": description, "external_id": (external_id or "").strip()[:64],
        "attributes": attributes or {}, "received_at": received_at, "reply_rule": rule, "reply_due": due,
    }


def complaint_number(*, bureau_id: int, year: int, seq: int) -> str:
    """受理编号 such as TS2026-1-000123: the year, the bureau and its gapless counter.

    The counter runs per bureau and year, while a reporter, the hotline and Open311 name a complaint by its
    number alone, so the number carries the bureau; ASCII only, so it can be typed on any phone.
    """
    return f"TS{year}-{bureau_id}-{seq:06d}"


def _receive_write(
    *, bureau: Bureau, values: dict[str, Any], contact: dict[str, str], anonymous: bool,
    api_key: ApiKey | None, idempotency_key: str | None, actor: User | None,
) -> Received:
    code = access_code_new()
    issued = number_take(
        bureau=bureau, kind=NUMBER_KIND, year=timezone.localdate(values["received_at"]).year,
        default_pattern=NUMBER_PATTERN,
    )
    number = complaint_number(bureau_id=bureau.pk, year=issued.year, seq=issued.seq)
    complaint = Complaint.objects.create(
        bureau=bureau, number=number, access_hash=crypto.keyed_hash("complaint-access:" + code),
        anonymous=anonymous, api_key=api_key, idempotency_key=idempotency_key,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        search_text=search_text(number, values["place"], values["description"], values["external_id"]),
        **values, **contact,
    )
    via = f"（{api_key.system}）" if api_key is not None else ""
    event_add(complaint, action="receive", actor=actor, public=True,
              text=f"受理投诉（{complaint.get_channel_display()}{via}），答复期限 {local_text(complaint.reply_due)}")
    audit_record(
        actor=actor, action="complaint.receive", obj=complaint, bureau=bureau,
        after={"number": complaint.number, "channel": complaint.channel, "category": complaint.category.code,
               "system": api_key.system if api_key else "", "external_id": complaint.external_id},
    )
    return Received(complaint, created=True, access_code=code)


# --- history ------------------------------------------------------------------------------------------
def local_text(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def event_add(
    complaint: Complaint, *, action: str, text: str, actor: User | None, public: bool = False
) -> ComplaintEvent:
    """One history line; `public` lines are shown to the reporter on the tracking page."""
    real = actor if actor is not None and actor.is_authenticated else None
    return ComplaintEvent.objects.create(
        complaint=complaint, action=action, text=text, actor=real,
        actor_name=real.display_name if real else "系统", public=public,
    )


# --- the workflow -------------------------------------------------------------------------------------
def _require(actor: User, complaint: Complaint, roles: tuple[str, ...], what: str) -> None:
    if actor.bureau_id != complaint.bureau_id or not actor.has_role(*roles):
        raise DomainError(f"您没有{what}的权限。", code="forbidden")


def _claim(complaint: Complaint, *, from_states: tuple[str, ...], what: str, **changes: Any) -> None:
    """Move the complaint with a conditional update, so of two people acting at once exactly one wins."""
    if complaint.state not in from_states:
        raise DomainError(f"该投诉{complaint.get_state_display()}，不能{what}。", code="wrong_state")
    won = Complaint.objects.filter(pk=complaint.pk, state=complaint.state, version=complaint.version).update(
        version=F("version") + 1, **changes
    )
    if not won:
        raise ChangedMeanwhile()
    complaint.refresh_from_db()


def complaint_dispatch(
    *, complaint: Complaint, actor: User, department: Department | None = None, township: Township | None = None,
    note: str = "",
) -> Complaint:
    """Send the complaint to a department or a township (again, while it is not yet replied)."""
    _require(actor, complaint, DISPATCHERS, "分派投诉")
    if (department is None) == (township is None):
        raise DomainError("请选择一个承办部门或一个承办乡镇（街道）。", field="department")
    target = department or township
    assert target is not None
    if target.bureau_id != complaint.bureau_id:
        raise DomainError("只能分派给本局的部门或乡镇（街道）。", field="department")
    with transaction.atomic():
        _claim(complaint, from_states=(S.RECEIVED, S.DISPATCHED, S.IN_PROGRESS), what="分派",
               state=S.DISPATCHED, department=department, township=township, dispatched_at=timezone.now())
        # The reporter sees where it went; the dispatcher's note is for staff only (a separate line).
        event_add(complaint, action="dispatch", actor=actor, public=True, text=f"分派至{target.name}")
        if note.strip():
            event_add(complaint, action="dispatch_note", actor=actor, text=f"分派说明：{note.strip()}")
        audit_record(actor=actor, action="complaint.dispatch", obj=complaint,
                     after={"department": department.pk if department else None,
                            "township": township.pk if township else None})
    return complaint


def complaint_start(*, complaint: Complaint, actor: User) -> Complaint:
    """The department starts handling it (签收)."""
    _require(actor, complaint, HANDLERS, "签收投诉")
    with transaction.atomic():
        _claim(complaint, from_states=(S.DISPATCHED,), what="签收办理", state=S.IN_PROGRESS)
        event_add(complaint, action="start", actor=actor, public=True, text="承办部门已签收，正在办理")
        audit_record(actor=actor, action="complaint.start", obj=complaint)
    return complaint


def complaint_reply(*, complaint: Complaint, actor: User, reply: str) -> Complaint:
    """Answer the reporter; every complaint merged into this one is answered with the same text."""
    _require(actor, complaint, HANDLERS, "答复投诉")
    text = _clean_text(reply, label="答复内容", field="reply", max_length=DESCRIPTION_MAX, required=True)
    if len(text) < 10:
        raise DomainError("答复内容过短：请写明核查情况和处理结果（至少 10 个字）。", field="reply")
    now = timezone.now()
    with transaction.atomic():
        _claim(complaint, from_states=(S.DISPATCHED, S.IN_PROGRESS), what="答复",
               state=S.REPLIED, reply=text, replied_at=now, replied_by=actor)
        event_add(complaint, action="reply", actor=actor, public=True, text=f"答复：{text}")
        answered = [complaint, *_merged_open(complaint)]
        for merged in answered[1:]:
            Complaint.objects.filter(pk=merged.pk).update(
                state=S.REPLIED, reply=text, replied_at=now, replied_by=actor, version=F("version") + 1
            )
            event_add(merged, action="reply", actor=actor, public=True, text=f"答复（随 {complaint.number}）：{text}")
        audit_record(actor=actor, action="complaint.reply", obj=complaint,
                     after={"merged_answered": [m.number for m in answered[1:]], "on_time": now <= complaint.reply_due})
        from zhifa.intake.jobs import reply_push_enqueue

        for answered_one in answered:
            reply_push_enqueue(answered_one)
    return complaint


def _merged_open(complaint: Complaint) -> list[Complaint]:
    return list(complaint.merged.exclude(state__in=(S.REPLIED, S.CLOSED)))


def complaint_close(*, complaint: Complaint, actor: User | None, note: str = "") -> Complaint:
    """Close a replied complaint (办结); the reporter may still rate it."""
    if actor is not None:
        _require(actor, complaint, DISPATCHERS, "办结投诉")
    with transaction.atomic():
        _claim(complaint, from_states=(S.REPLIED,), what="办结", state=S.CLOSED, closed_at=timezone.now())
        event_add(complaint, action="close", actor=actor, public=True,
                  text="办结" + (f"：{note.strip()}" if note.strip() else ""))
        audit_record(actor=actor, action="complaint.close", obj=complaint, bureau=complaint.bureau_id)
    return complaint


def complaint_rate(*, complaint: Complaint, satisfaction: str, actor: User | None = None, via: str = "") -> Complaint:
    """The reporter's satisfaction (满意 / 基本满意 / 不满意) with a reply; once per reply."""
    if satisfaction not in Complaint.Satisfaction.values:
        raise DomainError("请选择满意、基本满意或不满意。", field="satisfaction")
    if complaint.state not in (S.REPLIED, S.CLOSED):
        raise DomainError("投诉尚未答复，答复后才能评价。", code="wrong_state")
    if complaint.satisfaction:
        raise DomainError("该答复已评价过，不能重复评价。", code="wrong_state")
    with transaction.atomic():
        won = Complaint.objects.filter(pk=complaint.pk, satisfaction="").update(
            satisfaction=satisfaction, rated_at=timezone.now(), version=F("version") + 1
        )
        if not won:
            raise DomainError("该答复已评价过，不能重复评价。", code="wrong_state")
        complaint.refresh_from_db()
        label = complaint.get_satisfaction_display()
        event_add(complaint, action="rate", actor=actor, public=True, text=f"投诉人评价：{label}" + (f"（{via}）" if via else ""))
        audit_record(actor=actor, action="complaint.rate", obj=complaint, bureau=complaint.bureau_id,
                     after={"satisfaction": satisfaction, "via": via})
    return complaint


# --- reopen, extend, merge, convert, reveal -----------------------------------------------------------
REVEALERS = (Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR)
REASON_MAX = 500


def _reason(reason: str, *, label: str) -> str:
    return _clean_text(reason, label=label, field="reason", max_length=REASON_MAX, required=True)


def complaint_reopen(*, complaint: Complaint, actor: User, reason: str) -> Complaint:
    """Send a replied or closed complaint back to in progress (重新办理) with a reason.

    The earlier reply, its satisfaction and the closing stay in the history (ComplaintEvent lines); the
    complaint's own fields are cleared so that the next reply is rated and pushed on its own. The reply
    deadline starts again from now by the category's service level.
    """
    _require(actor, complaint, DISPATCHERS, "重新办理投诉")
    if complaint.merged_into_id is not None:
        raise DomainError("该投诉已并入其他投诉，请对其并入的投诉重新办理。", code="wrong_state")
    text = _reason(reason, label="重新办理的理由")
    now = timezone.now()
    rule, due = reply_due_for(category=complaint.category, received_at=now, bureau=complaint.bureau)
    before = {"state": complaint.state, "reply": complaint.reply, "satisfaction": complaint.satisfaction,
              "reply_due": complaint.reply_due.isoformat()}
    with transaction.atomic():
        _claim(complaint, from_states=(S.REPLIED, S.CLOSED), what="重新办理", state=S.IN_PROGRESS,
               reply="", replied_at=None, replied_by=None, closed_at=None, satisfaction="", rated_at=None,
               reply_pushed_at=None, reply_rule=rule, reply_due=due)
        event_add(complaint, action="reopen", actor=actor, public=True,
                  text=f"重新办理：{text}；新的答复期限 {local_text(due)}")
        audit_record(actor=actor, action="complaint.reopen", obj=complaint, before=before,
                     after={"reason": text, "reply_due": due.isoformat()})
    return complaint


def complaint_extend(*, complaint: Complaint, actor: User, reason: str) -> Complaint:
    """A bureau leader extends the reply deadline once (延期), by the same service level from the current due
    day: urgent categories by their hours, the others by their working days on the calendar."""
    _require(actor, complaint, (Role.BUREAU_LEADER,), "批准投诉延期")
    if complaint.extended:
        raise DomainError("答复期限只能延长一次，该投诉已延期过。", code="wrong_state")
    text = _reason(reason, label="延期理由")
    if complaint.reply_rule == URGENT_RULE:
        due = complaint.reply_due + dt.timedelta(hours=complaint.category.urgent_hours)
    else:
        result = deadline_compute(rule=complaint.reply_rule, start=timezone.localdate(complaint.reply_due),
                                  bureau=complaint.bureau)
        due = end_of_day(result.due)
    old = complaint.reply_due
    with transaction.atomic():
        _claim(complaint, from_states=Complaint.OPEN_STATES, what="延期", reply_due=due, extended=True)
        event_add(complaint, action="extend", actor=actor, public=True,
                  text=f"批准延期：答复期限由 {local_text(old)} 延至 {local_text(due)}；理由：{text}")
        audit_record(actor=actor, action="complaint.extend", obj=complaint,
                     before={"reply_due": old.isoformat()}, after={"reply_due": due.isoformat(), "reason": text})
    return complaint


def complaint_merge(*, complaint: Complaint, target: Complaint, actor: User) -> Complaint:
    """Merge a duplicate (`complaint`) into an open complaint of the same bureau (`target`).

    The merged one follows the target: it takes the target's department, and when the target is replied
    its reporter is answered with the same text (complaint_reply). No chains: the target may not itself be
    merged, and a complaint others were merged into is not merged again.
    """
    _require(actor, complaint, DISPATCHERS, "合并投诉")
    if complaint.pk == target.pk:
        raise DomainError("不能把投诉并入它自己，请选择另一件投诉。", field="target")
    if target.bureau_id != complaint.bureau_id:
        raise DomainError("只能并入本局的投诉。", field="target")
    with transaction.atomic():
        locked = {c.pk: c for c in Complaint.objects.select_for_update().filter(pk__in=[complaint.pk, target.pk])}
        fresh_target = locked[target.pk]
        if complaint.merged_into_id is not None:
            raise DomainError(f"该投诉已并入 {complaint.merged_into.number if complaint.merged_into else ''}，"
                              "不能再次合并。", code="wrong_state")
        if fresh_target.merged_into_id is not None:
            raise DomainError(f"投诉 {fresh_target.number} 本身已并入其他投诉，请并入它所并入的那件投诉。",
                              field="target")
        if fresh_target.state not in Complaint.OPEN_STATES:
            raise DomainError(f"投诉 {fresh_target.number} {fresh_target.get_state_display()}，只能并入尚未答复的投诉。",
                              field="target")
        if complaint.merged.exists():
            raise DomainError("已有其他投诉并入该投诉，不能再把它并入别的投诉；请把别的投诉并入它。",
                              code="wrong_state")
        _claim(complaint, from_states=Complaint.OPEN_STATES, what="合并", merged_into=fresh_target,
               department=fresh_target.department, township=fresh_target.township)
        event_add(complaint, action="merge", actor=actor, public=True,
                  text=f"与投诉 {fresh_target.number} 反映同一问题，已合并办理，将随其一并答复")
        event_add(fresh_target, action="merged", actor=actor,
                  text=f"投诉 {complaint.number} 并入本件，答复时一并答复其投诉人")
        audit_record(actor=actor, action="complaint.merge", obj=complaint,
                     after={"target": fresh_target.number})
    return complaint


def complaint_to_lead(*, complaint: Complaint, actor: User, facts: str = "") -> Lead:
    """Convert the complaint into a case lead (转为案源): source "complaint", reporter = the complaint number.
    The link is kept both ways (complaint.lead, lead.complaint); a second conversion is refused."""
    from zhifa.cases.services import lead_register

    if actor.bureau_id != complaint.bureau_id:
        raise DomainError("您没有将该投诉转为案源的权限。", code="forbidden")
    if complaint.lead_id is not None:
        raise DomainError("该投诉已转为案源，不能重复转换。", code="wrong_state")
    facts = (facts or "").strip() or complaint.description
    with transaction.atomic():
        lead = lead_register(actor=actor, source="complaint", discovered_on=timezone.localdate(complaint.received_at),
                             place=complaint.place, facts=facts, reporter=complaint.number)
        won = Complaint.objects.filter(pk=complaint.pk, lead__isnull=True).update(lead=lead, version=F("version") + 1)
        if not won:
            raise DomainError("该投诉已转为案源，不能重复转换。", code="wrong_state")
        complaint.refresh_from_db()
        event_add(complaint, action="to_lead", actor=actor, text="已转为案源，进入立案核查")
        audit_record(actor=actor, action="complaint.to_lead", obj=complaint, after={"lead": lead.pk})
    return lead


@dataclass(frozen=True)
class Reporter:
    name: str
    phone: str
    email: str


def may_reveal(user: User, complaint: Complaint) -> bool:
    return user.bureau_id == complaint.bureau_id and user.has_role(*REVEALERS)


def complaint_reveal(*, complaint: Complaint, actor: User) -> Reporter:
    """The reporter's unmasked name, phone and e-mail for a team leader, bureau leader or administrator of the
    bureau (e.g. to call back); every look is audited (`complaint.reveal`)."""
    if not may_reveal(actor, complaint):
        raise DomainError("只有本局执法队负责人、局领导和系统管理员可以查看投诉人完整信息。", code="forbidden")
    if complaint.anonymous:
        raise DomainError("该投诉为匿名投诉，没有投诉人信息。", code="wrong_state")

    def unseal(value: str) -> str:
        return crypto.unseal(value) if value else ""

    reporter = Reporter(name=unseal(complaint.reporter_name_sealed), phone=unseal(complaint.reporter_phone_sealed),
                        email=unseal(complaint.reporter_email_sealed))
    with transaction.atomic():
        event_add(complaint, action="reveal", actor=actor, text="查看了投诉人完整联系方式")
        audit_record(actor=actor, action="complaint.reveal", obj=complaint,
                     after={"fields": [k for k in ("name", "phone", "email") if getattr(reporter, k)]})
    return reporter
