"""年度执法数据: the figures of one bureau for one calendar year, published on the portal (三项制度).

Only aggregates (counts and sums) leave this module, never a row, a name or a number of a case.
Definitions (docs/portal.md, "Procedures, remedies, figures, sitemap and feed"):
- cases filed: cases whose filing date (立案日期) is in the year, by matter category;
- decisions: decisions (处罚 / 不予处罚 / 撤销立案) dated in the year, by kind; penalty decisions and their fines
  by matter category; on-the-spot decisions are penalty decisions of simple-procedure cases;
- hearings: requested in the year; held = hearings with the outcome 已举行 whose date is in the year;
- reconsiderations and lawsuits: filed in the year; overturned = of those, changed, revoked or confirmed illegal;
- complaints: zhifa.intake.stats.complaint_stats for the year (received, handled, replied on time, satisfied);
- disclosures: published in the year; the disclosure rate counts, as zhifa.portal.selectors.disclosure_rate does,
  the decisions of the year that must be published (not excluded) and those published by their due day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from zhifa.accounts.models import Bureau
from zhifa.cases.models import Case, Decision, Hearing, Remedy
from zhifa.catalog.models import Category
from zhifa.intake.models import Complaint
from zhifa.intake.stats import Stats, complaint_stats
from zhifa.lib.money import fen_to_yuan
from zhifa.portal.models import Disclosure
from zhifa.portal.selectors import MonthRate, disclosure_rate_of

FIRST_YEAR = 2000


def bar_class(value: int, biggest: int) -> str:
    """A CSS class for a bar of `value` out of `biggest`, in steps of 5 % (zf-bar-0 … zf-bar-100; no inline style)."""
    if not biggest or value <= 0:
        return "zf-bar-0"
    step = max(1, round(value * 20 / biggest))
    return f"zf-bar-{step * 5}"


@dataclass(frozen=True)
class CategoryRow:
    label: str
    filed: int
    penalties: int
    fines_fen: int
    bar: str = "zf-bar-0"

    @property
    def fines_yuan(self) -> str:
        return fen_to_yuan(self.fines_fen or 0)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    bar: str = "zf-bar-0"


@dataclass(frozen=True)
class Figures:
    bureau: Bureau
    year: int
    complete: bool  # the year is over
    cases_filed: int
    by_category: list[CategoryRow]
    by_outcome: list[CountRow]
    penalty_decisions: int
    fines_fen: int
    on_the_spot: int
    hearings_requested: int
    hearings_held: int
    reconsiderations: int
    lawsuits: int
    overturned: int
    complaints: Stats
    disclosures_published: int
    disclosure: MonthRate
    complaint_bars: list[CountRow] = field(default_factory=list)

    @property
    def fines_yuan(self) -> str:
        return fen_to_yuan(self.fines_fen or 0)


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _published_between(bureau: Bureau, start: dt.date, end: dt.date) -> Q:
    return Q(bureau=bureau, published_at__gte=_aware(start), published_at__lt=_aware(end + dt.timedelta(days=1)))


def years_with_data(bureau: Bureau, *, today: dt.date | None = None) -> list[int]:
    """The years from the bureau's first record to its last (cases, decisions, complaints, disclosures), newest first.

    Found with min/max on indexed dates rather than a scan of every row, so that a bureau with a million
    decisions answers at once; a year in between without records shows zeros.
    """
    today = today or timezone.localdate()
    found: list[int] = []
    for queryset, name in (
        (Case.objects.filter(bureau=bureau, filed_on__isnull=False), "filed_on"),
        (Decision.objects.filter(case__bureau=bureau), "decided_on"),
        (Complaint.objects.filter(bureau=bureau), "received_at"),
        (Disclosure.objects.filter(bureau=bureau, published_at__isnull=False), "published_at"),
    ):
        bounds = queryset.aggregate(first=Min(name), last=Max(name))
        for value in bounds.values():
            if value is not None:
                found.append(timezone.localtime(value).year if isinstance(value, dt.datetime) else value.year)
    if not found:
        return []
    first, last = max(min(found), FIRST_YEAR), min(max(found), today.year)
    return list(range(last, first - 1, -1))


def year_figures(bureau: Bureau, year: int, *, today: dt.date | None = None) -> Figures:
    today = today or timezone.localdate()
    start, end = _year_range(year)
    filed = (Case.objects.filter(bureau=bureau, filed_on__gte=start, filed_on__lte=end)
             .values("matter__category").annotate(n=Count("id")))
    filed_by = {row["matter__category"]: row["n"] for row in filed}
    decisions = Decision.objects.filter(case__bureau=bureau, decided_on__gte=start, decided_on__lte=end)
    penalties = decisions.filter(kind=Decision.Kind.PENALTY)
    penalty_by = {row["case__matter__category"]: (row["n"], row["fines"] or 0)
                  for row in penalties.values("case__matter__category").annotate(n=Count("id"), fines=Sum("fine_fen"))}
    labels = dict(Category.choices)
    categories = [c for c in Category.values if c in filed_by or c in penalty_by]
    categories += sorted(c for c in {*filed_by, *penalty_by} if c not in labels)
    biggest = max([*filed_by.values(), 0])
    by_category = [CategoryRow(label=labels.get(c, c), filed=filed_by.get(c, 0), penalties=penalty_by.get(c, (0, 0))[0],
                               fines_fen=penalty_by.get(c, (0, 0))[1], bar=bar_class(filed_by.get(c, 0), biggest))
                   for c in categories]
    kinds = {row["kind"]: row["n"] for row in decisions.values("kind").annotate(n=Count("id"))}
    biggest = max([*kinds.values(), 0])
    by_outcome = [CountRow(label, kinds.get(code, 0), bar_class(kinds.get(code, 0), biggest))
                  for code, label in Decision.Kind.choices]
    totals = penalties.aggregate(n=Count("id"), fines=Sum("fine_fen"),
                                 spot=Count("id", filter=Q(case__procedure=Case.Procedure.SIMPLE)))
    hearings = Hearing.objects.filter(case__bureau=bureau)
    remedies = Remedy.objects.filter(case__bureau=bureau, filed_on__gte=start, filed_on__lte=end).aggregate(
        reconsiderations=Count("id", filter=Q(kind=Remedy.Kind.RECONSIDERATION)),
        lawsuits=Count("id", filter=Q(kind=Remedy.Kind.LITIGATION)),
        overturned=Count("id", filter=Q(outcome__in=Remedy.OVERTURNING)),
    )
    complaints = complaint_stats(bureau=bureau, start=start, end=end)
    biggest = max([r.received for r in complaints.by_category] + [0])
    complaint_bars = [CountRow(r.label, r.received, bar_class(r.received, biggest)) for r in complaints.by_category]
    return Figures(
        bureau=bureau, year=year, complete=year < today.year,
        cases_filed=sum(filed_by.values()), by_category=by_category, by_outcome=by_outcome,
        penalty_decisions=totals["n"] or 0, fines_fen=totals["fines"] or 0, on_the_spot=totals["spot"] or 0,
        hearings_requested=hearings.filter(requested_on__gte=start, requested_on__lte=end).count(),
        hearings_held=hearings.filter(outcome=Hearing.Outcome.HELD, scheduled_on__gte=start,
                                      scheduled_on__lte=end).count(),
        reconsiderations=remedies["reconsiderations"], lawsuits=remedies["lawsuits"],
        overturned=remedies["overturned"], complaints=complaints,
        disclosures_published=Disclosure.objects.filter(_published_between(bureau, start, end)).count(),
        disclosure=disclosure_rate_of(
            Disclosure.objects.filter(bureau=bureau, decided_on__gte=start, decided_on__lte=end), str(year)),
        complaint_bars=complaint_bars,
    )
