"""The case workflow walked state by state, and every guard with its article (行政处罚法 unless named)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhifa.cases import services
from zhifa.cases.guards import pending_step
from zhifa.cases.models import Approval, Case, CaseDeadline, Decision, Hearing, Lead, Seizure
from zhifa.cases.services import ReportData
from zhifa.cases.workflow import TRANSITIONS, transition_get
from zhifa.catalog.discretion import CaseFacts
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.workdays.services import deadline_compute

TODAY = timezone.localdate


def workdays_after(day: dt.date, rule: str) -> dt.date:
    return deadline_compute(rule=rule, start=day).due


def chain_kinds(case: Case, round_: int = 1) -> list[str]:
    return list(case.approvals.filter(round=round_).exclude(kind="filing").order_by("step").values_list("kind", flat=True))


# --- the table ---------------------------------------------------------------------------------------------
def test_every_transition_names_known_guards_effects_and_a_target_state():
    from zhifa.cases.guards import GUARDS
    from zhifa.cases.services import EFFECTS

    states = set(Case.State.values)
    for t in TRANSITIONS:
        assert t.source in states and t.target in states
        assert set(t.guards) <= set(GUARDS), t
        assert t.action in EFFECTS, t
        assert t.roles, t
    # No two rows share (state, action): the table is a function.
    assert len({(t.source, t.action) for t in TRANSITIONS}) == len(TRANSITIONS)


def test_from_a_decision_only_closing_leads_on_and_nothing_leads_out_of_closed_or_not_filed():
    for decided in (Case.State.DECIDED, Case.State.NOT_PUNISHED, Case.State.DISMISSED):
        assert [(t.action, t.target) for t in TRANSITIONS if t.source == decided] == [("close", Case.State.CLOSED)]
        close = transition_get(decided, "close")
        assert close is not None and "closing_lawful" in close.guards and "approver_not_case_officer" in close.guards
    for final in (Case.State.CLOSED, Case.State.NOT_FILED):
        assert not [t for t in TRANSITIONS if t.source == final]


def test_the_whole_general_procedure_from_lead_to_decision(world):
    lead = world.lead(discovered_on=TODAY() - dt.timedelta(days=40))
    assert lead.decision_due == workdays_after(lead.discovered_on, "lead_decision")
    case = world.request_filing(lead)
    assert case.state == Case.State.FILING_REVIEW and case.number == ""

    filed_on = lead.discovered_on + dt.timedelta(days=1)
    case = services.case_transition(case=case, action="approve_filing", actor=world.leader, on=filed_on)
    assert case.state == Case.State.INVESTIGATING
    assert case.number == f"红综执立〔{filed_on.year}〕第1号"
    assert case.decision_due == filed_on + dt.timedelta(days=90)  # art. 60, a bureau limit: not extended
    lead.refresh_from_db()
    assert lead.state == Lead.State.FILED
    assert lead.deadlines.get(rule="lead_decision").met_on == filed_on

    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="占道约4平方米", outcome="penalty", facts=CaseFacts(level="general"), fine_fen=300_00))
    case = services.case_transition(case=case, action="submit_report", actor=world.a1)
    assert chain_kinds(case) == ["team_leader", "leader"]

    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    assert case.state == Case.State.REVIEWING
    case = services.review_decide(case=case, actor=world.leader, decision="approved")
    assert case.state == Case.State.APPROVED

    served = TODAY() - dt.timedelta(days=20)
    case = services.case_transition(case=case, action="issue_notice", actor=world.a1, served_on=served)
    notice = case.notices.get()
    assert notice.statement_due == workdays_after(served, "statement")
    assert notice.hearing_request_due is None  # 300 元 is below the hearing threshold (art. 63)

    case = services.case_transition(case=case, action="decide", actor=world.a1)
    assert case.state == Case.State.DECIDED
    assert case.decision.fine_fen == 300_00
    assert case.deadlines.get(rule="decision").met_on == TODAY()
    actions = list(case.timeline.values_list("action", flat=True))
    assert actions[:2] == ["case.request_filing", "case.approve_filing"] and actions[-1] == "case.decide"


# --- filing: art. 36, 42, 43, 24 ---------------------------------------------------------------------------
def test_art42_filing_needs_two_officers_with_certificates_valid_that_day(world):
    with pytest.raises(DomainError, match="第四十二条"):
        world.request_filing(officers=[(world.a1.officer, "lead")])
    assert not Case.objects.exists()


def test_art42_an_expired_certificate_does_not_count(world):
    certificate = world.a2.officer.certificates.get()
    certificate.valid_to = TODAY() - dt.timedelta(days=1)
    certificate.save()
    with pytest.raises(DomainError, match="只有 1 名"):
        world.request_filing()


def test_art42_an_assistant_does_not_count_as_an_enforcing_officer(world):
    with pytest.raises(DomainError, match="第四十二条"):
        world.request_filing(officers=[(world.a1.officer, "lead"), (world.a2.officer, "assistant")])


def test_art43_a_recused_officer_no_longer_counts_and_cannot_act(world):
    case = world.request_filing(officers=[(world.a1.officer, "lead"), (world.a2.officer, "co"), (world.a3_officer, "co")])
    services.officer_recuse(case=case, officer=world.a2.officer, reason="与当事人系近亲属", actor=world.team_leader)
    case = services.case_transition(case=case, action="approve_filing", actor=world.leader)  # a1 and a3 remain
    services.officer_recuse(case=case, officer=world.a3_officer, reason="利害关系", actor=world.team_leader)
    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="x", outcome="penalty", facts=CaseFacts(level="general"), fine_fen=200_00))
    with pytest.raises(DomainError, match="本案办案人员"):
        services.case_transition(case=case, action="submit_report", actor=world.a2)


def test_art36_a_violation_discovered_more_than_two_years_later_cannot_be_filed(world):
    lead = world.lead(discovered_on=TODAY())
    with pytest.raises(DomainError, match="第三十六条"):
        world.request_filing(lead, violation_on=TODAY() - dt.timedelta(days=2 * 366 + 1))
    assert not Case.objects.exists()


def test_art36_five_years_when_life_health_or_financial_safety_was_harmed(world):
    lead = world.lead()
    case = world.request_filing(lead, violation_on=TODAY() - dt.timedelta(days=3 * 365), endangers_safety=True)
    assert case.state == Case.State.FILING_REVIEW


def test_art36_a_continuing_violation_counts_from_its_end(world):
    case = world.request_filing(violation_on=TODAY() - dt.timedelta(days=4 * 365),
                                violation_ended_on=TODAY() - dt.timedelta(days=30))
    assert case.state == Case.State.FILING_REVIEW


def test_art24_a_township_officer_cannot_file_under_a_matter_not_delegated(world, org):
    from zhifa.accounts import services as accounts

    town = accounts.township_create(bureau=org.red, name="红星镇", actor=None)
    world.a1.township = town
    world.a1.save()
    with pytest.raises(DomainError, match="第二十四条"):
        world.request_filing()


def test_a_case_officer_cannot_approve_their_own_filing(world):
    case = world.request_filing()
    world.leader.officer.delete() if False else None
    from zhifa.cases.models import CaseOfficer

    CaseOfficer.objects.create(case=case, officer=world.leader.officer, role="co")
    with pytest.raises(DomainError, match="办审分离"):
        services.case_transition(case=case, action="approve_filing", actor=world.leader)


def test_only_a_leader_approves_filing(world):
    case = world.request_filing()
    with pytest.raises(DomainError, match="局领导"):
        services.case_transition(case=case, action="approve_filing", actor=world.team_leader)


def test_rejecting_a_filing_records_the_reason_on_the_lead(world):
    case = world.request_filing()
    with pytest.raises(DomainError, match="理由"):
        services.case_transition(case=case, action="reject_filing", actor=world.leader)
    case = services.case_transition(case=case, action="reject_filing", actor=world.leader, reason="不属于本局管辖")
    assert case.state == Case.State.NOT_FILED
    assert case.lead.not_filed_reason == "不属于本局管辖"


def test_an_assistant_may_record_but_not_propose_a_filing(world):
    lead = world.lead(by=world.assistant)
    from zhifa.cases.services import FilingData

    with pytest.raises(DomainError, match="协管员"):
        services.case_request_filing(lead=lead, actor=world.assistant, data=FilingData(
            matter=world.matter, title="x", facts="x", violation_on=TODAY(), parties=[], officers=[]))


# --- report, discretion and legal review: art. 34, 57, 58 -------------------------------------------------------
def test_art34_a_proposal_outside_the_recommendation_needs_a_written_reason(world):
    case = world.filed()
    report = services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="x", outcome="penalty", facts=CaseFacts(level="general"), fine_fen=800_00))
    assert "不在裁量基准建议" in report.deviation and report.needs_legal_review
    with pytest.raises(DomainError, match="偏离理由"):
        services.case_transition(case=case, action="submit_report", actor=world.a1)
    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="x", outcome="penalty", facts=CaseFacts(level="general"), fine_fen=800_00,
        deviation_reason="当事人多次违法，情节接近较重"))
    case = services.case_transition(case=case, action="submit_report", actor=world.a1)
    assert "legal_review" in case.approvals.values_list("kind", flat=True)


def test_art58_a_matter_marked_for_review_inserts_legal_review_into_the_chain(world):
    case = world.reported(matter=world.big_matter, fine_yuan=5000)
    assert chain_kinds(case) == ["team_leader", "legal_review", "leader"]


def test_art58_a_large_fine_for_an_organisation_goes_to_legal_review_and_gives_a_hearing_right(world):
    case = world.notified(matter=world.big_matter, fine_yuan=200_000, organisation=True)
    assert case.notices.get().hearing_right  # art. 63: ≥ 10 万元 for an organisation by default
    assert case.approvals.filter(kind="legal_review", decision="approved").exists()


def test_art58_the_reviewer_can_never_be_an_officer_of_the_case(world):
    from zhifa.cases.models import CaseOfficer

    case = world.reported(matter=world.big_matter, fine_yuan=5000)
    CaseOfficer.objects.create(case=case, officer=world.reviewer.officer, role="co")
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    with pytest.raises(DomainError, match="办审分离"):
        services.review_decide(case=case, actor=world.reviewer, decision="approved")


def test_art58_a_first_time_reviewer_needs_the_legal_qualification(world):
    officer = world.reviewer.officer
    officer.legal_qualified = False
    officer.save()
    case = world.reported(matter=world.big_matter, fine_yuan=5000)
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    with pytest.raises(DomainError, match="法律职业资格"):
        services.review_decide(case=case, actor=world.reviewer, decision="approved")


def test_steps_are_taken_in_order_by_their_role(world):
    case = world.reported(matter=world.big_matter, fine_yuan=5000)
    with pytest.raises(DomainError, match="执法队负责人"):
        services.review_decide(case=case, actor=world.reviewer, decision="approved")


def test_a_returned_report_goes_back_to_investigation_and_a_new_round_starts(world):
    case = world.reported()
    case = services.review_decide(case=case, actor=world.team_leader, decision="returned", opinion="证据不足，补充询问笔录")
    assert case.state == Case.State.INVESTIGATING
    assert not case.approvals.filter(decision="pending").exists()
    with pytest.raises(DomainError, match="本轮的调查终结报告"):
        services.case_transition(case=case, action="submit_report", actor=world.a1)
    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="补充后", outcome="penalty", facts=CaseFacts(level="general"), fine_fen=300_00))
    case = services.case_transition(case=case, action="submit_report", actor=world.a1)
    assert chain_kinds(case, 2) == ["team_leader", "leader"]


def test_art57_a_major_case_is_approved_by_collective_discussion(world):
    case = world.reported(is_major=True)
    assert "collective" in case.approvals.values_list("kind", flat=True)
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    case = services.review_decide(case=case, actor=world.reviewer, decision="approved")  # is_major → review
    with pytest.raises(DomainError, match="两名以上局领导"):
        services.collective_discussion_record(case=case, actor=world.leader, held_at=timezone.now(), place="会议室",
                                              participants=[world.leader], opinions=[], conclusion="同意",
                                              approved=True)
    case = services.collective_discussion_record(
        case=case, actor=world.leader, held_at=timezone.now(), place="三楼会议室",
        participants=[world.leader, world.leader2, world.reviewer],
        opinions=[{"name": "局长", "opinion": "同意"}, {"name": "副局长", "opinion": "同意"}],
        conclusion="同意拟处理意见", approved=True)
    assert case.state == Case.State.APPROVED
    assert case.discussions.get().participants.count() == 3


# --- notice, statement, hearing and decision: art. 44, 45, 62, 63, 64 -------------------------------------------
def test_art44_62_no_decision_without_a_notice(world):
    case = world.approved()
    with pytest.raises(DomainError, match="第四十四条"):
        services.case_transition(case=case, action="decide", actor=world.a1)


def test_art62_no_decision_while_the_statement_period_runs(world):
    case = world.notified(served_on=TODAY())
    with pytest.raises(DomainError, match="期限内不得作出处罚决定"):
        services.case_transition(case=case, action="decide", actor=world.a1)


def test_a_written_waiver_allows_the_decision_before_the_period_ends(world):
    case = world.notified(served_on=TODAY())
    services.rights_waive(case=case, waived_on=TODAY(), actor=world.a1)
    case = services.case_transition(case=case, action="decide", actor=world.a1)
    assert case.state == Case.State.DECIDED


def test_art45_a_statement_never_leads_to_a_heavier_penalty(world):
    case = world.notified(served_on=TODAY() - dt.timedelta(days=20))
    services.statement_record(case=case, received_on=TODAY() - dt.timedelta(days=19), content="我已经改正了",
                              adopted=False, response="不予采纳", actor=world.a1)
    with pytest.raises(DomainError, match="第四十五条"):
        services.case_transition(case=case, action="decide", actor=world.a1, fine_fen=500_00)
    case = services.case_transition(case=case, action="decide", actor=world.a1, fine_fen=200_00)
    assert case.decision.fine_fen == 200_00


def test_art64_a_hearing_requested_after_five_working_days_is_refused(world):
    served = TODAY() - dt.timedelta(days=30)
    case = world.notified(served_on=served, matter=world.big_matter, fine_yuan=200_000, organisation=True)
    with pytest.raises(DomainError, match="听证申请期限"):
        services.case_transition(case=case, action="request_hearing", actor=world.a1, requested_on=TODAY())


def test_art63_no_hearing_right_for_a_small_fine(world):
    case = world.notified()
    with pytest.raises(DomainError, match="第六十三条"):
        services.case_transition(case=case, action="request_hearing", actor=world.a1)


def test_art64_a_hearing_needs_an_independent_presider_and_seven_working_days_notice(world):
    served = TODAY() - dt.timedelta(days=1)
    case = world.notified(served_on=served, matter=world.big_matter, fine_yuan=200_000, organisation=True)
    case = services.case_transition(case=case, action="request_hearing", actor=world.a1, requested_on=TODAY())
    assert case.state == Case.State.HEARING
    with pytest.raises(DomainError, match="非本案调查人员"):
        services.hearing_schedule(case=case, presiding=world.a2, scheduled_on=TODAY() + dt.timedelta(days=30),
                                  place="听证室", notice_served_on=TODAY(), representatives="", actor=world.a1)
    too_soon = TODAY() + dt.timedelta(days=3)
    with pytest.raises(DomainError, match="七日前"):
        services.hearing_schedule(case=case, presiding=world.reviewer, scheduled_on=too_soon, place="听证室",
                                  notice_served_on=TODAY(), representatives="", actor=world.a1)
    with pytest.raises(DomainError, match=r"不能作出处罚决定|不能进行该操作"):
        services.case_transition(case=case, action="decide", actor=world.a1)


def test_art58_64_after_a_hearing_the_case_returns_to_legal_review_then_is_decided(world):
    served = TODAY() - dt.timedelta(days=40)
    case = world.notified(served_on=served, matter=world.big_matter, fine_yuan=200_000, organisation=True)
    case = services.case_transition(case=case, action="request_hearing", actor=world.a1,
                                    requested_on=served + dt.timedelta(days=1))
    notice_on = served + dt.timedelta(days=2)
    hearing_on = workdays_after(notice_on, "hearing_notice")
    services.hearing_schedule(case=case, presiding=world.reviewer, scheduled_on=hearing_on, place="听证室",
                              notice_served_on=notice_on, representatives="李律师", actor=world.a1)
    due_before = case.decision_due
    with pytest.raises(DomainError, match="主持人"):
        services.case_transition(case=case, action="hearing_held", actor=world.a1, transcript="x")
    case = services.case_transition(case=case, action="hearing_held", actor=world.reviewer,
                                    transcript="当事人到场陈述申辩，认为处罚过重", on=hearing_on)
    assert case.state == Case.State.REVIEWING
    assert case.decision_due > due_before  # the hearing's days are excluded (art. 60 practice)
    assert chain_kinds(case, 2) == ["legal_review", "leader"]
    case = services.review_decide(case=case, actor=world.reviewer, decision="approved")
    case = services.review_decide(case=case, actor=world.leader, decision="approved")
    assert case.state == Case.State.APPROVED
    case = services.case_transition(case=case, action="decide", actor=world.a1, fine_fen=150_000_00)
    assert case.state == Case.State.DECIDED and case.decision.fine_fen == 150_000_00
    assert case.hearings.get().outcome == Hearing.Outcome.HELD


def test_art60_no_decision_after_the_ninety_days_without_an_extension(world):
    case = world.notified(served_on=TODAY() - dt.timedelta(days=20))
    Case.objects.filter(pk=case.pk).update(decision_due=TODAY() - dt.timedelta(days=1))
    case.refresh_from_db()
    with pytest.raises(DomainError, match="第六十条"):
        services.case_transition(case=case, action="decide", actor=world.a1)
    with pytest.raises(DomainError, match="集体讨论"):
        services.decision_extend(case=case, days=45, reason="案情复杂", actor=world.a1)
    asked = services.decision_extend(case=case, days=30, reason="需检测鉴定", actor=world.a1)
    case.refresh_from_db()
    with pytest.raises(DomainError, match="第六十条"):  # asked is not approved: the period has still run out
        services.case_transition(case=case, action="decide", actor=world.a1)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    case.refresh_from_db()
    assert case.decision_due == TODAY() + dt.timedelta(days=29)
    case = services.case_transition(case=case, action="decide", actor=world.a1)
    assert case.state == Case.State.DECIDED


def test_art33_a_not_punishable_proposal_ends_with_a_non_penalty_decision(world):
    case = world.filed()
    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="首次违法，当场改正，无危害后果", outcome="not_punishable",
        facts=CaseFacts(minor_violation=True, corrected_in_time=True, harm="none")))
    case = services.case_transition(case=case, action="submit_report", actor=world.a1)
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    case = services.review_decide(case=case, actor=world.leader, decision="approved")
    with pytest.raises(DomainError, match="无需事先告知"):
        services.case_transition(case=case, action="issue_notice", actor=world.a1)
    case = services.case_transition(case=case, action="decide_not_punished", actor=world.a1)
    assert case.state == Case.State.NOT_PUNISHED and case.decision.kind == Decision.Kind.NOT_PUNISHED


# --- concurrency: one wins, the other is told ---------------------------------------------------------------------
def test_a_stale_version_is_refused_with_changed_meanwhile_and_nothing_changes(world):
    case = world.request_filing()
    seen = case.version
    services.case_transition(case=case, action="approve_filing", actor=world.leader, expected_version=seen)
    with pytest.raises(ChangedMeanwhile, match="已被他人处理"):
        services.case_transition(case=case, action="reject_filing", actor=world.leader2, expected_version=seen,
                                 reason="x")
    case.refresh_from_db()
    assert case.state == Case.State.INVESTIGATING


def test_a_wrong_state_is_a_clear_error(world):
    case = world.filed()
    with pytest.raises(DomainError, match="当前状态为“调查取证”"):
        services.case_transition(case=case, action="decide", actor=world.a1)
    assert transition_get(Case.State.INVESTIGATING, "decide") is None


# --- preservation and seizure: art. 56, 行政强制法 art. 25 ----------------------------------------------------------
def approved_seizure(world, case, *, days: int, kind: str = "seize") -> Seizure:
    asked = services.seizure_apply(case=case, kind=kind, items="三轮车1辆", started_on=TODAY(), days=days, actor=world.a1)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    return Seizure.objects.get(approval=asked)


def test_art56_preservation_needs_leader_approval_and_a_decision_within_seven_working_days(world):
    case = world.filed()
    asked = services.preservation_apply(case=case, items="电子秤1台", place="执法队仓库", started_on=TODAY(),
                                        actor=world.a1)
    assert not case.preservations.exists()  # nothing takes effect before the leader approves
    with pytest.raises(DomainError, match="第五十六条"):
        services.measure_decide(approval=asked, actor=world.team_leader, approved=True)
    assert Approval.objects.get(pk=asked.pk).decision == Approval.Decision.PENDING
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    preservation = case.preservations.get()
    assert preservation.approval.decided_by == world.leader
    assert preservation.decision_due == workdays_after(TODAY(), "preservation_decision")
    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="x", outcome="penalty", facts=CaseFacts(level="general"), fine_fen=200_00))
    with pytest.raises(DomainError, match="七个工作日"):
        services.case_transition(case=case, action="submit_report", actor=world.a1)
    services.preservation_decide(preservation=preservation, outcome="解除保存，退还当事人", actor=world.a1)
    assert services.case_transition(case=case, action="submit_report", actor=world.a1).state == Case.State.REVIEWING


def test_coercion_law_art25_seizure_thirty_days_one_extension_of_thirty(world):
    case = world.filed()
    with pytest.raises(DomainError, match="第二十五条"):
        services.seizure_apply(case=case, kind="seize", items="三轮车1辆", started_on=TODAY(), days=31, actor=world.a1)
    seizure = approved_seizure(world, case, days=30)
    assert seizure.ends_on == TODAY() + dt.timedelta(days=30)
    asked = services.seizure_extend(seizure=seizure, days=30, reason="需检测", actor=world.a1)
    with pytest.raises(DomainError, match="待审批的延长申请"):
        services.seizure_extend(seizure=seizure, days=20, reason="需检测", actor=world.a1)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    seizure.refresh_from_db()
    assert seizure.ends_on == TODAY() + dt.timedelta(days=60)
    with pytest.raises(DomainError, match="只能延长一次"):
        services.seizure_extend(seizure=seizure, days=10, reason="x", actor=world.a1)
    assert CaseDeadline.objects.get(case=case, rule="seizure").due == seizure.ends_on


def test_a_lead_extension_once_by_a_leader(world):
    lead = world.lead()
    first_due = lead.decision_due
    lead = services.lead_extend(lead=lead, actor=world.leader, reason="需现场复核")
    assert lead.decision_due == workdays_after(first_due, "lead_decision")
    with pytest.raises(DomainError, match="一次"):
        services.lead_extend(lead=lead, actor=world.leader, reason="again")
    assert Approval.objects.filter(lead=lead, kind="lead_extension").count() == 1


def test_pending_step_is_none_outside_review(world):
    assert pending_step(world.filed()) is None


# --- checks added after review -----------------------------------------------------------------------------
def test_only_case_staff_schedule_a_hearing_and_the_presider_is_of_the_bureau(world, blue_admin):
    served = TODAY() - dt.timedelta(days=1)
    case = world.notified(served_on=served, matter=world.big_matter, fine_yuan=200_000, organisation=True)
    case = services.case_transition(case=case, action="request_hearing", actor=world.a1, requested_on=TODAY())
    later = TODAY() + dt.timedelta(days=40)
    with pytest.raises(DomainError, match="本案办案人员"):
        services.hearing_schedule(case=case, presiding=world.reviewer, scheduled_on=later, place="x",
                                  notice_served_on=TODAY(), representatives="", actor=world.team_leader)
    with pytest.raises(DomainError, match="本局工作人员"):
        services.hearing_schedule(case=case, presiding=blue_admin, scheduled_on=later, place="x",
                                  notice_served_on=TODAY(), representatives="", actor=world.a1)


def test_a_decided_case_cannot_be_extended(world):
    case = world.notified(served_on=TODAY() - dt.timedelta(days=20))
    case = services.case_transition(case=case, action="decide", actor=world.a1)
    with pytest.raises(DomainError, match="不能延长办案期限"):
        services.decision_extend(case=case, days=10, reason="x", actor=world.a1)


def test_an_approver_who_is_an_officer_of_the_case_is_refused_for_a_seizure(world):
    from zhifa.cases.models import CaseOfficer

    case = world.filed()
    CaseOfficer.objects.create(case=case, officer=world.leader.officer, role="co")
    asked = services.seizure_apply(case=case, kind="seize", items="x", started_on=TODAY(), days=10, actor=world.a1)
    with pytest.raises(DomainError, match="不能是本案办案人员"):
        services.measure_decide(approval=asked, actor=world.leader, approved=True)
    assert not case.seizures.exists()


def test_a_released_seizure_closes_its_deadline(world):
    case = world.filed()
    seizure = approved_seizure(world, case, days=30, kind="seal")
    services.seizure_release(seizure=seizure, released_on=TODAY(), reason="已作出处理决定", actor=world.a1)
    assert CaseDeadline.objects.get(case=case, rule="seizure").met_on == TODAY()
    with pytest.raises(DomainError, match="已解除"):
        seizure.refresh_from_db()
        services.seizure_release(seizure=seizure, released_on=TODAY(), reason="x", actor=world.a1)


def test_two_requests_to_file_the_same_lead_one_is_told_it_changed_meanwhile(world):
    lead = world.lead()
    world.request_filing(lead)
    lead.state = Lead.State.REGISTERED  # the second person's stale copy
    with pytest.raises(DomainError):
        world.request_filing(lead)
    assert Case.objects.filter(lead=lead).count() == 1


def test_a_waiver_dated_before_the_notice_is_refused(world):
    case = world.notified(served_on=TODAY() - dt.timedelta(days=2))
    with pytest.raises(DomainError, match="放弃日期"):
        services.rights_waive(case=case, waived_on=TODAY() - dt.timedelta(days=5), actor=world.a1)


def test_an_officer_of_another_team_put_on_the_case_can_open_it(world, org):
    from tests.cases.conftest import certified_officer
    from tests.conftest import make_user

    helper_user = make_user("b_helper", ["officer"], org.red, org.team_b)
    helper = certified_officer(org, "乙帮", "6403-0099", org.team_b, helper_user)
    case = world.request_filing(officers=[(world.a1.officer, "lead"), (world.a2.officer, "co"), (helper, "co")])
    helper_user.refresh_from_db()
    assert Case.objects.for_user(helper_user, "view").filter(pk=case.pk).exists()
    assert not Case.objects.for_user(helper_user, "change").filter(pk=case.pk).exists()


def test_a_refused_measure_takes_no_effect_and_needs_a_reason(world):
    case = world.filed()
    asked = services.seizure_apply(case=case, kind="seal", items="店铺", started_on=TODAY(), days=30, actor=world.a1)
    with pytest.raises(DomainError, match="写明理由"):
        services.measure_decide(approval=asked, actor=world.leader, approved=False)
    services.measure_decide(approval=asked, actor=world.leader, approved=False, opinion="证据已固定，无需查封")
    assert not case.seizures.exists() and not CaseDeadline.objects.filter(case=case, rule="seizure").exists()
    with pytest.raises(ChangedMeanwhile):  # decided once: a second leader acting on it is told
        services.measure_decide(approval=asked, actor=world.leader2, approved=True)
    assert not case.seizures.exists()


def test_a_measure_asked_while_investigating_is_not_applied_after_the_case_moved_on(world):
    case = world.filed()
    asked = services.preservation_apply(case=case, items="电子秤1台", place="仓库", started_on=TODAY(), actor=world.a1)
    Case.objects.filter(pk=case.pk).update(state=Case.State.REVIEWING)
    with pytest.raises(DomainError, match="不能先行登记保存"):
        services.measure_decide(approval=asked, actor=world.leader, approved=True)
    assert Approval.objects.get(pk=asked.pk).decision == Approval.Decision.PENDING
    assert not case.preservations.exists()
