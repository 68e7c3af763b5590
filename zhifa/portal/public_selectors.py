"""Read-only queries of the public portal: only `Disclosure.objects.public()` and its allow-list fields."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zhifa.accounts.models import Bureau
from zhifa.portal.models import Disclosure

PUBLIC_FIELDS = (
    "id", "kind", "document_number", "title", "party_kind", "party_name", "credit_code",
    "matter_name", "matter_category", "legal_basis", "penalty", "fine_fen", "facts_public",
    "verify_code", "decided_on", "published_at", "state", "withdrawal_reason", "withdrawn_at",
)
LIST_FIELDS = ("id", "document_number", "title", "party_name", "matter_name", "matter_category",
               "penalty", "decided_on", "published_at")
PAGE_SIZE = 20


def decisions(q: str = "", category: str = "") -> QuerySet[Disclosure]:
    qs = Disclosure.objects.public()
    if q:
        qs = qs.filter(Q(party_name__icontains=q) | Q(matter_name__icontains=q) | Q(title__icontains=q))
    if category:
        qs = qs.filter(matter_category=category)
    return qs.order_by("-published_at", "-id").only(*LIST_FIELDS)


def parse_cursor(value: str) -> tuple[datetime, int] | None:
    stamp, _, pk = value.rpartition(",")
    when = parse_datetime(stamp.replace(" ", "+")) if stamp else None
    if when is None or not pk.isdigit():
        return None
    return when, int(pk)


def page_after(qs: QuerySet[Disclosure], cursor: tuple[datetime, int] | None) -> list[Any]:
    if cursor:
        when, pk = cursor
        qs = qs.filter(Q(published_at__lt=when) | Q(published_at=when, id__lt=pk))
    return list(qs[: PAGE_SIZE + 1])


def decision(pk: int) -> Disclosure | None:
    states = [Disclosure.State.PUBLISHED, Disclosure.State.WITHDRAWN]
    return Disclosure.objects.filter(pk=pk, state__in=states, published_at__isnull=False).only(*PUBLIC_FIELDS).first()


def recent_count(bureau: Bureau, days: int = 30) -> int:
    """Decisions the bureau published in the last `days` days (the home page's one figure)."""
    since = timezone.now() - timedelta(days=days)
    return Disclosure.objects.public().filter(bureau=bureau, published_at__gte=since).count()
