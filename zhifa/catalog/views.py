"""The catalog screens (执法事项目录): list, matter page with the recommendation tool, editing with history,
discretion ladder, exemptions, counts as of a date, delegations, hearing thresholds, Excel import and export.

Thin: parse with a form, call one service or selector, render. Services refuse what the rules forbid with a
DomainError, shown on the form; the administrator checks here only spare people a form they cannot submit.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from zhifa.accounts.models import Bureau
from zhifa.accounts.roles import Role
from zhifa.catalog import excel, forms, selectors, services
from zhifa.catalog.discretion import Deviation, Recommendation, discretion_recommend, recommendation_check
from zhifa.catalog.models import Category, DiscretionStep, EnforcementMatter, LegalBasis, MatterChange
from zhifa.catalog.selectors import CatalogCount, CategoryCount
from zhifa.lib.errors import DomainError
from zhifa.lib.money import fen_to_yuan
from zhifa.lib.spreadsheet import file_sha256

if TYPE_CHECKING:
    from zhifa.accounts.models import User

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "catalog_import"
IMPORT_TMP_MAX_AGE_SECONDS = 24 * 3600


def _user(request: HttpRequest) -> User:
    """The logged-in user (every view here is behind login_required)."""
    return cast("User", request.user)


def _is_administrator(user: User) -> bool:
    return user.has_role(Role.ADMINISTRATOR) and user.bureau_id is not None


def _require_administrator(user: User) -> None:
    if not _is_administrator(user):
        raise PermissionDenied("只有本局系统管理员可以维护执法事项目录。")


def _refuse_audit_only(user: User) -> None:
    """The audit administrator's only data is the audit log: say so instead of showing an empty list."""
    if user.has_role(Role.AUDIT_ADMIN) and not (user.role_codes - {Role.AUDIT_ADMIN}):
        raise PermissionDenied("安全审计员只能查看审计日志。")


def _querystring(request: HttpRequest, drop: str = "page") -> str:
    query = request.GET.copy()
    query.pop(drop, None)
    return query.urlencode()


# --- list -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MatterRow:
    matter: EnforcementMatter
    first_penalty_basis: LegalBasis | None
    status_label: str
    delegated: bool


def _matter_rows(matters: list[EnforcementMatter], day: dt.date, as_of: bool) -> list[MatterRow]:
    delegated = selectors.matter_ids_delegated(matter_ids=[m.pk for m in matters], day=day)
    rows = []
    for matter in matters:
        bases = [b for b in matter.bases.all() if b.kind == LegalBasis.Kind.PENALTY] or list(matter.bases.all())
        # As of a date the selector keeps only the matters on the list that day: they were in force then.
        status = EnforcementMatter.Status.IN_FORCE.label if as_of else matter.get_status_display()
        rows.append(MatterRow(matter, bases[0] if bases else None, status, matter.pk in delegated))
    return rows


@login_required
def matter_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _refuse_audit_only(user)
    form = forms.MatterFilterForm(request.GET)
    filters = form.filters()
    matters = selectors.matter_list(user=user, filters=filters).prefetch_related("bases").select_related("bureau")
    page = Paginator(matters, PAGE_SIZE).get_page(request.GET.get("page"))
    day = filters.as_of or timezone.localdate()
    return render(request, "catalog/list.html", {
        "form": form,
        "page": page,
        "rows": _matter_rows(list(page.object_list), day, filters.as_of is not None),
        "filters": filters,
        "day": day,
        "is_administrator": _is_administrator(user),
        "township": user.township,
        "several_bureaus": user.bureau_id is None,
        "querystring": _querystring(request),
    })


@login_required
def catalog_export_view(request: HttpRequest) -> HttpResponse:
    """The list as filtered (current, or as of a date) in the columns bureaus exchange."""
    user = _user(request)
    _refuse_audit_only(user)
    filters = forms.MatterFilterForm(request.GET).filters()
    matters = selectors.matter_list(user=user, filters=filters).prefetch_related("bases", "penalties")
    day = filters.as_of or timezone.localdate()
    return _xlsx_response(excel.catalog_workbook(matters), f"执法事项目录-{day:%Y%m%d}.xlsx")


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    response["Cache-Control"] = "no-store"
    return response


# --- the matter page ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryRow:
    change: MatterChange
    diffs: list[tuple[str, str, str]]  # (field label, before, after)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(str(item) for item in value) or "（无）"
    if value in (None, ""):
        return "（空）"
    if value in EnforcementMatter.Status.values:
        return str(EnforcementMatter.Status(value).label)
    return str(value)


def _history(matter: EnforcementMatter) -> list[HistoryRow]:
    rows = []
    for change in matter.changes.all():
        if change.event == MatterChange.Event.AMEND:
            before, after = change.before or {}, change.after or {}
            diffs = [(excel.FIELD_LABELS.get(key, key), _shown(before.get(key)), _shown(after.get(key)))
                     for key in after]
        else:
            diffs = []  # creation and removal: the whole matter, not a diff
        rows.append(HistoryRow(change, diffs))
    return rows


@dataclass(frozen=True)
class RecommendationResult:
    recommendation: Recommendation
    deviation: Deviation | None
    # A proposal was given and compared with a range of the same kind: "inside" may be said only then.
    proposal_checked: bool

    @property
    def level_label(self) -> str:
        level = self.recommendation.level
        return DiscretionStep.Level(level).label if level else ""


def _recommendation(request: HttpRequest, matter: EnforcementMatter) -> tuple[forms.RecommendationForm,
                                                                                  RecommendationResult | None]:
    """The tool's form; with the result and the deviation of a proposed amount when it was asked."""
    asked = request.method == "POST" or "recommend" in request.GET
    form = forms.RecommendationForm(request.POST if request.method == "POST" else (request.GET if asked else None))
    if not asked or not form.is_valid():
        return form, None
    recommendation = discretion_recommend(matter=matter, facts=form.facts())
    fine_fen, multiple = form.cleaned_data["proposed_yuan"], form.cleaned_data["proposed_multiple"]
    if fine_fen is None and multiple is None:
        return form, RecommendationResult(recommendation, None, False)
    deviation = recommendation_check(recommendation=recommendation, punish=True, fine_fen=fine_fen, multiple=multiple)
    checked = deviation is not None or (fine_fen is not None and recommendation.max_fen is not None) or (
        multiple is not None and recommendation.max_multiple is not None)
    return form, RecommendationResult(recommendation, deviation, checked)


@login_required
@require_http_methods(["GET", "POST"])
def matter_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    matter = selectors.matter_get(user=user, pk=pk)
    form, result = _recommendation(request, matter)
    bases = list(matter.bases.all())
    today = timezone.localdate()
    steps = sorted(matter.discretion_steps.all(),
                   key=lambda s: DiscretionStep.LEVEL_ORDER[DiscretionStep.Level(s.level)])
    return render(request, "catalog/detail.html", {
        "matter": matter,
        "violation_bases": [b for b in bases if b.kind == LegalBasis.Kind.VIOLATION],
        "penalty_bases": [b for b in bases if b.kind == LegalBasis.Kind.PENALTY],
        "steps": steps,
        "history": _history(matter),
        "delegations": [(d, d.active_on(today)) for d in matter.delegations.all()],
        "rec_form": form,
        "result": result,
        "is_administrator": _is_administrator(user) and matter.bureau_id == user.bureau_id,
    })


# --- editing (administrators) ---------------------------------------------------------------------------
def _matter_for_change(user: User, pk: int) -> EnforcementMatter:
    """403 for non-administrators; 404 for a matter outside the administrator's bureau (no leak)."""
    _require_administrator(user)
    matter = selectors.matter_get(user=user, pk=pk)
    if matter.bureau_id != user.bureau_id:
        raise Http404("执法事项不存在或无权查看")
    return matter


@login_required
@require_http_methods(["GET", "POST"])
def matter_new_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_administrator(user)
    return _matter_form_page(request, user, None)


@login_required
@require_http_methods(["GET", "POST"])
def matter_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    matter = _matter_for_change(user, pk)
    return _matter_form_page(request, user, matter)


def _matter_form_page(request: HttpRequest, user: User, matter: EnforcementMatter | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = forms.MatterForm(data, matter=matter)
    penalties = forms.penalty_formset(data, matter=matter)
    change = forms.ChangeRecordForm(data)
    if data is not None and form.is_valid() and penalties.is_valid() and change.is_valid():
        matter_data = form.matter_data(forms.formset_penalties(penalties))
        try:
            if matter is None:
                assert user.bureau is not None
                matter = services.matter_create(bureau=user.bureau, data=matter_data,
                                                change=change.change_record(), actor=user)
                messages.success(request, f"已新增执法事项：{matter.code} {matter.name}")
            else:
                changed = services.matter_update(matter=matter, data=matter_data, change=change.change_record(),
                                                 actor=user)
                messages.success(request, "已保存，变动已记入历史。" if changed else "内容没有变化，未记录变动。")
        except DomainError as exc:
            forms.domain_error_to_forms(exc, form, change)
        else:
            return redirect("catalog:detail", pk=matter.pk)
    return render(request, "catalog/matter_form.html", {
        "form": form, "penalties": penalties, "change": change, "matter": matter,
    }, status=400 if data is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
def matter_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    matter = _matter_for_change(user, pk)
    change = forms.ChangeRecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and change.is_valid():
        try:
            services.matter_remove(matter=matter, change=change.change_record(), actor=user)
        except DomainError as exc:
            forms.domain_error_to_forms(exc, change)
        else:
            messages.success(request, f"已将“{matter.name}”自 {change.cleaned_data['date']} 起从目录中取消。")
            return redirect("catalog:detail", pk=matter.pk)
    return render(request, "catalog/remove.html", {"matter": matter, "change": change})


@login_required
@require_http_methods(["GET", "POST"])
def discretion_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    matter = _matter_for_change(user, pk)
    data = request.POST if request.method == "POST" else None
    steps = forms.step_formset(data, matter=matter)
    errors: list[str] = []
    if data is not None and steps.is_valid():
        try:
            services.discretion_steps_set(matter=matter, steps=forms.formset_steps(steps), actor=user)
        except DomainError as exc:
            errors.append(exc.message)
        else:
            messages.success(request, "裁量基准已保存。")
            return redirect("catalog:detail", pk=matter.pk)
    return render(request, "catalog/discretion_form.html", {
        "matter": matter, "steps": steps, "errors": errors,
        "statutory": [p for p in matter.penalties.all() if p.max_fen is not None or p.max_multiple is not None],
    })


@login_required
@require_http_methods(["GET", "POST"])
def exemption_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    matter = _matter_for_change(user, pk)
    form = forms.ExemptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exemption_add(matter=matter, actor=user, **form.cleaned_data)
        except DomainError as exc:
            forms.domain_error_to_forms(exc, form)
        else:
            messages.success(request, "已添加免罚清单条目。")
            return redirect("catalog:detail", pk=matter.pk)
    return render(request, "catalog/simple_form.html", {
        "form": form, "matter": matter, "title": "添加免罚清单条目",
        "intro": "不予处罚清单（轻微违法）和首违不罚清单的条目，推荐处罚时依《行政处罚法》第三十三条适用。",
    })


# --- counts ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CountLine:
    category: str
    cells: list[CategoryCount]


def _count_lines(counts: list[CatalogCount]) -> list[CountLine]:
    """Categories in the catalog's order, each with one cell per date (zeros where a date has none)."""
    present = {row.category for count in counts for row in count.rows}
    lines = []
    for category in Category.values:
        if category in present:
            cells = [next((r for r in c.rows if r.category == category), CategoryCount(category)) for c in counts]
            lines.append(CountLine(category, cells))
    return lines


@login_required
def catalog_counts_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _refuse_audit_only(user)
    form = forms.CountsForm(request.GET)
    day, compare_to = form.days()
    counts = [selectors.catalog_count_as_of(user=user, day=d) for d in (day, compare_to) if d is not None]
    return render(request, "catalog/counts.html", {"form": form, "counts": counts, "lines": _count_lines(counts)})


# --- delegations ----------------------------------------------------------------------------------------
@login_required
def delegation_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _refuse_audit_only(user)
    today = timezone.localdate()
    delegations = selectors.delegation_list(user=user)
    return render(request, "catalog/delegations.html", {
        "rows": [(d, d.active_on(today)) for d in delegations],
        "is_administrator": _is_administrator(user),
        "revoke_form": forms.RevokeForm(initial={"revoked_on": today}),
    })


@login_required
@require_http_methods(["GET", "POST"])
def delegation_new_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_administrator(user)
    form = forms.DelegationForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assert user.bureau is not None
            delegation = services.delegation_create(
                bureau=user.bureau, number=data["number"], title=data["title"], date=data["date"],
                townships=list(data["townships"]), matters=list(data["matters"]), actor=user,
                evaluation_dates=data["evaluation_dates"],
            )
        except DomainError as exc:
            forms.domain_error_to_forms(exc, form)
        else:
            messages.success(request, f"已登记赋权决定：{delegation}")
            return redirect("catalog:delegations")
    return render(request, "catalog/delegation_form.html", {"form": form})


@login_required
@require_POST
def delegation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _require_administrator(user)
    delegation = selectors.delegation_list(user=user).filter(pk=pk).first()
    if delegation is None or delegation.bureau_id != user.bureau_id:
        raise Http404("赋权决定不存在或无权查看")
    form = forms.RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("catalog:delegations")
    try:
        services.delegation_revoke(delegation=delegation, on=form.cleaned_data["revoked_on"], actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已收回“{delegation.title}”，自 {form.cleaned_data['revoked_on']} 起不再下放。")
    return redirect("catalog:delegations")


# --- hearing thresholds ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ThresholdRow:
    bureau: str
    citizen_yuan: str
    organisation_yuan: str
    source: str


@login_required
@require_http_methods(["GET", "POST"])
def hearing_settings_view(request: HttpRequest) -> HttpResponse:
    """Art. 63 '较大数额' of the user's bureau: administrators change it, everyone else reads it."""
    user = _user(request)
    _refuse_audit_only(user)
    is_admin = _is_administrator(user)
    form = None
    if is_admin:
        assert user.bureau is not None
        current = selectors.hearing_threshold_for(bureau=user.bureau)
        form = forms.HearingThresholdForm(request.POST if request.method == "POST" else None, initial={
            "citizen_yuan": fen_to_yuan(current.citizen_fen),
            "organisation_yuan": fen_to_yuan(current.organisation_fen), "source": current.source,
        })
        if request.method == "POST" and form.is_valid():
            try:
                services.hearing_threshold_set(
                    bureau=user.bureau, citizen_fen=form.cleaned_data["citizen_yuan"],
                    organisation_fen=form.cleaned_data["organisation_yuan"], source=form.cleaned_data["source"],
                    actor=user,
                )
            except DomainError as exc:
                forms.domain_error_to_forms(exc, form)
            else:
                messages.success(request, "听证较大数额标准已保存。")
                return redirect("catalog:hearing")
    elif request.method == "POST":
        raise PermissionDenied("只有本局系统管理员可以修改听证数额标准。")
    thresholds = [
        ThresholdRow(bureau.name, fen_to_yuan(t.citizen_fen), fen_to_yuan(t.organisation_fen), t.source)
        for bureau in Bureau.objects.for_user(user, "view")
        if (t := selectors.hearing_threshold_for(bureau=bureau))
    ]
    return render(request, "catalog/hearing.html", {"form": form, "thresholds": thresholds})


# --- Excel import (administrators) ----------------------------------------------------------------------
def _import_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "tmp"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _import_path(token: str) -> Path:
    # The token is checked against the session and by the form's regex: it cannot climb out of tmp/.
    return _import_dir() / f"catalog-import-{token}.xlsx"


def _import_tmp_sweep() -> None:
    """Remove uploads abandoned after the dry run (nobody confirmed within a day)."""
    cutoff = time.time() - IMPORT_TMP_MAX_AGE_SECONDS
    for path in _import_dir().glob("catalog-import-*.xlsx"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass  # another process swept it first


def _import_stash(request: HttpRequest, content: bytes, filename: str, form: forms.CatalogImportForm) -> str:
    """Keep the upload and its change record server-side until confirmed: the confirm step trusts no client
    data but the token, and the token only together with this session."""
    _import_tmp_sweep()
    previous = request.session.get(IMPORT_SESSION_KEY)
    if previous:
        _import_path(previous["token"]).unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    _import_path(token).write_bytes(content)
    change = form.change_record()
    request.session[IMPORT_SESSION_KEY] = {
        "token": token, "filename": filename, "sha256": file_sha256(content),
        "event": form.cleaned_data["event"], "date": change.date.isoformat(),
        "document_number": change.document_number, "reason": change.reason,
        "document_date": change.document_date.isoformat() if change.document_date else "",
    }
    return token


def _pending_change(pending: dict[str, str]) -> services.ChangeRecord:
    return services.ChangeRecord(
        date=dt.date.fromisoformat(pending["date"]), document_number=pending["document_number"],
        reason=pending["reason"],
        document_date=dt.date.fromisoformat(pending["document_date"]) if pending["document_date"] else None,
    )


def _import_forget(request: HttpRequest, token: str) -> None:
    _import_path(token).unlink(missing_ok=True)
    request.session.pop(IMPORT_SESSION_KEY, None)


@login_required
@require_http_methods(["GET", "POST"])
def catalog_import_view(request: HttpRequest) -> HttpResponse:
    """Upload → dry run: the per-row report, and a confirm button when every row is fine."""
    user = _user(request)
    _require_administrator(user)
    form = forms.CatalogImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "report": None, "token": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = str(upload.name or "")
        content = upload.read(settings.ZHIFA_IMPORT_MAX_BYTES + 1)
        try:
            rows = excel.catalog_rows_read(content)
            report = excel.catalog_import(rows=rows, change=form.change_record(), actor=user, dry_run=True,
                                          event=form.cleaned_data["event"])
        except DomainError as exc:
            forms.domain_error_to_forms(exc, form)
        else:
            context.update(report=report, filename=filename)
            if report.ok:
                context["token"] = _import_stash(request, content, filename, form)
    return render(request, "catalog/import.html", context)


@login_required
@require_POST
def catalog_import_confirm_view(request: HttpRequest) -> HttpResponse:
    """Re-read the kept file and import it for real, in one transaction; nothing is written on any error."""
    user = _user(request)
    _require_administrator(user)
    form = forms.ImportConfirmForm(request.POST)
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    token = form.cleaned_data["token"] if form.is_valid() else ""
    if not token or not secrets.compare_digest(token, pending.get("token", "")) or not _import_path(token).exists():
        messages.error(request, "待导入的文件已失效（可能已导入或超过一天），请重新上传并试导入。")
        return redirect("catalog:import")
    content = _import_path(token).read_bytes()
    try:
        rows = excel.catalog_rows_read(content)
        report = excel.catalog_import(
            rows=rows, change=_pending_change(pending), actor=user, dry_run=False, event=pending["event"],
            filename=pending["filename"], sha256=pending["sha256"],
        )
    except DomainError as exc:
        _import_forget(request, token)
        messages.error(request, exc.message)
        return redirect("catalog:import")
    _import_forget(request, token)
    if report.committed:
        messages.success(request, f"导入完成：新增 {report.created} 项，更新 {report.updated} 项，无变化 {report.unchanged} 项。")
    return render(request, "catalog/import.html", {
        "form": forms.CatalogImportForm(), "report": report, "token": None, "filename": pending["filename"],
    })


@login_required
def catalog_import_template_view(request: HttpRequest) -> HttpResponse:
    _require_administrator(_user(request))
    return _xlsx_response(excel.catalog_workbook([]), "执法事项目录导入模板.xlsx")
