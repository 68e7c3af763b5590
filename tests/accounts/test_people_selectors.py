"""Reads on people: filters, search, 持证率 and the workbench's expiring certificates, always scoped."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404

from tests.accounts.test_people_world import TODAY, Staff, days, staff_build
from zhifa.accounts import selectors
from zhifa.accounts.models import Officer
from zhifa.accounts.selectors import CertificateFilter, Duty, OfficerFilters


@pytest.fixture
def staff(org) -> Staff:
    return staff_build(org)


def names(officers) -> set[str]:
    return {officer.name for officer in officers}


def listed(user, **filters) -> set[str]:
    return names(selectors.officer_list(user=user, filters=OfficerFilters(today=TODAY, **filters)))


RED_ON_DUTY = {"张一", "张二", "郑五", "孙八", "李三", "王四", "王六", "赵六", "钱七"}


def test_an_administrator_lists_everyone_on_duty_in_the_bureau_and_nobody_of_the_other(admin, staff):
    assert listed(admin) == RED_ON_DUTY


def test_people_who_left_are_listed_only_when_asked_for(admin, staff):
    assert listed(admin, duty=Duty.OFF) == {"周九"}
    assert listed(admin, duty=Duty.ALL) == RED_ON_DUTY | {"周九"}


def test_a_team_leader_lists_their_team_and_the_units_below_it(team_leader_a, staff):
    assert listed(team_leader_a) == {"张一", "张二", "郑五", "孙八", "李三"}


def test_the_supervisor_lists_both_bureaus(supervisor, staff):
    assert "吴十" in listed(supervisor)
    assert "张一" in listed(supervisor)


def test_the_audit_administrator_lists_nobody(auditor, staff):
    assert listed(auditor) == set()


@pytest.mark.parametrize(("term", "expected"), [
    ("张", {"张一", "张二"}),
    ("RED-0006", {"王四"}),
    ("red-0003", {"郑五"}),  # case-insensitive, and the old certificate does not list him twice
    ("中队长", {"郑五"}),
    ("BLUE-0001", set()),  # another bureau's certificate number finds nothing
])
def test_search_by_name_certificate_number_or_position(admin, staff, term, expected):
    assert listed(admin, q=term) == expected


def test_search_rows_are_distinct_when_several_certificates_match(admin, staff):
    found = list(selectors.officer_list(user=admin, filters=OfficerFilters(q="RED-0003", today=TODAY)))
    assert [o.name for o in found] == ["郑五"]


def test_filter_by_department_includes_the_units_below(admin, org, staff):
    assert listed(admin, department=org.team_a) == {"张一", "张二", "郑五", "孙八", "李三"}
    assert listed(admin, department=staff.team_a1) == {"李三"}


def test_filter_by_kind(admin, staff):
    assert listed(admin, kind=Officer.Kind.ASSISTANT) == {"孙八"}
    assert "孙八" not in listed(admin, kind=Officer.Kind.OFFICER)


@pytest.mark.parametrize(("status", "expected"), [
    (CertificateFilter.VALID, {"张一", "张二", "郑五"}),
    (CertificateFilter.SUSPENDED, {"王四"}),
    (CertificateFilter.REVOKED, {"王六"}),
    # 李三's status still says valid but the date has passed; 郑五's old certificate was renewed.
    (CertificateFilter.EXPIRED, {"李三", "赵六"}),
    (CertificateFilter.UNCERTIFIED, {"孙八", "李三", "王四", "王六", "赵六", "钱七"}),
])
def test_filter_by_certificate_status(admin, staff, status, expected):
    assert listed(admin, certificate_status=status) == expected


def test_expiring_within_30_days_leaves_out_renewed_expired_and_distant_certificates(admin, staff):
    assert listed(admin, expiring_within=30) == {"张二"}
    assert listed(admin, expiring_within=30, duty=Duty.ALL) == {"张二", "周九"}
    assert listed(admin, expiring_within=5) == set()
    assert listed(admin, expiring_within=800) == {"张一", "张二"}


def test_officer_get_returns_a_visible_person(team_leader_a, staff):
    assert selectors.officer_get(user=team_leader_a, pk=staff["李三"].pk) == staff["李三"]


@pytest.mark.parametrize("name", ["王四", "吴十"])
def test_officer_get_is_404_out_of_scope_never_403(team_leader_a, staff, name):
    with pytest.raises(Http404):
        selectors.officer_get(user=team_leader_a, pk=staff[name].pk)


def test_officer_get_for_change_is_404_for_a_plain_officer(officer_a, staff):
    assert selectors.officer_get(user=officer_a, pk=staff["张一"].pk).name == "张一"
    with pytest.raises(Http404):
        selectors.officer_get(user=officer_a, pk=staff["张一"].pk, action="change")


def test_certificate_get_is_404_for_another_bureau(admin, staff):
    blue_certificate = staff["吴十"].certificates.get()
    with pytest.raises(Http404):
        selectors.certificate_get(user=admin, pk=blue_certificate.pk, action="change")


def test_certificate_rate_counts_active_officers_holding_a_certificate_valid_that_day(admin, staff):
    rate = selectors.certificate_rate(user=admin, on=TODAY)
    # 8 active officers (the assistant and 周九 who left are not counted); 张一, 张二 and 郑五 are certified.
    assert (rate.officers, rate.certified, rate.uncertified) == (8, 3, 5)
    assert rate.rate == Decimal("37.5")


def test_certificate_rate_is_scoped_and_rounded_to_one_decimal(team_leader_a, org, staff):
    rate = selectors.certificate_rate(user=team_leader_a, on=TODAY)
    assert (rate.officers, rate.certified, rate.rate) == (4, 3, Decimal("75.0"))
    # The day after 张二's certificate ran out: 2 of 4.
    later = selectors.certificate_rate(user=team_leader_a, on=days(11))
    assert (later.certified, later.rate) == (2, Decimal("50.0"))


def test_certificate_rate_keeps_one_decimal(admin, org, staff):
    from tests.accounts.test_people_world import person

    person(org.red, org.team_a, "新人", seq=50)  # 3 of 9 certified: 33.333… → 33.3
    assert selectors.certificate_rate(user=admin, on=TODAY).rate == Decimal("33.3")


def test_certificate_rate_with_nobody_in_scope_is_zero_not_a_division_error(auditor, staff):
    rate = selectors.certificate_rate(user=auditor, on=TODAY)
    assert (rate.officers, rate.certified, rate.rate) == (0, 0, Decimal("0.0"))


def test_certificates_expiring_for_the_workbench(admin, team_leader_a, blue_admin, staff):
    expiring = list(selectors.certificates_expiring(user=admin, within_days=30, today=TODAY))
    assert [c.number for c in expiring] == ["RED-0002"]  # 周九 left; 郑五 renewed; 李三 already expired
    assert [c.number for c in selectors.certificates_expiring(user=team_leader_a, within_days=30, today=TODAY)] == [
        "RED-0002"
    ]
    assert [c.number for c in selectors.certificates_expiring(user=blue_admin, within_days=30, today=TODAY)] == [
        "BLUE-0001"
    ]


def test_who_may_change_people(admin, team_leader_a, officer_a, bureau_leader, supervisor, auditor, org):
    assert selectors.people_may_change(admin)
    assert selectors.people_may_change(team_leader_a)
    for user in (officer_a, bureau_leader, supervisor, auditor):
        assert not selectors.people_may_change(user)
