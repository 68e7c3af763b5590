"""The simple procedure (简易程序 / 当场处罚) and cash collected on the spot. Each test names its article of the
行政处罚法 (legal-rules.md): 51 the limits, 52 the decision on the spot and its filing for the record, 42 two
certified officers, 24 townships, 36 limitation, 68–71 cash.

The people of tests/cases/conftest.py's `world`: a1 and a2 (team A, certified), a3 (certified, no account).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.cases.conftest import certified_officer
from tests.conftest import logged_in, make_user
from zhifa.accounts import services as accounts
from zhifa.accounts.roles import Role
from zhifa.audit.models import AuditEvent
from zhifa.cases import simple
from zhifa.cases.models import (
    Case,
    CaseDeadline,
    CaseOfficer,
    Decision,
    Lead,
    Party,
    Payment,
    Service,
    TimelineEntry,
)
from zhifa.cases.services import PartyData
from zhifa.cases.simple import OnSpotData
from zhifa.catalog import services as catalog
from zhifa.catalog.models import MatterChange
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData
from zhifa.lib.errors import DomainError
from zhifa.numbering.models import NumberSequence
from zhifa.workdays.services import deadline_compute

TODAY = timezone.localdate
PERSON = PartyData(kind=Party.Kind.PERSON, name="张三", address="示范区幸福小区3号楼", id_number="11010519491231002X",
                   phone="13909511234")
ORGANISATION = PartyData(kind=Party.Kind.ORGANISATION, name="示范区某某商贸有限公司", address="示范区建设街1号",
                         credit_code="91350100M000100Y43", representative="王某")
FACTS = "在人行道上摆摊经营水果约2平方米"


@pytest.fixture
def goods_matter(world):
    """A matter allowing a warning or a fine up to 5,000 元: wide enough for both art. 51 limits."""
    return catalog.matter_create(
        bureau=world.org.red, actor=None, event=MatterChange.Event.TRANSFER_IN,
        change=ChangeRecord(date=dt.date(2021, 3, 1), document_number="红编发〔2021〕6号"),
        data=MatterData(code="SR-002", name="对在临街建筑物外堆放物品的行政处罚", category="市容环境卫生",
                        penalty_bases=[BasisData("城市市容和环境卫生管理条例", "第三十四条")],
                        penalties=[PenaltyData("warning"), PenaltyData("fine", min_fen=0, max_fen=5000_00)]))


def onspot(world, *, matter=None, party: PartyData = PERSON, fine_fen: int = 0, warning: bool = False,
           co: list | None = None, actor=None, on: dt.date | None = None, **kwargs) -> Case:
    return simple.onspot_penalty(actor=actor or world.a1, on=on, data=OnSpotData(
        matter=matter or world.matter, party=party, place="示范路与建设街交叉口", facts=FACTS,
        co_officers=co if co is not None else [world.a2.officer], warning=warning, fine_fen=fine_fen, **kwargs))


def assert_nothing_stored() -> None:
    assert not Case.objects.exists() and not Lead.objects.exists() and not Party.objects.exists()
    assert not CaseOfficer.objects.exists() and not Decision.objects.exists() and not Payment.objects.exists()
    assert not CaseDeadline.objects.exists() and not TimelineEntry.objects.exists()
    assert not NumberSequence.objects.filter(kind=simple.NUMBER_KIND, last__gt=0).exists()
    assert not AuditEvent.objects.filter(action="case.onspot").exists()


def due_of(case: Case, rule: str) -> dt.date:
    return CaseDeadline.objects.filter(case=case, rule=rule).order_by("-id").first().due


# --- the decision on the spot (art. 51, 52) --------------------------------------------------------------------
def test_art51_art52_an_onspot_fine_decides_the_case_at_once_with_its_number_officers_and_timeline(world):
    case = onspot(world, fine_fen=50_00, warning=True)
    year = TODAY().year
    assert case.number == f"红综执当罚〔{year}〕第1号"
    case.refresh_from_db()
    assert case.state == Case.State.DECIDED and case.procedure == Case.Procedure.SIMPLE
    assert case.filed_on == case.decided_on == case.served_on == TODAY()
    assert case.lead.source == Lead.Source.PATROL and case.lead.state == Lead.State.FILED
    assert sorted(case.case_officers.values_list("officer__name", "role")) == [("甲一", "lead"), ("甲二", "co")]
    decision = case.decision
    assert decision.kind == Decision.Kind.PENALTY and decision.warning and decision.fine_fen == 50_00
    assert decision.decided_on == TODAY() and decision.decided_by == world.a1
    assert "城市市容和环境卫生管理条例" in decision.reasons
    party = case.parties.get()
    assert party.name == "张三" and party.id_number_masked == "110105********002X"
    assert "11010519491231002X" not in party.id_number_sealed  # sealed, never in clear
    line = case.timeline.get(action="case.onspot")
    assert "当场作出行政处罚决定，报所属行政机关备案" in line.text and "当场交付当事人张三" in line.text
    assert AuditEvent.objects.filter(action="case.onspot", object_id=str(case.pk)).exists()
    assert "张三" in case.search_text and "甲二" in case.search_text
    # Handed over on the spot: no service row, no service deadline; the party's periods run from today.
    assert not Service.objects.filter(case=case).exists()
    assert not CaseDeadline.objects.filter(case=case, rule="service").exists()
    assert due_of(case, "payment") == deadline_compute(rule="payment", start=TODAY()).due
    assert due_of(case, "reconsideration") == deadline_compute(rule="reconsideration", start=TODAY()).due


def test_art51_a_warning_alone_is_an_onspot_penalty(world):
    case = onspot(world, warning=True)
    assert case.decision.warning and case.decision.fine_fen is None
    assert not CaseDeadline.objects.filter(case=case, rule="payment").exists()


def test_art51_neither_a_fine_nor_a_warning_is_refused(world):
    with pytest.raises(DomainError, match="警告和（或）罚款"):
        onspot(world, fine_fen=0, warning=False)
    assert_nothing_stored()


@pytest.mark.parametrize(("party", "fen", "allowed"), [
    (PERSON, 200_00, True),  # 200 元: the citizen limit itself
    (PERSON, 200_01, False),  # 200.01 元
    (ORGANISATION, 3000_00, True),  # 3,000 元: the organisation limit itself
    (ORGANISATION, 3000_01, False),  # 3,000.01 元
    (PERSON, 3000_00, False),  # the organisation's limit does not apply to a citizen
])
def test_art51_the_fine_limits_on_both_sides_of_the_boundary(world, goods_matter, party, fen, allowed):
    if allowed:
        case = onspot(world, matter=goods_matter, party=party, fine_fen=fen)
        assert case.decision.fine_fen == fen
        return
    with pytest.raises(DomainError, match="第五十一条") as refused:
        onspot(world, matter=goods_matter, party=party, fine_fen=fen)
    assert "普通程序" in refused.value.message and refused.value.field == "fine_yuan"
    assert_nothing_stored()


def test_art51_the_fine_must_also_lie_within_the_matters_own_range(world):
    """world.matter fines up to 2,000 元: an organisation's 2,500 元 is within art. 51 but not within the basis."""
    with pytest.raises(DomainError, match="幅度"):
        onspot(world, party=ORGANISATION, fine_fen=2500_00)
    assert_nothing_stored()


def test_art52_a_natural_person_needs_a_valid_id_number(world):
    with pytest.raises(DomainError, match="身份证号"):
        onspot(world, party=PartyData(kind="person", name="张三", address="示范区"), fine_fen=50_00)
    with pytest.raises(DomainError, match="GB 11643"):
        onspot(world, party=PartyData(kind="person", name="张三", address="示范区", id_number="110105194912310021"),
               fine_fen=50_00)
    assert_nothing_stored()


def test_art52_an_organisation_needs_its_unified_social_credit_code(world, goods_matter):
    with pytest.raises(DomainError, match="统一社会信用代码"):
        onspot(world, matter=goods_matter, fine_fen=50_00,
               party=PartyData(kind="organisation", name="某公司", address="示范区"))
    assert_nothing_stored()


# --- two certified officers (art. 42, 52) ------------------------------------------------------------------------
def test_art42_art52_a_single_officer_may_not_decide_on_the_spot(world):
    with pytest.raises(DomainError, match="第四十二条"):
        onspot(world, fine_fen=50_00, co=[])
    assert_nothing_stored()


def test_art42_a_second_officer_whose_certificate_expired_yesterday_does_not_count(world, org):
    expired = certified_officer(org, "乙过期", "6403-0099", org.team_a, valid_to=TODAY() - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="第四十二条"):
        onspot(world, fine_fen=50_00, co=[expired])
    assert_nothing_stored()


def test_art42_the_acting_officer_must_hold_a_certificate_valid_that_day(world):
    world.a1.officer.certificates.update(valid_to=TODAY() - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="没有有效的执法证"):
        onspot(world, fine_fen=50_00, co=[world.a2.officer, world.a3_officer])
    assert_nothing_stored()


def test_art42_an_officer_without_an_account_counts_when_certified(world):
    case = onspot(world, fine_fen=50_00, co=[world.a3_officer])
    assert case.case_officers.count() == 2


def test_an_assistant_or_a_leader_without_the_officer_role_may_not_decide_on_the_spot(world):
    with pytest.raises(DomainError, match="协管员"):
        onspot(world, fine_fen=50_00, actor=world.assistant)
    with pytest.raises(DomainError, match="执法人员"):
        onspot(world, fine_fen=50_00, actor=world.leader)
    assert_nothing_stored()


# --- the number: gapless per bureau, kind and year ---------------------------------------------------------------
def test_the_onspot_number_is_gapless_refusals_take_no_number_and_each_year_starts_at_one(world, org):
    year = TODAY().year
    assert onspot(world, fine_fen=50_00).number == f"红综执当罚〔{year}〕第1号"
    expired = certified_officer(org, "乙过期", "6403-0099", org.team_a, valid_to=TODAY() - dt.timedelta(days=1))
    with pytest.raises(DomainError):
        onspot(world, fine_fen=50_00, co=[expired])  # refused inside the transaction, after the case row
    with pytest.raises(DomainError):
        onspot(world, fine_fen=200_01)
    assert onspot(world, fine_fen=50_00).number == f"红综执当罚〔{year}〕第2号"
    last_year = dt.date(year - 1, 12, 30)
    assert onspot(world, fine_fen=50_00, on=last_year).number == f"红综执当罚〔{year - 1}〕第1号"
    # The general procedure's numbers are a sequence of their own.
    assert world.filed().number == f"红综执立〔{year}〕第1号"
    assert sorted(Case.objects.filter(procedure="simple").values_list("number", flat=True)) == sorted([
        f"红综执当罚〔{year - 1}〕第1号", f"红综执当罚〔{year}〕第1号", f"红综执当罚〔{year}〕第2号"])


# --- the catalog and the limitation period (art. 24, 36) ----------------------------------------------------------
def test_art24_a_township_officer_decides_on_the_spot_only_under_delegated_matters(world, org, goods_matter):
    town = accounts.township_create(bureau=org.red, name="红星镇", actor=None)
    world.a1.township = town
    world.a1.save()
    with pytest.raises(DomainError, match="第二十四条"):
        onspot(world, fine_fen=50_00)
    assert_nothing_stored()
    catalog.delegation_create(bureau=org.red, number="宁政发〔2022〕1号", title="关于向乡镇下放部分行政处罚权的决定",
                              date=dt.date(2022, 1, 1), townships=[town], matters=[world.matter], actor=None)
    case = onspot(world, fine_fen=50_00)
    assert case.township == town and case.lead.township == town
    with pytest.raises(DomainError, match="第二十四条"):
        onspot(world, matter=goods_matter, fine_fen=50_00)  # still not delegated


def test_art36_an_act_more_than_two_years_old_is_not_punished_on_the_spot(world):
    with pytest.raises(DomainError, match="第三十六条"):
        onspot(world, fine_fen=50_00, violation_on=TODAY() - dt.timedelta(days=3 * 365))
    assert_nothing_stored()


def test_the_decision_day_may_not_be_in_the_future_nor_precede_the_act(world):
    with pytest.raises(DomainError, match="不能晚于今天"):
        onspot(world, fine_fen=50_00, on=TODAY() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="不能晚于当场处罚的日期"):
        onspot(world, fine_fen=50_00, violation_on=TODAY(), on=TODAY() - dt.timedelta(days=1))
    assert_nothing_stored()


# --- cash on the spot (art. 68–71) ---------------------------------------------------------------------------
def test_art68_a_fine_of_100_yuan_may_be_collected_in_cash_against_the_official_receipt(world):
    case = onspot(world, fine_fen=100_00, cash=True, receipt_number="宁财罚 No.0012345")
    payment = Payment.objects.get(case=case)
    assert payment.cash and payment.kind == Payment.Kind.FINE and payment.amount_fen == 100_00
    assert payment.paid_on == TODAY() and payment.receipt_number == "宁财罚 No.0012345"
    assert payment.handed_over_on is None and payment.banked_on is None
    # Paid on the spot: no period to pay runs; the cash is due at the bureau within 2 working days (art. 71).
    assert not CaseDeadline.objects.filter(case=case, rule="payment").exists()
    handover = CaseDeadline.objects.get(case=case, rule="cash_handover")
    assert handover.due == deadline_compute(rule="cash_handover", start=TODAY()).due and handover.is_open
    assert case.timeline.filter(action="case.cash_collect", text__contains="宁财罚 No.0012345").exists()


def test_art68_a_fine_of_100_01_yuan_is_not_collected_in_cash_without_a_reason(world):
    with pytest.raises(DomainError, match="第六十八条") as refused:
        onspot(world, fine_fen=100_01, cash=True, receipt_number="No.1")
    assert "银行" in refused.value.message and refused.value.field == "cash_reason"
    assert_nothing_stored()


def test_art68_art69_above_100_yuan_cash_is_allowed_when_later_collection_would_be_hard(world):
    case = onspot(world, fine_fen=100_01, cash=True, receipt_number="No.2",
                  cash_reason="当事人系外地流动摊贩，不当场收缴事后难以执行")
    assert Payment.objects.get(case=case).amount_fen == 100_01
    assert case.timeline.filter(text__contains="外地流动摊贩").exists()


def test_art68_a_reason_is_not_needed_at_100_yuan_and_without_cash_nothing_is_collected(world):
    case = onspot(world, fine_fen=100_01)  # the party pays at the bank within 15 days (art. 67)
    assert not Payment.objects.exists()
    assert due_of(case, "payment") == deadline_compute(rule="payment", start=TODAY()).due


def test_art70_cash_without_the_official_receipt_number_is_refused(world):
    with pytest.raises(DomainError, match="第七十条"):
        onspot(world, fine_fen=50_00, cash=True)
    assert_nothing_stored()


def test_art68_a_warning_alone_has_no_cash_to_collect(world):
    with pytest.raises(DomainError, match="无需当场收缴"):
        onspot(world, warning=True, cash=True, receipt_number="No.3")
    assert_nothing_stored()


def test_art71_cash_to_the_bureau_then_to_the_bank_each_within_two_working_days_on_the_calendar(world):
    """Collected on Friday 2024-09-27: Sunday 09-29 was a working day (调休), so the cash is due at the bureau on
    Monday 09-30. Handed over on 09-30: 10-01 to 10-07 are the National Day holiday, so the bank is due 10-09."""
    friday = dt.date(2024, 9, 27)
    case = onspot(world, fine_fen=80_00, cash=True, receipt_number="No.4", on=friday)
    payment = Payment.objects.get(case=case)
    first = CaseDeadline.objects.get(case=case, rule="cash_handover")
    assert first.due == dt.date(2024, 9, 30) == deadline_compute(rule="cash_handover", start=friday).due
    assert first.unit == "workdays" and first.amount == 2 and "第七十一条" in first.citation

    payment = simple.cash_hand_over(payment=payment, on=dt.date(2024, 9, 30), actor=world.a1)
    assert payment.handed_over_on == dt.date(2024, 9, 30)
    first.refresh_from_db()
    assert first.met_on == dt.date(2024, 9, 30)
    bank = CaseDeadline.objects.get(case=case, rule="cash_handover", met_on__isnull=True)
    assert bank.due == dt.date(2024, 10, 9) == deadline_compute(rule="cash_handover", start=dt.date(2024, 9, 30)).due
    assert bank.label == simple.BANK_LABEL and bank.start == dt.date(2024, 9, 30)

    payment = simple.cash_bank(payment=payment, on=dt.date(2024, 10, 8), actor=world.a2)
    assert payment.banked_on == dt.date(2024, 10, 8)
    assert not CaseDeadline.objects.filter(case=case, rule="cash_handover", met_on__isnull=True).exists()
    texts = list(case.timeline.values_list("text", flat=True))
    assert any("交至行政机关" in t and "2024-10-09 前缴付指定银行" in t for t in texts)
    assert any("缴付指定银行" in t and "逾期" not in t for t in texts if "2024-10-08" in t)


def test_art71_a_late_hand_over_is_recorded_with_its_lateness(world):
    friday = dt.date(2024, 9, 27)
    case = onspot(world, fine_fen=80_00, cash=True, receipt_number="No.5", on=friday)
    simple.cash_hand_over(payment=Payment.objects.get(case=case), on=dt.date(2024, 10, 8), actor=world.a1)
    assert CaseDeadline.objects.get(case=case, rule="cash_handover", due=dt.date(2024, 9, 30)).met_on == \
        dt.date(2024, 10, 8)
    assert case.timeline.filter(text__contains="逾期 8 日").exists()


def test_art71_the_dates_follow_each_other_and_are_never_in_the_future(world):
    day = TODAY() - dt.timedelta(days=5)
    case = onspot(world, fine_fen=80_00, cash=True, receipt_number="No.6", on=day)
    payment = Payment.objects.get(case=case)
    with pytest.raises(DomainError, match="尚未交至行政机关"):
        simple.cash_bank(payment=payment, on=TODAY(), actor=world.a1)
    with pytest.raises(DomainError, match="不能早于收缴之日"):
        simple.cash_hand_over(payment=payment, on=day - dt.timedelta(days=1), actor=world.a1)
    with pytest.raises(DomainError, match="不能晚于今天"):
        simple.cash_hand_over(payment=payment, on=TODAY() + dt.timedelta(days=1), actor=world.a1)
    payment = simple.cash_hand_over(payment=payment, on=day + dt.timedelta(days=2), actor=world.a1)
    with pytest.raises(DomainError, match="已于"):
        simple.cash_hand_over(payment=payment, on=TODAY(), actor=world.a1)
    with pytest.raises(DomainError, match="不能早于交至行政机关之日"):
        simple.cash_bank(payment=payment, on=day + dt.timedelta(days=1), actor=world.a1)
    with pytest.raises(DomainError, match="不能晚于今天"):
        simple.cash_bank(payment=payment, on=TODAY() + dt.timedelta(days=1), actor=world.a1)
    payment = simple.cash_bank(payment=payment, on=TODAY(), actor=world.a1)
    with pytest.raises(DomainError, match="已于"):
        simple.cash_bank(payment=payment, on=TODAY(), actor=world.a1)


def test_art71_only_the_cases_officers_or_the_bureaus_leaders_record_the_cash(world, officer_b):
    case = onspot(world, fine_fen=80_00, cash=True, receipt_number="No.7")
    payment = Payment.objects.get(case=case)
    with pytest.raises(DomainError, match="本案执法人员或本局负责人"):
        simple.cash_hand_over(payment=payment, on=TODAY(), actor=officer_b)
    assert simple.cash_hand_over(payment=payment, on=TODAY(), actor=world.team_leader).handed_over_on == TODAY()


# --- the page (views_simple.py) -----------------------------------------------------------------------------------
def form_post(world, **overrides) -> dict:
    data = {
        "party-kind": "person", "party-name": "张三", "party-id_number": "11010519491231002X",
        "party-address": "示范区幸福小区3号楼", "party-phone": "13909511234",
        "matter": world.matter.pk, "place": "示范路与建设街交叉口", "violation_on": TODAY().isoformat(),
        "facts": FACTS, "fine_yuan": "100", "co_officers": [world.a2.officer.pk],
        "cash": "on", "receipt_number": "宁财罚 No.0012345",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_art51_the_page_shows_the_limits_to_an_officer_before_anything_is_typed(client, world):
    logged_in(client, world.a1)
    page = client.get(reverse("cases:simple_new")).content.decode()
    assert "200 元以下" in page and "3000 元以下" in page and "100 元以下" in page and "第五十一条" in page
    assert world.a2.officer.name in page and "6403-0001" in page  # the other officers; the user's certificate
    assert 'name="party-id_number"' in page and 'name="receipt_number"' in page
    # Reached from the case list and from the workbench.
    assert reverse("cases:simple_new") in client.get(reverse("cases:list")).content.decode()
    assert reverse("cases:simple_new") in client.get(reverse("core:workbench")).content.decode()


@pytest.mark.parametrize("persona", ["supervisor", "auditor", "assistant", "leader"])
def test_the_page_is_refused_to_anyone_but_an_officer(client, world, supervisor, auditor, persona):
    user = {"supervisor": supervisor, "auditor": auditor, "assistant": world.assistant, "leader": world.leader}[persona]
    logged_in(client, user)
    assert client.get(reverse("cases:simple_new")).status_code == 403
    assert client.post(reverse("cases:simple_new"), form_post(world)).status_code == 403
    assert client.get(reverse("cases:simple_cash")).status_code == 403
    assert reverse("cases:simple_new") not in client.get(reverse("core:workbench")).content.decode()
    assert_nothing_stored()


def test_login_is_required(client):
    response = client.get(reverse("cases:simple_new"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_art51_a_post_over_the_limit_shows_the_message_keeps_the_input_and_stores_nothing(client, world):
    logged_in(client, world.a1)
    response = client.post(reverse("cases:simple_new"), form_post(world, fine_yuan="200.01", cash=None))
    assert response.status_code == 200
    page = response.content.decode()
    assert "第五十一条" in page and "普通程序" in page
    assert 'value="200.01"' in page and 'value="示范路与建设街交叉口"' in page and FACTS in page
    assert_nothing_stored()


def test_art68_a_post_with_cash_above_100_yuan_and_no_reason_says_pay_at_the_bank(client, world):
    logged_in(client, world.a1)
    response = client.post(reverse("cases:simple_new"), form_post(world, fine_yuan="150"))
    page = response.content.decode()
    assert response.status_code == 200 and "第六十八条" in page and "银行" in page
    assert_nothing_stored()


def test_a_bad_id_number_is_shown_on_the_party_field(client, world):
    logged_in(client, world.a1)
    response = client.post(reverse("cases:simple_new"), form_post(world, **{"party-id_number": "110105194912310021"}))
    assert response.status_code == 200 and "GB 11643" in response.content.decode()
    assert_nothing_stored()


def test_art52_the_officer_decides_by_form_and_lands_on_the_case_page(client, world):
    logged_in(client, world.a1)
    response = client.post(reverse("cases:simple_new"), form_post(world))
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    page = client.get(response.url).content.decode()
    assert case.number in page and "当场作出行政处罚决定，报所属行政机关备案" in page and "罚款 100 元" in page
    assert Payment.objects.get(case=case).cash


def test_art71_the_cash_page_lists_the_officers_cash_and_records_hand_over_and_banking(client, world, officer_b):
    case = onspot(world, fine_fen=80_00, cash=True, receipt_number="No.8", on=TODAY() - dt.timedelta(days=3))
    payment = Payment.objects.get(case=case)
    logged_in(client, world.a1)
    page = client.get(reverse("cases:simple_cash")).content.decode()
    assert case.number in page and "No.8" in page and "待交至本局" in page
    response = client.post(reverse("cases:simple_cash_hand_over", args=[payment.pk]),
                           {"on": (TODAY() + dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.handed_over_on is None  # refused: a future date, said on the page
    assert "不能晚于今天" in client.get(reverse("cases:simple_cash")).content.decode()
    client.post(reverse("cases:simple_cash_hand_over", args=[payment.pk]), {"on": TODAY().isoformat()})
    payment.refresh_from_db()
    assert payment.handed_over_on == TODAY()
    assert "待缴付银行" in client.get(reverse("cases:simple_cash")).content.decode()
    client.post(reverse("cases:simple_cash_bank", args=[payment.pk]), {"on": TODAY().isoformat()})
    payment.refresh_from_db()
    assert payment.banked_on == TODAY()
    page = client.get(reverse("cases:simple_cash")).content.decode()
    assert "已登记缴付指定银行" in page and 'data-test="cash-row"' not in page
    # Another team's officer neither sees it nor reaches it.
    other = onspot(world, fine_fen=80_00, cash=True, receipt_number="No.9")
    other_payment = Payment.objects.get(case=other)
    logged_in(client, make_user("b_officer", [Role.OFFICER], world.org.red, world.org.team_b))
    assert client.get(reverse("cases:simple_cash")).status_code == 403  # no officer record
    certified_officer(world.org, "乙一", "6403-0101", world.org.team_b, officer_b)
    logged_in(client, officer_b)
    assert other.number not in client.get(reverse("cases:simple_cash")).content.decode()
    assert client.post(reverse("cases:simple_cash_hand_over", args=[other_payment.pk]),
                       {"on": TODAY().isoformat()}).status_code == 404


def test_a_simple_case_is_served_on_the_spot_and_a_bank_payment_can_be_recorded(world):
    """Art. 52: the on-the-spot decision is handed over there; the case page does not ask to serve it again, and
    a fine not paid in cash is recorded against the bank's receipt (罚缴分离)."""
    from zhifa.cases import execution, selectors
    from zhifa.cases.models import Payment

    case = onspot(world, fine_fen=100_00)
    page = selectors.case_page_build(case=selectors.case_get(user=world.a1, pk=case.pk), user=world.a1,
                                     today=TODAY())
    assert page.is_served
    with pytest.raises(DomainError, match="当场交付"):
        execution.decision_serve(case=case, method="direct", served_on=TODAY(), receiver="张三", actor=world.a1)
    execution.payment_record(case=case, kind="fine", amount_fen=case.decision.fine_fen, paid_on=TODAY(),
                             receipt_number="NX-1", actor=world.a1)
    assert Payment.objects.filter(case=case, cash=False).count() == 1
