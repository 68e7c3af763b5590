"""Turn .docx into PDF with LibreOffice in headless mode (Debian `libreoffice-writer-nogui`).

One `soffice --convert-to pdf` call converts a whole batch (starting LibreOffice costs about a second; each
document then a fraction of that), so callers hand over every document they have at once. Each process
uses its own LibreOffice profile (two workers must not share one), and `FONTCONFIG_FILE` points at
`fonts/fonts.conf`, which maps the bureau's font names (仿宋_GB2312, 方正小标宋简体 …) to the free fonts on
the server.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from lxml import etree
from pypdf import PdfReader

from zhifa.lib.errors import DomainError

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
SECONDS_PER_BATCH = 60
SECONDS_PER_DOCUMENT = 10


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise DomainError("服务器未安装 LibreOffice，无法生成 PDF。请系统管理员运行 scripts/test.sh 或 "
                          "apt-get install libreoffice-writer-nogui（见 docs/documents.md）。")
    return found


def _profile_dir() -> Path:
    path = Path(settings.DATA_DIR) / "libreoffice" / f"profile-{os.getpid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def libreoffice_compatible(docx: bytes) -> bytes:
    """The same document with its character grid expressed the way LibreOffice lays it out.

    GB/T 9704 asks for 28 characters of 16 pt on a 156 mm line: Word and WPS squeeze each character to the
    grid pitch (15.79 pt, w:docGrid w:charSpace="-848"); LibreOffice instead gives every character that is
    wider than the pitch two grid cells (14 characters a line). For the PDF only, the character grid becomes
    a line grid and the squeeze becomes character spacing in the document defaults. The .docx the bureau
    downloads keeps the grid as it is.
    """
    try:
        source = zipfile.ZipFile(io.BytesIO(docx))
        grid = etree.fromstring(source.read("word/document.xml")).find(f".//{{{W}}}sectPr/{{{W}}}docGrid")
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return docx  # not a sound .docx: LibreOffice will say so
    char_space = grid.get(f"{{{W}}}charSpace") if grid is not None else None
    if grid is None or grid.get(f"{{{W}}}type") not in ("linesAndChars", "snapToChars") or not char_space:
        return docx
    squeeze_twentieths = math.floor(int(char_space) / 4096 * 20)  # 1/4096 pt → 1/20 pt, rounded away from 0
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = _grid_to_lines(data)
            elif info.filename == "word/styles.xml" and squeeze_twentieths < 0:
                data = _default_spacing(data, squeeze_twentieths)
            target.writestr(info, data)
    return output.getvalue()


def _grid_to_lines(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for grid in root.iter(f"{{{W}}}docGrid"):
        grid.set(f"{{{W}}}type", "lines")
        grid.attrib.pop(f"{{{W}}}charSpace", None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _default_spacing(xml: bytes, twentieths: int) -> bytes:
    root = etree.fromstring(xml)
    defaults = root.find(f"{{{W}}}docDefaults")
    if defaults is None:
        return xml
    run_default = defaults.find(f"{{{W}}}rPrDefault")
    if run_default is None:
        run_default = etree.SubElement(defaults, f"{{{W}}}rPrDefault")
    properties = run_default.find(f"{{{W}}}rPr")
    if properties is None:
        properties = etree.SubElement(run_default, f"{{{W}}}rPr")
    spacing = properties.find(f"{{{W}}}spacing")
    if spacing is None:
        spacing = etree.SubElement(properties, f"{{{W}}}spacing")
    spacing.set(f"{{{W}}}val", str(twentieths))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def pdf_convert_many(documents: dict[str, bytes]) -> dict[str, bytes]:
    """{name: docx bytes} → {name: pdf bytes}, in one LibreOffice run. Names must be plain file stems."""
    if not documents:
        return {}
    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="zhifa-pdf-") as work:
        folder = Path(work)
        sources = []
        for name, data in documents.items():
            if "/" in name or name.startswith("."):
                raise ValueError(f"bad document name {name!r}")
            source = folder / f"{name}.docx"
            source.write_bytes(libreoffice_compatible(data))
            sources.append(str(source))
        profile = _profile_dir()
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(profile), "SAL_USE_VCLPLUGIN": "svp"}
        command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--nodefault", "--convert-to", "pdf:writer_pdf_Export", "--outdir",
                   str(folder / "out"), *sources]
        timeout = SECONDS_PER_BATCH + SECONDS_PER_DOCUMENT * len(sources)
        try:
            done = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        except subprocess.TimeoutExpired:
            raise DomainError(f"LibreOffice 在 {timeout} 秒内没有完成 PDF 转换。请稍后重试；仍失败请联系系统管理员。") from None
        result = {}
        for name in documents:
            target = folder / "out" / f"{name}.pdf"
            if not target.exists():
                detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
                raise DomainError(f"LibreOffice 未能把“{name}”转换为 PDF（{detail or '无输出'}）。请检查模板文件能否用 WPS/Word 打开。")
            result[name] = target.read_bytes()
        return result


def pdf_convert(docx: bytes) -> bytes:
    return pdf_convert_many({"document": docx})["document"]


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
