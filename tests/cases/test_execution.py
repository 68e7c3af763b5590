"""Case handling part 2: service, payment, deferral, late fee on the case, remedies, the court, closing,
transfers. Each test names its article (legal-rules.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhifa.cases import execution, services
from zhifa.cases.models import Approval, Case, CaseDeadline, Payment, Remedy, Service, Transfer
from zhifa.cases.performance import Performance
from zhifa.lib.errors import DomainError
from zhifa.workdays.services import deadline_compute

TODAY = timezone.localdate


def decided(world, days_ago: int = 0, fine_yuan: int = 300) -> Case:
    """A penalty decided `days_ago` days ago, the case filed 30 days before that."""
    day = TODAY() - dt.timedelta(days=days_ago)
    lead = world.lead(discovered_on=day - dt.timedelta(days=30))
    case = world.notified(served_on=day - dt.timedelta(days=20), lead=lead, fine_yuan=fine_yuan)
    return services.case_transition(case=case, action="decide", actor=world.a1, on=day)


def served(world, days_ago: int = 0, **kwargs) -> Case:
    case = decided(world, days_ago, **kwargs)
    execution.decision_serve(case=case, method="direct", served_on=case.decided_on, receiver="张三", actor=world.a1)
    return case


def due(case: Case, rule: str) -> dt.date:
    return CaseDeadline.objects.filter(case=case, rule=rule, cancelled=False).order_by("-id").first().due


# --- service (art. 61) ------------------------------------------------------------------------------------------
def test_art61_the_decision_is_due_for_service_within_seven_working_days_and_service_starts_the_periods(world):
    case = decided(world)
    assert due(case, "service") == deadline_compute(rule="service", start=TODAY(), bureau=case.bureau).due
    execution.decision_serve(case=case, method="direct", served_on=TODAY(), receiver="张三", actor=world.a1)
    assert CaseDeadline.objects.get(case=case, rule="service").met_on == TODAY()
    # Art. 67: 15 days to pay; reconsideration 60 days; litigation 6 months — all from service.
    assert due(case, "payment") == deadline_compute(rule="payment", start=TODAY(), bureau=case.bureau).due
    assert due(case, "reconsideration") == deadline_compute(rule="reconsideration", start=TODAY(), bureau=case.bureau).due
    assert due(case, "litigation") == deadline_compute(rule="litigation", start=TODAY(), bureau=case.bureau).due


def test_art61_electronic_service_only_with_the_partys_signed_consent(world):
    case = decided(world)
    with pytest.raises(DomainError, match="第六十一条"):
        execution.decision_serve(case=case, method="electronic", served_on=TODAY(), receiver="张三", actor=world.a1)
    assert not Service.objects.filter(case=case).exists()


def test_service_left_at_the_address_needs_witnesses_and_no_date_before_the_decision(world):
    case = decided(world, days_ago=3)
    with pytest.raises(DomainError, match="见证人"):
        execution.decision_serve(case=case, method="left", served_on=TODAY(), receiver="张三", actor=world.a1)
    with pytest.raises(DomainError, match="不能早于决定日期"):
        execution.decision_serve(case=case, method="direct", served_on=TODAY() - dt.timedelta(days=4),
                                 receiver="张三", actor=world.a1)
    assert not Service.objects.filter(case=case).exists()


# --- payment (art. 66, 67, 72, 73) --------------------------------------------------------------------------------
def test_art67_payments_against_the_bank_receipt_partial_then_full(world):
    case = served(world, fine_yuan=300)
    with pytest.raises(DomainError, match="凭证"):
        execution.payment_record(case=case, kind="fine", amount_fen=100_00, paid_on=TODAY(), receipt_number=" ",
                                 actor=world.a1)
    execution.payment_record(case=case, kind="fine", amount_fen=100_00, paid_on=TODAY(), receipt_number="B1",
                             actor=world.a1)
    with pytest.raises(DomainError, match="超过未缴罚款"):
        execution.payment_record(case=case, kind="fine", amount_fen=200_01, paid_on=TODAY(), receipt_number="B2",
                                 actor=world.a1)
    execution.payment_record(case=case, kind="fine", amount_fen=200_00, paid_on=TODAY(), receipt_number="B2",
                             actor=world.a1)
    assert Performance(case, TODAY()).performed
    assert CaseDeadline.objects.get(case=case, rule="payment").met_on == TODAY()


def test_art72_the_late_fee_on_the_case_from_the_day_after_the_due_date(world):
    case = served(world, days_ago=20, fine_yuan=500)
    payment_due = due(case, "payment")
    days_late = (TODAY() - payment_due).days
    assert days_late > 0
    assert execution.late_fee_on(case) == min(days_late * 15_00, 500_00)
    assert execution.late_fee_on(case, payment_due) == 0


def test_art73_no_late_fee_while_a_lawsuit_is_pending(world):
    case = served(world, days_ago=20, fine_yuan=500)
    payment_due = due(case, "payment")
    execution.remedy_record(case=case, kind="litigation", filed_on=payment_due, body="示范区人民法院", actor=world.a1)
    # Only the days before the lawsuit was filed count: none here (filed on the due day itself).
    assert execution.late_fee_on(case) == 0


def test_art66_instalments_need_a_leader_and_replace_the_fifteen_days(world):
    case = served(world, fine_yuan=300)
    plan = [(TODAY() + dt.timedelta(days=30), 100_00), (TODAY() + dt.timedelta(days=60), 200_00)]
    with pytest.raises(DomainError, match="等于未缴罚款"):
        execution.payment_plan_request(case=case, kind="instalments", instalments=plan[:1], reason="经济困难",
                                       actor=world.a1)
    asked = execution.payment_plan_request(case=case, kind="instalments", instalments=plan, reason="经济困难",
                                           actor=world.a1)
    assert Performance(case, TODAY()).plan is None  # nothing before the leader approves
    with pytest.raises(DomainError, match="第六十六条"):
        services.measure_decide(approval=asked, actor=world.a2, approved=True)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    state = Performance(case, TODAY())
    assert state.payment_due == TODAY() + dt.timedelta(days=60)
    open_rows = CaseDeadline.objects.filter(case=case, rule="payment", cancelled=False).order_by("due")
    assert [row.due for row in open_rows] == [d for d, _ in plan]


# --- remedies (art. 48) ----------------------------------------------------------------------------------------
def test_art48_a_revoked_decision_starts_the_three_working_day_withdrawal(world):
    case = served(world)
    remedy = execution.remedy_record(case=case, kind="reconsideration", filed_on=TODAY(), body="示范区人民政府",
                                     actor=world.a1)
    execution.remedy_outcome(remedy=remedy, outcome="revoked", outcome_on=TODAY(), note="事实不清", actor=world.a1)
    assert due(case, "disclosure_withdrawal") == deadline_compute(
        rule="disclosure_withdrawal", start=TODAY(), bureau=case.bureau).due
    assert Performance(case, TODAY()).overturned is not None
    upheld = execution.remedy_record(case=case, kind="litigation", filed_on=TODAY(), body="法院", actor=world.a1)
    execution.remedy_outcome(remedy=upheld, outcome="upheld", outcome_on=TODAY(), note="", actor=world.a1)
    assert CaseDeadline.objects.filter(case=case, rule="disclosure_withdrawal").count() == 1


# --- the court (行政强制法 art. 53, 54) -----------------------------------------------------------------------------
def _past_periods(world) -> Case:
    """Served eight months ago, unpaid: the reconsideration and litigation periods have both expired."""
    return served(world, days_ago=245, fine_yuan=500)


def test_coercion_art53_no_reminder_before_the_remedy_periods_expire(world):
    case = served(world, days_ago=100)
    with pytest.raises(DomainError, match="第五十三条"):
        execution.court_reminder_serve(case=case, served_on=TODAY(), text="限十日内缴纳", actor=world.a1)


def test_coercion_art54_the_earliest_and_latest_application_dates(world):
    case = _past_periods(world)
    periods_end = Performance(case, TODAY()).remedy_periods_end
    reminder_day = periods_end + dt.timedelta(days=1)
    execution.court_reminder_serve(case=case, served_on=reminder_day, text="限十日内缴纳罚款及加处罚款", actor=world.a1)
    earliest, latest = execution.court_application_window(case)
    assert earliest == deadline_compute(rule="court_reminder", start=reminder_day, bureau=case.bureau).due
    assert latest == deadline_compute(rule="court_application", start=periods_end, bureau=case.bureau).due
    assert earliest <= TODAY()  # served eight months ago: the whole window lies in the past or today
    with pytest.raises(DomainError, match="第五十四条"):
        execution.court_apply(case=case, applied_on=earliest - dt.timedelta(days=1), court="示范区人民法院",
                              actor=world.a1)
    with pytest.raises(DomainError, match="第五十三条"):
        execution.court_apply(case=case, applied_on=latest + dt.timedelta(days=1), court="示范区人民法院",
                              actor=world.a1)
    assert earliest <= TODAY() <= latest
    execution.court_apply(case=case, applied_on=earliest, court="示范区人民法院", actor=world.a1)
    execution.court_result(case=case, actor=world.a1, accepted_on=TODAY())
    assert Performance(case, TODAY()).court_took_over


# --- closing ----------------------------------------------------------------------------------------------------
def test_closing_is_refused_while_the_fine_is_unpaid_without_a_lawful_reason(world):
    case = served(world)
    with pytest.raises(DomainError, match="罚款尚未缴清"):
        execution.closing_request(case=case, reason="performed", note="", actor=world.a1)
    with pytest.raises(DomainError, match="写明具体事实"):
        execution.closing_request(case=case, reason="party_dead", note=" ", actor=world.a1)
    assert not Approval.objects.filter(case=case, kind="closing").exists()


def test_closing_after_payment_on_a_leaders_approval(world):
    case = served(world, fine_yuan=300)
    execution.payment_record(case=case, kind="fine", amount_fen=300_00, paid_on=TODAY(), receipt_number="B1",
                             actor=world.a1)
    asked = execution.closing_request(case=case, reason="performed", note="", actor=world.a1)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.closed_on == TODAY() and "履行" in case.closing_reason


def test_closing_for_a_lawful_reason_with_the_facts_written(world):
    case = served(world)
    asked = execution.closing_request(case=case, reason="dissolved", note="当事人已注销，无财产可供执行", actor=world.a1)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    assert Case.objects.get(pk=case.pk).state == Case.State.CLOSED


# --- transfers (行刑衔接) --------------------------------------------------------------------------------------------
def test_a_crime_transfer_needs_the_heads_decision_within_three_days_then_24_hours(world):
    case = world.filed()
    transfer = execution.transfer_report(case=case, kind="crime", to_body="示范区公安分局", reported_on=TODAY(),
                                         facts="涉嫌非法经营，数额较大", actor=world.a1)
    assert due(case, "transfer_decision") == TODAY() + dt.timedelta(days=3)
    with pytest.raises(DomainError, match="批准后才能移送"):
        execution.transfer_send(transfer=transfer, transferred_at=timezone.now(), actor=world.a1)
    services.measure_decide(approval=transfer.approval, actor=world.leader, approved=True)
    assert CaseDeadline.objects.get(case=case, rule="transfer_decision").met_on == TODAY()
    transfer.refresh_from_db()
    execution.transfer_send(transfer=transfer, transferred_at=timezone.now(), actor=world.a1)
    with pytest.raises(DomainError, match="理由"):
        execution.transfer_answer(transfer=transfer, answer="refused", answer_on=TODAY(), reasons="", actor=world.a1)
    execution.transfer_answer(transfer=transfer, answer="refused", answer_on=TODAY(), reasons="未达立案追诉标准",
                              actor=world.a1)
    assert Transfer.objects.get(pk=transfer.pk).answer == Transfer.Answer.REFUSED
    execution.sharing_letter_record(case=case, to_department="市场监管局", subject="通报无照经营线索", sent_on=TODAY(),
                                    actor=world.a1)
    assert execution.transfer_counts(bureau_id=case.bureau_id, year=TODAY().year) == {
        "crime": 1, "other_body": 0, "letters": 1}


def test_a_remedy_pending_and_payment_records_show_on_the_performance(world):
    case = served(world)
    execution.remedy_record(case=case, kind="reconsideration", filed_on=TODAY(), body="示范区人民政府", actor=world.a1)
    state = Performance(case, TODAY())
    assert state.remedy_pending and state.unpaid_fine_fen == 300_00
    assert Remedy.objects.get(case=case).outcome == Remedy.Outcome.PENDING
    assert not Payment.objects.filter(case=case).exists()
