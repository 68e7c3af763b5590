"""Batch import of the hotline's export: dry run, commit all or nothing, per-row errors, duplicates."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import Org, logged_in
from tests.intake.conftest import Categories
from zhifa.audit.models import AuditEvent
from zhifa.intake import importing
from zhifa.intake.models import Complaint
from zhifa.intake.services import complaint_receive

pytestmark = pytest.mark.django_db
URL = "/complaints/exchange/import/"
HEADERS = ["工单编号", "投诉类别", "地点", "纬度", "经度", "诉求内容", "投诉人", "联系电话", "匿名", "受理时间"]


def xlsx(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = [
    ["GD1001", "street-vending", "解放西街12号", None, None, "门前摊贩占道经营", "张三", "13912345678", "否", "2026-11-20 09:30"],
    ["GD1002", "违法建设", "", 38.487193, 106.230909, "小区内私搭乱建", "", "", "是", None],
]


def upload(client: Client, content: bytes, name: str = "export.xlsx") -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def test_dry_run_shows_what_would_be_created_and_stores_nothing(client, org, categories, admin):  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = upload(client, xlsx(GOOD))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and not report.committed and [o.external_id for o in report.created] == ["GD1001", "GD1002"]
    assert response.context["token"] and "确认导入" in response.content.decode()
    assert Complaint.objects.count() == 0
    # Confirm: both created, in the channel "import", numbered, audited once.
    done = client.post("/complaints/exchange/import/confirm/", {"token": response.context["token"]})
    assert done.status_code == 200 and done.context["report"].committed
    complaints = Complaint.objects.order_by("external_id")
    assert [c.external_id for c in complaints] == ["GD1001", "GD1002"]
    assert {c.channel for c in complaints} == {"import"} and all(c.number.startswith("TS") for c in complaints)
    assert complaints[0].reporter_masked == "张某（139****5678）" and complaints[1].anonymous
    assert str(complaints[1].latitude) == "38.487193" and complaints[0].created_by == admin
    assert AuditEvent.objects.filter(action="complaint.import").count() == 1
    # The kept file is gone: a second confirm changes nothing.
    again = client.post("/complaints/exchange/import/confirm/", {"token": response.context["token"]})
    assert again.status_code == 302 and Complaint.objects.count() == 2


def test_row_errors_name_the_row_and_column_and_nothing_is_imported(client, org, categories, admin):  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    rows = [
        GOOD[0],
        ["", "no-such", "某地", None, None, "内容", "", "", "否", None],
        ["GD1003", "street-vending", "某地", None, None, "", "", "12", "也许", None],
        ["GD1004", "street-vending", "某地", 91, 106, "内容", "", "", "", "不是时间"],
    ]
    response = upload(client, xlsx(rows))
    report = response.context["report"]
    assert not report.ok and response.context["token"] is None
    found = {(e.row, e.column) for e in report.errors}
    assert (3, "工单编号") in found and (3, "投诉类别") in found
    assert (4, "匿名") in found
    assert (5, "受理时间") in found
    assert all(e.message for e in report.errors)
    assert "第 3 行" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_service_refusal_is_a_row_error_and_rolls_back_the_rest(org, categories, admin):  # type: ignore[no-untyped-def]
    rows = [GOOD[0], ["GD1003", "street-vending", "某地", None, None, "", "", "", "", None],
            ["GD1004", "street-vending", "某地", None, None, "内容", "", "12", "", None]]
    report = importing.complaints_import(content=xlsx(rows), filename="x.xlsx", bureau=org.red, actor=admin,
                                         dry_run=False)
    assert not report.committed
    assert {(e.row, e.column) for e in report.errors} == {(3, "诉求内容"), (4, "联系电话")}
    assert Complaint.objects.count() == 0


def test_duplicates_are_reported_and_skipped(org: Org, categories: Categories, admin):  # type: ignore[no-untyped-def]
    first = complaint_receive(bureau=org.red, channel="hotline", category=categories.ordinary, place="某地",
                              description="已推送过的工单", external_id="GD1001").complaint
    payload = [{"external_id": "GD1001", "category": "street-vending", "place": "某地", "description": "重复"},
               {"external_id": "GD2001", "category": "night-noise", "place": "某地", "description": "夜间施工"},
               {"external_id": "GD2001", "category": "night-noise", "place": "某地", "description": "文件内重复"}]
    content = json.dumps({"complaints": payload}, ensure_ascii=False).encode()
    report = importing.complaints_import(content=content, filename="x.json", bureau=org.red, actor=admin,
                                         dry_run=False)
    assert report.committed and [o.external_id for o in report.created] == ["GD2001"]
    assert [(o.row, o.duplicate_of) for o in report.duplicates] == [(1, first.number), (3, "第 2 行")]
    assert Complaint.objects.filter(external_id="GD2001", channel="import").count() == 1
    # The same external id in another bureau is not a duplicate of this one.
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "x.xlsx", "空的"),
        (b"\xd0\xcf\x11\xe0old", "x.xls", ".xls"),
        (b"PK\x03\x04broken", "x.xlsx", "无法读取"),
        (b"hello", "x.txt", "不是 Excel"),
        (b"[{", "x.json", "JSON 文件格式有误"),
        (b'{"rows": 1}', "x.json", "工单数组"),
        (b"[1, 2]", "x.json", "不是对象"),
        (b"[]", "x.json", "没有工单数据"),
    ],
)
def test_malformed_files_give_a_clear_error_and_store_nothing(client, org, categories, admin, content, name, message):  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = upload(client, content, name) if content else client.post(URL, {"file": SimpleUploadedFile(name, b"")})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Complaint.objects.count() == 0


def test_missing_columns_and_oversized_files_are_refused(client, org, categories, admin, settings):  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = upload(client, xlsx([["GD1", "某地"]], headers=["工单编号", "地点"]))
    assert response.status_code == 400 and "投诉类别" in response.content.decode()
    settings.ZHIFA_IMPORT_MAX_BYTES = 100
    response = upload(client, xlsx(GOOD))
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_forged_or_stale_token_imports_nothing(client, org, categories, admin):  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = client.post("/complaints/exchange/import/confirm/", {"token": "abc"})
    assert response.status_code == 302 and Complaint.objects.count() == 0


@pytest.mark.parametrize("persona", ["officer_a", "team_leader_a", "supervisor"])
def test_only_administrators_and_bureau_leaders_import(client, org, categories, persona, request):  # type: ignore[no-untyped-def]
    logged_in(client, request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert upload(client, xlsx(GOOD)).status_code == 403
    assert Complaint.objects.count() == 0


def test_the_bureau_leader_may_import(client, org, categories, bureau_leader):  # type: ignore[no-untyped-def]
    logged_in(client, bureau_leader)
    assert client.get(URL).status_code == 200
    assert upload(client, xlsx(GOOD)).context["report"].ok


def test_a_json_export_with_a_nul_character_is_refused_whole(client, org, categories, admin):  # type: ignore[no-untyped-def]
    """PostgreSQL cannot store U+0000: the file is refused with a message before anything is stored."""
    logged_in(client, admin)
    rows = [{"工单编号": "GD1", "投诉类别": "street-vending", "地点": "解放西街", "诉求内容": "摊贩\u0000占道"}]
    response = upload(client, json.dumps(rows, ensure_ascii=False).encode(), name="export.json")
    assert "空字符" in response.content.decode()
    assert Complaint.objects.count() == 0
