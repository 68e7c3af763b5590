"""The public portal: read-only pages, no login, cached for five minutes."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zhifa.accounts.models import Certificate
from zhifa.intake.ratelimit import RateLimit
from zhifa.portal import public_selectors as sel
from zhifa.portal.bureau import portal_bureau

SEARCH_LIMIT = RateLimit(scope="portal_search", limit=60, window=60)


@require_safe
@cache_control(public=True, max_age=300)
def home(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    return render(request, "portal/home.html", {"bureau": bureau, "recent_count": sel.recent_count(bureau)})


@require_safe
@cache_control(public=True, max_age=300)
def decision_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    if q and not SEARCH_LIMIT.take(request).allowed:
        response = render(request, "portal/too_many.html", {}, status=429)
        response["Retry-After"] = "60"
        return response
    category = request.GET.get("category", "").strip()[:20]
    cursor = sel.parse_cursor(request.GET.get("after", ""))
    rows = sel.page_after(sel.decisions(q, category), cursor)
    more = len(rows) > sel.PAGE_SIZE
    rows = rows[: sel.PAGE_SIZE]
    next_cursor = f"{rows[-1].published_at.isoformat()},{rows[-1].pk}" if more and rows else ""
    return render(request, "portal/decisions.html", {"rows": rows, "q": q, "category": category,
                                                     "next_cursor": next_cursor})


@require_safe
@cache_control(public=True, max_age=300)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = sel.decision(pk)
    if d is None:
        raise Http404("没有这条公示")
    return render(request, "portal/decision.html", {"d": d})


CERT_ANSWERS = {"valid": "有效", "expired": "已过期", "revoked": "已吊销", "suspended": "已暂扣", "unknown": "查无此证"}


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
    return render(request, "portal/certificates.html", {"number": number, "answer": answer,
                                                        "label": CERT_ANSWERS.get(answer, answer), "cert": cert})
