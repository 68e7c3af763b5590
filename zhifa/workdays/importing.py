"""Reading a year's official schedule from a CSV or .xlsx file into rows for `calendar_year_import`.

Only the file format is handled here (encodings, header names, spreadsheet date cells); what the rows
mean and whether they are right is decided by the service, which reports per-row errors.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from zhifa.lib.errors import DomainError
from zhifa.lib.nul import NUL

COLUMN_DATE = "日期"
COLUMN_KIND = "类型"
COLUMN_NAME = "名称"
_REQUIRED = (COLUMN_DATE, COLUMN_KIND)


@dataclass(frozen=True)
class CalendarImportRow:
    """One data row as written in the file; `row` is the spreadsheet row number (the header is row 1)."""

    row: int
    date: str
    kind: str
    name: str = ""


def calendar_rows_from_file(filename: str, data: bytes) -> list[CalendarImportRow]:
    """Rows of a .csv or .xlsx file with the columns 日期, 类型 and (optional) 名称."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        table = _csv_table(data)
    elif suffix in {".xlsx", ".xlsm"}:
        table = _xlsx_table(data)
    else:
        raise DomainError("只支持 .csv 或 .xlsx 文件。", field="file")
    return _rows_from_table(table)


def _csv_table(data: bytes) -> list[list[str]]:
    # Excel on Chinese Windows saves CSV as GBK; everything else uses UTF-8 (often with a BOM).
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise DomainError("无法识别文件编码，请另存为 UTF-8 编码的 CSV。", field="file")
    if NUL in text:  # PostgreSQL cannot store it; a CSV holding one is damaged
        raise DomainError("CSV 文件中含有空字符（\\0），文件可能已损坏。请用 Excel 打开后重新保存。", field="file")
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _xlsx_table(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a damaged file
        raise DomainError("无法读取该 Excel 文件，请确认是 .xlsx 格式且未损坏。", field="file") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A spreadsheet cell as text; date cells become YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _rows_from_table(table: list[list[str]]) -> list[CalendarImportRow]:
    header_index = next((i for i, cells in enumerate(table) if any(c.strip() for c in cells)), None)
    if header_index is None:
        raise DomainError("文件是空的：第一行应为表头“日期,类型,名称”。", field="file")
    header = [cell.strip() for cell in table[header_index]]
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise DomainError(
            f"第 {header_index + 1} 行表头缺少列：{'、'.join(missing)}。表头应为“日期,类型,名称”。",
            field="file",
        )
    date_col, kind_col = header.index(COLUMN_DATE), header.index(COLUMN_KIND)
    name_col = header.index(COLUMN_NAME) if COLUMN_NAME in header else None

    def cell(cells: list[str], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    rows = []
    for offset, cells in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are common at the end of exported sheets
        rows.append(
            CalendarImportRow(offset, cell(cells, date_col), cell(cells, kind_col), cell(cells, name_col))
        )
    return rows
