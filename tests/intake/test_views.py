"""The staff screens: the queue by deadline, the complaint page, every action by POST, errors on the same page
with nothing changed, 404 outside the scope, the statistics page and CSV, the petition screens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Org, logged_in
from tests.intake.conftest import Categories
from zhifa.audit.models import AuditEvent
from zhifa.cases.models import Lead
from zhifa.intake.models import Complaint, Petition
from zhifa.intake.petitions import petition_register
from zhifa.intake.services import complaint_dispatch, complaint_receive, complaint_reply, complaint_start

pytestmark = pytest.mark.django_db
S = Complaint.State
REPLY = "经现场核查，摊贩已劝离，今后加强巡查。"


def receive(org: Org, category, **extra) -> Complaint:  # type: ignore[no-untyped-def]
    values = {"place": "解放西街12号", "description": "门前流动摊贩占道经营，影响通行。", "channel": "phone",
              "reporter_name": "张三", "reporter_phone": "13912345678"}
    values.update(extra)
    return complaint_receive(bureau=org.red, category=category, **values).complaint


def act(client: Client, complaint: Complaint, action: str, **data: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("complaints:action", args=[complaint.pk, action]),
                       {f"{action}-{k}": v for k, v in data.items()})


def test_the_queue_puts_overdue_first_and_marks_it(client: Client, org: Org, categories: Categories, team_leader_a):
    late = receive(org, categories.urgent, received_at=timezone.now() - dt.timedelta(hours=3), place="北门夜市")
    fresh = receive(org, categories.ordinary, place="南门广场")
    complaint_dispatch(complaint=late, actor=team_leader_a, department=org.team_a)
    complaint_dispatch(complaint=fresh, actor=team_leader_a, department=org.team_a)
    response = logged_in(client, team_leader_a).get(reverse("complaints:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(late.number) < body.index(fresh.number)
    assert 'data-test="overdue"' in body and "已超期 1 件" in body
    filtered = client.get(reverse("complaints:list"), {"overdue": "on"}).content.decode()
    assert late.number in filtered and fresh.number not in filtered
    text = client.get(reverse("complaints:list"), {"q": "南门"}).content.decode()
    assert fresh.number in text and late.number not in text


def test_departments_see_what_was_dispatched_to_them(client: Client, org: Org, categories: Categories,
                                                     team_leader_a, officer_b):
    complaint = receive(org, categories.ordinary)
    complaint_dispatch(complaint=complaint, actor=team_leader_a, department=org.team_a)
    logged_in(client, officer_b)
    assert complaint.number not in client.get(reverse("complaints:list")).content.decode()
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404


def test_the_blue_bureau_gets_404(client: Client, org: Org, categories: Categories, blue_admin):
    complaint = receive(org, categories.ordinary)
    logged_in(client, blue_admin)
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    assert act(client, complaint, "dispatch", target=f"d{org.team_a.pk}").status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).state == S.RECEIVED


def test_staff_take_a_phone_complaint(client: Client, org: Org, categories: Categories, officer_a):
    logged_in(client, officer_a)
    assert client.get(reverse("complaints:new")).status_code == 200
    response = client.post(reverse("complaints:new"), {
        "channel": "phone", "category": str(categories.ordinary.pk), "place": "西门口",
        "description": "有人占道卖水果", "reporter_name": "王五", "reporter_phone": "13900003333"})
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.channel == "phone" and complaint.created_by == officer_a
    # A channel the staff screen does not offer (the hotline's) and a bad phone are refused; nothing is stored.
    bad = client.post(reverse("complaints:new"), {"channel": "hotline", "category": str(categories.ordinary.pk),
                                                  "place": "西门口", "description": "x"})
    assert bad.status_code == 200 and "不在可选范围内" in bad.content.decode()
    bad = client.post(reverse("complaints:new"), {"channel": "walk_in", "category": str(categories.ordinary.pk),
                                                  "place": "西门口", "description": "x", "reporter_phone": "12"})
    assert "格式不对" in bad.content.decode() and Complaint.objects.count() == 1


def test_the_whole_workflow_through_the_screens(client: Client, org: Org, categories: Categories, team_leader_a,
                                                 officer_a, bureau_leader):
    complaint = receive(org, categories.ordinary)
    leader = logged_in(Client(), team_leader_a)
    officer = logged_in(Client(), officer_a)
    chief = logged_in(Client(), bureau_leader)
    page = leader.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert 'data-test="action-dispatch"' in page and "张某（139****5678）" in page and "13912345678" not in page
    assert act(leader, complaint, "dispatch", target=f"d{org.team_a.pk}", note="请核查").status_code == 302
    assert act(chief, complaint, "extend", reason="需要规划部门认定").status_code == 302
    assert act(officer, complaint, "start").status_code == 302
    assert act(officer, complaint, "reply", reply=REPLY).status_code == 302
    assert act(leader, complaint, "rate", satisfaction="basic").status_code == 302
    assert act(leader, complaint, "close").status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == S.CLOSED and complaint.extended and complaint.satisfaction == "basic"
    assert complaint.events.filter(action="rate", text__contains="电话回访").exists()
    assert act(leader, complaint, "reopen", reason="回访发现摊贩仍在").status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == S.IN_PROGRESS
    page = leader.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    for text in ("分派至第一中队", "批准延期", "答复：", "投诉人评价：基本满意（电话回访）", "办结", "重新办理：回访发现摊贩仍在"):
        assert text in page


def test_errors_show_on_the_same_page_and_change_nothing(client: Client, org: Org, categories: Categories,
                                                        team_leader_a, officer_a):
    complaint = receive(org, categories.ordinary)
    logged_in(client, officer_a)
    # An officer does not even see an undispatched complaint.
    assert act(client, complaint, "dispatch", target=f"d{org.team_a.pk}").status_code == 404
    # A department of the other bureau is not a choice; a reply before the dispatch is refused.
    logged_in(client, team_leader_a)
    response = act(client, complaint, "dispatch", target=f"d{org.blue_team.pk}")
    assert "不在可选范围内" in response.content.decode()
    response = act(client, complaint, "reply", reply=REPLY)
    assert response.status_code == 200 and "待分派，不能答复" in response.content.decode()
    assert act(client, complaint, "fly").status_code == 404
    complaint.refresh_from_db()
    assert complaint.state == S.RECEIVED and complaint.version == 0
    # Dispatched to the officer's team: a forged dispatch (redirect it) is refused on the page.
    complaint_dispatch(complaint=complaint, actor=team_leader_a, department=org.team_a)
    logged_in(client, officer_a)
    response = act(client, complaint, "dispatch", target=f"d{org.team_b.pk}")
    assert response.status_code == 200 and "您没有分派投诉的权限" in response.content.decode()
    response = act(client, complaint, "reply", reply="已处理")
    assert "答复内容过短" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.state == S.DISPATCHED and complaint.department == org.team_a and complaint.version == 1
    assert client.get(reverse("complaints:action", args=[complaint.pk, "start"])).status_code == 405


def test_duplicates_are_shown_and_merged(client: Client, org: Org, categories: Categories, team_leader_a, officer_a):
    target = receive(org, categories.ordinary)
    duplicate = receive(org, categories.ordinary, reporter_phone="13900001111")
    complaint_dispatch(complaint=target, actor=team_leader_a, department=org.team_a)
    logged_in(client, team_leader_a)
    page = client.get(reverse("complaints:detail", args=[duplicate.pk])).content.decode()
    assert f'data-test="merge-{target.pk}"' in page and "地址相同" in page
    assert act(client, duplicate, "merge", target=str(target.pk)).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target
    assert act(client, target, "merge", target=str(target.pk)).status_code == 200  # into itself: refused
    complaint_start(complaint=target, actor=officer_a)
    complaint_reply(complaint=target, actor=officer_a, reply=REPLY)
    duplicate.refresh_from_db()
    assert duplicate.state == S.REPLIED
    # Merged ones leave the queue (they follow their target).
    assert duplicate.number not in client.get(reverse("complaints:list")).content.decode()


def test_convert_into_a_lead_and_both_pages_link(client: Client, org: Org, categories: Categories, team_leader_a):
    complaint = receive(org, categories.ordinary)
    logged_in(client, team_leader_a)
    assert act(client, complaint, "to_lead", facts="").status_code == 302
    lead = Lead.objects.get()
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert reverse("cases:lead_detail", args=[lead.pk]) in page
    lead_page = client.get(reverse("cases:lead_detail", args=[lead.pk])).content.decode()
    assert 'data-test="lead-complaint"' in lead_page and complaint.number in lead_page
    response = act(client, complaint, "to_lead", facts="")
    assert response.status_code == 200 and Lead.objects.count() == 1


def test_reveal_is_audited_and_refused_to_officers(client: Client, org: Org, categories: Categories, officer_a,
                                                  team_leader_a):
    complaint = receive(org, categories.ordinary)
    complaint_dispatch(complaint=complaint, actor=team_leader_a, department=org.team_a)
    logged_in(client, officer_a)
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert 'data-test="action-reveal"' not in page
    response = act(client, complaint, "reveal")
    assert "13912345678" not in response.content.decode() and "只有本局" in response.content.decode()
    assert not AuditEvent.objects.filter(action="complaint.reveal").exists()
    logged_in(client, team_leader_a)
    response = act(client, complaint, "reveal")
    assert "13912345678" in response.content.decode() and "张三" in response.content.decode()
    assert AuditEvent.objects.filter(action="complaint.reveal", actor_id=team_leader_a.pk).count() == 1


def test_the_statistics_page_and_csv(client: Client, org: Org, categories: Categories, bureau_leader, officer_a):
    receive(org, categories.ordinary)
    receive(org, categories.complex)
    logged_in(client, bureau_leader)
    response = client.get(reverse("complaints:stats"))
    body = response.content.decode()
    assert response.status_code == 200 and body.count('data-test="chart"') == 3 and "<rect" in body
    assert "style=" not in body.split("<main")[1] and "<script>" not in body
    csv = client.get(reverse("complaints:stats"), {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and csv.content.decode("utf-8-sig").startswith("分组,项目")
    assert "合计,合计,2," in csv.content.decode("utf-8-sig")
    bad = client.get(reverse("complaints:stats"), {"start": "2025-10-01", "end": "2025-01-01"})
    assert "起始日期不能晚于截止日期" in bad.content.decode()
    logged_in(client, officer_a)
    assert client.get(reverse("complaints:stats")).status_code == 403


def test_petition_screens(client: Client, org: Org, team_leader_a, bureau_leader, blue_admin):
    logged_in(client, team_leader_a)
    response = client.post(reverse("petitions:new"), {
        "received_on": "2025-09-23", "channel": "来信", "subject": "反映夜间施工噪声", "content": "请求查处。",
        "petitioner": "李四", "phone": "13900002222", "department": str(org.team_a.pk)})
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.reply_due == dt.date(2025, 10, 8)
    listing = client.get(reverse("petitions:list")).content.decode()
    assert petition.number in listing and 'data-test="overdue"' in listing  # 2025 deadlines are long past
    response = client.post(reverse("petitions:action", args=[petition.pk, "accept"]),
                           {"accept-note": "予以受理。", "accept-day": "2025-09-30"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.ACCEPTED and petition.resolve_due == dt.date(2025, 11, 29)
    # A team leader may not extend: the form is not offered and a forged POST is refused on the page.
    response = client.post(reverse("petitions:action", args=[petition.pk, "extend"]), {"extend-reason": "复杂"})
    assert response.status_code == 200 and "权限" in response.content.decode()
    logged_in(client, bureau_leader)
    assert client.post(reverse("petitions:action", args=[petition.pk, "extend"]),
                       {"extend-reason": "需多部门会商"}).status_code == 302
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "2025-12-29" in page and "信访工作条例第三十五条" in page and "批准延长 30 日" in page
    logged_in(client, blue_admin)
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404


def test_a_petition_refused_with_bad_input_changes_nothing(client: Client, org: Org, team_leader_a):
    petition = petition_register(actor=team_leader_a, received_on=dt.date(2025, 9, 23), subject="噪声",
                                 content="请求查处。")
    logged_in(client, team_leader_a)
    response = client.post(reverse("petitions:action", args=[petition.pk, "accept"]),
                           {"accept-note": "予以受理。", "accept-day": "2025-09-01"})
    assert response.status_code == 200 and "不能早于" in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED


def test_the_dispatcher_sees_the_undispatched_queue_and_the_supervisor_reads_only(
    client: Client, org: Org, categories: Categories, team_leader_a, supervisor
):
    complaint = receive(org, categories.ordinary)
    logged_in(client, team_leader_a)
    assert complaint.number in client.get(reverse("complaints:list")).content.decode()
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "style=" not in page.split("<main")[1] and "<script>" not in page
    logged_in(client, supervisor)
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert complaint.number in page and 'data-test="action-' not in page
    assert act(client, complaint, "dispatch", target=f"d{org.team_a.pk}").status_code == 200
    assert Complaint.objects.get(pk=complaint.pk).state == S.RECEIVED
    stats = client.get(reverse("complaints:stats"), {"bureau": str(org.red.pk)}).content.decode()
    assert org.red.name in stats and 'data-test="stats-total"' in stats
