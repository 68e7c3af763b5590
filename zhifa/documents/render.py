"""Fill a .docx template (docxtpl) and check what comes out.

Rendering is strict: a variable the context does not have stops the rendering with its name (Jinja's
StrictUndefined), values are XML-escaped, and the filled document is searched for any "{{" or "{%" left
over — a document is either complete or not made at all.
"""

from __future__ import annotations

import copy
import io
import re
import secrets
import zipfile
from typing import Any

import jinja2
import segno
from docx import Document as DocxDocument
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from zhifa.documents.builtin import builtin_template
from zhifa.documents.kinds import DocumentKind
from zhifa.lib.errors import DomainError

_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}")
# Crockford's base32 without I, L, O, U: nothing a reader can confuse when typing it in.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VERIFY_CODE_LENGTH = 8
QR_WIDTH_MM = 22
UNPACKED_MAX_BYTES = 50 * 1024 * 1024  # a .docx that unpacks to more is a zip bomb, not a template


def verify_code_new() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(VERIFY_CODE_LENGTH))


def verify_code_normalise(text: str) -> str:
    """What a person typed ('7kq2-m9xd ', '7KQ2 M9XD', 'O' for zero) → the stored form '7KQ2M9XD'."""
    cleaned = re.sub(r"[\s\-－—]", "", text.upper()).replace("O", "0").replace("I", "1").replace("L", "1")
    return cleaned


def verify_code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if code else ""


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _environment() -> jinja2.Environment:
    """Sandboxed (an uploaded template must not reach Python internals through `__class__` and the like)
    and strict (an unknown variable is an error). docxtpl escapes the values for XML itself."""
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def template_open(data: bytes) -> DocxTemplate:
    """A docxtpl template from uploaded bytes; a file that is not a Word .docx is refused with why."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DomainError("上传的文件不是 Word 文档（.docx）。请在 WPS 或 Word 中“另存为”.docx 格式后再上传；不支持 .doc 和 .wps。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise DomainError("上传的压缩文件不是 Word 文档（缺少 word/document.xml）。请上传 .docx 文件。")
            if sum(info.file_size for info in archive.infolist()) > UNPACKED_MAX_BYTES:
                raise DomainError("这个 Word 文档解压后超过 50 MB，不能作为模板。请删除其中的大图片后再上传。")
        return DocxTemplate(io.BytesIO(data))
    except DomainError:
        raise
    except Exception as error:  # python-docx raises many types for a damaged package
        raise DomainError(f"无法打开这个 Word 文档（{type(error).__name__}）。文件可能已损坏，请重新保存后上传。") from None


def template_variables(data: bytes) -> set[str]:
    """The top-level names a template uses (e.g. {'party', 'decision'})."""
    template = template_open(data)
    try:
        return set(template.get_undeclared_template_variables(_environment()))
    except jinja2.TemplateSyntaxError as error:
        raise DomainError(f"模板中的变量写法有误：{error.message}（第 {error.lineno} 行附近）。"
                          "变量应写作 {{ party.name }} 这样的形式。") from None


def docx_render(template: bytes, context: dict[str, Any], *, verify_url: str = "") -> bytes:
    """The filled .docx. `verify_url`: put its QR code where the template says {{ document.qr }}."""
    document = template_open(template)
    values = copy.deepcopy(context)
    if verify_url:
        values["document"]["qr"] = InlineImage(document, io.BytesIO(qr_png(verify_url)), width=Mm(QR_WIDTH_MM))
    try:
        document.render(values, _environment(), autoescape=True)
    except SecurityError:
        raise DomainError("模板中含有不允许的写法（访问系统内部属性）。变量只能写作 {{ party.name }} 这样的形式。") from None
    except jinja2.UndefinedError as error:
        raise DomainError(f"模板使用了系统不提供的变量：{error.message}。请对照“可用变量”修改模板。") from None
    except jinja2.TemplateSyntaxError as error:
        raise DomainError(f"模板中的变量写法有误：{error.message}（第 {error.lineno} 行附近）。") from None
    output = io.BytesIO()
    document.save(output)
    data = output.getvalue()
    leftover = leftover_tags(data)
    if leftover:
        raise DomainError(f"文书中仍有未填写的变量标记：{'、'.join(leftover[:5])}。请检查模板中的变量是否被拆开或写错。")
    return data


def docx_text(data: bytes) -> str:
    """All the text of a .docx: body paragraphs, tables, headers and footers."""
    document = DocxDocument(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def leftover_tags(data: bytes) -> list[str]:
    text = docx_text(data)
    return sorted({text[max(m.start() - 8, 0):m.end() + 12].strip() for m in _LEFTOVER.finditer(text)})


def kind_template(kind: DocumentKind, uploaded: bytes | None) -> bytes:
    """The bureau's template in use for this kind, or the shipped one."""
    return uploaded if uploaded is not None else builtin_template(kind.code)
