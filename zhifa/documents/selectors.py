"""Reads of the documents app, always through the case or lead the user may see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from zhifa.accounts.models import User
from zhifa.cases import selectors as case_selectors
from zhifa.cases.models import Case, Lead, Remedy
from zhifa.documents.models import CaseFile, Document, DocumentTemplate
from zhifa.documents.render import verify_code_normalise


def documents_of(*, case: Case | None = None, lead: Lead | None = None) -> QuerySet[Document]:
    rows = Document.objects.select_related("issued_by", "drafted_by", "replaces")
    if case is not None:
        return rows.filter(case=case).order_by("-id")
    return rows.filter(lead=lead, case__isnull=True).order_by("-id")


def document_get(*, user: User, pk: int) -> Document:
    """A document of a case (or lead) the user may see; Http404 otherwise (no hint that it exists)."""
    document = Document.objects.select_related("case", "lead", "bureau").filter(pk=pk).first()
    if document is None:
        raise Http404("文书不存在或无权查看")
    if document.case_id is not None:
        case_selectors.case_get(user=user, pk=document.case_id)
    else:
        case_selectors.lead_get(user=user, pk=document.lead_id or 0)
    return document


def case_file_get(*, user: User, pk: int) -> CaseFile:
    case_file = CaseFile.objects.select_related("case").filter(pk=pk).first()
    if case_file is None:
        raise Http404("电子卷宗不存在或无权查看")
    case_selectors.case_get(user=user, pk=case_file.case_id)
    return case_file


def template_versions(*, bureau_id: int, kind: str) -> QuerySet[DocumentTemplate]:
    return DocumentTemplate.objects.filter(bureau_id=bureau_id, kind=kind).select_related("uploaded_by").defer(
        "content").order_by("-version")


# --- the public verification page -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Verification:
    document: Document | None
    status: str  # "genuine" | "void" | "revoked" | "unknown"
    message: str
    file_matches: bool | None = None  # None: no file was given

    @property
    def found(self) -> bool:
        return self.document is not None


def document_verify(*, code: str, file_sha256: str | None = None) -> Verification:
    """Is the document with this code genuine, unchanged (when a file is given) and still in force?"""
    normalised = verify_code_normalise(code)
    document = (Document.objects.select_related("bureau", "case").filter(verify_code=normalised).first()
                if normalised else None)
    if document is None or document.state not in (Document.State.ISSUED, Document.State.VOID):
        return Verification(None, "unknown", "没有找到这个核验码对应的文书。请核对核验码（8 位字母和数字）；"
                                             "仍查不到的，该文书可能不是本机关出具的，请向出具机关核实。")
    matches = None if file_sha256 is None else file_sha256 in (document.docx_sha256, document.pdf_sha256)
    if document.state == Document.State.VOID:
        return Verification(document, "void", f"该文书系本机关出具，但已于 {document.voided_at:%Y年%m月%d日} 作废，不再有效。",
                            matches)
    overturned = Remedy.objects.filter(case_id=document.case_id, outcome__in=(
        Remedy.Outcome.REVOKED, Remedy.Outcome.ILLEGAL)).first() if document.case_id else None
    if overturned is not None and document.kind.endswith("decision"):
        return Verification(document, "revoked", f"该决定已被{overturned.body}{overturned.get_outcome_display()}"
                                                  f"（{overturned.outcome_on or ''}），不再有效。", matches)
    return Verification(document, "genuine", "该文书系本机关出具，现行有效。", matches)


def file_sha256(chunks: object) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:  # type: ignore[attr-defined]
        digest.update(chunk)
    return digest.hexdigest()
