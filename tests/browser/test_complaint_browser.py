"""A real browser on a phone: a member of the public, without an account, reports street vending with a photo
and the phone's location, writes down the number and the code; the bureau dispatches and replies; later, on
another phone, the reporter enters the number and the code, reads the reply and rates it. Nothing breaks the
Content-Security-Policy (a violation is a console error) and every page fits the phone's width."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from tests.browser.test_simple_browser import fits_the_screen
from tests.intake.conftest import categories  # noqa: F401  (fixture: see tests/intake)
from zhifa.intake import services
from zhifa.intake.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def console_errors(tab: Page) -> list[str]:
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def test_the_public_reports_a_problem_and_reads_and_rates_the_reply_on_a_phone(
    live_server, browser, phone_page: Page, org, categories, team_leader_a, officer_a, settings, tmp_path  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    base = live_server.url
    phone = phone_page
    errors = console_errors(phone)
    phone.context.grant_permissions(["geolocation"], origin=base)
    phone.context.set_geolocation({"latitude": 38.487193, "longitude": 106.230909, "accuracy": 20})

    # Two bureaus in this deployment: the visitor picks the red one.
    phone.goto(f"{base}/portal/complaints/new/")
    phone.get_by_role("link", name="红山区综合行政执法局").click()
    form = phone.locator("[data-test=complaint-form]")
    expect(form).to_be_visible()
    assert fits_the_screen(phone)

    # A first try without the description and the consent: told at the fields, the rest kept.
    form.locator("#id_category").select_option(label="占道经营")
    form.locator("#id_place").fill("幸福路12号门前")
    form.locator("[data-test=complaint-submit]").click()
    expect(phone.locator("[data-test=error-description]")).to_contain_text("请填写诉求内容")
    expect(phone.locator("[data-test=error-consent]")).to_contain_text("请勾选同意")
    expect(phone.locator("#id_place")).to_have_value("幸福路12号门前")
    assert Complaint.objects.count() == 0

    form = phone.locator("[data-test=complaint-form]")
    form.get_by_role("button", name="使用我的位置").click()  # static JS: navigator.geolocation
    expect(form.locator("#id_latitude")).to_have_value("38.487193")
    expect(form.locator("#id_longitude")).to_have_value("106.230909")
    form.locator("#id_description").fill("每天傍晚有流动摊贩占用人行道卖水果，行人只能走机动车道。")
    form.locator("#id_photos").set_input_files([{"name": "现场.png", "mimeType": "image/png", "buffer": PNG}])
    form.locator("#id_reporter_name").fill("王小明")
    form.locator("#id_reporter_phone").fill("13912345678")
    form.locator("#id_consent").check()
    form.locator("[data-test=complaint-submit]").click()

    phone.wait_for_url(re.compile(r".*/portal/complaints/done/$"))
    number = phone.locator("[data-test=done-number]").inner_text().strip()
    code = phone.locator("[data-test=done-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)
    assert fits_the_screen(phone)
    complaint = Complaint.objects.get(number=number)
    assert complaint.channel == Complaint.Channel.PORTAL and complaint.attachments.count() == 1
    assert str(complaint.latitude) == "38.487193"
    phone.reload()  # the code is shown once
    expect(phone.locator("[data-test=done-gone]")).to_be_visible()
    assert code not in phone.content()

    # The bureau handles it.
    services.complaint_dispatch(complaint=complaint, actor=team_leader_a, department=org.team_a)
    services.complaint_start(complaint=complaint, actor=officer_a)
    services.complaint_reply(complaint=complaint, actor=officer_a,
                             reply="经现场核查，摊贩已劝离，我队将在傍晚时段加强巡查。")

    # Days later, on another phone, the reporter looks it up.
    later = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)
    try:
        tab = later.new_page()
        later_errors = console_errors(tab)
        tab.goto(f"{base}/portal/complaints/track/")
        tab.locator("#id_number").fill(number)
        tab.locator("#id_code").fill(code.lower())
        tab.locator("[data-test=track-submit]").click()
        tab.wait_for_url(re.compile(r".*/portal/complaints/track/status/$"))
        expect(tab.locator("[data-test=status-state]")).to_have_text("已答复")
        expect(tab.locator("[data-test=status-reply]")).to_contain_text("摊贩已劝离")
        expect(tab.locator("[data-test=status-history]")).to_contain_text("分派至第一中队")
        assert "13912345678" not in tab.content() and "王" not in tab.locator("[data-test=status]").inner_text()
        assert fits_the_screen(tab)

        tab.get_by_label("满意", exact=True).check()
        tab.locator("[data-test=rate-submit]").click()
        expect(tab.locator("[data-test=message]")).to_contain_text("感谢您的评价")
        expect(tab.locator("[data-test=status-rated]")).to_contain_text("满意")
        expect(tab.locator("[data-test=rate-form]")).to_have_count(0)
        assert not later_errors, later_errors
    finally:
        later.close()
    complaint.refresh_from_db()
    assert complaint.satisfaction == Complaint.Satisfaction.SATISFIED
    assert not errors, errors
