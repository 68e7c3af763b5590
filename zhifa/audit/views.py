"""The audit log screen (/audit/) and the chain check (/audit/verify/), for audit administrators only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhifa.audit.forms import AuditFilterForm
from zhifa.audit.models import AuditEvent
from zhifa.audit.selectors import audit_event_list, can_read_audit_log
from zhifa.audit.services import audit_record, audit_verify

PAGE_SIZE = 50


def _require_auditor(request: HttpRequest) -> None:
    if not can_read_audit_log(request.user):
        raise PermissionDenied("只有安全审计员可以查看审计日志。")


@never_cache
@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    _require_auditor(request)
    form = AuditFilterForm(request.GET or None)
    events: list[AuditEvent] = []
    has_more = False
    if not form.is_bound or form.is_valid():
        filters = form.cleaned_data if form.is_bound else {}
        # Keyset paging: one indexed range scan per page and no COUNT(*), however long the log grows.
        events = list(audit_event_list(user=request.user, filters=filters)[: PAGE_SIZE + 1])
        has_more = len(events) > PAGE_SIZE
        events = events[:PAGE_SIZE]
    context = {
        "form": form,
        "events": events,
        "older_url": _page_url(request, before=events[-1].pk) if has_more else "",
        "newest_url": _page_url(request, before=None) if request.GET.get("before") else "",
    }
    return render(request, "audit/event_list.html", context)


def _page_url(request: HttpRequest, *, before: int | None) -> str:
    """This page with the same filters, starting below `before` (None: the newest rows)."""
    query = request.GET.copy()
    query.pop("before", None)
    if before is not None:
        query["before"] = str(before)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    _require_auditor(request)
    report = None
    if request.method == "POST":
        report = audit_verify()
        # That the log was checked, by whom and with what result, is itself worth keeping.
        audit_record(
            actor=request.user,
            action="audit.verify",
            object_type="audit.auditevent",
            object_repr="校验审计日志哈希链",
            after={
                "ok": report.ok,
                "rows_checked": report.rows_checked,
                "first_broken_id": report.first_broken_id,
            },
        )
    return render(request, "audit/verify.html", {"report": report})
