"""Statistics on a constructed set: received, handled rate, on-time rate, satisfaction rate, and the groupings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.conftest import Org
from tests.intake.conftest import Categories
from zhifa.intake.models import Complaint
from zhifa.intake.services import complaint_receive
from zhifa.intake.stats import bar_chart, complaint_stats, stats_csv

pytestmark = pytest.mark.django_db
S = Complaint.State


def at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def make(org: Org, category, received: str, *, state=S.RECEIVED, department=None, replied: str | None = None,  # type: ignore[no-untyped-def]
         satisfaction: str = "") -> Complaint:
    complaint = complaint_receive(bureau=org.red, category=category, channel="phone", place="解放西街",
                                  description="占道经营", received_at=at(received)).complaint
    Complaint.objects.filter(pk=complaint.pk).update(
        state=state, department=department, replied_at=at(replied) if replied else None, satisfaction=satisfaction)
    return complaint


@pytest.fixture
def constructed(org: Org, categories: Categories) -> None:
    o, c = categories.ordinary, categories.complex
    # September 2025: ordinary received Mon 1 Sep, due Mon 8 Sep end of day.
    make(org, o, "2025-09-01 09:00", state=S.CLOSED, department=org.team_a, replied="2025-09-05 10:00",
         satisfaction="satisfied")                                                   # on time, satisfied
    make(org, o, "2025-09-01 10:00", state=S.REPLIED, department=org.team_a, replied="2025-09-09 10:00",
         satisfaction="unsatisfied")                                                 # late, unsatisfied
    make(org, o, "2025-09-02 10:00", state=S.IN_PROGRESS, department=org.team_b)     # open
    # October 2025: complex, due far later.
    make(org, c, "2025-10-09 10:00", state=S.CLOSED, department=org.team_b, replied="2025-10-10 10:00",
         satisfaction="basic")                                                       # on time, basic
    make(org, c, "2025-10-10 10:00", state=S.REPLIED, department=org.team_b, replied="2025-10-11 10:00")  # not rated
    make(org, c, "2025-10-11 10:00")                                                 # received, not dispatched
    make(org, o, "2025-11-02 10:00", state=S.CLOSED, replied="2025-11-03 10:00")     # outside the period


def test_the_rates_follow_their_definitions(org: Org, constructed: None):
    stats = complaint_stats(bureau=org.red, start=dt.date(2025, 9, 1), end=dt.date(2025, 10, 31))
    total = stats.total
    assert (total.received, total.handled, total.replied, total.on_time, total.rated, total.satisfied) == (6, 4, 4, 3,
                                                                                                         3, 2)
    assert total.handled_rate == Decimal("66.7")      # 4 of 6
    assert total.on_time_rate == Decimal("75.0")      # 3 of 4 replied
    assert total.satisfaction_rate == Decimal("66.7")  # satisfied + basic = 2 of 3 rated


def test_grouped_by_category_department_and_month(org: Org, constructed: None):
    stats = complaint_stats(bureau=org.red, start=dt.date(2025, 9, 1), end=dt.date(2025, 10, 31))
    assert {r.label: r.received for r in stats.by_category} == {"占道经营": 3, "违法建设": 3}
    assert {r.label: (r.received, r.handled) for r in stats.by_department} == {
        "第一中队": (2, 2), "第二中队": (3, 2), "未分派": (1, 0)}
    assert [(r.label, r.received, r.on_time_rate) for r in stats.by_month] == [
        ("2025-09", 3, Decimal("50.0")), ("2025-10", 3, Decimal("100.0"))]


def test_empty_periods_have_no_rates_and_another_bureau_is_not_counted(org: Org, constructed: None):
    stats = complaint_stats(bureau=org.blue, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert stats.total.received == 0 and stats.total.handled_rate is None and stats.by_month == []


def test_the_csv_and_the_chart(org: Org, constructed: None):
    stats = complaint_stats(bureau=org.red, start=dt.date(2025, 9, 1), end=dt.date(2025, 10, 31))
    lines = stats_csv(stats).splitlines()
    assert lines[0].startswith("分组,项目,受理量")
    assert lines[1] == "合计,合计,6,4,4,3,3,2,66.7,75.0,66.7"
    assert "月份,2025-10,3,2,2,2,1,1,66.7,100.0,100.0" in lines
    chart = bar_chart("按类别", stats.by_category)
    assert [b.value for b in chart.bars] == [3, 3] and chart.bars[0].width == chart.bars[1].width > 0
