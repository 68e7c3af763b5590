"""Document numbers under concurrency (PostgreSQL, real threads and connections): sixteen officers issuing
sixteen drafts at the same instant get 第1号 … 第16号, each once; two issuing the same draft → one wins.
SQLite serialises writers (IMMEDIATE transactions); the sequential numbering tests cover it."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection

from tests.cases.test_concurrency import Outcome, run_threads
from tests.documents.conftest import decided_case
from zhifa.documents import services
from zhifa.documents.models import Document, DocumentSettings
from zhifa.numbering.models import NumberSequence

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
SEQ = re.compile(r"第(\d+)号$")


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL：设置 DATABASE_URL=postgres://…")


def test_sixteen_concurrent_issues_number_one_to_sixteen_without_gap(world: Any) -> None:
    DocumentSettings.objects.create(bureau=world.org.red, reconsideration_body="区政府", litigation_court="区法院",
                                    payment_account="某银行")
    case = decided_case(world)
    drafts = [services.document_draft(kind_code="prior_notice", actor=world.a1, case=case) for _ in range(16)]
    start = threading.Barrier(8)
    outcome = Outcome()

    def issuer(batch: list[Document], actor: Any) -> Any:
        def work() -> None:
            start.wait()
            for draft in batch:
                outcome.record(lambda draft=draft: services.document_issue(document=draft, actor=actor))
        return work

    actors = [world.a1, world.a2]
    run_threads([issuer(drafts[i::8], actors[i % 2]) for i in range(8)], outcome)
    assert len(outcome.won) == 16 and not outcome.told
    numbers = list(Document.objects.filter(state="issued").values_list("number", flat=True))
    assert sorted(int(SEQ.search(n)[1]) for n in numbers) == list(range(1, 17))  # type: ignore[index]
    assert NumberSequence.objects.get(kind="prior_notice").last == 16


def test_two_people_issuing_the_same_draft_one_wins_and_no_number_is_lost(world: Any) -> None:
    DocumentSettings.objects.create(bureau=world.org.red, reconsideration_body="区政府", litigation_court="区法院",
                                    payment_account="某银行")
    case = decided_case(world)
    draft = services.document_draft(kind_code="prior_notice", actor=world.a1, case=case)
    start = threading.Barrier(4)
    outcome = Outcome()

    def work(actor: Any) -> Any:
        def run() -> None:
            start.wait()
            outcome.record(lambda: services.document_issue(document=Document.objects.get(pk=draft.pk), actor=actor))
        return run

    run_threads([work(a) for a in (world.a1, world.a2, world.a1, world.a2)], outcome)
    assert len(outcome.won) == 1 and sum(outcome.told.values()) == 3
    # The losers' numbers were rolled back with their transactions: the counter stands at one.
    assert NumberSequence.objects.get(kind="prior_notice").last == 1
    assert Document.objects.get(pk=draft.pk).number_seq == 1
