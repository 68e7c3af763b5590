"""A real browser follows a job: the bar moves without a page reload while the job runs, the result links
appear when it is done, nothing breaks the Content-Security-Policy; without JavaScript the page refreshes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.jobs import handlers  # noqa: F401  (registers the test job kinds)
from tests.jobs.conftest import enqueue
from zhifa.jobs.models import Job
from zhifa.jobs.services import job_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(tab: Page, base: str, username: str) -> None:
    tab.goto(base + "/accounts/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(base + "/")


def running_job(officer, org) -> Job:
    job = enqueue(officer, org.red, total=3)
    job_claim(worker="w1")
    Job.objects.filter(pk=job.pk).update(done=1, message="正在生成第 2 份")
    return job


def test_the_job_page_follows_the_job_without_reloading(live_server, page, org, officer_a):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    job = running_job(officer_a, org)
    log_in(page, live_server.url, "officer_a")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    box = page.locator("[data-test=job-progress]")
    expect(box.locator("[data-test=job-count]")).to_have_text("1 / 3")
    page.evaluate("window.zhifaSamePage = true")

    Job.objects.filter(pk=job.pk).update(done=2, message="正在生成第 3 份")
    expect(box.locator("[data-test=job-count]")).to_have_text("2 / 3", timeout=6000)
    expect(box.locator("[data-test=job-message]")).to_have_text("正在生成第 3 份")
    assert box.locator("progress").evaluate("bar => [bar.value, bar.max]") == [2, 3]

    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=3, message="已完成", result={
        "links": [{"label": "下载卷宗（PDF）", "url": "/documents/files/1/"}]})
    expect(box.locator("[data-test=job-state]")).to_have_text("已完成", timeout=6000)
    expect(box.get_by_role("link", name="下载卷宗（PDF）")).to_have_attribute("href", "/documents/files/1/")
    assert page.evaluate("window.zhifaSamePage") is True  # updated in place, not reloaded
    assert errors == []  # no CSP violation, no failed request


def test_without_javascript_the_page_refreshes_itself(live_server, browser, org, officer_a):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    try:
        tab = context.new_page()
        job = running_job(officer_a, org)
        log_in(tab, live_server.url, "officer_a")
        tab.goto(f"{live_server.url}/jobs/{job.pk}/")
        expect(tab.locator("[data-test=job-count]")).to_have_text("1 / 3")
        Job.objects.filter(pk=job.pk).update(done=2)
        expect(tab.locator("[data-test=job-count]")).to_have_text("2 / 3", timeout=8000)
    finally:
        context.close()
