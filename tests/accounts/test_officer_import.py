"""Importing people from Excel: the dry run writes nothing, one bad row stops the whole file, re-import updates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.accounts.test_people_world import (
    Staff,
    id_number,
    staff_build,
    xlsx_bytes,
    xlsx_rows,
)
from tests.conftest import logged_in
from zhifa.accounts import officer_import
from zhifa.accounts.models import Certificate, Department, Officer
from zhifa.accounts.officer_import import COLUMNS, ImportFileError
from zhifa.audit.models import AuditEvent

HEADER = [column.header for column in COLUMNS]

@pytest.fixture
def staff(org) -> Staff:
    return staff_build(org)


def row(seq: int, name: str, *, department: str = "第一中队", kind: str = "执法人员", cert: str = "", **over: Any) -> list[Any]:
    values: dict[str, Any] = {
        "序号": seq, "姓名": name, "人员类别": kind, "所属机构": department, "职务": "执法队员",
        "身份证号": id_number(500 + seq), "联系电话": f"1390000{seq:04d}", "执法证号": cert,
        "发证机关": "红山区人民政府" if cert else "", "执法区域及类别": "红山区" if cert else "",
        "有效期自": dt.date(2024, 1, 1) if cert else "", "有效期至": "2028-12-31" if cert else "",
        "证件状态": "有效" if cert else "", "法律职业资格": "否", "培训学时": 24,
    }
    values.update(over)
    return [values[header] for header in HEADER]


GOOD = [
    HEADER,
    row(1, "陈一", cert="IMP-0001"),
    row(2, "陈二", cert="IMP-0002", 有效期自="2024/02/01", 有效期至="2029年1月31日", 法律职业资格="是"),
    row(3, "陈三", kind="协管员", department="第二中队"),
]


def upload(content: bytes, name: str = "人员.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def as_admin(client: Client, admin) -> Client:
    return logged_in(client, admin)


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # the kept uploads go to tmp_path/tmp, one folder per test


def dry_run(client: Client, content: bytes, name: str = "人员.xlsx"):
    return client.post(reverse("people:import"), {"file": upload(content, name)})


def confirm(client: Client, response) -> Any:
    token = response.context["token"]
    assert token, "the dry run should have offered the confirmation"
    return client.post(reverse("people:import_confirm"), {"token": token})


def imported_names() -> set[str]:
    return set(Officer.objects.filter(name__startswith="陈").values_list("name", flat=True))


# --- the dry run and the import --------------------------------------------------------------------------
def test_the_dry_run_writes_nothing_and_shows_what_would_be_created(as_admin, org):
    officers, certificates, events = Officer.objects.count(), Certificate.objects.count(), AuditEvent.objects.count()
    response = dry_run(as_admin, xlsx_bytes(GOOD))
    report = response.context["report"]
    assert (report.ok, report.dry_run, report.committed) == (True, True, False)
    assert (report.created, report.certificates_created) == (3, 2)
    page = response.content.decode()
    assert "试导入检查通过" in page and "新增人员 3 人" in page and "确认导入" in page
    assert (Officer.objects.count(), Certificate.objects.count(), AuditEvent.objects.count()) == (
        officers, certificates, events
    )


def test_confirming_imports_officers_and_certificates_in_one_go(as_admin, admin, org):
    response = confirm(as_admin, dry_run(as_admin, xlsx_bytes(GOOD)))
    assert response.context["report"].committed
    assert "导入完成" in response.content.decode()
    assert imported_names() == {"陈一", "陈二", "陈三"}
    chen_er = Officer.objects.get(name="陈二")
    assert (chen_er.department_id, chen_er.legal_qualified, str(chen_er.training_hours)) == (org.team_a.pk, True, "24.0")
    assert chen_er.id_number_hash and chen_er.id_number_masked.startswith("110101") and "*" in chen_er.id_number_masked
    certificate = Certificate.objects.get(number="IMP-0002")
    assert (certificate.officer_id, certificate.valid_from, certificate.valid_to) == (
        chen_er.pk, dt.date(2024, 2, 1), dt.date(2029, 1, 31)
    )
    assert Officer.objects.get(name="陈三").kind == Officer.Kind.ASSISTANT
    summary = AuditEvent.objects.get(action="officer.import")
    assert summary.actor_id == admin.pk and summary.after["created"] == 3
    assert AuditEvent.objects.filter(action="officer.create").count() >= 3
    assert not list((Path(settings.DATA_DIR) / "tmp").glob("people-import-*"))  # the kept file is gone


def test_one_bad_row_among_good_ones_is_reported_and_nothing_is_written(as_admin, org):
    bad_id = id_number(777)[:-1] + ("0" if id_number(777)[-1] != "0" else "1")
    rows = [*GOOD, row(4, "陈四", 身份证号=bad_id)]
    response = dry_run(as_admin, xlsx_bytes(rows))
    report = response.context["report"]
    assert not report.ok and response.context["token"] is None
    assert [(e.row, e.column) for e in report.errors] == [(5, "身份证号")]
    assert "校验位不符" in report.errors[0].message
    page = response.content.decode()
    assert "第 5 行" in page and "身份证号" in page and "校验位不符" in page
    assert "确认导入" not in page
    assert imported_names() == set()


def test_a_forged_or_stale_confirmation_imports_nothing(as_admin, org):
    response = dry_run(as_admin, xlsx_bytes(GOOD))
    forged = as_admin.post(reverse("people:import_confirm"), {"token": "A" * 32})
    assert forged.status_code == 302
    assert imported_names() == set()
    assert confirm(as_admin, response).context["report"].committed
    # The same token a second time: the file was used up.
    again = as_admin.post(reverse("people:import_confirm"), {"token": response.context["token"]})
    assert again.status_code == 302


def test_the_confirmation_rechecks_the_file_against_the_database_of_now(as_admin, org):
    response = dry_run(as_admin, xlsx_bytes(GOOD))
    # Someone registers certificate IMP-0002 to another person between the dry run and the confirmation.
    from tests.accounts.test_people_world import person

    person(org.red, org.team_b, "他人", seq=888, certificates=(
        ("IMP-0002", dt.date(2024, 1, 1), dt.date(2030, 1, 1), Certificate.Status.VALID),))
    result = confirm(as_admin, response).context["report"]
    assert not result.committed
    assert [(e.row, e.column) for e in result.errors] == [(3, "执法证号")]
    assert imported_names() == set()


def test_re_import_updates_by_id_number_and_reports_what_changed(as_admin, org):
    confirm(as_admin, dry_run(as_admin, xlsx_bytes(GOOD)))
    first = Officer.objects.get(name="陈一")
    changed = [
        HEADER,
        row(1, "陈一", cert="IMP-0001", department="第二中队", 培训学时=36.5, 有效期至="2030-06-30"),
        row(2, "陈二", cert="IMP-0002", 有效期自="2024/02/01", 有效期至="2029年1月31日", 法律职业资格="是"),
        row(3, "陈三", kind="协管员", department="第二中队", 联系电话=""),
    ]
    response = dry_run(as_admin, xlsx_bytes(changed))
    report = response.context["report"]
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    changes = report.outcomes[0].changes
    assert "所属机构：第一中队 → 第二中队" in changes
    assert "培训学时：24.0 → 36.5" in changes
    assert "执法证IMP-0001 有效期至：2028-12-31 → 2030-06-30" in changes
    assert "所属机构：第一中队 → 第二中队" in response.content.decode()
    assert confirm(as_admin, response).context["report"].committed
    again = Officer.objects.get(pk=first.pk)  # the same person, updated in place
    assert (again.department_id, str(again.training_hours)) == (org.team_b.pk, "36.5")
    assert Certificate.objects.get(number="IMP-0001").valid_to == dt.date(2030, 6, 30)
    assert Officer.objects.filter(name__startswith="陈").count() == 3
    assert Officer.objects.get(name="陈三").phone_masked  # a blank phone kept the stored one


def test_csv_utf8_with_bom_is_accepted(as_admin, org):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for values in GOOD:
        writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in values])
    content = buffer.getvalue().encode("utf-8-sig")
    report = dry_run(as_admin, content, "人员.csv").context["report"]
    assert report.ok and report.created == 3


# --- what the report catches, row by row -----------------------------------------------------------------
def report_of(as_admin, rows: list[list[Any]]):
    return dry_run(as_admin, xlsx_bytes([HEADER, *rows])).context["report"]


@pytest.mark.parametrize(("over", "column", "words"), [
    ({"人员类别": "临时工"}, "人员类别", "应为「执法人员」或「协管员」"),
    ({"所属机构": "第九中队"}, "所属机构", "本局没有名为「第九中队」的机构"),
    ({"所属机构": "第一中队", "身份证号": ""}, "身份证号", "请填写身份证号"),
    ({"证件状态": "注销"}, "证件状态", "应为「有效」「暂扣」「吊销」或「过期」"),
    ({"有效期自": "2024-13-01"}, "有效期自", "无法识别"),
    ({"有效期自": "去年"}, "有效期自", "无法识别"),
    ({"有效期自": "2025-01-01", "有效期至": "2024-01-01"}, "有效期至", "早于有效期自"),
    ({"发证机关": ""}, "发证机关", "请填写发证机关"),
    ({"法律职业资格": "也许"}, "法律职业资格", "应填「是」或「否」"),
    ({"培训学时": "很多"}, "培训学时", "应为数字"),
    ({"联系电话": "12345"}, "联系电话", "电话号码格式不正确"),
    ({"执法证号": "", "发证机关": "某政府"}, "执法证号", "缺少执法证号"),
])
def test_each_kind_of_bad_cell_is_reported_with_row_column_and_reason(as_admin, org, over, column, words):
    report = report_of(as_admin, [row(1, "陈一", cert="IMP-0001", **over)])
    assert [(e.row, e.column) for e in report.errors] == [(2, column)], report.errors
    assert words in report.errors[0].message


def test_an_id_number_typed_as_a_number_gets_a_hint_about_text_cells(as_admin, org):
    report = report_of(as_admin, [row(1, "陈一", 身份证号=110101199001015000)])
    assert "文本格式" in report.errors[0].message


def test_a_certificate_number_twice_in_the_file_is_refused(as_admin, org):
    report = report_of(as_admin, [row(1, "陈一", cert="IMP-0001"), row(2, "陈二", cert="IMP-0001")])
    assert [(e.row, e.column) for e in report.errors] == [(3, "执法证号")]
    assert "与第 2 行重复" in report.errors[0].message


def test_the_same_person_twice_in_the_file_is_refused(as_admin, org):
    report = report_of(as_admin, [row(1, "陈一"), row(2, "陈二", 身份证号=id_number(501))])
    assert [(e.row, e.column) for e in report.errors] == [(3, "身份证号")]


def test_a_certificate_number_held_by_another_person_is_refused_without_naming_them(as_admin, staff):
    report = report_of(as_admin, [row(1, "陈一", cert="BLUE-0001")])
    assert [(e.row, e.column) for e in report.errors] == [(2, "执法证号")]
    assert "已登记在其他人员名下" in report.errors[0].message and "吴十" not in report.errors[0].message


def test_an_assistant_cannot_be_given_a_certificate(as_admin, org):
    report = report_of(as_admin, [row(1, "陈一", kind="协管员", cert="IMP-0001")])
    assert [(e.row, e.column) for e in report.errors] == [(2, "执法证号")]
    assert "协管员不能持有行政执法证" in report.errors[0].message


def test_several_bad_rows_are_all_reported_in_row_order(as_admin, org):
    report = report_of(as_admin, [
        row(1, "陈一", 人员类别="临时工", 所属机构="第九中队"), row(2, "陈二"), row(3, "", 培训学时="x"),
    ])
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "人员类别"), (2, "所属机构"), (4, "姓名"), (4, "培训学时"),
    ]


def test_departments_with_the_same_name_are_told_apart_by_their_parent(as_admin, org):
    from zhifa.accounts import services

    for parent in (org.team_a, org.team_b):
        services.department_create(bureau=org.red, parent=parent, name="机动组", kind=Department.Kind.TEAM, actor=None)
    report = report_of(as_admin, [row(1, "陈一", department="机动组")])
    assert "写成「上级机构/机动组」" in report.errors[0].message
    report = report_of(as_admin, [row(1, "陈一", department="第二中队/机动组")])
    assert report.ok


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-01-31", dt.date(2024, 1, 31)), ("2024/1/31", dt.date(2024, 1, 31)),
    ("2024年1月31日", dt.date(2024, 1, 31)), ("2024.01.31", dt.date(2024, 1, 31)),
    ("20240131", dt.date(2024, 1, 31)), (dt.datetime(2024, 1, 31, 0, 0), dt.date(2024, 1, 31)),
    ("2024-02-30", None), ("31/01/2024", None), ("", None),
])
def test_date_formats(text, expected):
    assert officer_import.parse_date(text) == expected


# --- file-level refusals ---------------------------------------------------------------------------------
def test_a_file_that_is_not_xlsx_but_renamed_is_refused_with_a_message(as_admin, org):
    response = dry_run(as_admin, b"%PDF-1.7 this is not a spreadsheet", "人员.xlsx")
    assert response.context["report"] is None
    assert "不是 Excel（.xlsx）格式" in response.context["form"].errors["file"][0]
    assert "不是 Excel（.xlsx）格式" in response.content.decode()


def test_a_zip_that_is_not_a_workbook_is_refused(as_admin, org):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    response = dry_run(as_admin, buffer.getvalue())
    assert "无法读取该 Excel 文件" in response.context["form"].errors["file"][0]


def test_an_old_xls_file_is_refused_with_advice(as_admin, org):
    response = dry_run(as_admin, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "人员.xls")
    assert "另存为" in response.context["form"].errors["file"][0]


def test_missing_header_columns_are_named(as_admin, org):
    header = [h for h in HEADER if h not in ("身份证号", "证件状态")]
    response = dry_run(as_admin, xlsx_bytes([header, ["1", "陈一"]]))
    message = response.context["form"].errors["file"][0]
    assert "缺少以下列：身份证号、证件状态" in message


def test_an_empty_file_and_a_header_only_file_are_refused(as_admin, org):
    assert "是空的" in dry_run(as_admin, b"").context["form"].errors["file"][0]
    assert "没有人员数据" in dry_run(as_admin, xlsx_bytes([HEADER])).context["form"].errors["file"][0]


def test_a_file_over_the_size_limit_is_refused(as_admin, org, settings):
    settings.ZHIFA_IMPORT_MAX_BYTES = 1000
    response = dry_run(as_admin, xlsx_bytes(GOOD))
    assert "文件过大" in response.context["form"].errors["file"][0]


def test_import_file_read_rejects_unknown_text_files():
    with pytest.raises(ImportFileError, match="不是 Excel"):
        officer_import.import_file_read(content=b"name,id\n", filename="people.txt")


# --- who may import ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["officer_a", "bureau_leader", "supervisor", "auditor"])
def test_only_administrators_and_team_leaders_may_import(client, request, persona, org):
    logged_in(client, request.getfixturevalue(persona))
    assert client.get(reverse("people:import")).status_code == 403
    assert client.post(reverse("people:import"), {"file": upload(xlsx_bytes(GOOD))}).status_code == 403
    assert client.post(reverse("people:import_confirm"), {"token": "A" * 32}).status_code == 403
    assert imported_names() == set()


def test_a_team_leader_imports_only_into_their_own_team(client, team_leader_a, org):
    logged_in(client, team_leader_a)
    report = dry_run(client, xlsx_bytes(GOOD)).context["report"]
    assert [(e.row, e.column) for e in report.errors] == [(4, "所属机构")]  # 陈三 in 第二中队
    assert "不在您可管理的范围内" in report.errors[0].message
    report = dry_run(client, xlsx_bytes([HEADER, row(1, "陈一", department="")])).context["report"]
    assert [(e.row, e.column) for e in report.errors] == [(2, "所属机构")]
    response = dry_run(client, xlsx_bytes(GOOD[:3]))
    assert confirm(client, response).context["report"].committed
    assert imported_names() == {"陈一", "陈二"}


def test_a_team_leader_cannot_update_a_person_of_another_team_through_the_id_number(client, team_leader_a, staff):
    logged_in(client, team_leader_a)
    report = dry_run(client, xlsx_bytes([HEADER, row(1, "王四改", 身份证号=id_number(6))])).context["report"]
    assert [(e.row, e.column) for e in report.errors] == [(2, "身份证号")]
    assert Officer.objects.get(pk=staff["王四"].pk).name == "王四"


def test_the_template_has_every_column_and_the_bureau_units(as_admin, org):
    response = as_admin.get(reverse("people:import_template"))
    assert response.status_code == 200
    assert re.search(r"filename\*=utf-8''", response["Content-Disposition"], re.I)
    assert xlsx_rows(response.content)[0] == HEADER
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    units = {row[0] for row in workbook["本局机构"].iter_rows(min_row=2, values_only=True)}
    assert units == {"第一中队", "第二中队", "政策法规室"}
    # The template itself, filled in, imports: its header is what the reader expects.
    sheet = workbook["人员"]
    for values in GOOD[1:]:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert dry_run(as_admin, buffer.getvalue()).context["report"].created == 3


def test_a_file_with_more_rows_than_the_limit_is_refused(as_admin, org, monkeypatch):
    monkeypatch.setattr(officer_import, "MAX_ROWS", 2)
    response = dry_run(as_admin, xlsx_bytes(GOOD))
    assert "一次最多导入 2 行" in response.context["form"].errors["file"][0]
    assert imported_names() == set()


def test_headers_with_marks_and_hints_are_recognised(as_admin, org):
    header = [f"{h}*" if h in ("姓名", "身份证号") else h for h in HEADER]
    header[HEADER.index("有效期至")] = "有效期至（年-月-日）"
    assert dry_run(as_admin, xlsx_bytes([header, *GOOD[1:]])).context["report"].created == 3


def test_import_file_read_refuses_a_csv_holding_a_nul_character():
    """PostgreSQL cannot store U+0000: a damaged CSV is refused with a message, nothing read."""
    with pytest.raises(ImportFileError, match="空字符"):
        officer_import.import_file_read(content="姓名,身份证号\n王\x00五,1\n".encode(), filename="人员.csv")
