"""Duplicate candidates: same bureau and category, recent, near (haversine) or at the same address text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import Org
from tests.intake.conftest import Categories
from zhifa.intake.duplicates import duplicate_candidates, haversine_m
from zhifa.intake.models import Complaint
from zhifa.intake.services import complaint_merge, complaint_receive

pytestmark = pytest.mark.django_db
LAT, LON = 38.487193, 106.230909
# One thousandth of a degree of latitude is about 111 m.
DEG_PER_M = 1 / 111_195


def receive(org: Org, category, *, place="解放西街12号", lat=None, lon=None, days_ago=0) -> Complaint:  # type: ignore[no-untyped-def]
    return complaint_receive(
        bureau=org.red, category=category, channel="phone", place=place, description="流动摊贩占道经营",
        latitude=None if lat is None else f"{lat:.6f}", longitude=None if lon is None else f"{lon:.6f}",
        received_at=timezone.now() - dt.timedelta(days=days_ago),
    ).complaint


def found(complaint: Complaint) -> set[int]:
    return {c.complaint.pk for c in duplicate_candidates(complaint)}


def test_haversine_is_right_on_a_known_distance():
    # One degree of latitude along a meridian is about 111.2 km.
    assert haversine_m(38.0, 106.0, 39.0, 106.0) == pytest.approx(111_195, rel=1e-3)
    assert haversine_m(LAT, LON, LAT, LON) == 0


def test_within_the_distance_is_a_candidate_and_beyond_it_is_not(org: Org, categories: Categories, settings):
    settings.ZHIFA_DUPLICATE_METERS = 200
    new = receive(org, categories.ordinary, place="北门", lat=LAT, lon=LON)
    near = receive(org, categories.ordinary, place="北门东侧", lat=LAT + 150 * DEG_PER_M, lon=LON)
    far = receive(org, categories.ordinary, place="北门以北", lat=LAT + 250 * DEG_PER_M, lon=LON)
    east = receive(org, categories.ordinary, place="北门以东", lat=LAT, lon=LON + 0.0019)  # ~166 m at 38.5°N
    candidates = duplicate_candidates(new)
    assert {c.complaint.pk for c in candidates} == {near.pk, east.pk}
    assert far.pk not in found(new)
    assert candidates[0].metres is not None and 140 < candidates[0].metres < 170
    settings.ZHIFA_DUPLICATE_METERS = 300
    assert far.pk in found(new)


def test_the_same_address_text_is_a_candidate_without_coordinates(org: Org, categories: Categories):
    new = receive(org, categories.ordinary, place="解放西街 12号")
    same = receive(org, categories.ordinary, place="解放西街１２号")  # full-width digits, no space
    other = receive(org, categories.ordinary, place="解放西街14号")
    candidates = duplicate_candidates(new)
    assert [c.complaint.pk for c in candidates] == [same.pk]
    assert candidates[0].same_address and candidates[0].metres is None
    assert other.pk not in found(new)


def test_another_category_another_bureau_and_old_ones_are_excluded(org: Org, categories: Categories, settings):
    settings.ZHIFA_DUPLICATE_DAYS = 7
    new = receive(org, categories.ordinary, lat=LAT, lon=LON)
    other_category = receive(org, categories.complex, lat=LAT, lon=LON)
    old = receive(org, categories.ordinary, lat=LAT, lon=LON, days_ago=8)
    recent = receive(org, categories.ordinary, lat=LAT, lon=LON, days_ago=6)
    assert found(new) == {recent.pk}
    assert other_category.pk not in found(new) and old.pk not in found(new)
    settings.ZHIFA_DUPLICATE_DAYS = 10
    assert found(new) == {recent.pk, old.pk}


def test_itself_and_merged_ones_are_excluded(org: Org, categories: Categories, team_leader_a):
    new = receive(org, categories.ordinary)
    target = receive(org, categories.ordinary)
    merged = receive(org, categories.ordinary)
    assert found(new) == {target.pk, merged.pk}
    complaint_merge(complaint=merged, target=target, actor=team_leader_a)
    assert found(new) == {target.pk}
    assert new.pk not in found(new)
