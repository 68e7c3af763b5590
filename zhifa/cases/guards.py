"""The guards of the case workflow, each a small function that returns None when the rule holds, or the
Chinese message that says what is wrong, which article requires it, and what to do.

They read only; services.case_transition runs the ones its transition names (workflow.TRANSITIONS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zhifa.accounts.models import Certificate, User
from zhifa.accounts.roles import Role
from zhifa.cases.models import Approval, Case, CaseOfficer, Hearing, InvestigationReport, PriorNotice
from zhifa.catalog.selectors import matter_check_fileable
from zhifa.lib.errors import DomainError
from zhifa.workdays.services import deadline_compute


@dataclass
class GuardContext:
    case: Case
    actor: User
    today: dt.date
    params: dict[str, Any] = field(default_factory=dict)


Guard = Callable[[GuardContext], str | None]


def acting_officers(case: Case) -> list[CaseOfficer]:
    return [link for link in case.case_officers.select_related("officer").all() if not link.recused]


def certified_count(case: Case, day: dt.date) -> int:
    officer_ids = [link.officer_id for link in acting_officers(case) if link.role != CaseOfficer.Role.ASSISTANT]
    return (
        Certificate.objects.valid_on(day).filter(officer_id__in=officer_ids).values("officer_id").distinct().count()
    )


def actor_is_case_officer(case: Case, actor: User, *, include_recused: bool = False) -> bool:
    officer_id = getattr(getattr(actor, "officer", None), "pk", None)
    if officer_id is None:
        return False
    links = case.case_officers.filter(officer_id=officer_id)
    if not include_recused:
        links = links.filter(recused=False)
    return links.exists()


def latest_report(case: Case) -> InvestigationReport | None:
    return case.reports.order_by("-round").first()


def current_round(case: Case) -> int:
    latest = case.approvals.exclude(kind__in=_NON_CHAIN).order_by("-round").values_list("round", flat=True).first()
    return latest or 0


_NON_CHAIN = [Approval.Kind.FILING, Approval.Kind.EXTENSION, Approval.Kind.PRESERVATION, Approval.Kind.SEIZURE,
              Approval.Kind.LEAD_EXTENSION]


def chain_approvals(case: Case) -> list[Approval]:
    """The approvals of the current review round, in step order."""
    return list(case.approvals.filter(round=current_round(case)).exclude(kind__in=_NON_CHAIN).order_by("step"))


def pending_step(case: Case) -> Approval | None:
    return next((a for a in chain_approvals(case) if a.decision == Approval.Decision.PENDING), None)


def latest_notice(case: Case) -> PriorNotice | None:
    return case.notices.order_by("-served_on", "-id").first()


# --- the guards --------------------------------------------------------------------------------------------
def two_certified_officers(ctx: GuardContext) -> str | None:
    day = ctx.params.get("on") or ctx.today
    count = certified_count(ctx.case, day)
    if count < 2:
        return (f"本案在 {day} 持有有效执法证的办案人员只有 {count} 名。依据《行政处罚法》第四十二条，行政处罚应当由"
                "具有行政执法资格的执法人员实施，执法人员不得少于两人。请补充持证办案人员或核对执法证有效期。")
    return None


def no_recused_officer_acting(ctx: GuardContext) -> str | None:
    if actor_is_case_officer(ctx.case, ctx.actor, include_recused=True) and not actor_is_case_officer(ctx.case, ctx.actor):
        return "您已在本案中回避（《行政处罚法》第四十三条），不能再办理本案事项。"
    return None


def within_limitation(ctx: GuardContext) -> str | None:
    """Art. 36: 2 years from the act (or its end), 5 when life, health or financial safety was harmed."""
    case = ctx.case
    rule = "limitation_safety" if case.endangers_safety else "limitation"
    last_day = deadline_compute(rule=rule, start=case.limitation_start, bureau=case.bureau).due
    discovered = case.lead.discovered_on
    if discovered > last_day:
        years = 5 if case.endangers_safety else 2
        return (f"违法行为终了于 {case.limitation_start}，至发现之日 {discovered} 已超过 {years} 年。依据《行政处罚法》"
                f"第三十六条，违法行为在{years}年内未被发现的，不再给予行政处罚。请作不予立案处理。")
    return None


def matter_fileable(ctx: GuardContext) -> str | None:
    creator = ctx.case.created_by
    try:
        matter_check_fileable(user=creator, matter=ctx.case.matter, on=ctx.params.get("on") or ctx.today)
    except DomainError as exc:
        return exc.message
    return None


def approver_not_case_officer(ctx: GuardContext) -> str | None:
    if actor_is_case_officer(ctx.case, ctx.actor, include_recused=True):
        return "您是本案的办案人员，不能审批本案。请由其他负责人审批（办审分离）。"
    return None


reviewer_not_case_officer = approver_not_case_officer


def reason_given(ctx: GuardContext) -> str | None:
    if not str(ctx.params.get("reason", "")).strip():
        return "请填写理由或意见。"
    return None


def report_present(ctx: GuardContext) -> str | None:
    report = latest_report(ctx.case)
    if report is None or report.round <= current_round(ctx.case):
        return "请先填写本轮的调查终结报告（认定事实和处理意见），再报送审核。"
    return None


def deviation_reasoned(ctx: GuardContext) -> str | None:
    report = latest_report(ctx.case)
    if report is not None and report.deviation and not report.deviation_reason.strip():
        return f"{report.deviation}请在调查终结报告中填写偏离理由。"
    return None


def preservations_decided(ctx: GuardContext) -> str | None:
    open_ones = ctx.case.preservations.filter(decided_on__isnull=True)
    if open_ones.exists():
        return ("先行登记保存的证据尚未作出处理决定（《行政处罚法》第五十六条：七个工作日内作出处理决定）。"
                "请先作出处理决定。")
    return None


def reviewer_holds_step_role(ctx: GuardContext) -> str | None:
    step = pending_step(ctx.case)
    if step is None:
        return "本案没有待审批的环节。"
    needed = STEP_ROLES[step.kind]
    if needed not in ctx.actor.role_codes:
        return f"当前环节是“{step.get_kind_display()}”，须由{Role(needed).label}办理。"
    return None


def reviewer_qualified(ctx: GuardContext) -> str | None:
    """Art. 58 ¶2: a first-time legal reviewer must hold the national legal professional qualification."""
    step = pending_step(ctx.case)
    if step is None or step.kind != Approval.Kind.LEGAL_REVIEW:
        return None
    officer = getattr(ctx.actor, "officer", None)
    has_reviewed = Approval.objects.filter(
        kind=Approval.Kind.LEGAL_REVIEW, decided_by=ctx.actor, decision=Approval.Decision.APPROVED
    ).exists()
    if not has_reviewed and not (officer is not None and officer.legal_qualified):
        return ("依据《行政处罚法》第五十八条，初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试"
                "取得法律职业资格。您的人员信息中没有法律职业资格，请由具备资格的审核人员办理。")
    return None


def chain_complete(ctx: GuardContext) -> str | None:
    remaining = [a for a in chain_approvals(ctx.case) if a.decision != Approval.Decision.APPROVED]
    if len(remaining) != 1:
        return "还有其他审核环节未完成，请按顺序审批。"
    return None


def approvals_complete(ctx: GuardContext) -> str | None:
    chain = chain_approvals(ctx.case)
    if not chain or any(a.decision != Approval.Decision.APPROVED for a in chain):
        return "本案处理意见尚未全部审核审批通过。"
    report = latest_report(ctx.case)
    if report is not None and report.needs_legal_review and not any(
        a.kind == Approval.Kind.LEGAL_REVIEW for a in chain
    ):
        return "本案依据《行政处罚法》第五十八条须经法制审核，未经法制审核或者审核未通过的，不得作出决定。"
    if ctx.case.is_major and not any(a.kind == Approval.Kind.COLLECTIVE for a in chain):
        return "重大复杂案件须经行政机关负责人集体讨论决定（《行政处罚法》第五十七条）。"
    return None


def proposal_is_penalty(ctx: GuardContext) -> str | None:
    report = latest_report(ctx.case)
    if report is None or report.outcome != InvestigationReport.Outcome.PENALTY:
        return "审批通过的处理意见不是给予行政处罚，无需事先告知，请作出不予行政处罚决定。"
    return None


def proposal_is_not_penalty(ctx: GuardContext) -> str | None:
    report = latest_report(ctx.case)
    if report is None or report.outcome == InvestigationReport.Outcome.PENALTY:
        return "审批通过的处理意见是给予行政处罚，须先送达事先告知书。"
    return None


def hearing_right_told(ctx: GuardContext) -> str | None:
    notice = latest_notice(ctx.case)
    if notice is None or not notice.hearing_right:
        return "本案拟作出的处罚不属于《行政处罚法》第六十三条规定的听证范围，告知书未告知听证权利。"
    return None


def hearing_requested_in_time(ctx: GuardContext) -> str | None:
    notice = latest_notice(ctx.case)
    requested = ctx.params.get("requested_on") or ctx.today
    if notice is not None and notice.hearing_request_due and requested > notice.hearing_request_due:
        return (f"听证申请期限已于 {notice.hearing_request_due} 届满（《行政处罚法》第六十四条：告知后五日内提出），"
                "逾期申请的，视为放弃听证。")
    return None


def hearing_presider_acts(ctx: GuardContext) -> str | None:
    hearing = ctx.case.hearings.filter(outcome=Hearing.Outcome.PENDING).order_by("-id").first()
    if hearing is None:
        return "本案没有待处理的听证申请。"
    if hearing.presiding_id is not None and hearing.presiding_id != ctx.actor.pk:
        return "听证结果须由听证主持人记录。"
    return None


def hearing_notice_in_time(ctx: GuardContext) -> str | None:
    """Art. 64 (二): the party is told the time and place at least seven working days before."""
    hearing = ctx.case.hearings.filter(outcome=Hearing.Outcome.PENDING).order_by("-id").first()
    if hearing is None or hearing.notice_served_on is None or hearing.scheduled_on is None or hearing.presiding_id is None:
        return "请先安排听证：指定未参与调查的主持人，确定时间地点，并送达听证通知书。"
    if (ctx.params.get("on") or ctx.today) < hearing.scheduled_on:
        return f"听证定于 {hearing.scheduled_on} 举行，举行之前不能记录为已举行。"
    earliest = deadline_compute(rule="hearing_notice", start=hearing.notice_served_on, bureau=ctx.case.bureau).due
    if hearing.scheduled_on < earliest:
        return (f"听证通知于 {hearing.notice_served_on} 送达，听证最早只能在 {earliest} 举行（《行政处罚法》第六十四条："
                "应当在举行听证的七日前通知当事人）。请重新安排听证日期。")
    return None


def notice_served(ctx: GuardContext) -> str | None:
    if latest_notice(ctx.case) is None:
        return ("作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证等权利"
                "（《行政处罚法》第四十四条、第六十二条）。请先送达事先告知书。")
    return None


def party_periods_over(ctx: GuardContext) -> str | None:
    notice = latest_notice(ctx.case)
    if notice is None:
        return None  # notice_served says it
    if notice.waived_on is not None:
        return None
    day = ctx.params.get("on") or ctx.today
    if day <= notice.periods_end:
        return (f"当事人的陈述、申辩{'和听证申请' if notice.hearing_right else ''}期限至 {notice.periods_end} 届满，"
                "期限内不得作出处罚决定（《行政处罚法》第六十二条）。如当事人书面放弃，请先记录放弃。")
    return None


def no_open_hearing(ctx: GuardContext) -> str | None:
    if ctx.case.hearings.filter(outcome=Hearing.Outcome.PENDING).exists():
        return "当事人申请的听证尚未结束，不能作出处罚决定（《行政处罚法》第六十四条）。"
    return None


def not_heavier_than_notice(ctx: GuardContext) -> str | None:
    """Art. 45: the bureau must not impose a heavier penalty because the party stated and defended."""
    notice = latest_notice(ctx.case)
    if notice is None:
        return None
    fine = ctx.params.get("fine_fen") or 0
    heavier_fine = fine > (notice.fine_fen or 0)
    new_kind = bool(ctx.params.get("other_penalty")) and not notice.other_penalty
    new_warning = bool(ctx.params.get("warning")) and not notice.warning
    if heavier_fine or new_kind or new_warning:
        return ("处罚决定不得重于事先告知的处罚（《行政处罚法》第四十五条：不得因当事人陈述、申辩而给予更重的处罚）。"
                "如认定的事实发生变化需加重处罚，应当重新告知。")
    return None


def within_decision_period(ctx: GuardContext) -> str | None:
    day = ctx.params.get("on") or ctx.today
    due = ctx.case.decision_due
    if due is not None and day > due:
        return (f"本案处罚决定期限已于 {due} 届满（《行政处罚法》第六十条：立案之日起九十日内作出）。"
                "请先报请延长办案期限。")
    return None


STEP_ROLES: dict[str, str] = {
    Approval.Kind.TEAM_LEADER: Role.TEAM_LEADER,
    Approval.Kind.LEGAL_REVIEW: Role.LEGAL_REVIEWER,
    Approval.Kind.LEADER: Role.BUREAU_LEADER,
    Approval.Kind.COLLECTIVE: Role.BUREAU_LEADER,
}

# Every guard the workflow table may name.
# The lawful reasons to close a case that is neither performed nor with the court (结案 without execution).
CLOSING_REASONS = {
    "performed": "处罚决定已履行完毕",
    "court": "已申请人民法院强制执行且法院已受理",
    "no_penalty": "不予处罚或撤销立案",
    "overturned": "处罚决定被复议机关或人民法院撤销、确认违法或无效",
    "party_dead": "当事人死亡，无遗产可供执行且无义务承受人",
    "dissolved": "当事人（单位）终止，无财产可供执行且无义务承受人",
    "other": "其他依法应当结案的情形（须写明）",
}


def closing_lawful(ctx: GuardContext) -> str | None:
    """结案: the decision is performed, the court has taken over, the case ended without penalty, or a
    recorded lawful reason applies (行政强制法 art. 39, 40 by analogy); never while a fine is simply unpaid."""
    from zhifa.cases.performance import Performance  # performance imports models only; read lazily here

    reason = ctx.params.get("closing_reason", "")
    if reason not in CLOSING_REASONS:
        return "请选择结案情形。"
    state = Performance(ctx.case, ctx.today)
    if ctx.case.state in (Case.State.NOT_PUNISHED, Case.State.DISMISSED):
        return None if reason == "no_penalty" else "本案未作出处罚决定，结案情形应为“不予处罚或撤销立案”。"
    if reason == "no_penalty":
        return "本案已作出行政处罚决定，不能以“不予处罚”结案。"
    if reason == "performed" and not state.performed:
        return (f"罚款尚未缴清（未缴罚款 {state.unpaid_fine_fen / 100:.2f} 元，加处罚款 "
                f"{state.late_fee_unpaid_fen / 100:.2f} 元），不能以“已履行”结案；可催告后申请人民法院强制执行。")
    if reason == "court" and not state.court_took_over:
        return "人民法院尚未受理强制执行申请，不能以此结案。"
    if reason == "overturned" and state.overturned is None:
        return "本案处罚决定未被撤销或确认违法，不能以此结案。"
    if reason in ("party_dead", "dissolved", "other") and not str(ctx.params.get("closing_note", "")).strip():
        return "以此情形结案的，须写明具体事实和依据（如死亡证明、注销登记）。"
    return None


GUARDS: dict[str, Guard] = {
    "two_certified_officers": two_certified_officers,
    "no_recused_officer_acting": no_recused_officer_acting,
    "within_limitation": within_limitation,
    "matter_fileable": matter_fileable,
    "approver_not_case_officer": approver_not_case_officer,
    "reviewer_not_case_officer": reviewer_not_case_officer,
    "reason_given": reason_given,
    "report_present": report_present,
    "deviation_reasoned": deviation_reasoned,
    "preservations_decided": preservations_decided,
    "reviewer_holds_step_role": reviewer_holds_step_role,
    "reviewer_qualified": reviewer_qualified,
    "chain_complete": chain_complete,
    "approvals_complete": approvals_complete,
    "proposal_is_penalty": proposal_is_penalty,
    "proposal_is_not_penalty": proposal_is_not_penalty,
    "hearing_right_told": hearing_right_told,
    "hearing_requested_in_time": hearing_requested_in_time,
    "hearing_presider_acts": hearing_presider_acts,
    "hearing_notice_in_time": hearing_notice_in_time,
    "notice_served": notice_served,
    "party_periods_over": party_periods_over,
    "no_open_hearing": no_open_hearing,
    "not_heavier_than_notice": not_heavier_than_notice,
    "within_decision_period": within_decision_period,
    "closing_lawful": closing_lawful,
}


def guards_check(names: tuple[str, ...], ctx: GuardContext) -> None:
    """Run the named guards; the first that fails raises its message."""
    for name in names:
        message = GUARDS[name](ctx)
        if message:
            raise DomainError(message, code=f"guard:{name}")
