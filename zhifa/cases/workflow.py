"""The case workflow as one table a lawyer can read.

Each row: from which state, by which action, to which state, who may act, which guards must hold (each
guard names its article), and which deadlines start or stop. `services.case_transition` is the only way a
case changes state: it looks the row up here, checks the role, runs the guards, claims the transition
with a conditional update on (state, version), and writes the timeline and audit rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zhifa.accounts.roles import Role
from zhifa.cases.models import Case

S = Case.State


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    label: str
    roles: frozenset[str]
    guards: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # deadline rules started by this step
    stops: tuple[str, ...] = ()  # deadline rules met by this step
    case_officer_only: bool = False  # only an officer assigned to the case (not recused) may act


def _t(source: str, action: str, target: str, label: str, roles: Iterable[str], **kwargs: object) -> Transition:
    return Transition(source, action, target, label, frozenset(roles), **kwargs)  # type: ignore[arg-type]


OFFICERS = {Role.OFFICER, Role.TEAM_LEADER}
LEADERS = {Role.BUREAU_LEADER}

TRANSITIONS: tuple[Transition, ...] = (
    # 立案: the leader approves the filing; the number is taken then, and the 90-day period starts.
    _t(S.FILING_REVIEW, "approve_filing", S.INVESTIGATING, "批准立案", LEADERS,
       guards=("approver_not_case_officer", "two_certified_officers", "no_recused_officer_acting",
               "within_limitation", "matter_fileable"),
       starts=("decision",), stops=("lead_decision",)),
    _t(S.FILING_REVIEW, "reject_filing", S.NOT_FILED, "不予立案", LEADERS,
       guards=("approver_not_case_officer", "reason_given"), stops=("lead_decision",)),
    # 调查终结: the report with the proposal opens the review chain.
    _t(S.INVESTIGATING, "submit_report", S.REVIEWING, "提交调查终结报告并报审", OFFICERS,
       guards=("report_present", "deviation_reasoned", "preservations_decided"), case_officer_only=True),
    _t(S.INVESTIGATING, "dismiss", S.DISMISSED, "撤销立案", LEADERS,
       guards=("approver_not_case_officer", "reason_given"), stops=("decision",)),
    # 审核审批: one row per step of the chain; the last passed step moves the case on.
    _t(S.REVIEWING, "review_pass", S.REVIEWING, "审核通过（中间层级）", {Role.TEAM_LEADER, Role.LEGAL_REVIEWER, Role.BUREAU_LEADER},
       guards=("reviewer_not_case_officer", "reviewer_holds_step_role", "reviewer_qualified")),
    _t(S.REVIEWING, "review_final", S.APPROVED, "审批通过", {Role.TEAM_LEADER, Role.LEGAL_REVIEWER, Role.BUREAU_LEADER},
       guards=("reviewer_not_case_officer", "reviewer_holds_step_role", "reviewer_qualified", "chain_complete")),
    _t(S.REVIEWING, "review_return", S.INVESTIGATING, "退回补正", {Role.TEAM_LEADER, Role.LEGAL_REVIEWER, Role.BUREAU_LEADER},
       guards=("reviewer_not_case_officer", "reviewer_holds_step_role", "reason_given")),
    _t(S.REVIEWING, "review_reject", S.INVESTIGATING, "审核不通过", {Role.TEAM_LEADER, Role.LEGAL_REVIEWER, Role.BUREAU_LEADER},
       guards=("reviewer_not_case_officer", "reviewer_holds_step_role", "reason_given")),
    # 事先告知 (art. 44, 45, 63, 64): the party's periods start when the notice is served.
    _t(S.APPROVED, "issue_notice", S.NOTIFIED, "送达行政处罚事先告知书", OFFICERS,
       guards=("approvals_complete", "proposal_is_penalty"), starts=("statement", "hearing_request"),
       case_officer_only=True),
    _t(S.APPROVED, "decide_not_punished", S.NOT_PUNISHED, "作出不予行政处罚决定", OFFICERS,
       guards=("approvals_complete", "proposal_is_not_penalty", "two_certified_officers", "within_decision_period"),
       stops=("decision",), case_officer_only=True),
    _t(S.NOTIFIED, "request_hearing", S.HEARING, "当事人申请听证", OFFICERS,
       guards=("hearing_right_told", "hearing_requested_in_time"), case_officer_only=True),
    # A hearing held sends the case back through legal review (art. 58: 经过听证程序的须经法制审核).
    _t(S.HEARING, "hearing_held", S.REVIEWING, "听证已举行，报法制审核", OFFICERS | LEADERS | {Role.LEGAL_REVIEWER},
       guards=("hearing_presider_acts", "hearing_notice_in_time")),
    _t(S.HEARING, "hearing_dropped", S.NOTIFIED, "当事人撤回听证申请或无正当理由缺席", OFFICERS | LEADERS | {Role.LEGAL_REVIEWER},
       guards=("hearing_presider_acts",)),
    # 处罚决定 (art. 57–62): only after the notice, the periods or a waiver, and any hearing.
    _t(S.NOTIFIED, "decide", S.DECIDED, "作出行政处罚决定", OFFICERS,
       guards=("approvals_complete", "notice_served", "party_periods_over", "no_open_hearing",
               "not_heavier_than_notice", "two_certified_officers", "within_decision_period"),
       stops=("decision",), case_officer_only=True),
    # After a hearing and the renewed review the case is approved again and decided without a new notice.
    _t(S.APPROVED, "decide", S.DECIDED, "作出行政处罚决定（听证后）", OFFICERS,
       guards=("approvals_complete", "notice_served", "party_periods_over", "no_open_hearing",
               "not_heavier_than_notice", "two_certified_officers", "within_decision_period"),
       stops=("decision",), case_officer_only=True),
    # 结案 (part 2): on a leader's approval of the officer's closing request (execution.closing_request), when the
    # decision is performed, the court has taken over, the case ended without penalty, or for a lawful reason.
    _t(S.DECIDED, "close", S.CLOSED, "结案", LEADERS, guards=("approver_not_case_officer", "closing_lawful")),
    _t(S.NOT_PUNISHED, "close", S.CLOSED, "结案", LEADERS, guards=("approver_not_case_officer", "closing_lawful")),
    _t(S.DISMISSED, "close", S.CLOSED, "结案", LEADERS, guards=("approver_not_case_officer", "closing_lawful")),
)

TRANSITION_INDEX: dict[tuple[str, str], Transition] = {(t.source, t.action): t for t in TRANSITIONS}


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state]


def transition_get(state: str, action: str) -> Transition | None:
    return TRANSITION_INDEX.get((state, action))
