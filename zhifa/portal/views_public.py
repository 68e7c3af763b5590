"""The public portal: read-only pages, no login, cached for five minutes."""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zhifa.accounts.models import Certificate
from zhifa.intake.ratelimit import RateLimit
from zhifa.portal import public_selectors as sel
from zhifa.portal.bureau import portal_bureau

SEARCH_LIMIT_SCOPE = "portal_search"
SEARCH_WINDOW = 60


def search_limit() -> RateLimit:
    """Searches per client address and minute: ZHIFA_PORTAL_SEARCH_PER_MINUTE (60; the benchmark lifts it)."""
    return RateLimit(scope=SEARCH_LIMIT_SCOPE, limit=settings.ZHIFA_PORTAL_SEARCH_PER_MINUTE, window=SEARCH_WINDOW)


@require_safe
@cache_control(public=True, max_age=300)
def home(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    return render(request, "portal/home.html", {"bureau": bureau, "published_total": sel.published_total()})


def _page_param(value: str) -> int | None:
    """`?page=`: a positive whole number (at most seven digits), else None."""
    if not value.strip():
        return 1
    number = sel.whole_number(value, 7)
    return number if number is not None and number >= 1 else None


def _not_modified(request: HttpRequest, etag: str, last_modified: dt.datetime | None) -> HttpResponse | None:
    """304 when the client's copy is current (If-None-Match first, else If-Modified-Since)."""
    stamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=stamp)


def _validators(response: HttpResponse, etag: str, last_modified: dt.datetime | None) -> HttpResponse:
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def _list_etag(request: HttpRequest, version: str) -> str:
    """The list's validator: what the page shows depends on the query string and on the list's version
    (newest publication / withdrawal / take-down) — plus today's date, because a take-down is only known by its
    day, and the job that takes rows down may run later in the day."""
    raw = f"{request.GET.urlencode()}|{version}|{timezone.localdate()}"
    return quote_etag(hashlib.sha256(raw.encode()).hexdigest()[:32])


@require_safe
@cache_control(public=True, max_age=300)
def decision_list(request: HttpRequest) -> HttpResponse:
    filters, errors = sel.parse_filters(request.GET.get("q", ""), request.GET.get("category", ""),
                                        request.GET.get("from", ""), request.GET.get("to", ""))
    if filters.q and not search_limit().take(request).allowed:
        response = render(request, "portal/too_many.html", {}, status=429)
        response["Retry-After"] = str(SEARCH_WINDOW)
        return response
    last_modified, version = sel.list_version()
    etag = _list_etag(request, version)
    not_modified = _not_modified(request, etag, last_modified)
    if not_modified is not None:
        return not_modified

    qs = sel.decisions(filters=filters)
    total = sel.count(qs, filters, f"{version}|{timezone.localdate()}")
    last_page = sel.pages(total)
    after = sel.parse_cursor(request.GET.get("after", ""))
    before = sel.parse_cursor(request.GET.get("before", ""))
    number = _page_param(request.GET.get("page", ""))
    if number is None:
        errors.append("页码应为正整数，已显示第 1 页。")
        number = 1
    status = 200
    if after or before:
        # Next / previous by keyset: `page` only labels where the reader is; the rows come from the cursor.
        number = min(number, last_page)
        if before:
            rows, has_prev = sel.page_before(qs, before)
            has_next = True
            if not has_prev:
                number = 1
        else:
            rows = sel.page_after(qs, after)
            has_next = len(rows) > sel.PAGE_SIZE
            rows = rows[: sel.PAGE_SIZE]
            has_prev = True
    elif number > last_page:
        # Consistently a 404 (in Chinese) that offers the last page, never a silently different page.
        rows, has_prev, has_next, status = [], False, False, 404
    else:
        rows = sel.page_number(qs, number)
        has_prev, has_next = number > 1, number < last_page
    base = {k: v for k, v in (("q", filters.q), ("category", filters.category),
                              ("from", filters.date_from.isoformat() if filters.date_from else ""),
                              ("to", filters.date_to.isoformat() if filters.date_to else "")) if v}
    query = urlencode(base)

    def link(**extra: object) -> str:
        return "?" + urlencode({**base, **{k: v for k, v in extra.items()}})

    context = {
        "rows": rows, "filters": filters, "errors": errors, "total": total, "page": number,
        "last_page": last_page, "past_end": status == 404, "query": query,
        "categories": sel.CATEGORIES, "filtered": bool(base),
        "first_url": link() if query else "?",
        "last_url": link(page=last_page),
        "prev_url": link(before=sel.cursor_of(rows[0]), page=number - 1) if has_prev and rows else "",
        "next_url": link(after=sel.cursor_of(rows[-1]), page=number + 1) if has_next and rows else "",
        "numbers": [(n, link(page=n)) for n in range(max(1, number - 2), min(last_page, number + 2) + 1)],
        "years": sel.YEARS,
    }
    response = render(request, "portal/decisions.html", context, status=status)
    return _validators(response, etag, last_modified) if status == 200 else response


@require_safe
@cache_control(public=True, max_age=300)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = sel.decision(pk)
    if d is None:
        raise Http404("没有这条公示")
    last_modified = max(s for s in (d.published_at, d.withdrawn_at) if s is not None)
    etag = quote_etag(f"d{d.pk}v{d.version}s{d.state}")
    not_modified = _not_modified(request, etag, last_modified)
    if not_modified is not None:
        return not_modified
    return _validators(render(request, "portal/decision.html", {"d": d}), etag, last_modified)


NO_SUCH_CERTIFICATE = "查无此证"


@require_safe
@cache_control(public=True, max_age=300)
def certificates(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip()[:40]
    answer = ""
    cert = None
    if number:
        cert = Certificate.objects.filter(number=number).only("number", "scope", "status", "valid_from",
                                                              "valid_to").first()
        answer = "unknown" if cert is None else cert.effective_status()
    # The status in the certificate's own words, as on the officers page.
    label = NO_SUCH_CERTIFICATE if cert is None else cert.get_effective_status_display()
    return render(request, "portal/certificates.html", {"number": number, "answer": answer,
                                                        "label": label if number else "", "cert": cert})
