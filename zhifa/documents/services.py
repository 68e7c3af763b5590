"""Every write of the documents app: settings, template versions, drafting, issuing, voiding, PDFs.

Issuing (签发) is the moment a document becomes official: in one transaction the art. 59 check runs, the
number is taken (so a refused or failed issue leaves no gap, and a discarded draft never had one), the
verification code is drawn, the .docx is filled and stored by its SHA-256, the case timeline and the audit
log are written. The PDF follows in a background job (LibreOffice takes a second or two).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.accounts.models import Bureau, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.cases.models import Case, Evidence, Lead, Record, TimelineEntry
from zhifa.cases.selectors import is_case_officer
from zhifa.documents import pdf, render
from zhifa.documents.checks import art52_missing, art59_missing
from zhifa.documents.context import DECISION_KINDS, context_build, date_text, needs_check
from zhifa.documents.kinds import DocumentKind, kind_get
from zhifa.documents.models import Document, DocumentSettings, DocumentTemplate
from zhifa.documents.store import blob_get, blob_put
from zhifa.documents.variables import namespaces_for, sample_context
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.numbering.services import number_take

TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
DRAFT_NUMBER = "（签发时编号）"
DRAFT_QR = "（签发后生成核验二维码）"
ACTING_ROLES = (Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.LEGAL_REVIEWER)
MANAGING_ROLES = (Role.ADMINISTRATOR, Role.BUREAU_LEADER)


class DocumentIncomplete(DomainError):
    """The document lacks what the law requires; `missing` lists each item with what to do."""

    def __init__(self, kind: DocumentKind, missing: list[str], article: str) -> None:
        lines = "；".join(f"{index}. {item}" for index, item in enumerate(missing, 1))
        super().__init__(f"{kind.label}缺少《行政处罚法》{article}规定的内容，不能签发：{lines}。", code="incomplete")
        self.missing = missing
        self.article = article


# --- who may do what ------------------------------------------------------------------------------------------
def _require_manager(actor: User, bureau: Bureau) -> None:
    if actor.bureau_id != bureau.pk or not actor.has_role(*MANAGING_ROLES):
        raise DomainError("只有本局的系统管理员或局领导可以管理文书模板和文书设置。", code="forbidden")


def _require_case_actor(actor: User, case: Case | None, lead: Lead | None) -> Bureau:
    """Case officers (not recused), team leaders, legal reviewers and bureau leaders of the bureau."""
    bureau = case.bureau if case is not None else lead.bureau if lead is not None else None
    if bureau is None or actor.bureau_id != bureau.pk:
        raise DomainError("只能为本局的案件制作文书。", code="forbidden")
    if case is not None and is_case_officer(case, actor):
        return bureau
    if case is None and actor.has_role(Role.OFFICER):
        return bureau
    if not actor.has_role(*ACTING_ROLES):
        raise DomainError("只有本案的承办人员或执法队负责人、法制审核人员、局领导可以制作和签发文书。", code="forbidden")
    return bureau


def _require_leader(actor: User, bureau: Bureau) -> None:
    if actor.bureau_id != bureau.pk or not actor.has_role(Role.BUREAU_LEADER):
        raise DomainError("只有本局局领导可以作废已签发的文书。", code="forbidden")


# --- settings -------------------------------------------------------------------------------------------------
def document_settings_set(*, bureau: Bureau, actor: User, reconsideration_body: str, litigation_court: str,
                          payment_account: str) -> DocumentSettings:
    _require_manager(actor, bureau)
    with transaction.atomic():
        row, _ = DocumentSettings.objects.select_for_update().get_or_create(bureau=bureau)
        before = {"reconsideration_body": row.reconsideration_body, "litigation_court": row.litigation_court,
                  "payment_account": row.payment_account}
        row.reconsideration_body = reconsideration_body.strip()
        row.litigation_court = litigation_court.strip()
        row.payment_account = payment_account.strip()
        row.save()
        audit_record(actor=actor, action="document_settings.set", obj=row, before=before, after={
            "reconsideration_body": row.reconsideration_body, "litigation_court": row.litigation_court,
            "payment_account": row.payment_account})
    return row


# --- templates ------------------------------------------------------------------------------------------------
def template_in_use(bureau: Bureau, kind: DocumentKind) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(bureau=bureau, kind=kind.code, in_use=True).first()


def template_bytes(bureau: Bureau, kind: DocumentKind) -> tuple[bytes, int]:
    """The template this bureau uses for this kind and its version (0: the shipped one)."""
    row = template_in_use(bureau, kind)
    if row is None:
        return render.kind_template(kind, None), 0
    return bytes(row.content), row.version


def template_check(kind: DocumentKind, data: bytes) -> None:
    """Refuse a template that names variables its kind does not offer, or that does not fill the sample case."""
    if len(data) > TEMPLATE_MAX_BYTES:
        raise DomainError(f"模板文件超过 {TEMPLATE_MAX_BYTES // 1024 // 1024} MB。请删除其中的大图片后再上传。")
    unknown = sorted(render.template_variables(data) - set(namespaces_for(kind)))
    if unknown:
        raise DomainError(f"模板使用了“{kind.label}”不提供的变量：{'、'.join(unknown)}。"
                          f"可用的变量：{'、'.join(namespaces_for(kind))}（详见本页“可用变量”）。")
    render.docx_render(data, sample_context())


def template_upload(*, bureau: Bureau, kind_code: str, data: bytes, name: str, note: str,
                    actor: User) -> DocumentTemplate:
    """A new version of this bureau's template for this kind, in use from now on."""
    _require_manager(actor, bureau)
    kind = kind_get(kind_code)
    if not note.strip():
        raise DomainError("请填写修改说明（如：按市局2026年文书格式调整）。", field="note")
    template_check(kind, data)
    with transaction.atomic():
        latest = DocumentTemplate.objects.select_for_update().filter(bureau=bureau, kind=kind.code)
        version = (latest.aggregate(v=Max("version"))["v"] or 0) + 1
        latest.filter(in_use=True).update(in_use=False)
        try:
            row = DocumentTemplate.objects.create(
                bureau=bureau, kind=kind.code, version=version, content=data,
                sha256=hashlib.sha256(data).hexdigest(), size=len(data), original_name=name[:255],
                note=note.strip()[:200], in_use=True, uploaded_by=actor)
        except IntegrityError:
            raise ChangedMeanwhile("其他人刚刚上传了这个模板的新版本，请刷新页面后重试。") from None
        audit_record(actor=actor, action="document_template.upload", obj=row, after={
            "kind": kind.code, "version": version, "sha256": row.sha256, "note": row.note})
    return row


def template_use(*, bureau: Bureau, kind_code: str, version: int, actor: User) -> None:
    """Go back to an earlier version (0: the shipped template). Versions themselves never change."""
    _require_manager(actor, bureau)
    kind = kind_get(kind_code)
    with transaction.atomic():
        rows = DocumentTemplate.objects.select_for_update().filter(bureau=bureau, kind=kind.code)
        if version and not rows.filter(version=version).exists():
            raise DomainError(f"“{kind.label}”没有第 {version} 版模板。", field="version")
        before = rows.filter(in_use=True).values_list("version", flat=True).first() or 0
        rows.filter(in_use=True).update(in_use=False)
        if version:
            rows.filter(version=version).update(in_use=True)
        audit_record(actor=actor, action="document_template.use", obj=None, before={"kind": kind.code,
                     "version": before}, after={"kind": kind.code, "version": version})


def template_preview(*, bureau: Bureau, kind_code: str, version: int | None = None) -> bytes:
    """The template filled with the sample case, as .docx (version None: the one in use; 0: the shipped one)."""
    kind = kind_get(kind_code)
    if version is None:
        data, _ = template_bytes(bureau, kind)
    elif version == 0:
        data = render.kind_template(kind, None)
    else:
        row = DocumentTemplate.objects.filter(bureau=bureau, kind=kind.code, version=version).first()
        if row is None:
            raise DomainError(f"“{kind.label}”没有第 {version} 版模板。")
        data = bytes(row.content)
    return render.docx_render(data, sample_context(), verify_url=_verify_url("SAMPLE00"))


# --- drafting -------------------------------------------------------------------------------------------------
def _extras_clean(kind: DocumentKind, extras: dict[str, Any] | None) -> dict[str, str]:
    values = extras or {}
    cleaned: dict[str, str] = {}
    for extra in kind.extras:
        value = values.get(extra.name)
        if isinstance(value, dt.date):
            value = date_text(value)
        text = str(value or "").strip()
        if extra.required and not text:
            raise DomainError(f"请填写“{extra.label}”。", field=extra.name)
        cleaned[extra.name] = text
    return cleaned


def _verify_url(code: str) -> str:
    return f"{settings.ZHIFA_PUBLIC_URL.rstrip('/')}/verify/{code}/"


def document_draft(*, kind_code: str, actor: User, case: Case | None = None, lead: Lead | None = None,
                   item_id: int | None = None, extras: dict[str, Any] | None = None) -> Document:
    """A draft filled from the case as it is now, with no number yet, to be checked before issuing."""
    kind = kind_get(kind_code)
    if kind.source == "archive":
        raise DomainError(f"“{kind.label}”由电子卷宗自动生成，不能单独制作。")
    if kind.source != "lead" and case is None:
        raise DomainError(f"“{kind.label}”须在案件中制作。")
    bureau = _require_case_actor(actor, case, lead)
    clean = _extras_clean(kind, extras)
    context = context_build(kind=kind, case=case, lead=lead, item_id=item_id, extras=clean)
    needs_check(kind, context)
    context["document"].update(number=DRAFT_NUMBER, verify_code="", verify_url="", qr=DRAFT_QR)
    template, version = template_bytes(bureau, kind)
    docx = render.docx_render(template, context)
    sha = blob_put(docx)
    with transaction.atomic():
        document = Document.objects.create(
            bureau=bureau, case=case, lead=lead if case is None else case.lead, kind=kind.code,
            item_id=item_id if kind.source not in ("case", "lead") else None, extras=clean,
            template_version=version, docx_sha256=sha, drafted_by=actor)
        audit_record(actor=actor, action="document.draft", obj=document, after={
            "kind": kind.code, "case": case.number if case else "", "template_version": version})
    return document


def document_discard(*, document: Document, actor: User) -> None:
    _require_case_actor(actor, document.case, document.lead)
    with transaction.atomic():
        if not Document.objects.filter(pk=document.pk, state=Document.State.DRAFT).update(
                state=Document.State.DISCARDED):
            raise DomainError("只有草稿可以废弃；已签发的文书须由局领导作废。", code="conflict")
        audit_record(actor=actor, action="document.discard", obj=document, after={"kind": document.kind})
    document.state = Document.State.DISCARDED


# --- issuing --------------------------------------------------------------------------------------------------
def evidence_count(case: Case | None) -> int:
    if case is None:
        return 0
    return Evidence.objects.filter(case=case).count() + Record.objects.filter(case=case).count()


def _verify_code_unused() -> str:
    for _ in range(5):
        code = render.verify_code_new()
        if not Document.objects.filter(verify_code=code).exists():
            return code
    raise RuntimeError("could not draw an unused verification code")  # 32^8 codes: practically unreachable


def document_issue(*, document: Document, actor: User, on: dt.date | None = None) -> Document:
    """签发: check, number, fill, store — all or nothing. Refilled from the case as it is at this moment."""
    kind = kind_get(document.kind)
    case, lead = document.case, document.lead
    bureau = _require_case_actor(actor, case, lead)
    day = on or timezone.localdate()
    with transaction.atomic():
        context = context_build(kind=kind, case=case, lead=None if case else lead, item_id=document.item_id,
                                extras=document.extras, on=day)
        needs_check(kind, context)
        _one_decision_in_force(kind, case)
        if kind.art59 and (missing := art59_missing(context, evidence_count=evidence_count(case))):
            raise DocumentIncomplete(kind, missing, "第五十九条")
        if kind.art52 and (missing := art52_missing(context)):
            raise DocumentIncomplete(kind, missing, "第五十二条")
        number = _number_for(kind, bureau, case, day)
        code = _verify_code_unused() if kind.verifiable else None
        url = _verify_url(code) if code else ""
        context["document"].update(number=number.text if number else "", issued_on=date_text(day),
                                   verify_code=render.verify_code_display(code or ""), verify_url=url, qr="")
        template, version = template_bytes(bureau, kind)
        docx = render.docx_render(template, context, verify_url=url)
        sha = blob_put(docx)
        claimed = Document.objects.filter(pk=document.pk, state=Document.State.DRAFT).update(
            state=Document.State.ISSUED, number=number.text if number else "",
            number_year=number.year if number else None, number_seq=number.seq if number else None,
            issued_on=day, issued_at=timezone.now(), issued_by=actor, verify_code=code, context=context,
            docx_sha256=sha, pdf_sha256="", template_version=version)
        if not claimed:
            raise ChangedMeanwhile("这份文书已被他人签发或废弃，请刷新页面查看。")
        document.refresh_from_db()
        _timeline(document, actor, f"签发《{kind.label}》{document.number}".rstrip())
        audit_record(actor=actor, action="document.issue", obj=document, after={
            "kind": kind.code, "number": document.number, "docx_sha256": sha, "template_version": version,
            "case": case.number if case else ""})
    return document


def _one_decision_in_force(kind: DocumentKind, case: Case | None) -> None:
    """A case has one decision document in force: a second is a correction, which voids the first."""
    if case is None or kind.code not in DECISION_KINDS:
        return
    current = Document.objects.filter(case=case, kind__in=DECISION_KINDS, state=Document.State.ISSUED).first()
    if current is not None:
        raise DomainError(f"本案的{current.label}已签发（{current.number}）。如需更正，请局领导在原文书处选择“作废并更正”。",
                          code="conflict")


class _Number:
    def __init__(self, text: str, year: int | None, seq: int | None) -> None:
        self.text, self.year, self.seq = text, year, seq


def _number_for(kind: DocumentKind, bureau: Bureau, case: Case | None, day: dt.date) -> _Number | None:
    if kind.case_number_is_number and case is not None:
        return _Number(case.number, None, None)  # the on-the-spot decision was numbered when it was made
    if not kind.numbered:
        return None
    taken = number_take(bureau=bureau, kind=kind.number_kind, year=day.year, default_pattern=kind.number_pattern)
    return _Number(taken.text, taken.year, taken.seq)


def _timeline(document: Document, actor: User, text: str) -> None:
    TimelineEntry.objects.create(case=document.case, lead=document.lead if document.case is None else None,
                                 actor=actor, action="document", text=text[:500])


# --- after issuing --------------------------------------------------------------------------------------------
def document_void(*, document: Document, actor: User, reason: str) -> Document:
    """作废: the document is no longer in force (the verification page says so from now on)."""
    _require_leader(actor, document.bureau)
    if not reason.strip():
        raise DomainError("请写明作废理由。", field="reason")
    with transaction.atomic():
        if not Document.objects.filter(pk=document.pk, state=Document.State.ISSUED).update(
                state=Document.State.VOID, void_reason=reason.strip(), voided_at=timezone.now(), voided_by=actor):
            raise DomainError("只有已签发的文书可以作废。", code="conflict")
        document.refresh_from_db()
        _timeline(document, actor, f"作废《{document.label}》{document.number}，理由：{reason.strip()}")
        audit_record(actor=actor, action="document.void", obj=document, after={
            "number": document.number, "reason": document.void_reason})
    return document


def document_correct(*, document: Document, actor: User, reason: str) -> Document:
    """更正: void the issued document and draft its replacement, which takes a new number when issued."""
    with transaction.atomic():
        document_void(document=document, actor=actor, reason=f"更正：{reason.strip()}" if reason.strip() else "")
        draft = document_draft(kind_code=document.kind, actor=actor, case=document.case, lead=document.lead,
                               item_id=document.item_id, extras=document.extras)
        Document.objects.filter(pk=draft.pk).update(replaces=document)
        draft.replaces = document
    return draft


def documents_pdf_render(*, documents: list[Document]) -> int:
    """Render the PDFs of issued documents that have none yet, in one LibreOffice run. Returns how many."""
    todo = [d for d in documents if d.state in (Document.State.ISSUED, Document.State.VOID) and not d.pdf_sha256]
    if not todo:
        return 0
    pdfs = pdf.pdf_convert_many({f"d{d.pk}": blob_get(d.docx_sha256) for d in todo})
    for document in todo:
        data = pdfs[f"d{document.pk}"]
        sha = blob_put(data)
        pages = pdf.pdf_pages(data)
        Document.objects.filter(pk=document.pk, pdf_sha256="").update(pdf_sha256=sha, pages=pages)
        document.pdf_sha256, document.pages = sha, pages
    return len(todo)
