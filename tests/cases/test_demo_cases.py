"""`zhifa demo` gives a newcomer a living bureau: a year of cases in every state, with evidence and records,
made through the services (so every guard held), numbered without gaps, and loaded only once."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from zhifa.accounts.demo import DEMO_BUREAU_NAME
from zhifa.accounts.models import Bureau
from zhifa.audit.services import audit_verify
from zhifa.cases.demo import PROVISIONAL_CALENDAR_SOURCE, _Loader, demo_cases_load, demo_jpeg, demo_png
from zhifa.cases.models import Case, CaseDeadline, Evidence, Hearing, Lead, Record, Recording, TimelineEntry
from zhifa.lib.evidence_store import evidence_open, evidence_store
from zhifa.numbering.models import NumberSequence
from zhifa.workdays.models import WorkCalendarYear

NUMBER = re.compile(r"〔(\d{4})〕第(\d+)号$")


def test_zhifa_demo_loads_a_living_bureau_once(db, settings, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """One load (it takes a few seconds), every check on it: states, numbers, evidence, workbench, once only."""
    settings.MEDIA_ROOT = tmp_path  # the photos go to a store of their own
    call_command("demo")
    printed = re.search(r"已载入演示案件：(\d+) 件", capsys.readouterr().out)
    assert printed
    bureau = Bureau.objects.get(name=DEMO_BUREAU_NAME)
    cases = Case.objects.filter(bureau=bureau)
    assert int(printed[1]) == cases.count() and 60 <= cases.count() <= 80
    _every_state_with_evidence_and_records(bureau, cases)
    _numbers_gapless_and_in_filing_order(bureau, cases)
    _after_the_decision(cases)
    assert audit_verify().ok

    count = Case.objects.count()
    call_command("demo")
    assert "演示案件" not in capsys.readouterr().out
    assert demo_cases_load(bureau=bureau) == 0
    assert Case.objects.count() == count


def _after_the_decision(cases: QuerySet[Case]) -> None:
    """Part 2 in the demo: served decisions, payments with a late fee, a remedy, the court, closings, a transfer."""
    from zhifa.cases.models import CourtEnforcement, Payment, Remedy, Service, Transfer

    decided = cases.filter(state__in=["decided", "closed"])
    assert Service.objects.filter(case__in=decided).count() >= decided.count() - 3
    assert decided.filter(served_on__isnull=True).exists()  # one still to serve, on the workbench
    assert Payment.objects.filter(case__in=cases, kind="late_fee").exists()
    assert Remedy.objects.filter(case__in=cases, outcome="upheld").exists()
    assert CourtEnforcement.objects.filter(case__in=cases, accepted_on__isnull=False).exists()
    assert cases.filter(state="closed", closing_reason__contains="法院").exists()
    assert Transfer.objects.filter(case__in=cases, kind="crime").exists()


def _every_state_with_evidence_and_records(bureau: Bureau, cases: QuerySet[Case]) -> None:
    states = Counter(cases.values_list("state", flat=True))
    assert set(states) == set(Case.State.values), states
    today = timezone.localdate()
    filed = cases.exclude(filed_on=None)
    assert min(filed.values_list("filed_on", flat=True)) <= today - dt.timedelta(days=300)
    assert cases.values("department").distinct().count() >= 3
    assert cases.values("matter").distinct().count() >= 8
    # Evidence stored by hash and readable; records, recordings, hearings, major cases, measures.
    evidence = Evidence.objects.filter(case__bureau=bureau)
    assert evidence.count() >= 60
    first = evidence.first()
    assert first is not None
    with evidence_open(first.sha256) as stored:
        assert stored.read(4) in (b"\x89PNG", b"\xff\xd8\xff\xfe")
    assert Record.objects.filter(case__bureau=bureau, kind="inquiry").exists()
    assert Recording.objects.filter(case__bureau=bureau).exists()
    assert Hearing.objects.filter(case__bureau=bureau, outcome="held").count() >= 3
    assert cases.filter(is_major=True, state=Case.State.DECIDED).exists()
    assert cases.filter(preservations__isnull=False).exists() and cases.filter(seizures__isnull=False).exists()
    # The workbench has content: open decision periods overdue, past 90 % and past 75 %, and waiting leads.
    open_periods = CaseDeadline.objects.filter(case__bureau=bureau, rule="decision", met_on=None)
    used = [(today - d.start).days * 100 // (d.due - d.start).days for d in open_periods]
    assert any(p > 100 for p in used) and any(90 <= p <= 100 for p in used) and any(75 <= p < 90 for p in used)
    assert Lead.objects.filter(bureau=bureau, state=Lead.State.REGISTERED).count() >= 4
    # The timeline reads like a year: steps on the days they happened, not all at load time.
    days = {timezone.localdate(at) for at in TimelineEntry.objects.filter(case__bureau=bureau)
            .values_list("at", flat=True)}
    assert len(days) > 100


def _numbers_gapless_and_in_filing_order(bureau: Bureau, cases: QuerySet[Case]) -> None:
    by_year: dict[int, list[tuple[int, dt.date]]] = {}
    for number, filed_on in cases.exclude(number="").values_list("number", "filed_on"):
        match = NUMBER.search(number)
        assert match and int(match[1]) == filed_on.year, number
        by_year.setdefault(filed_on.year, []).append((int(match[2]), filed_on))
    for year, numbers in by_year.items():
        numbers.sort()
        assert [seq for seq, _ in numbers] == list(range(1, len(numbers) + 1))
        assert [day for _, day in numbers] == sorted(day for _, day in numbers)  # 第1号 was filed first
        assert NumberSequence.objects.get(bureau=bureau, kind="case", year=year).last == len(numbers)


def test_a_missing_calendar_year_gets_the_clearly_labelled_provisional_schedule(org) -> None:  # type: ignore[no-untyped-def]
    import random

    loader = _Loader(bureau=org.red, today=timezone.localdate(), rng=random.Random(1))
    loader.provisional_calendar(2031)
    year = WorkCalendarYear.objects.get(year=2031)
    assert year.source == PROVISIONAL_CALENDAR_SOURCE == "演示用临时日历（非官方）"


def test_the_generated_images_are_accepted_by_the_evidence_store_by_their_content(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    settings.MEDIA_ROOT = tmp_path
    png = evidence_store(stream=io.BytesIO(demo_png(7)), declared_name="a.png", max_bytes=10**6, allowed={"image"})
    jpeg = evidence_store(stream=io.BytesIO(demo_jpeg("x")), declared_name="b", max_bytes=10**6, allowed={"image"})
    assert (png.content_type, jpeg.content_type) == ("image/png", "image/jpeg")
    assert demo_png(1) != demo_png(2) and demo_jpeg("1") != demo_jpeg("2")
