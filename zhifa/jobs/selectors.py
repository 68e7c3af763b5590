"""Reads of the job queue, always scoped: every query starts from `Job.objects.for_user(user)`."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from zhifa.accounts.models import User
from zhifa.jobs.models import Job

RECENT = 50


def job_list(*, user: User, before: int | None = None, limit: int = RECENT) -> list[Job]:
    """The newest jobs the user may see (their own; a leader's or administrator's: the bureau's), newest
    first, `limit` + 1 rows so the page knows whether there are older ones (keyset: `before` an id)."""
    jobs: QuerySet[Job] = Job.objects.for_user(user).select_related("created_by").order_by("-id")
    if before is not None:
        jobs = jobs.filter(id__lt=before)
    return list(jobs[: limit + 1])


def job_get(*, user: User, pk: int) -> Job:
    job = Job.objects.for_user(user).select_related("created_by", "bureau").filter(pk=pk).first()
    if job is None:
        raise Http404("后台任务不存在或无权查看")
    return job
