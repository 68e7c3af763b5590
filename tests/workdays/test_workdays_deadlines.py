"""Deadlines computed against the seeded WorkCalendar (2004–2026, from the State Council's notices).

Each test names the article whose period it checks. Expected dates are worked out by hand from the
notices, not from the library the calendar was seeded from.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.lib.errors import DomainError
from zhifa.workdays.periods import CalendarNotCovered
from zhifa.workdays.rules import DEADLINE_RULES
from zhifa.workdays.services import deadline_compute, deadline_rule_change

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def due(rule: str, start: str, **kwargs) -> dt.date:
    return deadline_compute(rule=rule, start=D(start), **kwargs).due


def test_registry_holds_the_eighteen_rules_of_the_foundation_plus_the_case_workflows_and_complaints():
    case_workflows = {"lead_decision", "statement", "hearing_notice", "transfer_decision", "transfer_handover"}
    case_workflows |= {"complaint_ordinary", "complaint_complex"}
    assert set(DEADLINE_RULES) - case_workflows == {
        "hearing_request", "service", "preservation_decision", "disclosure_penalty", "disclosure_other",
        "disclosure_withdrawal", "cash_handover", "court_reminder", "payment", "reconsideration", "litigation",
        "decision", "court_application", "seizure", "petition_reply", "petition_resolve", "limitation",
        "limitation_safety",
    }  # fmt: skip
    assert DEADLINE_RULES["payment"].citation == "行政处罚法第六十七条"
    assert DEADLINE_RULES["court_reminder"].citation == "行政强制法第五十四条"
    # 行刑衔接: the head decides within 3 days of the report; the transfer follows within 24 hours of approval.
    assert (DEADLINE_RULES["transfer_decision"].amount, DEADLINE_RULES["transfer_decision"].unit) == (3, "days")
    assert (DEADLINE_RULES["transfer_handover"].amount, DEADLINE_RULES["transfer_handover"].unit) == (1, "days")
    configurable = {name for name, rule in DEADLINE_RULES.items() if rule.configurable}
    assert configurable == {
        "decision",
        "disclosure_penalty",
        "disclosure_other",
        "petition_reply",
        "petition_resolve",
        "lead_decision",
        "statement",
        "complaint_ordinary",
        "complaint_complex",
    }


def test_hearing_request_art64_five_working_days_from_a_friday_end_the_next_friday():
    result = deadline_compute(rule="hearing_request", start=D("2025-03-07"))
    assert result.due == D("2025-03-14")
    assert result.citation == "行政处罚法第六十四条"
    assert (result.amount, result.unit, result.extended_from) == (5, "workdays", None)
    assert result.calendar_version == "2025:v1"


def test_hearing_request_art64_from_a_saturday_counts_from_monday_not_one_day_late():
    # Saturday 8 March: Monday 10th is working day 1, Friday 14th is day 5. Rolling Saturday to Monday
    # first and then counting five would wrongly give Monday 17th.
    assert due("hearing_request", "2025-03-08") == D("2025-03-14")
    assert due("hearing_request", "2025-03-09") == D("2025-03-14")


def test_service_art61_notified_inside_the_2025_national_day_holiday_counts_from_the_first_day_back():
    # 1–8 October 2025 off; Saturday 11 October worked. From 3 Oct: 9,10,11,13,14,15,16.
    assert due("service", "2025-10-03") == D("2025-10-16")


def test_service_art61_seven_working_days_across_spring_festival_2024():
    # 2024: 10–17 Feb off, Sunday 18 Feb worked; Friday 9 Feb (New Year's Eve) was a working day.
    assert due("service", "2024-02-08") == D("2024-02-23")


def test_hearing_request_art64_across_spring_festival_2025():
    # 2025: 28 Jan–4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked. From Friday 24 Jan: 26, 27, 5, 6, 7 Feb.
    assert due("hearing_request", "2025-01-24") == D("2025-02-07")


def test_service_art61_across_spring_festival_2026_ends_on_a_shifted_saturday():
    # 2026: 15–23 Feb off, Saturdays 14 and 28 Feb worked. From 12 Feb: 13, 14, 24, 25, 26, 27, 28.
    result = deadline_compute(rule="service", start=D("2026-02-12"))
    assert result.due == D("2026-02-28")
    assert result.calendar_version == "2026:v1"


def test_hearing_request_art64_across_national_day_2024():
    # 2024: 1–7 Oct off, Sunday 29 Sep and Saturday 12 Oct worked. From Friday 27 Sep: 29, 30, 8, 9, 10.
    assert due("hearing_request", "2024-09-27") == D("2024-10-10")


def test_hearing_request_art64_across_national_day_2025():
    # From Friday 26 Sep 2025: Sunday 28 (worked), 29, 30, then 9 and 10 Oct.
    assert due("hearing_request", "2025-09-26") == D("2025-10-10")


def test_hearing_request_art64_across_national_day_2026():
    # 2026: 1–7 Oct off, Saturday 10 Oct worked. From 30 Sep: 8, 9, 10, 12, 13 Oct.
    assert due("hearing_request", "2026-09-30") == D("2026-10-13")


def test_cash_handover_art71_counts_the_shifted_working_sunday_2024_09_29():
    assert due("cash_handover", "2024-09-27") == D("2024-09-30")


def test_cash_handover_art71_counts_the_shifted_working_saturday_2024_10_12():
    assert due("cash_handover", "2024-10-10") == D("2024-10-12")


def test_court_reminder_art54_ten_working_days_after_service_of_the_reminder():
    # Served Monday 3 Nov 2025: ten working days later is Monday 17 Nov.
    assert due("court_reminder", "2025-11-03") == D("2025-11-17")


def test_payment_art67_ending_on_a_saturday_is_extended_to_monday():
    result = deadline_compute(rule="payment", start=D("2025-03-07"))
    assert result.due == D("2025-03-24")
    assert result.extended_from == D("2025-03-22")
    assert result.citation == "行政处罚法第六十七条"


def test_payment_art67_ending_inside_the_national_day_holiday_is_extended_past_it():
    result = deadline_compute(rule="payment", start=D("2024-09-16"))
    assert (result.extended_from, result.due) == (D("2024-10-01"), D("2024-10-08"))


def test_payment_art67_ending_on_a_shifted_working_sunday_is_not_extended():
    result = deadline_compute(rule="payment", start=D("2024-09-14"))
    assert (result.due, result.extended_from) == (D("2024-09-29"), None)


def test_decision_art60_is_a_bureau_limit_never_extended_even_into_a_holiday():
    result = deadline_compute(rule="decision", start=D("2024-07-04"))
    assert (result.due, result.extended_from) == (D("2024-10-02"), None)
    assert result.calendar_version == ""


def test_seizure_art25_thirty_days_ending_on_a_sunday_is_not_extended():
    assert due("seizure", "2025-02-28") == D("2025-03-30")


def test_reconsideration_art20_sixty_days_ending_on_a_rest_day_is_extended():
    result = deadline_compute(rule="reconsideration", start=D("2025-01-21"))
    assert (result.extended_from, result.due) == (D("2025-03-22"), D("2025-03-24"))


def test_litigation_art46_six_months_from_31_august_end_on_28_february():
    # 2026-02-28 is a Saturday, but a shifted working day after Spring Festival: no extension.
    result = deadline_compute(rule="litigation", start=D("2025-08-31"))
    assert (result.due, result.extended_from) == (D("2026-02-28"), None)


def test_litigation_art46_ending_in_the_national_day_holiday_is_extended():
    result = deadline_compute(rule="litigation", start=D("2025-04-04"))
    assert (result.extended_from, result.due) == (D("2025-10-04"), D("2025-10-09"))


def test_court_application_art53_three_months_at_month_end_and_in_a_leap_year():
    assert due("court_application", "2023-11-30") == D("2024-02-29")
    assert due("court_application", "2024-11-30") == D("2025-02-28")


def test_limitation_art36_years_from_29_february_and_never_extended():
    assert due("limitation", "2024-02-29") == D("2026-02-28")
    assert due("limitation_safety", "2020-02-29") == D("2025-02-28")
    assert due("limitation", "2023-10-01") == D("2025-10-01")  # a holiday: the bureau acts earlier


def test_petition_reply_art32_fifteen_days_is_a_bureau_limit():
    assert due("petition_reply", "2025-09-16") == D("2025-10-01")


def test_hearing_request_art64_needing_2027_raises_a_clear_error_naming_2027():
    with pytest.raises(CalendarNotCovered) as caught:
        deadline_compute(rule="hearing_request", start=D("2026-12-28"))
    assert caught.value.year == 2027
    assert "2027" in str(caught.value)
    assert "导入" in str(caught.value)


def test_payment_art67_ending_in_2027_cannot_be_checked_for_rest_days_and_is_refused():
    with pytest.raises(CalendarNotCovered, match="2027"):
        deadline_compute(rule="payment", start=D("2026-12-20"))


def test_decision_art60_ending_in_2027_needs_no_calendar():
    assert due("decision", "2026-12-20") == D("2027-03-20")


def test_an_unknown_rule_or_a_bad_amount_is_a_domain_error():
    with pytest.raises(DomainError, match="未知的时限规则"):
        deadline_compute(rule="nonsense", start=D("2025-01-01"))
    with pytest.raises(DomainError):
        deadline_compute(rule="decision", start=D("2025-01-01"), amount=0)
    with pytest.raises(TypeError):
        deadline_compute(rule="decision", start=dt.datetime(2025, 1, 1, 8, 0))  # type: ignore[arg-type]


def test_decision_art60_an_explicit_amount_computes_an_approved_extension():
    result = deadline_compute(rule="decision", start=D("2025-01-01"), amount=120)
    assert (result.due, result.amount, result.setting_id) == (D("2025-05-01"), 120, None)


def test_decision_art60_the_bureau_setting_is_used_and_recorded_in_the_result(admin, org, audit_calls):
    setting = deadline_rule_change(rule="decision", amount=60, actor=admin, bureau=org.red, note="省规定")
    result = deadline_compute(rule="decision", start=D("2025-01-01"), bureau=org.red)
    assert (result.amount, result.due, result.setting_id) == (60, D("2025-03-02"), setting.pk)
    # Another bureau and the deployment default keep the statutory 90 days.
    assert deadline_compute(rule="decision", start=D("2025-01-01"), bureau=org.blue).amount == 90
    assert deadline_compute(rule="decision", start=D("2025-01-01")).setting_id is None
    change = [call for call in audit_calls if call["action"] == "deadline_rule.change"]
    assert len(change) == 1
    assert change[0]["before"]["amount"] == 90 and change[0]["after"]["amount"] == 60
    assert change[0]["actor"] == admin


def test_disclosure_penalty_the_deployment_default_applies_to_a_bureau_without_its_own(org):
    default = deadline_rule_change(rule="disclosure_penalty", amount=5, actor=None, bureau=None)
    result = deadline_compute(rule="disclosure_penalty", start=D("2025-03-07"), bureau=org.red)
    assert (result.amount, result.setting_id, result.due) == (5, default.pk, D("2025-03-14"))


def test_statutory_rules_cannot_be_changed_and_amounts_are_bounded(admin, officer_a, org):
    with pytest.raises(DomainError, match="不能修改"):
        deadline_rule_change(rule="payment", amount=30, actor=admin, bureau=org.red)
    with pytest.raises(DomainError, match="1 至 730"):
        deadline_rule_change(rule="decision", amount=9000, actor=admin, bureau=org.red)
    with pytest.raises(DomainError):
        deadline_rule_change(rule="decision", amount=0, actor=admin, bureau=org.red)
    with pytest.raises(DomainError, match="系统管理员"):
        deadline_rule_change(rule="decision", amount=60, actor=officer_a, bureau=org.red)
    with pytest.raises(DomainError, match="本局"):
        deadline_rule_change(rule="decision", amount=60, actor=admin, bureau=org.blue)


def test_the_calendar_is_cached_per_version_not_read_per_day(django_assert_max_num_queries):
    deadline_compute(rule="disclosure_other", start=D("2025-01-20"))  # warms the cache for 2025
    # Then only the small year table (has a version changed?) and the rule's setting: no day is read again.
    with django_assert_max_num_queries(2):
        result = deadline_compute(rule="disclosure_other", start=D("2025-01-20"))
    assert result.due == D("2025-02-21")  # 20 working days across Spring Festival 2025


def test_a_year_with_missing_day_rows_counts_as_not_covered():
    from zhifa.workdays.models import WorkCalendarDay

    WorkCalendarDay.objects.filter(date=D("2025-05-06")).delete()
    with pytest.raises(CalendarNotCovered, match="2025"):
        deadline_compute(rule="cash_handover", start=D("2025-05-05"))
