"""Public portal: procedures with flow charts, remedies, the year's figures, sitemap.xml, feed.xml, robots.txt.

All GET/HEAD only, anonymous, cached five minutes by public caches. Nothing here reads a name: the figures
are aggregates, the sitemap lists URLs, the feed uses the Disclosure allow-list (title or document number,
matter, penalty; natural persons appear there only as surname + 某).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape as escape_html
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zhifa.accounts.models import Bureau
from zhifa.catalog.models import EnforcementMatter
from zhifa.catalog.selectors import matters_as_of
from zhifa.documents.models import DocumentSettings
from zhifa.portal import figures as fig
from zhifa.portal.bureau import portal_bureau, portal_bureaus
from zhifa.portal.flowchart import flowchart_svg
from zhifa.portal.models import Disclosure
from zhifa.portal.procedures import periods_for, procedures_for
from zhifa.portal.public_selectors import whole_number

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org); tests lower it
FEED_SIZE = 50
ITERATOR_CHUNK = 10_000
XML = "application/xml; charset=utf-8"
# The pages of each bureau (?bureau=<short name> for all but the first), then the pages common to all.
BUREAU_PAGES = ("portal:home", "portal:about", "portal:officers", "portal:matters", "portal:discretion",
                "portal:exemptions", "portal:inspections", "portal:procedures", "portal:remedies", "portal:figures")
COMMON_PAGES = ("portal:decisions", "portal:certificates")


@require_safe
@cache_control(public=True, max_age=300)
def procedures(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    items = []
    for number, procedure in enumerate(procedures_for(bureau), start=1):
        desc = "；".join(f"{i}. {s.label}" for i, s in enumerate(procedure.steps, start=1))
        items.append({"p": procedure, "svg": flowchart_svg(procedure.steps, chart_id=f"flow-{procedure.slug}",
                                                           title=f"{procedure.name}流程图", desc=desc),
                      "number": number})
    return render(request, "portal/info/procedures.html", {"bureau": bureau, "items": items})


@require_safe
@cache_control(public=True, max_age=300)
def remedies(request: HttpRequest) -> HttpResponse:
    bureau = portal_bureau(request)
    doc = DocumentSettings.objects.filter(bureau=bureau).only("reconsideration_body", "litigation_court").first()
    return render(request, "portal/info/remedies.html", {
        "bureau": bureau, "periods": periods_for(bureau),
        "reconsideration_body": doc.reconsideration_body if doc else "",
        "litigation_court": doc.litigation_court if doc else "",
    })


@require_safe
@cache_control(public=True, max_age=300)
def figures(request: HttpRequest, year: int | None = None) -> HttpResponse:
    bureau = portal_bureau(request)
    today = timezone.localdate()
    if year is not None and not fig.FIRST_YEAR <= year <= today.year:
        raise Http404(f"没有{year}年的数据：年度数据自{fig.FIRST_YEAR}年起至今年")
    years = fig.years_with_data(bureau, today=today)
    if year is None:
        year = today.year - 1 if today.year - 1 in years else today.year
    data = fig.year_figures(bureau, year, today=today)
    query = f"?{urlencode({'bureau': request.GET['bureau']})}" if request.GET.get("bureau") else ""
    return render(request, "portal/info/figures.html", {"bureau": bureau, "f": data, "years": years,
                                                        "query": query})


# --- sitemap.xml ----------------------------------------------------------------------------------------------
def _with_bureau(url: str, bureau: Bureau, first: bool) -> str:
    return url if first else f"{url}?{urlencode({'bureau': bureau.short_name})}"


def _lastmod(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # W3C datetime with the offset the database gave (no conversion: 50,000 a part)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _page_entries(request: HttpRequest) -> list[tuple[str, str | None]]:
    """Every public page but the decisions: small (pages × bureaus + matters in force), built in memory."""
    absolute = request.build_absolute_uri
    entries: list[tuple[str, str | None]] = []
    for index, bureau in enumerate(portal_bureaus()):
        first = index == 0
        entries.extend((absolute(_with_bureau(reverse(name), bureau, first)), None) for name in BUREAU_PAGES)
        entries.extend((absolute(_with_bureau(reverse("portal:figures_year", args=[year]), bureau, first)), None)
                       for year in fig.years_with_data(bureau))
    entries.extend((absolute(reverse(name)), None) for name in COMMON_PAGES)
    matters = (matters_as_of(EnforcementMatter.objects.all(), timezone.localdate()).order_by("id")
               .values_list("id", "updated_at"))
    entries.extend((absolute(reverse("portal:matter", args=[pk])), _lastmod(changed)) for pk, changed in matters)
    return entries


def _decision_entries(request: HttpRequest, low: int | None = None, high: int | None = None
                      ) -> Iterator[tuple[str, str | None]]:
    """Published decisions by id (optionally low < id ≤ high), streamed from the database in chunks."""
    rows = Disclosure.objects.public()
    if low is not None:
        rows = rows.filter(id__gt=low)
    if high is not None:
        rows = rows.filter(id__lte=high)
    prefix = request.build_absolute_uri(reverse("portal:decision", args=[0]))[: -len("0/")]
    for pk, published_at in rows.order_by("id").values_list("id", "published_at").iterator(chunk_size=ITERATOR_CHUNK):
        yield f"{prefix}{pk}/", _lastmod(published_at)


def _urlset(entries: Iterable[tuple[str, str | None]]) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for loc, lastmod in entries:
        stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        yield f"<url><loc>{escape(loc)}</loc>{stamp}</url>\n"
    yield "</urlset>\n"


def _sitemap_index(request: HttpRequest, parts: int) -> Iterator[str]:
    base = request.build_absolute_uri(reverse("portal:sitemap"))
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
    for page in range(1, parts + 1):
        yield f"<sitemap><loc>{escape(f'{base}?page={page}')}</loc></sitemap>\n"
    yield "</sitemapindex>\n"


def _xml(parts: Iterable[str], content_type: str) -> HttpResponse:
    return HttpResponse("".join(parts), content_type=content_type)


@require_safe
@cache_control(public=True, max_age=300)
def sitemap(request: HttpRequest) -> HttpResponse:
    """The public pages and every published decision; above SITEMAP_LIMIT URLs, an index of ?page= parts.

    Parts 1…P hold the pages (P = pages ÷ limit, rounded up); the parts after them hold the decisions with
    ids in consecutive blocks of SITEMAP_LIMIT ids, so that a part never holds more than the limit, the
    index needs only the largest id, and each part is one range scan of the primary key read in chunks — never
    a million rows in memory; one response holds at most SITEMAP_LIMIT URLs (about 5 MB). Withdrawn decisions stay reachable by their address but are not listed (as with search
    engines, a withdrawn decision should fade from the indexes); pending, excluded and taken-down ones 404.
    """
    limit = SITEMAP_LIMIT
    pages = _page_entries(request)
    published = Disclosure.objects.public()
    page = request.GET.get("page", "")
    if len(pages) + published.count() <= limit:
        if page not in ("", "1"):
            raise Http404("没有这一部分")
        return _xml(_urlset(_chain(pages, _decision_entries(request))), content_type=XML)
    page_parts = math.ceil(len(pages) / limit)
    biggest = published.aggregate(m=Max("id"))["m"] or 0
    decision_parts = math.ceil(biggest / limit)
    if not page:
        return _xml(_sitemap_index(request, page_parts + decision_parts), content_type=XML)
    number = whole_number(page, 7)
    if number is None or not 1 <= number <= page_parts + decision_parts:
        raise Http404("没有这一部分")
    if number <= page_parts:
        return _xml(_urlset(pages[(number - 1) * limit: number * limit]), content_type=XML)
    block = number - page_parts - 1
    return _xml(_urlset(_decision_entries(request, block * limit, (block + 1) * limit)),
                                 content_type=XML)


def _chain(first: list[tuple[str, str | None]], then: Iterator[tuple[str, str | None]]
           ) -> Iterator[tuple[str, str | None]]:
    yield from first
    yield from then


# --- feed.xml and robots.txt ----------------------------------------------------------------------------------
@require_safe
@cache_control(public=True, max_age=300)
def feed(request: HttpRequest) -> HttpResponse:
    """The 50 most recently published decisions (all bureaus, or the one named by ?bureau=), newest first.

    Only allow-list fields: the title (or the document number), the matter and the penalty; never the facts.
    """
    rows = Disclosure.objects.public()
    title = "行政处罚决定公示"
    if request.GET.get("bureau"):
        bureau = portal_bureau(request)
        rows = rows.filter(bureau=bureau)
        title = f"{bureau.name} · {title}"
    rows = rows.order_by("-published_at", "-id").only("id", "title", "document_number", "matter_name", "penalty",
                                                       "published_at")[:FEED_SIZE]
    home = request.build_absolute_uri(reverse("portal:decisions"))
    atom = Atom1Feed(title=title, link=home, description="本局依法公示的行政处罚决定（已去除个人信息）",
                     language="zh-CN", feed_url=request.build_absolute_uri(request.path))
    for row in rows:
        link = request.build_absolute_uri(reverse("portal:decision", args=[row.pk]))
        summary = "；".join(part for part in (row.matter_name, row.penalty) if part)
        # Atom1Feed marks the summary type="html": escape it so that readers show it as text.
        atom.add_item(title=row.title or row.document_number or f"公示 {row.pk}", link=link, unique_id=link,
                      description=escape_html(summary), pubdate=row.published_at, updateddate=row.published_at)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


@require_safe
@cache_control(public=True, max_age=3600)
def robots(request: HttpRequest) -> HttpResponse:
    """Search engines may read the portal and the document verification page; the staff site is not for them."""
    lines = [
        "User-agent: *",
        "Allow: /portal/",
        "Allow: /verify/",
        # A complaint's progress is for its reporter only (the tracking code is theirs), not for indexes.
        "Disallow: /portal/complaints/track/",
        "Disallow: /portal/complaints/done/",
        "Disallow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
