"""What every spreadsheet import shares: recognising an .xlsx by its bytes, refusing a zip bomb, reading
headers the way people write them, and skipping blank rows."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # an .xlsx is a zip: refuse one that would inflate absurdly


def file_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def header_name(value: Any) -> str:
    """Tolerate what people add to headers: spaces, line breaks, required marks, hints in brackets."""
    text = re.sub(r"\s|\*|＊", "", str(value or ""))
    return re.sub(r"[（(].*?[)）]", "", text)


def row_blank(values: Iterable[Any]) -> bool:
    return all(value is None or str(value).strip() == "" for value in values)


def xlsx_inflated_size(content: bytes) -> int | None:
    """The total unzipped size of an .xlsx, or None when it is not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return None
