"""A scan of every public page of a demo portal for personal identifiers (issue #8, "Safety": no personal data
in page source, feeds, sitemaps or search results).

The whole demo is loaded (bureau, officers, catalog, cases, complaints, petitions, disclosures); then an
anonymous client walks the portal from /portal/ by its links, adds the machine-readable indexes and a set of
searches, and checks each response's source twice:

1. against the secrets the demo actually stored: natural persons' full names, ID numbers and phones (clear
   and masked) of parties, officers and complainants, home addresses, and the identifiers written into the
   demo's internal case texts;
2. with the redactor itself: no ID number, phone, bank card, licence plate or e-mail may be found in a page,
   apart from the bureau's own office phone and officers' certificate numbers, which are published.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from zhifa.accounts.demo import demo_organisation_load
from zhifa.accounts.models import Bureau, Certificate, Officer
from zhifa.cases.demo import demo_cases_load
from zhifa.cases.models import Party
from zhifa.catalog.demo import demo_catalog_load
from zhifa.documents.demo import demo_document_settings_load
from zhifa.intake.demo import demo_intake_load
from zhifa.intake.models import Complaint
from zhifa.intake.ratelimit import RateLimit, Verdict
from zhifa.lib import crypto
from zhifa.lib.redaction import redact
from zhifa.portal.demo import demo_disclosures_load

pytestmark = pytest.mark.django_db

# Identifiers the demo writes into internal case texts (zhifa/portal/demo.py PII_FACTS).
DEMO_IDENTIFIERS = ("640104198503122314", "13995112345", "宁A·8K352", "13709518888", "6217002860001234565",
                    "0951-6012345", "宁B12345", "640121197805210047", "6228 4806 1234 5678 900",
                    "6401 0219 9207 0815 21")
PUBLIC_ROOTS = ("/portal/", "/verify/")
EXTRA_URLS = ("/robots.txt", "/portal/sitemap.xml", "/portal/feed.xml")
MAX_PAGES = 1500


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.hrefs.append(value)


def _links(base: str, body: str) -> list[str]:
    parser = _Links()
    parser.feed(body)
    found = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith(PUBLIC_ROOTS):
            found.append(path)
    return found


def _crawl(client: Client, searches: list[str]) -> dict[str, str]:
    """Every public page reachable from /portal/ by its links, the indexes and the searches: url -> source."""
    seen: dict[str, str] = {}
    queue = deque(["/portal/", *EXTRA_URLS, *searches])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code in (200, 404, 429), (url, response.status_code)
        content_type = response.get("Content-Type", "")
        body = response.content.decode() if "text" in content_type or "xml" in content_type else ""
        seen[url] = body
        if "html" in content_type:
            queue.extend(u for u in _links(url, body) if u not in seen)
        if "xml" in content_type:  # the sitemap and the feed name the pages they index
            queue.extend(u for u in _xml_locations(body) if u not in seen)
    return seen


def _xml_locations(body: str) -> list[str]:
    urls = re.findall(r"<loc>([^<]+)</loc>|<link[^>]*href=\"([^\"]+)\"", body)
    paths = []
    for loc, href in urls:
        parts = urlsplit(loc or href)
        if parts.path.startswith(PUBLIC_ROOTS):
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _demo_secrets(bureau: Bureau) -> set[str]:
    """What the demo stored that must never reach a public page."""
    secrets: set[str] = set(DEMO_IDENTIFIERS)
    for party in Party.objects.filter(case__bureau=bureau):
        if party.kind == "person":
            secrets.add(party.name)
            secrets.add(party.address)
        for sealed in (party.id_number_sealed, party.phone_sealed):
            if sealed:
                secrets.add(crypto.unseal(sealed))
        secrets.update({party.id_number_masked, party.phone_masked, party.representative})
    for officer in Officer.objects.filter(bureau=bureau):
        for sealed in (officer.id_number_sealed, officer.phone_sealed):
            if sealed:
                secrets.add(crypto.unseal(sealed))
        secrets.update({officer.id_number_masked, officer.phone_masked})
    for complaint in Complaint.objects.filter(bureau=bureau):
        for sealed in (complaint.reporter_name_sealed, complaint.reporter_phone_sealed,
                       complaint.reporter_email_sealed):
            if sealed:
                secrets.add(crypto.unseal(sealed))
    # A name the demo already wrote as surname + 某 is its own public form, not a secret; and the demo draws
    # parties' and officers' names from one pool, so a party may share an officer's name, which is public.
    officers = set(Officer.objects.filter(bureau=bureau).values_list("name", flat=True))
    return {s for s in secrets - officers if s and len(s) >= 2 and not re.fullmatch(r"\w{1,2}某+", s)}


@pytest.fixture
def demo_portal(settings, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    # The scan makes more searches than one visitor may in a minute.
    monkeypatch.setattr(RateLimit, "take", lambda self, request: Verdict(allowed=True))
    bureau, _ = demo_organisation_load()
    demo_catalog_load(bureau=bureau)
    demo_document_settings_load(bureau=bureau)
    demo_cases_load(bureau=bureau)
    demo_intake_load(bureau=bureau)
    demo_disclosures_load(bureau=bureau)
    return bureau


def test_no_personal_identifier_on_any_public_page(demo_portal) -> None:  # type: ignore[no-untyped-def]
    bureau = demo_portal
    secrets = _demo_secrets(bureau)
    surnames = {name[0] for name in Party.objects.filter(case__bureau=bureau, kind="person")
                .values_list("name", flat=True)}
    searches = [f"/portal/decisions/?q={s}" for s in (*sorted(surnames), "某", "公司", "罚款")]
    searches += [f"/portal/officers/?q={s}" for s in ("王", "6401")]
    pages = _crawl(Client(), searches)

    assert len(pages) >= 40, "the crawl should reach the decisions, the catalog and the before pages"
    assert any(url.startswith("/portal/decisions/") and url.rstrip("/").split("/")[-1].isdigit()
               for url in pages), "no decision page was reached"
    # Public by design: the bureau's office phone, and certificate numbers (the demo's 64030000010-2023 has the
    # shape of a 15-digit ID number, and the redactor rightly treats that shape as one inside a narrative).
    allowed = {("phone", bureau.phone)} | {
        ("id_number", number) for number in Certificate.objects.filter(officer__bureau=bureau)
        .values_list("number", flat=True)}
    leaks = []
    for url, body in pages.items():
        leaks += [(url, secret) for secret in secrets if secret in body]
        for found in redact(body, find_names=False).redactions:
            value = body[found.start:found.end]
            if (found.kind, value) in allowed:
                continue
            context = body[max(0, found.start - 30):found.end + 30]
            leaks.append((url, f"{found.label}: {value} in …{context}…"))
    assert not leaks, leaks[:20]
