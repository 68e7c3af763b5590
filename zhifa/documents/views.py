"""Screens of the documents app: a case's documents and case file, the template screens, downloads.

Thin: parse, call one service or selector, render. Every download goes through the case the user may see.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhifa.accounts.models import Bureau, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.cases import selectors as case_selectors
from zhifa.cases.forms import BootstrapForm
from zhifa.cases.models import Case, Lead
from zhifa.cases.views_case import refuse_audit_only
from zhifa.documents import jobs, selectors, services
from zhifa.documents.context import item_choices
from zhifa.documents.kinds import ISSUABLE, KINDS, DocumentKind, kind_get
from zhifa.documents.models import Document, DocumentSettings
from zhifa.documents.pdf import pdf_convert
from zhifa.documents.store import blob_get
from zhifa.documents.variables import NAMESPACES, namespaces_for
from zhifa.jobs.models import Job
from zhifa.jobs.services import job_enqueue
from zhifa.lib.errors import DomainError
from zhifa.numbering.models import NumberPattern
from zhifa.numbering.services import number_pattern_set

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _file(data: bytes, name: str, content_type: str) -> HttpResponse:
    """A download, never a page: attachment, nosniff, a sandboxing CSP."""
    from urllib.parse import quote

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


# --- a case's (or a lead's) documents --------------------------------------------------------------------------
class DraftForm(BootstrapForm):
    kind = forms.ChoiceField(label="文书种类")
    item_id = forms.TypedChoiceField(label="对应记录", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, kind: DocumentKind | None, case: Case | None, lead_only: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [k for k in ISSUABLE if (k.source == "lead") == lead_only or (case is not None and k.source == "lead")]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "请选择…")] + [(k.code, k.label) for k in kinds]
        self.items: list[tuple[int, str]] = item_choices(kind, case) if kind is not None and case is not None else []
        if self.items:
            cast(forms.ChoiceField, self.fields["item_id"]).choices = self.items
            self.fields["item_id"].required = True
        else:
            del self.fields["item_id"]
        for extra in kind.extras if kind is not None else ():
            widget = forms.DateInput(attrs={"type": "date"}) if extra.kind == "date" else (
                forms.Textarea(attrs={"rows": 3}) if extra.kind == "textarea" else forms.TextInput())
            field_class = forms.DateField if extra.kind == "date" else forms.CharField
            self.fields[f"extra_{extra.name}"] = field_class(label=extra.label, required=extra.required, widget=widget)
        self._style()  # the fields added above


def _owner(user: User, *, case_pk: int | None, lead_pk: int | None) -> tuple[Case | None, Lead | None]:
    if case_pk is not None:
        case = case_selectors.case_get(user=user, pk=case_pk)
        return case, case.lead
    lead = case_selectors.lead_get(user=user, pk=lead_pk or 0)
    return None, lead


def _owner_url(case: Case | None, lead: Lead | None) -> str:
    if case is not None:
        return reverse("documents:case", args=[case.pk])
    return reverse("documents:lead", args=[lead.pk if lead else 0])


@require_http_methods(["GET", "POST"])
@login_required
def owner_documents(request: HttpRequest, case_pk: int | None = None, lead_pk: int | None = None) -> HttpResponse:
    """文书与电子卷宗: draft, issue, download; build the case file."""
    user = _user(request)
    refuse_audit_only(user)
    case, lead = _owner(user, case_pk=case_pk, lead_pk=lead_pk)
    code = request.POST.get("kind") or request.GET.get("kind") or ""
    kind = kind_get(code) if code in {k.code for k in ISSUABLE} else None
    form = DraftForm(request.POST or None, kind=kind, case=case, lead_only=case is None,
                     initial={"kind": code})
    error: DomainError | None = None
    if request.method == "POST" and request.POST.get("draft") and form.is_valid() and kind is not None:
        extras = {e.name: form.cleaned_data.get(f"extra_{e.name}") for e in kind.extras}
        try:
            document = services.document_draft(kind_code=kind.code, actor=user, case=case,
                                               lead=lead if case is None else None,
                                               item_id=form.cleaned_data.get("item_id"), extras=extras)
            messages.success(request, f"已生成《{document.label}》草稿。请下载核对，无误后签发；签发时取文号。")
            return redirect(_owner_url(case, lead))
        except DomainError as exc:
            error = exc
    documents = list(selectors.documents_of(case=case, lead=lead))
    return render(request, "documents/owner_documents.html", {
        "case": case, "lead": lead, "form": form, "kind": kind, "error": error, "documents": documents,
        "drafts": [d for d in documents if d.state == Document.State.DRAFT],
        "case_files": list(case.case_files.select_related("built_by")) if case is not None else [],
        "jobs": _recent_jobs(user, case),
        "is_leader": user.has_role(Role.BUREAU_LEADER),
    })


def _recent_jobs(user: User, case: Case | None) -> list[Job]:
    if case is None:
        return []
    kinds = (jobs.PDF, jobs.ISSUE_MANY, jobs.CASE_FILE)
    return list(Job.objects.filter(created_by=user, kind__in=kinds, params__case_id=case.pk).order_by("-id")[:3])


def _document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    document = selectors.document_get(user=user, pk=pk)
    back = _owner_url(document.case, document.lead)
    try:
        if action == "issue":
            document = services.document_issue(document=document, actor=user)
            job = job_enqueue(kind=jobs.PDF, params={"document_ids": [document.pk], "case_id": document.case_id},
                              actor=user, bureau=document.bureau, total=1)
            messages.success(request, f"已签发《{document.label}》{document.number}。PDF 正在后台生成（任务 {job.pk}）。")
        elif action == "discard":
            services.document_discard(document=document, actor=user)
            messages.success(request, f"已废弃《{document.label}》草稿（草稿未取文号，不影响编号连续）。")
        elif action == "void":
            services.document_void(document=document, actor=user, reason=request.POST.get("reason", ""))
            messages.success(request, f"已作废《{document.label}》{document.number}，核验页面将显示“已作废”。")
        elif action == "correct":
            draft = services.document_correct(document=document, actor=user, reason=request.POST.get("reason", ""))
            messages.success(request, f"已作废原文书并生成更正草稿（第 {draft.pk} 号草稿），签发时取新文号。")
    except DomainError as exc:
        missing = getattr(exc, "missing", None)
        if missing:
            article = getattr(exc, "article", "")
            messages.error(request, f"《{document.label}》不能签发：缺少《行政处罚法》{article}规定的内容，请补齐后再签发。")
            for item in missing:
                messages.error(request, f"缺少：{item}")
        else:
            messages.error(request, exc.message)
    return redirect(back)


@require_POST
@login_required
def document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _document_action(request, pk, "issue")


@require_POST
@login_required
def document_discard(request: HttpRequest, pk: int) -> HttpResponse:
    return _document_action(request, pk, "discard")


@require_POST
@login_required
def document_void(request: HttpRequest, pk: int) -> HttpResponse:
    return _document_action(request, pk, "void")


@require_POST
@login_required
def document_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _document_action(request, pk, "correct")


@require_POST
@login_required
def issue_many(request: HttpRequest, case_pk: int) -> HttpResponse:
    """批量签发: the chosen drafts, in a background job with progress on screen."""
    user = _user(request)
    case = case_selectors.case_get(user=user, pk=case_pk)
    chosen = [int(v) for v in request.POST.getlist("document") if v.isdigit()]
    ids = list(Document.objects.filter(case=case, state=Document.State.DRAFT, pk__in=chosen).values_list("pk", flat=True))
    if not ids:
        messages.error(request, "请先勾选要签发的草稿。")
        return redirect("documents:case", case.pk)
    job = job_enqueue(kind=jobs.ISSUE_MANY, params={"document_ids": ids, "case_id": case.pk}, actor=user,
                      bureau=case.bureau, total=len(ids) + 1)
    return redirect("jobs:detail", job.pk)


@require_POST
@login_required
def case_file_build(request: HttpRequest, case_pk: int) -> HttpResponse:
    """立卷归档: checked now (state, reason), built in a background job."""
    user = _user(request)
    case = case_selectors.case_get(user=user, pk=case_pk)
    reason = request.POST.get("reason", "")
    try:
        from zhifa.documents.casefile import case_file_check

        case_file_check(case, user, reason)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("documents:case", case.pk)
    job = job_enqueue(kind=jobs.CASE_FILE, params={"case_id": case.pk, "reason": reason}, actor=user,
                      bureau=case.bureau, total=5)
    return redirect("jobs:detail", job.pk)


# --- downloads ------------------------------------------------------------------------------------------------
def _document_name(document: Document, extension: str) -> str:
    state = "" if document.state == Document.State.ISSUED else f"（{document.get_state_display()}）"
    return f"{document.label}{document.number}{state}.{extension}"


@require_GET
@login_required
def document_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _user(request)
    document = selectors.document_get(user=user, pk=pk)
    audit_record(actor=user, action="document.download", obj=document, after={"format": "docx"})
    return _file(blob_get(document.docx_sha256), _document_name(document, "docx"), DOCX)


@require_GET
@login_required
def document_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _user(request)
    document = selectors.document_get(user=user, pk=pk)
    if not document.pdf_sha256:
        raise Http404("PDF 尚未生成，请稍后刷新。")
    audit_record(actor=user, action="document.download", obj=document, after={"format": "pdf"})
    return _file(blob_get(document.pdf_sha256), _document_name(document, "pdf"), "application/pdf")


def _case_file_download(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    user = _user(request)
    case_file = selectors.case_file_get(user=user, pk=pk)
    audit_record(actor=user, action="case_file.download", obj=case_file, after={"format": what})
    name = f"{case_file.case.number or case_file.case.pk}-电子卷宗-第{case_file.version}版"
    if what == "pdf":
        return _file(blob_get(case_file.pdf_sha256), f"{name}.pdf", "application/pdf")
    return _file(blob_get(case_file.zip_sha256), f"{name}.zip", "application/zip")


@require_GET
@login_required
def case_file_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_file_download(request, pk, "pdf")


@require_GET
@login_required
def case_file_zip(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_file_download(request, pk, "zip")


# --- templates and settings -----------------------------------------------------------------------------------
class SettingsForm(forms.ModelForm):
    class Meta:
        model = DocumentSettings
        fields = ["reconsideration_body", "litigation_court", "payment_account"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.widget.attrs["class"] = "form-control"


class UploadForm(BootstrapForm):
    file = forms.FileField(label="模板文件（.docx）")
    note = forms.CharField(label="修改说明", max_length=200)


def _bureau_user(request: HttpRequest) -> tuple[User, Bureau]:
    user = _user(request)
    refuse_audit_only(user)
    if user.bureau is None:
        raise Http404("文书模板属于执法局；您的账号不属于任何执法局。")
    return user, user.bureau


@require_http_methods(["GET", "POST"])
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    user, bureau = _bureau_user(request)
    current = DocumentSettings.objects.filter(bureau=bureau).first() or DocumentSettings(bureau=bureau)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_settings_set(bureau=bureau, actor=user, **form.cleaned_data)
            messages.success(request, "文书设置已保存，此后制作的文书将使用新的内容。")
            return redirect("documents:templates")
        except DomainError as exc:
            form.add_error(None, exc.message)
    in_use = {t.kind: t for t in services.DocumentTemplate.objects.filter(bureau=bureau, in_use=True).defer("content")}
    patterns = {p.kind: p.pattern for p in NumberPattern.objects.filter(bureau=bureau)}
    rows = [{"kind": k, "template": in_use.get(k.code), "pattern": patterns.get(k.number_kind, k.number_pattern)}
            for k in KINDS]
    return render(request, "documents/template_list.html", {
        "rows": rows, "form": form, "can_manage": user.has_role(*services.MANAGING_ROLES)})


@require_http_methods(["GET", "POST"])
@login_required
def template_detail(request: HttpRequest, code: str) -> HttpResponse:
    user, bureau = _bureau_user(request)
    kind = _kind_or_404(code)
    upload = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        received = upload.cleaned_data["file"]
        if received.size > services.TEMPLATE_MAX_BYTES:
            upload.add_error("file", "模板文件超过 10 MB。请删除其中的大图片后再上传。")
        else:
            try:
                row = services.template_upload(bureau=bureau, kind_code=kind.code, data=received.read(),
                                               name=received.name, note=upload.cleaned_data["note"], actor=user)
                messages.success(request, f"已上传第 {row.version} 版并开始使用。可下载预览核对效果。")
                return redirect("documents:template", kind.code)
            except DomainError as exc:
                upload.add_error("file" if exc.field is None else exc.field, exc.message)
    namespaces = [NAMESPACES[name] for name in namespaces_for(kind)]
    versions = list(selectors.template_versions(bureau_id=bureau.pk, kind=kind.code))
    return render(request, "documents/template_detail.html", {
        "kind": kind, "versions": versions, "builtin_in_use": not any(v.in_use for v in versions),
        "upload": upload, "namespaces": namespaces, "can_manage": user.has_role(*services.MANAGING_ROLES),
        "pattern": NumberPattern.objects.filter(bureau=bureau, kind=kind.number_kind).values_list(
            "pattern", flat=True).first() or kind.number_pattern,
        "can_set_pattern": user.has_role(Role.ADMINISTRATOR),
    })


def _kind_or_404(code: str) -> DocumentKind:
    try:
        return kind_get(code)
    except DomainError:
        raise Http404("没有这种文书") from None


@require_POST
@login_required
def template_use(request: HttpRequest, code: str) -> HttpResponse:
    user, bureau = _bureau_user(request)
    kind = _kind_or_404(code)
    version = int(request.POST.get("version", "-1")) if request.POST.get("version", "").isdigit() else -1
    try:
        services.template_use(bureau=bureau, kind_code=kind.code, version=version, actor=user)
        messages.success(request, "已改用系统内置模板。" if version == 0 else f"已改用第 {version} 版模板。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("documents:template", kind.code)


@require_POST
@login_required
def template_pattern(request: HttpRequest, code: str) -> HttpResponse:
    user, bureau = _bureau_user(request)
    kind = _kind_or_404(code)
    try:
        number_pattern_set(bureau=bureau, kind=kind.number_kind, pattern=request.POST.get("pattern", ""),
                           actor=user)
        messages.success(request, "文号格式已保存，此后签发的文书使用新格式，序号继续累加。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("documents:template", kind.code)


def _version_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("version", "")
    return int(raw) if raw.isdigit() else None


@require_GET
@login_required
def template_download(request: HttpRequest, code: str) -> HttpResponse:
    """The template file itself (to edit in WPS or Word and upload as a new version)."""
    _, bureau = _bureau_user(request)
    kind = _kind_or_404(code)
    version = _version_param(request)
    if version:
        row = selectors.template_versions(bureau_id=bureau.pk, kind=kind.code).filter(version=version).first()
        if row is None:
            raise Http404("没有这一版模板")
        data = bytes(services.DocumentTemplate.objects.get(pk=row.pk).content)
    elif version == 0:
        data = services.render.kind_template(kind, None)
    else:
        data, version = services.template_bytes(bureau, kind)
    return _file(data, f"模板-{kind.label}-第{version}版.docx", DOCX)


@require_GET
@login_required
def template_preview(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    """The template filled with the sample case, as .docx or PDF."""
    _, bureau = _bureau_user(request)
    kind = _kind_or_404(code)
    try:
        data = services.template_preview(bureau=bureau, kind_code=kind.code, version=_version_param(request))
        if extension == "pdf":
            return _file(pdf_convert(data), f"预览-{kind.label}.pdf", "application/pdf")
    except DomainError as exc:
        return render(request, "core/error.html", {"status": 400, "message": exc.message}, status=400)
    return _file(data, f"预览-{kind.label}.docx", DOCX)
