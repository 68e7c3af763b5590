"""The calendar screens: everyone reads, only administrators import and change settings."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import logged_in
from tests.workdays.conftest import schedule_csv
from zhifa.workdays.models import DeadlineRuleSetting, WorkCalendarDay, WorkCalendarYear
from zhifa.workdays.rules import DEADLINE_RULES

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "2027.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def assert_csp_clean(html: str) -> None:
    """The strict CSP forbids inline scripts and style attributes."""
    assert " style=" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/calendar/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_officer_sees_the_year_page_with_rest_days_shifted_days_and_holiday_names(client, officer_a):
    response = logged_in(client, officer_a).get("/calendar/2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<td class="border zf-shift" title="2024-09-29 国庆节调休上班">29</td>' in html
    assert '<td class="border zf-rest" title="2024-10-01 国庆节">1</td>' in html
    assert html.count("<caption") == 12
    assert "/calendar/import/" not in html  # no import link for a non-administrator
    assert_csp_clean(html)


def test_the_calendar_index_shows_the_covered_years(client, officer_a):
    html = logged_in(client, officer_a).get("/calendar/").content.decode()
    assert 'href="/calendar/2004/"' in html and 'href="/calendar/2026/"' in html


def test_an_uncovered_year_says_so(client, officer_a):
    response = logged_in(client, officer_a).get("/calendar/2027/")
    assert response.status_code == 200 and "工作日历未覆盖 2027 年" in response.content.decode()


def test_a_non_administrator_gets_403_on_import(client, officer_a):
    logged_in(client, officer_a)
    assert client.get("/calendar/import/").status_code == 403
    assert client.post("/calendar/import/", {"file": upload(schedule_csv())}).status_code == 403
    assert not WorkCalendarYear.objects.filter(year=2027).exists()


def test_import_with_a_bad_row_shows_row_column_and_message_and_writes_nothing(client, admin):
    logged_in(client, admin)
    bad = "日期,类型,名称\n2027-01-01,放假,元旦\n2027-01-02,加班,元旦\n".encode()
    response = client.post("/calendar/import/", {"file": upload(bad)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "第 3 行" in html and "类型" in html and "“加班”无法识别" in html
    assert 'name="confirm"' not in html
    assert not WorkCalendarYear.objects.filter(year=2027).exists()


def test_import_dry_run_then_confirm_covers_2027(client, admin, audit_calls):
    logged_in(client, admin)
    assert client.get("/calendar/import/").status_code == 200
    response = client.post(
        "/calendar/import/", {"file": upload(schedule_csv()), "source": "国办发明电〔2026〕X号"}
    )
    html = response.content.decode()
    assert "检查通过" in html and not WorkCalendarYear.objects.filter(year=2027).exists()
    assert_csp_clean(html)
    token = response.context["token"]
    response = client.post("/calendar/import/", {"confirm": token})
    assert response.status_code == 302 and response["Location"] == "/calendar/2027/"
    assert WorkCalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕X号"
    assert WorkCalendarDay.objects.filter(year=2027).count() == 365
    assert [call["action"] for call in audit_calls] == ["calendar.import"]
    # The pending import is used once: confirming again does nothing.
    client.post("/calendar/import/", {"confirm": token})
    assert WorkCalendarYear.objects.get(year=2027).version == 1


def test_the_rules_page_lists_every_rule_with_its_citation(client, officer_a):
    response = logged_in(client, officer_a).get("/calendar/rules/")
    html = response.content.decode()
    assert response.status_code == 200
    for name, rule in DEADLINE_RULES.items():
        assert f"<code>{name}</code>" in html and rule.citation in html
    assert 'name="amount"' not in html  # only administrators get the change forms
    assert_csp_clean(html)


def test_a_non_administrator_cannot_change_a_rule(client, officer_a):
    response = logged_in(client, officer_a).post("/calendar/rules/", {"rule": "decision", "amount": "60"})
    assert response.status_code == 403
    assert not DeadlineRuleSetting.objects.exists()


def test_an_administrator_changes_a_configurable_amount_and_it_is_audited(client, admin, org, audit_calls):
    logged_in(client, admin)
    response = client.post("/calendar/rules/", {"rule": "decision", "amount": "60", "note": "省规定"})
    assert response.status_code == 302
    setting = DeadlineRuleSetting.objects.get()
    assert (setting.bureau, setting.amount, setting.changed_by, setting.note) == (
        org.red,
        60,
        admin,
        "省规定",
    )
    assert [call["action"] for call in audit_calls] == ["deadline_rule.change"]
    html = client.get("/calendar/rules/").content.decode()
    assert 'value="60"' in html and "省规定" in html


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"rule": "decision", "amount": "0"}, "1"),
        ({"rule": "decision", "amount": "99999"}, "1 至 730"),
        ({"rule": "decision", "amount": "abc"}, "整数"),
        ({"rule": "payment", "amount": "30"}, "选择一个有效的选项"),
    ],
)
def test_invalid_amounts_and_statutory_rules_are_refused_with_a_message(client, admin, posted, message):
    response = logged_in(client, admin).post("/calendar/rules/", posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DeadlineRuleSetting.objects.exists()
