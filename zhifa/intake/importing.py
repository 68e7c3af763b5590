"""The batch import of the 12345 hotline's export (.xlsx or .json) into complaints (channel "import").

One code path for the dry run (试导入) and the import: every row goes through `complaint_receive` inside ONE
transaction, which the dry run — or any row failing — rolls back. So the dry run checks exactly what the
import will, and a file is imported whole or not at all. Rows whose work-order number (external_id) is
already a complaint of the bureau, or repeats an earlier row of the file, are reported as duplicates and
skipped (not errors). The format is in docs/open311.md.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import Bureau, User
from zhifa.audit.services import audit_record
from zhifa.intake.api import moment_parse
from zhifa.intake.models import Complaint, ComplaintCategory
from zhifa.intake.services import complaint_receive
from zhifa.lib.errors import DomainError
from zhifa.lib.nul import holds_nul
from zhifa.lib.spreadsheet import (
    MAX_UNZIPPED_BYTES,
    OLE_MAGIC,
    XLSX_MAGIC,
    file_sha256,
    header_name,
    row_blank,
    xlsx_inflated_size,
)

MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required: bool
    rule: str


COLUMNS: tuple[Column, ...] = (
    Column("工单编号", "external_id", True, "必填，热线工单编号，不超过 64 个字符；已导入或已推送过的工单按重复跳过。"),
    Column("投诉类别", "category", True, "必填，本局投诉类别的代码（如 street-vending）或名称（如 占道经营）。"),
    Column("地点", "place", False, "不填坐标时必填，不超过 200 个字。"),
    Column("纬度", "latitude", False, "可选，十进制度数；与经度同时填写。"),
    Column("经度", "longitude", False, "可选，十进制度数；与纬度同时填写。"),
    Column("诉求内容", "description", True, "必填，不超过 4000 个字。"),
    Column("投诉人", "reporter_name", False, "可选。"),
    Column("联系电话", "reporter_phone", False, "可选：手机号或带区号的固定电话。"),
    Column("电子邮箱", "reporter_email", False, "可选。"),
    Column("匿名", "anonymous", False, "是 或 否；留空视为否。"),
    Column("受理时间", "received_at", False, "可选：热线受理的时间，如 2026-11-28 09:30；留空为导入时间。"),
)
HEADER_OF = {c.key: c.header for c in COLUMNS}
KEY_OF = {c.header: c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS}
FIELD_OF_SERVICE = {"纬度": "latitude", "经度": "longitude", "reporter_phone": "reporter_phone"}
YES = {"是", "y", "yes", "true", "1", "匿名"}
NO = {"否", "n", "no", "false", "0", ""}


class ImportFileError(DomainError):
    """The file as a whole cannot be read; nothing row by row to report, nothing stored."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class RowOutcome:
    row: int
    external_id: str
    category: str
    place: str
    number: str = ""
    duplicate_of: str = ""  # the existing complaint's number, or "第 N 行" for a repeat within the file


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: list[RowOutcome] = field(default_factory=list)
    duplicates: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# --- reading the file ---------------------------------------------------------------------------------
def import_file_read(*, content: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column key: raw value}) of every data row; ImportFileError for the file as a whole."""
    limit = settings.ZHIFA_IMPORT_MAX_BYTES
    if not content:
        raise ImportFileError("上传的文件是空的，请选择热线导出的 .xlsx 或 .json 文件。")
    if len(content) > limit:
        raise ImportFileError(f"文件过大（{len(content) / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.1f} MB，"
                              "请拆分后分批导入。")
    if content.startswith(XLSX_MAGIC):
        rows = _xlsx_rows(content)
    elif content.startswith(OLE_MAGIC):
        raise ImportFileError("这是旧版 Excel（.xls）文件，请在 Excel 中「另存为」.xlsx 格式后再上传。")
    elif filename.lower().endswith(".json") or content.lstrip()[:1] in (b"[", b"{"):
        rows = _json_rows(content)
    else:
        raise ImportFileError("文件不是 Excel（.xlsx）也不是 JSON：请上传热线导出的 .xlsx 或 .json 文件。")
    if not rows:
        raise ImportFileError("文件中没有工单数据：每行（或 JSON 数组的每个对象）应是一个工单。")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"一次最多导入 {MAX_ROWS} 个工单，文件中有 {len(rows)} 个，请拆分后分批导入。")
    return rows


def _xlsx_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    import openpyxl

    unreadable = ImportFileError("无法读取该 Excel 文件：文件可能已损坏。请用 Excel 打开后另存为 .xlsx 再上传。")
    inflated = xlsx_inflated_size(content)
    if inflated is None:
        raise unreadable
    if inflated > MAX_UNZIPPED_BYTES:
        raise ImportFileError("Excel 文件解压后过大，无法导入，请检查文件内容。")
    raw: list[tuple[int, list[Any]]] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not row_blank(values):
                    raw.append((number, list(values)))
                if len(raw) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except Exception:  # a broken zip raises many kinds of errors; all mean "not readable"
        raise unreadable from None
    if not raw:
        return []
    header = [header_name(v) for v in raw[0][1]]
    missing = [c.header for c in COLUMNS if c.required and c.header not in header and c.key not in header]
    if missing:
        raise ImportFileError(f"第一行（列名）缺少：{'、'.join(missing)}。请使用热线导出文件的列名，见导入说明。")
    positions = {KEY_OF[name]: i for i, name in enumerate(header) if name in KEY_OF}
    return [(number, {key: values[i] if i < len(values) else None for key, i in positions.items()})
            for number, values in raw[1:]]


def _json_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(f"JSON 文件格式有误（{exc}），请检查文件是否完整。") from None
    if holds_nul(data):
        raise ImportFileError("JSON 文件的文字中含有空字符（\\u0000），无法导入。请从热线系统重新导出。")
    if isinstance(data, dict):
        data = data.get("complaints")
    if not isinstance(data, list):
        raise ImportFileError("JSON 文件应为工单数组，或 {\"complaints\": [ … ]}。")
    rows = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(f"JSON 数组的第 {number} 项不是对象（{{…}}），每项应是一个工单。")
        rows.append((number, {KEY_OF[k]: v for k, v in item.items() if k in KEY_OF}))
    return rows


# --- one row ------------------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_row(number: int, values: dict[str, Any], categories: dict[str, ComplaintCategory],
               errors: list[RowError]) -> dict[str, Any] | None:
    def fail(key: str, message: str) -> None:
        errors.append(RowError(number, HEADER_OF.get(key, ""), message))

    before = len(errors)
    external_id = _text(values.get("external_id"))
    if not external_id:
        fail("external_id", "请填写工单编号。")
    elif len(external_id) > 64:
        fail("external_id", "工单编号不能超过 64 个字符。")
    category_text = _text(values.get("category"))
    category = categories.get(category_text)
    if not category_text:
        fail("category", "请填写投诉类别（代码或名称）。")
    elif category is None:
        fail("category", f"本局没有在用的投诉类别“{category_text}”，请使用「投诉类别」中的代码或名称。")
    anonymous_text = _text(values.get("anonymous")).lower()
    if isinstance(values.get("anonymous"), bool):
        anonymous_text = "1" if values["anonymous"] else "0"
    if anonymous_text not in YES | NO:
        fail("anonymous", f"匿名应填“是”或“否”，表中为“{anonymous_text}”。")
    received_at = None
    raw_received = values.get("received_at")
    if isinstance(raw_received, dt.datetime):
        received_at = raw_received if timezone.is_aware(raw_received) else timezone.make_aware(raw_received)
    elif _text(raw_received):
        try:
            received_at = moment_parse(_text(raw_received), field="received_at", label="受理时间")
        except DomainError as exc:
            fail("received_at", exc.message)
    if len(errors) > before:
        return None
    return {
        "external_id": external_id, "category": category, "place": _text(values.get("place")),
        "latitude": _text(values.get("latitude")) or None, "longitude": _text(values.get("longitude")) or None,
        "description": _text(values.get("description")), "reporter_name": _text(values.get("reporter_name")),
        "reporter_phone": _text(values.get("reporter_phone")), "reporter_email": _text(values.get("reporter_email")),
        "anonymous": anonymous_text in YES, "received_at": received_at,
    }


def complaints_import(*, content: bytes, filename: str, bureau: Bureau, actor: User, dry_run: bool) -> ImportReport:
    """Check (dry run) or import a hotline export. ImportFileError when the file itself is unreadable."""
    rows = import_file_read(content=content, filename=filename)
    report = ImportReport(dry_run=dry_run, rows=len(rows))
    categories: dict[str, ComplaintCategory] = {}
    for category in ComplaintCategory.objects.filter(bureau=bureau, is_active=True):
        categories.setdefault(category.code, category)
        categories.setdefault(category.name, category)
    parsed = [(number, _parse_row(number, values, categories, report.errors)) for number, values in rows]
    wanted = [p["external_id"] for _n, p in parsed if p]
    existing = dict(Complaint.objects.filter(bureau=bureau, external_id__in=wanted)
                    .values_list("external_id", "number"))
    seen: dict[str, int] = {}
    with transaction.atomic():
        for number, values in parsed:
            if values is None:
                continue
            outcome = RowOutcome(row=number, external_id=values["external_id"], category=values["category"].name,
                                 place=values["place"])
            if values["external_id"] in existing or values["external_id"] in seen:
                outcome.duplicate_of = existing.get(values["external_id"]) or f"第 {seen[values['external_id']]} 行"
                report.duplicates.append(outcome)
                continue
            seen[values["external_id"]] = number
            try:
                with transaction.atomic():
                    received = complaint_receive(bureau=bureau, channel=Complaint.Channel.IMPORT, actor=actor,
                                                 **values)
            except DomainError as exc:
                column = HEADER_OF.get(FIELD_OF_SERVICE.get(exc.field or "", exc.field or ""), "")
                report.errors.append(RowError(number, column, exc.message))
                continue
            outcome.number = received.complaint.number
            report.created.append(outcome)
        report.errors.sort(key=lambda e: (e.row, [c.header for c in COLUMNS].index(e.column)
                                          if e.column in HEADER_OF.values() else -1))
        if dry_run or report.errors:
            transaction.set_rollback(True)
            for outcome in report.created:
                outcome.number = ""
        else:
            audit_record(actor=actor, action="complaint.import", bureau=bureau, object_type="intake.complaint",
                         object_id="", object_repr=f"热线批量导入：{filename}"[:200],
                         after={"filename": filename, "sha256": file_sha256(content), "rows": report.rows,
                                "created": len(report.created), "duplicates": len(report.duplicates)})
            report.committed = True
    return report
