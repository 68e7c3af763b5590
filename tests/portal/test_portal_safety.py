"""Certificate check, the search rate limit (429 in Chinese), CSP on portal pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

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
    for number, status in (("35010000001", "valid"), ("35010000002", "expired"), ("35010000003", "revoked"),
                           ("nope", "unknown")):
        body = client.get("/portal/certificates/", {"number": number}).content.decode()
        assert f'data-status="{status}"' in body


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
