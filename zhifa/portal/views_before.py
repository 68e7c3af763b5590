"""事前公开: the portal pages that say, before any enforcement, who enforces what, on which basis and how.

Anonymous, GET/HEAD only, cached for five minutes like every portal page. The queries live in
zhifa.portal.public_before; these views read the request, pick the bureau and render.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zhifa.accounts.models import Bureau
from zhifa.portal import public_before as sel
from zhifa.portal.bureau import portal_bureau


def _text(request: HttpRequest, name: str, limit: int = 100) -> str:
    return request.GET.get(name, "").strip()[:limit]


def _querystring(request: HttpRequest) -> str:
    """The current filters without the page number, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _context(request: HttpRequest, bureau: Bureau, **values: object) -> dict[str, object]:
    """What every page's template gets: the bureau, and ?bureau= to carry into its forms and links."""
    return {"bureau": bureau, "bureau_param": _text(request, "bureau", 40), **values}


@require_safe
@cache_control(public=True, max_age=300)
def about(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    return render(request, "portal/before/about.html", _context(request, bureau, about=sel.about(bureau)))


@require_safe
@cache_control(public=True, max_age=300)
def officers(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    q = _text(request, "q", 40)
    groups = sel.officers(bureau, q)
    return render(request, "portal/before/officers.html", _context(
        request, bureau, q=q, groups=groups, total=sum(len(g.officers) for g in groups)))


@require_safe
@cache_control(public=True, max_age=300)
def matters(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    q = _text(request, "q")
    category = sel.clean_category(_text(request, "category", 20))
    rows = sel.matter_list(bureau, query=q, category=category)
    page = Paginator(rows, sel.MATTERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/before/matters.html", _context(
        request, bureau, q=q, category=category, categories=sel.category_choices(), page=page,
        querystring=_querystring(request)))


@require_safe
@cache_control(public=True, max_age=300)
def matter(request: HttpRequest, pk: int) -> HttpResponse:
    found = sel.matter_page(pk)
    if found is None:
        raise Http404("没有这个执法事项，或该事项已不在本局执法事项清单内")
    return render(request, "portal/before/matter.html", {"m": found, "matter": found.matter,
                                                         "bureau": found.matter.bureau})


@require_safe
@cache_control(public=True, max_age=300)
def discretion(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    q = _text(request, "q")
    category = sel.clean_category(_text(request, "category", 20))
    return render(request, "portal/before/discretion.html", _context(
        request, bureau, q=q, category=category, categories=sel.category_choices(),
        groups=sel.discretion(bureau, category=category, query=q)))


@require_safe
@cache_control(public=True, max_age=300)
def exemptions(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    category = sel.clean_category(_text(request, "category", 20))
    return render(request, "portal/before/exemptions.html", _context(
        request, bureau, category=category, categories=sel.category_choices(),
        groups=sel.exemptions(bureau, category=category)))


@require_safe
@cache_control(public=True, max_age=300)
def inspections(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    category = _text(request, "category", 20)
    return render(request, "portal/before/inspections.html", _context(
        request, bureau, category=category, items=sel.inspections(bureau, category=category),
        categories=sel.inspection_categories(bureau)))
