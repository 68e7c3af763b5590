"""The electronic case file (一案一卷): one bound PDF and one export ZIP per version.

Binding order: cover (卷宗封面), catalog (卷内目录), the issued documents in the kinds' binding order (the
decision first, then the procedure in order, execution, closing), the evidence list with every file's
SHA-256 (证据清单), the record sheet (卷内备考表). Pages are numbered from the first document on (cover and
catalog carry no page number), stamped in the top right corner, and the catalog gives each entry's first
page; the PDF has a bookmark per entry.

The ZIP holds the bound PDF, every document as .docx and PDF, the original evidence files, `manifest.json`
and `SHA256SUMS`; `zhifa archive verify` re-hashes an exported folder or ZIP against the manifest. A built
version never changes: building again makes the next version, with a reason, in the audit log.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from zhifa.accounts.models import User
from zhifa.audit.services import audit_record
from zhifa.cases.models import Case, Evidence, TimelineEntry
from zhifa.documents import render
from zhifa.documents.context import context_build, date_text
from zhifa.documents.kinds import kind_get
from zhifa.documents.models import CaseFile, Document
from zhifa.documents.pdf import pdf_convert_many
from zhifa.documents.services import _require_case_actor, documents_pdf_render, template_bytes
from zhifa.documents.store import blob_get, blob_path, blob_put, blob_put_file
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.lib.evidence_store import evidence_path

Progress = Callable[[int, int, str], None]
FILEABLE_STATES = {Case.State.CLOSED, Case.State.DISMISSED}
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
BOUND_PDF = "卷宗.pdf"


@dataclass
class Entry:
    """One line of the catalog: a document (or the evidence list) and where it starts in the bound file."""

    title: str
    number: str
    date: str
    pdf: bytes
    pages: int = 0
    page: int = 0  # the first page, counted from the first document (1)


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def _size_text(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return ""


def _safe_name(text: str) -> str:
    """A file name any operating system accepts: no separators, no control characters, not too long."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .") or "文件"
    return cleaned[:80]


# --- the parts ------------------------------------------------------------------------------------------------
def _issued_documents(case: Case) -> list[Document]:
    documents = list(Document.objects.filter(case=case, state=Document.State.ISSUED))
    return sorted(documents, key=lambda d: (kind_get(d.kind).binding, d.issued_at or timezone.now(), d.pk))


def _evidence_rows(evidence: list[Evidence]) -> list[dict[str, str]]:
    return [{"index": str(index), "title": item.title, "kind": item.get_kind_display(),
             "collected_on": date_text(timezone.localtime(item.collected_at).date()),
             "collected_by": _user_name(item.collected_by), "file": item.original_name,
             "size": _size_text(item.size), "sha256": item.sha256}
            for index, item in enumerate(evidence, 1)]


def _file_title(case: Case) -> str:
    """案卷题名: party + case title, unless the title already starts with the party's name."""
    party = case.parties.order_by("id").first()
    name = party.name if party is not None else ""
    return case.title if not name or case.title.startswith(name) else f"{name}{case.title}"


def _user_name(user: User) -> str:
    officer = getattr(user, "officer", None)
    return officer.name if officer is not None else (user.get_full_name() or user.username)


def _archive_context(case: Case, code: str, archive: dict[str, Any]) -> dict[str, Any]:
    context = context_build(kind=kind_get(code), case=case)
    context["archive"] = archive
    return context


def _render_part(case: Case, code: str, archive: dict[str, Any]) -> bytes:
    template, _ = template_bytes(case.bureau, kind_get(code))
    return render.docx_render(template, _archive_context(case, code, archive))


# --- page numbers and bookmarks -------------------------------------------------------------------------------
def _stamp(page: PageObject, number: int) -> None:
    """The archive page number in the top right corner (Helvetica digits: no CJK font needed)."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    overlay = PageObject.create_blank_page(width=width, height=height)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    overlay[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/ZhifaNo"): font})})
    text = str(number)
    stream = DecodedStreamObject()
    x = width - 56 - 6 * len(text)  # right edge ≈ 20 mm from the paper's edge
    stream.set_data(f"q BT /ZhifaNo 12 Tf {x:.1f} {height - 42:.1f} Td ({text}) Tj ET Q".encode("ascii"))
    overlay.replace_contents(stream)  # type: ignore[arg-type]  # pypdf accepts a decoded stream at run time
    page.merge_page(overlay)


def _bind(cover: bytes, catalog: bytes, entries: list[Entry], record_sheet: bytes) -> tuple[bytes, int]:
    """The bound PDF and its number of numbered pages."""
    writer = PdfWriter()
    for part in (cover, catalog):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    numbered = 0
    for entry in entries:
        first = len(writer.pages)
        for page in PdfReader(io.BytesIO(entry.pdf)).pages:
            numbered += 1
            added = writer.add_page(page)
            _stamp(added, numbered)
        writer.add_outline_item(title=f"{entry.title} {entry.number}".strip(), page_number=first)
    for page in PdfReader(io.BytesIO(record_sheet)).pages:
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), numbered


# --- the ZIP --------------------------------------------------------------------------------------------------
def _zip_write(path: Path, *, bound: bytes, documents: list[Document], evidence: list[Evidence],
               manifest_head: dict[str, Any]) -> None:
    files: list[dict[str, Any]] = []

    def add_bytes(archive: zipfile.ZipFile, name: str, data: bytes, sha: str | None = None) -> None:
        archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        files.append({"path": name, "sha256": sha or _sha(data), "size": len(data)})

    with zipfile.ZipFile(path, "w") as archive:
        add_bytes(archive, BOUND_PDF, bound)
        for index, document in enumerate(documents, 1):
            stem = f"文书/{index:02d}-{_safe_name(document.label)}{_safe_name(document.number) if document.number else ''}"
            add_bytes(archive, f"{stem}.docx", blob_get(document.docx_sha256), document.docx_sha256)
            add_bytes(archive, f"{stem}.pdf", blob_get(document.pdf_sha256), document.pdf_sha256)
        for index, item in enumerate(evidence, 1):
            name = f"证据/{index:03d}-{_safe_name(item.original_name)}"
            # Media is already compressed; stored as is, streamed from the evidence store.
            archive.write(evidence_path(item.sha256), name, compress_type=zipfile.ZIP_STORED)
            files.append({"path": name, "sha256": item.sha256, "size": item.size})
        manifest = {**manifest_head, "files": files}
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(SUMS, "".join(f"{f['sha256']}  {f['path']}\n" for f in files), compress_type=zipfile.ZIP_DEFLATED)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the build ------------------------------------------------------------------------------------------------
def case_file_check(case: Case, actor: User, reason: str) -> None:
    _require_case_actor(actor, case, None)
    if case.state not in FILEABLE_STATES:
        raise DomainError("案件结案（或撤销立案）后才能立卷归档。请先完成结案审批。")
    if CaseFile.objects.filter(case=case).exists() and not reason.strip():
        raise DomainError("本案已有电子卷宗。重新立卷会生成新版本（原版本保留），请写明理由。", field="reason")


def case_file_build(*, case: Case, actor: User, reason: str = "", progress: Progress = _no_progress) -> CaseFile:
    """Build the next version of this case's file: PDFs of the documents, the bound PDF, the ZIP."""
    case_file_check(case, actor, reason)
    documents = _issued_documents(case)
    # The lead's attachments (before filing) belong to the file too.
    evidence = list(Evidence.objects.filter(Q(case=case) | Q(lead_id=case.lead_id, case__isnull=True))
                    .select_related("collected_by").order_by("collected_at", "id"))
    steps = 5
    progress(0, steps, f"生成 {len(documents)} 份文书的 PDF")
    documents_pdf_render(documents=documents)
    entries = [Entry(d.label, d.number, date_text(d.issued_on), blob_get(d.pdf_sha256)) for d in documents]
    version = (CaseFile.objects.filter(case=case).aggregate(v=Max("version"))["v"] or 0) + 1
    archive: dict[str, Any] = {
        "title": _file_title(case), "version": str(version),
        "built_on": date_text(timezone.localdate()), "built_by": _user_name(actor), "checked_by": "",
        "retention": "长期", "document_count": str(len(documents)), "evidence_count": str(len(evidence)),
        "evidence": _evidence_rows(evidence), "entries": [], "total_pages": "",
        "note": f"本卷共有文书 {len(documents)} 件、证据材料 {len(evidence)} 件（电子文件，SHA-256 见证据清单）。"
                + (f"第 {version} 版，重新立卷理由：{reason.strip()}" if version > 1 else ""),
    }
    progress(1, steps, "生成证据清单")
    evidence_pdf = pdf_convert_many({"evidence": _render_part(case, "evidence_list", archive)})["evidence"]
    entries.append(Entry("证据清单", "", archive["built_on"], evidence_pdf))
    _number_pages(entries)
    archive["total_pages"] = str(sum(e.pages for e in entries))
    archive["entries"] = [{"index": str(i), "number": e.number, "title": e.title, "date": e.date,
                           "pages": str(e.pages), "page": str(e.page)} for i, e in enumerate(entries, 1)]
    progress(2, steps, "生成封面、卷内目录和备考表")
    parts = pdf_convert_many({code: _render_part(case, code, archive)
                              for code in ("file_cover", "file_catalog", "file_record_sheet")})
    progress(3, steps, "装订卷宗 PDF")
    bound, numbered = _bind(parts["file_cover"], parts["file_catalog"], entries, parts["file_record_sheet"])
    pdf_sha = blob_put(bound)
    progress(4, steps, f"打包 {len(evidence)} 个证据文件")
    head = {"case": case.number, "title": case.title, "bureau": case.bureau.name, "version": version,
            "built_at": timezone.now().isoformat(timespec="seconds"), "built_by": _user_name(actor),
            "catalog": archive["entries"]}
    with tempfile.TemporaryDirectory(prefix="zhifa-casefile-") as work:
        zip_path = Path(work) / "case-file.zip"
        _zip_write(zip_path, bound=bound, documents=documents, evidence=evidence, manifest_head=head)
        zip_sha = blob_put_file(zip_path)
    with transaction.atomic():
        try:
            case_file = CaseFile.objects.create(case=case, version=version, reason=reason.strip()[:300],
                                                pdf_sha256=pdf_sha, zip_sha256=zip_sha, pages=numbered,
                                                manifest={**head, "documents": len(documents),
                                                          "evidence": len(evidence)}, built_by=actor)
        except IntegrityError:
            raise ChangedMeanwhile("其他人刚刚为本案立卷，请刷新页面查看最新版本。") from None
        TimelineEntry.objects.create(case=case, actor=actor, action="case_file.build",
                                     text=f"立卷归档：电子卷宗第 {version} 版，文书 {len(documents)} 件，证据 {len(evidence)} 件，"
                                          f"共 {numbered} 页" + (f"（理由：{reason.strip()}）" if reason.strip() else ""))
        audit_record(actor=actor, action="case_file.build", obj=case_file, after={
            "case": case.number, "version": version, "pdf_sha256": pdf_sha, "zip_sha256": zip_sha,
            "reason": reason.strip()})
    progress(steps, steps, f"已完成：电子卷宗第 {version} 版")
    return case_file


def _number_pages(entries: list[Entry]) -> None:
    page = 1
    for entry in entries:
        entry.pages = len(PdfReader(io.BytesIO(entry.pdf)).pages)
        entry.page = page
        page += entry.pages


# --- verification of an exported file -------------------------------------------------------------------------
@dataclass
class ArchiveReport:
    checked: int
    changed: list[str]
    missing: list[str]
    untracked: list[str]

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.untracked)


def archive_verify(path: Path) -> ArchiveReport:
    """Re-hash an exported case file (a folder or the ZIP) against its manifest."""
    if path.is_dir():
        return _verify_folder(path)
    if zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="zhifa-verify-") as work:
            with zipfile.ZipFile(path) as archive:
                _extract_safely(archive, Path(work))
            return _verify_folder(Path(work))
    raise DomainError(f"{path} 既不是文件夹，也不是 ZIP 文件。请给出导出的电子卷宗文件夹或 ZIP。")


def _extract_safely(archive: zipfile.ZipFile, target: Path) -> None:
    root = target.resolve()
    for member in archive.infolist():
        destination = (target / member.filename).resolve()
        if not destination.is_relative_to(root):
            raise DomainError(f"ZIP 中的路径“{member.filename}”指向卷宗以外，拒绝解压。")
    archive.extractall(target)  # every member was checked above


def _verify_folder(folder: Path) -> ArchiveReport:
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise DomainError(f"{folder} 中没有 {MANIFEST}，不是 zhifa 导出的电子卷宗。")
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
        expected = {f["path"]: f["sha256"] for f in manifest["files"]}
    except (ValueError, KeyError, TypeError):
        raise DomainError(f"{MANIFEST} 已损坏，无法读取。请从系统重新导出电子卷宗。") from None
    changed, missing = [], []
    for name, sha in expected.items():
        target = folder / name
        if not target.is_file():
            missing.append(name)
        elif _file_sha(target) != sha:
            changed.append(name)
    present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    untracked = sorted(present - set(expected) - {MANIFEST, SUMS})
    return ArchiveReport(checked=len(expected), changed=changed, missing=missing, untracked=untracked)


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def case_file_export(case_file: CaseFile, target: Path) -> Path:
    """Unpack a stored version into a folder (for the archive room, or for `zhifa archive verify`)."""
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(blob_path(case_file.zip_sha256)) as archive:
        _extract_safely(archive, target)
    return target

