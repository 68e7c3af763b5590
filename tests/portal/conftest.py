"""Shared by the disclosure tests (test_disclosure_*) and the public portal tests (test_portal_*).

- `world` and the calendar fixture come from tests/cases (a bureau in which a case can be decided);
- `published_disclosures`: the red bureau with published, pending, withdrawn and excluded disclosures made
  directly (no case behind them), and one published row of the blue bureau;
- `decided(world, on=..., **params)`: a penalty decided on a given day through the real case workflow, which
  builds its Disclosure.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.cases.conftest import _calendar_beyond_the_package, world  # noqa: F401 - fixtures re-exported
from zhifa.cases import services as case_services
from zhifa.cases.models import Case
from zhifa.lib.search import search_text
from zhifa.portal.models import Disclosure, InspectionListItem

S = Disclosure.State


def decided(w, on: dt.date, **params) -> Case:  # type: ignore[no-untyped-def]
    """A penalty decided on `on` (the lead discovered 30 days before, the notice served 20 days before)."""
    lead = w.lead(discovered_on=on - dt.timedelta(days=30))
    case = w.notified(served_on=on - dt.timedelta(days=20), lead=lead)
    facts = params.pop("facts", None)
    if facts is not None:
        Case.objects.filter(pk=case.pk).update(facts=facts)
        case.refresh_from_db()
    return case_services.case_transition(case=case, action="decide", actor=w.a1, on=on, **params)


def make_disclosure(bureau, number: int, *, state: str = S.PUBLISHED, decided_on: dt.date | None = None,  # type: ignore[no-untyped-def]
                    **fields) -> Disclosure:
    decided_on = decided_on or dt.date(2025, 6, 2) + dt.timedelta(days=number)
    values = {
        "kind": Disclosure.Kind.PENALTY, "state": state, "decided_on": decided_on,
        "due_on": decided_on + dt.timedelta(days=9),
        "document_number": f"示综执罚决字〔2025〕第{number}号", "title": f"某商贸有限公司占道经营案{number}",
        "party_kind": Disclosure.PartyKind.ORGANISATION, "party_name": f"示范区第{number}商贸有限公司",
        "credit_code": "91350100M000100Y43", "matter_name": "对擅自占用城市道路经营的行政处罚",
        "matter_category": "市容环境卫生", "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
        "penalty": "罚款人民币500.00元", "fine_fen": 50000, "facts_public": "当事人在人行道上摆摊经营。",
    }
    if state in (S.PUBLISHED, S.WITHDRAWN, S.TAKEN_DOWN):
        values["published_at"] = timezone.make_aware(dt.datetime.combine(decided_on + dt.timedelta(days=2),
                                                                         dt.time(10)))
        values["take_down_on"] = decided_on.replace(year=decided_on.year + 5)
    if state == S.EXCLUDED:
        values.update({k: "" for k in ("document_number", "title", "party_name", "credit_code", "matter_name",
                                       "matter_category", "legal_basis", "penalty", "facts_public")})
        values.update(fine_fen=None, party_kind="", exclusion=Disclosure.Exclusion.MINOR)
    if state == S.WITHDRAWN:
        values["withdrawal_reason"] = "该决定经行政复议被撤销，依法撤回。"
    values.update(fields)
    values["search_text"] = search_text(*(str(values.get(k, "")) for k in (
        "document_number", "title", "party_name", "credit_code", "matter_name", "matter_category", "penalty")))
    return Disclosure.objects.create(bureau=bureau, **values)


@pytest.fixture
def published_disclosures(org) -> list[Disclosure]:  # type: ignore[no-untyped-def]
    rows = [make_disclosure(org.red, n) for n in range(1, 6)]
    rows.append(make_disclosure(org.red, 6, state=S.PENDING))
    rows.append(make_disclosure(org.red, 7, state=S.WITHDRAWN))
    rows.append(make_disclosure(org.red, 8, state=S.EXCLUDED))
    rows.append(make_disclosure(org.blue, 9))
    InspectionListItem.objects.create(bureau=org.red, name="户外广告设施设置情况检查", subject="户外广告设置单位",
                                      basis="《城市市容和环境卫生管理条例》第十一条")
    return rows
