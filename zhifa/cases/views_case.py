"""The case list (案件), the case page with its whole-process record, and evidence downloads.

Thin: parse, call one selector, render. The steps taken on the case page live in views_steps.py.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.cases import selectors
from zhifa.cases.forms import CaseFilterForm
from zhifa.cases.views_steps import render_case_page
from zhifa.lib.errors import DomainError
from zhifa.lib.evidence_store import evidence_response

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def refuse_audit_only(user: User) -> None:
    """The audit administrator's only data is the audit log: say so instead of showing an empty list."""
    if user.has_role(Role.AUDIT_ADMIN) and not (user.role_codes - {Role.AUDIT_ADMIN}):
        raise PermissionDenied("安全审计员只能查看审计日志，不能查看案件。")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def querystring(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    return query.urlencode()


@require_GET
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    form = CaseFilterForm(request.GET, user=user)
    cases = selectors.case_list(user=user, filters=form.filters())
    page = selectors.case_list_page(cases, before=_int(request.GET.get("before")), after=_int(request.GET.get("after")),
                                    size=PAGE_SIZE)
    total, more = selectors.case_count_capped(cases)
    return render(request, "cases/case_list.html", {
        "form": form,
        "page": page,
        "total": total,
        "total_more": more,
        "querystring": querystring(request, "before", "after"),
        "today": timezone.localdate(),
    })


@require_GET
@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    return render_case_page(request, selectors.case_get(user=user, pk=pk))


@require_GET
@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file of an evidence row the user may see, never as a page: attachment, nosniff, sandboxed."""
    user = _user(request)
    refuse_audit_only(user)
    evidence = selectors.evidence_get(user=user, pk=pk)
    owner = evidence.case or evidence.lead
    # Evidence may show people and places: who opened which file is part of the record (等保 audit).
    audit_record(actor=user, action="evidence.download", obj=evidence, bureau=owner.bureau_id if owner else None,
                 after={"sha256": evidence.sha256})
    try:
        return evidence_response(sha256=evidence.sha256, content_type=evidence.content_type,
                                 download_name=evidence.original_name or evidence.title,
                                 inline=request.GET.get("inline") == "1")
    except DomainError as exc:
        return render(request, "core/error.html", {"status": 404, "message": exc.message}, status=404)


@require_GET
@login_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    """案件移送与信息共享函 by the year, with the counts the yearly report gives."""
    user = _user(request)
    refuse_audit_only(user)
    today = timezone.localdate()
    year = _int(request.GET.get("year")) or today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    return render(request, "cases/transfer_list.html", {
        "data": selectors.transfers_of_year(user=user, year=year),
        "years": list(range(today.year, today.year - 5, -1)),
    })
