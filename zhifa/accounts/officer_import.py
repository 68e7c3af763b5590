"""Importing people (执法人员、协管员) and their certificates (执法证) from an Excel sheet.

Two steps, one code path: a dry run (试导入) and the import itself both run every row through the
services (officer_create / officer_update / certificate_add / certificate_update) inside ONE transaction;
the dry run, or any row failing, rolls that transaction back. So the dry run checks exactly what the real
import would check, and nothing is ever half imported.

A re-import updates the person found by ID number (keyed hash, within the bureau) and the certificate
found by its number; the report says, field by field, what changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction

from zhifa.accounts import services
from zhifa.accounts.models import Certificate, Department, Officer
from zhifa.accounts.roles import Role
from zhifa.accounts.selectors import departments_changeable, people_may_change
from zhifa.accounts.services import CertificateData, OfficerData
from zhifa.audit.services import audit_record
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError
from zhifa.lib.identifiers import id_number_validate, mask_id_number, mask_phone, phone_validate
from zhifa.lib.nul import NUL
from zhifa.lib.spreadsheet import (
    MAX_UNZIPPED_BYTES,
    OLE_MAGIC,
    XLSX_MAGIC,
    header_name,
    row_blank,
    xlsx_inflated_size,
)

if TYPE_CHECKING:
    from zhifa.accounts.models import Bureau, User

MAX_ROWS = 5000  # one bureau's staff fits many times over; more is a wrong file or an attempt to hog the DB


# --- the columns -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required_header: bool
    rule: str  # the instruction shown in the template's 填写说明 sheet and in docs/people.md


COLUMNS: tuple[Column, ...] = (
    Column("序号", "seq", False, "可选，仅便于核对，不导入。"),
    Column("姓名", "name", True, "必填。"),
    Column("人员类别", "kind", True, "必填：执法人员 或 协管员。"),
    Column("所属机构", "department", True,
           "本局内设机构名称；重名时写「上级机构/机构」。执法队负责人只能填本队及下属机构；管理员可留空。"),
    Column("职务", "position", True, "可选。"),
    Column("身份证号", "id_number", True, "必填，18 位，校验位按 GB 11643 核对；重复导入时按身份证号识别人员。"),
    Column("联系电话", "phone", True, "可选：手机号或带区号的固定电话；重复导入时留空表示不修改。"),
    Column("执法证号", "cert_number", True, "持证人员填写；留空表示本行不登记执法证。协管员不能持证。"),
    Column("发证机关", "cert_authority", True, "填写执法证号时必填。"),
    Column("执法区域及类别", "cert_scope", True, "可选。"),
    Column("有效期自", "cert_from", True, "填写执法证号时必填：2024-01-31、2024/01/31 或 2024年1月31日。"),
    Column("有效期至", "cert_to", True, "填写执法证号时必填，不得早于有效期自。"),
    Column("证件状态", "cert_status", True, "有效、暂扣、吊销 或 过期；留空视为有效。"),
    Column("法律职业资格", "legal_qualified", True, "是 或 否；留空视为否。"),
    Column("培训学时", "training_hours", True, "本年度培训学时，数字，可保留一位小数；留空视为 0。"),
)
HEADER_BY_KEY = {column.key: column.header for column in COLUMNS}
KEY_BY_HEADER = {column.header: column.key for column in COLUMNS}
COLUMN_ORDER = {column.header: index for index, column in enumerate(COLUMNS)}  # errors sorted as the sheet reads
CERTIFICATE_KEYS = ("cert_number", "cert_authority", "cert_scope", "cert_from", "cert_to", "cert_status")

KIND_BY_LABEL = {label: value for value, label in Officer.Kind.choices}
STATUS_BY_LABEL = {label: value for value, label in Certificate.Status.choices}
YES = {"是", "有", "Y", "YES", "TRUE", "1", "√"}
NO = {"否", "无", "N", "NO", "FALSE", "0", ""}

# A service's DomainError names a form field; the report names the sheet's column instead.
COLUMN_OF_FIELD = {
    "name": "姓名", "kind": "人员类别", "department": "所属机构", "position": "职务", "id_number": "身份证号",
    "phone": "联系电话", "training_hours": "培训学时", "legal_qualified": "法律职业资格",
    "number": "执法证号", "issuing_authority": "发证机关", "scope": "执法区域及类别",
    "valid_from": "有效期自", "valid_to": "有效期至", "status": "证件状态",
}


# --- results ---------------------------------------------------------------------------------------------
class ImportFileError(DomainError):
    """The file as a whole cannot be read (type, size, empty, header): nothing row by row to report."""


@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number, as Excel shows it
    column: str  # the column's header, or "" when the whole row is at fault
    message: str


@dataclass
class RowOutcome:
    row: int
    name: str
    id_number_masked: str
    officer_action: str  # "create", "update", "unchanged"
    certificate_action: str = ""  # "create", "update", "unchanged" or "" (no certificate on the row)
    certificate_number: str = ""
    changes: list[str] = field(default_factory=list)

    @property
    def officer_action_label(self) -> str:
        return {"create": "新增", "update": "更新", "unchanged": "无变化"}[self.officer_action]

    @property
    def certificate_action_label(self) -> str:
        return {"create": "新增", "update": "更新", "unchanged": "无变化", "": ""}[self.certificate_action]


@dataclass
class ImportReport:
    dry_run: bool
    outcomes: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def _count(self, attribute: str, action: str) -> int:
        return sum(1 for outcome in self.outcomes if getattr(outcome, attribute) == action)

    @property
    def created(self) -> int:
        return self._count("officer_action", "create")

    @property
    def updated(self) -> int:
        return self._count("officer_action", "update")

    @property
    def unchanged(self) -> int:
        return self._count("officer_action", "unchanged")

    @property
    def certificates_created(self) -> int:
        return self._count("certificate_action", "create")

    @property
    def certificates_updated(self) -> int:
        return self._count("certificate_action", "update")

    def summary(self) -> dict[str, int]:
        return {
            "rows": len(self.outcomes), "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "certificates_created": self.certificates_created,
            "certificates_updated": self.certificates_updated, "errors": len(self.errors),
        }


@dataclass(frozen=True)
class SheetRow:
    number: int
    values: dict[str, Any]  # column key → raw cell value (str, number, date, bool or None)


# --- reading the file ------------------------------------------------------------------------------------
def import_file_kind(*, content: bytes, filename: str) -> str:
    """'xlsx' or 'csv', judged by the content (a renamed file is caught); ImportFileError otherwise."""
    if not content:
        raise ImportFileError("上传的文件是空的，请选择填好的导入文件。")
    if content.startswith(XLSX_MAGIC):
        return "xlsx"
    if content.startswith(OLE_MAGIC):
        raise ImportFileError("这是旧版 Excel（.xls）文件，请在 Excel 中「另存为」.xlsx 格式后再上传。")
    if filename.lower().endswith(".csv"):
        return "csv"
    raise ImportFileError(
        "文件内容不是 Excel（.xlsx）格式，可能是改了扩展名的其他文件。请下载导入模板填写后上传，"
        "或上传 UTF-8 编码的 .csv 文件。"
    )


def import_file_read(*, content: bytes, filename: str) -> list[SheetRow]:
    """The data rows of an upload, keyed by column. File-level problems raise ImportFileError."""
    if len(content) > settings.ZHIFA_IMPORT_MAX_BYTES:
        raise ImportFileError(
            f"文件过大（{len(content) / 1024 / 1024:.1f} MB），上限为 "
            f"{settings.ZHIFA_IMPORT_MAX_BYTES / 1024 / 1024:.1f} MB，请拆分后分批导入。"
        )
    kind = import_file_kind(content=content, filename=filename)
    raw_rows = _xlsx_rows(content) if kind == "xlsx" else _csv_rows(content)
    return _rows_by_header(raw_rows)


def _xlsx_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    import openpyxl  # imported here: only the import screen needs it

    unreadable = ImportFileError(
        "无法读取该 Excel 文件：文件可能已损坏，或不是 .xlsx 表格。请用 Excel 打开后重新保存再上传。"
    )
    inflated = xlsx_inflated_size(content)
    if inflated is None:
        raise unreadable
    if inflated > MAX_UNZIPPED_BYTES:
        raise ImportFileError("Excel 文件解压后过大，无法导入，请检查文件内容。")
    rows: list[tuple[int, list[Any]]] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook["人员"] if "人员" in workbook.sheetnames else workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if row_blank(values):
                    continue
                rows.append((number, list(values)))
                if len(rows) > MAX_ROWS + 1:
                    break  # header + MAX_ROWS + 1: enough for _rows_by_header to refuse the file
        finally:
            workbook.close()
    except Exception:  # a broken or foreign zip raises many kinds of errors; all mean "not readable"
        raise unreadable from None
    return rows


def _csv_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    try:
        text = content.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError:
        raise ImportFileError(
            "CSV 文件不是 UTF-8 编码。请在 Excel 中「另存为」→「CSV UTF-8（逗号分隔）」，或直接上传 .xlsx 文件。"
        ) from None
    if NUL in text:  # PostgreSQL cannot store it; a CSV holding one is damaged
        raise ImportFileError("CSV 文件中含有空字符（\\0），文件可能已损坏。请用 Excel 打开后重新保存，或上传 .xlsx 文件。")
    try:
        return [(number, list(values)) for number, values in enumerate(csv.reader(io.StringIO(text, newline="")), 1)]
    except csv.Error as exc:
        raise ImportFileError(f"CSV 文件格式有误（{exc}），请用 Excel 打开后重新保存，或上传 .xlsx 文件。") from None


def _rows_by_header(raw_rows: Iterable[tuple[int, list[Any]]]) -> list[SheetRow]:
    rows = iter(raw_rows)
    header: list[str] | None = None
    for _number, values in rows:
        if not row_blank(values):
            header = [header_name(value) for value in values]
            break
    if header is None:
        raise ImportFileError("文件中没有任何内容，请使用导入模板填写后上传。")
    missing = [column.header for column in COLUMNS if column.required_header and column.header not in header]
    if missing:
        raise ImportFileError(
            f"第一行（列名）缺少以下列：{'、'.join(missing)}。请使用导入模板，不要修改或删除列名。"
        )
    repeated = sorted({name for name in header if name in KEY_BY_HEADER and header.count(name) > 1})
    if repeated:
        raise ImportFileError(f"列名重复：{'、'.join(repeated)}。每列只能出现一次。")
    positions = {KEY_BY_HEADER[name]: index for index, name in enumerate(header) if name in KEY_BY_HEADER}
    result: list[SheetRow] = []
    for number, values in rows:
        if row_blank(values):
            continue
        if len(result) >= MAX_ROWS:
            raise ImportFileError(f"一次最多导入 {MAX_ROWS} 行人员，请拆分文件后分批导入。")
        cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        result.append(SheetRow(number=number, values=cells))
    if not result:
        raise ImportFileError("文件只有列名，没有人员数据。请从第二行起每行填写一名人员。")
    return result


# --- reading one row -------------------------------------------------------------------------------------
@dataclass
class ParsedRow:
    """One row, converted to the services' types; `errors` lists what could not be converted."""

    number: int
    name: str = ""
    kind: str = Officer.Kind.OFFICER
    department: Department | None = None
    position: str = ""
    id_number: str = ""
    phone: str = ""
    legal_qualified: bool = False
    training_hours: Decimal = Decimal("0")
    certificate: CertificateData | None = None
    errors: list[RowError] = field(default_factory=list)

    def fail(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, HEADER_BY_KEY.get(key, ""), message))


def _text(value: Any) -> str:
    """A cell as text: whole numbers lose Excel's ".0", so phone numbers typed as numbers still read."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> dt.date | None:
    """An Excel date cell, or text 2024-01-31 / 2024/01/31 / 2024年1月31日 (also 2024.01.31, 20240131)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).replace(" ", "")
    text = re.sub(r"[T\s]?00:00(:00)?$", "", text)  # a date typed with a midnight time
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


def _max_length(model: type[Officer] | type[Certificate], name: str) -> int:
    return int(model._meta.get_field(name).max_length or 0)  # type: ignore[union-attr]


def _bounded_text(row: ParsedRow, key: str, value: Any, limit: int) -> str:
    text = _text(value)
    if len(text) > limit:
        row.fail(key, f"{HEADER_BY_KEY[key]}不能超过 {limit} 个字，现有 {len(text)} 个字。")
        return text[:limit]
    return text


class DepartmentNames:
    """Finds a department of the bureau by name, or by "上级/名称" when two units share a name."""

    def __init__(self, *, bureau: Bureau, changeable_ids: set[int]) -> None:
        departments = list(Department.objects.filter(bureau=bureau).order_by("path"))
        by_id = {department.pk: department for department in departments}
        self.changeable_ids = changeable_ids
        self.by_name: dict[str, list[Department]] = {}
        self.by_path: dict[str, Department] = {}
        for department in departments:
            self.by_name.setdefault(department.name, []).append(department)
            names = [by_id[int(pk)].name for pk in department.path.strip("/").split("/") if int(pk) in by_id]
            self.by_path["/".join(names)] = department

    def find(self, text: str) -> tuple[Department | None, str]:
        """(department, "") or (None, message in Chinese)."""
        name = re.sub(r"\s*[/／]\s*", "/", text.strip())
        if "/" in name:
            department = self.by_path.get(name)
            if department is None:
                # The path may start below the root ("大队/一中队" for "局/大队/一中队"): match its end.
                ends = [d for path, d in self.by_path.items() if path.endswith("/" + name)]
                department = ends[0] if len(ends) == 1 else None
            if department is None:
                return None, f"本局没有「{text}」这个机构，请核对上级机构和机构名称。"
        else:
            candidates = self.by_name.get(name, [])
            if not candidates:
                return None, f"本局没有名为「{text}」的机构，请核对名称（应与「组织机构」页面中的名称一致）。"
            if len(candidates) > 1:
                return None, f"本局有 {len(candidates)} 个名为「{text}」的机构，请写成「上级机构/{text}」以区分。"
            department = candidates[0]
        if department.pk not in self.changeable_ids:
            return None, f"机构「{text}」不在您可管理的范围内，您只能导入本队及下属机构的人员。"
        return department, ""


def _parse_officer_facts(row: ParsedRow, values: dict[str, Any], departments: DepartmentNames,
                         department_required: bool) -> None:
    row.name = _bounded_text(row, "name", values.get("name"), _max_length(Officer, "name"))
    if not row.name:
        row.fail("name", "请填写姓名。")
    kind_text = _text(values.get("kind"))
    if kind_text in KIND_BY_LABEL:
        row.kind = KIND_BY_LABEL[kind_text]
    elif not kind_text:
        row.fail("kind", "请填写人员类别：执法人员 或 协管员。")
    else:
        row.fail("kind", f"人员类别应为「执法人员」或「协管员」，表中为「{kind_text}」。")
    department_text = _text(values.get("department"))
    if department_text:
        department, message = departments.find(department_text)
        if department is None:
            row.fail("department", message)
        row.department = department
    elif department_required:
        row.fail("department", "请填写所属机构：您只能登记本队及下属机构的人员。")
    row.position = _bounded_text(row, "position", values.get("position"), _max_length(Officer, "position"))
    raw_id = values.get("id_number")
    id_text = _text(raw_id)
    if not id_text:
        row.fail("id_number", "请填写身份证号：重复导入时按身份证号识别人员。")
    else:
        try:
            row.id_number = id_number_validate(id_text)
        except DomainError as exc:
            hint = "（该单元格是数字格式，Excel 会丢失 15 位以后的数字：请把身份证号列设为文本格式后重新填写。）"
            row.fail("id_number", exc.message + (hint if isinstance(raw_id, int | float) else ""))
    phone_text = _text(values.get("phone"))
    if phone_text:
        try:
            row.phone = phone_validate(phone_text)
        except DomainError as exc:
            row.fail("phone", exc.message)
    qualified = _text(values.get("legal_qualified")).upper()
    if qualified in YES:
        row.legal_qualified = True
    elif qualified not in NO:
        row.fail("legal_qualified", f"法律职业资格应填「是」或「否」，表中为「{qualified}」。")
    hours = values.get("training_hours")
    hours_text = _text(hours)
    if hours_text:
        try:
            row.training_hours = Decimal(hours_text).quantize(Decimal("0.1"))
        except InvalidOperation:
            row.fail("training_hours", f"培训学时应为数字（如 24 或 12.5），表中为「{hours_text}」。")
        else:
            if row.training_hours >= 100000:
                row.fail("training_hours", f"培训学时 {hours_text} 过大，请核对。")


def _parse_certificate(row: ParsedRow, values: dict[str, Any]) -> None:
    number = _bounded_text(row, "cert_number", values.get("cert_number"), _max_length(Certificate, "number"))
    if not number:
        if any(_text(values.get(key)) for key in CERTIFICATE_KEYS):
            row.fail("cert_number", "填写了执法证信息，但缺少执法证号。没有执法证的人员请将执法证各列留空。")
        return
    authority = _bounded_text(
        row, "cert_authority", values.get("cert_authority"), _max_length(Certificate, "issuing_authority")
    )
    scope = _bounded_text(row, "cert_scope", values.get("cert_scope"), _max_length(Certificate, "scope"))
    dates: dict[str, dt.date | None] = {}
    for key in ("cert_from", "cert_to"):
        raw = values.get(key)
        dates[key] = parse_date(raw)
        if not _text(raw):
            row.fail(key, f"请填写{HEADER_BY_KEY[key]}。")
        elif dates[key] is None:
            row.fail(key, f"日期「{_text(raw)}」无法识别，请写成 2024-01-31、2024/01/31 或 2024年1月31日 的形式。")
    status_text = _text(values.get("cert_status")) or "有效"
    status = STATUS_BY_LABEL.get(status_text)
    if status is None:
        row.fail("cert_status", f"证件状态应为「有效」「暂扣」「吊销」或「过期」之一，表中为「{status_text}」。")
    valid_from, valid_to = dates["cert_from"], dates["cert_to"]
    if valid_from is None or valid_to is None or status is None:
        return
    # Empty issuing authority and reversed dates are left to the service, which words those checks.
    row.certificate = CertificateData(
        number=number, issuing_authority=authority, scope=scope, valid_from=valid_from, valid_to=valid_to,
        status=status,
    )


def _parse_row(sheet_row: SheetRow, departments: DepartmentNames, department_required: bool) -> ParsedRow:
    row = ParsedRow(number=sheet_row.number)
    _parse_officer_facts(row, sheet_row.values, departments, department_required)
    _parse_certificate(row, sheet_row.values)
    return row


def _duplicates_within_file(rows: list[ParsedRow]) -> None:
    """Each person once, each certificate number once: otherwise the later row would overwrite the first."""
    first_id: dict[str, int] = {}
    first_number: dict[str, int] = {}
    for row in rows:
        if row.id_number:
            if row.id_number in first_id:
                row.fail("id_number", f"身份证号与第 {first_id[row.id_number]} 行重复：每名人员只能占一行。")
            else:
                first_id[row.id_number] = row.number
        if row.certificate is not None:
            number = row.certificate.number
            if number in first_number:
                row.fail("cert_number", f"执法证号 {number} 与第 {first_number[number]} 行重复，请核对。")
            else:
                first_number[number] = row.number


# --- writing ---------------------------------------------------------------------------------------------
class _RollBack(Exception):
    """Raised to leave the import's transaction without committing (dry run, or a row failed)."""


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _officer_changes(officer: Officer, row: ParsedRow) -> list[str]:
    """What the row would change on an existing person, in words; identifiers compared by keyed hash."""
    changes: list[str] = []

    def note(label: str, old: object, new: object) -> None:
        if old != new:
            changes.append(f"{label}：{old or '（空）'} → {new or '（空）'}")

    note("姓名", officer.name, row.name)
    note("人员类别", officer.get_kind_display(), Officer.Kind(row.kind).label)
    note("所属机构", officer.department.name if officer.department else "",
         row.department.name if row.department else "")
    note("职务", officer.position, row.position)
    if row.phone and crypto.keyed_hash(row.phone) != officer.phone_hash:
        note("联系电话", officer.phone_masked, mask_phone(row.phone))
    note("法律职业资格", _yes_no(officer.legal_qualified), _yes_no(row.legal_qualified))
    note("培训学时", str(officer.training_hours.quantize(Decimal("0.1"))), str(row.training_hours))
    return changes


def _certificate_changes(certificate: Certificate, data: CertificateData) -> list[str]:
    changes: list[str] = []
    pairs = (
        ("发证机关", certificate.issuing_authority, data.issuing_authority.strip()),
        ("执法区域及类别", certificate.scope, data.scope.strip()),
        ("有效期自", certificate.valid_from.isoformat(), data.valid_from.isoformat()),
        ("有效期至", certificate.valid_to.isoformat(), data.valid_to.isoformat()),
        ("证件状态", certificate.get_status_display(), Certificate.Status(data.status).label),
    )
    for label, old, new in pairs:
        if old != new:
            changes.append(f"执法证{certificate.number} {label}：{old or '（空）'} → {new or '（空）'}")
    return changes


def _officer_data(row: ParsedRow, existing: Officer | None) -> OfficerData:
    # The sheet has no township or on-duty column: a re-import keeps what the person already has, and a
    # blank phone keeps the stored one (None tells the service "unchanged").
    phone = row.phone or (None if existing is not None else "")
    return OfficerData(
        name=row.name, kind=row.kind, department=row.department, position=row.position,
        id_number=row.id_number, phone=phone, legal_qualified=row.legal_qualified,
        training_hours=row.training_hours,
        township=existing.township if existing else None,
        is_active=existing.is_active if existing else True,
    )


class _Importer:
    def __init__(self, *, actor: User, bureau: Bureau) -> None:
        self.actor = actor
        self.bureau = bureau
        self.changeable_officer_ids: set[int] = set(
            Officer.objects.for_user(actor, "change").filter(bureau=bureau).values_list("pk", flat=True)
        )

    def write(self, row: ParsedRow, report: ImportReport) -> None:
        """Write one row through the services in a savepoint; a DomainError becomes the row's error."""
        try:
            with transaction.atomic():
                outcome = self._write(row)
        except DomainError as exc:
            column = COLUMN_OF_FIELD.get(exc.field or "", "")
            report.errors.append(RowError(row.number, column, exc.message))
        except DatabaseError:
            # A constraint the services could not foresee (another user saving the same person right now).
            report.errors.append(RowError(row.number, "", "数据库拒绝保存该行（可能有人同时修改了该人员），请稍后重试。"))
        else:
            report.outcomes.append(outcome)

    def _write(self, row: ParsedRow) -> RowOutcome:
        existing = (
            Officer.objects.select_related("department", "township")
            .filter(bureau=self.bureau, id_number_hash=crypto.keyed_hash(row.id_number))
            .first()
        )
        if existing is not None and existing.pk not in self.changeable_officer_ids:
            raise DomainError(
                "本局已登记该身份证号的人员，但不在您可管理的范围内，请联系系统管理员处理。", field="id_number"
            )
        outcome = RowOutcome(
            row=row.number, name=row.name, id_number_masked=mask_id_number(row.id_number), officer_action="create"
        )
        if existing is None:
            officer = services.officer_create(bureau=self.bureau, data=_officer_data(row, None), actor=self.actor)
        else:
            outcome.changes = _officer_changes(existing, row)
            outcome.officer_action = "update" if outcome.changes else "unchanged"
            officer = existing
            if outcome.changes:
                officer = services.officer_update(officer=existing, data=_officer_data(row, existing), actor=self.actor)
        if row.certificate is not None:
            self._write_certificate(officer, row.certificate, outcome)
        return outcome

    def _write_certificate(self, officer: Officer, data: CertificateData, outcome: RowOutcome) -> None:
        outcome.certificate_number = data.number
        certificate = Certificate.objects.filter(number=data.number.strip()).first()
        if certificate is None:
            services.certificate_add(officer=officer, data=data, actor=self.actor)
            outcome.certificate_action = "create"
            return
        if certificate.officer_id != officer.pk:
            # Whose it is stays unsaid: the holder may belong to another bureau.
            raise DomainError(f"执法证号 {data.number} 已登记在其他人员名下，请核对证号。", field="number")
        changes = _certificate_changes(certificate, data)
        outcome.certificate_action = "update" if changes else "unchanged"
        if changes:
            services.certificate_update(certificate=certificate, data=data, actor=self.actor)
            outcome.changes.extend(changes)
            if outcome.officer_action == "unchanged":
                outcome.officer_action = "update"


def officers_import(*, rows: list[SheetRow], actor: User, dry_run: bool, file_sha256: str = "",
                    filename: str = "") -> ImportReport:
    """Check (dry run) or write all rows in one transaction; when any row fails, nothing is written."""
    bureau = actor.bureau
    if bureau is None or not people_may_change(actor):
        raise PermissionDenied("您没有导入人员的权限：只有系统管理员和执法队负责人可以导入。")
    changeable = set(departments_changeable(user=actor).values_list("pk", flat=True))
    names = DepartmentNames(bureau=bureau, changeable_ids=changeable)
    # A team leader's people must sit in the leader's subtree, or they would vanish from the leader's view.
    department_required = not actor.has_role(Role.ADMINISTRATOR)
    parsed = [_parse_row(sheet_row, names, department_required) for sheet_row in rows]
    _duplicates_within_file(parsed)
    report = ImportReport(dry_run=dry_run)
    for row in parsed:
        report.errors.extend(row.errors)
    try:
        with transaction.atomic():
            importer = _Importer(actor=actor, bureau=bureau)
            for row in parsed:
                if not row.errors:
                    importer.write(row, report)
            if dry_run or report.errors:
                raise _RollBack
            audit_record(
                actor=actor, action="officer.import", bureau=bureau, object_type="accounts.officer",
                object_repr=filename[:200], after={**report.summary(), "sha256": file_sha256},
            )
    except _RollBack:
        pass
    else:
        report.committed = True
    report.errors.sort(key=lambda error: (error.row, COLUMN_ORDER.get(error.column, -1)))
    report.outcomes.sort(key=lambda outcome: outcome.row)
    return report


