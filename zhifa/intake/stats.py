"""Complaint statistics of a bureau over a period (统计), for the statistics page and its CSV.

Definitions (docs/intake.md):
- received: complaints received in the period (merged ones count: each is a reporter served);
- handled rate: replied or closed among received;
- on-time rate: replied on or before the reply deadline (replied_at ≤ reply_due) among those replied;
- satisfaction rate: satisfied + basically satisfied among those rated.
Each figure is given for the whole period, by category, by department (or township) and by month.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from zhifa.accounts.models import Bureau
from zhifa.intake.models import Complaint

S = Complaint.State
SAT = Complaint.Satisfaction


def _rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    label: str
    received: int
    handled: int
    replied: int
    on_time: int
    rated: int
    satisfied: int  # satisfied + basically satisfied

    @property
    def handled_rate(self) -> Decimal | None:
        return _rate(self.handled, self.received)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _rate(self.on_time, self.replied)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return _rate(self.satisfied, self.rated)


@dataclass(frozen=True)
class Stats:
    bureau: Bureau
    start: dt.date
    end: dt.date
    total: Row
    by_category: list[Row] = field(default_factory=list)
    by_department: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)


_AGGREGATES = {
    "received": Count("id"),
    "handled": Count("id", filter=Q(state__in=(S.REPLIED, S.CLOSED))),
    "replied": Count("id", filter=Q(replied_at__isnull=False)),
    "on_time": Count("id", filter=Q(replied_at__isnull=False, replied_at__lte=F("reply_due"))),
    "rated": Count("id", filter=~Q(satisfaction="")),
    "satisfied": Count("id", filter=Q(satisfaction__in=(SAT.SATISFIED, SAT.BASIC))),
}


def _row(label: str, values: dict[str, Any]) -> Row:
    return Row(label=label, **{name: values[name] or 0 for name in _AGGREGATES})


def period_complaints(*, bureau: Bureau, start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    """Complaints of `bureau` received from `start` to `end` (both local days included)."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return Complaint.objects.filter(bureau=bureau, received_at__gte=first, received_at__lt=after)


def complaint_stats(*, bureau: Bureau, start: dt.date, end: dt.date) -> Stats:
    rows = period_complaints(bureau=bureau, start=start, end=end)
    total = _row("合计", rows.aggregate(**_AGGREGATES))
    by_category = [
        _row(v["category__name"], v)
        for v in rows.values("category_id", "category__name").annotate(**_AGGREGATES).order_by("category__sort",
                                                                                                 "category_id")
    ]
    by_department = [
        _row(v["department__name"] or v["township__name"] or "未分派", v)
        for v in rows.values("department_id", "department__name", "township_id", "township__name")
        .annotate(**_AGGREGATES).order_by("department__name", "township__name")
    ]
    tz = timezone.get_current_timezone()
    by_month = [
        _row(timezone.localtime(v["month"]).strftime("%Y-%m") if isinstance(v["month"], dt.datetime)
             else v["month"].strftime("%Y-%m"), v)
        for v in rows.annotate(month=TruncMonth("received_at", tzinfo=tz)).values("month")
        .annotate(**_AGGREGATES).order_by("month")
    ]
    return Stats(bureau=bureau, start=start, end=end, total=total, by_category=by_category,
                 by_department=by_department, by_month=by_month)


def _pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value}"


def stats_csv(stats: Stats) -> str:
    """The statistics as CSV (UTF-8 with BOM added by the view so that Excel reads the Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["分组", "项目", "受理量", "办结量", "答复量", "按时答复量", "评价量", "满意量（含基本满意）",
                     "办结率%", "按时答复率%", "满意率%"])
    groups = [("合计", [stats.total]), ("类别", stats.by_category), ("承办单位", stats.by_department),
              ("月份", stats.by_month)]
    for group, rows in groups:
        for row in rows:
            writer.writerow([group, row.label, row.received, row.handled, row.replied, row.on_time, row.rated,
                             row.satisfied, _pct(row.handled_rate), _pct(row.on_time_rate),
                             _pct(row.satisfaction_rate)])
    return out.getvalue()


# --- server-side SVG bar charts (no JavaScript, no inline style) -------------------------------------
@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float
    text_x: float


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    width: int = 640
    label_width: int = 140
    bar_height: int = 18


def bar_chart(title: str, rows: list[Row], *, attr: str = "received") -> Chart:
    """Horizontal bars of `attr` per row; geometry computed here, drawn by the template with SVG attributes."""
    chart_width, label_width, step = 640, 140, 26
    room = chart_width - label_width - 60
    biggest = max((getattr(r, attr) for r in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        value = getattr(row, attr)
        width = round(room * value / biggest, 1)
        bars.append(Bar(label=row.label, value=value, y=index * step + 4, width=width,
                        text_x=label_width + width + 6))
    return Chart(title=title, bars=bars, height=max(len(rows), 1) * step + 8, width=chart_width,
                 label_width=label_width)
