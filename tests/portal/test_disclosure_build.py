"""Building the public record when a decision is made: deadlines across holidays, what is never published, and
the allow-list (no ID number, phone or address of a party in any field)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.portal.conftest import decided
from zhifa.cases import execution
from zhifa.cases.models import CaseDeadline, Party, PriorNotice, Remedy
from zhifa.portal import services
from zhifa.portal.models import Disclosure

pytestmark = pytest.mark.django_db
S = Disclosure.State

ID_NUMBER = "11010519491231002X"  # the party's, from tests/cases/conftest (valid check digit)
PHONE = "13909511234"
ADDRESS = "示范区幸福小区3号楼"


def test_penalty_due_in_7_working_days_across_national_day(world) -> None:
    """国办发〔2018〕118号: penalty decisions within 7 working days. Decided Fri 26 Sep 2025: Sun 28 Sep is a
    working day, 1–8 Oct are holidays, Sat 11 Oct is a working day → 28, 29, 30 Sep, 9, 10, 11, 13 Oct."""
    case = decided(world, dt.date(2025, 9, 26))
    disclosure = Disclosure.objects.get(case=case)
    assert disclosure.kind == Disclosure.Kind.PENALTY
    assert disclosure.state == S.PENDING
    assert disclosure.decided_on == dt.date(2025, 9, 26)
    assert disclosure.due_on == dt.date(2025, 10, 13)


def test_other_decisions_due_in_20_working_days_across_spring_festival(org) -> None:
    """国办发〔2018〕118号: other decisions within 20 working days. From Fri 24 Jan 2025: Sun 26 Jan works,
    28 Jan–4 Feb are holidays, Sat 8 Feb works → the 20th working day is Thu 27 Feb."""
    assert services._due("disclosure_other", dt.date(2025, 1, 24), org.red) == dt.date(2025, 2, 27)
    # and a penalty decided that Friday: 26, 27 Jan, 5, 6, 7, 8 (Sat) Feb, Mon 10 Feb.
    assert services._due("disclosure_penalty", dt.date(2025, 1, 24), org.red) == dt.date(2025, 2, 10)


def test_without_the_calendar_the_due_day_is_the_rules_natural_days(org) -> None:
    """A year the work calendar does not hold yet: N working days are never fewer than N natural days, so the
    due day falls that many natural days on (never later than the true one); the decision is not blocked."""
    assert services._due("disclosure_penalty", dt.date(2090, 12, 27), org.red) == dt.date(2091, 1, 3)
    assert services._due("disclosure_other", dt.date(2090, 12, 27), org.red) == dt.date(2091, 1, 16)


def test_build_is_idempotent(world) -> None:
    case = decided(world, dt.date(2025, 9, 26))
    first = Disclosure.objects.get(case=case)
    assert services.disclosure_build(case=case) == first
    assert Disclosure.objects.filter(case=case).count() == 1


def test_allow_list_never_copies_id_number_phone_or_address(world) -> None:
    facts = f"当事人张三（身份证号{ID_NUMBER}，电话{PHONE}，住{ADDRESS}）在人行道上摆摊经营水果，证人李秀英证实。"
    case = decided(world, dt.date(2025, 9, 26), facts=facts)
    disclosure = Disclosure.objects.get(case=case)
    public = [str(getattr(disclosure, f.name)) for f in Disclosure._meta.fields]
    for secret in (ID_NUMBER, PHONE, ADDRESS, "张三", "李秀英", ID_NUMBER[-6:]):
        assert not any(secret in value for value in public), secret
    assert disclosure.party_name == "张某"
    assert disclosure.party_kind == Disclosure.PartyKind.PERSON
    assert disclosure.credit_code == ""
    assert "罚款人民币300.00元" in disclosure.penalty or disclosure.fine_fen == 30000
    assert "摆摊经营水果" in disclosure.facts_public
    assert "李某" in disclosure.facts_public
    assert "［住址已隐去］" in disclosure.facts_public  # the party's address, known from the party record
    assert disclosure.document_number == case.number


def test_organisation_published_by_full_name_and_credit_code(world) -> None:
    lead = world.lead(discovered_on=dt.date(2025, 8, 27))
    case = world.notified(served_on=dt.date(2025, 9, 6), lead=lead, organisation=True)
    from zhifa.cases import services as case_services

    case = case_services.case_transition(case=case, action="decide", actor=world.a1, on=dt.date(2025, 9, 26))
    disclosure = Disclosure.objects.get(case=case)
    assert disclosure.party_name == "示范区某某商贸有限公司"
    assert disclosure.credit_code == "91350100M000100Y43"
    assert disclosure.party_kind == Disclosure.PartyKind.ORGANISATION
    assert "示范区建设街1号" not in str(vars(disclosure))


def test_minor_never_published(world) -> None:
    lead = world.lead(discovered_on=dt.date(2025, 8, 27))
    case = world.notified(served_on=dt.date(2025, 9, 6), lead=lead)
    Party.objects.filter(case=case).update(is_minor=True)
    from zhifa.cases import services as case_services

    case = case_services.case_transition(case=case, action="decide", actor=world.a1, on=dt.date(2025, 9, 26))
    disclosure = Disclosure.objects.get(case=case)
    assert disclosure.state == S.EXCLUDED
    assert disclosure.exclusion == Disclosure.Exclusion.MINOR
    assert disclosure.facts_public == disclosure.party_name == disclosure.title == ""
    with pytest.raises(Exception, match="只有待公示"):
        services.disclosure_publish(disclosure=disclosure, actor=world.reviewer)


def _warning_only(world):  # type: ignore[no-untyped-def]
    from zhifa.cases import services as case_services

    lead = world.lead(discovered_on=dt.date(2025, 8, 27))
    case = world.notified(served_on=dt.date(2025, 9, 6), lead=lead)
    PriorNotice.objects.filter(case=case).update(warning=True, fine_fen=None)
    return case_services.case_transition(case=case, action="decide", actor=world.a1, on=dt.date(2025, 9, 26),
                                         warning=True, fine_fen=None)


def test_warning_only_not_published_when_the_bureau_says_so(world, settings) -> None:
    settings.ZHIFA_DISCLOSE_WARNING_ONLY = False
    case = _warning_only(world)
    disclosure = Disclosure.objects.get(case=case)
    assert disclosure.state == S.EXCLUDED
    assert disclosure.exclusion == Disclosure.Exclusion.WARNING_ONLY


def test_warning_only_published_by_default(world) -> None:
    case = _warning_only(world)
    disclosure = Disclosure.objects.get(case=case)
    assert disclosure.state == S.PENDING
    assert disclosure.penalty == "警告"


def test_excluded_by_the_legal_office_keeps_no_public_text(world) -> None:
    case = decided(world, dt.date(2025, 9, 26))
    disclosure = Disclosure.objects.get(case=case)
    services.disclosure_exclude(disclosure=disclosure, exclusion=Disclosure.Exclusion.SECRET,
                                reason="涉及商业秘密", actor=world.reviewer)
    disclosure.refresh_from_db()
    assert disclosure.state == S.EXCLUDED
    assert disclosure.facts_public == disclosure.party_name == disclosure.document_number == ""


def test_revoked_decision_must_be_withdrawn_within_3_working_days(world) -> None:
    """行政处罚法第四十八条: a decision revoked on Tue 30 Sep 2025 comes off by 9, 10, 11 Oct (Sat, a working day)."""
    case = decided(world, dt.date(2025, 9, 26))
    disclosure = Disclosure.objects.get(case=case)
    services.disclosure_publish(disclosure=disclosure, actor=world.reviewer)
    remedy = execution.remedy_record(case=case, kind=Remedy.Kind.RECONSIDERATION, filed_on=dt.date(2025, 9, 29),
                                     body="示范区人民政府", actor=world.a1)
    execution.remedy_outcome(remedy=remedy, outcome=Remedy.Outcome.REVOKED, outcome_on=dt.date(2025, 9, 30),
                             note="", actor=world.a1)
    disclosure.refresh_from_db()
    deadline = CaseDeadline.objects.get(case=case, rule="disclosure_withdrawal")
    assert disclosure.withdraw_due == deadline.due == dt.date(2025, 10, 11)  # one computation, on the case
    with pytest.raises(Exception, match="第四十八条"):
        services.disclosure_withdraw(disclosure=disclosure, reason=" ", actor=world.reviewer)
    services.disclosure_withdraw(disclosure=disclosure, reason="该决定经行政复议被撤销，依法撤回。",
                                 actor=world.reviewer)
    disclosure.refresh_from_db()
    assert disclosure.state == S.WITHDRAWN
    assert disclosure.withdrawal_reason == "该决定经行政复议被撤销，依法撤回。"
    deadline.refresh_from_db()
    assert deadline.met_on == timezone.localdate()  # no longer open (overdue) on the case
