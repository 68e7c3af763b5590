"""A real browser: the officer opens 文书与电子卷宗 from the case page, drafts the penalty decision, issues it
(the number appears), the background worker makes its PDF, and the public verification page — reached by the
address under the QR code, on a phone — says the decision is genuine and in force."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_simple_browser import fits_the_screen, log_in
from tests.cases.conftest import _calendar_beyond_the_package, world  # noqa: F401  (fixtures: see tests/cases)
from tests.documents.conftest import decided_case
from zhifa.cases import services as case_services
from zhifa.documents.models import Document, DocumentSettings
from zhifa.jobs.services import jobs_run_pending
from zhifa.lib.evidence_store import evidence_store

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_an_officer_issues_a_decision_and_the_public_verifies_it(live_server, page: Page, phone_page: Page,
                                                                world, settings, tmp_path):  # noqa: F811
    import datetime as dt

    settings.MEDIA_ROOT = tmp_path
    DocumentSettings.objects.create(bureau=world.org.red, reconsideration_body="示范区人民政府",
                                    litigation_court="示范区人民法院", payment_account="示范银行示范区支行")
    case = decided_case(world)
    stored = evidence_store(stream=io.BytesIO(b"%PDF-1.4\nbrowser"), declared_name="a.pdf", max_bytes=1000,
                            allowed={"pdf"})
    case_services.evidence_add(case=case, stored=stored, kind="document", title="现场检查照片说明",
                               collected_at=dt.datetime.now(dt.UTC), how="现场拍摄", original_name="a.pdf",
                               actor=world.a1)
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    log_in(page, base, "a1")
    page.goto(f"{base}/cases/{case.pk}/")
    page.locator("[data-test=case-documents]").click()
    page.wait_for_url(re.compile(rf".*/documents/case/{case.pk}/$"))
    page.select_option("#zf-kind", "penalty_decision")  # the form submits itself on change
    page.wait_for_url(re.compile(r".*\?kind=penalty_decision$"))
    page.locator("[data-test=draft-submit]").click()
    expect(page.locator("[data-test=documents]")).to_contain_text("草稿")

    draft = Document.objects.get(case=case)
    page.once("dialog", lambda dialog: dialog.accept())  # 签发后不能再修改：确定签发？
    page.locator(f"[data-test=issue-{draft.pk}]").click()
    draft.refresh_from_db()
    expect(page.locator("[data-test=number]").first).to_have_text(draft.number)
    expect(page.locator("[data-test=documents]")).to_contain_text("PDF 生成中")

    assert jobs_run_pending() == 1  # the worker's turn
    page.reload()
    expect(page.locator("[data-test=documents]").get_by_role("link", name="PDF")).to_be_visible()
    assert not errors, errors

    draft.refresh_from_db()
    phone = phone_page
    phone.goto(f"{base}/verify/{draft.verify_code}/")
    result = phone.locator("[data-test=verify-result]")
    expect(result).to_have_attribute("data-status", "genuine")
    expect(phone.locator("[data-test=verify-number]")).to_have_text(draft.number)
    assert fits_the_screen(phone)
