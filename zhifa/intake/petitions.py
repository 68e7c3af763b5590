"""Petitions (信访事项) under 信访工作条例 (2022): every write, with its statutory deadlines.

received → accepted (written acceptance reply) or not_accepted, within `petition_reply` (15 days,
信访工作条例第三十二条) of registration; an accepted petition is resolved within `petition_resolve` (60 days,
信访工作条例第三十五条) of the acceptance reply, extended once by up to 30 days with a bureau leader's
approval; a petitioner who disagrees with the result may ask for a review (复查), answered within 30 days.
The bureau's own limits are natural days and are not moved past rest days (zhifa.workdays.rules).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhifa.accounts.models import Department, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.intake.models import Complaint, Petition, PetitionEvent
from zhifa.lib import crypto
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.lib.identifiers import mask_phone
from zhifa.numbering.services import number_take
from zhifa.workdays.services import deadline_compute

P = Petition.State
NUMBER_KIND = "petition"
NUMBER_PATTERN = "XF{short}{year}{seq:04d}"
PETITION_STAFF = (Role.OFFICER, Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR)
EXTENSION_DAYS = 30  # 信访工作条例第三十五条: extended by no more than 30 days with approval
REVIEW_DAYS = 30  # the review body answers within 30 days of the request
CHANNELS = ("来信", "来访", "网上信访", "电话", "上级转交")


def _today() -> dt.date:
    return timezone.localdate()


def _require(actor: User, petition_bureau_id: int, roles: tuple[str, ...], what: str) -> None:
    if actor.bureau_id != petition_bureau_id or not actor.has_role(*roles):
        raise DomainError(f"您没有{what}的权限。", code="forbidden")


def _text(value: str | None, *, label: str, field: str, max_length: int = 4000) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(f"请填写{label}。", field=field)
    if len(text) > max_length:
        raise DomainError(f"{label}不能超过 {max_length} 个字，现有 {len(text)} 个字。", field=field)
    return text


def _day(value: dt.date | None, *, label: str, field: str, not_before: dt.date | None = None) -> dt.date:
    day = value or _today()
    if day > _today():
        raise DomainError(f"{label}不能晚于今天。", field=field)
    if not_before is not None and day < not_before:
        raise DomainError(f"{label}不能早于 {not_before}。", field=field)
    return day


def _event(petition: Petition, *, action: str, text: str, actor: User | None) -> None:
    PetitionEvent.objects.create(petition=petition, action=action, text=text, actor=actor)


def _claim(petition: Petition, *, from_states: tuple[str, ...], what: str, **changes: Any) -> None:
    """Conditional update on (state, version): of two people acting at once exactly one wins."""
    if petition.state not in from_states:
        raise DomainError(f"该信访事项{petition.get_state_display()}，不能{what}。", code="wrong_state")
    won = Petition.objects.filter(pk=petition.pk, state=petition.state, version=petition.version).update(
        version=F("version") + 1, **changes
    )
    if not won:
        raise ChangedMeanwhile()
    petition.refresh_from_db()


def petition_register(
    *, actor: User, received_on: dt.date | None, subject: str, content: str, petitioner: str = "",
    phone: str = "", channel: str = "来信", department: Department | None = None, complaint: Complaint | None = None,
) -> Petition:
    """Register a petition; the written acceptance reply is due `petition_reply` days later (第三十二条)."""
    if actor.bureau is None or not actor.has_role(*PETITION_STAFF):
        raise DomainError("只有本局工作人员可以登记信访事项。", code="forbidden")
    bureau = actor.bureau
    received_on = _day(received_on, label="登记日期", field="received_on")
    subject = _text(subject, label="信访事由", field="subject", max_length=200)
    content = _text(content, label="信访内容", field="content")
    if channel not in CHANNELS:
        raise DomainError(f"信访形式应为{'、'.join(CHANNELS)}之一。", field="channel")
    name = (petitioner or "").strip()
    if len(name) > 50:
        raise DomainError("信访人姓名不能超过 50 个字。", field="petitioner")
    phone = "".join((phone or "").split())
    if phone and (not phone.replace("-", "").isdigit() or not 7 <= len(phone) <= 13):
        raise DomainError(f"联系电话“{phone}”格式不对：请填写手机号或带区号的固定电话。", field="phone")
    if department is not None and department.bureau_id != bureau.pk:
        raise DomainError("只能交本局的部门承办。", field="department")
    if complaint is not None and complaint.bureau_id != bureau.pk:
        raise DomainError("只能关联本局的投诉。", field="complaint")
    due = deadline_compute(rule="petition_reply", start=received_on, bureau=bureau)
    masked = (name[:1] + "某" if name else "（未留姓名）") + (f"（{mask_phone(phone)}）" if phone else "")
    with transaction.atomic():
        number = number_take(bureau=bureau, kind=NUMBER_KIND, year=received_on.year, default_pattern=NUMBER_PATTERN)
        petition = Petition.objects.create(
            bureau=bureau, department=department, number=number.text, received_on=received_on, channel=channel,
            petitioner_sealed=crypto.seal(name) if name else "", petitioner_masked=masked,
            phone_sealed=crypto.seal(phone) if phone else "", subject=subject, content=content,
            reply_due=due.due, complaint=complaint, created_by=actor,
        )
        _event(petition, action="register", actor=actor,
               text=f"登记信访事项（{channel}），受理告知期限 {due.due}（{due.citation}）")
        audit_record(actor=actor, action="petition.register", obj=petition,
                     after={"number": petition.number, "reply_due": due.due.isoformat()})
    return petition


def petition_accept(*, petition: Petition, actor: User, note: str, replied_on: dt.date | None = None) -> Petition:
    """Accept it with the written reply; resolution is due `petition_resolve` days after it (第三十五条)."""
    _require(actor, petition.bureau_id, PETITION_STAFF, "受理信访事项")
    note = _text(note, label="受理告知意见", field="note")
    replied_on = _day(replied_on, label="告知日期", field="replied_on", not_before=petition.received_on)
    due = deadline_compute(rule="petition_resolve", start=replied_on, bureau=petition.bureau)
    with transaction.atomic():
        _claim(petition, from_states=(P.RECEIVED,), what="受理", state=P.ACCEPTED, replied_on=replied_on,
               acceptance_note=note, resolve_due=due.due)
        late = "（已超过受理告知期限）" if replied_on > petition.reply_due else ""
        _event(petition, action="accept", actor=actor,
               text=f"书面告知受理{late}：{note}；办理期限 {due.due}（{due.citation}）")
        audit_record(actor=actor, action="petition.accept", obj=petition,
                     after={"replied_on": replied_on.isoformat(), "resolve_due": due.due.isoformat()})
    return petition


def petition_refuse(*, petition: Petition, actor: User, note: str, replied_on: dt.date | None = None) -> Petition:
    """Not accepted, with the written reply saying why and where to turn (不予受理告知)."""
    _require(actor, petition.bureau_id, PETITION_STAFF, "不予受理信访事项")
    note = _text(note, label="不予受理的理由", field="note")
    replied_on = _day(replied_on, label="告知日期", field="replied_on", not_before=petition.received_on)
    with transaction.atomic():
        _claim(petition, from_states=(P.RECEIVED,), what="不予受理", state=P.NOT_ACCEPTED, replied_on=replied_on,
               acceptance_note=note)
        _event(petition, action="refuse", actor=actor, text=f"书面告知不予受理：{note}")
        audit_record(actor=actor, action="petition.refuse", obj=petition, after={"replied_on": replied_on.isoformat()})
    return petition


def petition_extend(*, petition: Petition, actor: User, reason: str) -> Petition:
    """A bureau leader approves extending the resolution period once, by 30 days (第三十五条)."""
    _require(actor, petition.bureau_id, (Role.BUREAU_LEADER,), "批准延长信访办理期限")
    if petition.extended:
        raise DomainError("信访事项办理期限只能延长一次，且延长不得超过 30 日。", code="wrong_state")
    reason = _text(reason, label="延期理由", field="reason", max_length=500)
    if petition.state != P.ACCEPTED or petition.resolve_due is None:
        raise DomainError(f"该信访事项{petition.get_state_display()}，只有已受理、尚未办结的才能延期。",
                          code="wrong_state")
    old = petition.resolve_due
    due = deadline_compute(rule="petition_resolve", start=old, bureau=petition.bureau, amount=EXTENSION_DAYS)
    with transaction.atomic():
        _claim(petition, from_states=(P.ACCEPTED,), what="延期", resolve_due=due.due, extended=True)
        _event(petition, action="extend", actor=actor,
               text=f"局领导批准延长办理期限 {EXTENSION_DAYS} 日：由 {old} 延至 {due.due}；理由：{reason}")
        audit_record(actor=actor, action="petition.extend", obj=petition,
                     before={"resolve_due": old.isoformat()}, after={"resolve_due": due.due.isoformat(), "reason": reason})
    return petition


def petition_resolve(*, petition: Petition, actor: User, result: str, resolved_on: dt.date | None = None) -> Petition:
    """The written result (处理意见书)."""
    _require(actor, petition.bureau_id, PETITION_STAFF, "办结信访事项")
    result = _text(result, label="处理意见", field="result")
    resolved_on = _day(resolved_on, label="办结日期", field="resolved_on", not_before=petition.replied_on)
    with transaction.atomic():
        _claim(petition, from_states=(P.ACCEPTED,), what="办结", state=P.RESOLVED, result=result,
               resolved_on=resolved_on)
        late = "（已超过办理期限）" if petition.resolve_due and resolved_on > petition.resolve_due else ""
        _event(petition, action="resolve", actor=actor, text=f"办结{late}：{result}")
        audit_record(actor=actor, action="petition.resolve", obj=petition,
                     after={"resolved_on": resolved_on.isoformat(), "on_time": not late})
    return petition


def petition_review_request(
    *, petition: Petition, actor: User, requested_on: dt.date | None = None, note: str = ""
) -> Petition:
    """The petitioner asks for a review (复查) of the result; the review is due 30 days after the request."""
    _require(actor, petition.bureau_id, PETITION_STAFF, "登记复查申请")
    requested_on = _day(requested_on, label="申请复查日期", field="requested_on", not_before=petition.resolved_on)
    due = requested_on + dt.timedelta(days=REVIEW_DAYS)
    with transaction.atomic():
        _claim(petition, from_states=(P.RESOLVED,), what="申请复查", state=P.REVIEW,
               review_requested_on=requested_on, review_due=due)
        _event(petition, action="review_request", actor=actor,
               text=f"信访人申请复查，复查期限 {due}" + (f"：{note.strip()}" if note.strip() else ""))
        audit_record(actor=actor, action="petition.review_request", obj=petition, after={"review_due": due.isoformat()})
    return petition


def petition_review_resolve(
    *, petition: Petition, actor: User, result: str, reviewed_on: dt.date | None = None
) -> Petition:
    """The review's written opinion (复查意见)."""
    _require(actor, petition.bureau_id, (Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR), "办结复查")
    result = _text(result, label="复查意见", field="result")
    reviewed_on = _day(reviewed_on, label="复查办结日期", field="reviewed_on", not_before=petition.review_requested_on)
    with transaction.atomic():
        _claim(petition, from_states=(P.REVIEW,), what="办结复查", state=P.REVIEWED, review_result=result,
               reviewed_on=reviewed_on)
        _event(petition, action="review_resolve", actor=actor, text=f"复查办结：{result}")
        audit_record(actor=actor, action="petition.review_resolve", obj=petition,
                     after={"reviewed_on": reviewed_on.isoformat()})
    return petition


def petition_due(petition: Petition) -> dt.date | None:
    """The deadline that runs now (acceptance reply, resolution, review), None when none runs."""
    return {P.RECEIVED: petition.reply_due, P.ACCEPTED: petition.resolve_due, P.REVIEW: petition.review_due}.get(
        P(petition.state))
