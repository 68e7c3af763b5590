"""Calendar screens: the year view, the yearly import (administrators), and the deadline rules."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zhifa.lib.errors import DomainError
from zhifa.workdays.forms import CalendarImportForm, DeadlineRuleSettingForm
from zhifa.workdays.importing import CalendarImportRow, calendar_rows_from_file
from zhifa.workdays.selectors import (
    DeadlineRuleRow,
    calendar_coverage_warning,
    calendar_year_view,
    calendar_years,
    deadline_rule_history,
    deadline_rule_table,
)
from zhifa.workdays.services import calendar_year_import, deadline_rule_change

if TYPE_CHECKING:
    from zhifa.accounts.models import User

ADMINISTRATOR = "administrator"
# The checked rows wait in the session between the dry run and the confirmation, so the administrator
# confirms exactly what was checked and does not upload the file twice.
PENDING_IMPORT_KEY = "workdays_pending_import"


def _user(request: HttpRequest) -> User:
    """The logged-in user (every view here is behind login_required)."""
    return cast("User", request.user)


def _is_administrator(request: HttpRequest) -> bool:
    return _user(request).has_role(ADMINISTRATOR)


def _require_administrator(request: HttpRequest) -> None:
    if not _is_administrator(request):
        raise PermissionDenied("只有系统管理员可以执行此操作。")


@login_required
def calendar_index(request: HttpRequest) -> HttpResponse:
    """The year of today when covered, else the last covered year."""
    return _calendar_page(request, None)


@login_required
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    return _calendar_page(request, year)


def _calendar_page(request: HttpRequest, year: int | None) -> HttpResponse:
    years = calendar_years()
    today = timezone.localdate()
    if year is None:
        numbers = [record.year for record in years]
        year = today.year if today.year in numbers or not numbers else numbers[-1]
    view = calendar_year_view(year=year)
    if view is None and any(record.year == year for record in years):
        raise Http404
    return render(
        request,
        "workdays/calendar.html",
        {
            "year": year,
            "years": years,
            "view": view,
            "today": today,
            "warning": calendar_coverage_warning(today=today),
            "weekdays": "一二三四五六日",
            "is_administrator": _is_administrator(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_import(request: HttpRequest) -> HttpResponse:
    """Upload → dry run with per-row errors → confirm. Administrators only."""
    _require_administrator(request)
    if request.method == "POST" and "confirm" in request.POST:
        return _calendar_import_confirm(request)
    form = CalendarImportForm(request.POST or None, request.FILES or None)
    report = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = calendar_rows_from_file(upload.name, upload.read())
            source = form.cleaned_data["source"] or f"{upload.name} 导入"
            report = calendar_year_import(
                rows=rows, source=source, actor=_user(request), year=form.cleaned_data["year"], dry_run=True
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            request.session.pop(PENDING_IMPORT_KEY, None)
            if report.ok:
                token = _pending_import_store(request, rows=rows, source=source, year=report.year)
    return render(request, "workdays/import.html", {"form": form, "report": report, "token": token})


def _pending_import_store(
    request: HttpRequest, *, rows: list[CalendarImportRow], source: str, year: int | None
) -> str:
    payload = {"rows": [[r.row, r.date, r.kind, r.name] for r in rows], "source": source, "year": year}
    token = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
    request.session[PENDING_IMPORT_KEY] = {**payload, "token": token}
    return token


def _calendar_import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_IMPORT_KEY)
    if not pending or pending.get("token") != request.POST.get("confirm"):
        messages.error(request, "待确认的导入已失效，请重新上传文件并试运行。")
        return redirect("workdays:import")
    rows = [CalendarImportRow(*row) for row in pending["rows"]]
    try:
        report = calendar_year_import(
            rows=rows, source=pending["source"], actor=_user(request), year=pending["year"], dry_run=False
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("workdays:import")
    del request.session[PENDING_IMPORT_KEY]
    if not report.written:  # the calendar changed between dry run and confirmation
        form = CalendarImportForm()
        return render(request, "workdays/import.html", {"form": form, "report": report, "token": ""})
    messages.success(request, f"已导入 {report.year} 年工作日历（v{report.version}）。")
    return redirect("workdays:year", year=report.year)


@login_required
@require_http_methods(["GET", "POST"])
def deadline_rules_view(request: HttpRequest) -> HttpResponse:
    """The rules with citations and the amounts in force for the user's bureau; administrators change them."""
    bureau = _user(request).bureau
    is_admin = _is_administrator(request)
    failed: DeadlineRuleSettingForm | None = None
    if request.method == "POST":
        _require_administrator(request)
        posted = DeadlineRuleSettingForm(request.POST)
        if _deadline_rule_save(request, posted):
            messages.success(request, "时限设置已保存。")
            return redirect("workdays:rules")
        failed = posted
    rows: list[tuple[DeadlineRuleRow, DeadlineRuleSettingForm | None]] = []
    for row in deadline_rule_table(bureau=bureau):
        form = None
        if is_admin and row.rule.configurable:
            if failed is not None and failed.data.get("rule") == row.rule.name:
                form = failed  # show the rejected value and its error on its own row
            else:
                form = DeadlineRuleSettingForm(initial={"rule": row.rule.name, "amount": row.amount})
        rows.append((row, form))
    context = {
        "rows": rows,
        "is_administrator": is_admin,
        "bureau": bureau,
        "history": deadline_rule_history(bureau=bureau) if is_admin else [],
        "failed": failed,
    }
    return render(request, "workdays/rules.html", context, status=400 if failed is not None else 200)


def _deadline_rule_save(request: HttpRequest, form: DeadlineRuleSettingForm) -> bool:
    if not form.is_valid():
        return False
    user = _user(request)
    try:
        deadline_rule_change(
            rule=form.cleaned_data["rule"],
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
            bureau=user.bureau,
            actor=user,
        )
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return False
    return True
