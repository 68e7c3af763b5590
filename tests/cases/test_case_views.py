"""The case screens: leads, filing, the case page with its steps and timeline, evidence, the list and the workbench.

The people of tests/cases/conftest.py's `world`: a1 and a2 (team A, certified), the team leader, the legal
reviewer, two bureau leaders; officer_b is in team B of the same bureau, blue_officer in another bureau.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import logged_in, make_user
from zhifa.accounts.roles import Role
from zhifa.cases import services
from zhifa.cases.models import Case, CaseDeadline, Evidence, Lead, Party
from zhifa.lib.evidence_store import evidence_store

TODAY = timezone.localdate


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG (a grey square), built here so the test needs no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture(autouse=True)
def _evidence_store_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def blue_officer(org):
    return make_user("blue_officer", [Role.OFFICER], org.blue, org.blue_team)


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def post_step(client, case: Case, step: str, *, version: int | None = None, files: dict | None = None, **fields):
    data = {f"{step}-{name}": value for name, value in fields.items()}
    data[f"{step}-version"] = case.version if version is None else version
    for name, upload in (files or {}).items():
        data[f"{step}-{name}"] = upload
    return client.post(reverse("cases:step", args=[case.pk, step]), data)


def add_evidence(world, case: Case, content: bytes | None = None) -> Evidence:
    stored = evidence_store(stream=io.BytesIO(content or png_bytes()), declared_name="现场.png",
                            max_bytes=10_000_000, allowed={"image"})
    return services.evidence_add(case=case, stored=stored, kind="photo", title="现场照片", how="执法记录仪拍摄",
                                 collected_at=timezone.now(), original_name="现场.png", actor=world.a1)


def filing_post(world, **overrides) -> dict:
    data = {
        "filing-matter": world.matter.pk, "filing-title": "张三占道经营案", "filing-facts": "在人行道上摆摊经营水果",
        "filing-violation_on": (TODAY() - dt.timedelta(days=60)).isoformat(), "filing-lead_officer": world.a1.officer.pk,
        "filing-co_officers": [world.a2.officer.pk],
        "party1-kind": "person", "party1-name": "张三", "party1-id_number": "11010519491231002X",
        "party1-address": "示范区幸福小区3号楼", "party1-phone": "13909511234",
        "party2-kind": "person",
    }
    data.update(overrides)
    return data


# --- leads and filing ------------------------------------------------------------------------------------------
def test_an_officer_registers_a_lead_by_form(client, world):
    logged_in(client, world.a1)
    response = client.post(reverse("cases:lead_new"), {
        "source": "complaint", "discovered_on": TODAY().isoformat(), "place": "建设街夜市",
        "facts": "12345 工单反映夜市摊贩占用人行道", "reporter": "12345-20240701-001"})
    lead = Lead.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:lead_detail", args=[lead.pk])
    assert lead.registered_by == world.a1 and lead.state == Lead.State.REGISTERED
    page = client.get(response.url).content.decode()
    assert "登记案源（投诉举报）" in page and "报请立案" in page


def test_a_lead_discovered_tomorrow_is_refused_on_the_form(client, world):
    logged_in(client, world.a1)
    response = client.post(reverse("cases:lead_new"), {
        "source": "patrol", "discovered_on": (TODAY() + dt.timedelta(days=1)).isoformat(), "place": "x", "facts": "y"})
    assert response.status_code == 200 and "发现日期不能晚于今天" in response.content.decode()
    assert not Lead.objects.exists()


def test_requesting_filing_by_form_opens_a_case_awaiting_the_leaders_approval(client, world):
    lead = world.lead()
    logged_in(client, world.a1)
    response = client.post(reverse("cases:lead_detail", args=[lead.pk]), filing_post(world))
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case_url(case)
    assert case.state == Case.State.FILING_REVIEW
    assert [p.name for p in case.parties.all()] == ["张三"]  # the empty second party is skipped
    assert sorted(case.case_officers.values_list("role", flat=True)) == ["co", "lead"]
    page = client.get(response.url).content.decode()
    assert "110105********002X" in page and "11010519491231002X" not in page  # masked, never in full


def test_a_party_with_a_bad_id_number_gets_the_gb11643_message_and_nothing_is_written(client, world):
    lead = world.lead()
    logged_in(client, world.a1)
    response = client.post(reverse("cases:lead_detail", args=[lead.pk]),
                           filing_post(world, **{"party1-id_number": "110105194912310021"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "GB 11643" in page and "校验位不符" in page
    assert 'value="张三占道经营案"' in page  # the user's input is kept
    assert not Case.objects.exists() and not Party.objects.exists()
    lead.refresh_from_db()
    assert lead.state == Lead.State.REGISTERED


def test_filing_with_one_certified_officer_shows_the_art42_message_on_the_form(client, world):
    lead = world.lead()
    logged_in(client, world.a1)
    response = client.post(reverse("cases:lead_detail", args=[lead.pk]),
                           filing_post(world, **{"filing-co_officers": []}))
    assert "第四十二条" in response.content.decode()
    assert not Case.objects.exists()


def test_a_township_user_is_offered_only_delegated_matters(client, world, org):
    from zhifa.accounts import services as accounts

    town = accounts.township_create(bureau=org.red, name="红星镇", actor=None)
    world.a1.township = town
    world.a1.save()
    lead = world.lead()
    logged_in(client, world.a1)
    page = client.get(reverse("cases:lead_detail", args=[lead.pk])).content.decode()
    assert world.matter.name not in page  # not delegated to 红星镇 (art. 24)


def test_only_a_leader_may_extend_the_filing_period_once(client, world):
    lead = world.lead()
    logged_in(client, world.a1)
    assert "延长立案期限" not in client.get(reverse("cases:lead_detail", args=[lead.pk])).content.decode()
    assert client.post(reverse("cases:lead_extend", args=[lead.pk]), {"extend-reason": "x"}).status_code == 403
    logged_in(client, world.leader)
    response = client.post(reverse("cases:lead_extend", args=[lead.pk]), {"extend-reason": "需现场复核"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.decision_extended
    assert client.post(reverse("cases:lead_extend", args=[lead.pk]), {"extend-reason": "再延"}).status_code == 403


# --- scope: no case of another team or bureau is reachable --------------------------------------------------------
@pytest.mark.parametrize("persona", ["officer_b", "blue_officer"])
def test_a_case_outside_the_users_scope_is_404_for_page_evidence_and_actions(client, world, persona, request):
    case = world.filed()
    evidence = add_evidence(world, case)
    logged_in(client, request.getfixturevalue(persona))
    assert client.get(case_url(case)).status_code == 404
    assert client.get(reverse("cases:evidence", args=[evidence.pk])).status_code == 404
    response = post_step(client, case, "record", kind="inquiry", place="x", started_at="2024-01-01T09:00",
                         ended_at="2024-01-01T10:00", content="问答", officers=[world.a1.officer.pk])
    assert response.status_code == 404
    assert client.get(reverse("cases:lead_detail", args=[case.lead_id])).status_code == 404
    assert not case.records.exists()


def test_the_case_list_shows_only_cases_in_scope(client, world, officer_b):
    world.filed()
    logged_in(client, officer_b)
    assert "张三" not in client.get(reverse("cases:list")).content.decode()


def test_a_supervisor_reads_the_case_page_but_cannot_act(client, world, supervisor):
    case = world.filed()
    logged_in(client, supervisor)
    page = client.get(case_url(case)).content.decode()
    assert "本页只读" in page and 'data-test="panels"' not in page
    response = post_step(client, case, "extend", days=10, reason="x")
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.version == 1


def test_the_audit_administrator_is_refused_case_pages(client, world, auditor):
    case = world.filed()
    logged_in(client, auditor)
    assert client.get(case_url(case)).status_code == 403
    assert client.get(reverse("cases:list")).status_code == 403


# --- the steps -----------------------------------------------------------------------------------------------
def test_the_leader_approves_the_filing_on_the_case_page(client, world):
    case = world.request_filing()
    logged_in(client, world.leader)
    page = client.get(case_url(case)).content.decode()
    assert 'data-test="panel-filing"' in page
    response = post_step(client, case, "filing", decision="approve", reason="")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.INVESTIGATING and case.number.startswith("红综执立")


def test_a_stale_version_says_changed_meanwhile_keeps_the_input_and_changes_nothing(client, world):
    case = world.request_filing()
    seen = case.version
    services.case_transition(case=case, action="approve_filing", actor=world.leader2)  # someone else, first
    logged_in(client, world.leader)
    response = post_step(client, case, "filing", version=seen, decision="reject", reason="不属于本局管辖范围")
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人处理" in page and "不属于本局管辖范围" in page
    case.refresh_from_db()
    assert case.state == Case.State.INVESTIGATING and case.lead.not_filed_reason == ""


def test_a_forged_version_is_refused_even_for_steps_that_are_not_transitions(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    response = post_step(client, case, "record", version=case.version + 5, kind="inquiry", place="执法队询问室",
                         started_at="2024-07-01T09:00", ended_at="2024-07-01T09:40", content="问：姓名？答：张三",
                         officers=[world.a1.officer.pk, world.a2.officer.pk])
    assert response.status_code == 409 and "已被他人处理" in response.content.decode()
    assert "问：姓名？答：张三" in response.content.decode()
    assert not case.records.exists()


def test_an_inquiry_record_by_form(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    response = post_step(client, case, "record", kind="inquiry", place="执法队询问室", subject="张三",
                         started_at="2024-07-01T09:00", ended_at="2024-07-01T09:40", content="问：姓名？答：张三",
                         officers=[world.a1.officer.pk, world.a2.officer.pk], signed_by_subject="on")
    assert response.status_code == 302
    record = case.records.get()
    assert record.kind == "inquiry" and record.officers.count() == 2 and record.signed_by_subject


def test_a_record_with_one_officer_shows_the_art55_message(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    response = post_step(client, case, "record", kind="inspection", place="现场", started_at="2024-07-01T09:00",
                         ended_at="2024-07-01T09:40", content="检查情况", officers=[world.a1.officer.pk])
    assert "第五十五条" in response.content.decode()
    assert not case.records.exists()


def test_a_png_upload_is_stored_by_its_hash(client, world, settings):
    case = world.filed()
    content = png_bytes()
    digest = hashlib.sha256(content).hexdigest()
    logged_in(client, world.a1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("现场.png", content, content_type="image/png")
    response = post_step(client, case, "evidence", kind="photo", title="现场照片", collected_at="2024-07-01T09:00",
                         how="执法记录仪拍摄", files={"file": upload})
    assert response.status_code == 302
    evidence = case.evidence.get()
    assert evidence.sha256 == digest and evidence.size == len(content) and evidence.content_type == "image/png"
    assert (settings.MEDIA_ROOT / "evidence" / digest[:2] / digest[2:4] / digest).read_bytes() == content
    assert digest in client.get(case_url(case)).content.decode()


def test_an_html_file_named_jpg_is_refused_with_the_reason(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", b"<!doctype html><script>alert(1)</script>", content_type="image/jpeg")
    response = post_step(client, case, "evidence", kind="photo", title="照片", collected_at="2024-07-01T09:00",
                         files={"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "网页（HTML）" in page and "不予接收" in page
    assert not Evidence.objects.exists()


def test_a_photo_slot_refuses_a_pdf(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = post_step(client, case, "evidence", kind="photo", title="x", collected_at="2024-07-01T09:00",
                         files={"file": upload})
    assert "此处不接受" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_download_is_an_attachment_with_nosniff_and_is_audited(client, world):
    from zhifa.audit.models import AuditEvent

    case = world.filed()
    content = png_bytes()
    evidence = add_evidence(world, case, content)
    logged_in(client, world.a2)
    response = client.get(reverse("cases:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == content
    assert AuditEvent.objects.filter(action="evidence.download", actor_id=world.a2.pk).exists()


def test_the_report_form_shows_the_recommendation_after_saving(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    response = post_step(client, case, "report", facts_found="占道约4平方米", outcome="penalty", fine_yuan="800",
                         level="general", harm="general")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "罚款 100 元至 500 元" in page  # the recommendation next to the proposal
    assert "不在裁量基准建议" in page  # 800 元 is outside: a written reason is asked for
    response = post_step(client, case, "submit_report")
    assert "偏离理由" in response.content.decode()
    case.refresh_from_db()
    assert case.state == Case.State.INVESTIGATING


def test_the_case_page_shows_the_timeline_and_the_recommendation(client, world):
    case = world.reported()
    logged_in(client, world.a1)
    page = client.get(case_url(case)).content.decode()
    assert "登记案源（巡查发现）" in page  # the lead's line opens the whole-process record
    assert "批准立案，案号 红综执立" in page
    assert "调查终结报告（第1稿）" in page and "提交调查终结报告" in page
    assert 'data-test="recommendation"' in page and "罚款 100 元至 500 元" in page
    assert "罚款300元" in page  # the proposal


def test_reviewers_approve_by_form_in_turn(client, world):
    case = world.reported()
    logged_in(client, world.reviewer)
    assert 'data-test="panel-review"' not in client.get(case_url(case)).content.decode()  # not the reviewer's turn
    logged_in(client, world.team_leader)
    assert post_step(client, case, "review", decision="approved", opinion="同意").status_code == 302
    case.refresh_from_db()
    logged_in(client, world.leader)
    assert post_step(client, case, "review", decision="approved", opinion="同意").status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.APPROVED


def test_a_return_without_reason_is_a_form_error(client, world):
    case = world.reported()
    logged_in(client, world.team_leader)
    response = post_step(client, case, "review", decision="returned", opinion="")
    assert "请填写理由或意见" in response.content.decode()
    case.refresh_from_db()
    assert case.state == Case.State.REVIEWING


def test_notice_then_decision_by_form_with_the_fine_defaulting_to_the_notice(client, world):
    case = world.approved()
    logged_in(client, world.a1)
    served = TODAY() - dt.timedelta(days=20)
    assert post_step(client, case, "notice", served_on=served.isoformat(), reasons="").status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.NOTIFIED
    page = client.get(case_url(case)).content.decode()
    assert 'name="decide-fine_yuan" value="300"' in page
    response = post_step(client, case, "decide", fine_yuan="500", reasons="")
    assert "第四十五条" in response.content.decode()  # never heavier than the notice
    assert post_step(client, case, "decide", fine_yuan="300", reasons="").status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.DECIDED and case.decision.fine_fen == 300_00
    assert "已作出处罚决定" in client.get(case_url(case)).content.decode()


def test_no_decision_inside_the_statement_period_unless_waived(client, world):
    case = world.notified(served_on=TODAY())
    logged_in(client, world.a1)
    response = post_step(client, case, "decide", fine_yuan="300", reasons="")
    assert "期限内不得作出处罚决定" in response.content.decode()
    assert post_step(client, case, "waive", waived_on=TODAY().isoformat()).status_code == 302
    assert post_step(client, case, "decide", fine_yuan="300", reasons="").status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.DECIDED


def test_a_major_case_is_approved_by_a_collective_discussion_form(client, world):
    case = world.reported(is_major=True)
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    case = services.review_decide(case=case, actor=world.reviewer, decision="approved")
    logged_in(client, world.leader)
    page = client.get(case_url(case)).content.decode()
    assert 'data-test="panel-discussion"' in page and 'data-test="panel-review"' not in page
    response = post_step(client, case, "discussion", held_at="2024-07-01T15:00", place="三楼会议室",
                         participants=[world.leader.pk, world.leader2.pk], opinions="局长：同意\n副局长：同意",
                         conclusion="同意拟处理意见", approved="yes")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.APPROVED
    assert case.discussions.get().opinions == [{"name": "局长", "opinion": "同意"}, {"name": "副局长", "opinion": "同意"}]


def test_a_preservation_is_asked_by_the_officer_and_approved_by_the_leader_on_the_case_page(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    response = post_step(client, case, "preservation", items="电子秤1台", place="执法队仓库",
                         started_on=TODAY().isoformat())
    assert response.status_code == 302
    assert not case.preservations.exists()
    asked = case.approvals.get(kind="preservation")
    assert 'id="step-measure_decide"' not in client.get(case_url(case)).content.decode()  # the officer cannot approve
    logged_in(client, world.leader)
    workbench = client.get("/").content.decode()
    assert "先行登记保存审批" in workbench and "电子秤1台" in workbench  # waits on the leader's workbench
    page = client.get(case_url(case)).content.decode()
    assert 'id="step-measure_decide"' in page and f'value="{asked.pk}"' in page
    response = post_step(client, case, "measure_decide", approval=asked.pk, decision="approved", opinion="")
    assert response.status_code == 302
    assert case.preservations.get().approval.decided_by == world.leader
    assert "先行登记保存审批" not in client.get("/").content.decode()


# --- the list --------------------------------------------------------------------------------------------------
def file_for_company(world) -> Case:
    from zhifa.cases.services import FilingData, PartyData

    party = PartyData(kind="organisation", name="示范区某某商贸有限公司", address="示范区建设街1号",
                      credit_code="91350100M000100Y43")
    return services.case_request_filing(lead=world.lead(), actor=world.a1, data=FilingData(
        matter=world.matter, title="某公司门前堆放货物案", facts="店外堆放货物",
        violation_on=TODAY() - dt.timedelta(days=60), parties=[party],
        officers=[(world.a1.officer, "lead"), (world.a2.officer, "co")]))


def test_the_case_list_filters_by_state_party_and_officer(client, world):
    filed = world.filed()
    pending = file_for_company(world)
    logged_in(client, world.leader)
    url = reverse("cases:list")

    page = client.get(url, {"state": "investigating"}).content.decode()
    assert filed.number in page and "示范区某某商贸有限公司" not in page
    page = client.get(url, {"q": "张三"}).content.decode()  # a 2-character party name
    assert filed.number in page and "示范区某某商贸有限公司" not in page
    page = client.get(url, {"q": "商贸"}).content.decode()
    assert "示范区某某商贸有限公司" in page and filed.number not in page
    page = client.get(url, {"officer": world.a3_officer.pk}).content.decode()
    assert "没有符合条件的案件" in page
    page = client.get(url, {"officer": world.a2.officer.pk}).content.decode()
    assert filed.number in page and "示范区某某商贸有限公司" in page
    assert pending.state == Case.State.FILING_REVIEW


def test_the_case_list_pages_by_keyset(client, world):
    from zhifa.cases.views_case import PAGE_SIZE

    first = world.filed()
    for _ in range(PAGE_SIZE):
        world.request_filing()
    logged_in(client, world.leader)
    page = client.get(reverse("cases:list")).content.decode()
    assert first.number not in page and "下一页" in page
    response = client.get(reverse("cases:list"), {"before": Case.objects.order_by("-id")[PAGE_SIZE - 1].pk})
    assert first.number in response.content.decode() and "上一页" in response.content.decode()


def test_the_list_the_case_page_and_the_workbench_have_a_fixed_query_budget(client, world, django_assert_max_num_queries):
    cases = [world.filed() for _ in range(3)]
    for case in cases:
        add_evidence(world, case)
        add_evidence(world, case, png_bytes(3, 3))
    logged_in(client, world.a1)
    client.get(reverse("cases:list"))  # warm the session and the calendar cache
    # Measured: list 12 (one reads the user's department subtree once), case page 26, workbench 21 — the same
    # for 1 or 4 cases with 1 or 4 files each.
    with django_assert_max_num_queries(13):
        assert client.get(reverse("cases:list")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(case_url(cases[0])).status_code == 200
    with django_assert_max_num_queries(21):
        assert client.get(reverse("core:workbench")).status_code == 200


# --- the workbench ---------------------------------------------------------------------------------------------
def test_the_workbench_shows_the_leader_a_pending_filing(client, world):
    case = world.request_filing()
    logged_in(client, world.leader)
    page = client.get(reverse("core:workbench")).content.decode()
    assert 'data-test="approval"' in page and "立案审批" in page and case_url(case) in page


def test_the_workbench_shows_an_overdue_deadline_in_red(client, world):
    lead = world.lead(discovered_on=TODAY() - dt.timedelta(days=60))
    assert CaseDeadline.objects.get(lead=lead).due < TODAY()
    logged_in(client, world.a1)
    page = client.get(reverse("core:workbench")).content.decode()
    deadline_html = page[page.index('data-test="deadline"') - 200:]
    assert "zf-overdue" in deadline_html[:1200] and "已逾期" in deadline_html[:1200]


def test_the_workbench_lists_my_tasks(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    page = client.get(reverse("core:workbench")).content.decode()
    assert case.number in page and "提交调查终结报告" in page


def test_a_hearing_is_requested_scheduled_and_held_by_form(client, world):
    from zhifa.workdays.services import deadline_compute

    served = TODAY() - dt.timedelta(days=40)
    case = world.notified(served_on=served, matter=world.big_matter, fine_yuan=200_000, organisation=True)
    logged_in(client, world.a1)
    page = client.get(case_url(case)).content.decode()
    assert 'data-test="panel-hearing_request"' in page
    response = post_step(client, case, "hearing_request", requested_on=(served + dt.timedelta(days=1)).isoformat())
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.HEARING
    notice_on = served + dt.timedelta(days=2)
    too_soon = notice_on + dt.timedelta(days=3)
    response = post_step(client, case, "hearing_schedule", presiding=world.reviewer.pk, place="听证室",
                         scheduled_on=too_soon.isoformat(), notice_served_on=notice_on.isoformat(), representatives="")
    assert "七日前" in response.content.decode()
    assert f'value="{world.a2.pk}"' not in response.content.decode().split('id="step-hearing_schedule"')[1][:4000]
    held_on = deadline_compute(rule="hearing_notice", start=notice_on).due
    assert post_step(client, case, "hearing_schedule", presiding=world.reviewer.pk, place="听证室",
                     scheduled_on=held_on.isoformat(), notice_served_on=notice_on.isoformat(),
                     representatives="李律师").status_code == 302
    logged_in(client, world.reviewer)
    response = post_step(client, case, "hearing_result", result="held", on=held_on.isoformat(),
                         transcript="当事人到场陈述申辩", opinion="建议维持")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.REVIEWING and case.hearings.get().outcome == "held"


def test_a_statement_is_recorded_and_an_extension_registered_by_form(client, world):
    case = world.notified(served_on=TODAY())
    logged_in(client, world.a1)
    assert post_step(client, case, "statement", received_on=TODAY().isoformat(), content="我已经改正了",
                     response="不予采纳", adopted="").status_code == 302
    due = case.decision_due
    assert post_step(client, case, "extend", days=30, reason="需检测鉴定").status_code == 302
    case.refresh_from_db()
    assert case.statements.count() == 1 and case.decision_due == due  # asked, not yet approved
    logged_in(client, world.leader)
    asked = case.approvals.get(kind="extension", decision="pending")
    assert post_step(client, case, "measure_decide", approval=asked.pk, decision="approved",
                     opinion="同意").status_code == 302
    case.refresh_from_db()
    assert case.decision_due == due + dt.timedelta(days=30)
    logged_in(client, world.a1)
    response = post_step(client, case, "extend", days=45, reason="复杂")
    assert "集体讨论" in response.content.decode()


def test_a_leader_who_is_an_officer_of_the_case_is_not_offered_its_measures(client, world):
    case = world.filed(officers=[(world.a1.officer, "lead"), (world.a2.officer, "co"),
                                 (world.leader2.officer, "co")])
    asked = services.preservation_apply(case=case, items="电子秤", place="仓库", started_on=TODAY(), actor=world.a1)
    logged_in(client, world.leader2)
    assert 'id="step-measure_decide"' not in client.get(case_url(case)).content.decode()
    assert "先行登记保存审批" not in client.get("/").content.decode()
    response = post_step(client, case, "measure_decide", approval=asked.pk, decision="approved", opinion="")
    assert "不能办理" in response.content.decode()  # a case officer never approves a measure of the case
    assert not case.preservations.exists()


def test_a_not_punishable_proposal_ends_with_the_non_penalty_decision_form(client, world):
    from zhifa.cases.services import ReportData
    from zhifa.catalog.discretion import CaseFacts

    case = world.filed()
    services.report_save(case=case, actor=world.a1, data=ReportData(
        facts_found="当场改正，无危害后果", outcome="not_punishable",
        facts=CaseFacts(minor_violation=True, corrected_in_time=True, harm="none")))
    case = services.case_transition(case=case, action="submit_report", actor=world.a1)
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    case = services.review_decide(case=case, actor=world.leader, decision="approved")
    logged_in(client, world.a1)
    page = client.get(case_url(case)).content.decode()
    assert 'data-test="panel-not_punished"' in page and 'data-test="panel-notice"' not in page
    assert post_step(client, case, "not_punished", reasons="").status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.NOT_PUNISHED


def test_officers_are_added_and_recused_by_the_team_leader(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    assert 'data-test="panel-recuse"' not in client.get(case_url(case)).content.decode()
    logged_in(client, world.team_leader)
    assert post_step(client, case, "officer_add", officer=world.a3_officer.pk, role="co").status_code == 302
    assert post_step(client, case, "recuse", officer=world.a2.officer.pk, reason="与当事人系近亲属").status_code == 302
    assert list(case.case_officers.filter(recused=True).values_list("officer__name", flat=True)) == ["甲二"]
    assert "已回避" in client.get(case_url(case)).content.decode()


def test_a_step_not_offered_to_the_user_is_refused_with_a_message(client, world):
    case = world.filed()
    logged_in(client, world.reviewer)  # sees the bureau's cases, is no officer of this one
    response = post_step(client, case, "report", facts_found="x", outcome="penalty", fine_yuan="300", harm="general")
    assert response.status_code == 200 and "您当前不能办理“调查终结报告”" in response.content.decode()
    assert not case.reports.exists()


def test_a_second_party_partly_filled_in_needs_its_address(client, world):
    lead = world.lead()
    logged_in(client, world.a1)
    response = client.post(reverse("cases:lead_detail", args=[lead.pk]),
                           filing_post(world, **{"party2-name": "李四"}))
    assert "请填写当事人的住所或地址" in response.content.decode()
    assert not Case.objects.exists()


def test_the_partys_period_once_over_is_shown_as_over_not_overdue(client, world):
    case = world.notified(served_on=TODAY() - dt.timedelta(days=30))
    logged_in(client, world.a1)
    page = client.get(case_url(case)).content.decode()
    deadlines = page.split('id="deadlines"')[1]
    assert "已届满" in deadlines and "zf-overdue" not in deadlines


def test_the_case_list_counts_up_to_a_cap_and_then_says_more(client, world, monkeypatch):
    """The count of a list is bounded (a whole-list count grows with the bureau's cases)."""
    from zhifa.cases import selectors as case_selectors

    for _ in range(3):
        world.request_filing()
    logged_in(client, world.leader)
    assert "共 3 件" in client.get(reverse("cases:list")).content.decode()
    monkeypatch.setattr(case_selectors, "COUNT_CAP", 2)
    page = client.get(reverse("cases:list")).content.decode()
    assert "超过 2 件" in page and "共 3 件" not in page

