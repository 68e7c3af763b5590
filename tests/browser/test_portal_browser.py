"""A real browser on a phone: a citizen opens the public portal, searches the published decisions by the
company's name, opens the decision and checks it on the document verification page. The internal facts of the
case hold an ID number, a phone, a bank card and a plate; none of them reaches the page. Nothing breaks the
Content-Security-Policy (a violation is a console error) and every page fits the phone's width."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.test_complaint_browser import console_errors
from tests.browser.test_simple_browser import fits_the_screen
from tests.cases.conftest import _calendar_beyond_the_package, world  # noqa: F401 (fixtures)
from tests.documents.test_documents import add_evidence
from tests.portal.conftest import make_disclosure
from zhifa.accounts.demo import demo_organisation_load
from zhifa.cases import services as case_services
from zhifa.cases.models import Case
from zhifa.catalog.demo import demo_catalog_load
from zhifa.catalog.models import EnforcementMatter
from zhifa.documents import services as documents
from zhifa.documents.models import DocumentSettings
from zhifa.intake.demo import demo_intake_load
from zhifa.portal import services as disclosure
from zhifa.portal.models import Disclosure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRETS = ("640104198503122314", "13995112345", "6217002860001234565", "宁A·8K352", "李秀英")
FACTS = (f"当事人于幸福路12号门前占道堆放建材，现场负责人（身份证号{SECRETS[0]}，电话{SECRETS[1]}）称系临时存放；"
         f"运输车辆{SECRETS[3]}，证人{SECRETS[4]}证实；当事人以银行卡{SECRETS[2]}缴纳罚款。")


def _company_penalised_yesterday(w) -> Case:  # type: ignore[no-untyped-def]
    on = timezone.localdate() - dt.timedelta(days=1)
    lead = w.lead(discovered_on=on - dt.timedelta(days=30))
    case = w.notified(served_on=on - dt.timedelta(days=20), lead=lead, organisation=True)
    Case.objects.filter(pk=case.pk).update(facts=FACTS)
    case.refresh_from_db()
    return case_services.case_transition(case=case, action="decide", actor=w.a1, on=on)


def test_a_citizen_finds_a_decision_and_verifies_it_on_a_phone(
    live_server, phone_page: Page, world, settings, tmp_path  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    DocumentSettings.objects.create(bureau=world.org.red, reconsideration_body="示范区人民政府",
                                    litigation_court="示范区人民法院", payment_account="示范银行示范区支行")
    case = _company_penalised_yesterday(world)
    add_evidence(case, world.a1)  # art. 59 wants the evidence named before a decision is issued
    draft = documents.document_draft(kind_code="penalty_decision", actor=world.a1, case=case)
    issued = documents.document_issue(document=draft, actor=world.a1)
    pending = Disclosure.objects.get(case=case)
    published = disclosure.disclosure_publish(disclosure=pending, actor=world.reviewer)
    assert published.verify_code == issued.verify_code and published.document_number == issued.number
    company = "示范区某某商贸有限公司"  # the party of tests/cases/conftest's organisation case

    phone = phone_page
    errors = console_errors(phone)
    base = live_server.url
    phone.goto(f"{base}/portal/")
    assert fits_the_screen(phone)
    phone.get_by_role("navigation", name="门户导航").get_by_role("link", name="决定公示").click()
    phone.wait_for_url(re.compile(r".*/portal/decisions/$"))

    search = phone.get_by_role("search")
    search.locator("input[name=q]").fill("某某商贸")
    search.locator("button").first.click()
    results = phone.locator("[data-test=decision]")
    expect(results).to_have_count(1)
    assert fits_the_screen(phone)
    results.first.get_by_role("link").click()

    phone.wait_for_url(re.compile(rf".*/portal/decisions/{published.pk}/$"))
    expect(phone.locator("h1")).to_be_visible()
    expect(phone.locator("main")).to_contain_text(issued.number)
    expect(phone.locator("main")).to_contain_text(company)
    source = phone.content()
    assert not [s for s in SECRETS if s in source], "an identifier from the internal facts reached the page"
    assert fits_the_screen(phone)

    phone.get_by_role("link", name=re.compile("核验")).click()
    expect(phone.locator("[data-test=verify-result]")).to_have_attribute("data-status", "genuine")
    expect(phone.locator("[data-test=verify-number]")).to_have_text(issued.number)
    assert not errors, errors


def test_every_portal_page_fits_a_phone_and_keeps_the_csp(live_server, phone_page: Page, settings,
                                                          tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each page the portal's navigation and home page link to, one matter and one decision: in Chinese, one h1,
    no sideways scrolling on a 390-pixel phone, no console error (a CSP violation is one)."""
    settings.MEDIA_ROOT = tmp_path
    bureau, _ = demo_organisation_load()
    demo_catalog_load(bureau=bureau)
    demo_intake_load(bureau=bureau)  # the complaint categories: the form answers 404 without any
    make_disclosure(bureau, 1)
    phone = phone_page
    errors = console_errors(phone)
    base = live_server.url
    phone.goto(f"{base}/portal/")
    links = phone.locator("main a, header nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    pages = sorted({href for href in links if href.startswith("/portal/")})
    assert len(pages) >= 14, pages
    pages += [f"/portal/matters/{EnforcementMatter.objects.filter(bureau=bureau).first().pk}/",  # type: ignore[union-attr]
              f"/portal/decisions/{Disclosure.objects.get().pk}/"]
    for path in pages:
        response = phone.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert phone.locator("html").get_attribute("lang") == "zh-CN", path
        expect(phone.locator("h1")).to_have_count(1)
        assert fits_the_screen(phone), path
    assert not errors, errors
