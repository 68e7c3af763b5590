"""Every write of case handling (part 1): leads, filing, investigation, review, notice, hearing, decision.

`case_transition` is the only way a case changes state (see workflow.py). The other services add rows to a
case in the state that allows them. Each runs in one transaction, writes its timeline line and its audit
event, and raises DomainError with a Chinese message that says what is wrong and what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhifa.accounts.models import Officer, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.cases import guards
from zhifa.cases.guards import GuardContext
from zhifa.cases.models import (
    MEASURE_KINDS,
    Approval,
    Case,
    CaseDeadline,
    CaseOfficer,
    CollectiveDiscussion,
    Decision,
    Evidence,
    Hearing,
    InvestigationReport,
    Lead,
    Party,
    Preservation,
    PriorNotice,
    Record,
    Recording,
    Seizure,
    Statement,
    TimelineEntry,
)
from zhifa.cases.workflow import Transition, transition_get
from zhifa.catalog.discretion import CaseFacts, discretion_recommend, recommendation_check
from zhifa.catalog.models import EnforcementMatter, PenaltyKind
from zhifa.catalog.selectors import hearing_threshold_for, matter_check_fileable
from zhifa.lib import crypto
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.lib.identifiers import (
    id_number_validate,
    mask_id_number,
    mask_phone,
    phone_validate,
    uscc_validate,
)
from zhifa.lib.money import fen_to_yuan
from zhifa.lib.search import search_text
from zhifa.numbering.services import number_take
from zhifa.workdays.rules import deadline_rule_get
from zhifa.workdays.services import deadline_compute

CASE_NUMBER_PATTERN = "{short}立〔{year}〕第{seq}号"
# The default review chain of the report we start from: 承办人 → 执法队负责人 → 法制机构负责人 → 局领导.
# The first level is the officer who submits; legal review is inserted when art. 58 or the list requires it.
# 行政强制法 art. 25: at most 30 days, and the one extension at most 30 more — the statutory amount of the
# "seizure" rule (the registry states it once; a bureau cannot configure it).
SEIZURE_MAX_DAYS = deadline_rule_get("seizure").amount


def _today() -> dt.date:
    return timezone.localdate()


def _date_between(day: dt.date, earliest: dt.date | None, what: str, earliest_label: str, *, field: str) -> None:
    """A date given for a step lies between the event it follows and today: no back-dating before the
    facts, no future date that would run a period out early."""
    if day > _today():
        raise DomainError(f"{what}不能晚于今天。", field=field)
    if earliest is not None and day < earliest:
        raise DomainError(f"{what}不能早于{earliest_label}（{earliest}）。", field=field)


# --- the whole-process record and deadlines -------------------------------------------------------------------
def _timeline(*, case: Case | None = None, lead: Lead | None = None, actor: User | None, action: str, text: str,
              from_state: str = "", to_state: str = "") -> None:
    TimelineEntry.objects.create(case=case, lead=lead, actor=actor, action=action, text=text[:500],
                                 from_state=from_state, to_state=to_state)


def _deadline_start(*, rule: str, start: dt.date, case: Case | None = None, lead: Lead | None = None,
                    amount: int | None = None) -> CaseDeadline:
    bureau = case.bureau if case is not None else lead.bureau if lead is not None else None
    result = deadline_compute(rule=rule, start=start, bureau=bureau, amount=amount)
    definition = deadline_rule_get(rule)
    return CaseDeadline.objects.create(
        case=case, lead=lead, rule=rule, label=definition.label, citation=result.citation, start=start,
        due=result.due, amount=result.amount, unit=result.unit, calendar_version=result.calendar_version,
        setting_id=result.setting_id,
    )


def _deadlines_stop(*, rules: tuple[str, ...], on: dt.date, case: Case | None = None, lead: Lead | None = None) -> None:
    if not rules:
        return
    open_ones = CaseDeadline.objects.filter(rule__in=rules, met_on__isnull=True, cancelled=False)
    open_ones = open_ones.filter(case=case) if case is not None else open_ones.filter(lead=lead)
    open_ones.update(met_on=on)


# --- leads --------------------------------------------------------------------------------------------------
def lead_register(
    *, actor: User, source: str, discovered_on: dt.date, place: str, facts: str, reporter: str = "",
) -> Lead:
    """Register a lead; the filing decision is due within `lead_decision` working days (art. 54)."""
    if actor.bureau is None or not actor.has_role(Role.OFFICER, Role.TEAM_LEADER, Role.ASSISTANT):
        raise DomainError("只有本局执法人员可以登记案源。", code="forbidden")
    if discovered_on > _today():
        raise DomainError("发现日期不能晚于今天。", field="discovered_on")
    if source not in Lead.Source.values:
        raise DomainError("请选择案源类型。", field="source")
    if not place.strip() or not facts.strip():
        raise DomainError("请填写地点和基本情况。", field="facts")
    with transaction.atomic():
        lead = Lead.objects.create(
            bureau=actor.bureau, department=actor.department, township=actor.township, source=source,
            discovered_on=discovered_on, place=place.strip(), facts=facts.strip(), reporter=reporter.strip(),
            registered_by=actor, decision_due=discovered_on,
            search_text=search_text(place, facts, reporter),
        )
        deadline = _deadline_start(rule="lead_decision", start=discovered_on, lead=lead)
        Lead.objects.filter(pk=lead.pk).update(decision_due=deadline.due)
        lead.decision_due = deadline.due
        _timeline(lead=lead, actor=actor, action="lead.register",
                  text=f"登记案源（{lead.get_source_display()}），立案决定期限 {deadline.due}")
        audit_record(actor=actor, action="lead.register", obj=lead, after={"source": source, "place": lead.place})
    return lead


def lead_extend(*, lead: Lead, actor: User, reason: str) -> Lead:
    """A leader extends the filing decision period once, by the same length (default 15 working days)."""
    if not actor.has_role(Role.BUREAU_LEADER) or actor.bureau_id != lead.bureau_id:
        raise DomainError("立案期限的延长须由本局领导批准。", code="forbidden")
    if lead.state != Lead.State.REGISTERED:
        raise DomainError(f"该案源已{lead.get_state_display()}，不再需要延长立案决定期限。")
    if lead.decision_extended:
        raise DomainError("立案决定期限只能延长一次。")
    if not reason.strip():
        raise DomainError("请填写延长理由。", field="reason")
    with transaction.atomic():
        deadline = lead.deadlines.get(rule="lead_decision", met_on__isnull=True, cancelled=False)
        extended = deadline_compute(rule="lead_decision", start=deadline.due, bureau=lead.bureau)
        CaseDeadline.objects.filter(pk=deadline.pk).update(due=extended.due, extension_days=extended.amount)
        Lead.objects.filter(pk=lead.pk).update(decision_due=extended.due, decision_extended=True)
        Approval.objects.create(lead=lead, kind=Approval.Kind.LEAD_EXTENSION, decision=Approval.Decision.APPROVED,
                                opinion=reason, decided_by=actor, decided_at=timezone.now(), requested_by=actor)
        _timeline(lead=lead, actor=actor, action="lead.extend", text=f"批准延长立案决定期限至 {extended.due}：{reason}")
        audit_record(actor=actor, action="lead.extend", obj=lead, after={"due": extended.due.isoformat()})
    lead.refresh_from_db()
    return lead


def lead_attachment_add(*, lead: Lead, stored: Any, kind: str, title: str, original_name: str,
                        actor: User) -> Evidence:
    """A file registered with a lead (照片、举报材料、移送函) before the filing decision; stored by evidence_store
    like a case's evidence, shown on the lead's page and kept with the case it becomes."""
    if actor.bureau_id != lead.bureau_id or not actor.has_role(Role.OFFICER, Role.TEAM_LEADER, Role.ASSISTANT):
        raise DomainError("只有本局执法人员可以为案源上传附件。", code="forbidden")
    if lead.state not in (Lead.State.REGISTERED, Lead.State.FILING):
        raise DomainError(f"该案源已{lead.get_state_display()}：立案后的材料请作为证据上传到案件。")
    if not title.strip():
        raise DomainError("请填写附件名称。", field="title")
    if kind not in Evidence.Kind.values:
        raise DomainError("请选择附件类型。", field="kind")
    with transaction.atomic():
        attachment = Evidence.objects.create(
            lead=lead, kind=kind, title=title.strip(), sha256=stored.sha256, size=stored.size,
            content_type=stored.content_type, original_name=original_name[:255], collected_at=timezone.now(),
            collected_by=actor, how="案源登记附件")
        _timeline(lead=lead, actor=actor, action="lead.attachment",
                  text=f"上传附件：{attachment.title}（SHA-256 {stored.sha256[:12]}…）")
        audit_record(actor=actor, action="lead.attachment", obj=lead,
                     after={"evidence": attachment.pk, "sha256": stored.sha256, "size": stored.size})
    return attachment


@dataclass(frozen=True)
class PartyData:
    kind: str
    name: str
    address: str
    id_number: str = ""
    credit_code: str = ""
    representative: str = ""
    phone: str = ""
    is_minor: bool = False


def _party_build(case: Case, data: PartyData) -> Party:
    if not data.name.strip() or not data.address.strip():
        raise DomainError("请填写当事人的姓名（名称）和住所（地址）。", field="parties")
    party = Party(case=case, kind=data.kind, name=data.name.strip(), address=data.address.strip(),
                  representative=data.representative.strip(), is_minor=data.is_minor)
    if data.kind == Party.Kind.PERSON:
        number = id_number_validate(data.id_number) if data.id_number.strip() else ""
        party.id_number_sealed = crypto.seal(number) if number else ""
        party.id_number_hash = crypto.keyed_hash(number) if number else ""
        party.id_number_masked = mask_id_number(number) if number else ""
    elif data.kind == Party.Kind.ORGANISATION:
        if not data.credit_code.strip():
            raise DomainError("请填写单位的统一社会信用代码。", field="credit_code")
        party.credit_code = uscc_validate(data.credit_code)
    else:
        raise DomainError("请选择当事人类型。", field="parties")
    if data.phone.strip():
        phone = phone_validate(data.phone)
        party.phone_sealed = crypto.seal(phone)
        party.phone_masked = mask_phone(phone)
    return party


@dataclass(frozen=True)
class FilingData:
    matter: EnforcementMatter
    title: str
    facts: str
    violation_on: dt.date
    parties: list[PartyData]
    officers: list[tuple[Officer, str]]  # (officer, CaseOfficer.Role)
    violation_ended_on: dt.date | None = None
    endangers_safety: bool = False
    is_major: bool = False


def case_request_filing(*, lead: Lead, data: FilingData, actor: User) -> Case:
    """The officer proposes to file the lead as a case; a leader approves it (approve_filing)."""
    if lead.state != Lead.State.REGISTERED:
        raise DomainError(f"该案源当前状态为“{lead.get_state_display()}”，不能再报请立案。")
    if not actor.has_role(Role.OFFICER, Role.TEAM_LEADER):
        raise DomainError("只有执法人员可以报请立案（协管员不能报请）。", code="forbidden")
    matter_check_fileable(user=actor, matter=data.matter, on=_today())
    if not data.parties:
        raise DomainError("请至少填写一名当事人。", field="parties")
    if data.violation_on > lead.discovered_on:
        raise DomainError("违法行为发生日期不能晚于案源发现日期。", field="violation_on")
    if data.violation_ended_on and data.violation_ended_on < data.violation_on:
        raise DomainError("违法行为终了日期不能早于发生日期。", field="violation_ended_on")
    if len({officer.pk for officer, _ in data.officers}) != len(data.officers):
        raise DomainError("同一名执法人员不能重复列入。", field="officers")
    if any(officer.bureau_id != lead.bureau_id for officer, _ in data.officers):
        raise DomainError("办案人员须为本局人员。", field="officers")
    with transaction.atomic():
        # Claim the lead first: of two people filing it at once, one is told, the other files.
        if not Lead.objects.filter(pk=lead.pk, state=Lead.State.REGISTERED).update(state=Lead.State.FILING):
            raise ChangedMeanwhile("该案源已被他人报请立案或处理，请刷新页面查看。")
        case = Case.objects.create(
            bureau=lead.bureau, department=lead.department, township=lead.township, lead=lead, matter=data.matter,
            title=data.title.strip() or data.matter.name, facts=data.facts.strip(), violation_on=data.violation_on,
            violation_ended_on=data.violation_ended_on, endangers_safety=data.endangers_safety,
            is_major=data.is_major, created_by=actor,
        )
        Party.objects.bulk_create([_party_build(case, party) for party in data.parties])
        CaseOfficer.objects.bulk_create([CaseOfficer(case=case, officer=officer, role=role)
                                         for officer, role in data.officers])
        context = GuardContext(case=case, actor=actor, today=_today())
        guards.guards_check(("two_certified_officers", "within_limitation"), context)
        Approval.objects.create(case=case, kind=Approval.Kind.FILING, requested_by=actor)
        _case_search_refresh(case)
        _timeline(case=case, lead=lead, actor=actor, action="case.request_filing",
                  text=f"报请立案：{case.title}", to_state=case.state)
        audit_record(actor=actor, action="case.request_filing", obj=case,
                     after={"matter": data.matter.code, "parties": [p.name for p in data.parties]})
    return case


def _case_search_refresh(case: Case) -> None:
    parties = list(case.parties.values_list("name", "credit_code"))
    officers = list(case.case_officers.values_list("officer__name", flat=True))
    case.search_text = search_text(
        case.number, case.title, case.matter.name, case.matter.code, *(n for n, _ in parties),
        *(c for _, c in parties), *officers,
    )
    Case.objects.filter(pk=case.pk).update(search_text=case.search_text)


def officer_recuse(*, case: Case, officer: Officer, reason: str, actor: User) -> None:
    """Art. 43: an officer with a direct interest steps aside; the decision is recorded."""
    if not actor.has_role(Role.BUREAU_LEADER, Role.TEAM_LEADER) or actor.bureau_id != case.bureau_id:
        raise DomainError("回避由本局执法队负责人或局领导决定。", code="forbidden")
    if not reason.strip():
        raise DomainError("请填写回避理由。", field="reason")
    with transaction.atomic():
        updated = CaseOfficer.objects.filter(case=case, officer=officer, recused=False).update(
            recused=True, recusal_reason=reason.strip())
        if not updated:
            raise DomainError("该人员不是本案的办案人员，或已回避。")
        _timeline(case=case, actor=actor, action="case.recuse", text=f"{officer.name} 回避：{reason}")
        audit_record(actor=actor, action="case.recuse", obj=case, after={"officer": officer.name, "reason": reason})


def case_officer_add(*, case: Case, officer: Officer, role: str, actor: User) -> None:
    if not actor.has_role(Role.BUREAU_LEADER, Role.TEAM_LEADER) or actor.bureau_id != case.bureau_id:
        raise DomainError("增加办案人员由本局执法队负责人或局领导决定。", code="forbidden")
    if officer.bureau_id != case.bureau_id:
        raise DomainError("办案人员须为本局人员。", field="officer")
    with transaction.atomic():
        _, created = CaseOfficer.objects.get_or_create(case=case, officer=officer, defaults={"role": role})
        if not created:
            raise DomainError("该人员已在本案办案人员中。", field="officer")
        _timeline(case=case, actor=actor, action="case.officer_add", text=f"增加办案人员 {officer.name}")
        audit_record(actor=actor, action="case.officer_add", obj=case, after={"officer": officer.name})


# --- the one way a case changes state --------------------------------------------------------------------------
def case_transition(
    *, case: Case, action: str, actor: User, expected_version: int | None = None, **params: Any,
) -> Case:
    """Advance a case by one row of the workflow table, or raise DomainError saying why not."""
    with transaction.atomic():
        fresh = Case.objects.select_related("bureau", "matter", "lead", "created_by").get(pk=case.pk)
        if expected_version is not None and fresh.version != expected_version:
            raise ChangedMeanwhile("本案已被他人处理（状态或内容已变化），请刷新页面查看最新情况后再操作。")
        transition = transition_get(fresh.state, action)
        if transition is None:
            raise DomainError(f"本案当前状态为“{fresh.get_state_display()}”，不能进行该操作。", code="wrong_state")
        _check_actor(fresh, transition, actor)
        context = GuardContext(case=fresh, actor=actor, today=_today(), params=params)
        guards.guards_check(transition.guards, context)
        # Claim the transition: of two people acting at once exactly one updates the row.
        claimed = Case.objects.filter(pk=fresh.pk, state=fresh.state, version=fresh.version).update(
            state=transition.target, version=F("version") + 1, updated_at=timezone.now())
        if not claimed:
            raise ChangedMeanwhile("本案已被他人处理（状态或内容已变化），请刷新页面查看最新情况后再操作。")
        EFFECTS[action](fresh, actor, transition, params)
        on = params.get("on") or _today()
        _deadlines_stop(rules=transition.stops, on=on, case=fresh)
        _timeline(case=fresh, actor=actor, action=f"case.{action}", text=params.get("timeline_text") or transition.label,
                  from_state=transition.source, to_state=transition.target)
        audit_record(actor=actor, action=f"case.{action}", obj=fresh,
                     before={"state": transition.source}, after={"state": transition.target, **_loggable(params)})
    return Case.objects.get(pk=case.pk)


def _loggable(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if isinstance(v, str | int | bool | dt.date) and k != "timeline_text"}


def _check_actor(case: Case, transition: Transition, actor: User) -> None:
    if not actor.is_active or actor.bureau_id != case.bureau_id:
        raise DomainError("您不能办理其他执法局的案件。", code="forbidden")
    if not actor.role_codes & transition.roles:
        needed = "、".join(sorted(Role(r).label for r in transition.roles))
        raise DomainError(f"“{transition.label}”须由{needed}办理。", code="forbidden")
    if transition.case_officer_only and not guards.actor_is_case_officer(case, actor):
        raise DomainError(f"“{transition.label}”须由本案办案人员办理（已回避的人员不能办理）。", code="forbidden")


# --- the effects of each transition ------------------------------------------------------------------------------
def _approve_filing(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    filed_on = params.get("on") or _today()
    _date_between(filed_on, case.lead.discovered_on, "立案日期", "发现案源之日", field="on")
    number = number_take(bureau=case.bureau, kind="case", year=filed_on.year, default_pattern=CASE_NUMBER_PATTERN)
    deadline = _deadline_start(rule="decision", start=filed_on, case=case)
    Case.objects.filter(pk=case.pk).update(number=number.text, filed_on=filed_on, decision_due=deadline.due)
    case.number = number.text
    _case_search_refresh(case)
    _approval_decide(case.approvals.get(kind=Approval.Kind.FILING, decision=Approval.Decision.PENDING), actor,
                     Approval.Decision.APPROVED, params.get("reason", "同意立案"))
    Lead.objects.filter(pk=case.lead_id).update(state=Lead.State.FILED)
    _deadlines_stop(rules=("lead_decision",), on=filed_on, lead=case.lead)
    params["timeline_text"] = f"批准立案，案号 {number.text}，处罚决定期限 {deadline.due}"


def _reject_filing(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    _approval_decide(case.approvals.get(kind=Approval.Kind.FILING, decision=Approval.Decision.PENDING), actor,
                     Approval.Decision.REJECTED, params["reason"])
    Lead.objects.filter(pk=case.lead_id).update(state=Lead.State.NOT_FILED, not_filed_reason=params["reason"])
    _deadlines_stop(rules=("lead_decision",), on=_today(), lead=case.lead)
    params["timeline_text"] = f"不予立案：{params['reason']}"


def _submit_report(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    report = guards.latest_report(case)
    assert report is not None  # the report_present guard
    steps = [Approval.Kind.TEAM_LEADER]
    if report.needs_legal_review:
        steps.append(Approval.Kind.LEGAL_REVIEW)
    steps.append(Approval.Kind.COLLECTIVE if case.is_major else Approval.Kind.LEADER)
    Approval.objects.bulk_create([
        Approval(case=case, kind=kind, step=index, round=report.round, requested_by=actor)
        for index, kind in enumerate(steps, start=1)
    ])
    labels = " → ".join(Approval.Kind(kind).label for kind in steps)
    params["timeline_text"] = f"提交调查终结报告（第{report.round}稿），报送：{labels}"


def _review(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    step = guards.pending_step(case)
    assert step is not None  # the reviewer_holds_step_role guard
    decision = {
        "review_pass": Approval.Decision.APPROVED, "review_final": Approval.Decision.APPROVED,
        "review_return": Approval.Decision.RETURNED, "review_reject": Approval.Decision.REJECTED,
    }[transition.action]
    opinion = params.get("reason") or params.get("opinion") or "同意"
    _approval_decide(step, actor, decision, opinion)
    if decision == Approval.Decision.APPROVED:
        params["timeline_text"] = f"{step.get_kind_display()}：通过。{opinion}"
    else:
        # The rest of the round is closed; a corrected report starts a new round.
        case.approvals.filter(round=step.round, decision=Approval.Decision.PENDING).update(
            decision=Approval.Decision.RETURNED, opinion="因前一环节退回而终止", decided_at=timezone.now())
        params["timeline_text"] = f"{step.get_kind_display()}：{Approval.Decision(decision).label}。{opinion}"


def _issue_notice(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    report = guards.latest_report(case)
    assert report is not None
    served_on: dt.date = params.get("served_on") or _today()
    _date_between(served_on, case.filed_on, "送达日期", "立案日期", field="served_on")
    hearing_right = hearing_right_applies(case, report)
    statement = _deadline_start(rule="statement", start=served_on, case=case)
    hearing_due = _deadline_start(rule="hearing_request", start=served_on, case=case).due if hearing_right else None
    PriorNotice.objects.create(
        case=case, report=report, warning=report.warning, fine_fen=report.fine_fen,
        other_penalty=report.other_penalty, facts=report.facts_found,
        reasons=params.get("reasons") or "；".join(report.recommendation.get("articles", [])),
        hearing_right=hearing_right, served_on=served_on, statement_due=statement.due,
        hearing_request_due=hearing_due, issued_by=actor,
    )
    text = f"送达事先告知书（拟{report.penalty_label}），陈述申辩期限至 {statement.due}"
    params["timeline_text"] = text + (f"，听证申请期限至 {hearing_due}" if hearing_due else "")


def _request_hearing(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    requested_on = params.get("requested_on") or _today()
    notice = guards.latest_notice(case)
    _date_between(requested_on, notice.served_on if notice else None, "听证申请日期", "事先告知书送达之日",
                  field="requested_on")
    Hearing.objects.create(case=case, requested_on=requested_on)
    CaseDeadline.objects.filter(case=case, rule__in=("statement", "hearing_request"), met_on__isnull=True).update(
        met_on=requested_on)
    params["timeline_text"] = f"当事人于 {requested_on} 申请听证"


def _exclude_hearing_period(case: Case, hearing: Hearing, ended_on: dt.date) -> None:
    """Art. 60 practice: the days of a hearing do not count against the 90-day decision period."""
    days = max((ended_on - hearing.requested_on).days, 0)
    if days and case.decision_due is not None:
        Case.objects.filter(pk=case.pk).update(decision_due=case.decision_due + dt.timedelta(days=days))
        for deadline in CaseDeadline.objects.filter(case=case, rule="decision", met_on__isnull=True):
            CaseDeadline.objects.filter(pk=deadline.pk).update(
                due=deadline.due + dt.timedelta(days=days), extension_days=deadline.extension_days + days)


def _hearing_held(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    hearing = case.hearings.get(outcome=Hearing.Outcome.PENDING)
    if not str(params.get("transcript", "")).strip():
        raise DomainError("请填写听证笔录摘要和主持人意见。", field="transcript")
    Hearing.objects.filter(pk=hearing.pk).update(outcome=Hearing.Outcome.HELD, transcript=params["transcript"],
                                                 opinion=params.get("opinion", ""))
    _exclude_hearing_period(case, hearing, params.get("on") or _today())
    # Art. 58: a decision after a hearing needs legal review; then the leaders decide (collectively if major).
    next_round = guards.current_round(case) + 1
    steps = [Approval.Kind.LEGAL_REVIEW, Approval.Kind.COLLECTIVE if case.is_major else Approval.Kind.LEADER]
    Approval.objects.bulk_create([
        Approval(case=case, kind=kind, step=index, round=next_round, requested_by=actor,
                 payload={"after_hearing": hearing.pk})
        for index, kind in enumerate(steps, start=1)
    ])
    params["timeline_text"] = f"听证已于 {hearing.scheduled_on} 举行，报送法制审核"


def _hearing_dropped(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    outcome = params.get("outcome", Hearing.Outcome.WITHDRAWN)
    if outcome not in (Hearing.Outcome.WAIVED, Hearing.Outcome.WITHDRAWN):
        raise DomainError("请选择：当事人撤回申请，或无正当理由缺席。", field="outcome")
    hearing = case.hearings.get(outcome=Hearing.Outcome.PENDING)
    Hearing.objects.filter(pk=hearing.pk).update(outcome=outcome, transcript=params.get("transcript", ""))
    _exclude_hearing_period(case, hearing, params.get("on") or _today())
    params["timeline_text"] = f"听证终止：{Hearing.Outcome(outcome).label}"


def _decide(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    decided_on = params.get("on") or _today()
    notice = guards.latest_notice(case)
    assert notice is not None
    _date_between(decided_on, notice.served_on, "决定日期", "事先告知书送达之日", field="on")
    fine = params.get("fine_fen", notice.fine_fen)
    warning = params.get("warning", notice.warning)
    if not (fine or warning or params.get("other_penalty", notice.other_penalty)):
        raise DomainError("行政处罚决定须载明处罚种类和幅度（第五十九条）；不予处罚的，请作不予行政处罚决定。",
                          field="fine_yuan")
    Decision.objects.create(case=case, kind=Decision.Kind.PENALTY, decided_on=decided_on,
                            warning=warning, fine_fen=fine,
                            other_penalty=params.get("other_penalty", notice.other_penalty),
                            reasons=params.get("reasons", notice.reasons), decided_by=actor)
    Case.objects.filter(pk=case.pk).update(decided_on=decided_on)
    penalty = "、".join(part for part in (
        "警告" if warning else "",
        f"罚款{fen_to_yuan(fine)}元" if fine else "",
        params.get("other_penalty", notice.other_penalty) or "",
    ) if part)
    params["timeline_text"] = f"作出行政处罚决定（{penalty or '见决定书'}）"
    # The party's periods ended with the decision (or earlier): close their rows.
    CaseDeadline.objects.filter(case=case, rule__in=("statement", "hearing_request"), met_on__isnull=True).update(
        met_on=decided_on)
    # Art. 61: handed over on the spot, or served within 7 working days when the party is absent.
    _deadline_start(rule="service", start=decided_on, case=case)
    _disclosure_build(case, actor)


def _decide_not_punished(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    report = guards.latest_report(case)
    assert report is not None
    decided_on = params.get("on") or _today()
    Decision.objects.create(case=case, kind=Decision.Kind.NOT_PUNISHED, decided_on=decided_on,
                            reasons=params.get("reasons") or report.get_outcome_display(), decided_by=actor)
    Case.objects.filter(pk=case.pk).update(decided_on=decided_on)
    _disclosure_build(case, actor)


def _dismiss(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    Decision.objects.create(case=case, kind=Decision.Kind.DISMISSED, decided_on=_today(), reasons=params["reason"],
                            decided_by=actor)
    params["timeline_text"] = f"撤销立案：{params['reason']}"
    _disclosure_build(case, actor)


def _disclosure_build(case: Case, actor: User) -> None:
    """行政执法公示: the public record of the decision, due within 7 / 20 working days (issue #8)."""
    from zhifa.portal.services import disclosure_build

    disclosure_build(case=case, actor=actor)


def _close(case: Case, actor: User, transition: Transition, params: dict[str, Any]) -> None:
    """结案 (part 2): the reason is one of guards.CLOSING_REASONS, already checked by `closing_lawful`."""
    Case.objects.filter(pk=case.pk).update(closed_on=_today(),
                                           closing_reason=guards.CLOSING_REASONS[params["closing_reason"]][:200])


EFFECTS = {
    "approve_filing": _approve_filing,
    "close": _close,
    "reject_filing": _reject_filing,
    "submit_report": _submit_report,
    "review_pass": _review,
    "review_final": _review,
    "review_return": _review,
    "review_reject": _review,
    "issue_notice": _issue_notice,
    "request_hearing": _request_hearing,
    "hearing_held": _hearing_held,
    "hearing_dropped": _hearing_dropped,
    "decide": _decide,
    "decide_not_punished": _decide_not_punished,
    "dismiss": _dismiss,
}


def _approval_decide(approval: Approval, actor: User, decision: str, opinion: str) -> None:
    Approval.objects.filter(pk=approval.pk).update(decision=decision, opinion=opinion, decided_by=actor,
                                                   decided_at=timezone.now())


def review_decide(*, case: Case, actor: User, decision: str, opinion: str = "",
                  expected_version: int | None = None, _discussion: bool = False) -> Case:
    """Decide the pending step of the review chain: pass (the last one approves the case), return, reject.

    The collective-discussion step is decided only through collective_discussion_record (art. 57)."""
    step = guards.pending_step(case)
    if step is not None and step.kind == Approval.Kind.COLLECTIVE and not _discussion:
        raise DomainError("本环节须由局领导集体讨论决定（《行政处罚法》第五十七条），请记录集体讨论。")
    if decision == "approved":
        chain = guards.chain_approvals(case)
        undecided = [a for a in chain if a.decision == Approval.Decision.PENDING]
        action = "review_final" if len(undecided) == 1 else "review_pass"
    else:
        action = {"returned": "review_return", "rejected": "review_reject"}.get(decision, "")
        if not action:
            raise DomainError("请选择审核结论。", field="decision")
    return case_transition(case=case, action=action, actor=actor, expected_version=expected_version,
                           reason=opinion, opinion=opinion)


def collective_discussion_record(
    *, case: Case, actor: User, held_at: dt.datetime, place: str, participants: list[User],
    opinions: list[dict[str, str]], conclusion: str, approved: bool, expected_version: int | None = None,
) -> Case:
    """Art. 57: the leaders' collective discussion is the approval step of a major case."""
    step = guards.pending_step(case)
    if step is None or step.kind != Approval.Kind.COLLECTIVE:
        raise DomainError("本案当前没有待集体讨论的环节。")
    leaders = [p for p in participants if p.has_role(Role.BUREAU_LEADER)]
    if len(leaders) < 2:
        raise DomainError("集体讨论须有两名以上局领导参加。", field="participants")
    if not conclusion.strip():
        raise DomainError("请填写讨论结论。", field="conclusion")
    with transaction.atomic():
        case = review_decide(case=case, actor=actor, decision="approved" if approved else "rejected",
                             opinion=conclusion, expected_version=expected_version, _discussion=True)
        discussion = CollectiveDiscussion.objects.create(
            case=case, held_at=held_at, place=place, opinions=opinions, conclusion=conclusion, approved=approved,
            approval=step,
        )
        discussion.participants.set(participants)
    return case


# --- investigation ---------------------------------------------------------------------------------------------
INVESTIGATION_STATES = {Case.State.INVESTIGATING}
# Filed and not yet decided: the states in which the decision period runs.
OPEN_STATES = {Case.State.INVESTIGATING, Case.State.REVIEWING, Case.State.APPROVED, Case.State.NOTIFIED,
               Case.State.HEARING}


def _require_leader_approver(case: Case, approver: User, what: str) -> None:
    """An approval by the bureau's leader who is not an officer of the case (办审分离)."""
    if (not approver.has_role(Role.BUREAU_LEADER) or approver.bureau_id != case.bureau_id
            or guards.actor_is_case_officer(case, approver, include_recused=True)):
        raise DomainError(f"{what}须经本局负责人批准，且审批人不能是本案办案人员。", field="approver")


def _require_state(case: Case, allowed: Iterable[str], what: str) -> None:
    if case.state not in allowed:
        raise DomainError(f"本案当前状态为“{case.get_state_display()}”，不能{what}。", code="wrong_state")


def _require_case_staff(case: Case, actor: User, *, assistants: bool = False) -> None:
    """Officers of the case act; assistants may record (协管员: may record, may not decide or sign)."""
    if guards.actor_is_case_officer(case, actor):
        return
    if assistants and actor.has_role(Role.ASSISTANT) and actor.department_id == case.department_id:
        return
    raise DomainError("只有本案办案人员可以办理此事项。", code="forbidden")


@dataclass(frozen=True)
class RecordData:
    kind: str
    place: str
    started_at: dt.datetime
    ended_at: dt.datetime
    content: str
    officers: list[Officer]
    subject: str = ""
    signed_by_subject: bool = False


def record_add(*, case: Case, data: RecordData, actor: User) -> Record:
    _require_state(case, {Case.State.INVESTIGATING, Case.State.NOTIFIED, Case.State.HEARING}, "制作笔录")
    _require_case_staff(case, actor, assistants=True)
    if data.ended_at < data.started_at:
        raise DomainError("笔录结束时间早于开始时间。", field="ended_at")
    if not data.content.strip():
        raise DomainError("请填写笔录内容。", field="content")
    if len(data.officers) < 2:
        raise DomainError("询问、检查时执法人员不得少于两人（《行政处罚法》第五十五条）。", field="officers")
    acting = {link.officer_id for link in guards.acting_officers(case)}
    if any(officer.pk not in acting for officer in data.officers):
        raise DomainError("笔录中的执法人员须为本案未回避的办案人员。", field="officers")
    with transaction.atomic():
        record = Record.objects.create(case=case, kind=data.kind, place=data.place, started_at=data.started_at,
                                       ended_at=data.ended_at, subject=data.subject, content=data.content,
                                       recorder=actor, signed_by_subject=data.signed_by_subject)
        record.officers.set(data.officers)
        _timeline(case=case, actor=actor, action="case.record", text=f"制作{record.get_kind_display()}（{data.place}）")
        audit_record(actor=actor, action="case.record", obj=case, after={"kind": data.kind, "record": record.pk})
    return record


def evidence_add(*, case: Case, stored: Any, kind: str, title: str, collected_at: dt.datetime, how: str,
                 original_name: str, actor: User) -> Evidence:
    """Register a file already stored by evidence_store (hash, size, type computed while streaming)."""
    # After the decision: proof of service, bank receipts, the party's consent, court rulings.
    _require_state(case, {Case.State.INVESTIGATING, Case.State.NOTIFIED, Case.State.HEARING, Case.State.DECIDED,
                          Case.State.NOT_PUNISHED}, "登记证据")
    _require_case_staff(case, actor, assistants=True)
    if not title.strip():
        raise DomainError("请填写证据名称。", field="title")
    with transaction.atomic():
        evidence = Evidence.objects.create(
            case=case, kind=kind, title=title.strip(), sha256=stored.sha256, size=stored.size,
            content_type=stored.content_type, original_name=original_name[:255], collected_at=collected_at,
            collected_by=actor, how=how.strip(),
        )
        _timeline(case=case, actor=actor, action="case.evidence",
                  text=f"登记证据：{evidence.title}（SHA-256 {stored.sha256[:12]}…）")
        audit_record(actor=actor, action="case.evidence", obj=case,
                     after={"evidence": evidence.pk, "sha256": stored.sha256, "size": stored.size})
    return evidence


@dataclass(frozen=True)
class RecordingData:
    device: str
    started_at: dt.datetime
    ended_at: dt.datetime
    what: str
    officers: list[Officer] = field(default_factory=list)
    evidence: Evidence | None = None


def recording_add(*, case: Case, data: RecordingData, actor: User) -> Recording:
    _require_state(case, {Case.State.INVESTIGATING, Case.State.NOTIFIED, Case.State.HEARING}, "登记音像记录")
    _require_case_staff(case, actor, assistants=True)
    if data.ended_at <= data.started_at:
        raise DomainError("音像记录的结束时间应晚于开始时间。", field="ended_at")
    if data.evidence is not None and data.evidence.case_id != case.pk:
        raise DomainError("所选音像文件不属于本案。", field="evidence")
    with transaction.atomic():
        recording = Recording.objects.create(case=case, device=data.device, started_at=data.started_at,
                                             ended_at=data.ended_at, what=data.what, evidence=data.evidence,
                                             created_by=actor)
        recording.officers.set(data.officers)
        _timeline(case=case, actor=actor, action="case.recording", text=f"音像记录：{data.what}（{data.device}）")
        audit_record(actor=actor, action="case.recording", obj=case, after={"recording": recording.pk})
    return recording


# Preservation (art. 56), sealing and seizure (行政强制法 art. 18, 25) and the extension of the decision
# period are asked for by an officer of the case and take effect only when a bureau leader who is not an
# officer of the case approves them on the case page (办审分离). The request is a pending Approval whose
# payload holds what was asked; approving it creates the measure (or the extension) with its deadline.


def _measure_request(*, case: Case, kind: str, payload: dict[str, Any], summary: str, actor: User) -> Approval:
    with transaction.atomic():
        approval = Approval.objects.create(case=case, kind=kind, requested_by=actor,
                                           payload={**payload, "summary": summary})
        _timeline(case=case, actor=actor, action="case.measure_request", text=f"报请局领导审批：{summary}")
        audit_record(actor=actor, action="case.measure_request", obj=case, after={"approval": approval.pk, **payload})
    return approval


def _pending_measure(case: Case, kind: str, key: str = "", value: Any = None) -> bool:
    pending = Approval.objects.filter(case=case, kind=kind, decision=Approval.Decision.PENDING)
    return any(value is None or a.payload.get(key) == value for a in pending)


def preservation_apply(*, case: Case, items: str, place: str, started_on: dt.date, actor: User) -> Approval:
    """Art. 56: an officer asks to register and preserve evidence; a leader's approval makes it take effect."""
    _require_state(case, INVESTIGATION_STATES, "先行登记保存证据")
    _require_case_staff(case, actor)
    if not items.strip() or not place.strip():
        raise DomainError("请填写保存物品清单和保存地点。", field="items")
    _date_between(started_on, case.filed_on, "保存日期", "立案日期", field="started_on")
    return _measure_request(case=case, kind=Approval.Kind.PRESERVATION,
                            payload={"items": items, "place": place, "started_on": started_on.isoformat()},
                            summary=f"先行登记保存（{started_on}）：{items[:60]}", actor=actor)


def _preservation_start(case: Case, approval: Approval, approver: User) -> Preservation:
    data = approval.payload
    started_on = dt.date.fromisoformat(data["started_on"])
    _require_state(case, INVESTIGATION_STATES, "先行登记保存证据")
    deadline = _deadline_start(rule="preservation_decision", start=started_on, case=case)
    preservation = Preservation.objects.create(case=case, items=data["items"], place=data["place"],
                                               started_on=started_on, decision_due=deadline.due, approval=approval)
    _timeline(case=case, actor=approver, action="case.preservation",
              text=f"批准先行登记保存，处理决定期限 {deadline.due}（《行政处罚法》第五十六条）")
    return preservation


def preservation_decide(*, preservation: Preservation, outcome: str, actor: User) -> None:
    case = preservation.case
    _require_case_staff(case, actor)
    if preservation.decided_on is not None:
        raise DomainError("该先行登记保存已作出处理决定。")
    with transaction.atomic():
        Preservation.objects.filter(pk=preservation.pk).update(outcome=outcome, decided_on=_today())
        CaseDeadline.objects.filter(case=case, rule="preservation_decision", due=preservation.decision_due,
                                    met_on__isnull=True).update(met_on=_today())
        _timeline(case=case, actor=actor, action="case.preservation_decide", text=f"先行登记保存处理决定：{outcome}")
        audit_record(actor=actor, action="case.preservation_decide", obj=case, after={"outcome": outcome})


def _seizure_days_check(days: int) -> None:
    if not 1 <= days <= SEIZURE_MAX_DAYS:
        raise DomainError(f"查封、扣押的期限（及延长的期限）不得超过 {SEIZURE_MAX_DAYS} 日（《行政强制法》第二十五条）。",
                          field="days")


def seizure_apply(*, case: Case, kind: str, items: str, started_on: dt.date, days: int, actor: User) -> Approval:
    """行政强制法 art. 18, 25: sealing or seizure for at most 30 days, effective on a leader's approval."""
    _require_state(case, INVESTIGATION_STATES, "查封、扣押")
    _require_case_staff(case, actor)
    _seizure_days_check(days)
    if kind not in Seizure.Kind.values:
        raise DomainError("请选择查封或扣押。", field="kind")
    if not items.strip():
        raise DomainError("请填写财物清单。", field="items")
    _date_between(started_on, case.filed_on, "实施日期", "立案日期", field="started_on")
    label = Seizure.Kind(kind).label
    return _measure_request(case=case, kind=Approval.Kind.SEIZURE,
                            payload={"measure": "apply", "kind": kind, "items": items,
                                     "started_on": started_on.isoformat(), "days": days},
                            summary=f"{label}{days}日（自 {started_on}）：{items[:60]}", actor=actor)


def _seizure_start(case: Case, approval: Approval, approver: User) -> Seizure:
    data = approval.payload
    started_on = dt.date.fromisoformat(data["started_on"])
    _require_state(case, INVESTIGATION_STATES, "查封、扣押")
    deadline = _deadline_start(rule="seizure", start=started_on, case=case, amount=int(data["days"]))
    seizure = Seizure.objects.create(case=case, kind=data["kind"], items=data["items"], started_on=started_on,
                                     ends_on=deadline.due, approval=approval)
    _timeline(case=case, actor=approver, action="case.seizure",
              text=f"批准{seizure.get_kind_display()}，期限至 {deadline.due}（《行政强制法》第二十五条）")
    return seizure


def _seizure_extendable(seizure: Seizure) -> None:
    if seizure.extended:
        raise DomainError("查封、扣押只能延长一次（《行政强制法》第二十五条）。")
    if seizure.released_on is not None:
        raise DomainError("该查封、扣押已解除，不能延长。")
    if _today() > seizure.ends_on:
        raise DomainError("查封、扣押期限已届满，不能再延长；请依法解除或作出处理决定。")


def seizure_extend(*, seizure: Seizure, days: int, reason: str, actor: User) -> Approval:
    """Once, by at most 30 days, on the leader's approval (行政强制法 art. 25)."""
    case = seizure.case
    _require_case_staff(case, actor)
    _seizure_extendable(seizure)
    _seizure_days_check(days)
    if not reason.strip():
        raise DomainError("请填写延长理由（情况复杂的具体情形）。", field="reason")
    if _pending_measure(case, Approval.Kind.SEIZURE, "seizure", seizure.pk):
        raise DomainError("该查封、扣押已有待审批的延长申请，请等待局领导审批。")
    return _measure_request(case=case, kind=Approval.Kind.SEIZURE,
                            payload={"measure": "extend", "seizure": seizure.pk, "days": days, "reason": reason},
                            summary=f"延长{seizure.get_kind_display()}{days}日：{reason[:60]}", actor=actor)


def _seizure_extension_apply(case: Case, approval: Approval, approver: User) -> Seizure:
    seizure = Seizure.objects.select_for_update().get(pk=approval.payload["seizure"], case=case)
    _seizure_extendable(seizure)
    days = int(approval.payload["days"])
    new_end = seizure.ends_on + dt.timedelta(days=days)
    Seizure.objects.filter(pk=seizure.pk).update(ends_on=new_end, extended=True)
    CaseDeadline.objects.filter(case=case, rule="seizure", due=seizure.ends_on, met_on__isnull=True).update(
        due=new_end, extension_days=days)
    _timeline(case=case, actor=approver, action="case.seizure_extend",
              text=f"批准延长{seizure.get_kind_display()}至 {new_end}：{approval.payload['reason']}")
    seizure.refresh_from_db()
    return seizure


def seizure_release(*, seizure: Seizure, released_on: dt.date, reason: str, actor: User) -> None:
    """Release sealed or seized property (行政强制法 art. 28); the seizure's deadline is met."""
    case = seizure.case
    _require_case_staff(case, actor)
    if seizure.released_on is not None:
        raise DomainError("该查封、扣押已解除。")
    if not seizure.started_on <= released_on <= _today():
        raise DomainError("解除日期应在实施日期至今天之间。", field="released_on")
    if not reason.strip():
        raise DomainError("请填写解除理由。", field="reason")
    with transaction.atomic():
        Seizure.objects.filter(pk=seizure.pk).update(released_on=released_on)
        CaseDeadline.objects.filter(case=case, rule="seizure", due=seizure.ends_on, met_on__isnull=True).update(
            met_on=released_on)
        _timeline(case=case, actor=actor, action="case.seizure_release",
                  text=f"解除{seizure.get_kind_display()}（{released_on}）：{reason}")
        audit_record(actor=actor, action="case.seizure_release", obj=case, after={"released_on": released_on})


# --- the investigation report ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportData:
    facts_found: str
    outcome: str
    facts: CaseFacts
    warning: bool = False
    fine_fen: int | None = None
    confiscation: str = ""
    other_penalty: str = ""
    deviation_reason: str = ""


def hearing_right_applies(case: Case, report: InvestigationReport) -> bool:
    """Art. 63: a large fine (the bureau's 较大数额), or a licence revoked, suspension or closure ordered."""
    threshold = hearing_threshold_for(bureau=case.bureau)
    organisation = case.parties.filter(kind=Party.Kind.ORGANISATION).exists()
    limit = threshold.organisation_fen if organisation else threshold.citizen_fen
    heavy_kinds = ("吊销", "责令停产停业", "责令关闭", "限制从业", "降低资质等级", "没收")
    return bool(report.fine_fen and report.fine_fen >= limit) or any(k in report.other_penalty for k in heavy_kinds)


def _legal_review_grounds(case: Case, report: InvestigationReport, deviation: str) -> list[str]:
    """Art. 58 and the bureau's list of major decisions: why this proposal needs legal review."""
    grounds = []
    if case.matter.needs_legal_review:
        grounds.append("执法事项目录标注为须法制审核的事项")
    if hearing_right_applies(case, report):
        grounds.append("拟作出的处罚直接关系当事人重大权益，适用听证程序（第五十八条第一款第二项、第六十三条）")
    if case.is_major:
        grounds.append("案件情况疑难复杂、涉及多个法律关系（第五十八条第一款第三项）")
    if deviation:
        grounds.append("处理意见偏离裁量基准")
    if case.matter.penalties.filter(kind__in=[PenaltyKind.Kind.REVOKE_LICENCE, PenaltyKind.Kind.SUSPEND]).exists() \
            and report.other_penalty:
        grounds.append("拟吊销许可证件或责令停产停业")
    return grounds


def report_save(*, case: Case, data: ReportData, actor: User) -> InvestigationReport:
    """Write the report of this round with the recommendation next to the proposal; a proposal outside the
    recommendation is marked and needs a written reason, and legal review is flagged (art. 34, 58)."""
    _require_state(case, INVESTIGATION_STATES, "填写调查终结报告")
    _require_case_staff(case, actor)
    if data.outcome not in InvestigationReport.Outcome.values:
        raise DomainError("请选择处理意见。", field="outcome")
    if not data.facts_found.strip():
        raise DomainError("请填写调查认定的事实。", field="facts_found")
    punish = data.outcome == InvestigationReport.Outcome.PENALTY
    if punish and not (data.warning or data.fine_fen or data.confiscation or data.other_penalty):
        raise DomainError("处理意见为给予行政处罚时，请填写处罚种类和幅度。", field="fine_yuan")
    recommendation = discretion_recommend(matter=case.matter, facts=data.facts)
    deviation = recommendation_check(recommendation=recommendation, punish=punish, fine_fen=data.fine_fen)
    with transaction.atomic():
        round_ = guards.current_round(case) + 1
        case.reports.filter(round=round_).delete()  # a draft of this round is replaced, older rounds stay
        report = InvestigationReport(
            case=case, round=round_, facts_found=data.facts_found.strip(), outcome=data.outcome,
            warning=data.warning, fine_fen=data.fine_fen, confiscation=data.confiscation,
            other_penalty=data.other_penalty, facts_json=asdict(data.facts),
            recommendation={"outcome": recommendation.outcome, "label": recommendation.label,
                            "reasons": recommendation.reasons, "articles": recommendation.articles,
                            "min_fen": recommendation.min_fen, "max_fen": recommendation.max_fen},
            deviation=deviation.message if deviation else "", deviation_reason=data.deviation_reason.strip(),
            author=actor,
        )
        grounds = _legal_review_grounds(case, report, report.deviation)
        report.needs_legal_review = bool(grounds)
        report.legal_review_grounds = grounds
        report.save()
        _timeline(case=case, actor=actor, action="case.report",
                  text=f"调查终结报告（第{round_}稿）：{report.penalty_label}；裁量建议：{recommendation.label}")
        audit_record(actor=actor, action="case.report", obj=case,
                     after={"round": round_, "proposal": report.penalty_label, "deviation": report.deviation})
    return report


# --- the party's rights -----------------------------------------------------------------------------------------
def statement_record(*, case: Case, received_on: dt.date, content: str, adopted: bool, response: str,
                     actor: User) -> Statement:
    """Record the party's statement and defence (art. 45); the bureau must review it."""
    _require_state(case, {Case.State.NOTIFIED, Case.State.HEARING}, "记录陈述申辩")
    _require_case_staff(case, actor, assistants=True)
    notice = guards.latest_notice(case)
    _date_between(received_on, notice.served_on if notice else None, "收到陈述申辩的日期", "事先告知书送达之日",
                  field="received_on")
    if not content.strip():
        raise DomainError("请填写当事人陈述申辩的内容。", field="content")
    with transaction.atomic():
        statement = Statement.objects.create(case=case, received_on=received_on, content=content, adopted=adopted,
                                             response=response, recorded_by=actor)
        _timeline(case=case, actor=actor, action="case.statement",
                  text=f"收到当事人陈述申辩（{'采纳' if adopted else '不予采纳'}）")
        audit_record(actor=actor, action="case.statement", obj=case, after={"adopted": adopted})
    return statement


def rights_waive(*, case: Case, waived_on: dt.date, actor: User) -> None:
    """The party waives statement and hearing in writing: the decision may come before the periods end."""
    _require_state(case, {Case.State.NOTIFIED}, "记录放弃陈述申辩")
    _require_case_staff(case, actor)
    notice = guards.latest_notice(case)
    if notice is None:
        raise DomainError("本案尚未送达事先告知书。")
    if not notice.served_on <= waived_on <= _today():
        raise DomainError(f"放弃日期应在告知书送达日（{notice.served_on}）至今天之间。", field="waived_on")
    with transaction.atomic():
        PriorNotice.objects.filter(pk=notice.pk).update(waived_on=waived_on)
        CaseDeadline.objects.filter(case=case, rule__in=("statement", "hearing_request"), met_on__isnull=True).update(
            met_on=waived_on)
        _timeline(case=case, actor=actor, action="case.waive", text=f"当事人于 {waived_on} 书面放弃陈述、申辩和听证权利")
        audit_record(actor=actor, action="case.waive", obj=case, after={"waived_on": waived_on})


def hearing_schedule(*, case: Case, presiding: User, scheduled_on: dt.date, place: str, notice_served_on: dt.date,
                     representatives: str, actor: User) -> Hearing:
    """Art. 64: the presiding officer did not investigate; the notice goes out at least 7 working days before."""
    _require_state(case, {Case.State.HEARING}, "安排听证")
    _require_case_staff(case, actor)
    if presiding.bureau_id != case.bureau_id or not presiding.is_active:
        raise DomainError("听证主持人须为本局工作人员。", field="presiding")
    if guards.actor_is_case_officer(case, presiding, include_recused=True):
        raise DomainError("听证由行政机关指定的非本案调查人员主持（《行政处罚法》第六十四条第四项），请另选主持人。",
                          field="presiding")
    if representatives.count("、") + representatives.count(",") + 1 > 2 and representatives.strip():
        raise DomainError("当事人可以委托一至二人代理（《行政处罚法》第六十四条第五项）。", field="representatives")
    pending = case.hearings.filter(outcome=Hearing.Outcome.PENDING).first()
    _date_between(notice_served_on, pending.requested_on if pending else None, "听证通知送达日期", "听证申请之日",
                  field="notice_served_on")
    earliest = deadline_compute(rule="hearing_notice", start=notice_served_on, bureau=case.bureau).due
    if scheduled_on < earliest:
        raise DomainError(f"听证通知于 {notice_served_on} 送达的，听证最早在 {earliest} 举行（第六十四条：七日前通知）。",
                          field="scheduled_on")
    with transaction.atomic():
        hearing = case.hearings.get(outcome=Hearing.Outcome.PENDING)
        Hearing.objects.filter(pk=hearing.pk).update(presiding=presiding, scheduled_on=scheduled_on, place=place,
                                                     notice_served_on=notice_served_on,
                                                     representatives=representatives)
        _timeline(case=case, actor=actor, action="case.hearing_schedule",
                  text=f"安排听证：{scheduled_on} {place}，主持人 {presiding.display_name}")
        audit_record(actor=actor, action="case.hearing_schedule", obj=case, after={"on": scheduled_on})
    hearing.refresh_from_db()
    return hearing


def decision_extend(*, case: Case, days: int, reason: str, actor: User,
                    discussion: CollectiveDiscussion | None = None, expected_version: int | None = None) -> Approval:
    """Art. 60 practice: an officer asks for +30 days, a leader approves; longer only by collective discussion."""
    if expected_version is not None and Case.objects.filter(pk=case.pk).values_list("version", flat=True).first() \
            != expected_version:
        raise ChangedMeanwhile()
    _require_state(case, OPEN_STATES, "延长办案期限")
    _require_case_staff(case, actor)
    if days <= 0:
        raise DomainError("请填写延长的天数。", field="days")
    if days > 30 and discussion is None:
        raise DomainError("延长超过 30 日的，须经集体讨论决定。", field="days")
    if not reason.strip():
        raise DomainError("请填写延长理由。", field="reason")
    if case.decision_due is None:
        raise DomainError("本案尚未立案。")
    if _pending_measure(case, Approval.Kind.EXTENSION):
        raise DomainError("本案已有待审批的延期申请，请等待局领导审批。")
    return _measure_request(case=case, kind=Approval.Kind.EXTENSION,
                            payload={"days": days, "reason": reason,
                                     "discussion": discussion.pk if discussion is not None else None},
                            summary=f"延长办案期限{days}日：{reason[:60]}", actor=actor)


def _decision_extension_apply(case: Case, approval: Approval, approver: User) -> Case:
    _require_state(case, OPEN_STATES, "延长办案期限")
    if case.decision_due is None:
        raise DomainError("本案尚未立案。")
    days = int(approval.payload["days"])
    new_due = case.decision_due + dt.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(decision_due=new_due, version=F("version") + 1)
    CaseDeadline.objects.filter(case=case, rule="decision", met_on__isnull=True).update(
        due=new_due, extension_days=F("extension_days") + days)
    _timeline(case=case, actor=approver, action="case.extend",
              text=f"批准延长办案期限至 {new_due}：{approval.payload['reason']}")
    return case


MEASURE_LAW: dict[str, str] = {  # what the approval is, with its article, for the message when the approver may not give it
    Approval.Kind.PRESERVATION: "先行登记保存（《行政处罚法》第五十六条）",
    Approval.Kind.SEIZURE: "查封、扣押及其延长（《行政强制法》第十八条、第二十五条）",
    Approval.Kind.EXTENSION: "延长办案期限（《行政处罚法》第六十条）",
    Approval.Kind.PAYMENT_PLAN: "暂缓或分期缴纳罚款（《行政处罚法》第六十六条）",
    Approval.Kind.CLOSING: "结案",
    Approval.Kind.TRANSFER: "涉嫌犯罪案件移送（行政执法机关移送涉嫌犯罪案件的规定第五条）",
}
MEASURE_EFFECTS: dict[tuple[str, str], Any] = {
    (Approval.Kind.PRESERVATION, ""): _preservation_start,
    (Approval.Kind.SEIZURE, "apply"): _seizure_start,
    (Approval.Kind.SEIZURE, "extend"): _seizure_extension_apply,
    (Approval.Kind.EXTENSION, ""): _decision_extension_apply,
}


def _measure_effect(approval: Approval) -> Any:
    if approval.kind in (Approval.Kind.PAYMENT_PLAN, Approval.Kind.CLOSING, Approval.Kind.TRANSFER):
        from zhifa.cases import execution  # part 2 builds on these services: imported when needed, no cycle

        return execution.EFFECTS[approval.kind]
    return MEASURE_EFFECTS[(approval.kind, approval.payload.get("measure", ""))]


def measure_decide(*, approval: Approval, actor: User, approved: bool, opinion: str = "") -> Approval:
    """A bureau leader who is not an officer of the case approves or refuses a requested measure or extension.

    Approving applies it (the preservation or seizure with its deadline, the longer period) in the same
    transaction; if the case has moved on so that it is no longer lawful, nothing changes and the message says why.
    """
    if approval.kind not in MEASURE_KINDS or approval.case is None:
        raise DomainError("这不是待审批的措施或延期申请。")
    case = approval.case
    _require_leader_approver(case, actor, MEASURE_LAW[approval.kind])
    if not approved and not opinion.strip():
        raise DomainError("不同意的，请写明理由。", field="opinion")
    effect = _measure_effect(approval)
    summary = approval.payload.get("summary", approval.get_kind_display())
    with transaction.atomic():
        decided = Approval.objects.filter(pk=approval.pk, decision=Approval.Decision.PENDING).update(
            decision=Approval.Decision.APPROVED if approved else Approval.Decision.REJECTED,
            opinion=opinion or "同意", decided_by=actor, decided_at=timezone.now())
        if not decided:
            raise ChangedMeanwhile("该申请已由他人审批，请刷新页面查看结果。")
        if approved:
            effect(Case.objects.select_for_update().get(pk=case.pk), approval, actor)
        else:
            if approval.kind == Approval.Kind.TRANSFER:
                from zhifa.cases.execution import transfer_refused

                transfer_refused(case, approval)
            _timeline(case=case, actor=actor, action="case.measure_refused", text=f"不同意{summary}：{opinion}")
        audit_record(actor=actor, action="case.measure_decide", obj=case,
                     after={"approval": approval.pk, "approved": approved, "opinion": opinion})
    approval.refresh_from_db()
    return approval
