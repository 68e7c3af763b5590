"""Every write of case handling part 2: after the decision — service, payment, deferral and instalments, late
fee, reconsideration and litigation, the reminder and the application to the court, closing — and transfers.

The same conventions as services.py: one transaction each, a timeline line and an audit event, DomainError with
a Chinese message that says what is wrong, which article, and what to do. Requests that need a leader
(deferral or instalments, closing, a crime transfer) are pending approvals decided by services.measure_decide,
whose effects for these kinds are the `_…_apply` functions here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.audit.services import audit_record
from zhifa.cases.guards import CLOSING_REASONS
from zhifa.cases.models import (
    Approval,
    Case,
    CaseDeadline,
    CourtEnforcement,
    Decision,
    Evidence,
    Payment,
    PaymentPlan,
    Remedy,
    Service,
    SharingLetter,
    Transfer,
)
from zhifa.cases.performance import Performance
from zhifa.cases.services import (
    _date_between,
    _deadline_start,
    _measure_request,
    _pending_measure,
    _require_case_staff,
    _require_state,
    _timeline,
    _today,
    case_transition,
)
from zhifa.lib.errors import DomainError
from zhifa.lib.money import yuan_text

S = Case.State
TRANSFER_HOURS = 24  # 行政执法机关移送涉嫌犯罪案件的规定第五条: transferred within 24 hours of approval
AFTER_DECISION = {S.DECIDED, S.NOT_PUNISHED}



def _deadline_fixed(*, case: Case, rule: str, label: str, citation: str, start: dt.date, due: dt.date) -> None:
    """A deadline whose due date is set by a decision (an approved instalment plan), not computed by a rule."""
    CaseDeadline.objects.create(case=case, rule=rule, label=label, citation=citation, start=start, due=due,
                                amount=(due - start).days, unit="days")


# --- service (送达, art. 61) ----------------------------------------------------------------------------------
def decision_serve(*, case: Case, method: str, served_on: dt.date, receiver: str, actor: User, witnesses: str = "",
                   address: str = "", proof: Evidence | None = None, consent: Evidence | None = None) -> Service:
    """Serve the decision. The first service starts the party's periods: payment (15 days, art. 67),
    reconsideration (60 days), litigation (6 months); it meets the bureau's 7-working-day service period."""
    _require_state(case, AFTER_DECISION, "送达处理决定书")
    _require_case_staff(case, actor)
    if case.procedure == Case.Procedure.SIMPLE:
        raise DomainError("当场处罚决定书已当场交付当事人（《行政处罚法》第五十二条），无需另行送达。")
    if method not in Service.Method.values:
        raise DomainError("请选择送达方式。", field="method")
    if not receiver.strip():
        raise DomainError("请填写受送达人或签收人。", field="receiver")
    _date_between(served_on, case.decided_on, "送达日期", "决定日期", field="served_on")
    if method == Service.Method.LEFT and not witnesses.strip():
        raise DomainError("留置送达须有见证人，请填写见证人姓名（民事诉讼法第八十九条）。", field="witnesses")
    if method == Service.Method.ELECTRONIC and consent is None:
        raise DomainError("电子送达须当事人书面同意（《行政处罚法》第六十一条）：请先上传当事人签署的确认书，再选择它。",
                          field="consent")
    for evidence in (proof, consent):
        if evidence is not None and evidence.case_id != case.pk:
            raise DomainError("所选文件不属于本案。", field="proof")
    with transaction.atomic():
        first = not Service.objects.filter(case=case).exists()
        service = Service.objects.create(case=case, method=method, served_on=served_on, receiver=receiver.strip(),
                                         witnesses=witnesses.strip(), address=address.strip(), proof=proof,
                                         consent=consent, recorded_by=actor)
        text = f"送达行政处罚决定书（{service.get_method_display()}，{served_on}，{service.receiver}签收）"
        if first:
            Case.objects.filter(pk=case.pk).update(served_on=served_on)
            CaseDeadline.objects.filter(case=case, rule="service", met_on__isnull=True).update(met_on=served_on)
            decision = Decision.objects.get(case=case)
            if decision.kind == Decision.Kind.PENALTY and decision.fine_fen:
                _deadline_start(rule="payment", start=served_on, case=case)
            _deadline_start(rule="reconsideration", start=served_on, case=case)
            _deadline_start(rule="litigation", start=served_on, case=case)
            text += "；当事人缴纳罚款、申请复议、提起诉讼的期限自送达之日起算"
        _timeline(case=case, actor=actor, action="case.serve", text=text)
        audit_record(actor=actor, action="case.serve", obj=case,
                     after={"method": method, "served_on": served_on, "proof": proof.pk if proof else None})
    return service


def _require_served(case: Case) -> Performance:
    state = Performance(case, _today())
    if state.served_on is None:
        raise DomainError("处罚决定书尚未送达：请先登记送达。")
    return state


# --- payment (罚缴分离, art. 67; deferral and instalments, art. 66) -------------------------------------------
def payment_record(*, case: Case, kind: str, amount_fen: int, paid_on: dt.date, receipt_number: str, actor: User,
                   bank: str = "") -> Payment:
    """A payment at the bank, recorded against its receipt (the bureau never collects: 罚缴分离)."""
    _require_state(case, {S.DECIDED}, "登记缴纳")
    _require_case_staff(case, actor)
    state = _require_served(case)
    if kind not in Payment.Kind.values:
        raise DomainError("请选择款项。", field="kind")
    if amount_fen <= 0:
        raise DomainError("缴纳金额应大于零。", field="amount_yuan")
    if not receipt_number.strip():
        raise DomainError("请填写银行缴款凭证号（罚缴分离，《行政处罚法》第六十七条）。", field="receipt_number")
    assert state.served_on is not None
    _date_between(paid_on, state.served_on, "缴纳日期", "决定书送达之日", field="paid_on")
    owed = state.unpaid_fine_fen if kind == Payment.Kind.FINE else Performance(case, paid_on).late_fee_unpaid_fen
    if amount_fen > owed:
        what = "未缴罚款" if kind == Payment.Kind.FINE else f"截至 {paid_on} 的加处罚款"
        raise DomainError(f"缴纳金额超过{what}（{yuan_text(owed)}），请核对凭证。", field="amount_yuan")
    with transaction.atomic():
        payment = Payment.objects.create(case=case, kind=kind, amount_fen=amount_fen, paid_on=paid_on,
                                         receipt_number=receipt_number.strip(), bank=bank.strip(), recorded_by=actor)
        if kind == Payment.Kind.FINE and amount_fen == owed:
            CaseDeadline.objects.filter(case=case, rule="payment", met_on__isnull=True, cancelled=False).update(
                met_on=paid_on)
        _timeline(case=case, actor=actor, action="case.payment",
                  text=f"缴纳{payment.get_kind_display()} {yuan_text(amount_fen)}（{paid_on}，凭证 {payment.receipt_number}）")
        audit_record(actor=actor, action="case.payment", obj=case,
                     after={"kind": kind, "fen": amount_fen, "paid_on": paid_on, "receipt": receipt_number})
    return payment


def payment_plan_request(*, case: Case, kind: str, instalments: list[tuple[dt.date, int]], reason: str,
                         actor: User) -> Approval:
    """Art. 66: the party applies for a deferral or instalments; a leader approves (measure_decide)."""
    _require_state(case, {S.DECIDED}, "申请暂缓或分期缴纳")
    _require_case_staff(case, actor)
    state = _require_served(case)
    if kind not in PaymentPlan.Kind.values:
        raise DomainError("请选择暂缓缴纳或分期缴纳。", field="kind")
    if not reason.strip():
        raise DomainError("请填写当事人的申请理由（确有经济困难）。", field="reason")
    if not instalments or (kind == PaymentPlan.Kind.DEFERRAL and len(instalments) != 1):
        raise DomainError("暂缓缴纳填写一个缴纳日期；分期缴纳每行一期。", field="instalments")
    if state.unpaid_fine_fen == 0:
        raise DomainError("罚款已缴清，无需暂缓或分期。")
    if sum(fen for _, fen in instalments) != state.unpaid_fine_fen:
        raise DomainError(f"各期金额之和应等于未缴罚款 {yuan_text(state.unpaid_fine_fen)}。", field="instalments")
    dues = [due for due, _ in instalments]
    if dues != sorted(dues) or dues[0] <= _today() or any(fen <= 0 for _, fen in instalments):
        raise DomainError("各期缴纳日期应晚于今天并依次递增，金额应大于零。", field="instalments")
    if _pending_measure(case, Approval.Kind.PAYMENT_PLAN):
        raise DomainError("已有待审批的暂缓或分期缴纳申请。")
    label = PaymentPlan.Kind(kind).label
    return _measure_request(
        case=case, kind=Approval.Kind.PAYMENT_PLAN,
        payload={"kind": kind, "reason": reason, "instalments": [{"due": d.isoformat(), "fen": f} for d, f in instalments]},
        summary=f"{label}（{len(instalments)}期，至 {dues[-1]}）：{reason[:40]}", actor=actor)


def _payment_plan_apply(case: Case, approval: Approval, approver: User) -> PaymentPlan:
    _require_state(case, {S.DECIDED}, "暂缓或分期缴纳")
    data = approval.payload
    plan = PaymentPlan.objects.create(case=case, kind=data["kind"], instalments=data["instalments"],
                                      reason=data["reason"], approval=approval)
    # The 15-day period gives way to the plan's own due dates (art. 66; the late fee counts from its end).
    today = _today()
    CaseDeadline.objects.filter(case=case, rule="payment", met_on__isnull=True).update(cancelled=True)
    for number, item in enumerate(data["instalments"], start=1):
        _deadline_fixed(case=case, rule="payment", label=f"分期缴纳第{number}期" if len(data["instalments"]) > 1
                        else "暂缓缴纳罚款期限", citation="行政处罚法第六十六条", start=today,
                        due=dt.date.fromisoformat(item["due"]))
    _timeline(case=case, actor=approver, action="case.payment_plan", text=f"批准{plan}")
    return plan


def late_fee_on(case: Case, on: dt.date | None = None) -> int:
    """The late fee still owed on a day (art. 72, 73), in fen; 0 when none."""
    return Performance(case, on or _today()).late_fee_unpaid_fen


# --- reconsideration and litigation (art. 73; withdrawal of a published decision, art. 48) --------------------
def remedy_record(*, case: Case, kind: str, filed_on: dt.date, body: str, actor: User) -> Remedy:
    _require_state(case, AFTER_DECISION | {S.CLOSED}, "登记行政复议或行政诉讼")
    _require_case_staff(case, actor)
    if kind not in Remedy.Kind.values:
        raise DomainError("请选择行政复议或行政诉讼。", field="kind")
    if not body.strip():
        raise DomainError("请填写复议机关或人民法院。", field="body")
    _date_between(filed_on, case.decided_on, "申请（起诉）日期", "决定日期", field="filed_on")
    with transaction.atomic():
        remedy = Remedy.objects.create(case=case, kind=kind, filed_on=filed_on, body=body.strip(), recorded_by=actor)
        _timeline(case=case, actor=actor, action="case.remedy",
                  text=f"当事人{remedy.get_kind_display()}（{body}，{filed_on}）；审理期间不停止执行，不加处罚款（第七十三条）")
        audit_record(actor=actor, action="case.remedy", obj=case, after={"kind": kind, "filed_on": filed_on})
    return remedy


def remedy_outcome(*, remedy: Remedy, outcome: str, outcome_on: dt.date, note: str, actor: User) -> Remedy:
    """The result; a decision changed, revoked or found illegal must be withdrawn from the portal within 3
    working days (art. 48), which starts that deadline on the case."""
    case = remedy.case
    _require_case_staff(case, actor)
    if remedy.outcome != Remedy.Outcome.PENDING:
        raise DomainError("该复议（诉讼）已登记结果。")
    if outcome not in Remedy.Outcome.values or outcome == Remedy.Outcome.PENDING:
        raise DomainError("请选择结果。", field="outcome")
    _date_between(outcome_on, remedy.filed_on, "结果日期", "申请（起诉）日期", field="outcome_on")
    with transaction.atomic():
        Remedy.objects.filter(pk=remedy.pk).update(outcome=outcome, outcome_on=outcome_on, note=note.strip())
        remedy.refresh_from_db()
        text = f"{remedy.get_kind_display()}结果：{remedy.get_outcome_display()}（{outcome_on}）"
        if remedy.overturns:
            deadline = _deadline_start(rule="disclosure_withdrawal", start=outcome_on, case=case)
            from zhifa.portal.services import disclosure_withdrawal_start

            disclosure_withdrawal_start(case=case, due=deadline.due, actor=actor)
            text += "；已公示的处罚决定须在三个工作日内撤下并说明理由（第四十八条）"
        _timeline(case=case, actor=actor, action="case.remedy_outcome", text=text + (f"：{note}" if note else ""))
        audit_record(actor=actor, action="case.remedy_outcome", obj=case, after={"outcome": outcome})
    return remedy


# --- compulsory execution through the court (行政强制法 art. 53–58) ---------------------------------------------
def court_reminder_serve(*, case: Case, served_on: dt.date, text: str, actor: User) -> CourtEnforcement:
    """Art. 54: before applying, a reminder (催告书) is served, once the reconsideration and litigation periods
    have expired with the fine unpaid. Starts the 10-working-day wait and the 3-month application limit."""
    _require_state(case, {S.DECIDED}, "催告")
    _require_case_staff(case, actor)
    state = Performance(case, served_on)
    periods_end = state.remedy_periods_end
    if periods_end is None or served_on <= periods_end:
        raise DomainError(f"申请复议、提起诉讼的期限届满后（{periods_end or '决定书送达后'}）才能催告并申请强制执行"
                          "（《行政强制法》第五十三条）。", field="served_on")
    if state.remedy_pending:
        raise DomainError("行政复议或行政诉讼尚在审理中，暂不能申请人民法院强制执行。")
    owed = state.unpaid_fine_fen + state.late_fee_unpaid_fen
    if owed == 0:
        raise DomainError("罚款和加处罚款已缴清，无需催告。")
    if hasattr(case, "court_enforcement"):
        raise DomainError("本案已催告。")
    if not text.strip():
        raise DomainError("请填写催告内容：履行期限、方式、金额和当事人的陈述申辩权利（《行政强制法》第三十五条）。",
                          field="text")
    _date_between(served_on, periods_end, "催告书送达日期", "复议、诉讼期限届满之日", field="served_on")
    with transaction.atomic():
        court = CourtEnforcement.objects.create(case=case, reminder_served_on=served_on, reminder_amount_fen=owed,
                                                reminder_text=text.strip())
        earliest = _deadline_start(rule="court_reminder", start=served_on, case=case)
        latest = _deadline_start(rule="court_application", start=periods_end, case=case)
        _timeline(case=case, actor=actor, action="case.court_reminder",
                  text=f"送达催告书（{yuan_text(owed)}），{earliest.due} 起可申请人民法院强制执行，最迟 {latest.due}")
        audit_record(actor=actor, action="case.court_reminder", obj=case, after={"served_on": served_on, "fen": owed})
    return court


def court_application_window(case: Case) -> tuple[dt.date, dt.date] | None:
    """The earliest and the latest day to apply to the court (art. 54 and 53), once the reminder was served."""
    earliest = CaseDeadline.objects.filter(case=case, rule="court_reminder").order_by("-id").first()
    latest = CaseDeadline.objects.filter(case=case, rule="court_application").order_by("-id").first()
    if earliest is None or latest is None:
        return None
    return earliest.due, latest.due


def court_apply(*, case: Case, applied_on: dt.date, court: str, actor: User) -> CourtEnforcement:
    """Art. 54: not before 10 working days after the reminder was served; art. 53: within 3 months of the
    periods' expiry. The application file (art. 55) is assembled by the documents issue."""
    _require_state(case, {S.DECIDED}, "申请人民法院强制执行")
    _require_case_staff(case, actor)
    enforcement = CourtEnforcement.objects.filter(case=case).first()
    window = court_application_window(case)
    if enforcement is None or window is None:
        raise DomainError("申请前须先送达催告书（《行政强制法》第五十四条）。")
    if enforcement.applied_on is not None:
        raise DomainError("本案已申请人民法院强制执行。")
    earliest, latest = window
    if applied_on < earliest:
        raise DomainError(f"催告书送达满十个工作日后（{earliest} 起）当事人仍未履行的，才能申请强制执行"
                          "（《行政强制法》第五十四条）。", field="applied_on")
    if applied_on > latest:
        raise DomainError(f"申请期限已于 {latest} 届满（《行政强制法》第五十三条：期限届满之日起三个月内）。",
                          field="applied_on")
    if applied_on > _today():
        raise DomainError("申请日期不能晚于今天。", field="applied_on")
    if not court.strip():
        raise DomainError("请填写受理申请的人民法院。", field="court")
    state = Performance(case, applied_on)
    if state.unpaid_fine_fen + state.late_fee_unpaid_fen == 0:
        raise DomainError("当事人已履行，无需申请强制执行。")
    with transaction.atomic():
        CourtEnforcement.objects.filter(pk=enforcement.pk).update(applied_on=applied_on, court=court.strip())
        CaseDeadline.objects.filter(case=case, rule__in=("court_reminder", "court_application"),
                                    met_on__isnull=True).update(met_on=applied_on)
        _timeline(case=case, actor=actor, action="case.court_apply", text=f"向{court}申请强制执行（{applied_on}）")
        audit_record(actor=actor, action="case.court_apply", obj=case, after={"applied_on": applied_on})
    enforcement.refresh_from_db()
    return enforcement


def court_result(*, case: Case, actor: User, accepted_on: dt.date | None = None, ruling: str = "",
                 ruled_on: dt.date | None = None, result: str = "", result_on: dt.date | None = None) -> CourtEnforcement:
    """What the court did: acceptance (the court has then taken over), its ruling, the execution result."""
    _require_case_staff(case, actor)
    enforcement = CourtEnforcement.objects.filter(case=case).first()
    if enforcement is None or enforcement.applied_on is None:
        raise DomainError("本案尚未申请人民法院强制执行。")
    if ruling and ruling not in CourtEnforcement.Ruling.values:
        raise DomainError("请选择裁定结果。", field="ruling")
    for day, field_name, label in ((accepted_on, "accepted_on", "受理日期"), (ruled_on, "ruled_on", "裁定日期"),
                                   (result_on, "result_on", "执行结果日期")):
        if day is not None:
            _date_between(day, enforcement.applied_on, label, "申请日期", field=field_name)
    changes: dict[str, Any] = {k: v for k, v in {"accepted_on": accepted_on, "ruling": ruling, "ruled_on": ruled_on,
                                                 "result": result.strip(), "result_on": result_on}.items() if v}
    if not changes:
        raise DomainError("请至少填写一项法院办理情况。", field="accepted_on")
    with transaction.atomic():
        CourtEnforcement.objects.filter(pk=enforcement.pk).update(**changes)
        enforcement.refresh_from_db()
        parts = [f"法院受理（{enforcement.accepted_on}）" if accepted_on else "",
                 f"裁定{enforcement.get_ruling_display()}（{ruled_on}）" if ruling else "",
                 f"执行结果：{enforcement.result}" if result else ""]
        _timeline(case=case, actor=actor, action="case.court_result", text="；".join(p for p in parts if p))
        audit_record(actor=actor, action="case.court_result", obj=case, after={k: str(v) for k, v in changes.items()})
    return enforcement


# --- closing (结案) ------------------------------------------------------------------------------------------------
def closing_request(*, case: Case, reason: str, note: str, actor: User) -> Approval:
    """An officer asks to close; a leader approves (measure_decide), which runs the `close` transition and
    its guard `closing_lawful` again on that day."""
    _require_state(case, {S.DECIDED, S.NOT_PUNISHED, S.DISMISSED}, "申请结案")
    _require_case_staff(case, actor)
    from zhifa.cases import guards

    problem = guards.closing_lawful(guards.GuardContext(case=case, actor=actor, today=_today(),
                                                        params={"closing_reason": reason, "closing_note": note}))
    if problem:
        raise DomainError(problem, field="reason")
    if _pending_measure(case, Approval.Kind.CLOSING):
        raise DomainError("已有待审批的结案申请。")
    summary = CLOSING_REASONS[reason] + (f"：{note.strip()}" if note.strip() else "")
    return _measure_request(case=case, kind=Approval.Kind.CLOSING, payload={"reason": reason, "note": note.strip()},
                            summary=f"结案（{summary}）", actor=actor)


def _closing_apply(case: Case, approval: Approval, approver: User) -> Case:
    reason, note = approval.payload["reason"], approval.payload.get("note", "")
    return case_transition(case=case, action="close", actor=approver, closing_reason=reason, closing_note=note,
                           timeline_text=f"结案：{CLOSING_REASONS[reason]}" + (f"（{note}）" if note else ""))


# --- transfers (案件移送, 行刑衔接) and sharing letters -----------------------------------------------------------------
def transfer_report(*, case: Case, kind: str, to_body: str, reported_on: dt.date, facts: str,
                    actor: User) -> Transfer:
    """A suspected crime is reported to the head, who decides within 3 days (a pending approval); a transfer
    to another administrative body is recorded as made."""
    _require_case_staff(case, actor)
    if kind not in Transfer.Kind.values:
        raise DomainError("请选择移送类型。", field="kind")
    if not to_body.strip() or not facts.strip():
        raise DomainError("请填写接收机关和移送理由。", field="to_body")
    _date_between(reported_on, case.filed_on or case.lead.discovered_on, "报告日期", "立案日期", field="reported_on")
    with transaction.atomic():
        transfer = Transfer.objects.create(bureau=case.bureau, case=case, kind=kind, to_body=to_body.strip(),
                                           reported_on=reported_on, facts=facts.strip(), recorded_by=actor)
        if kind == Transfer.Kind.CRIME:
            approval = _measure_request(case=case, kind=Approval.Kind.TRANSFER, payload={"transfer": transfer.pk},
                                        summary=f"涉嫌犯罪移送{to_body}：{facts[:50]}", actor=actor)
            Transfer.objects.filter(pk=transfer.pk).update(approval=approval)
            _deadline_start(rule="transfer_decision", start=reported_on, case=case)
        else:
            Transfer.objects.filter(pk=transfer.pk).update(transferred_at=timezone.now())
            _timeline(case=case, actor=actor, action="case.transfer", text=f"移送{to_body}：{facts[:80]}")
        audit_record(actor=actor, action="case.transfer", obj=case, after={"kind": kind, "to": to_body})
    transfer.refresh_from_db()
    return transfer


def _transfer_apply(case: Case, approval: Approval, approver: User) -> Transfer:
    transfer = Transfer.objects.get(pk=approval.payload["transfer"], case=case)
    CaseDeadline.objects.filter(case=case, rule="transfer_decision", met_on__isnull=True).update(met_on=_today())
    _deadline_start(rule="transfer_handover", start=_today(), case=case)
    _timeline(case=case, actor=approver, action="case.transfer_approve",
              text=f"批准移送{transfer.to_body}，应在24小时内移送")
    return transfer


def transfer_refused(case: Case, approval: Approval) -> None:
    """A refused crime transfer: its decision deadline is met (the head decided)."""
    CaseDeadline.objects.filter(case=case, rule="transfer_decision", met_on__isnull=True).update(met_on=_today())


def transfer_send(*, transfer: Transfer, transferred_at: dt.datetime, actor: User) -> Transfer:
    case = transfer.case
    _require_case_staff(case, actor)
    approval = transfer.approval
    if transfer.kind != Transfer.Kind.CRIME or approval is None or approval.decision != Approval.Decision.APPROVED:
        raise DomainError("涉嫌犯罪案件须经本机关负责人批准后才能移送。")
    if transfer.transferred_at is not None:
        raise DomainError("该案件已移送。")
    assert approval.decided_at is not None
    if not approval.decided_at <= transferred_at <= timezone.now():
        raise DomainError("移送时间应在批准之后、现在之前。", field="transferred_at")
    with transaction.atomic():
        Transfer.objects.filter(pk=transfer.pk).update(transferred_at=transferred_at)
        CaseDeadline.objects.filter(case=case, rule="transfer_handover", met_on__isnull=True).update(
            met_on=timezone.localdate(transferred_at))
        # The regulation's 24 hours are kept as hours here; the deadline row (transfer_handover) shows the day.
        late = transferred_at - approval.decided_at > dt.timedelta(hours=TRANSFER_HOURS)
        _timeline(case=case, actor=actor, action="case.transfer_send",
                  text=f"已移送{transfer.to_body}（{timezone.localtime(transferred_at):%Y-%m-%d %H:%M}）"
                       + ("，超过批准后24小时" if late else ""))
        audit_record(actor=actor, action="case.transfer_send", obj=case, after={"at": transferred_at.isoformat()})
    transfer.refresh_from_db()
    return transfer


def transfer_answer(*, transfer: Transfer, answer: str, answer_on: dt.date, reasons: str, actor: User) -> Transfer:
    case = transfer.case
    _require_case_staff(case, actor)
    if transfer.transferred_at is None:
        raise DomainError("尚未移送，不能登记答复。")
    if answer not in (Transfer.Answer.ACCEPTED, Transfer.Answer.REFUSED):
        raise DomainError("请选择答复结果。", field="answer")
    if answer == Transfer.Answer.REFUSED and not reasons.strip():
        raise DomainError("不予立案或退回的，请登记其理由。", field="reasons")
    _date_between(answer_on, timezone.localdate(transfer.transferred_at), "答复日期", "移送日期", field="answer_on")
    with transaction.atomic():
        Transfer.objects.filter(pk=transfer.pk).update(answer=answer, answer_on=answer_on, answer_reasons=reasons)
        transfer.refresh_from_db()
        _timeline(case=case, actor=actor, action="case.transfer_answer",
                  text=f"{transfer.to_body}答复：{transfer.get_answer_display()}" + (f"（{reasons}）" if reasons else ""))
        audit_record(actor=actor, action="case.transfer_answer", obj=case, after={"answer": answer})
    return transfer


def sharing_letter_record(*, case: Case, to_department: str, subject: str, sent_on: dt.date,
                          actor: User) -> SharingLetter:
    _require_case_staff(case, actor)
    if not to_department.strip() or not subject.strip():
        raise DomainError("请填写接收部门和事由。", field="to_department")
    _date_between(sent_on, case.lead.discovered_on, "发函日期", "发现案源之日", field="sent_on")
    with transaction.atomic():
        letter = SharingLetter.objects.create(bureau=case.bureau, case=case, to_department=to_department.strip(),
                                              subject=subject.strip(), sent_on=sent_on, recorded_by=actor)
        _timeline(case=case, actor=actor, action="case.sharing_letter", text=f"向{to_department}发送信息共享函：{subject}")
        audit_record(actor=actor, action="case.sharing_letter", obj=case, after={"to": to_department})
    return letter


def transfer_counts(*, bureau_id: int, year: int) -> dict[str, int]:
    """The yearly counts the rule-of-law report gives: crime transfers, transfers to other bodies, letters."""
    transfers = Transfer.objects.filter(bureau_id=bureau_id, reported_on__year=year)
    return {
        "crime": transfers.filter(kind=Transfer.Kind.CRIME, transferred_at__isnull=False).count(),
        "other_body": transfers.filter(kind=Transfer.Kind.OTHER_BODY).count(),
        "letters": SharingLetter.objects.filter(bureau_id=bureau_id, sent_on__year=year).count(),
    }


# The effects services.measure_decide runs when a leader approves a part-2 request.
EFFECTS: dict[str, Any] = {
    Approval.Kind.PAYMENT_PLAN: _payment_plan_apply,
    Approval.Kind.CLOSING: _closing_apply,
    Approval.Kind.TRANSFER: _transfer_apply,
}
