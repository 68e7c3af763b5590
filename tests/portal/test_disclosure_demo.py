"""`zhifa demo` publishes the demo decisions: most published, some due, one withdrawn with its explanation, one
excluded (a minor), four whose internal texts hold identifiers the public text does not; a second load
creates and changes nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from zhifa.accounts.demo import demo_organisation_load
from zhifa.cases.demo import demo_cases_load
from zhifa.catalog.demo import demo_catalog_load
from zhifa.documents.demo import demo_document_settings_load
from zhifa.portal.demo import PII_FACTS, demo_disclosures_load
from zhifa.portal.models import Disclosure, InspectionListItem
from zhifa.portal.services import redacted_facts

pytestmark = pytest.mark.django_db
S = Disclosure.State
IDENTIFIERS = ("640104198503122314", "13995112345", "宁A·8K352", "李秀英", "13709518888", "赵志刚",
               "6217002860001234565", "0951-6012345", "孙立伟", "宁B12345", "640121197805210047", "周海涛",
               "6228 4806 1234 5678 900", "6401 0219 9207 0815 21")


def test_demo_disclosures_once_and_without_identifiers(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    bureau, _ = demo_organisation_load()
    demo_catalog_load(bureau=bureau)
    demo_document_settings_load(bureau=bureau)
    demo_cases_load(bureau=bureau)
    first = demo_disclosures_load(bureau=bureau)
    rows = Disclosure.objects.filter(bureau=bureau)
    states = Counter(rows.values_list("state", flat=True))
    assert first.published >= 15 and states[S.PUBLISHED] >= 15
    assert states[S.WITHDRAWN] == 1 and states[S.EXCLUDED] == 1 and states[S.PENDING] >= 1
    assert rows.get(state=S.WITHDRAWN).withdrawal_reason
    assert rows.get(state=S.EXCLUDED).exclusion == Disclosure.Exclusion.MINOR
    assert InspectionListItem.objects.filter(bureau=bureau).count() == 8
    # The redaction examples: internal texts hold identifiers, the published records none of them.
    examples = [d for d in rows.select_related("case") if d.case and any(
        marker in d.case.facts for marker in ("13995112345", "13709518888", "0951-6012345", "640121197805210047"))]
    assert len(examples) == len(PII_FACTS)
    for disclosure in examples:
        assert disclosure.state == S.PUBLISHED
        assert len(redacted_facts(disclosure.case).redactions) >= 3
    for disclosure in rows:
        public = " ".join(str(getattr(disclosure, f.name)) for f in Disclosure._meta.fields)
        assert not any(identifier in public for identifier in IDENTIFIERS), disclosure.pk
        if disclosure.case is not None:  # a natural person's full name appears nowhere (surname + 某)
            for name in disclosure.case.parties.filter(kind="person").values_list("name", flat=True):
                assert name not in public, (disclosure.pk, name)
    # Idempotent.
    snapshot = list(rows.order_by("pk").values_list("pk", "state", "version", "facts_public"))
    second = demo_disclosures_load(bureau=bureau)
    assert second.built == second.published == second.inspection_items == 0
    assert list(rows.order_by("pk").values_list("pk", "state", "version", "facts_public")) == snapshot
    assert InspectionListItem.objects.filter(bureau=bureau).count() == 8
