"""The workbench (工作台) and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.core import selectors


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    context = selectors.workbench(user=user, today=today)
    return render(request, "core/workbench.html", {"wb": context, "today": today, "Role": Role})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Every refusal is audited (legal-rules.md: audit every access decision) and explained."""
    user = request.user if request.user.is_authenticated else None
    audit_record(
        actor=user, action="access.denied", object_type="url", object_repr=request.path[:200],
        after={"method": request.method},
    )
    message = str(exception) if exception and str(exception) else "您没有执行此操作的权限。如确需办理，请联系本局系统管理员。"
    return render(request, "core/error.html", {"status": 403, "message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = "您访问的页面不存在，或您无权查看。请从工作台重新进入。"
    return render(request, "core/error.html", {"status": 404, "message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    message = "系统内部错误，已记录。请稍后重试；如反复出现，请联系系统管理员并告知发生时间。"
    return render(request, "core/error.html", {"status": 500, "message": message}, status=500)
