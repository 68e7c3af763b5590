#!/usr/bin/env python
"""Documents benchmark (issue 6): how many documents a minute to .docx and to PDF, and how long the case file
of a case with 30 documents and 200 evidence files takes to build.

    .venv/bin/python benchmarks/documents_bench.py [--docx 200] [--pdf 60] [--documents 30] [--evidence 200]

Runs on a fresh SQLite database in a temporary data folder with the demo bureau (nothing of yours is
touched), through the same services the screens use:
- .docx: `document_draft` + `document_issue` of penalty decisions (context from the case, art. 59 check,
  number, QR code, docxtpl, store) — and the bare docxtpl fill of the same template, for comparison;
- PDF: LibreOffice headless, one batch of N issued documents, and one document on its own (start-up cost);
- case file: a closed demo case given N issued documents and M evidence files (photos of 150–400 KB), then
  `case_file_build` (PDFs of the documents, cover, catalog, evidence list, record sheet, binding with page
  numbers, the ZIP with the evidence and the manifest); and `zhifa archive verify` on the ZIP.
Prints the numbers and the peak memory (RSS) of this process; LibreOffice runs in its own process, whose
peak is printed too. Not part of the test suite. Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> None:
    os.environ["ZHIFA_DATA_DIR"] = tempfile.mkdtemp(prefix="zhifa-docbench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("demo", stdout=quiet)


def rate(count: int, seconds: float) -> str:
    return f"{count} 份 / {seconds:.1f} s = {count / seconds * 60:.0f} 份/分钟"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docx", type=int, default=200)
    parser.add_argument("--pdf", type=int, default=60)
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--evidence", type=int, default=200)
    args = parser.parse_args()
    setup()

    from zhifa.cases.models import Case
    from zhifa.documents import casefile, render, services
    from zhifa.documents.builtin import builtin_template
    from zhifa.documents.context import context_build
    from zhifa.documents.kinds import kind_get
    from zhifa.documents.pdf import pdf_convert, pdf_convert_many
    from zhifa.documents.store import blob_get

    decided = Case.objects.filter(state=Case.State.DECIDED, procedure="general", decision__kind="penalty").first()
    closed = Case.objects.filter(state=Case.State.CLOSED, procedure="general").order_by("id").first()
    assert decided is not None and closed is not None
    actor = _officer_user(decided)

    # .docx: the bare fill, then the whole issue service.
    kind = kind_get("penalty_decision")
    context = context_build(kind=kind, case=decided)
    template = builtin_template(kind.code)
    started = time.perf_counter()
    for _ in range(args.docx):
        render.docx_render(template, context, verify_url="http://127.0.0.1:8000/verify/ABCD2345/")
    bare = time.perf_counter() - started
    print(f".docx 填充（docxtpl + 二维码，不含取数和存储）：{rate(args.docx, bare)}")

    started = time.perf_counter()
    issued = []
    for _ in range(args.docx):
        draft = services.document_draft(kind_code=kind.code, actor=actor, case=decided)
        issued.append(services.document_issue(document=draft, actor=actor))
    whole = time.perf_counter() - started
    print(f".docx 签发（草稿 + 签发：取数、第五十九条检查、取号、填充、存储、审计）：{rate(args.docx, whole)}"
          f"，即每份草稿和签发各填充一次")

    # PDF.
    started = time.perf_counter()
    pdf_convert(blob_get(issued[0].docx_sha256))
    single = time.perf_counter() - started
    print(f"PDF 单份（含 LibreOffice 启动）：{single:.2f} s")
    batch = {f"d{d.pk}": blob_get(d.docx_sha256) for d in issued[: args.pdf]}
    started = time.perf_counter()
    pdf_convert_many(batch)
    seconds = time.perf_counter() - started
    print(f"PDF 批量（一次 LibreOffice 转换 {len(batch)} 份）：{rate(len(batch), seconds)}")

    # The case file of a case with N documents and M evidence files.
    documents = _documents_for(closed, args.documents)
    evidence = _evidence_for(closed, args.evidence)
    started = time.perf_counter()
    built = casefile.case_file_build(case=closed, actor=_officer_user(closed))
    seconds = time.perf_counter() - started
    from zhifa.documents.pdf import pdf_pages
    from zhifa.documents.store import blob_path

    zip_mb = blob_path(built.zip_sha256).stat().st_size / 1024 / 1024
    pages = pdf_pages(blob_get(built.pdf_sha256))
    print(f"电子卷宗（文书 {documents} 份、证据 {evidence} 个）：{seconds:.1f} s；卷宗 PDF 共 {pages} 页（编页号 {built.pages} 页），"
          f"ZIP {zip_mb:.0f} MB")
    started = time.perf_counter()
    report = casefile.archive_verify(blob_path(built.zip_sha256))
    print(f"zhifa archive verify（{report.checked} 个文件）：{time.perf_counter() - started:.1f} s，"
          f"{'通过' if report.ok else '未通过'}")

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"峰值内存：本进程 {own:.0f} MB，LibreOffice 子进程 {children:.0f} MB")


def _officer_user(case):  # type: ignore[no-untyped-def]
    link = case.case_officers.filter(recused=False, officer__user__isnull=False).select_related("officer__user").first()
    return link.officer.user


def _documents_for(case, count: int) -> int:  # type: ignore[no-untyped-def]
    """Issue `count` documents on the case, cycling through the kinds it can take."""
    from zhifa.documents import services
    from zhifa.documents.kinds import ISSUABLE
    from zhifa.lib.errors import DomainError

    actor = _officer_user(case)
    issued = 0
    extras = {"requirement": "立即停止违法行为", "deadline": "2026年12月31日"}
    while issued < count:
        before = issued
        for kind in ISSUABLE:
            if issued >= count:
                break
            try:
                draft = services.document_draft(kind_code=kind.code, actor=actor, case=case, extras=extras)
                services.document_issue(document=draft, actor=actor)
                issued += 1
            except DomainError:
                continue
        if issued == before:
            break
    return issued


def _evidence_for(case, count: int) -> int:  # type: ignore[no-untyped-def]
    """Store `count` distinct photos (random-looking PNGs of 150–400 KB) as evidence of the case."""
    import datetime as dt
    import random
    import struct
    import zlib

    from zhifa.cases.models import Evidence
    from zhifa.lib.evidence_store import evidence_store

    rng = random.Random(6)
    actor = _officer_user(case)
    for index in range(count):
        raw = rng.randbytes(rng.randrange(150_000, 400_000))
        png = _png(raw, struct, zlib)
        stored = evidence_store(stream=io.BytesIO(png), declared_name=f"现场照片{index:03d}.png",
                                max_bytes=10 * 1024 * 1024, allowed={"image"})
        # Straight to the table: a closed case takes no new evidence through the service; this is set-up.
        Evidence.objects.create(case=case, kind="photo", title=f"现场照片 {index + 1}", sha256=stored.sha256,
                                size=stored.size, content_type=stored.content_type,
                                original_name=f"现场照片{index:03d}.png", collected_by=actor,
                                collected_at=dt.datetime(2026, 9, 3, 9, 0, tzinfo=dt.UTC), how="现场拍摄")
    return count


def _png(payload: bytes, struct, zlib) -> bytes:  # type: ignore[no-untyped-def]
    """A valid grey PNG whose pixels are `payload` (incompressible, like a real photo)."""
    width = 1000
    height = max(len(payload) // width, 1)
    rows = b"".join(b"\x00" + payload[y * width:(y + 1) * width] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    main()
