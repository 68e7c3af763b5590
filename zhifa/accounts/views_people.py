"""The people screens (人员管理): list, detail, forms, Excel import and export. Thin: parse, call, render."""

from __future__ import annotations

import datetime as dt
import io
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhifa.accounts import officer_import, selectors, services
from zhifa.accounts.forms_people import (
    CertificateForm,
    ImportConfirmForm,
    ImportUploadForm,
    OfficerFilterForm,
    OfficerForm,
    domain_error_to_form,
)
from zhifa.accounts.models import Certificate, Officer
from zhifa.audit.services import audit_record
from zhifa.lib.errors import DomainError
from zhifa.lib.spreadsheet import file_sha256

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from zhifa.accounts.models import User

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "people_import"
IMPORT_TMP_MAX_AGE_SECONDS = 24 * 3600
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _require_people_change(user: User) -> None:
    if not selectors.people_may_change(user):
        raise PermissionDenied("只有系统管理员和执法队负责人可以登记、修改和导入人员。")


def _officer_for_change(user: User, pk: int) -> Officer:
    """404 when the person is not even visible (no existence leak); 403 when visible but not changeable."""
    officer = selectors.officer_get(user=user, pk=pk, action="view")
    if not Officer.objects.for_user(user, "change").filter(pk=officer.pk).exists():
        raise PermissionDenied("您可以查看该人员，但没有修改权限。")
    return officer


def _certificate_for_change(user: User, pk: int) -> Certificate:
    certificate = selectors.certificate_get(user=user, pk=pk, action="view")
    if not Certificate.objects.for_user(user, "change").filter(pk=certificate.pk).exists():
        raise PermissionDenied("您可以查看该执法证，但没有修改权限。")
    return certificate


# --- list ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfficerRow:
    """One line of the list: the person and the certificate that speaks for them."""

    officer: Officer
    certificate: Certificate | None
    status_label: str
    overdue: bool  # expired, or ending within the warning period: shown red


def certificate_of_record(officer: Officer, today: dt.date) -> Certificate | None:
    """The certificate the list shows: the valid one ending last, else the one ending last.

    Uses the prefetched certificates (ordered by valid_to descending), so it costs no query.
    """
    certificates = list(officer.certificates.all())
    for certificate in certificates:
        if certificate.effective_status(today) == Certificate.Status.VALID:
            return certificate
    return certificates[0] if certificates else None


def officer_row(officer: Officer, today: dt.date) -> OfficerRow:
    certificate = certificate_of_record(officer, today)
    if certificate is None:
        return OfficerRow(officer, None, "无执法证" if officer.kind == Officer.Kind.OFFICER else "", False)
    status = certificate.effective_status(today)
    horizon = today + dt.timedelta(days=selectors.EXPIRING_DAYS_DEFAULT)
    overdue = status == Certificate.Status.EXPIRED or (
        status == Certificate.Status.VALID and certificate.valid_to <= horizon
    )
    return OfficerRow(officer, certificate, Certificate.Status(status).label, overdue)


def _querystring(request: HttpRequest, drop: str = "page") -> str:
    query = request.GET.copy()
    query.pop(drop, None)
    return query.urlencode()


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    form = OfficerFilterForm(request.GET, user=user)
    officers = selectors.officer_list(user=user, filters=form.filters())
    page = Paginator(officers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/list.html", {
        "form": form,
        "page": page,
        "rows": [officer_row(officer, today) for officer in page.object_list],
        "rate": selectors.certificate_rate(user=user, on=today),
        "may_change": selectors.people_may_change(user),
        "querystring": _querystring(request),
        "today": today,
    })


# --- detail and reveal -------------------------------------------------------------------------------------
def _detail_context(user: User, officer: Officer) -> dict[str, Any]:
    today = timezone.localdate()
    certificates = list(officer.certificates.all())
    horizon = today + dt.timedelta(days=selectors.EXPIRING_DAYS_DEFAULT)
    return {
        "officer": officer,
        "certificates": [
            {
                "certificate": c,
                "status_label": Certificate.Status(c.effective_status(today)).label,
                "overdue": c.effective_status(today) == Certificate.Status.EXPIRED
                or (c.effective_status(today) == Certificate.Status.VALID and c.valid_to <= horizon),
            }
            for c in certificates
        ],
        "may_change": Officer.objects.for_user(user, "change").filter(pk=officer.pk).exists(),
        "may_reveal": user.has_role(*services.REVEAL_ROLES),
        "revealed": {},
        "today": today,
    }


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    officer = selectors.officer_get(user=user, pk=pk)
    return render(request, "people/detail.html", _detail_context(user, officer))


REVEALABLE = {"id_number": "身份证号", "phone": "联系电话"}


@never_cache  # the unmasked value must not stay in any cache: it is shown once, on this answer only
@require_POST
@login_required
def officer_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    field = request.POST.get("field", "")
    if field not in REVEALABLE:
        return HttpResponseBadRequest("未知的个人信息字段。")
    officer = selectors.officer_get(user=user, pk=pk)
    # personal_data_reveal audits both outcomes; PermissionDenied becomes the 403 page.
    value = services.personal_data_reveal(officer=officer, field=field, actor=user)
    context = _detail_context(user, officer)
    context["revealed"] = {field: value or "未登记"}
    return render(request, "people/detail.html", context)


# --- forms ---------------------------------------------------------------------------------------------------

@login_required
def officer_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_people_change(user)
    form = OfficerForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            assert user.bureau is not None  # people_may_change guarantees it
            officer = services.officer_create(bureau=user.bureau, data=form.officer_data(), actor=user)
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已登记人员 {officer.name}。")
            return redirect("people:detail", pk=officer.pk)
    return render(request, "people/officer_form.html", {"form": form, "title": "新增人员", "officer": None})


@login_required
def officer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    officer = _officer_for_change(user, pk)
    form = OfficerForm(request.POST or None, user=user, officer=officer)
    if request.method == "POST" and form.is_valid():
        data = form.officer_data(blank_keeps=True)
        try:
            services.officer_update(officer=officer, data=data, actor=user)
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已保存 {data.name} 的信息。")
            return redirect("people:detail", pk=officer.pk)
    return render(request, "people/officer_form.html", {
        "form": form, "title": f"修改人员信息：{officer.name}", "officer": officer,
    })


@login_required
def certificate_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    officer = _officer_for_change(user, pk)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_add(officer=officer, data=form.certificate_data(), actor=user)
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已为 {officer.name} 登记执法证 {form.cleaned_data['number']}。")
            return redirect("people:detail", pk=officer.pk)
    return render(request, "people/certificate_form.html", {
        "form": form, "title": f"登记执法证：{officer.name}", "officer": officer,
    })


@login_required
def certificate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    certificate = _certificate_for_change(user, pk)
    form = CertificateForm(request.POST or None, certificate=certificate)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_update(certificate=certificate, data=form.certificate_data(), actor=user)
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已保存执法证 {form.cleaned_data['number']}。")
            return redirect("people:detail", pk=certificate.officer_id)
    return render(request, "people/certificate_form.html", {
        "form": form, "title": f"修改执法证：{certificate.number}", "officer": certificate.officer,
    })


# --- import --------------------------------------------------------------------------------------------------
def _import_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "tmp"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _import_path(token: str) -> Path:
    # The token is checked against the session and by the form's regex: it cannot climb out of tmp/.
    return _import_dir() / f"people-import-{token}.upload"


def _import_tmp_sweep() -> None:
    """Remove uploads abandoned after the dry run (nobody confirmed within a day)."""
    cutoff = time.time() - IMPORT_TMP_MAX_AGE_SECONDS
    for path in _import_dir().glob("people-import-*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass  # another process swept it first


def _import_stash(request: HttpRequest, content: bytes, filename: str) -> str:
    """Keep the upload server-side until it is confirmed: the confirm step never trusts the client."""
    _import_tmp_sweep()
    token = secrets.token_urlsafe(24)
    _import_path(token).write_bytes(content)
    previous = request.session.get(IMPORT_SESSION_KEY)
    if previous:
        _import_path(previous["token"]).unlink(missing_ok=True)
    request.session[IMPORT_SESSION_KEY] = {
        "token": token, "filename": filename, "sha256": file_sha256(content),
    }
    return token


def _import_forget(request: HttpRequest, token: str) -> None:
    _import_path(token).unlink(missing_ok=True)
    request.session.pop(IMPORT_SESSION_KEY, None)


def _upload_content(form: ImportUploadForm) -> tuple[bytes | None, str]:
    """The uploaded bytes and name; None with a form error when the file is too large or empty."""
    upload = form.cleaned_data["file"]
    filename = str(upload.name or "")
    limit = settings.ZHIFA_IMPORT_MAX_BYTES
    if upload.size > limit:
        form.add_error("file", f"文件过大（{upload.size / 1024 / 1024:.1f} MB），上限为 "
                               f"{limit / 1024 / 1024:.1f} MB，请拆分后分批导入。")
        return None, filename
    content: bytes = upload.read(limit + 1)
    if not content:
        form.add_error("file", "上传的文件是空的，请选择填好的导入文件。")
        return None, filename
    return content, filename


@login_required
def people_import(request: HttpRequest) -> HttpResponse:
    """Upload → dry run: the per-row report, and a confirm button when every row is fine."""
    user = _user(request)
    _require_people_change(user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "report": None, "token": None}
    if request.method == "POST" and form.is_valid():
        content, filename = _upload_content(form)
        if content is not None:
            try:
                rows = officer_import.import_file_read(content=content, filename=filename)
            except officer_import.ImportFileError as exc:
                form.add_error("file", exc.message)
            else:
                report = officer_import.officers_import(rows=rows, actor=user, dry_run=True)
                context["report"] = report
                context["filename"] = filename
                if report.ok:
                    context["token"] = _import_stash(request, content, filename)
    return render(request, "people/import.html", context)


@require_POST
@login_required
def people_import_confirm(request: HttpRequest) -> HttpResponse:
    """Re-read the kept file and import it for real, in one transaction; nothing is written on any error."""
    user = _user(request)
    _require_people_change(user)
    form = ImportConfirmForm(request.POST)
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    token = form.cleaned_data["token"] if form.is_valid() else ""
    path = _import_path(token) if token else None
    if not token or not secrets.compare_digest(token, pending.get("token", "")) or path is None or not path.exists():
        messages.error(request, "待导入的文件已失效（可能已导入或超过一天），请重新上传。")
        return redirect("people:import")
    content = path.read_bytes()
    filename = pending.get("filename", "")
    try:
        rows = officer_import.import_file_read(content=content, filename=filename)
    except officer_import.ImportFileError as exc:
        _import_forget(request, token)
        messages.error(request, exc.message)
        return redirect("people:import")
    report = officer_import.officers_import(
        rows=rows, actor=user, dry_run=False, file_sha256=pending.get("sha256", ""), filename=filename
    )
    _import_forget(request, token)
    if report.committed:
        messages.success(request, f"导入完成：新增 {report.created} 人，更新 {report.updated} 人，"
                                  f"新增执法证 {report.certificates_created} 本，更新 {report.certificates_updated} 本。")
    return render(request, "people/import.html", {
        "form": ImportUploadForm(), "report": report, "token": None, "filename": filename,
    })


# --- Excel files ---------------------------------------------------------------------------------------------
def _xlsx_response(workbook: Any, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    response["Cache-Control"] = "no-store"
    return response


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write a cell as data: text starting with "=" must not become a formula (spreadsheet injection)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"


def _header_row(sheet: Worksheet, headers: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _put(sheet, 1, index, header)
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=1, column=index).fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


@login_required
def people_import_template(request: HttpRequest) -> HttpResponse:
    """The import template: the header row, drop-down lists, the rules and this bureau's unit names."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    user = _user(request)
    _require_people_change(user)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "人员"
    headers = [column.header for column in officer_import.COLUMNS]
    widths = [6, 10, 10, 18, 12, 22, 15, 18, 22, 20, 12, 12, 10, 12, 10]
    _header_row(sheet, headers, widths)
    letter = {column.key: get_column_letter(i) for i, column in enumerate(officer_import.COLUMNS, start=1)}
    for key in ("id_number", "phone", "cert_number"):
        # Text cells: Excel would otherwise round an 18-digit ID number to 15 significant digits.
        for row in range(2, 502):
            sheet[f"{letter[key]}{row}"].number_format = "@"
    for key, options in (("kind", "执法人员,协管员"), ("cert_status", "有效,暂扣,吊销,过期"),
                         ("legal_qualified", "是,否")):
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        validation.add(f"{letter[key]}2:{letter[key]}1000")
        sheet.add_data_validation(validation)
    rules = workbook.create_sheet("填写说明")
    _header_row(rules, ["列名", "填写要求"], [16, 90])
    for row, column in enumerate(officer_import.COLUMNS, start=2):
        _put(rules, row, 1, column.header)
        _put(rules, row, 2, column.rule)
    units = workbook.create_sheet("本局机构")
    _header_row(units, ["所属机构可填写的名称"], [40])
    for row, department in enumerate(selectors.departments_changeable(user=user), start=2):
        _put(units, row, 1, department.name)
    return _xlsx_response(workbook, "人员导入模板.xlsx")


EXPORT_HEADERS = ["序号", "姓名", "人员类别", "所属机构", "职务", "身份证号（脱敏）", "联系电话（脱敏）",
                  "执法证号", "发证机关", "有效期自", "有效期至", "证件状态", "法律职业资格", "培训学时", "在岗"]


@login_required
def people_export(request: HttpRequest) -> HttpResponse:
    """The list as the user filtered it, as Excel. Identifiers are masked: an export is not a reveal."""
    from openpyxl import Workbook

    user = _user(request)
    today = timezone.localdate()
    form = OfficerFilterForm(request.GET, user=user)
    officers = selectors.officer_list(user=user, filters=form.filters())
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "人员名单"
    _header_row(sheet, EXPORT_HEADERS, [6, 10, 10, 18, 12, 22, 15, 18, 22, 12, 12, 10, 12, 10, 6])
    count = 0
    for count, officer in enumerate(officers, start=1):
        row = officer_row(officer, today)
        certificate = row.certificate
        values: list[Any] = [
            count, officer.name, officer.get_kind_display(), officer.department.name if officer.department else "",
            officer.position, officer.id_number_masked, officer.phone_masked,
            certificate.number if certificate else "", certificate.issuing_authority if certificate else "",
            certificate.valid_from if certificate else None, certificate.valid_to if certificate else None,
            row.status_label, "是" if officer.legal_qualified else "否", float(officer.training_hours),
            "是" if officer.is_active else "否",
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, count + 1, column, value)
            if isinstance(value, dt.date):
                sheet.cell(row=count + 1, column=column).number_format = "yyyy-mm-dd"
    audit_record(
        actor=user, action="people.export", object_type="accounts.officer", object_repr="人员名单",
        bureau=user.bureau, after={"rows": count, "query": _querystring(request)[:500]},
    )
    return _xlsx_response(workbook, f"人员名单-{today.isoformat()}.xlsx")
