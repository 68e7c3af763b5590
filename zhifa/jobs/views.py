"""后台任务 screens: my recent jobs (/jobs/), one job with its progress (/jobs/<id>/) and the status the
job page polls (/jobs/<id>.json). Thin: parse, call one selector, render."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zhifa.accounts.models import User
from zhifa.jobs import selectors
from zhifa.jobs.models import BUREAU_WIDE_ROLES

PAGE_SIZE = selectors.RECENT


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_GET
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jobs = selectors.job_list(user=user, before=_int(request.GET.get("before")), limit=PAGE_SIZE)
    return render(request, "jobs/job_list.html", {
        "jobs": jobs[:PAGE_SIZE],
        "older": jobs[PAGE_SIZE - 1].pk if len(jobs) > PAGE_SIZE else None,
        "bureau_wide": bool(user.bureau_id and user.role_codes & BUREAU_WIDE_ROLES),
    })


@never_cache
@require_GET
@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(user=_user(request), pk=pk)
    return render(request, "jobs/job_detail.html", {"job": job})


@never_cache
@require_GET
@login_required
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = selectors.job_get(user=_user(request), pk=pk)
    return JsonResponse(job.status(), json_dumps_params={"ensure_ascii": False})
