"""Reads of case handling (part 1), always scoped: every query starts from `Model.objects.for_user(user, 'view')`.

Leads and cases for the lists and pages; which workflow steps a user may take on a case now; and what the
workbench shows (my tasks, approvals waiting for me, the nearest statutory deadlines with their warnings).
The case page reads one case with everything prefetched, so its query count does not grow with the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from zhifa.accounts.models import Certificate, Officer, User
from zhifa.accounts.roles import Role
from zhifa.cases.guards import STEP_ROLES
from zhifa.cases.models import (
    MEASURE_KINDS,
    Approval,
    Case,
    CaseDeadline,
    CaseOfficer,
    CollectiveDiscussion,
    CourtEnforcement,
    Decision,
    Evidence,
    Hearing,
    InvestigationReport,
    Lead,
    Preservation,
    PriorNotice,
    Record,
    Recording,
    Remedy,
    Seizure,
    Service,
    SharingLetter,
    Statement,
    TimelineEntry,
    Transfer,
)
from zhifa.cases.performance import Performance
from zhifa.cases.workflow import Transition, transitions_from
from zhifa.lib.money import fen_to_yuan
from zhifa.lib.search import search_terms
from zhifa.workdays.rules import DEADLINE_RULES

S = Case.State
FINAL_STATES = frozenset({S.DECIDED, S.NOT_PUNISHED, S.NOT_FILED, S.DISMISSED})
# The approvals that form the review chain (法制审核、负责人审批、集体讨论); the others are decided at once.
CHAIN_KINDS = (Approval.Kind.TEAM_LEADER, Approval.Kind.LEGAL_REVIEW, Approval.Kind.LEADER, Approval.Kind.COLLECTIVE)
REVIEW_ACTIONS = frozenset({"review_pass", "review_final", "review_return", "review_reject"})
# Periods that bind the party (陈述申辩、听证申请、复议、诉讼): once over they are simply over, not overdue for the
# bureau. Except payment: an open payment period past its day is a fine not paid, on which the bureau must act
# (late fee, reminder, court), so it stays on the workbench as overdue.
PARTY_RULES = tuple(name for name, rule in DEADLINE_RULES.items() if rule.binds_party and name != "payment")
WORKBENCH_LIMIT = 20  # per section of the workbench; the lists behind it have the rest
ROLE_ORDER: dict[str, int] = {CaseOfficer.Role.LEAD: 0, CaseOfficer.Role.CO: 1, CaseOfficer.Role.ASSISTANT: 2}  # 主办 first


def officer_of(user: User) -> Officer | None:
    """The officer record of a login account, or None (a leader without a certificate, the supervisor)."""
    return getattr(user, "officer", None)


# --- leads -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LeadFilters:
    q: str = ""
    state: str = ""
    source: str = ""


def lead_list(*, user: User, filters: LeadFilters) -> QuerySet[Lead]:
    queryset = Lead.objects.for_user(user, "view").select_related("registered_by", "case")
    for term in search_terms(filters.q):
        queryset = queryset.filter(search_text__contains=term)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.source:
        queryset = queryset.filter(source=filters.source)
    return queryset.order_by("-discovered_on", "-id")


def lead_get(*, user: User, pk: int) -> Lead:
    lead = (
        Lead.objects.for_user(user, "view")
        .select_related("bureau", "department", "registered_by", "case")
        .prefetch_related(
            Prefetch("timeline", queryset=TimelineEntry.objects.select_related("actor").order_by("at", "id")),
            Prefetch("deadlines", queryset=CaseDeadline.objects.order_by("due", "id")),
            Prefetch("approvals", queryset=Approval.objects.select_related("decided_by")),
        )
        .filter(pk=pk)
        .first()
    )
    if lead is None:
        raise Http404("案源不存在或无权查看")
    return lead


def lead_case(lead: Lead) -> Case | None:
    """The case filed from a lead, if any (the reverse one-to-one raises when there is none)."""
    return getattr(lead, "case", None)


# --- the case list ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    state: str = ""
    matter_id: int | None = None
    officer_id: int | None = None
    filed_from: dt.date | None = None
    filed_to: dt.date | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None


def case_list(*, user: User, filters: CaseFilters) -> QuerySet[Case]:
    """Cases the user may see, searched (party, number, matter, officer) and filtered, newest first.

    Ordered by id descending so that a page can be read by keyset (`id < last seen`) at any depth."""
    queryset = Case.objects.for_user(user, "view")
    for term in search_terms(filters.q):
        queryset = queryset.filter(search_text__contains=term)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.matter_id:
        queryset = queryset.filter(matter_id=filters.matter_id)
    if filters.officer_id:
        # Exists, not a join: a case must appear once however its officers are linked.
        queryset = queryset.filter(
            Exists(CaseOfficer.objects.filter(case=OuterRef("pk"), officer_id=filters.officer_id))
        )
    if filters.filed_from:
        queryset = queryset.filter(filed_on__gte=filters.filed_from)
    if filters.filed_to:
        queryset = queryset.filter(filed_on__lte=filters.filed_to)
    if filters.due_from:
        queryset = queryset.filter(decision_due__gte=filters.due_from)
    if filters.due_to:
        queryset = queryset.filter(decision_due__lte=filters.due_to)
    return (
        queryset.select_related("matter")
        .prefetch_related(
            "parties",
            # lead > co > assistant in reverse alphabetical order: 主办 first.
            Prefetch("case_officers", queryset=CaseOfficer.objects.select_related("officer").order_by("-role", "id")),
        )
        .order_by("-id")
    )


COUNT_CAP = 1000


def case_count_capped(queryset: QuerySet[Case], cap: int | None = None) -> tuple[int, bool]:
    """How many cases the list holds, counted up to `cap` (then "more than"): a count of the whole filtered,
    scoped list grows with the bureau's cases, and past a thousand the exact number helps nobody page."""
    cap = COUNT_CAP if cap is None else cap
    counted = queryset.order_by()[: cap + 1].count()
    return min(counted, cap), counted > cap


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list read by keyset: `before` = the next page's bound, `after` = the previous page's."""

    rows: list[Case]
    next_before: int | None
    previous_after: int | None


def case_list_page(queryset: QuerySet[Case], *, before: int | None, after: int | None, size: int) -> KeysetPage:
    """A page of `case_list` (ordered by -id) without OFFSET, so deep pages cost what the first one does."""
    if after is not None:
        older_first = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
        has_newer = len(older_first) > size
        rows = list(reversed(older_first[:size]))
        next_before = rows[-1].pk if rows else None
        return KeysetPage(rows, next_before, rows[0].pk if rows and has_newer else None)
    if before is not None:
        queryset = queryset.filter(pk__lt=before)
    fetched = list(queryset[: size + 1])
    rows = fetched[:size]
    return KeysetPage(
        rows,
        rows[-1].pk if len(fetched) > size else None,
        rows[0].pk if rows and before is not None else None,
    )


# --- one case ----------------------------------------------------------------------------------------------
def case_get(*, user: User, pk: int) -> Case:
    """The case with everything its page shows, in a fixed number of queries; Http404 outside the scope."""
    case = (
        Case.objects.for_user(user, "view")
        .select_related("bureau", "department", "township", "matter", "lead", "created_by", "decision__decided_by")
        .prefetch_related(
            "parties",
            Prefetch("case_officers", queryset=CaseOfficer.objects.select_related(
                "officer__department", "officer__user").order_by("-role", "id")),
            Prefetch("case_officers__officer__certificates", queryset=Certificate.objects.order_by("-valid_to")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("collected_by").order_by("created_at", "id")),
            Prefetch("records", queryset=Record.objects.select_related("recorder").prefetch_related("officers")
                     .order_by("started_at", "id")),
            Prefetch("recordings", queryset=Recording.objects.select_related("created_by", "evidence")
                     .prefetch_related("officers").order_by("started_at", "id")),
            Prefetch("approvals", queryset=Approval.objects.select_related("decided_by", "requested_by")
                     .order_by("requested_at", "id")),
            Prefetch("reports", queryset=InvestigationReport.objects.select_related("author").order_by("round")),
            Prefetch("notices", queryset=PriorNotice.objects.select_related("issued_by").order_by("served_on", "id")),
            Prefetch("statements", queryset=Statement.objects.select_related("recorded_by")),
            Prefetch("hearings", queryset=Hearing.objects.select_related("presiding").order_by("requested_on", "id")),
            Prefetch("deadlines", queryset=CaseDeadline.objects.order_by("due", "id")),
            Prefetch("discussions", queryset=CollectiveDiscussion.objects.prefetch_related("participants")),
            "preservations",
            Prefetch("seizures", queryset=Seizure.objects.order_by("started_on", "id")),
            # Part 2 (after the decision).
            Prefetch("services", queryset=Service.objects.select_related("proof", "consent")),
            "payments",
            "remedies",
            Prefetch("transfers", queryset=Transfer.objects.select_related("approval")),
            "sharing_letters",
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("案件不存在或无权查看")
    return case


def case_decision(case: Case) -> Decision | None:
    """The decision of a case, or None (reverse one-to-one)."""
    return getattr(case, "decision", None)


def case_timeline(case: Case) -> list[TimelineEntry]:
    """The whole-process record: the lead's lines (registration, extension) and every line of the case."""
    return list(
        TimelineEntry.objects.filter(Q(case=case) | Q(lead_id=case.lead_id, case__isnull=True))
        .select_related("actor")
        .order_by("at", "id")
    )


# --- what the prefetched case says (no further queries) -----------------------------------------------------
def acting_links(case: Case) -> list[CaseOfficer]:
    return [link for link in case.case_officers.all() if not link.recused]


def is_case_officer(case: Case, user: User, *, include_recused: bool = False) -> bool:
    officer = officer_of(user)
    if officer is None:
        return False
    return any(link.officer_id == officer.pk and (include_recused or not link.recused)
               for link in case.case_officers.all())


def current_round(case: Case) -> int:
    return max((a.round for a in case.approvals.all() if a.kind in CHAIN_KINDS), default=0)


def chain_of(case: Case) -> list[Approval]:
    """The approvals of the current review round, in step order (prefetched)."""
    round_ = current_round(case)
    return sorted((a for a in case.approvals.all() if a.kind in CHAIN_KINDS and a.round == round_),
                  key=lambda a: a.step)


def pending_step_of(case: Case) -> Approval | None:
    return next((a for a in chain_of(case) if a.decision == Approval.Decision.PENDING), None)


def latest_report_of(case: Case) -> InvestigationReport | None:
    return max(case.reports.all(), key=lambda r: r.round, default=None)


def latest_notice_of(case: Case) -> PriorNotice | None:
    return max(case.notices.all(), key=lambda n: (n.served_on, n.pk), default=None)


def pending_hearing_of(case: Case) -> Hearing | None:
    return next((h for h in reversed(case.hearings.all()) if h.outcome == Hearing.Outcome.PENDING), None)


def case_actions(*, case: Case, user: User) -> list[Transition]:
    """The rows of the workflow table this user could take on the case now: the role matches and, for steps
    reserved to the case's officers, the user is one (not recused). A review step counts only for the role the
    pending step needs, so a panel is never offered to someone the chain is not waiting for. The guards are
    checked by case_transition when the form is submitted, never here."""
    if not user.is_active or user.bureau_id != case.bureau_id:
        return []
    roles = user.role_codes
    officer_here = is_case_officer(case, user)
    step = pending_step_of(case) if case.state == S.REVIEWING else None
    possible = []
    for transition in transitions_from(case.state):
        if not roles & transition.roles:
            continue
        if transition.case_officer_only and not officer_here:
            continue
        if transition.action in REVIEW_ACTIONS and (step is None or STEP_ROLES[step.kind] not in roles):
            continue
        possible.append(transition)
    return possible


# --- choices the case screens offer ------------------------------------------------------------------------
def officers_assignable(*, user: User, on: dt.date) -> QuerySet[Officer]:
    """The bureau's officers (not assistants) holding a certificate valid that day (art. 42)."""
    if user.bureau_id is None:
        return Officer.objects.none()
    valid = Certificate.objects.valid_on(on).filter(officer=OuterRef("pk"))
    return (
        Officer.objects.filter(bureau_id=user.bureau_id, kind=Officer.Kind.OFFICER, is_active=True)
        .filter(Exists(valid))
        .select_related("department")
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.valid_on(on).order_by("-valid_to")))
        .order_by("department_id", "name", "id")
    )


def bureau_staff(*, case: Case, roles: Iterable[str]) -> list[User]:
    """Active accounts of the case's bureau holding one of `roles`, for approver, presider and participant
    choices."""
    return list(
        User.objects.filter(bureau_id=case.bureau_id, is_active=True, role_grants__role__in=list(roles))
        .distinct().select_related("officer").order_by("id")
    )


# --- the case page for one user -------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfficerLine:
    link: CaseOfficer
    certificate: Certificate | None  # valid on the day the page is read


@dataclass(frozen=True)
class TimelineItem:
    """A line of the whole-process record and where on the page (or in the store) its object is."""

    entry: TimelineEntry
    anchor: str = ""
    evidence: Evidence | None = None

    @property
    def from_label(self) -> str:
        return _state_label(self.entry.from_state)

    @property
    def to_label(self) -> str:
        return _state_label(self.entry.to_state)


def _state_label(state: str) -> str:
    return Case.State(state).label if state in Case.State.values else state


_ANCHORS: dict[str, str] = {
    "lead.register": "lead", "lead.extend": "lead",
    "case.request_filing": "approvals", "case.approve_filing": "approvals", "case.reject_filing": "approvals",
    "case.review_pass": "approvals", "case.review_final": "approvals", "case.review_return": "approvals",
    "case.review_reject": "approvals",
    "case.preservation": "measures", "case.preservation_decide": "measures", "case.seizure": "measures",
    "case.seizure_extend": "measures",
    "case.report": "report", "case.submit_report": "report",
    "case.issue_notice": "notice", "case.statement": "notice", "case.waive": "notice",
    "case.request_hearing": "hearings", "case.hearing_schedule": "hearings", "case.hearing_held": "hearings",
    "case.hearing_dropped": "hearings",
    "case.decide": "decision", "case.decide_not_punished": "decision", "case.dismiss": "decision",
    "case.extend": "deadlines", "case.recuse": "officers", "case.officer_add": "officers",
}


def timeline_items(case: Case, entries: list[TimelineEntry]) -> list[TimelineItem]:
    """Link each line to its object. Evidence, records and recordings are never deleted and each writes exactly
    one line in the same transaction, so the n-th such line is the n-th such row; when the counts differ (rows
    written without a line) the line links to the section instead."""
    by_action: dict[str, list[Evidence] | list[Record] | list[Recording]] = {
        "case.evidence": sorted(case.evidence.all(), key=lambda e: e.pk),
        "case.record": sorted(case.records.all(), key=lambda r: r.pk),
        "case.recording": sorted(case.recordings.all(), key=lambda r: r.pk),
    }
    prefixes = {"case.evidence": "evidence", "case.record": "record", "case.recording": "recording"}
    counts = {action: sum(1 for e in entries if e.action == action) for action in by_action}
    seen = dict.fromkeys(by_action, 0)
    items = []
    for entry in entries:
        rows = by_action.get(entry.action)
        if rows is None:
            items.append(TimelineItem(entry, _ANCHORS.get(entry.action, "")))
            continue
        prefix = prefixes[entry.action]
        if counts[entry.action] != len(rows):
            items.append(TimelineItem(entry, prefix))
            continue
        row = rows[seen[entry.action]]
        seen[entry.action] += 1
        items.append(TimelineItem(entry, f"{prefix}-{row.pk}", row if isinstance(row, Evidence) else None))
    return items


@dataclass
class CasePage:
    """What the case page shows one user: the prefetched case, the steps the user may take, and the choices
    the step forms offer (read lazily: a panel that is not shown costs no query)."""

    case: Case
    user: User
    today: dt.date
    actions: list[Transition]

    @cached_property
    def action_names(self) -> frozenset[str]:
        return frozenset(t.action for t in self.actions)

    @cached_property
    def is_officer(self) -> bool:
        return is_case_officer(self.case, self.user)

    @cached_property
    def is_staff(self) -> bool:
        """Officers of the case act; assistants of its department may record (协管员 may record, not decide)."""
        return self.is_officer or (self.user.has_role(Role.ASSISTANT) and self.user.bureau_id == self.case.bureau_id
                                   and self.user.department_id == self.case.department_id)

    @cached_property
    def is_final(self) -> bool:
        return self.case.state in FINAL_STATES

    @cached_property
    def pending_step(self) -> Approval | None:
        return pending_step_of(self.case)

    @cached_property
    def chain(self) -> list[Approval]:
        return chain_of(self.case)

    @cached_property
    def latest_report(self) -> InvestigationReport | None:
        return latest_report_of(self.case)

    @cached_property
    def report_round_open(self) -> bool:
        """The latest report is a draft of a round not yet submitted (it may still be replaced)."""
        report = self.latest_report
        return report is not None and report.round > current_round(self.case)

    @cached_property
    def latest_notice(self) -> PriorNotice | None:
        return latest_notice_of(self.case)

    @cached_property
    def pending_hearing(self) -> Hearing | None:
        return pending_hearing_of(self.case)

    @cached_property
    def decision(self) -> Decision | None:
        return case_decision(self.case)

    @cached_property
    def decision_days_left(self) -> int | None:
        due = self.case.decision_due
        return None if due is None else (due - self.today).days

    @cached_property
    def decision_days_overdue(self) -> int:
        left = self.decision_days_left
        return -left if left is not None and left < 0 else 0

    @cached_property
    def decision_deadline(self) -> DeadlineItem | None:
        """The running decision period (art. 60) with its 75 % / 90 % / overdue level."""
        return next((item for item in self.open_deadlines if item.deadline.rule == "decision"), None)

    @cached_property
    def decision_fine(self) -> str:
        decision = self.decision
        return f"{fen_to_yuan(decision.fine_fen)} 元" if decision is not None and decision.fine_fen else ""

    @cached_property
    def officer_lines(self) -> list[OfficerLine]:
        links = sorted(self.case.case_officers.all(), key=lambda link: (ROLE_ORDER.get(link.role, 9), link.pk))
        return [OfficerLine(link, link.officer.current_certificate(self.today)) for link in links]

    @cached_property
    def acting_officers(self) -> list[Officer]:
        return [link.officer for link in acting_links(self.case)]

    @cached_property
    def not_on_case(self) -> set[int]:
        """Account ids of everyone who is or was an officer of the case (recused included)."""
        return {link.officer.user_id for link in self.case.case_officers.all() if link.officer.user_id}

    @cached_property
    def leaders(self) -> list[User]:
        """Bureau leaders who may approve a measure of this case: never one of its officers."""
        return [u for u in bureau_staff(case=self.case, roles=[Role.BUREAU_LEADER]) if u.pk not in self.not_on_case]

    @cached_property
    def presiders(self) -> list[User]:
        """Who may preside a hearing: the bureau's staff who did not investigate the case (art. 64 (四))."""
        roles = [Role.OFFICER, Role.TEAM_LEADER, Role.LEGAL_REVIEWER, Role.BUREAU_LEADER]
        return [u for u in bureau_staff(case=self.case, roles=roles) if u.pk not in self.not_on_case]

    @cached_property
    def participants(self) -> list[User]:
        return bureau_staff(case=self.case, roles=[Role.BUREAU_LEADER, Role.LEGAL_REVIEWER, Role.TEAM_LEADER])

    @cached_property
    def assignable_officers(self) -> list[Officer]:
        on_case = {link.officer_id for link in self.case.case_officers.all()}
        return [o for o in officers_assignable(user=self.user, on=self.today) if o.pk not in on_case]

    @cached_property
    def performance(self) -> Performance | None:
        """After the decision: the fine, payments, late fee today, remedies, the court (part 2)."""
        if self.case.state not in (S.DECIDED, S.NOT_PUNISHED, S.CLOSED) and not self.case.decided_on:
            return None
        return Performance(self.case, self.today)

    @cached_property
    def is_served(self) -> bool:
        """Served: a service recorded, or an on-the-spot decision handed over there (served_on set)."""
        return self.case.served_on is not None or bool(self.case.services.all())

    @cached_property
    def pending_remedies(self) -> list[Remedy]:
        return [r for r in self.case.remedies.all() if r.outcome == Remedy.Outcome.PENDING]

    @cached_property
    def transfers_to_send(self) -> list[Transfer]:
        return [t for t in self.case.transfers.all() if t.kind == Transfer.Kind.CRIME and t.transferred_at is None
                and t.approval is not None and t.approval.decision == Approval.Decision.APPROVED]

    @cached_property
    def transfers_awaiting_answer(self) -> list[Transfer]:
        return [t for t in self.case.transfers.all() if t.transferred_at is not None
                and t.answer == Transfer.Answer.PENDING]

    @cached_property
    def court(self) -> CourtEnforcement | None:
        return self.performance.court if self.performance is not None else None

    @cached_property
    def pending_measures(self) -> list[Approval]:
        """Preservations, seizures and extensions asked for and waiting for a leader (prefetched approvals)."""
        return [a for a in self.case.approvals.all() if a.kind in MEASURE_KINDS and a.decision == Approval.Decision.PENDING]

    @cached_property
    def may_approve_measures(self) -> bool:
        """A leader of the case's bureau who is not and was not one of its officers (办审分离)."""
        return (self.user.has_role(Role.BUREAU_LEADER) and self.user.bureau_id == self.case.bureau_id
                and self.user.pk not in self.not_on_case)

    @cached_property
    def open_preservations(self) -> list[Preservation]:
        return [p for p in self.case.preservations.all() if p.decided_on is None]

    @cached_property
    def extendable_seizures(self) -> list[Seizure]:
        return [s for s in self.case.seizures.all() if not s.extended and s.released_on is None]

    @cached_property
    def held_seizures(self) -> list[Seizure]:
        return [s for s in self.case.seizures.all() if s.released_on is None]

    @cached_property
    def av_evidence(self) -> list[Evidence]:
        """Audio and video files a recording (音像记录) may point to."""
        return [e for e in self.case.evidence.all() if e.kind in (Evidence.Kind.AUDIO, Evidence.Kind.VIDEO)]

    @cached_property
    def deadline_lines(self) -> list[DeadlineItem]:
        return [DeadlineItem(d, self.today) for d in self.case.deadlines.all()]

    @cached_property
    def open_deadlines(self) -> list[DeadlineItem]:
        return [item for item in self.deadline_lines if item.deadline.is_open]


def case_page_build(*, case: Case, user: User, today: dt.date) -> CasePage:
    return CasePage(case=case, user=user, today=today, actions=case_actions(case=case, user=user))


# --- the workbench ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    """One line of 我的待办: what to do on which case or lead, and by when."""

    label: str
    case: Case | None = None
    lead: Lead | None = None
    due: dt.date | None = None


def _mine(user: User) -> QuerySet[Case]:
    officer = officer_of(user)
    if officer is None:
        return Case.objects.none()
    acting = CaseOfficer.objects.filter(case=OuterRef("pk"), officer_id=officer.pk, recused=False)
    return Case.objects.for_user(user, "view").filter(Exists(acting))


def _case_task(case: Case, today: dt.date) -> str | None:
    """What an officer of the case must do next, or None while the case waits on someone else."""
    if case.state == S.INVESTIGATING:
        returned = [a for a in chain_of(case) if a.decision in (Approval.Decision.RETURNED, Approval.Decision.REJECTED)
                    and a.opinion != "因前一环节退回而终止"]
        if returned:
            return f"审核退回：{returned[0].opinion}，请补正后重新提交调查终结报告"
        return "调查取证，完成后提交调查终结报告"
    if case.state == S.APPROVED:
        if latest_notice_of(case) is not None:
            return "听证后审批已通过：作出行政处罚决定"
        report = latest_report_of(case)
        if report is not None and report.outcome != InvestigationReport.Outcome.PENALTY:
            return "审批已通过：作出不予行政处罚决定"
        return "审批已通过：送达行政处罚事先告知书"
    if case.state == S.NOTIFIED:
        notice = latest_notice_of(case)
        if notice is not None and (notice.waived_on is not None or today > notice.periods_end):
            return "告知期已满：作出行政处罚决定"
        return None
    if case.state == S.HEARING:
        hearing = pending_hearing_of(case)
        if hearing is not None and hearing.scheduled_on is None:
            return "当事人申请听证：指定主持人，安排听证并送达通知"
    return None


def workbench_tasks(*, user: User, today: dt.date) -> list[Task]:
    """My cases needing action, hearings I preside, and my leads still waiting for a filing decision."""
    tasks: list[Task] = []
    active = [S.INVESTIGATING, S.APPROVED, S.NOTIFIED, S.HEARING]
    cases = (
        _mine(user).filter(state__in=active).select_related("matter")
        .prefetch_related("notices", "hearings", "reports",
                          Prefetch("approvals", queryset=Approval.objects.filter(kind__in=CHAIN_KINDS)))
        .order_by(F("decision_due").asc(nulls_last=True), "id")[:WORKBENCH_LIMIT]
    )
    for case in cases:
        label = _case_task(case, today)
        if label:
            tasks.append(Task(label, case=case, due=case.decision_due))
    presiding = (
        Case.objects.for_user(user, "view")
        .filter(state=S.HEARING, hearings__presiding=user, hearings__outcome=Hearing.Outcome.PENDING)
        .select_related("matter").distinct().order_by("id")[:WORKBENCH_LIMIT]
    )
    tasks += [Task("主持听证并记录听证结果", case=case, due=case.decision_due) for case in presiding]
    unserved = (
        _mine(user).filter(state__in=[S.DECIDED, S.NOT_PUNISHED], served_on__isnull=True)
        .select_related("matter").order_by("decided_on", "id")[:WORKBENCH_LIMIT]
    )
    tasks += [Task("送达处理决定书（当事人不在场的，七个工作日内送达）", case=case, due=case.decided_on)
              for case in unserved]
    leads = (
        Lead.objects.for_user(user, "view").filter(registered_by=user, state=Lead.State.REGISTERED)
        .order_by("decision_due", "id")[:WORKBENCH_LIMIT]
    )
    tasks += [Task("案源待核查：报请立案或说明不予立案", lead=lead, due=lead.decision_due) for lead in leads]
    tasks.sort(key=lambda t: (t.due or dt.date.max))
    return tasks


@dataclass(frozen=True)
class ApprovalItem:
    """One line of 待我审批: the approval row and its case."""

    approval: Approval
    case: Case

    @property
    def label(self) -> str:
        return self.approval.get_kind_display()

    @property
    def summary(self) -> str:
        """What was asked, for a measure or an extension (the review steps have none)."""
        return str(self.approval.payload.get("summary", ""))


def _oldest_first(pending: QuerySet[Approval]) -> list[Approval]:
    """The oldest WORKBENCH_LIMIT rows of `pending`, then their cases and requesters for those rows only:
    joining the case, matter and requester before the limit would join every pending row of the bureau."""
    ids = list(pending.order_by("requested_at", "id").values_list("pk", flat=True)[:WORKBENCH_LIMIT])
    return list(Approval.objects.filter(pk__in=ids).select_related("case__matter", "requested_by")
                .order_by("requested_at", "id"))


def approvals_waiting(*, user: User) -> list[ApprovalItem]:
    """Filings and requested measures waiting for a bureau leader, and review steps whose turn it is and whose
    role the user holds, on cases the user is not an officer of (办审分离)."""
    roles = user.role_codes
    cases = Case.objects.for_user(user, "view")
    officer = officer_of(user)
    own = CaseOfficer.objects.filter(case=OuterRef("case_id"), officer_id=officer.pk if officer else -1)
    pending = Approval.objects.filter(decision=Approval.Decision.PENDING).exclude(Exists(own))
    items: list[Approval] = []
    if Role.BUREAU_LEADER in roles:
        items += _oldest_first(pending.filter(kind=Approval.Kind.FILING, case__in=cases.filter(state=S.FILING_REVIEW)))
        # Preservations, seizures, extensions, payment plans, closings, transfers (services.measure_decide).
        items += _oldest_first(pending.filter(kind__in=MEASURE_KINDS, case__in=cases.exclude(state__in=[S.NOT_FILED])))
    kinds = [kind for kind, role in STEP_ROLES.items() if role in roles]
    if kinds:
        # The step whose turn it is: the lowest pending step of the case (returned rounds hold no pending rows).
        first_pending = (
            Approval.objects.filter(case=OuterRef("case_id"), decision=Approval.Decision.PENDING, kind__in=CHAIN_KINDS)
            .order_by("round", "step").values("pk")[:1]
        )
        items += _oldest_first(pending.filter(kind__in=kinds, case__in=cases.filter(state=S.REVIEWING))
                               .filter(pk=Subquery(first_pending)))
    return [ApprovalItem(approval, approval.case) for approval in items if approval.case is not None]


@dataclass(frozen=True)
class DeadlineItem:
    """An open deadline with how far its period has run: overdue, past 90 % or past 75 %."""

    deadline: CaseDeadline
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.deadline.due - self.today).days

    @property
    def overdue(self) -> bool:
        return self.today > self.deadline.due

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @cached_property
    def elapsed_percent(self) -> int:
        """The share of the period already used, from its start to its last day (the decision period's
        75 % and 90 % warnings)."""
        total = (self.deadline.due - self.deadline.start).days
        if total <= 0:
            return 100
        return max(0, int((self.today - self.deadline.start).days * 100 / total))

    @property
    def binds_party(self) -> bool:
        rule = DEADLINE_RULES.get(self.deadline.rule)
        return rule is not None and rule.binds_party

    @property
    def level(self) -> str:
        if not self.deadline.is_open:
            return ""
        if self.overdue and self.binds_party:
            return "over"  # the party's period ended: nothing for the bureau to catch up on
        if self.overdue:
            return "overdue"
        if self.elapsed_percent >= 90:
            return "90"
        if self.elapsed_percent >= 75:
            return "75"
        return ""

    @property
    def subject(self) -> Case | Lead | None:
        return self.deadline.case or self.deadline.lead


def deadlines_nearest(*, user: User, today: dt.date, limit: int = 20) -> list[DeadlineItem]:
    """Open deadlines (not met, not cancelled) of cases and leads the user may see, nearest first. A period
    that binds the party and has run out is over, not overdue: it leaves the list.

    Cases' and leads' deadlines are read apart and merged: each read can then walk the (due, met_on) index in
    order and stop after `limit` rows, which one query joined by OR cannot."""
    open_rows = (
        CaseDeadline.objects.filter(met_on__isnull=True, cancelled=False)
        .exclude(rule__in=PARTY_RULES, due__lt=today)
        .order_by("due", "id")
    )
    of_cases = open_rows.filter(case__in=Case.objects.for_user(user, "view")).select_related("case")[:limit]
    of_leads = (open_rows.filter(case__isnull=True, lead__in=Lead.objects.for_user(user, "view"))
                .select_related("lead")[:limit])
    rows = sorted([*of_cases, *of_leads], key=lambda row: (row.due, row.pk))[:limit]
    return [DeadlineItem(row, today) for row in rows]


# --- evidence -------------------------------------------------------------------------------------------------
def evidence_get(*, user: User, pk: int) -> Evidence:
    """An evidence file of a case or lead the user may see; Http404 otherwise (no existence leak)."""
    visible = Q(case__in=Case.objects.for_user(user, "view")) | Q(lead__in=Lead.objects.for_user(user, "view"))
    evidence = Evidence.objects.filter(visible).select_related("case", "lead").filter(pk=pk).first()
    if evidence is None:
        raise Http404("证据不存在或无权查看")
    return evidence


# --- transfers and sharing letters (part 2) ----------------------------------------------------------------------
@dataclass(frozen=True)
class TransferYear:
    year: int
    transfers: list[Transfer]
    letters: list[SharingLetter]

    @property
    def crime_transferred(self) -> int:
        return sum(1 for t in self.transfers if t.kind == Transfer.Kind.CRIME and t.transferred_at is not None)

    @property
    def other_body(self) -> int:
        return sum(1 for t in self.transfers if t.kind == Transfer.Kind.OTHER_BODY)


def transfers_of_year(*, user: User, year: int) -> TransferYear:
    """The transfers and sharing letters of the cases the user may see, reported or sent in `year`."""
    cases = Case.objects.for_user(user, "view")
    transfers = list(Transfer.objects.filter(case__in=cases, reported_on__year=year)
                     .select_related("case", "approval").order_by("-reported_on", "-id"))
    letters = list(SharingLetter.objects.filter(case__in=cases, sent_on__year=year)
                   .select_related("case").order_by("-sent_on", "-id"))
    return TransferYear(year, transfers, letters)
