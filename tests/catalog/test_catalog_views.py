"""The catalog screens: who may see and change what, search, the list as of a date, editing with history,
the recommendation tool, counts, delegations and the hearing thresholds."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import logged_in, make_user
from zhifa.accounts import services as accounts_services
from zhifa.accounts.models import Township, User
from zhifa.accounts.roles import Role
from zhifa.catalog import services
from zhifa.catalog.forms import basis_lines_parse, matter_form_initial
from zhifa.catalog.models import Delegation, EnforcementMatter, HearingThreshold, MatterChange
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData, StepData

pytestmark = pytest.mark.django_db

TRANSFER = ChangeRecord(date=dt.date(2023, 1, 1), document_number="红编发〔2023〕1号", reason="综合执法改革划转")


def assert_csp_clean(html: str) -> None:
    """The strict CSP forbids inline scripts and style attributes."""
    assert " style=" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


@dataclass
class World:
    road: EnforcementMatter  # 占道经营, fine up to 2 万, a ladder, delegated to 红星镇 from 2023-06-01
    spitting: EnforcementMatter  # warning only: no 罚款 anywhere in its text
    planning: EnforcementMatter  # 城乡规划, on the list only from 2024-07-01
    blue: EnforcementMatter  # bureau 蓝's own 占道 matter
    town: Township


def _data(code: str, name: str, category: str, summary: str, penalties: list[PenaltyData],
          basis: BasisData) -> MatterData:
    return MatterData(code=code, name=name, category=category, penalty_bases=[basis], penalties=penalties,
                      penalty_summary=summary, subject="公民、法人或其他组织")


@pytest.fixture
def world(org) -> World:
    road = services.matter_create(bureau=org.red, change=TRANSFER, actor=None, data=_data(
        "SZ-001", "对擅自占道经营行为的行政处罚", "市政公用", "责令限期改正，可以处以2万元以下的罚款",
        [PenaltyData("fine", min_fen=0, max_fen=20_000_00)],
        BasisData("城市道路管理条例", "第四十二条", "", "违反本条例第二十七条规定……可以处以2万元以下的罚款"),
    ))
    spitting = services.matter_create(bureau=org.red, change=TRANSFER, actor=None, data=_data(
        "SR-001", "对随地吐痰、乱扔废弃物行为的行政处罚", "市容环境卫生", "警告",
        [PenaltyData("warning")], BasisData("城市市容和环境卫生管理条例", "第三十四条", "第（一）项"),
    ))
    planning = services.matter_create(
        bureau=org.red, actor=None,
        change=ChangeRecord(date=dt.date(2024, 7, 1), document_number="红编发〔2024〕3号"),
        data=_data("GH-001", "对未取得建设工程规划许可证进行建设的行政处罚", "城乡规划",
                   "处建设工程造价百分之五以上百分之十以下的罚款",
                   [PenaltyData("fine_multiple", min_multiple=Decimal("0.05"), max_multiple=Decimal("0.1"),
                                multiple_of="建设工程造价")],
                   BasisData("中华人民共和国城乡规划法", "第六十四条")),
    )
    blue = services.matter_create(bureau=org.blue, change=TRANSFER, actor=None, data=_data(
        "SZ-001", "对占道堆放物料行为的行政处罚", "市政公用", "处以罚款", [PenaltyData("fine")],
        BasisData("城市道路管理条例", "第四十二条"),
    ))
    services.discretion_steps_set(matter=road, actor=None, steps=[
        StepData("minor", "首次、面积小、当场改正", "warning"),
        StepData("general", "占道面积2至5平方米", "fine", 1000_00, 5000_00),
        StepData("serious", "占道面积5至10平方米", "fine", 5000_00, 10000_00),
        StepData("grave", "占道10平方米以上或拒不改正", "fine", 10000_00, 20000_00),
    ])
    town = accounts_services.township_create(bureau=org.red, name="红星镇", actor=None)
    services.delegation_create(bureau=org.red, number="红政发〔2023〕18号", title="关于向乡镇下放部分行政执法权的决定",
                               date=dt.date(2023, 6, 1), townships=[town], matters=[road], actor=None)
    for matter in (road, spitting, planning, blue):
        matter.refresh_from_db()
    return World(road, spitting, planning, blue, town)


@pytest.fixture
def town_officer(org, world) -> User:
    user = make_user("town_officer", [Role.OFFICER], org.red)
    user.township = world.town
    user.save()
    return user


def listed_codes(response) -> list[str]:
    return [row.matter.code for row in response.context["rows"]]


def matter_payload(matter: EnforcementMatter, **overrides: Any) -> dict[str, Any]:
    """What the edit form posts back unchanged, plus a change record and the overrides."""
    data = {key: value for key, value in matter_form_initial(matter).items() if value not in (None, False)}
    penalties = list(matter.penalties.all())
    data.update({
        "penalty-TOTAL_FORMS": str(len(penalties) + 3), "penalty-INITIAL_FORMS": str(len(penalties)),
        "penalty-MIN_NUM_FORMS": "0", "penalty-MAX_NUM_FORMS": "20",
        "date": "2025-01-01", "document_number": "红编发〔2025〕2号", "reason": "名称规范",
    })
    for index, penalty in enumerate(penalties):
        data[f"penalty-{index}-kind"] = penalty.kind
        if penalty.min_fen is not None:
            data[f"penalty-{index}-min_yuan"] = str(penalty.min_fen // 100)
        if penalty.max_fen is not None:
            data[f"penalty-{index}-max_yuan"] = str(penalty.max_fen // 100)
    data.update(overrides)
    return data


# --- who may see what ---------------------------------------------------------------------------------
def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get("/catalog/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_officer_reads_the_list_and_a_matter_page(client, officer_a, world):
    logged_in(client, officer_a)
    response = client.get("/catalog/")
    assert response.status_code == 200
    assert listed_codes(response) == ["GH-001", "SR-001", "SZ-001"]  # 蓝's matter not shown
    html = response.content.decode()
    assert "《城市道路管理条例》第四十二条" in html and "共 3 项" in html
    assert "/catalog/new/" not in html  # no editing links for an officer
    assert_csp_clean(html)
    page = client.get(f"/catalog/{world.road.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "违反本条例第二十七条规定" in html and "占道面积2至5平方米" in html and "红星镇" in html
    assert "红编发〔2023〕1号" in html  # the history
    assert_csp_clean(html)


def test_an_officer_gets_403_on_every_change_screen(client, officer_a, world):
    logged_in(client, officer_a)
    pk = world.road.pk
    for url in ("/catalog/new/", f"/catalog/{pk}/edit/", f"/catalog/{pk}/remove/", f"/catalog/{pk}/discretion/",
                f"/catalog/{pk}/exemptions/new/", "/catalog/import/", "/catalog/delegations/new/",
                "/catalog/import/template.xlsx"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/catalog/{pk}/edit/", matter_payload(world.road, name="改名")).status_code == 403
    assert client.post("/catalog/import/confirm/", {"token": "x" * 32}).status_code == 403
    world.road.refresh_from_db()
    assert world.road.name == "对擅自占道经营行为的行政处罚"


def test_blue_admin_gets_404_on_a_red_matter_and_changes_nothing(client, blue_admin, world):
    logged_in(client, blue_admin)
    pk = world.road.pk
    for url in (f"/catalog/{pk}/", f"/catalog/{pk}/edit/", f"/catalog/{pk}/remove/", f"/catalog/{pk}/discretion/"):
        assert client.get(url).status_code == 404, url
    changes = MatterChange.objects.count()
    assert client.post(f"/catalog/{pk}/edit/", matter_payload(world.road, name="蓝局改名")).status_code == 404
    assert client.post(f"/catalog/{pk}/remove/", {"date": "2025-01-01", "document_number": "蓝"}).status_code == 404
    world.road.refresh_from_db()
    assert world.road.name == "对擅自占道经营行为的行政处罚"
    assert world.road.status == EnforcementMatter.Status.IN_FORCE
    assert MatterChange.objects.count() == changes
    delegation = Delegation.objects.get(bureau=world.road.bureau)
    response = client.post(f"/catalog/delegations/{delegation.pk}/revoke/", {"revoked_on": "2025-01-01"})
    assert response.status_code == 404
    delegation.refresh_from_db()
    assert delegation.revoked_on is None


def test_the_audit_administrator_sees_no_catalog(client, auditor, world):
    assert logged_in(client, auditor).get("/catalog/").status_code == 403


def test_the_supervisor_reads_both_bureaus(client, supervisor, world):
    response = logged_in(client, supervisor).get("/catalog/?q=占道")
    assert sorted(row.matter.bureau.short_name for row in response.context["rows"]) == ["红综执", "蓝综执"]


# --- search and filters -------------------------------------------------------------------------------
def test_a_two_character_term_finds_matters_by_name_and_by_penalty_text(client, officer_a, world):
    logged_in(client, officer_a)
    assert listed_codes(client.get("/catalog/", {"q": "占道"})) == ["SZ-001"]
    # 罚款 is not in the name of 占道经营 but in its penalty text; 吐痰 has only a warning.
    assert listed_codes(client.get("/catalog/", {"q": "罚款", "as_of": "2024-01-01"})) == ["SZ-001"]
    assert listed_codes(client.get("/catalog/", {"q": "罚款"})) == ["GH-001", "SZ-001"]
    assert listed_codes(client.get("/catalog/", {"q": "吐痰 警告"})) == ["SR-001"]
    assert listed_codes(client.get("/catalog/", {"q": "焚烧"})) == []


def test_the_category_filter(client, officer_a, world):
    logged_in(client, officer_a)
    assert listed_codes(client.get("/catalog/", {"category": "市容环境卫生"})) == ["SR-001"]
    assert listed_codes(client.get("/catalog/", {"category": "城乡规划", "as_of": "2024-07-01"})) == ["GH-001"]


def test_as_of_a_date_a_matter_shows_only_from_its_effective_date(client, officer_a, world):
    logged_in(client, officer_a)
    assert "GH-001" not in listed_codes(client.get("/catalog/", {"as_of": "2024-06-30"}))
    response = client.get("/catalog/", {"as_of": "2024-07-01"})
    assert "GH-001" in listed_codes(response)
    assert "2024年7月1日目录内" in response.content.decode()
    assert listed_codes(client.get("/catalog/", {"as_of": "2022-12-31"})) == []


def test_a_bad_date_is_a_form_error_not_a_500(client, officer_a, world):
    response = logged_in(client, officer_a).get("/catalog/", {"as_of": "2024-13-45"})
    assert response.status_code == 200
    assert "日期格式不对" in response.content.decode()
    assert listed_codes(response) == ["GH-001", "SR-001", "SZ-001"]  # the current list meanwhile


def test_removed_matters_show_only_when_asked(client, officer_a, world):
    services.matter_remove(matter=world.spitting, actor=None,
                           change=ChangeRecord(date=dt.date(2024, 1, 1), document_number="红编发〔2024〕1号"))
    logged_in(client, officer_a)
    assert listed_codes(client.get("/catalog/")) == ["GH-001", "SZ-001"]
    response = client.get("/catalog/", {"include_removed": "on"})
    assert listed_codes(response) == ["GH-001", "SR-001", "SZ-001"]
    assert "已取消" in response.content.decode()
    assert listed_codes(client.get("/catalog/", {"as_of": "2023-12-31"})) == ["SR-001", "SZ-001"]


def test_delegated_only_and_the_delegated_column(client, officer_a, world):
    logged_in(client, officer_a)
    response = client.get("/catalog/", {"delegated_only": "on"})
    assert listed_codes(response) == ["SZ-001"] and response.context["rows"][0].delegated
    assert listed_codes(client.get("/catalog/", {"delegated_only": "on", "as_of": "2023-05-31"})) == []


def test_demo_matters_carry_a_badge(client, officer_a, org):
    services.matter_create(bureau=org.red, change=TRANSFER, actor=None, is_demo=True, data=_data(
        "DM-001", "演示事项", "其他", "警告", [PenaltyData("warning")], BasisData("某条例", "第一条")))
    html = logged_in(client, officer_a).get("/catalog/").content.decode()
    assert 'badge bg-warning text-dark">演示</span>' in html


# --- townships (art. 24) ------------------------------------------------------------------------------
def test_a_township_user_sees_only_delegated_matters(client, town_officer, world):
    logged_in(client, town_officer)
    response = client.get("/catalog/")
    assert listed_codes(response) == ["SZ-001"]
    assert "第二十四条" in response.content.decode()
    assert client.get(f"/catalog/{world.road.pk}/").status_code == 200
    assert client.get(f"/catalog/{world.spitting.pk}/").status_code == 404
    assert listed_codes(client.get("/catalog/", {"q": "吐痰"})) == []


# --- editing ------------------------------------------------------------------------------------------
def test_an_administrator_adds_a_matter_with_bases_as_lines(client, admin, world):
    logged_in(client, admin)
    assert client.get("/catalog/new/").status_code == 200
    payload = {
        "code": "SR-009", "name": "对在树木上涂写刻画行为的行政处罚", "category": "市容环境卫生",
        "violation_basis": "《城市市容和环境卫生管理条例》第十七条：一切单位和个人，都不得在城市建筑物、设施以及树木上涂写、刻画。",
        "penalty_basis": "1.《城市市容和环境卫生管理条例》第三十四条第（二）项：有下列行为之一者……",
        "penalty_summary": "责令纠正，可以并处警告、罚款",
        "penalty-TOTAL_FORMS": "3", "penalty-INITIAL_FORMS": "0", "penalty-MIN_NUM_FORMS": "0",
        "penalty-MAX_NUM_FORMS": "20", "penalty-0-kind": "warning", "penalty-1-kind": "fine",
        "penalty-1-min_yuan": "50", "penalty-1-max_yuan": "500",
        "date": "2025-03-01", "document_number": "红编发〔2025〕4号", "reason": "新增",
    }
    response = client.post("/catalog/new/", payload)
    matter = EnforcementMatter.objects.get(bureau=admin.bureau, code="SR-009")
    assert response.status_code == 302 and response["Location"] == f"/catalog/{matter.pk}/"
    assert [b.citation for b in matter.bases.all()] == ["《城市市容和环境卫生管理条例》第三十四条第（二）项",
                                                         "《城市市容和环境卫生管理条例》第十七条"]
    assert [p.describe() for p in matter.penalties.all()] == ["警告", "罚款50元至500元"]
    change = matter.changes.get()
    assert (change.event, change.date, change.document_number) == ("add", dt.date(2025, 3, 1), "红编发〔2025〕4号")
    assert change.recorded_by == admin


def test_an_unreadable_basis_line_is_a_form_error_naming_the_line(client, admin, world):
    logged_in(client, admin)
    payload = matter_payload(world.road, penalty_basis="《城市道路管理条例》第四十二条\n城市道路管理条例四十二")
    response = client.post(f"/catalog/{world.road.pk}/edit/", payload)
    assert response.status_code == 400
    assert "第 2 条依据“城市道路管理条例四十二”无法识别" in response.content.decode()


def test_editing_without_a_document_number_is_refused_and_writes_nothing(client, admin, world):
    logged_in(client, admin)
    changes = MatterChange.objects.count()
    response = client.post(f"/catalog/{world.road.pk}/edit/",
                           matter_payload(world.road, name="对占道经营的行政处罚", document_number=""))
    assert response.status_code == 400
    assert "请填写调整依据文件的文号" in response.content.decode()
    world.road.refresh_from_db()
    assert world.road.name == "对擅自占道经营行为的行政处罚"
    assert MatterChange.objects.count() == changes


def test_an_edit_records_an_amend_with_before_and_after(client, admin, world):
    logged_in(client, admin)
    form_page = client.get(f"/catalog/{world.road.pk}/edit/")
    assert form_page.status_code == 200 and "《城市道路管理条例》第四十二条：违反本条例" in form_page.content.decode()
    response = client.post(f"/catalog/{world.road.pk}/edit/",
                           matter_payload(world.road, name="对擅自占用城市道路经营行为的行政处罚"))
    assert response.status_code == 302
    change = world.road.changes.get(event=MatterChange.Event.AMEND)
    assert change.before == {"name": "对擅自占道经营行为的行政处罚"}
    assert change.after == {"name": "对擅自占用城市道路经营行为的行政处罚"}
    assert (change.date, change.document_number, change.recorded_by) == (dt.date(2025, 1, 1), "红编发〔2025〕2号", admin)
    html = client.get(f"/catalog/{world.road.pk}/").content.decode()
    assert "对擅自占道经营行为的行政处罚 → 对擅自占用城市道路经营行为的行政处罚" in html
    assert "红编发〔2025〕2号" in html


def test_an_edit_that_changes_nothing_records_nothing(client, admin, world):
    logged_in(client, admin)
    changes = MatterChange.objects.count()
    assert client.post(f"/catalog/{world.road.pk}/edit/", matter_payload(world.road)).status_code == 302
    assert MatterChange.objects.count() == changes


def test_removing_a_matter_needs_the_document_and_keeps_it_in_history(client, admin, world):
    logged_in(client, admin)
    url = f"/catalog/{world.road.pk}/remove/"
    assert "取消该事项" in client.get(url).content.decode()
    assert client.post(url, {"date": "2025-01-01", "document_number": ""}).status_code == 200
    world.road.refresh_from_db()
    assert world.road.status == EnforcementMatter.Status.IN_FORCE
    response = client.post(url, {"date": "2025-01-01", "document_number": "红编发〔2025〕9号", "reason": "职权调整"})
    assert response.status_code == 302
    world.road.refresh_from_db()
    assert world.road.status == EnforcementMatter.Status.REMOVED
    assert world.road.changes.filter(event="remove", document_number="红编发〔2025〕9号").exists()


def test_the_discretion_editor_saves_four_steps_and_refuses_a_range_beyond_the_law(client, admin, world):
    logged_in(client, admin)
    url = f"/catalog/{world.road.pk}/discretion/"
    page = client.get(url)
    assert page.status_code == 200 and "占道面积5至10平方米" in page.content.decode()
    levels = ["minor", "general", "serious", "grave"]
    payload: dict[str, str] = {"step-TOTAL_FORMS": "4", "step-INITIAL_FORMS": "4", "step-MIN_NUM_FORMS": "4",
                               "step-MAX_NUM_FORMS": "4"}
    for index, level in enumerate(levels):
        payload[f"step-{index}-level"] = level
    payload.update({"step-1-outcome": "fine", "step-1-facts": "一般", "step-1-min_yuan": "500", "step-1-max_yuan": "30000"})
    response = client.post(url, payload)
    assert response.status_code == 200 and "超出法定幅度" in response.content.decode()
    assert world.road.discretion_steps.count() == 4
    payload["step-1-max_yuan"] = "8000"
    assert client.post(url, payload).status_code == 302
    assert [str(s) for s in world.road.discretion_steps.all()] == ["一般：罚款500元至8000元"]


def test_an_administrator_adds_an_exemption_entry(client, admin, world):
    logged_in(client, admin)
    assert client.get(f"/catalog/{world.road.pk}/exemptions/new/").status_code == 200
    assert client.post(f"/catalog/{world.road.pk}/exemptions/new/", {
        "kind": "first_violation", "conditions": " ", "source": ""}).status_code == 200
    response = client.post(f"/catalog/{world.road.pk}/exemptions/new/", {
        "kind": "first_violation", "conditions": "首次占道且当场改正", "source": "红山区首违不罚清单"})
    assert response.status_code == 302
    assert "首次占道且当场改正" in client.get(f"/catalog/{world.road.pk}/").content.decode()


# --- the recommendation tool --------------------------------------------------------------------------
def test_the_recommendation_tool_shows_the_range_and_a_deviation(client, officer_a, world):
    logged_in(client, officer_a)
    response = client.get(f"/catalog/{world.road.pk}/", {"recommend": "1", "harm": "general", "proposed_yuan": "8000"})
    html = response.content.decode()
    assert "罚款 1000 元至 5000 元" in html
    assert "违法情节：一般（占道面积2至5平方米）" in html
    assert "《中华人民共和国行政处罚法》第三十四条" in html
    assert "拟罚款 8000 元不在裁量基准建议的 1000 元至 5000 元之间" in html
    assert_csp_clean(html)


def test_the_recommendation_tool_by_post_with_mitigation_and_a_proposal_inside(client, officer_a, world):
    logged_in(client, officer_a)
    response = client.post(f"/catalog/{world.road.pk}/", {
        "harm": "serious", "mitigating": ["confessed"], "proposed_yuan": "6000"})
    html = response.content.decode()
    assert "罚款 5000 元至 7500 元" in html and "从轻处罚" in html
    assert 'data-test="within"' in html and 'data-test="deviation"' not in html


def test_the_recommendation_tool_for_a_first_violation(client, officer_a, world):
    response = logged_in(client, officer_a).get(f"/catalog/{world.road.pk}/", {
        "recommend": "1", "harm": "minor", "first_violation": "on", "corrected_in_time": "on", "proposed_yuan": "100"})
    html = response.content.decode()
    assert "可以不予行政处罚（首违不罚）" in html and "第三十三条第一款" in html
    assert 'data-test="within"' not in html  # no range to be inside of


def test_the_recommendation_tool_on_a_step_without_a_fine(client, officer_a, world):
    response = logged_in(client, officer_a).get(f"/catalog/{world.road.pk}/", {
        "recommend": "1", "harm": "general", "level": "minor", "proposed_yuan": "500"})
    html = response.content.decode()
    assert "本档处罚为警告" in html and "违法情节：轻微" in html


def test_a_bad_proposed_amount_is_a_form_error(client, officer_a, world):
    response = logged_in(client, officer_a).get(f"/catalog/{world.road.pk}/", {
        "recommend": "1", "harm": "general", "proposed_yuan": "八千"})
    assert response.status_code == 200 and "不是有效数字" in response.content.decode()
    assert response.context["result"] is None


# --- counts -------------------------------------------------------------------------------------------
def test_the_counts_page_shows_two_dates_side_by_side(client, officer_a, world):
    services.matter_remove(matter=world.spitting, actor=None,
                           change=ChangeRecord(date=dt.date(2024, 1, 1), document_number="红编发〔2024〕1号"))
    response = logged_in(client, officer_a).get("/catalog/counts/", {"date": "2023-03-01", "compare_to": "2024-12-31"})
    first, second = response.context["counts"]
    assert (first.in_force, first.delegated, first.removed) == (2, 0, 0)
    assert (second.in_force, second.delegated, second.removed) == (2, 1, 1)
    lines = {line.category: [(c.in_force, c.delegated, c.removed) for c in line.cells]
             for line in response.context["lines"]}
    assert lines == {"市容环境卫生": [(1, 0, 0), (0, 0, 1)], "市政公用": [(1, 0, 0), (1, 1, 0)],
                     "城乡规划": [(0, 0, 0), (1, 0, 0)]}
    html = response.content.decode()
    assert "2023年3月1日" in html and "2024年12月31日" in html
    assert_csp_clean(html)


def test_the_counts_page_reports_a_bad_date(client, officer_a, world):
    response = logged_in(client, officer_a).get("/catalog/counts/", {"date": "昨天"})
    assert response.status_code == 200 and "日期格式不对" in response.content.decode()
    assert len(response.context["counts"]) == 1  # today's count meanwhile


# --- delegations ----------------------------------------------------------------------------------------
def test_an_administrator_registers_and_revokes_a_delegation(client, admin, world):
    logged_in(client, admin)
    page = client.get("/catalog/delegations/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "红星镇" in html and "SZ-001" in html and "对占道堆放物料" not in html  # only the bureau's own
    other = accounts_services.township_create(bureau=admin.bureau, name="柳泉乡", actor=None)
    response = client.post("/catalog/delegations/new/", {
        "number": "红政发〔2025〕1号", "title": "关于向柳泉乡下放执法事项的决定", "date": "2025-02-01",
        "evaluation_dates": "2026-02-01，2027-02-01", "townships": [other.pk],
        "matters": [world.road.pk, world.spitting.pk],
    })
    assert response.status_code == 302
    delegation = Delegation.objects.get(number="红政发〔2025〕1号")
    assert list(delegation.townships.all()) == [other]
    assert set(delegation.matters.all()) == {world.road, world.spitting}
    assert delegation.evaluation_dates == ["2026-02-01", "2027-02-01"]
    listing = client.get("/catalog/delegations/").content.decode()
    assert "关于向柳泉乡下放执法事项的决定" in listing
    response = client.post(f"/catalog/delegations/{delegation.pk}/revoke/", {"revoked_on": "2025-01-01"})
    delegation.refresh_from_db()
    assert delegation.revoked_on is None  # before the decision took effect: refused
    client.post(f"/catalog/delegations/{delegation.pk}/revoke/", {"revoked_on": "2025-12-31"})
    delegation.refresh_from_db()
    assert delegation.revoked_on == dt.date(2025, 12, 31)


def test_a_delegation_needs_a_township_and_a_known_date(client, admin, world):
    response = logged_in(client, admin).post("/catalog/delegations/new/", {
        "number": "红政发〔2025〕2号", "title": "决定", "date": "2025-02-01", "evaluation_dates": "明年",
        "matters": [world.road.pk],
    })
    html = response.content.decode()
    assert "请至少选择一个承接的乡镇（街道）" in html and "无法识别的日期：明年" in html
    assert not Delegation.objects.filter(number="红政发〔2025〕2号").exists()


def test_an_officer_reads_delegations_without_revoke_buttons(client, officer_a, world):
    html = logged_in(client, officer_a).get("/catalog/delegations/").content.decode()
    assert "关于向乡镇下放部分行政执法权的决定" in html and "revoke" not in html


# --- hearing thresholds (art. 63) -----------------------------------------------------------------------
def test_an_administrator_sets_the_hearing_thresholds_in_yuan(client, admin, world):
    logged_in(client, admin)
    page = client.get("/catalog/settings/hearing/")
    assert page.status_code == 200 and 'value="10000"' in page.content.decode()
    response = client.post("/catalog/settings/hearing/", {
        "citizen_yuan": "5000", "organisation_yuan": "50,000", "source": "自治区规定"})
    assert response.status_code == 302
    threshold = HearingThreshold.objects.get(bureau=admin.bureau)
    assert (threshold.citizen_fen, threshold.organisation_fen) == (5000_00, 50000_00)
    assert client.post("/catalog/settings/hearing/", {
        "citizen_yuan": "0", "organisation_yuan": "1"}).status_code == 200  # the service refuses zero
    threshold.refresh_from_db()
    assert threshold.citizen_fen == 5000_00


def test_an_officer_reads_the_thresholds_and_cannot_change_them(client, officer_a, world):
    logged_in(client, officer_a)
    html = client.get("/catalog/settings/hearing/").content.decode()
    assert "红山区综合行政执法局" in html and "<form method=\"post\" novalidate" not in html
    assert client.post("/catalog/settings/hearing/", {"citizen_yuan": "1", "organisation_yuan": "1"}).status_code == 403
    assert not HearingThreshold.objects.exists()


# --- the basis line parser ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("《城市道路管理条例》第四十二条：违反本条例……", [("城市道路管理条例", "第四十二条", "", "违反本条例……")]),
    ("《中华人民共和国城乡规划法》第六十四条", [("中华人民共和国城乡规划法", "第六十四条", "", "")]),
    ("城乡规划法第六十四条第一款：未取得", [("城乡规划法", "第六十四条", "第一款", "未取得")]),
    ("《城市市容和环境卫生管理条例》第三十四条第（一）项: 有下列行为之一者；（一）随地吐痰",
     [("城市市容和环境卫生管理条例", "第三十四条", "第（一）项", "有下列行为之一者；（一）随地吐痰")]),
    ("《A条例》第五条第一款第(二)项、第二款：甲；《B条例》第六条：乙",
     [("A条例", "第五条", "第一款第(二)项、第二款", "甲"), ("B条例", "第六条", "", "乙")]),
    ("1、《A条例》第五条\n\n2.《B条例》第十条之一", [("A条例", "第五条", "", ""), ("B条例", "第十条之一", "", "")]),
])
def test_basis_lines_parse(text, expected):
    bases, errors = basis_lines_parse(text)
    assert errors == []
    assert [(b.law, b.article, b.clause, b.text) for b in bases] == expected


@pytest.mark.parametrize(("text", "message"), [
    ("第四十二条：没有法律名称", "缺少法律法规名称"),
    ("《城市道路管理条例》四十二条", "无法识别"),
    ("《城市道路管理条例》第四十二条规定的行为", "不是款、项"),
])
def test_basis_lines_parse_names_what_is_wrong(text, message):
    bases, errors = basis_lines_parse(text)
    assert bases == [] and len(errors) == 1 and message in errors[0] and errors[0].startswith("第 1 条依据")
