"""The steps taken on the case page (办理): one registry of what each panel is, when it is offered, which form
parses it and which single service it calls; one view that runs any of them; and the page rendering they share.

A panel is offered when the workflow table (via selectors.case_actions) or the state and the user's part in the
case allow it. The services and their guards decide whether the step is lawful when it is submitted; the view
checks only that the user saw the current version of the case and that the step is one offered to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.cases import execution, forms, selectors, services
from zhifa.cases.models import Case, InvestigationReport
from zhifa.cases.selectors import REVIEW_ACTIONS, CasePage
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.lib.evidence_store import evidence_store
from zhifa.lib.money import fen_to_yuan

S = Case.State
CHANGED = "本案已被他人处理（状态或内容已变化），请查看下方最新情况后再操作。您填写的内容已保留。"
RECORDING_STATES = {S.INVESTIGATING, S.NOTIFIED, S.HEARING}
# Files after the decision: the signed receipt of service, bank receipts, the party's consent, court rulings.
EVIDENCE_STATES = RECORDING_STATES | {S.DECIDED, S.NOT_PUNISHED}
AFTER_DECISION = {S.DECIDED, S.NOT_PUNISHED}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@dataclass(frozen=True)
class Call:
    """A validated step form and the page it was submitted from."""

    page: CasePage
    form: forms.CaseStepForm

    @property
    def case(self) -> Case:
        return self.page.case

    @property
    def user(self) -> User:
        return self.page.user

    @property
    def data(self) -> dict[str, Any]:
        return self.form.cleaned_data

    @property
    def version(self) -> int:
        return int(self.data["version"])


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    button: str
    form: type[forms.CaseStepForm]
    perform: Callable[[Call], str]  # calls one service, returns the message shown after it succeeded
    available: Callable[[CasePage], bool]
    anchor: str = "timeline"
    style: str = "primary"
    confirm: str = ""
    intro: Callable[[CasePage], str] | None = None
    error_fields: dict[str, str] | None = None  # a service's field name → this form's field name


# --- what each step does (one service each) ------------------------------------------------------------------
def _transition(call: Call, action: str, **params: Any) -> Case:
    return services.case_transition(case=call.case, action=action, actor=call.user, expected_version=call.version,
                                    **params)


def _filing(call: Call) -> str:
    reason = call.data["reason"].strip()
    if call.data["decision"] == "approve":
        case = _transition(call, "approve_filing", **({"reason": reason} if reason else {}))
        return f"已批准立案，案号 {case.number}，处罚决定期限 {case.decision_due}。"
    _transition(call, "reject_filing", reason=reason)
    return "已决定不予立案。"


def _dismiss(call: Call) -> str:
    _transition(call, "dismiss", reason=call.data["reason"])
    return "已撤销立案。"


def _record(call: Call) -> str:
    record = services.record_add(case=call.case, data=cast(forms.RecordForm, call.form).record_data(), actor=call.user)
    return f"已保存{record.get_kind_display()}。"


def _evidence(call: Call) -> str:
    upload = call.data["file"]
    kind = call.data["kind"]
    try:
        stored = evidence_store(stream=upload, declared_name=upload.name or "", max_bytes=forms.EVIDENCE_MAX_BYTES,
                                allowed=forms.EVIDENCE_ALLOWED[kind])
    except DomainError as exc:
        raise DomainError(exc.message, field="file", code=exc.code) from None
    evidence = services.evidence_add(case=call.case, stored=stored, kind=kind, title=call.data["title"],
                                     collected_at=call.data["collected_at"], how=call.data["how"],
                                     original_name=upload.name or "", actor=call.user)
    return f"已登记证据“{evidence.title}”，SHA-256 {evidence.sha256}。"


def _recording(call: Call) -> str:
    services.recording_add(case=call.case, data=cast(forms.RecordingForm, call.form).recording_data(),
                           actor=call.user)
    return "已登记音像记录。"


def _preservation(call: Call) -> str:
    data = call.data
    services.preservation_apply(case=call.case, items=data["items"], place=data["place"],
                                started_on=data["started_on"], actor=call.user)
    return "已报请局领导审批先行登记保存；批准后开始计算处理决定期限。"


def _preservation_decide(call: Call) -> str:
    services.preservation_decide(preservation=call.data["preservation"], outcome=call.data["outcome"],
                                 actor=call.user)
    return "已记录先行登记保存的处理决定。"


def _seizure(call: Call) -> str:
    data = call.data
    services.seizure_apply(case=call.case, kind=data["kind"], items=data["items"], started_on=data["started_on"],
                           days=data["days"], actor=call.user)
    return "已报请局领导审批查封、扣押；批准后开始计算期限。"


def _seizure_extend(call: Call) -> str:
    data = call.data
    services.seizure_extend(seizure=data["seizure"], days=data["days"], reason=data["reason"], actor=call.user)
    return "已报请局领导审批延长查封、扣押。"


def _measure_decide(call: Call) -> str:
    data = call.data
    approved = data["decision"] == "approved"
    approval = services.measure_decide(approval=data["approval"], actor=call.user, approved=approved,
                                       opinion=data["opinion"].strip())
    return f"已{'同意' if approved else '不同意'}：{approval.payload.get('summary', approval.get_kind_display())}。"


def _seizure_release(call: Call) -> str:
    data = call.data
    services.seizure_release(seizure=data["seizure"], released_on=data["released_on"], reason=data["reason"],
                             actor=call.user)
    return "已解除查封、扣押。"


def _report(call: Call) -> str:
    report = services.report_save(case=call.case, data=cast(forms.ReportForm, call.form).report_data(),
                                  actor=call.user)
    text = f"已保存调查终结报告（第{report.round}稿）。裁量建议：{report.recommendation.get('label', '')}。"
    if report.deviation:
        text += f" {report.deviation}"
    return text


def _submit(call: Call) -> str:
    _transition(call, "submit_report")
    return "已提交调查终结报告，等待审核审批。"


def _review(call: Call) -> str:
    case = services.review_decide(case=call.case, actor=call.user, decision=call.data["decision"],
                                  opinion=call.data["opinion"], expected_version=call.version)
    return "审核意见已提交。" + ("审批已全部通过。" if case.state == S.APPROVED else "")


def _discussion(call: Call) -> str:
    data = call.data
    services.collective_discussion_record(
        case=call.case, actor=call.user, held_at=data["held_at"], place=data["place"],
        participants=data["participants"], opinions=data["opinions"], conclusion=data["conclusion"],
        approved=data["approved"] == "yes", expected_version=call.version)
    return "已记录集体讨论。"


def _notice(call: Call) -> str:
    reasons = call.data["reasons"].strip()
    case = _transition(call, "issue_notice", served_on=call.data["served_on"], **({"reasons": reasons} if reasons else {}))
    notice = selectors.latest_notice_of(selectors.case_get(user=call.user, pk=case.pk))
    return f"已送达事先告知书，陈述申辩期限至 {notice.statement_due if notice else ''}。"


def _statement(call: Call) -> str:
    data = call.data
    services.statement_record(case=call.case, received_on=data["received_on"], content=data["content"],
                              adopted=data["adopted"], response=data["response"], actor=call.user)
    return "已记录当事人的陈述申辩。"


def _waive(call: Call) -> str:
    services.rights_waive(case=call.case, waived_on=call.data["waived_on"], actor=call.user)
    return "已记录当事人书面放弃陈述、申辩和听证。"


def _hearing_request(call: Call) -> str:
    _transition(call, "request_hearing", requested_on=call.data["requested_on"])
    return "已登记听证申请，请安排听证。"


def _hearing_schedule(call: Call) -> str:
    data = call.data
    hearing = services.hearing_schedule(case=call.case, presiding=data["presiding"], scheduled_on=data["scheduled_on"],
                                        place=data["place"], notice_served_on=data["notice_served_on"],
                                        representatives=data["representatives"], actor=call.user)
    return f"已安排听证：{hearing.scheduled_on} {hearing.place}。"


def _hearing_result(call: Call) -> str:
    data = call.data
    if data["result"] == "held":
        _transition(call, "hearing_held", transcript=data["transcript"], opinion=data["opinion"], on=data["on"])
        return "已记录听证结果，案件报送法制审核。"
    _transition(call, "hearing_dropped", outcome=data["result"], transcript=data["transcript"], on=data["on"])
    return "已记录听证终止。"


def _decide(call: Call) -> str:
    data = call.data
    reasons = data["reasons"].strip()
    params: dict[str, Any] = {"warning": data["warning"], "fine_fen": data["fine_yuan"]}
    if reasons:
        params["reasons"] = reasons
    _transition(call, "decide", **params)
    fine = data["fine_yuan"]
    return "已作出行政处罚决定" + (f"（罚款 {fen_to_yuan(fine)} 元）。" if fine else "。")


def _not_punished(call: Call) -> str:
    reasons = call.data["reasons"].strip()
    _transition(call, "decide_not_punished", **({"reasons": reasons} if reasons else {}))
    return "已作出不予行政处罚决定。"


def _extend(call: Call) -> str:
    data = call.data
    services.decision_extend(case=call.case, days=data["days"], reason=data["reason"], actor=call.user,
                             expected_version=call.version)
    return "已报请局领导审批延长办案期限。"


def _officer_add(call: Call) -> str:
    services.case_officer_add(case=call.case, officer=call.data["officer"], role=call.data["role"], actor=call.user)
    return f"已增加办案人员 {call.data['officer'].name}。"


def _recuse(call: Call) -> str:
    services.officer_recuse(case=call.case, officer=call.data["officer"], reason=call.data["reason"],
                            actor=call.user)
    return f"已记录 {call.data['officer'].name} 回避。"


# --- after the decision (part 2): one service each, in zhifa.cases.execution ------------------------------------
def _serve(call: Call) -> str:
    d = call.data
    service = execution.decision_serve(case=call.case, method=d["method"], served_on=d["served_on"],
                                       receiver=d["receiver"], witnesses=d["witnesses"], address=d["address"],
                                       proof=d["proof"], consent=d["consent"], actor=call.user)
    return f"已登记送达（{service.get_method_display()}，{service.served_on}）；当事人的缴纳、复议、诉讼期限已起算。"


def _payment(call: Call) -> str:
    d = call.data
    payment = execution.payment_record(case=call.case, kind=d["kind"], amount_fen=d["amount_yuan"] or 0,
                                       paid_on=d["paid_on"], receipt_number=d["receipt_number"], bank=d["bank"],
                                       actor=call.user)
    return f"已登记缴纳{payment.get_kind_display()} {fen_to_yuan(payment.amount_fen)} 元。"


def _payment_plan(call: Call) -> str:
    d = call.data
    execution.payment_plan_request(case=call.case, kind=d["kind"], instalments=d["instalments"], reason=d["reason"],
                                   actor=call.user)
    return "已报请局领导审批暂缓或分期缴纳。"


def _remedy(call: Call) -> str:
    d = call.data
    remedy = execution.remedy_record(case=call.case, kind=d["kind"], filed_on=d["filed_on"], body=d["body"],
                                     actor=call.user)
    return f"已登记{remedy.get_kind_display()}；审理期间不加处罚款。"


def _remedy_outcome(call: Call) -> str:
    d = call.data
    remedy = execution.remedy_outcome(remedy=d["remedy"], outcome=d["outcome"], outcome_on=d["outcome_on"],
                                      note=d["note"], actor=call.user)
    return f"已登记结果：{remedy.get_outcome_display()}。" + ("请在三个工作日内撤下已公示的决定。" if remedy.overturns else "")


def _court_reminder(call: Call) -> str:
    court = execution.court_reminder_serve(case=call.case, served_on=call.data["served_on"], text=call.data["text"],
                                           actor=call.user)
    return f"已登记催告（{fen_to_yuan(court.reminder_amount_fen)} 元）。"


def _court_apply(call: Call) -> str:
    execution.court_apply(case=call.case, applied_on=call.data["applied_on"], court=call.data["court"],
                          actor=call.user)
    return "已登记申请人民法院强制执行。"


def _court_result(call: Call) -> str:
    d = call.data
    execution.court_result(case=call.case, actor=call.user, accepted_on=d["accepted_on"], ruling=d["ruling"],
                           ruled_on=d["ruled_on"], result=d["result"], result_on=d["result_on"])
    return "已登记法院办理情况。"


def _closing(call: Call) -> str:
    execution.closing_request(case=call.case, reason=call.data["reason"], note=call.data["note"], actor=call.user)
    return "已报请局领导审批结案。"


def _transfer(call: Call) -> str:
    d = call.data
    transfer = execution.transfer_report(case=call.case, kind=d["kind"], to_body=d["to_body"],
                                         reported_on=d["reported_on"], facts=d["facts"], actor=call.user)
    return ("已报请本机关负责人在三日内作出是否移送的决定。" if transfer.kind == "crime" else f"已登记移送{transfer.to_body}。")


def _transfer_send(call: Call) -> str:
    transfer = execution.transfer_send(transfer=call.data["transfer"], transferred_at=call.data["transferred_at"],
                                       actor=call.user)
    return f"已登记移送{transfer.to_body}。"


def _transfer_answer(call: Call) -> str:
    d = call.data
    transfer = execution.transfer_answer(transfer=d["transfer"], answer=d["answer"], answer_on=d["answer_on"],
                                         reasons=d["reasons"], actor=call.user)
    return f"已登记{transfer.to_body}的答复。"


def _sharing_letter(call: Call) -> str:
    d = call.data
    execution.sharing_letter_record(case=call.case, to_department=d["to_department"], subject=d["subject"],
                                    sent_on=d["sent_on"], actor=call.user)
    return "已登记信息共享函。"


def _owes(page: CasePage) -> bool:
    state = page.performance
    return (page.case.state == S.DECIDED and page.is_served and state is not None
            and state.fine_fen > 0 and not state.performed)


def _may_remind(page: CasePage) -> bool:
    state = page.performance
    return (_owes(page) and page.is_officer and state is not None and state.court is None
            and state.remedy_periods_end is not None and page.today > state.remedy_periods_end)


def _payment_intro(page: CasePage) -> str:
    state = page.performance
    if state is None:
        return ""
    text = f"未缴罚款 {fen_to_yuan(state.unpaid_fine_fen)} 元，缴纳期限 {state.payment_due or '送达后起算'}"
    if state.late_fee_unpaid_fen:
        text += f"；截至今日加处罚款 {fen_to_yuan(state.late_fee_unpaid_fen)} 元（每日 3%，不超过罚款数额）"
    return text + "。"


def _court_apply_intro(page: CasePage) -> str:
    window = execution.court_application_window(page.case)
    return f"可申请期间：{window[0]} 至 {window[1]}（《行政强制法》第五十三条、第五十四条）。" if window else ""


# --- when each step is offered ------------------------------------------------------------------------------
def _has(*actions: str) -> Callable[[CasePage], bool]:
    return lambda page: bool(page.action_names & set(actions))


def _proposal_is_penalty(page: CasePage) -> bool:
    report = page.latest_report
    return report is None or report.outcome == InvestigationReport.Outcome.PENALTY


def _manages(page: CasePage) -> bool:
    """Team leaders and bureau leaders of the case's bureau decide who works on it (art. 43 recusal)."""
    return (not page.is_final and page.user.bureau_id == page.case.bureau_id
            and page.user.has_role(Role.TEAM_LEADER, Role.BUREAU_LEADER))


def _hearing_staff(page: CasePage) -> bool:
    """The bureau arranges the hearing: the case's officers, or the legal office and the leaders."""
    return page.case.state == S.HEARING and page.pending_hearing is not None and page.user.bureau_id == \
        page.case.bureau_id and (page.is_officer or page.user.has_role(Role.LEGAL_REVIEWER, Role.BUREAU_LEADER,
                                                                        Role.TEAM_LEADER))


def _review_intro(page: CasePage) -> str:
    step = page.pending_step
    return f"当前环节：{step.get_kind_display()}（第{step.round}轮第{step.step}级）。" if step else ""


def _notice_intro(page: CasePage) -> str:
    report = page.latest_report
    return f"拟作出的处罚：{report.penalty_label}。送达后，当事人的陈述、申辩期限（及听证申请期限）自次日起算。" if report else ""


def _decide_intro(page: CasePage) -> str:
    notice = page.latest_notice
    if notice is None:
        return ""
    text = f"事先告知的处罚：{'警告、' if notice.warning else ''}{'罚款' + fen_to_yuan(notice.fine_fen) + '元' if notice.fine_fen else ''}"
    text += f"{('、' + notice.other_penalty) if notice.other_penalty else ''}；告知期至 {notice.periods_end}"
    return text + (f"（当事人已于 {notice.waived_on} 书面放弃）。" if notice.waived_on else "。")


def _extend_intro(page: CasePage) -> str:
    return f"当前处罚决定期限：{page.case.decision_due}。" if page.case.decision_due else ""


STEPS: dict[str, Step] = {step.name: step for step in (
    Step("filing", "立案审批", "提交审批意见", forms.FilingDecisionForm, _filing,
         _has("approve_filing", "reject_filing"), anchor="approvals"),
    Step("record", "制作笔录", "保存笔录", forms.RecordForm, _record,
         lambda p: p.case.state in RECORDING_STATES and p.is_staff, anchor="records"),
    Step("evidence", "上传证据", "上传并登记", forms.EvidenceForm, _evidence,
         lambda p: p.case.state in EVIDENCE_STATES and p.is_staff, anchor="evidence"),
    Step("recording", "登记音像记录", "保存音像记录", forms.RecordingForm, _recording,
         lambda p: p.case.state in RECORDING_STATES and p.is_staff, anchor="recordings"),
    Step("report", "调查终结报告", "保存报告", forms.ReportForm, _report,
         lambda p: p.case.state == S.INVESTIGATING and p.is_officer, anchor="report"),
    Step("submit_report", "提交审核", "提交调查终结报告并报审", forms.ConfirmForm, _submit,
         lambda p: "submit_report" in p.action_names and p.report_round_open,
         confirm="提交后进入审核审批，期间不能修改报告。确定提交？",
         intro=lambda p: f"将提交第{p.latest_report.round}稿：{p.latest_report.penalty_label}。" if p.latest_report else ""),
    Step("preservation", "先行登记保存", "报请审批", forms.PreservationForm, _preservation,
         lambda p: p.case.state == S.INVESTIGATING and p.is_officer, anchor="measures"),
    Step("preservation_decide", "先行登记保存处理决定", "保存处理决定", forms.PreservationDecideForm,
         _preservation_decide, lambda p: bool(p.open_preservations) and p.is_officer, anchor="measures"),
    Step("seizure", "查封、扣押", "报请审批", forms.SeizureForm, _seizure,
         lambda p: p.case.state == S.INVESTIGATING and p.is_officer, anchor="measures"),
    Step("seizure_extend", "延长查封、扣押", "报请审批", forms.SeizureExtendForm, _seizure_extend,
         lambda p: bool(p.extendable_seizures) and p.is_officer and not p.is_final, anchor="measures"),
    Step("seizure_release", "解除查封、扣押", "解除", forms.SeizureReleaseForm, _seizure_release,
         lambda p: bool(p.held_seizures) and p.is_officer, anchor="measures"),
    Step("measure_decide", "审批措施和延期申请", "提交审批意见", forms.MeasureDecideForm, _measure_decide,
         lambda p: bool(p.pending_measures) and p.may_approve_measures, anchor="approvals"),
    Step("review", "审核审批", "提交审核意见", forms.ReviewForm, _review,
         lambda p: bool(p.action_names & REVIEW_ACTIONS) and p.pending_step is not None
         and p.pending_step.kind != "collective", anchor="approvals", intro=_review_intro),
    Step("discussion", "集体讨论", "记录集体讨论", forms.DiscussionForm, _discussion,
         lambda p: bool(p.action_names & REVIEW_ACTIONS) and p.pending_step is not None
         and p.pending_step.kind == "collective", anchor="approvals", intro=_review_intro),
    Step("notice", "送达事先告知书", "登记送达", forms.NoticeForm, _notice,
         lambda p: "issue_notice" in p.action_names and _proposal_is_penalty(p), anchor="notice",
         intro=_notice_intro),
    Step("statement", "陈述申辩", "记录", forms.StatementForm, _statement,
         lambda p: p.case.state in {S.NOTIFIED, S.HEARING, S.APPROVED} and p.latest_notice is not None
         and p.is_staff, anchor="notice"),
    Step("waive", "当事人放弃陈述申辩", "记录放弃", forms.WaiveForm, _waive,
         lambda p: p.case.state == S.NOTIFIED and p.is_officer and p.latest_notice is not None
         and p.latest_notice.waived_on is None, anchor="notice", style="outline-secondary"),
    Step("hearing_request", "当事人申请听证", "登记听证申请", forms.HearingRequestForm, _hearing_request,
         lambda p: "request_hearing" in p.action_names and p.latest_notice is not None
         and p.latest_notice.hearing_right, anchor="hearings"),
    Step("hearing_schedule", "安排听证", "保存听证安排", forms.HearingScheduleForm, _hearing_schedule,
         _hearing_staff, anchor="hearings"),
    Step("hearing_result", "听证结果", "记录听证结果", forms.HearingResultForm, _hearing_result,
         _has("hearing_held", "hearing_dropped"), anchor="hearings"),
    Step("decide", "作出行政处罚决定", "作出决定", forms.DecideForm, _decide, _has("decide"), anchor="decision",
         confirm="确定作出行政处罚决定？", intro=_decide_intro),
    Step("not_punished", "作出不予行政处罚决定", "作出决定", forms.NotPunishedForm, _not_punished,
         lambda p: "decide_not_punished" in p.action_names and not _proposal_is_penalty(p), anchor="decision",
         confirm="确定作出不予行政处罚决定？"),
    Step("extend", "延长办案期限", "报请审批", forms.ExtensionForm, _extend,
         lambda p: not p.is_final and p.case.decision_due is not None and p.is_officer, anchor="deadlines",
         style="outline-primary", intro=_extend_intro),
    # --- after the decision (part 2)
    Step("serve", "送达处罚决定书", "登记送达", forms.ServeForm, _serve,
         lambda p: p.case.state in AFTER_DECISION and p.is_officer and not p.is_served, anchor="execution"),
    Step("payment", "登记缴纳", "登记", forms.PaymentForm, _payment, lambda p: _owes(p) and p.is_officer,
         anchor="execution", intro=_payment_intro),
    Step("payment_plan", "暂缓或分期缴纳", "报请审批", forms.PaymentPlanForm, _payment_plan,
         lambda p: _owes(p) and p.is_officer and p.performance is not None and p.performance.plan is None,
         anchor="execution", style="outline-primary"),
    Step("remedy", "登记行政复议或行政诉讼", "登记", forms.RemedyForm, _remedy,
         lambda p: p.case.state in AFTER_DECISION | {S.CLOSED} and p.is_served and p.is_officer, anchor="execution",
         style="outline-primary"),
    Step("remedy_outcome", "复议或诉讼结果", "登记结果", forms.RemedyOutcomeForm, _remedy_outcome,
         lambda p: bool(p.pending_remedies) and p.is_officer, anchor="execution"),
    Step("court_reminder", "催告", "登记催告", forms.CourtReminderForm, _court_reminder, _may_remind,
         anchor="execution"),
    Step("court_apply", "申请人民法院强制执行", "登记申请", forms.CourtApplyForm, _court_apply,
         lambda p: p.is_officer and p.court is not None and p.court.applied_on is None, anchor="execution",
         intro=_court_apply_intro),
    Step("court_result", "法院办理情况", "登记", forms.CourtResultForm, _court_result,
         lambda p: p.is_officer and p.court is not None and p.court.applied_on is not None, anchor="execution"),
    Step("closing", "申请结案", "报请审批", forms.ClosingForm, _closing,
         lambda p: p.case.state in {S.DECIDED, S.NOT_PUNISHED, S.DISMISSED} and p.is_officer
         and not any(a.kind == "closing" for a in p.pending_measures), anchor="execution"),
    Step("transfer", "案件移送", "登记", forms.TransferForm, _transfer,
         lambda p: p.is_officer and p.case.filed_on is not None and p.case.state != S.CLOSED, anchor="transfers",
         style="outline-primary"),
    Step("transfer_send", "移送公安机关", "登记移送", forms.TransferSendForm, _transfer_send,
         lambda p: p.is_officer and bool(p.transfers_to_send), anchor="transfers"),
    Step("transfer_answer", "移送答复", "登记答复", forms.TransferAnswerForm, _transfer_answer,
         lambda p: p.is_officer and bool(p.transfers_awaiting_answer), anchor="transfers"),
    Step("sharing_letter", "信息共享函", "登记", forms.SharingLetterForm, _sharing_letter,
         lambda p: p.is_officer and p.case.filed_on is not None, anchor="transfers", style="outline-secondary"),
    Step("officer_add", "增加办案人员", "增加", forms.OfficerAddForm, _officer_add, _manages, anchor="officers",
         style="outline-primary"),
    Step("recuse", "办案人员回避", "记录回避", forms.RecuseForm, _recuse, _manages, anchor="officers",
         style="outline-danger"),
    Step("dismiss", "撤销立案", "撤销立案", forms.DismissForm, _dismiss, _has("dismiss"), anchor="decision",
         style="outline-danger", confirm="确定撤销立案？"),
)}


# --- the page ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Panel:
    step: Step
    form: forms.CaseStepForm
    expanded: bool
    url: str
    intro: str


def panels_for(page: CasePage, failed: tuple[str, forms.CaseStepForm] | None = None) -> list[Panel]:
    """The panels offered to this user; a panel whose submission failed is always shown, open, with the
    user's input, even when the step is no longer offered (nothing typed is lost)."""
    panels = []
    for step in STEPS.values():
        is_failed = failed is not None and failed[0] == step.name
        if not is_failed and not step.available(page):
            continue
        form = failed[1] if failed is not None and is_failed else step.form(page=page, prefix=step.name)
        url = reverse("cases:step", args=[page.case.pk, step.name])
        intro = step.intro(page) if step.intro is not None else ""
        panels.append(Panel(step, form, is_failed, url, intro))
    return panels


def render_case_page(request: HttpRequest, case: Case, *, failed: tuple[str, forms.CaseStepForm] | None = None,
                     conflict: str = "", status: int = 200) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    page = selectors.case_page_build(case=case, user=user, today=today)
    if failed is not None:
        failed[1].page = page  # the form keeps the user's input; its choices stay those it was validated with
    return render(request, "cases/case_detail.html", {
        "case": case,
        "page": page,
        "panels": panels_for(page, failed),
        "timeline": selectors.timeline_items(case, selectors.case_timeline(case)),
        "conflict": conflict,
        "read_only": user.bureau_id != case.bureau_id,
        "today": today,
    }, status=status)


def _offered(step: Step, page: CasePage) -> None:
    if not step.available(page):
        raise DomainError(f"您当前不能办理“{step.title}”：本案的状态或您在本案中的职责不符。请刷新页面查看最新情况。",
                          code="forbidden")


@require_POST
@login_required
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Run one step: parse its form, check the version the user saw, call its service, then show the case."""
    spec = STEPS.get(step)
    if spec is None:
        raise Http404("没有这个办理事项")
    user = _user(request)
    case = selectors.case_get(user=user, pk=pk)  # 404 outside the user's scope
    if user.bureau_id != case.bureau_id:
        raise PermissionDenied("监督人员只能查看案件，不能办理。")
    page = selectors.case_page_build(case=case, user=user, today=timezone.localdate())
    form = spec.form(request.POST, request.FILES, page=page, prefix=spec.name)
    conflict = ""
    if form.is_valid():
        try:
            if form.cleaned_data["version"] != case.version:
                raise ChangedMeanwhile(CHANGED)
            _offered(spec, page)
            message = spec.perform(Call(page, form))
        except ChangedMeanwhile:
            conflict = CHANGED
        except DomainError as exc:
            forms.domain_error_to_form(form, exc, fields=spec.error_fields)
        else:
            messages.success(request, message)
            return redirect(f"{reverse('cases:detail', args=[case.pk])}#{spec.anchor}")
    fresh = selectors.case_get(user=user, pk=pk)
    if conflict:
        # Show the latest case with the user's input, now carrying the current version: they decide again.
        data = request.POST.copy()
        data[form.add_prefix("version")] = str(fresh.version)
        page = selectors.case_page_build(case=fresh, user=user, today=timezone.localdate())
        form = spec.form(data, request.FILES, page=page, prefix=spec.name)
    return render_case_page(request, fresh, failed=(spec.name, form), conflict=conflict,
                            status=409 if conflict else 200)
