"""The catalog as the Excel sheet bureaus exchange (权力清单), both ways.

Columns: 序号, 事项编码, 事项名称, 事项类别, 违法依据, 处罚依据, 处罚种类及幅度, 实施主体, 承办机构, 备注.

Import has two steps and one code path: the dry run (试导入) and the real import both run every row through
the services (matter_create / matter_update) inside ONE transaction; the dry run, or any failing row, rolls
it back. So the dry run checks exactly what the import would, and nothing is ever half imported. A row whose
事项编码 is already on the bureau's list updates that matter; matter_update records what changed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, transaction

from zhifa.audit.services import audit_record
from zhifa.catalog import services
from zhifa.catalog.forms import basis_line, basis_lines_parse
from zhifa.catalog.models import EnforcementMatter, LegalBasis, MatterChange, PenaltyKind
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData
from zhifa.lib.errors import DomainError
from zhifa.lib.spreadsheet import (
    MAX_UNZIPPED_BYTES,
    OLE_MAGIC,
    XLSX_MAGIC,
    header_name,
    row_blank,
    xlsx_inflated_size,
)

if TYPE_CHECKING:
    from zhifa.accounts.models import User

COLUMNS: tuple[str, ...] = (
    "序号", "事项编码", "事项名称", "事项类别", "违法依据", "处罚依据", "处罚种类及幅度", "实施主体", "承办机构", "备注",
)
SHEET_TITLE = "执法事项目录"
MAX_ROWS = 5000  # a bureau's list is a few hundred matters; more is a wrong file
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A service's DomainError names a form field; the report names the sheet's column instead.
COLUMN_OF_FIELD = {
    "code": "事项编码", "name": "事项名称", "category": "事项类别", "violation_basis": "违法依据",
    "penalty_basis": "处罚依据", "penalty_summary": "处罚种类及幅度", "subject": "实施主体",
    "handling_unit": "承办机构", "note": "备注",
}
# matter_update's changed keys (services.matter_snapshot), in words for the dry-run report.
FIELD_LABELS = {
    "code": "事项编码", "name": "事项名称", "category": "事项类别", "subject": "实施主体", "handling_unit": "承办机构",
    "transferred_from": "原行使部门", "penalty_summary": "处罚种类及幅度", "needs_legal_review": "默认须法制审核",
    "note": "备注", "status": "状态", "bases": "法律依据", "penalties": "处罚种类（结构化）",
}


# --- Chinese amounts and penalty text ------------------------------------------------------------------
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_AMOUNT_TOKEN = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九]|[十百千]|[万亿]")
AMOUNT = r"[\d.,０-９零〇一二两三四五六七八九十百千万亿]+"


def chinese_number(text: str) -> Decimal | None:
    """'一万' → 10000, '二千' → 2000, '十万' → 100000, '二万五千' → 25000, '1.5万' → 15000, '5000' → 5000.

    None when the text is not a number. Arabic digits and Chinese numerals may be mixed as people write
    them; full-width digits and thousands separators are accepted."""
    cleaned = text.strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).replace(",", "").replace("，", "")
    if not cleaned or "".join(_AMOUNT_TOKEN.findall(cleaned)) != cleaned:
        return None
    total = Decimal(0)  # what the 万 / 亿 sections have added up
    section = Decimal(0)  # below 万: 二千五百 …
    number: Decimal | None = None  # the digit waiting for its unit
    for token in _AMOUNT_TOKEN.findall(cleaned):
        if token in _DIGITS:
            number = Decimal(_DIGITS[token])
        elif token in _SMALL_UNITS:
            section += (Decimal(1) if number is None else number) * _SMALL_UNITS[token]  # 十万: a bare 十 is 10
            number = None
        elif token in _BIG_UNITS:
            if section == 0 and number is None:
                return None  # "万" with nothing before it
            total = (total + section + (number or 0)) * _BIG_UNITS[token]
            section, number = Decimal(0), None
        else:
            if number is not None:
                return None  # two numbers in a row: "5 000" typed oddly, not an amount we can trust
            try:
                number = Decimal(token)
            except InvalidOperation:
                return None
    return total + section + (number or 0)


def chinese_amount_fen(text: str) -> int | None:
    """A yuan amount as written in a law ('五百元', '二千', '5000元', '十万', '1.5万元') in fen; None if unreadable."""
    cleaned = re.sub(r"^(?:人民币)|(?:元|圆|人民币)$", "", text.strip()).strip()
    yuan = chinese_number(cleaned)
    if yuan is None:
        return None
    fen = yuan * 100
    return int(fen) if fen == fen.to_integral_value() else None


def _ratio(percent: str | None, times: str | None) -> Decimal | None:
    """'百分之五' → 0.05 (given as percent='五'), '一倍' → 1 (times='一'); '5%' arrives as percent='5'."""
    if percent is not None:
        value = chinese_number(percent)
        return None if value is None else value / 100
    if times is not None:
        return chinese_number(times)
    return None


_FINE_RANGE = re.compile(
    rf"(?:(?P<low>{AMOUNT})元?(?:以上|至|到|-|—|～|~)(?P<high>{AMOUNT})元(?:以下)?"
    rf"|(?P<only>{AMOUNT})元以下|(?P<fixed>{AMOUNT})元)的?罚款"
)
# The same, written with 罚款 first, as many lists and PenaltyKind.describe() do: 罚款1000元至5000元, 罚款200元以下.
_FINE_AFTER = re.compile(
    rf"罚款(?:(?P<low>{AMOUNT})元?(?:以上|至|到|-|—|～|~)(?P<high>{AMOUNT})元(?:以下)?|(?P<only>{AMOUNT})元以下)"
)
# PenaltyKind.describe() of a multiple: 按倍数或比例罚款（工程造价的0.05至0.10）.
_MULTIPLE_DESCRIBED = re.compile(r"按倍数或比例罚款（(?P<base>[^（）]+?)的(?P<low>[\d.]+)至(?P<high>[\d.]+)）")
_RATIO = rf"(?:百分之(?P<{{p}}>{AMOUNT})|(?P<{{pp}}>[\d.]+)[%％]|(?P<{{t}}>{AMOUNT})倍)"
_FINE_MULTIPLE = re.compile(
    r"处(?:以)?(?P<base>[^，。；,;\d]*?)的?"
    + "(?:" + _RATIO.format(p="plow", pp="pplow", t="tlow") + "以上)?"
    + _RATIO.format(p="phigh", pp="pphigh", t="thigh")
    + r"(?:以下)?的?罚款"
)
# Kinds recognised by their words alone (行政处罚法 art. 9), in the order the model lists them.
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PenaltyKind.Kind.WARNING, re.compile(r"警告")),
    (PenaltyKind.Kind.CONFISCATE_GAINS, re.compile(r"没收违法所得")),
    (PenaltyKind.Kind.CONFISCATE_PROPERTY, re.compile(r"没收非法财物|没收.{0,8}(?:工具|物品|设备|实物)")),
    (PenaltyKind.Kind.SUSPEND, re.compile(r"责令停产停业|责令停业")),
    (PenaltyKind.Kind.REVOKE_LICENCE, re.compile(r"吊销.{0,10}(?:许可证|执照|证书|资质)")),
    (PenaltyKind.Kind.ORDER_CORRECT, re.compile(r"责令(?:限期)?改正")),
    (PenaltyKind.Kind.DEMOLISH, re.compile(r"限期拆除")),
)
_SUBJECT = re.compile(r"对(单位|个人)")
_SUBJECT_AFTER = re.compile(r"^（(单位|个人)")  # 罚款3000元以下（单位）


def _yuan_range(match: re.Match[str]) -> tuple[int | None, int | None]:
    if match.groupdict().get("fixed"):
        fixed = chinese_amount_fen(match["fixed"])
        return fixed, fixed
    low = chinese_amount_fen(match["low"]) if match["low"] else 0
    return low, chinese_amount_fen(match["high"] or match["only"])


def _fines_in(segment: str) -> list[PenaltyData]:
    """Fines with a yuan range in one clause of the text ("对单位处…罚款" notes who it is for)."""
    found: list[PenaltyData] = []
    subject = _SUBJECT.search(segment)
    for pattern in (_FINE_RANGE, _FINE_AFTER):
        for match in pattern.finditer(segment):
            low, high = _yuan_range(match)
            if high is None or low is None or low > high:
                continue
            after = _SUBJECT_AFTER.match(segment[match.end():])
            note = f"对{subject[1]}" if subject else (f"对{after[1]}" if after else "")
            found.append(PenaltyData(kind=PenaltyKind.Kind.FINE, min_fen=low, max_fen=high, note=note))
    for match in _MULTIPLE_DESCRIBED.finditer(segment):
        described_low, described_high = chinese_number(match["low"]), chinese_number(match["high"])
        if described_low is not None and described_high is not None and described_low <= described_high:
            found.append(PenaltyData(kind=PenaltyKind.Kind.FINE_MULTIPLE, min_multiple=described_low,
                                     max_multiple=described_high, multiple_of=match["base"]))
    for match in _FINE_MULTIPLE.finditer(segment):
        high_ratio = _ratio(match["phigh"] or match["pphigh"], match["thigh"])
        has_low = any(match[key] for key in ("plow", "pplow", "tlow"))
        low_ratio = _ratio(match["plow"] or match["pplow"], match["tlow"]) if has_low else Decimal(0)
        base = match["base"].strip()
        if high_ratio is None or low_ratio is None or low_ratio > high_ratio or not base:
            continue
        note = f"对{subject[1]}" if subject else ""
        found.append(PenaltyData(kind=PenaltyKind.Kind.FINE_MULTIPLE, min_multiple=low_ratio,
                                 max_multiple=high_ratio, multiple_of=base, note=note))
    return found


def penalties_from_text(text: str) -> list[PenaltyData]:
    """Structured penalties recognised in a 处罚种类及幅度 text; what cannot be recognised is left out.

    '处一万元以上十万元以下罚款' → a fine of 10 000–100 000 yuan; '处建设工程造价百分之五以上百分之十以下的
    罚款' → 0.05–0.1 of 建设工程造价; '警告' → a warning. The text itself is always kept as penalty_summary,
    so an unrecognised phrase loses nothing."""
    text = re.sub(r"\s+", "", text or "")
    fines: list[PenaltyData] = []
    for segment in re.split(r"[；;。\n]", text):
        for part in re.split(r"[，,](?=对(?:单位|个人))", segment):
            fines.extend(_fines_in(part))
    penalties = [PenaltyData(kind=kind) for kind, pattern in _KIND_WORDS[:1] if pattern.search(text)]
    if fines:
        # A list often states a range twice ("罚款30000元以下（可以处三万元以下的罚款）"): keep it once.
        seen: set[tuple[Any, ...]] = set()
        for fine in fines:
            key = (fine.kind, fine.min_fen, fine.max_fen, fine.min_multiple, fine.max_multiple, fine.multiple_of)
            if key not in seen:
                seen.add(key)
                penalties.append(fine)
    elif "罚款" in text:
        penalties.append(PenaltyData(kind=PenaltyKind.Kind.FINE))  # a fine whose amount the text leaves open
    penalties.extend(PenaltyData(kind=kind) for kind, pattern in _KIND_WORDS[1:] if pattern.search(text))
    return penalties


# --- export ---------------------------------------------------------------------------------------------
def penalty_cell(matter: EnforcementMatter) -> str:
    """处罚种类及幅度 as exchanged: the text the bureau gave, else the structured kinds described."""
    if matter.penalty_summary:
        return matter.penalty_summary
    return "；".join(penalty.describe() for penalty in matter.penalties.all())


def basis_cell(matter: EnforcementMatter, kind: str) -> str:
    return "\n".join(basis_line(basis) for basis in matter.bases.all() if basis.kind == kind)


def export_row(number: int, matter: EnforcementMatter) -> list[Any]:
    return [
        number, matter.code, matter.name, matter.category, basis_cell(matter, LegalBasis.Kind.VIOLATION),
        basis_cell(matter, LegalBasis.Kind.PENALTY), penalty_cell(matter), matter.subject, matter.handling_unit,
        matter.note,
    ]


def catalog_workbook(matters: Iterable[EnforcementMatter]) -> bytes:
    """The sheet of these matters (pass them with bases and penalties prefetched). No matters: the template."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    widths = (6, 16, 40, 14, 50, 50, 36, 18, 18, 24)
    for index, (header, width) in enumerate(zip(COLUMNS, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, matter in enumerate(matters, start=1):
        for column, value in enumerate(export_row(number, matter), start=1):
            cell = sheet.cell(row=number + 1, column=column, value=value)
            cell.alignment = wrap
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with "=" must stay text, not become a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading the file -----------------------------------------------------------------------------------
class ImportFileError(DomainError):
    """The file as a whole cannot be used (type, size, header): nothing row by row to report."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows
    values: dict[str, Any]  # column header → raw cell value




def import_file_check(content: bytes) -> None:
    """Size and content type, judged by the bytes (a renamed .xls, .csv or .docx is caught)."""
    if not content:
        raise ImportFileError("上传的文件是空的，请选择填好的执法事项目录。")
    limit = settings.ZHIFA_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise ImportFileError(f"文件过大（{len(content) / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.1f} MB。")
    if content.startswith(OLE_MAGIC):
        raise ImportFileError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传。")
    if not content.startswith(XLSX_MAGIC):
        raise ImportFileError("文件内容不是 Excel（.xlsx）表格，可能是改了扩展名的其他文件。请上传 .xlsx 文件。")


def catalog_rows_read(content: bytes) -> list[SheetRow]:
    """The data rows of the first sheet, keyed by header; file-level problems raise ImportFileError."""
    import_file_check(content)
    return _rows_by_header(_xlsx_rows(content))


def _xlsx_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    import openpyxl  # only the import needs it

    unreadable = ImportFileError("无法读取该 Excel 文件：文件可能已损坏。请用 Excel 打开后重新保存再上传。")
    inflated = xlsx_inflated_size(content)
    if inflated is None:
        raise unreadable
    if inflated > MAX_UNZIPPED_BYTES:
        raise ImportFileError("Excel 文件解压后过大，无法导入，请检查文件内容。")
    try:
        # Not read-only: lists are often laid out with merged cells (one 事项类别 over many rows), and only
        # a full load knows the merged ranges. The size limits above keep that affordable.
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception:  # a broken or foreign zip raises many kinds of errors; all mean "not readable"
        raise unreadable from None
    try:
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
        merged = {}
        for cell_range in sheet.merged_cells.ranges:
            value = sheet.cell(row=cell_range.min_row, column=cell_range.min_col).value
            for row, column in cell_range.cells:
                merged[(row, column)] = value
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            filled = [merged.get((number, column), value) for column, value in enumerate(values, start=1)]
            if not row_blank(filled):
                rows.append((number, filled))
            if len(rows) > MAX_ROWS + 10:
                break  # enough for _rows_by_header to refuse the file
    finally:
        workbook.close()
    return rows


def _rows_by_header(raw_rows: list[tuple[int, list[Any]]]) -> list[SheetRow]:
    """The header is the first row naming 事项编码 (a title row above it is common), else the first row."""
    if not raw_rows:
        raise ImportFileError("文件中没有任何内容。")
    candidates = [(i, [header_name(v) for v in values]) for i, (_n, values) in enumerate(raw_rows[:10])]
    index, header = next(((i, h) for i, h in candidates if "事项编码" in h), candidates[0])
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ImportFileError(f"表头缺少以下列：{'、'.join(missing)}。请使用本系统导出的目录或导入模板，不要修改列名。")
    repeated = sorted({name for name in header if name in COLUMNS and header.count(name) > 1})
    if repeated:
        raise ImportFileError(f"列名重复：{'、'.join(repeated)}。每列只能出现一次。")
    positions = {name: header.index(name) for name in COLUMNS}
    rows = [
        SheetRow(number, {name: values[i] if i < len(values) else None for name, i in positions.items()})
        for number, values in raw_rows[index + 1:]
    ]
    if not rows:
        raise ImportFileError("文件只有表头，没有事项。请从表头下一行起每行填写一个事项。")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"一次最多导入 {MAX_ROWS} 个事项，请拆分文件后分批导入。")
    return rows


def _text(value: Any) -> str:
    """A cell as text: whole numbers lose Excel's '.0' (a code typed as a number still reads)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).replace("\r\n", "\n").strip()


# --- one row --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number, as Excel shows it
    column: str  # the column's header, or "" when the whole row is at fault
    message: str


@dataclass
class ParsedRow:
    number: int
    code: str = ""
    name: str = ""
    category: str = ""
    violation_bases: list[BasisData] = field(default_factory=list)
    penalty_bases: list[BasisData] = field(default_factory=list)
    penalty_text: str = ""
    subject: str = ""
    handling_unit: str = ""
    note: str = ""
    errors: list[RowError] = field(default_factory=list)

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))


def _max_length(name: str) -> int:
    return int(getattr(EnforcementMatter._meta.get_field(name), "max_length", 0) or 0)


_LIMITED = (("事项编码", "code"), ("事项名称", "name"), ("实施主体", "subject"), ("承办机构", "handling_unit"))


def _parse_row(sheet_row: SheetRow) -> ParsedRow:
    values = {name: _text(value) for name, value in sheet_row.values.items()}
    row = ParsedRow(
        number=sheet_row.number, code=values["事项编码"], name=values["事项名称"], category=values["事项类别"],
        penalty_text=values["处罚种类及幅度"], subject=values["实施主体"], handling_unit=values["承办机构"],
        note=values["备注"],
    )
    for column, attribute in _LIMITED:
        limit = _max_length(attribute)
        if len(getattr(row, attribute)) > limit:
            row.fail(column, f"{column}不能超过 {limit} 个字，现有 {len(getattr(row, attribute))} 个字。")
    for column, attribute in (("违法依据", "violation_bases"), ("处罚依据", "penalty_bases")):
        bases, errors = basis_lines_parse(values[column])
        setattr(row, attribute, bases)
        for message in errors:
            row.fail(column, message)
    return row


def _duplicates_within_file(rows: list[ParsedRow]) -> None:
    """Each code once: otherwise the later row would silently overwrite the first."""
    first: dict[str, int] = {}
    for row in rows:
        if not row.code:
            continue
        if row.code in first:
            row.fail("事项编码", f"事项编码 {row.code} 与第 {first[row.code]} 行重复：每个事项只能占一行。")
        else:
            first[row.code] = row.number


# --- writing --------------------------------------------------------------------------------------------
@dataclass
class RowOutcome:
    row: int
    code: str
    name: str
    action: str  # "create", "update", "unchanged"
    changed: list[str] = field(default_factory=list)  # labels of the changed fields

    @property
    def action_label(self) -> str:
        return {"create": "新增", "update": "更新", "unchanged": "无变化"}[self.action]


@dataclass
class ImportReport:
    dry_run: bool
    outcomes: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def _count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def created(self) -> int:
        return self._count("create")

    @property
    def updated(self) -> int:
        return self._count("update")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    def summary(self) -> dict[str, int]:
        return {"rows": len(self.outcomes), "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "errors": len(self.errors)}


class _RollBack(Exception):
    """Raised to leave the import's transaction without committing (dry run, or a row failed)."""


def _matter_data(row: ParsedRow, existing: EnforcementMatter | None) -> MatterData:
    # The sheet has no column for the department it came from, the legal-review default or the structured
    # ranges: a re-import keeps what the matter has. An unchanged 处罚种类及幅度 cell keeps the structured
    # penalties (they may have been refined on screen); a changed one is parsed afresh.
    if existing is not None and row.penalty_text == penalty_cell(existing):
        summary = existing.penalty_summary
        penalties = [
            PenaltyData(kind=p.kind, min_fen=p.min_fen, max_fen=p.max_fen, min_multiple=p.min_multiple,
                        max_multiple=p.max_multiple, multiple_of=p.multiple_of, note=p.note)
            for p in existing.penalties.all()
        ]
    else:
        summary, penalties = row.penalty_text, penalties_from_text(row.penalty_text)
    return MatterData(
        code=row.code, name=row.name, category=row.category, violation_bases=row.violation_bases,
        penalty_bases=row.penalty_bases, penalties=penalties, penalty_summary=summary, subject=row.subject,
        handling_unit=row.handling_unit, transferred_from=existing.transferred_from if existing else "",
        needs_legal_review=existing.needs_legal_review if existing else False, note=row.note,
    )


class _Importer:
    def __init__(self, *, actor: User, change: ChangeRecord, event: str) -> None:
        self.actor = actor
        self.change = change
        self.event = event
        assert actor.bureau is not None
        self.bureau = actor.bureau

    def write(self, row: ParsedRow, report: ImportReport) -> None:
        """One row through the services in a savepoint; a DomainError becomes the row's error."""
        try:
            with transaction.atomic():
                report.outcomes.append(self._write(row))
        except DomainError as exc:
            if exc.field == "document_number":
                raise  # the change record of the whole import is wrong, not this row
            report.errors.append(RowError(row.number, COLUMN_OF_FIELD.get(exc.field or "", ""), exc.message))
        except DatabaseError:
            report.errors.append(RowError(row.number, "", "数据库拒绝保存该行（可能有人同时修改了该事项），请稍后重试。"))

    def _write(self, row: ParsedRow) -> RowOutcome:
        existing = (
            EnforcementMatter.objects.filter(bureau=self.bureau, code=row.code)
            .select_related("bureau").prefetch_related("penalties").first()
        )
        outcome = RowOutcome(row=row.number, code=row.code, name=row.name, action="create")
        if existing is None:
            services.matter_create(bureau=self.bureau, data=_matter_data(row, None), change=self.change,
                                   actor=self.actor, event=self.event)
            return outcome
        if existing.status == EnforcementMatter.Status.REMOVED:
            raise DomainError(f"事项 {row.code} 已从目录中取消，导入不能恢复或修改已取消的事项；"
                              "如需重新列入，请以新的编码新增。", field="code")
        changed = services.matter_update(matter=existing, data=_matter_data(row, existing), change=self.change,
                                         actor=self.actor)
        outcome.action = "update" if changed else "unchanged"
        outcome.changed = [FIELD_LABELS.get(key, key) for key in changed]
        return outcome


def catalog_import(
    *, rows: list[SheetRow], change: ChangeRecord, actor: User, dry_run: bool,
    event: str = MatterChange.Event.ADD, filename: str = "", sha256: str = "",
) -> ImportReport:
    """Check (dry run) or write every row in one transaction; when any row fails, nothing is written.

    A DomainError about the change record itself (no document number) is raised, not reported per row."""
    if actor.bureau is None:
        raise DomainError("您的账号不属于任何执法局，不能导入执法事项目录。", code="forbidden")
    parsed = [_parse_row(sheet_row) for sheet_row in rows]
    _duplicates_within_file(parsed)
    report = ImportReport(dry_run=dry_run)
    for row in parsed:
        report.errors.extend(row.errors)
    try:
        with transaction.atomic():
            importer = _Importer(actor=actor, change=change, event=event)
            for row in parsed:
                if not row.errors:
                    importer.write(row, report)
            if dry_run or report.errors:
                raise _RollBack
            audit_record(actor=actor, action="matter.import", bureau=actor.bureau,
                         object_type="catalog.enforcementmatter", object_repr=filename[:200],
                         after={**report.summary(), "sha256": sha256, "document": change.document_number})
    except _RollBack:
        pass
    else:
        report.committed = True
    order = {name: index for index, name in enumerate(COLUMNS)}
    report.errors.sort(key=lambda error: (error.row, order.get(error.column, -1)))
    report.outcomes.sort(key=lambda outcome: outcome.row)
    return report
