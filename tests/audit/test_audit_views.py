"""/audit/: only the security auditor reads the log, only their bureau's rows and the unscoped ones."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.audit.conftest import record, record_at, tamper
from tests.conftest import logged_in
from zhifa.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get("/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["officer_a", "admin", "supervisor", "bureau_leader"])
def test_only_the_audit_admin_may_open_the_log(client, request, persona):
    user = request.getfixturevalue(persona)
    assert logged_in(client, user).get("/audit/").status_code == 403
    assert client.post("/audit/verify/").status_code == 403


def test_the_audit_admin_sees_own_bureau_and_unscoped_events_only(client, auditor, org):
    mine = record("test.mine", bureau=org.red, object_repr="红山的记录")
    unscoped = record("login.failed", object_repr="no-such-user")
    record("test.theirs", bureau=org.blue, object_repr="蓝河的记录")
    response = logged_in(client, auditor).get("/audit/")
    assert response.status_code == 200
    shown = {event.pk for event in response.context["events"]}
    assert {mine.pk, unscoped.pk} <= shown
    assert not AuditEvent.objects.filter(pk__in=shown, bureau_id=org.blue.pk).exists()
    html = response.content.decode()
    assert "红山的记录" in html and "no-such-user" in html and "蓝河的记录" not in html


def test_times_are_shown_in_beijing_time(client, auditor, org):
    record_at(dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC), "test.time", bureau=org.red)
    html = logged_in(client, auditor).get("/audit/?action=test.time").content.decode()
    assert "2026-03-02 00:30:00" in html


def test_before_and_after_are_in_a_details_element(client, auditor, org):
    record("officer.update", bureau=org.red, before={"职务": "队员"}, after={"职务": "队长"})
    html = logged_in(client, auditor).get("/audit/?action=officer.update").content.decode()
    assert "<details>" in html and "队员" in html and "队长" in html


def test_the_page_has_no_inline_script_or_style(client, auditor, org):
    record("test.x", bureau=org.red, after={"a": "<script>alert(1)</script>"})
    html = logged_in(client, auditor).get("/audit/").content.decode()
    assert "style=" not in html
    assert "<script>alert" not in html  # escaped
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_filters_narrow_the_list(client, auditor, org):
    record("officer.create", bureau=org.red, object_type="accounts.officer", object_repr="甲")
    record("login.success", bureau=org.red, actor=auditor)
    c = logged_in(client, auditor)
    actions = {e.action for e in c.get("/audit/?action=officer").context["events"]}
    assert actions == {"officer.create"}
    by_type = c.get("/audit/?object_type=accounts.officer").context["events"]
    assert {e.object_repr for e in by_type} == {"甲"}
    by_actor = c.get("/audit/?actor=auditor").context["events"]
    assert by_actor and all("auditor" in e.actor_name for e in by_actor)


def test_date_filters_use_local_calendar_days(client, auditor, org):
    inside = record_at(
        dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC), "test.day", bureau=org.red
    )  # 3-2 local
    record_at(dt.datetime(2026, 3, 1, 15, 30, tzinfo=dt.UTC), "test.day", bureau=org.red)  # 3-1 23:30 local
    events = (
        logged_in(client, auditor).get("/audit/?date_from=2026-03-02&date_to=2026-03-02").context["events"]
    )
    assert [e.pk for e in events] == [inside.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_from=2026-13-45", "开始日期格式不正确"),
        ("date_to=yesterday", "结束日期格式不正确"),
        ("date_from=2026-03-05&date_to=2026-03-01", "结束日期不能早于开始日期"),
        ("date_from=1900-01-01", "日期应在"),
        ("before=99999999999999999999999", "确保该值小于或等于"),
        ("before=abc", "输入整数"),
    ],
)
def test_bad_filters_show_a_clear_error_not_a_500(client, auditor, query, message):
    response = logged_in(client, auditor).get(f"/audit/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["events"] == []


def test_pages_go_back_by_id_without_counting_the_table(client, auditor, org, monkeypatch):
    monkeypatch.setattr("zhifa.audit.views.PAGE_SIZE", 5)
    ids = [record("test.page", bureau=org.red).pk for _ in range(12)]
    c = logged_in(client, auditor)
    first = c.get("/audit/?action=test.page")
    assert [e.pk for e in first.context["events"]] == ids[::-1][:5]
    older = first.context["older_url"]
    assert older == f"/audit/?action=test.page&before={ids[7]}"
    second = c.get(older)
    assert [e.pk for e in second.context["events"]] == ids[::-1][5:10]
    assert second.context["newest_url"] == "/audit/?action=test.page"
    last = c.get(second.context["older_url"])
    assert [e.pk for e in last.context["events"]] == ids[1::-1] and last.context["older_url"] == ""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        c.get(older)
    audit_queries = [q["sql"] for q in queries.captured_queries if "audit_auditevent" in q["sql"]]
    assert len(audit_queries) == 1 and "COUNT(" not in audit_queries[0].upper()


def test_the_audit_admin_runs_the_verification(client, auditor, org):
    record("test.x", bureau=org.red)
    c = logged_in(client, auditor)
    assert c.get("/audit/verify/").status_code == 200
    response = c.post("/audit/verify/")
    assert response.status_code == 200 and "哈希链完整" in response.content.decode()
    check = AuditEvent.objects.get(action="audit.verify")
    assert check.actor_id == auditor.pk and check.after["ok"] is True


def test_the_verification_page_shows_the_first_broken_row(client, auditor, org):
    event = record("test.x", bureau=org.red)
    record("test.y", bureau=org.red)
    tamper("UPDATE audit_auditevent SET object_repr = '改' WHERE id = %s", [event.pk])
    html = logged_in(client, auditor).post("/audit/verify/").content.decode()
    assert "校验失败" in html and f"id={event.pk}" in html
