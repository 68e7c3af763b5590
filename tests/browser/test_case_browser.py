"""A real browser carries a case from lead to decision: the officer registers a lead and requests filing, the
leader (with the second factor) approves, the officer records an inquiry, uploads a photo and submits the
report, the team leader and the leader approve, the notice is served (its period already over), the decision.
"""

from __future__ import annotations

import re
import struct
import zlib

import pyotp
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.cases.conftest import _calendar_beyond_the_package, world  # noqa: F401  (fixtures: see tests/cases)
from tests.conftest import PASSWORD
from zhifa.accounts import services as accounts
from zhifa.cases.models import Case

pytestmark = pytest.mark.browser
CASE_URL = re.compile(r".*/cases/\d+/(#\w+)?$")


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80\x80" * 2)) + \
        chunk(b"IEND", b"")


@pytest.fixture(autouse=True)
def _evidence_store_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"


def log_in(page: Page, base: str, username: str, totp_secret: str | None = None) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if totp_secret:
        page.wait_for_url(re.compile(r".*/accounts/2fa/$"))
        page.fill("input[name=code]", pyotp.TOTP(totp_secret).now())
        page.get_by_role("button", name="验证").click()  # not the navbar's 退出, also a submit button
    page.wait_for_url(base + "/")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(re.compile(r".*/accounts/login/$"))


def open_panel(page: Page, step: str) -> None:
    """Expand a step's panel and wait until Bootstrap's collapse transition has ended (class `show`): a click
    on a button that is still sliding open can be lost."""
    page.locator(f"[data-test=panel-{step}] .accordion-button").click()
    expect(page.locator(f"#step-body-{step}")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.locator(f"[data-test=submit-{step}]")).to_be_visible()


def submit_panel(page: Page, step: str) -> None:
    with page.expect_navigation():
        page.locator(f"[data-test=submit-{step}]").click()
    expect(page.locator(".alert-success")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_from_lead_to_decision_in_the_browser(live_server, page, world):  # noqa: F811
    base = live_server.url
    secret = pyotp.random_base32()
    accounts.totp_secret_set(user=world.leader, secret=secret)
    accounts.totp_confirm(user=world.leader)
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations of data-confirm forms
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    today = timezone.localdate()

    # The officer registers a lead and requests filing.
    log_in(page, base, "a1")
    page.get_by_role("link", name="案源").first.click()
    page.locator("[data-test=lead-new]").click()
    page.select_option("#id_source", "patrol")
    page.fill("#id_place", "示范路与建设街交叉口")
    page.fill("#id_facts", "巡查发现当事人在人行道上摆摊经营水果")
    page.get_by_role("button", name="登记").click()
    page.wait_for_url(re.compile(r".*/cases/leads/\d+/$"))
    form = page.locator("[data-test=filing-form]")
    form.locator("#id_filing-matter").select_option(str(world.matter.pk))
    form.locator("#id_filing-title").fill("张三占道经营案")
    form.locator("#id_filing-facts").fill("在人行道上摆摊经营水果约4平方米")
    form.locator("#id_filing-violation_on").fill(today.isoformat())
    form.locator(f"input[name=filing-co_officers][value='{world.a2.officer.pk}']").check()
    form.locator("#id_party1-name").fill("张三")
    form.locator("#id_party1-id_number").fill("11010519491231002X")
    form.locator("#id_party1-address").fill("示范区幸福小区3号楼")
    form.locator("#id_party1-phone").fill("13909511234")
    form.get_by_role("button", name="报请立案").click()
    page.wait_for_url(CASE_URL)
    expect(page.locator("h1 [data-test=state]")).to_have_text("立案审批中")
    case = Case.objects.get()
    log_out(page)

    # The leader sees it waiting on the workbench and approves it.
    log_in(page, base, "boss", totp_secret=secret)
    page.locator("[data-test=approval] a").first.click()
    page.wait_for_url(CASE_URL)
    open_panel(page, "filing")
    submit_panel(page, "filing")
    expect(page.locator("h1 [data-test=state]")).to_have_text("调查取证")
    log_out(page)

    # The officer records an inquiry, uploads a photo, writes the report and submits it.
    log_in(page, base, "a1")
    page.goto(f"{base}/cases/{case.pk}/")
    open_panel(page, "record")
    page.fill("#id_record-place", "执法队询问室")
    page.fill("#id_record-subject", "张三")
    page.fill("#id_record-content", "问：你在人行道上摆摊多久了？\n答：大约一个月。")
    submit_panel(page, "record")
    open_panel(page, "evidence")
    page.fill("#id_evidence-title", "现场照片（占道情况）")
    page.set_input_files("#id_evidence-file", files=[{"name": "现场.png", "mimeType": "image/png",
                                                       "buffer": png_bytes()}])
    submit_panel(page, "evidence")
    expect(page.locator("[data-test=evidence]")).to_contain_text("现场照片（占道情况）")
    open_panel(page, "report")
    page.fill("#id_report-facts_found", "当事人在人行道上摆摊经营，占道约4平方米")
    page.select_option("#id_report-level", "general")
    page.fill("#id_report-fine_yuan", "300")
    submit_panel(page, "report")
    expect(page.locator("[data-test=recommendation]")).to_contain_text("罚款 100 元至 500 元")
    open_panel(page, "submit_report")
    submit_panel(page, "submit_report")
    expect(page.locator("h1 [data-test=state]")).to_have_text("审核审批中")
    log_out(page)

    # The team leader, then the leader, approve the proposal.
    log_in(page, base, "tl")
    page.locator("[data-test=approval] a").first.click()
    open_panel(page, "review")
    submit_panel(page, "review")
    log_out(page)
    log_in(page, base, "boss", totp_secret=secret)
    page.locator("[data-test=approval] a").first.click()
    open_panel(page, "review")
    submit_panel(page, "review")
    expect(page.locator("h1 [data-test=state]")).to_have_text("待事先告知")
    log_out(page)

    # The notice is served today (a notice can never predate the filing); the party waives its statement in
    # writing, so the officer may decide without waiting for the period to run out.
    log_in(page, base, "a1")
    expect(page.locator("[data-test=task]").first).to_contain_text("送达行政处罚事先告知书")
    page.locator("[data-test=task] a").first.click()
    page.wait_for_url(CASE_URL)
    open_panel(page, "notice")
    page.fill("#id_notice-served_on", today.isoformat())
    submit_panel(page, "notice")
    open_panel(page, "waive")
    submit_panel(page, "waive")
    open_panel(page, "decide")
    expect(page.locator("#id_decide-fine_yuan")).to_have_value("300")
    submit_panel(page, "decide")
    expect(page.locator("h1 [data-test=state]")).to_have_text("已作出处罚决定")
    expect(page.locator("[data-test=timeline]")).to_contain_text("作出行政处罚决定（罚款300元）")
    assert errors == []  # no CSP violation, no missing asset
    case.refresh_from_db()
    assert case.state == Case.State.DECIDED and case.decision.fine_fen == 300_00
