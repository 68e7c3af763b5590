"""Excel exchange of the catalog: the amount and penalty parsers, the dry run with per-row errors, the real
import in one transaction, re-import by code with history, and export → import round trips."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import logged_in, make_user
from zhifa.accounts import services as accounts_services
from zhifa.accounts.roles import Role
from zhifa.catalog import excel, services
from zhifa.catalog.models import EnforcementMatter, MatterChange
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData

TRANSFER = ChangeRecord(date=dt.date(2023, 1, 1), document_number="红编发〔2023〕1号")
CHANGE = {"date": "2025-01-01", "document_number": "红编发〔2025〕6号", "reason": "目录年度调整", "event": "add"}

GOOD_ROWS: list[list[Any]] = [
    [1, "SZ-101", "对擅自占用城市道路行为的行政处罚", "市政公用",
     "《城市道路管理条例》第二十七条第（一）项：城市道路范围内禁止下列行为：……",
     "《城市道路管理条例》第四十二条：违反本条例第二十七条规定……可以处以2万元以下的罚款",
     "责令限期改正，可以处以2万元以下的罚款", "区综合行政执法局", "市政执法中队", ""],
    [2, "GH-101", "对未取得建设工程规划许可证进行建设的行政处罚", "城乡规划",
     "《中华人民共和国城乡规划法》第四十条",
     "《中华人民共和国城乡规划法》第六十四条：……处建设工程造价百分之五以上百分之十以下的罚款",
     "处建设工程造价百分之五以上百分之十以下的罚款", "区综合行政执法局", "规划执法中队", "重大案件须法制审核"],
]


def workbook_bytes(rows: list[list[Any]], header: tuple[str, ...] = excel.COLUMNS, title: str | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "目录.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=excel.XLSX_CONTENT_TYPE)


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # the kept uploads go to tmp_path/tmp


def dry_run(client, content: bytes, name: str = "目录.xlsx", **change: str):
    return client.post("/catalog/import/", {"file": upload(content, name), **{**CHANGE, **change}})


def confirm(client, response):
    return client.post("/catalog/import/confirm/", {"token": response.context["token"]})


# --- the Chinese amount parser ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "fen"), [
    ("一万", 10_000_00), ("二千", 2_000_00), ("两千", 2_000_00), ("5000元", 5_000_00), ("十万", 100_000_00),
    ("五百元", 500_00), ("一百万", 1_000_000_00), ("二万五千", 25_000_00), ("一千五百", 1_500_00),
    ("一百零五", 105_00), ("三十", 30_00), ("十", 10_00), ("1.5万", 15_000_00), ("2万元", 20_000_00),
    ("10,000元", 10_000_00), ("３０００", 3_000_00), ("人民币五十元", 50_00), ("0.5", 50),
    ("万", None), ("若干", None), ("", None), ("5 000", None), ("0.001", None),
])
def test_chinese_amounts(text, fen):
    assert excel.chinese_amount_fen(text) == fen


@pytest.mark.parametrize(("text", "expected"), [
    ("处一万元以上十万元以下罚款", [("fine", 10_000_00, 100_000_00, None, None, "", "")]),
    ("处五百元以上二千元以下的罚款", [("fine", 500_00, 2_000_00, None, None, "", "")]),
    ("处建设工程造价百分之五以上百分之十以下的罚款",
     [("fine_multiple", None, None, Decimal("0.05"), Decimal("0.1"), "建设工程造价", "")]),
    ("警告", [("warning", None, None, None, None, "", "")]),
    ("责令改正，给予警告，可以处以2万元以下的罚款", [
        ("warning", None, None, None, None, "", ""), ("fine", 0, 20_000_00, None, None, "", ""),
        ("order_correct", None, None, None, None, "", "")]),
    ("没收违法所得，并处违法所得一倍以上三倍以下的罚款", [
        ("fine_multiple", None, None, Decimal(1), Decimal(3), "违法所得", ""),
        ("confiscate_gains", None, None, None, None, "", "")]),
    ("对单位处10万元以上30万元以下罚款，对个人处2万元以上10万元以下罚款", [
        ("fine", 100_000_00, 300_000_00, None, None, "", "对单位"),
        ("fine", 20_000_00, 100_000_00, None, None, "", "对个人")]),
    ("限期拆除，可以并处临时建设工程造价一倍以下的罚款", [
        ("fine_multiple", None, None, Decimal(0), Decimal(1), "临时建设工程造价", ""),
        ("demolish", None, None, None, None, "", "")]),
    ("处以罚款", [("fine", None, None, None, None, "", "")]),
    # The forms with 罚款 first, as lists and the platform's own export write them:
    ("警告；罚款3000元以下（单位）；罚款200元以下（个人）", [
        ("warning", None, None, None, None, "", ""), ("fine", 0, 3_000_00, None, None, "", "对单位"),
        ("fine", 0, 200_00, None, None, "", "对个人")]),
    ("罚款1000元至5000元", [("fine", 1_000_00, 5_000_00, None, None, "", "")]),
    ("罚款30000元以下（可以处三万元以下的罚款）", [("fine", 0, 30_000_00, None, None, "", "")]),
    ("按倍数或比例罚款（工程造价的0.0500至0.1000）", [
        ("fine_multiple", None, None, Decimal("0.05"), Decimal("0.1"), "工程造价", "")]),
    ("处二百元罚款", [("fine", 200_00, 200_00, None, None, "", "")]),
    ("依照有关法律法规处理", []),
])
def test_penalties_recognised_in_text(text, expected):
    found = [(p.kind, p.min_fen, p.max_fen, p.min_multiple, p.max_multiple, p.multiple_of, p.note)
             for p in excel.penalties_from_text(text)]
    assert found == expected


# --- dry run and errors ---------------------------------------------------------------------------------------
def test_the_dry_run_reports_what_would_be_created_and_writes_nothing(client, admin):
    logged_in(client, admin)
    assert client.get("/catalog/import/").status_code == 200
    response = dry_run(client, workbook_bytes(GOOD_ROWS))
    html = response.content.decode()
    assert response.status_code == 200
    assert "试导入检查通过，尚未写入任何数据" in html and "确认后将新增 2 项" in html
    report = response.context["report"]
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert [(o.row, o.code, o.action) for o in report.outcomes] == [(2, "SZ-101", "create"), (3, "GH-101", "create")]
    assert not EnforcementMatter.objects.exists()
    assert not MatterChange.objects.exists()
    assert response.context["token"]


def test_one_bad_row_among_good_ones_is_reported_and_nothing_is_written(client, admin):
    logged_in(client, admin)
    bad = [3, "SR-101", "对乱倒垃圾行为的行政处罚", "城市管理", "《城市市容和环境卫生管理条例》第二十八条",
           "城市市容条例三十四", "警告", "", "", ""]
    response = dry_run(client, workbook_bytes([*GOOD_ROWS, bad]))
    report = response.context["report"]
    assert not report.ok and response.context["token"] is None
    # The unreadable basis stops the row before the services see it (its category is checked next time).
    assert [(e.row, e.column) for e in report.errors] == [(4, "处罚依据")]
    html = response.content.decode()
    assert "第 4 行" in html and "处罚依据" in html and "无法识别" in html
    assert "确认导入" not in html
    assert not EnforcementMatter.objects.exists()


def test_an_unknown_category_names_the_allowed_ones(admin):
    row = [1, "SR-101", "对乱倒垃圾行为的行政处罚", "城市管理", "", "《城市市容和环境卫生管理条例》第三十四条",
           "警告", "", "", ""]
    rows = excel.catalog_rows_read(workbook_bytes([GOOD_ROWS[0], row]))
    report = excel.catalog_import(rows=rows, change=TRANSFER, actor=admin, dry_run=False)
    assert not report.committed
    [error] = report.errors
    assert (error.row, error.column) == (3, "事项类别")
    assert "城市管理" in error.message and "市容环境卫生、城乡规划" in error.message
    assert not EnforcementMatter.objects.exists()  # the good first row was rolled back with it


def test_a_code_twice_in_one_file_is_an_error(admin):
    rows = excel.catalog_rows_read(workbook_bytes([GOOD_ROWS[0], GOOD_ROWS[0]]))
    report = excel.catalog_import(rows=rows, change=TRANSFER, actor=admin, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "事项编码")]
    assert "与第 2 行重复" in report.errors[0].message


def test_missing_columns_are_named(client, admin):
    response = dry_run(logged_in(client, admin), workbook_bytes([], header=("序号", "事项编码", "事项名称")))
    html = response.content.decode()
    assert "表头缺少以下列：事项类别、违法依据、处罚依据、处罚种类及幅度、实施主体、承办机构、备注" in html
    assert response.context["report"] is None


def test_a_renamed_file_that_is_not_xlsx_is_refused(client, admin):
    logged_in(client, admin)
    html = dry_run(client, "事项编码,事项名称\nA,B\n".encode(), name="目录.xlsx").content.decode()
    assert "文件内容不是 Excel（.xlsx）表格" in html
    html = dry_run(client, b"\xd0\xcf\x11\xe0" + b"\0" * 100, name="目录.xlsx").content.decode()
    assert "旧版 Excel（.xls）" in html
    html = dry_run(client, b"PK\x03\x04not really a zip", name="目录.xlsx").content.decode()
    assert "无法读取该 Excel 文件" in html
    assert not EnforcementMatter.objects.exists()


def test_a_file_over_the_limit_is_refused(client, admin, settings):
    settings.ZHIFA_IMPORT_MAX_BYTES = 1000
    html = dry_run(logged_in(client, admin), workbook_bytes(GOOD_ROWS)).content.decode()
    assert "文件过大" in html


def test_the_change_record_needs_a_document_number(client, admin):
    response = dry_run(logged_in(client, admin), workbook_bytes(GOOD_ROWS), document_number="")
    assert "请填写调整依据文件的文号" in response.content.decode()
    assert response.context["report"] is None and not EnforcementMatter.objects.exists()


def test_a_title_row_and_merged_category_cells_are_understood(admin):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["红山区综合行政执法局行政处罚事项目录"])
    sheet.append(list(excel.COLUMNS))
    sheet.append([1, "SR-201", "事项甲", "市容环境卫生", "", "《条例》第一条", "警告", "", "", ""])
    sheet.append([2, "SR-202", "事项乙", None, "", "《条例》第二条", "警告", "", "", ""])
    sheet.merge_cells("D3:D4")
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = excel.catalog_rows_read(buffer.getvalue())
    assert [(r.number, r.values["事项类别"]) for r in rows] == [(3, "市容环境卫生"), (4, "市容环境卫生")]
    report = excel.catalog_import(rows=rows, change=TRANSFER, actor=admin, dry_run=True)
    assert report.ok and report.created == 2


# --- the real import ------------------------------------------------------------------------------------------
def test_confirming_the_dry_run_creates_the_matters_with_history(client, admin, settings):
    logged_in(client, admin)
    response = dry_run(client, workbook_bytes(GOOD_ROWS), event="transfer_in")
    kept = list((Path(settings.DATA_DIR) / "tmp").glob("catalog-import-*.xlsx"))
    assert len(kept) == 1
    done = confirm(client, response)
    assert done.status_code == 200 and "导入完成" in done.content.decode()
    assert not kept[0].exists()  # the kept upload is removed once used
    road = EnforcementMatter.objects.get(bureau=admin.bureau, code="SZ-101")
    assert road.handling_unit == "市政执法中队" and road.penalty_summary == "责令限期改正，可以处以2万元以下的罚款"
    assert [p.describe() for p in road.penalties.all()] == ["罚款20000元以下", "责令改正"]
    assert [b.citation for b in road.bases.all()] == ["《城市道路管理条例》第四十二条", "《城市道路管理条例》第二十七条第（一）项"]
    planning = EnforcementMatter.objects.get(bureau=admin.bureau, code="GH-101")
    assert planning.penalties.get().max_multiple == Decimal("0.1")
    change = road.changes.get()
    assert (change.event, change.date, change.document_number, change.recorded_by) == (
        "transfer_in", dt.date(2025, 1, 1), "红编发〔2025〕6号", admin)
    # The token is spent: confirming again imports nothing twice.
    again = confirm(client, response)
    assert again.status_code == 302 and EnforcementMatter.objects.count() == 2


def test_a_confirmation_with_another_token_is_refused(client, admin):
    logged_in(client, admin)
    dry_run(client, workbook_bytes(GOOD_ROWS))
    response = client.post("/catalog/import/confirm/", {"token": "A" * 32})
    assert response.status_code == 302 and not EnforcementMatter.objects.exists()


def test_another_administrator_cannot_confirm_my_upload(client, admin, org):
    logged_in(client, admin)
    token = dry_run(client, workbook_bytes(GOOD_ROWS)).context["token"]
    other = make_user("admin_red_2", [Role.ADMINISTRATOR], org.red)
    client.logout()
    logged_in(client, other)
    assert client.post("/catalog/import/confirm/", {"token": token}).status_code == 302
    assert not EnforcementMatter.objects.exists()


def test_a_reimport_with_a_changed_name_updates_by_code_and_records_it(client, admin):
    logged_in(client, admin)
    confirm(client, dry_run(client, workbook_bytes(GOOD_ROWS)))
    renamed = [list(row) for row in GOOD_ROWS]
    renamed[0][2] = "对擅自占用、挖掘城市道路行为的行政处罚"
    response = dry_run(client, workbook_bytes(renamed), document_number="红编发〔2025〕8号", date="2025-06-01")
    report = response.context["report"]
    assert [(o.code, o.action, o.changed) for o in report.outcomes] == [
        ("SZ-101", "update", ["事项名称"]), ("GH-101", "unchanged", [])]
    assert "更新" in response.content.decode() and "事项名称" in response.content.decode()
    road = EnforcementMatter.objects.get(bureau=admin.bureau, code="SZ-101")
    assert road.name == "对擅自占用城市道路行为的行政处罚"  # the dry run wrote nothing
    confirm(client, response)
    road.refresh_from_db()
    assert road.name == "对擅自占用、挖掘城市道路行为的行政处罚"
    amend = road.changes.get(event=MatterChange.Event.AMEND)
    assert amend.before == {"name": "对擅自占用城市道路行为的行政处罚"}
    assert (amend.date, amend.document_number) == (dt.date(2025, 6, 1), "红编发〔2025〕8号")
    html = client.get(f"/catalog/{road.pk}/").content.decode()
    assert "对擅自占用城市道路行为的行政处罚 → 对擅自占用、挖掘城市道路行为的行政处罚" in html


def test_a_removed_matter_cannot_be_changed_by_import(admin):
    rows = excel.catalog_rows_read(workbook_bytes(GOOD_ROWS))
    excel.catalog_import(rows=rows, change=TRANSFER, actor=admin, dry_run=False)
    matter = EnforcementMatter.objects.get(bureau=admin.bureau, code="GH-101")
    services.matter_remove(matter=matter, actor=None,
                           change=ChangeRecord(date=dt.date(2024, 6, 1), document_number="红编发〔2024〕2号"))
    report = excel.catalog_import(rows=rows, change=TRANSFER, actor=admin, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "事项编码")]
    assert "已从目录中取消" in report.errors[0].message


def test_import_is_per_bureau(client, admin, blue_admin):
    """The same code in another bureau is another matter: 蓝's import creates, it never touches 红's."""
    excel.catalog_import(rows=excel.catalog_rows_read(workbook_bytes(GOOD_ROWS)), change=TRANSFER, actor=admin,
                         dry_run=False)
    renamed = [list(row) for row in GOOD_ROWS]
    renamed[0][2] = "蓝局的名称"
    report = excel.catalog_import(rows=excel.catalog_rows_read(workbook_bytes(renamed)), change=TRANSFER,
                                  actor=blue_admin, dry_run=False)
    assert report.committed and report.created == 2
    assert EnforcementMatter.objects.get(bureau=admin.bureau, code="SZ-101").name == "对擅自占用城市道路行为的行政处罚"


# --- export ---------------------------------------------------------------------------------------------------
@pytest.fixture
def red_matters(org) -> list[EnforcementMatter]:
    """Matters made on screen: structured penalties, a summary or none, bases with clauses and long text."""
    road = services.matter_create(bureau=org.red, change=TRANSFER, actor=None, data=MatterData(
        code="SZ-001", name="对擅自占道经营行为的行政处罚", category="市政公用", subject="公民、法人或其他组织",
        handling_unit="市政中队", note="=SUM(A1)",  # must stay text, never a formula
        violation_bases=[BasisData("城市道路管理条例", "第二十七条", "第（五）项", "城市道路范围内禁止下列行为：……")],
        penalty_bases=[BasisData("城市道路管理条例", "第四十二条", "",
                                 "违反本条例第二十七条规定，或者有下列行为之一的；\n造成损失的，应当依法承担赔偿责任")],
        penalties=[PenaltyData("fine", min_fen=0, max_fen=20_000_00, note="可以处以")],
        penalty_summary="责令限期改正，可以处以2万元以下的罚款",
    ))
    plan = services.matter_create(bureau=org.red, change=TRANSFER, actor=None, data=MatterData(
        code="GH-001", name="对未批先建的行政处罚", category="城乡规划",
        penalty_bases=[BasisData("中华人民共和国城乡规划法", "第六十四条", "第一款第（二）项、第二款")],
        penalties=[PenaltyData("fine_multiple", min_multiple=Decimal("0.05"), max_multiple=Decimal("0.1"),
                               multiple_of="建设工程造价"), PenaltyData("demolish")],
    ))
    services.matter_create(bureau=org.blue, change=TRANSFER, actor=None, data=MatterData(
        code="BL-001", name="蓝局事项", category="其他", penalty_bases=[BasisData("某条例", "第一条")]))
    return [road, plan]


def read_sheet(content: bytes) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_writes_the_scoped_list_in_the_exchange_columns(client, officer_a, red_matters):
    response = logged_in(client, officer_a).get("/catalog/export.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    rows = read_sheet(response.content)
    assert tuple(rows[0]) == excel.COLUMNS
    assert [row[1] for row in rows[1:]] == ["GH-001", "SZ-001"]  # 蓝's matter is not in 红's export
    plan, road = rows[1], rows[2]
    assert road[4] == "《城市道路管理条例》第二十七条第（五）项：城市道路范围内禁止下列行为：……"
    assert road[6] == "责令限期改正，可以处以2万元以下的罚款" and road[9] == "=SUM(A1)"
    assert plan[5] == "《中华人民共和国城乡规划法》第六十四条第一款第（二）项、第二款"
    assert plan[6] == "按倍数或比例罚款（建设工程造价的0.0500至0.1000）；限期拆除"


def test_export_as_of_a_date(client, officer_a, red_matters):
    response = logged_in(client, officer_a).get("/catalog/export.xlsx", {"as_of": "2022-12-31"})
    assert read_sheet(response.content) == [list(excel.COLUMNS)]


def test_export_then_import_round_trips_unchanged(client, admin, red_matters):
    logged_in(client, admin)
    exported = client.get("/catalog/export.xlsx").content
    response = dry_run(client, exported)
    report = response.context["report"]
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    confirm(client, response)
    assert not MatterChange.objects.filter(event=MatterChange.Event.AMEND).exists()
    road = EnforcementMatter.objects.get(code="SZ-001", bureau=admin.bureau)
    assert [p.note for p in road.penalties.all()] == ["可以处以"]  # structured penalties kept as they were


def test_a_township_export_holds_only_its_delegated_matters(client, org, red_matters):
    town = accounts_services.township_create(bureau=org.red, name="红星镇", actor=None)
    services.delegation_create(bureau=org.red, number="红政发〔2023〕18号", title="下放决定", date=dt.date(2023, 6, 1),
                               townships=[town], matters=[red_matters[0]], actor=None)
    user = make_user("town_user", [Role.OFFICER], org.red)
    user.township = town
    user.save()
    rows = read_sheet(logged_in(client, user).get("/catalog/export.xlsx").content)
    assert [row[1] for row in rows[1:]] == ["SZ-001"]


def test_the_import_template_is_the_header_row(client, admin):
    rows = read_sheet(logged_in(client, admin).get("/catalog/import/template.xlsx").content)
    assert rows == [list(excel.COLUMNS)]
