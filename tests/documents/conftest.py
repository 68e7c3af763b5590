"""Documents tests run on the case world of tests/cases (the same personas and a decided case), with the
document store in a temporary folder and the bureau's document settings filled in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.cases.conftest import World, _calendar_beyond_the_package, world  # noqa: F401 (fixtures)
from zhifa.cases import execution, services
from zhifa.cases.models import Case
from zhifa.documents.models import DocumentSettings

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _document_store(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def red_settings(world: World) -> DocumentSettings:  # noqa: F811
    return DocumentSettings.objects.create(
        bureau=world.org.red, reconsideration_body="示范区人民政府", litigation_court="示范区人民法院",
        payment_account="示范银行示范区支行")


def decided_case(world: World, fine_yuan: int = 300) -> Case:  # noqa: F811
    """A penalty decided today on a case filed a month ago (notice served 20 days ago)."""
    day = TODAY()
    lead = world.lead(discovered_on=day - dt.timedelta(days=30))
    case = world.notified(served_on=day - dt.timedelta(days=20), lead=lead, fine_yuan=fine_yuan)
    return services.case_transition(case=case, action="decide", actor=world.a1, on=day)


def closed_case(world: World) -> Case:  # noqa: F811
    """Decided, served, paid and closed on a leader's approval."""
    case = decided_case(world)
    execution.decision_serve(case=case, method="direct", served_on=case.decided_on, receiver="张三", actor=world.a1)
    execution.payment_record(case=case, kind="fine", amount_fen=300_00, paid_on=TODAY(), receipt_number="B1",
                             actor=world.a1)
    asked = execution.closing_request(case=case, reason="performed", note="", actor=world.a1)
    services.measure_decide(approval=asked, actor=world.leader, approved=True)
    case.refresh_from_db()
    return case
