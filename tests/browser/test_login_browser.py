"""A real browser logs in and reaches the workbench; nothing on the page comes from outside."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_an_officer_logs_in_and_reaches_the_workbench(live_server, page, officer_a):
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) and not r.url.startswith("data:") else None)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "officer_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("h1").inner_text().startswith("工作台")
    assert page.get_by_text("我的待办").is_visible()
    assert outside == []
    assert errors == []  # no CSP violation, no missing asset


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_shows_how_many_tries_are_left(live_server, phone_page, officer_a):
    phone_page.goto(live_server.url + "/accounts/login/")
    phone_page.fill("input[name=username]", "officer_a")
    phone_page.fill("input[name=password]", "wrong-password")
    phone_page.click("button[type=submit]")
    assert phone_page.get_by_text("再错 4 次").is_visible()
