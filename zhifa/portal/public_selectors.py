"""Read-only queries of the public portal: only `Disclosure.objects.public()` and its allow-list fields.

The decision list (/portal/decisions/) must stay fast with millions of published rows, at any depth:

- order: `published_at DESC, id DESC`, the partial index `disclosure_public_list` (state = 'published');
  filtered by category, `disclosure_public_category` (category, published_at, id, decided_on);
- next / previous: keyset (`?after=` / `?before=` a row's (published_at, id)) — constant cost;
- a numbered page (`?page=N`): the 20 ids of the page are read by a subquery that PostgreSQL answers from the
  partial index alone (an index-only scan skipping (N-1)·20 entries — no row is fetched for the skipped
  ones), then only those 20 rows are fetched. Page 5,000 of 1,000,000 rows skips 100,000 index entries;
- the number of pages needs a count of every matching row: on 1,000,000 rows that is a scan of the whole
  index (~100 ms here) on every request. We keep it in Django's cache for five minutes, keyed by the
  filters AND the list's version (the newest publication, withdrawal and take-down, `list_version`): a new
  publication changes the key, so the count is never stale; between publications every request of the same
  filter reuses it. An estimate (pg_class.reltuples) was the other choice, but it is wrong for filtered
  lists and makes the "last page" link land on an empty or a wrong page;
- search (`q`): each term is `search_text LIKE '%term%'` (zhifa.lib.search), ANDed; on PostgreSQL a trigram
  GIN index on the published rows answers terms of three characters or more.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zhifa.catalog.models import Category
from zhifa.lib.search import search_terms
from zhifa.portal.models import Disclosure

PUBLIC_FIELDS = (
    "id", "kind", "document_number", "title", "party_kind", "party_name", "credit_code",
    "matter_name", "matter_category", "legal_basis", "penalty", "fine_fen", "facts_public",
    "verify_code", "decided_on", "published_at", "state", "withdrawal_reason", "withdrawn_at", "version",
)
LIST_FIELDS = ("id", "document_number", "title", "party_name", "matter_name", "matter_category",
               "penalty", "decided_on", "published_at")
PAGE_SIZE = 20
COUNT_SECONDS = 300  # the count of a filter is kept five minutes (and dropped when the list changes)
CATEGORIES = [value for value, _label in Category.choices]
YEARS = (2000, 2100)  # dates outside are refused (typing mistakes, and no decision is that old or new)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    category: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def key(self) -> str:
        raw = f"{self.q}\x1f{self.category}\x1f{self.date_from}\x1f{self.date_to}"
        return hashlib.sha256(raw.encode()).hexdigest()[:24]


def parse_filters(q: str, category: str, date_from: str, date_to: str) -> tuple[Filters, list[str]]:
    """The filters of a request and the messages (in Chinese) about the ones that were refused.

    A bad or reversed date is not applied (the list shows, with the message), never a server error."""
    errors: list[str] = []
    q = q.strip()[:100]
    category = category.strip()
    if category and category not in CATEGORIES:
        errors.append("事项类别不存在，已忽略。")
        category = ""
    start = _date(date_from, "起始日期", errors)
    end = _date(date_to, "截止日期", errors)
    if start and end and start > end:
        errors.append("起始日期晚于截止日期，日期条件未使用。")
        start = end = None
    return Filters(q=q, category=category, date_from=start, date_to=end), errors


def _date(value: str, label: str, errors: list[str]) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        errors.append(f"{label}“{value[:20]}”不是有效日期（格式：2025-06-30），未使用。")
        return None
    if not YEARS[0] <= day.year <= YEARS[1]:
        errors.append(f"{label}的年份须在 {YEARS[0]} 至 {YEARS[1]} 年之间，未使用。")
        return None
    return day


def decisions(q: str = "", category: str = "", filters: Filters | None = None) -> QuerySet[Disclosure]:
    """Published decisions matching the filters, newest publication first."""
    f = filters or Filters(q=q, category=category)
    qs = Disclosure.objects.public()
    for term in search_terms(f.q):
        qs = qs.filter(search_text__contains=term)
    if f.category:
        qs = qs.filter(matter_category=f.category)
    if f.date_from:
        qs = qs.filter(decided_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(decided_on__lte=f.date_to)
    return qs.order_by("-published_at", "-id").only(*LIST_FIELDS)


# --- keyset pages ------------------------------------------------------------------------------------------
def whole_number(text: str, max_digits: int) -> int | None:
    """ASCII digits only (str.isdigit also takes "²", which int() refuses), at most `max_digits`; else None."""
    text = text.strip()
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def parse_cursor(value: str) -> tuple[datetime, int] | None:
    stamp, _, pk = value.rpartition(",")
    try:
        when = parse_datetime(stamp.replace(" ", "+")) if stamp else None
    except ValueError:  # well-formed but impossible (month 13)
        when = None
    number = whole_number(pk, 18)
    # Years outside the list's range cannot be a row's cursor (and 0001 or 9999 with an offset overflows).
    if when is None or number is None or not YEARS[0] <= when.year <= YEARS[1]:
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when, number


def cursor_of(row: Disclosure) -> str:
    assert row.published_at is not None
    return f"{row.published_at.isoformat()},{row.pk}"


def _rows(ids: QuerySet[Disclosure, Any], *, reverse: bool = False) -> list[Any]:
    """The rows of a page from the subquery of their ids: PostgreSQL picks the page's ids from an index alone
    (an index-only scan of the partial list index, or of the category index when filtered by category), then
    fetches just those rows. Asking for whole rows directly lets the planner walk the plain `published_at`
    index and filter row by row — half a second for a date range far from the newest rows."""
    order = ("published_at", "id") if reverse else ("-published_at", "-id")
    return list(Disclosure.objects.filter(id__in=ids).order_by(*order).only(*LIST_FIELDS))


def _ids(qs: QuerySet[Disclosure], *, reverse: bool = False) -> QuerySet[Disclosure, Any]:
    return qs.order_by(*(("published_at", "id") if reverse else ("-published_at", "-id"))).values("id")


def page_after(qs: QuerySet[Disclosure], cursor: tuple[datetime, int] | None) -> list[Any]:
    """The page after `cursor` (older rows), with one row more when there is a next page."""
    if cursor:
        when, pk = cursor
        # The redundant `published_at <= when` is what PostgreSQL turns into an index range: with the OR alone
        # it reads the index from the top (60 ms at depth 100,000 instead of 1).
        qs = qs.filter(Q(published_at__lte=when), Q(published_at__lt=when) | Q(published_at=when, id__lt=pk))
    return _rows(_ids(qs)[: PAGE_SIZE + 1])


def page_before(qs: QuerySet[Disclosure], cursor: tuple[datetime, int]) -> tuple[list[Any], bool]:
    """The page before `cursor` (newer rows), in list order, and whether there are still newer rows."""
    when, pk = cursor
    newer = qs.filter(Q(published_at__gte=when), Q(published_at__gt=when) | Q(published_at=when, id__gt=pk))
    rows = _rows(_ids(newer, reverse=True)[: PAGE_SIZE + 1], reverse=True)
    more = len(rows) > PAGE_SIZE
    return rows[:PAGE_SIZE][::-1], more


# --- numbered pages ----------------------------------------------------------------------------------------
def page_number(qs: QuerySet[Disclosure], number: int) -> list[Any]:
    """Page `number` (from 1): the ids by an index-only subquery with OFFSET, then those rows only."""
    offset = (number - 1) * PAGE_SIZE
    return _rows(_ids(qs)[offset: offset + PAGE_SIZE])


def count(qs: QuerySet[Disclosure], filters: Filters, version: str) -> int:
    """The number of matching rows, cached five minutes by filters and list version (see the docstring)."""
    key = f"zhifa:portal:decisions:count:{filters.key()}:{version}"
    found = cache.get(key)
    if found is None:
        found = qs.order_by().count()
        cache.set(key, found, COUNT_SECONDS)
    return int(found)


def pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


# --- versions for HTTP caching -----------------------------------------------------------------------------
def list_version() -> tuple[datetime | None, str]:
    """(Last-Modified, version) of the public list, in one query of four index lookups.

    Last-Modified: the newest publication, withdrawal or take-down. A take-down is dated the day after its
    period ended (the job runs then; never later than today). The version adds the newest published row's
    id, so that a row published with an earlier date (an import) still changes it."""
    S = Disclosure.State

    def newest(state: str, field: str) -> Subquery:
        rows = Disclosure.objects.filter(state=state, **{f"{field}__isnull": False})
        return Subquery(rows.order_by(f"-{field}").values(field)[:1])

    found = list(Disclosure.objects.order_by().annotate(
        p=newest(S.PUBLISHED, "published_at"), i=newest(S.PUBLISHED, "id"),
        w=newest(S.WITHDRAWN, "withdrawn_at"), t=newest(S.TAKEN_DOWN, "take_down_on"),
    ).values("p", "i", "w", "t")[:1])  # one row of the table carries the four answers (none: empty table)
    head: dict[str, Any] = found[0] if found else {}
    stamps = [s for s in (head.get("p"), head.get("w")) if s is not None]
    taken = head.get("t")
    if taken is not None:  # never in the future: a row taken down before its date counts from today
        day = min(taken + timedelta(days=1), timezone.localdate())
        stamps.append(timezone.make_aware(dt.datetime.combine(day, dt.time())))
    last_modified = max(stamps) if stamps else None
    return last_modified, f"{last_modified.isoformat() if last_modified else '-'}|{head.get('i')}"


def list_last_modified() -> datetime | None:
    return list_version()[0]


def decision(pk: int) -> Disclosure | None:
    states = [Disclosure.State.PUBLISHED, Disclosure.State.WITHDRAWN]
    return Disclosure.objects.filter(pk=pk, state__in=states, published_at__isnull=False).only(*PUBLIC_FIELDS).first()


def published_total() -> int:
    """Decisions on the portal now (the home page's one figure): the list's own cached count."""
    _last_modified, version = list_version()
    return count(decisions(), Filters(), f"{version}|{timezone.localdate()}")
