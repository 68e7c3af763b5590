"""The demo catalog: at least 40 real matters, ten ladders, a delegation, and a history whose catalog
differs between two dates — all loaded through the services, so every entry passed their checks."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from zhifa.accounts.models import Bureau, User
from zhifa.catalog.models import Delegation, DiscretionStep, EnforcementMatter, Exemption, LegalBasis
from zhifa.catalog.selectors import MatterFilters, catalog_count_as_of, matter_list


@pytest.fixture
def demo(db) -> Bureau:
    call_command("demo", stdout=io.StringIO())
    return Bureau.objects.get(is_demo=True)


def test_the_demo_catalog_has_forty_matters_with_bases_and_ten_ladders(demo):
    matters = EnforcementMatter.objects.filter(bureau=demo)
    assert matters.count() >= 40
    assert all(m.is_demo for m in matters)
    without_basis = matters.exclude(pk__in=LegalBasis.objects.values("matter"))
    assert not without_basis.exists()
    laden = DiscretionStep.objects.filter(matter__bureau=demo).values("matter").distinct().count()
    assert laden >= 10
    assert Exemption.objects.filter(matter__bureau=demo).count() >= 10


def test_the_demo_delegation_covers_the_townships_and_the_catalog_differs_between_two_dates(demo):
    delegation = Delegation.objects.get(bureau=demo)
    assert delegation.townships.count() == 6 and delegation.matters.count() >= 8
    admin = User.objects.get(username="admin")
    end_2023 = catalog_count_as_of(user=admin, day=dt.date(2023, 12, 31))
    start_2025 = catalog_count_as_of(user=admin, day=dt.date(2025, 1, 1))
    assert end_2023.in_force != start_2025.in_force or end_2023.removed != start_2025.removed
    assert start_2025.removed > end_2023.removed
    listed_2023 = set(matter_list(user=admin, filters=MatterFilters(as_of=dt.date(2023, 12, 31))).values_list("code", flat=True))
    listed_2025 = set(matter_list(user=admin, filters=MatterFilters(as_of=dt.date(2025, 1, 1))).values_list("code", flat=True))
    assert listed_2025 - listed_2023 and listed_2023 - listed_2025  # added and removed matters both show


def test_loading_the_demo_twice_adds_nothing(demo):
    count = EnforcementMatter.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert EnforcementMatter.objects.count() == count


@pytest.mark.parametrize("term", ["占道", "罚款", "违建", "烧烤"])
def test_common_two_character_terms_find_demo_matters(demo, term):
    officer = User.objects.get(username="officer")
    assert matter_list(user=officer, filters=MatterFilters(query=term)).exists()
