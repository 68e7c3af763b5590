"""A real browser on a phone-sized screen: the officer opens 当场处罚 from the workbench, sees the limits, fines a
citizen 100 元 collected in cash (行政处罚法 art. 51, 52, 68), and lands on the case page with its number and decision.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.cases.conftest import _calendar_beyond_the_package, world  # noqa: F401  (fixtures: see tests/cases)
from tests.conftest import PASSWORD
from zhifa.cases.models import Case, Payment

pytestmark = pytest.mark.browser
CASE_URL = re.compile(r".*/cases/\d+/(#\w+)?$")


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.django_db(transaction=True)
def test_art51_art68_an_officer_fines_a_citizen_100_yuan_in_cash_on_a_phone(live_server, phone_page, world):  # noqa: F811
    page = phone_page
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    year = timezone.localdate().year

    log_in(page, base, "a1")
    page.locator("[data-test=simple-new]").first.click()
    page.wait_for_url(re.compile(r".*/cases/simple/new/$"))
    # The limits are on the screen before anything is typed; the form fits the phone's width.
    expect(page.locator("[data-test=simple-limits]")).to_contain_text("200 元以下")
    expect(page.locator("[data-test=simple-limits]")).to_contain_text("3000 元以下")
    expect(page.locator("[data-test=simple-self]")).to_contain_text("甲一")
    assert fits_the_screen(page)

    form = page.locator("[data-test=simple-form]")
    form.locator("#id_party-name").fill("张三")
    form.locator("#id_party-id_number").fill("11010519491231002X")
    form.locator("#id_party-address").fill("示范区幸福小区3号楼")
    form.locator("#id_matter").select_option(str(world.matter.pk))
    form.locator("#id_place").fill("示范路与建设街交叉口")
    form.locator("#id_facts").fill("在人行道上摆摊经营水果约2平方米，经劝阻未改正")
    form.locator("#id_fine_yuan").fill("100")
    form.locator(f"input[name=co_officers][value='{world.a2.officer.pk}']").check()
    form.locator("#id_cash").check()
    form.locator("#id_receipt_number").fill("宁财罚 No.0012345")
    with page.expect_navigation():
        page.locator("[data-test=simple-submit]").click()
    page.wait_for_url(CASE_URL)

    number = f"红综执当罚〔{year}〕第1号"
    expect(page.locator(".alert-success")).to_contain_text(number)
    expect(page.locator("[data-test=case-title]")).to_contain_text(number)
    expect(page.locator("h1 [data-test=state]")).to_have_text("已作出处罚决定")
    expect(page.locator("[data-test=decision]")).to_contain_text("罚款 100 元")
    expect(page.locator("[data-test=timeline]")).to_contain_text("当场作出行政处罚决定，报所属行政机关备案")
    assert errors == []  # no CSP violation, no missing asset
    case = Case.objects.get()
    assert case.number == number and case.procedure == Case.Procedure.SIMPLE
    assert Payment.objects.get(case=case).cash

    # The cash is waiting to be handed to the bureau (art. 71).
    page.goto(base + "/cases/simple/cash/")
    expect(page.locator("[data-test=cash-row]")).to_contain_text(number)
    assert fits_the_screen(page)
    with page.expect_navigation():
        page.locator("[data-test=cash-hand-over] button").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记交至本局")
    expect(page.locator("[data-test=cash-bank]")).to_be_visible()
