"""The electronic case file (一案一卷): binding, catalog page numbers, the ZIP and `zhifa archive verify`,
versions that never change; and the background jobs that build it and issue many documents at once."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.documents.conftest import closed_case, decided_case
from tests.documents.test_documents import add_evidence
from zhifa.documents import casefile, jobs, services
from zhifa.documents.models import CaseFile, Document
from zhifa.documents.store import blob_get, blob_path
from zhifa.jobs.models import Job
from zhifa.jobs.services import job_enqueue, jobs_run_pending
from zhifa.lib.errors import DomainError


def _closed_with_documents(world):  # type: ignore[no-untyped-def]
    case = decided_case(world)
    add_evidence(case, world.a1)
    for code in ("penalty_decision", "prior_notice", "filing_approval", "investigation_report"):
        services.document_issue(document=services.document_draft(kind_code=code, actor=world.a1, case=case),
                                actor=world.a1)
    from zhifa.cases import execution
    from zhifa.cases import services as case_services
    from zhifa.cases.models import Case
    from zhifa.documents.context import date_text  # noqa: F401

    execution.decision_serve(case=case, method="direct", served_on=case.decided_on, receiver="张三", actor=world.a1)
    execution.payment_record(case=case, kind="fine", amount_fen=300_00, paid_on=case.decided_on,
                             receipt_number="B1", actor=world.a1)
    asked = execution.closing_request(case=case, reason="performed", note="", actor=world.a1)
    case_services.measure_decide(approval=asked, actor=world.leader, approved=True)
    services.document_issue(document=services.document_draft(kind_code="closing_approval", actor=world.a1,
                                                              case=case), actor=world.a1)
    return Case.objects.get(pk=case.pk)


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "file.pdf"
    path.write_bytes(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return ["".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                                   check=True).stdout.decode().split()) for n in range(1, pages + 1)]


def test_the_case_file_catalog_gives_each_documents_first_page_in_the_bound_pdf(world, red_settings, tmp_path):
    case = _closed_with_documents(world)
    built = casefile.case_file_build(case=case, actor=world.a1)
    pdf = blob_get(built.pdf_sha256)
    texts = _page_texts(pdf, tmp_path)
    assert "卷宗" in texts[0] or "案卷" in texts[0]  # the cover
    catalog = built.manifest["catalog"]
    titles = [entry["title"] for entry in catalog]
    assert titles[0] == "行政处罚决定书" and titles[-1] == "证据清单"  # conclusion first, evidence list last
    # Numbered pages start after the cover and the catalog; the catalog's page number is where each starts.
    catalog_pages = sum(1 for text in texts[:4] if "卷内目录" in text)
    offset = 1 + catalog_pages
    for entry in catalog:
        page_text = texts[offset + int(entry["page"]) - 1]
        assert entry["title"] in page_text, (entry, page_text[:80])
        assert page_text.endswith(entry["page"]) or entry["page"] in page_text  # the stamped number
    assert built.pages == sum(int(e["pages"]) for e in catalog)
    assert "备考表" in texts[-1]
    # The evidence list carries each file's SHA-256.
    evidence_page = texts[offset + int(catalog[-1]["page"]) - 1]
    sha = case.evidence.get().sha256
    assert sha[:20] in evidence_page


def test_the_export_verifies_and_archive_verify_names_a_changed_a_missing_and_an_extra_file(
        world, red_settings, tmp_path, capsys):
    case = _closed_with_documents(world)
    built = casefile.case_file_build(case=case, actor=world.a1)
    with zipfile.ZipFile(blob_path(built.zip_sha256)) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert "卷宗.pdf" in names and "SHA256SUMS" in names and any(n.startswith("证据/") for n in names)
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json", "SHA256SUMS"}

    call_command("archive", "verify", str(blob_path(built.zip_sha256)))
    assert "校验通过" in capsys.readouterr().out
    folder = tmp_path / "export"
    call_command("archive", "export", case.number, str(folder))
    evidence = next((folder / "证据").iterdir())
    evidence.chmod(0o644)
    evidence.write_bytes(evidence.read_bytes() + b"tampered")
    document = next(p for p in (folder / "文书").iterdir() if p.suffix == ".pdf")
    document.chmod(0o644)
    document.unlink()
    (folder / "多出的文件.txt").write_text("x")
    with pytest.raises(CommandError, match="校验未通过"):
        call_command("archive", "verify", str(folder))
    printed = capsys.readouterr().out
    assert f"已改动  证据/{evidence.name}" in printed
    assert f"缺失    文书/{document.name}" in printed
    assert "清单外  多出的文件.txt" in printed


def test_a_case_file_version_never_changes_and_a_rebuild_needs_a_reason(world, red_settings):
    case = _closed_with_documents(world)
    first = casefile.case_file_build(case=case, actor=world.a1)
    with pytest.raises(DomainError, match="理由"):
        casefile.case_file_build(case=case, actor=world.a1)
    second = casefile.case_file_build(case=case, actor=world.a1, reason="补充送达回证")
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert blob_get(first.pdf_sha256)  # still there, unchanged (the store checks the hash on every read)
    assert not blob_path(first.pdf_sha256).stat().st_mode & 0o222  # read-only on disk


def test_a_case_file_needs_a_closed_case(world, red_settings):
    with pytest.raises(DomainError, match="结案"):
        casefile.case_file_build(case=decided_case(world), actor=world.a1)
    assert not CaseFile.objects.exists()


def test_a_closed_case_without_documents_still_binds(world, red_settings):
    case = closed_case(world)
    built = casefile.case_file_build(case=case, actor=world.a1)
    assert [e["title"] for e in built.manifest["catalog"]] == ["证据清单"]


def test_issuing_many_drafts_runs_as_a_job_and_reports_each_refusal(world):
    """One job issues each draft in its own transaction; the decision lacking art. 59 contents is refused and
    listed, the others are issued with their numbers and PDFs, and the job shows 3 of 3 done."""
    case = decided_case(world)
    drafts = [services.document_draft(kind_code=code, actor=world.a1, case=case)
              for code in ("prior_notice", "penalty_decision", "filing_approval")]
    job = job_enqueue(kind=jobs.ISSUE_MANY, params={"document_ids": [d.pk for d in drafts], "case_id": case.pk},
                      actor=world.a1, bureau=case.bureau, total=4)
    assert jobs_run_pending() == 1
    job = Job.objects.get(pk=job.pk)
    assert job.state == Job.State.DONE and job.done == job.total == 4
    assert [r["document"] for r in job.result["refused"]] == ["行政处罚决定书"]
    states = dict(Document.objects.filter(case=case).values_list("kind", "state"))
    assert states == {"prior_notice": "issued", "penalty_decision": "draft", "filing_approval": "issued"}
    assert all(d.pdf_sha256 for d in Document.objects.filter(case=case, state="issued"))


def test_the_case_file_job_links_to_the_downloads(world, red_settings, client):
    from tests.documents.test_documents import login_client

    case = _closed_with_documents(world)
    officer = login_client(world.a1)
    response = officer.post(f"/documents/case/{case.pk}/case-file/")
    job = Job.objects.get(kind=jobs.CASE_FILE)
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    jobs_run_pending()
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    pdf_link = next(link["url"] for link in job.result["links"] if "PDF" in link["label"])
    download = officer.get(pdf_link)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    page = officer.get(f"/jobs/{job.pk}/")
    assert pdf_link in page.content.decode()
