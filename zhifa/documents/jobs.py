"""Background jobs of the documents app: PDFs after issuing, issuing many drafts at once, building a case file.

Each handler re-reads its rows and re-checks the actor's rights when it runs: the job may wait in the queue
while the case changes.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from zhifa.accounts.models import User
from zhifa.cases.models import Case
from zhifa.documents import casefile, services
from zhifa.documents.models import Document
from zhifa.jobs.models import Job
from zhifa.jobs.registry import Progress, job_handler
from zhifa.lib.errors import DomainError

PDF = "documents.pdf"
ISSUE_MANY = "documents.issue_many"
CASE_FILE = "documents.case_file"


def _actor(job: Job) -> User:
    if job.created_by is None:
        raise DomainError("任务没有发起人，无法执行。")
    return job.created_by


def _documents(ids: list[int]) -> list[Document]:
    found = {d.pk: d for d in Document.objects.filter(pk__in=ids).select_related("case", "lead", "bureau")}
    return [found[pk] for pk in ids if pk in found]


def _case_link(case: Case | None) -> list[dict[str, str]]:
    if case is None:
        return []
    return [{"label": f"回到案件 {case.number or case.title}", "url": reverse("cases:detail", args=[case.pk])}]


@job_handler(PDF, "生成文书 PDF")
def pdf_render(job: Job, progress: Progress) -> dict[str, Any]:
    documents = _documents(job.params["document_ids"])
    progress(0, len(documents), "正在用 LibreOffice 生成 PDF")
    count = services.documents_pdf_render(documents=documents)
    progress(len(documents), len(documents), f"已生成 {count} 份 PDF")
    return {"pdfs": count, "links": _case_link(documents[0].case if documents else None)}


@job_handler(ISSUE_MANY, "批量签发文书")
def issue_many(job: Job, progress: Progress) -> dict[str, Any]:
    """Issue each draft in its own transaction: one refused document does not hold back the others."""
    actor = _actor(job)
    documents = _documents(job.params["document_ids"])
    total = len(documents) + 1
    issued, refused = [], []
    for done, document in enumerate(documents, 1):
        try:
            services.document_issue(document=document, actor=actor)
            issued.append(document)
        except DomainError as error:
            refused.append({"document": document.label, "reason": error.message})
        progress(done, total, f"已签发 {len(issued)} 份，未签发 {len(refused)} 份")
    progress(len(documents), total, "正在生成 PDF")
    services.documents_pdf_render(documents=issued)
    progress(total, total, f"完成：签发 {len(issued)} 份，未签发 {len(refused)} 份")
    return {"issued": [f"{d.label} {d.number}".strip() for d in issued], "refused": refused,
            "links": _case_link(documents[0].case if documents else None)}


@job_handler(CASE_FILE, "立卷归档（生成电子卷宗）")
def case_file_build(job: Job, progress: Progress) -> dict[str, Any]:
    case = Case.objects.select_related("bureau", "matter", "lead").get(pk=job.params["case_id"])
    built = casefile.case_file_build(case=case, actor=_actor(job), reason=job.params.get("reason", ""),
                                     progress=progress)
    return {"case_file": built.pk, "version": built.version, "pages": built.pages, "links": [
        {"label": f"下载卷宗 PDF（第 {built.version} 版）", "url": reverse("documents:case_file_pdf", args=[built.pk])},
        {"label": "下载卷宗 ZIP（含证据原件与校验清单）", "url": reverse("documents:case_file_zip", args=[built.pk])},
        *_case_link(case)]}
