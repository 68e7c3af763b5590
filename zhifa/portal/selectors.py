"""行政执法公示, staff side: the queue by tab, one disclosure with its marked redactions, the disclosure rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zhifa.accounts.models import User
from zhifa.lib.redaction import Redacted
from zhifa.portal.models import Disclosure

S = Disclosure.State
TABS = (
    ("due", "待公示"),
    ("overdue", "已超期"),
    ("published", "已公示"),
    ("withdrawal", "待撤回"),
    ("excluded", "不予公示"),
    ("closed", "已撤回或撤下"),
)


def disclosures_for(user: User) -> QuerySet[Disclosure]:
    return Disclosure.objects.for_user(user).select_related("case")


def disclosure_queue(*, user: User, tab: str, today: dt.date | None = None) -> QuerySet[Disclosure]:
    today = today or timezone.localdate()
    rows = disclosures_for(user)
    if tab == "overdue":
        return rows.filter(state=S.PENDING, due_on__lt=today).order_by("due_on", "id")
    if tab == "published":
        return rows.filter(state=S.PUBLISHED).order_by("-published_at", "-id")
    if tab == "withdrawal":
        return rows.filter(state__in=(S.PUBLISHED, S.PENDING), withdraw_due__isnull=False).order_by("withdraw_due")
    if tab == "excluded":
        return rows.filter(state=S.EXCLUDED).order_by("-decided_on", "-id")
    if tab == "closed":
        return rows.filter(state__in=(S.WITHDRAWN, S.TAKEN_DOWN)).order_by("-decided_on", "-id")
    return rows.filter(state=S.PENDING, due_on__gte=today).order_by("due_on", "id")


def queue_counts(*, user: User, today: dt.date | None = None) -> dict[str, int]:
    return {code: disclosure_queue(user=user, tab=code, today=today).count() for code, _label in TABS}


def disclosure_get(*, user: User, pk: int) -> Disclosure:
    """Raises Disclosure.DoesNotExist outside the user's scope (the view answers 404)."""
    return disclosures_for(user).get(pk=pk)


def marked_html(text: str, redacted: Redacted) -> SafeString:
    """The internal text, escaped, with each redacted span wrapped in <mark> naming what it was."""
    parts: list[str] = []
    at = 0
    for item in sorted(redacted.redactions, key=lambda r: r.start):
        if item.start < at:
            continue
        label = item.label
        parts.append(escape(text[at:item.start]))
        parts.append(f'<mark class="redaction redaction-{escape(item.kind)}" title="{escape(label)}">'
                     f"{escape(text[item.start:item.end])}<span class=\"redaction-label\">"
                     f"［{escape(label)}］</span></mark>")
        at = item.end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


@dataclass(frozen=True)
class MonthRate:
    month: str  # "2025-10"
    required: int  # decisions of the month that must be published (excluded ones not counted)
    on_time: int  # of those, published on or before their due day
    late: int  # published after the due day
    unpublished: int

    @property
    def rate(self) -> float | None:
        return None if not self.required else self.on_time / self.required

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


def disclosure_rate_of(rows: QuerySet[Disclosure], label: str) -> MonthRate:
    """公示率 of the decisions in `rows`: published on time ÷ decisions that must be published.

    The one definition (the staff screen by month, the portal's year figures): every disclosure that is not
    EXCLUDED must be published; it counts as on time when it was published (even if later withdrawn or taken
    down) on or before its due day, in local time (`__date` converts to the current time zone).
    """
    counts = rows.exclude(state=S.EXCLUDED).aggregate(
        required=Count("id"),
        on_time=Count("id", filter=Q(published_at__isnull=False, published_at__date__lte=F("due_on"))),
        late=Count("id", filter=Q(published_at__isnull=False, published_at__date__gt=F("due_on"))),
        unpublished=Count("id", filter=Q(published_at__isnull=True)))
    return MonthRate(month=label, **counts)


def disclosure_rate(*, user: User, months: int = 12, today: dt.date | None = None) -> list[MonthRate]:
    """公示率 by month of decision, newest month first (one small query a month on the (bureau, decided_on) index)."""
    today = today or timezone.localdate()
    starts = [dt.date(today.year, today.month, 1)]
    for _ in range(months - 1):
        previous = starts[-1] - dt.timedelta(days=1)
        starts.append(dt.date(previous.year, previous.month, 1))
    ends = [today, *(start - dt.timedelta(days=1) for start in starts[:-1])]
    rows = disclosures_for(user)
    return [disclosure_rate_of(rows.filter(decided_on__gte=start, decided_on__lte=end), f"{start:%Y-%m}")
            for start, end in zip(starts, ends, strict=True)]


def public_narrative_of(disclosure: Disclosure) -> str:
    from zhifa.portal.services import public_narrative

    return public_narrative(disclosure.case) if disclosure.case is not None else ""
