"""Certificate check, the search rate limit (429 in Chinese), CSP on portal pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import URLResolver, get_resolver

from tests.portal.conftest import make_disclosure
from zhifa.accounts.models import Certificate, Officer

pytestmark = pytest.mark.django_db


def _cert(org, number: str, **kw) -> Certificate:  # type: ignore[no-untyped-def]
    officer = Officer.objects.create(bureau=org.red, name=f"王{number[-2:]}")
    values = {"issuing_authority": "示范市人民政府", "scope": "红山区 综合行政执法",
              "valid_from": dt.date(2024, 1, 1), "valid_to": dt.date(2099, 1, 1)}
    values.update(kw)
    return Certificate.objects.create(officer=officer, number=number, **values)


def test_certificate_check(client, org):  # type: ignore[no-untyped-def]
    _cert(org, "35010000001")
    _cert(org, "35010000002", valid_to=dt.date(2024, 6, 1))
    _cert(org, "35010000003", status=Certificate.Status.REVOKED)
    for number, status, label in (("35010000001", "valid", "有效"), ("35010000002", "expired", "过期"),
                                  ("35010000003", "revoked", "吊销"), ("nope", "unknown", "查无此证")):
        body = client.get("/portal/certificates/", {"number": number}).content.decode()
        assert f'data-status="{status}">查询结果：<strong>{label}</strong>' in body


def test_search_rate_limit_429(client, org):  # type: ignore[no-untyped-def]
    cache.clear()
    for _ in range(60):
        assert client.get("/portal/decisions/", {"q": "商贸"}).status_code == 200
    r = client.get("/portal/decisions/", {"q": "商贸"})
    assert r.status_code == 429 and "请求过于频繁" in r.content.decode()
    cache.clear()


@pytest.mark.parametrize("url", ["/portal/", "/portal/decisions/", "/portal/certificates/"])
def test_pages_anonymous_with_csp(client, org, url):  # type: ignore[no-untyped-def]
    r = client.get(url)
    assert r.status_code == 200
    assert "Content-Security-Policy" in r
    assert "/admin" not in r.content.decode() and "login" not in r.content.decode()


# --- nothing of the staff site under the portal's URLs ----------------------------------------------------
PUBLIC_VIEW_MODULES = {"zhifa.portal.views_public", "zhifa.portal.views_before", "zhifa.portal.views_info",
                       "zhifa.intake.views_public"}


def _routes(patterns, prefix: str = ""):  # type: ignore[no-untyped-def]
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route, pattern.callback


def test_every_portal_route_is_a_public_view() -> None:
    """Every URL under /portal/ (and /robots.txt) is served by one of the public view modules, which read only
    public records: no staff view can be mounted there by accident."""
    portal = [(route, view) for route, view in _routes(get_resolver().url_patterns)
              if route.startswith("portal/") or route == "robots.txt"]
    assert len(portal) >= 18
    strays = [(route, view.__module__) for route, view in portal if view.__module__ not in PUBLIC_VIEW_MODULES]
    assert not strays, strays


def test_public_view_modules_import_no_staff_code() -> None:
    """The portal's views import no login-protected views, forms that write, or case records."""
    import importlib
    import inspect

    for name in PUBLIC_VIEW_MODULES - {"zhifa.intake.views_public"}:
        source = inspect.getsource(importlib.import_module(name))
        for forbidden in ("login_required", "zhifa.cases.models", "views_staff", "require_POST"):
            assert forbidden not in source, (name, forbidden)


@pytest.mark.parametrize("url", ["/portal/", "/portal/decisions/", "/portal/about/", "/portal/matters/",
                                 "/portal/procedures/", "/portal/figures/", "/portal/sitemap.xml",
                                 "/portal/feed.xml"])
def test_portal_refuses_writes(client, org, url):  # type: ignore[no-untyped-def]
    for method in (client.post, client.put, client.delete):
        assert method(url).status_code == 405


def test_home_counts_what_is_published_now(client, published_disclosures) -> None:  # type: ignore[no-untyped-def]
    """The home page's figure is the list's count: published rows only (not pending, withdrawn or excluded),
    and a new publication shows at once (the cached count is keyed by the list's version)."""
    cache.clear()
    assert "现公示 6 件" in client.get("/portal/").content.decode()
    make_disclosure(published_disclosures[0].bureau, 10)
    assert "现公示 7 件" in client.get("/portal/").content.decode()


@pytest.mark.parametrize("url", [
    "/portal/decisions/?q=%00", "/portal/decisions/?category=%00", "/portal/decisions/?from=%00",
    "/portal/decisions/?after=%00", "/portal/officers/?q=%00", "/portal/matters/?q=a%00b&category=%00",
    "/portal/discretion/?q=%00", "/portal/exemptions/?category=%00", "/portal/inspections/?category=%00",
    "/portal/certificates/?number=%00", "/portal/feed.xml?bureau=%00", "/portal/?bureau=%00",
    "/portal/complaints/track/?number=%00&code=%00",
])
def test_a_nul_byte_in_the_query_is_a_clear_answer_not_a_crash(client, published_disclosures, url):  # type: ignore[no-untyped-def]
    """PostgreSQL refuses NUL characters in text; a typed or forged one must never reach it as a 500."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 400 and "空字符" in response.content.decode()
