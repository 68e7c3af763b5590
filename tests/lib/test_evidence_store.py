"""Evidence files: stored under their SHA-256, recognised by content, checked for fixity, served inertly."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhifa.lib.errors import DomainError
from zhifa.lib.evidence_store import (
    KINDS,
    StoredFile,
    evidence_fixity_check,
    evidence_open,
    evidence_path,
    evidence_response,
    evidence_root,
    evidence_store,
)

ALL = set(KINDS)
MB = 1024 * 1024

# Tiny files with the real signatures; the detection looks at content only, so this is all it needs.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 40 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def iso_media(brand: bytes) -> bytes:
    return struct.pack(">I", 24) + b"ftyp" + brand + b"\x00\x00\x02\x00" + brand + b"isom" + b"\x00" * 32


def riff(form: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 36) + form + b"fmt " + b"\x00" * 32


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def ole_with(stream_name: str) -> bytes:
    """An OLE compound file header followed by a directory entry naming one stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream_name.encode("utf-16-le") + b"\x00" * 100


DOCX = zip_of("[Content_Types].xml", "word/document.xml")
XLSX = zip_of("[Content_Types].xml", "xl/workbook.xml")
MP4 = iso_media(b"mp42")
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


@pytest.fixture(autouse=True)
def store_in_tmp(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "files"
    return evidence_root()


def store(data: bytes, name: str = "现场照片.jpg", *, max_bytes: int = 10 * MB, allowed: set[str] = ALL) -> StoredFile:
    return evidence_store(stream=io.BytesIO(data), declared_name=name, max_bytes=max_bytes, allowed=allowed)


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


# --- storing -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "content_type", "extension", "kind"),
    [
        (JPEG, "image/jpeg", "jpg", "image"),
        (PNG, "image/png", "png", "image"),
        (GIF, "image/gif", "gif", "image"),
        (riff(b"WEBP"), "image/webp", "webp", "image"),
        (iso_media(b"heic"), "image/heic", "heic", "image"),
        (iso_media(b"mif1"), "image/heif", "heif", "image"),
        (PDF, "application/pdf", "pdf", "pdf"),
        (MP4, "video/mp4", "mp4", "video"),
        (iso_media(b"isom"), "video/mp4", "mp4", "video"),
        (iso_media(b"qt  "), "video/quicktime", "mov", "video"),
        (iso_media(b"3gp4"), "video/3gpp", "3gp", "video"),
        (riff(b"AVI "), "video/x-msvideo", "avi", "video"),
        (iso_media(b"M4A "), "audio/mp4", "m4a", "audio"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 20, "audio/mpeg", "mp3", "audio"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 40, "audio/mpeg", "mp3", "audio"),  # MPEG-1 layer III frame
        (b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 20, "audio/aac", "aac", "audio"),  # ADTS
        (riff(b"WAVE"), "audio/wav", "wav", "audio"),
        (b"#!AMR\n" + b"\x3c" * 32, "audio/amr", "amr", "audio"),
        (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "office"),
        (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "office"),
        (ole_with("WordDocument"), "application/msword", "doc", "office"),
        (ole_with("Workbook"), "application/vnd.ms-excel", "xls", "office"),
    ],
)
def test_a_file_is_stored_under_its_hash_with_the_type_its_content_shows(store_in_tmp, data, content_type,
                                                                           extension, kind):
    stored = store(data, name="upload.bin")
    sha = hashlib.sha256(data).hexdigest()
    assert stored == StoredFile(sha, len(data), content_type, extension, f"{sha[:2]}/{sha[2:4]}/{sha}", kind)
    path = store_in_tmp / stored.path
    assert path == evidence_path(sha) and path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o440
    with evidence_open(sha) as opened:
        assert opened.read() == data


def test_a_django_upload_is_read_by_its_chunks():
    upload = SimpleUploadedFile("合同.pdf", PDF * 1000, content_type="text/html")  # the client's type is ignored
    stored = evidence_store(stream=upload, declared_name=upload.name, max_bytes=MB, allowed={"pdf"})
    assert (stored.sha256, stored.size, stored.content_type) == (
        hashlib.sha256(PDF * 1000).hexdigest(), len(PDF) * 1000, "application/pdf"
    )


def test_a_large_file_is_streamed_in_chunks_and_hashed_whole(store_in_tmp):
    data = JPEG + os.urandom(3 * MB)
    stored = store(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)


def test_the_same_bytes_twice_are_one_file(store_in_tmp):
    first = store(JPEG, "a.jpg")
    mtime = (store_in_tmp / first.path).stat().st_mtime_ns
    second = store(JPEG, "b.jpeg")
    assert first == second
    assert files_under(store_in_tmp) == [store_in_tmp / first.path]
    assert (store_in_tmp / first.path).stat().st_mtime_ns == mtime  # the original was kept untouched


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (HTML, "现场照片.jpg", "网页（HTML）"),
        (b"\xef\xbb\xbf  \n<html><script>x</script>", "photo.png", "网页（HTML）"),
        (SVG, "logo.svg", "SVG"),
        (SVG, "logo.jpg", "SVG"),
        (EXE, "报告.pdf", "Windows 可执行程序"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "a.mp4", "Linux 可执行程序"),
        (b"#!/bin/sh\nrm -rf /\n", "a.amr", "脚本"),
        (b"just some text", "a.txt", "无法识别的类型"),
        (zip_of("[Content_Types].xml", "content.xml"), "问询笔录.docx", "ZIP 压缩包"),
        (b"PK\x03\x04 this is not really a zip", "问询笔录.docx", "ZIP 压缩包"),
        (ole_with("\x05SummaryInformation"), "setup.doc", "OLE 复合文件"),
        (iso_media(b"zzzz"), "a.mp4", "无法识别的类型"),
    ],
)
def test_content_that_is_not_accepted_is_refused_whatever_its_name(store_in_tmp, data, name, says):
    with pytest.raises(DomainError, match=says) as refused:
        store(data, name)
    assert refused.value.code == "type_refused"
    assert "此处只接受：图片（JPEG" in refused.value.message and "Office 文档（Word（.docx）" in refused.value.message
    assert files_under(store_in_tmp) == []


def test_a_macro_document_is_refused_with_advice(store_in_tmp):
    with pytest.raises(DomainError, match="含宏"):
        store(zip_of("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "a.docm")
    assert files_under(store_in_tmp) == []


def test_a_kind_the_caller_does_not_allow_is_refused(store_in_tmp):
    with pytest.raises(DomainError, match="是PDF 文档（PDF），此处不接受。此处只接受：图片") as refused:
        store(PDF, "scan.jpg", allowed={"image"})
    assert refused.value.code == "type_not_allowed"
    assert "视频" not in refused.value.message
    assert files_under(store_in_tmp) == []


def test_a_file_over_the_limit_is_refused_and_leaves_nothing_behind(store_in_tmp):
    with pytest.raises(DomainError, match="超过 1 MB 上限") as refused:
        store(JPEG + b"\x00" * MB, "大照片.jpg", max_bytes=MB)
    assert refused.value.code == "too_large"
    assert files_under(store_in_tmp) == []
    assert store(JPEG, max_bytes=len(JPEG)).size == len(JPEG)  # exactly at the limit is fine


def test_an_upload_that_declares_a_size_over_the_limit_is_refused_unread(store_in_tmp):
    upload = SimpleUploadedFile("大视频.mp4", MP4 + b"\x00" * 4096)
    with pytest.raises(DomainError, match="超过 2 KB 上限"):
        evidence_store(stream=upload, declared_name=upload.name, max_bytes=2048, allowed=ALL)
    assert upload.tell() == 0 and files_under(store_in_tmp) == []


def test_an_empty_file_is_refused(store_in_tmp):
    with pytest.raises(DomainError, match="是空的"):
        store(b"")
    assert files_under(store_in_tmp) == []


def test_the_name_in_a_message_is_only_the_last_part_without_control_characters():
    with pytest.raises(DomainError) as refused:
        store(HTML, "C:\\Users\\x\\..\\evil\u202egpj.exe\r\n")
    assert "「evilgpj.exe」" in refused.value.message


def test_allowed_must_name_known_kinds():
    with pytest.raises(ValueError, match="allowed"):
        store(JPEG, allowed={"images"})
    with pytest.raises(ValueError, match="allowed"):
        store(JPEG, allowed=set())


# --- opening -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad",
    [
        "../../etc/passwd",
        "../../../../../../etc/passwd" + "0" * 40,
        "A" * 64,
        "0" * 63,
        "0" * 65,
        "0" * 64 + "\n",
        "0" * 62 + "/.",
        "",
        None,
    ],
)
def test_only_a_strict_hash_reaches_the_filesystem(bad):
    with pytest.raises(ValueError, match="SHA-256"):
        evidence_open(bad)
    with pytest.raises(ValueError, match="SHA-256"):
        evidence_path(bad)


def test_opening_a_hash_that_is_not_stored_says_the_file_is_missing():
    with pytest.raises(DomainError, match="证据文件缺失") as refused:
        evidence_open("0" * 64)
    assert refused.value.code == "missing"


def test_a_symlink_planted_in_the_store_is_not_followed(store_in_tmp, tmp_path):
    secret = tmp_path / "secret"
    secret.write_bytes(b"not evidence")
    sha = hashlib.sha256(b"not evidence").hexdigest()
    evidence_path(sha).parent.mkdir(parents=True)
    evidence_path(sha).symlink_to(secret)
    with pytest.raises(OSError):
        evidence_open(sha)


# --- fixity --------------------------------------------------------------------------------------------
def test_fixity_reports_changed_missing_and_untracked_files(store_in_tmp):
    kept, altered, gone, stray = (store(data) for data in (JPEG, PNG, PDF, MP4))
    path = store_in_tmp / altered.path
    path.chmod(0o640)
    path.write_bytes(PNG[:-1] + b"\x01")  # same size, different content: only the hash can tell
    (store_in_tmp / gone.path).unlink()
    (store_in_tmp / "notes.txt").write_text("dropped here by hand")
    expected = sorted((item.sha256, item.size) for item in (kept, altered, gone))
    report = evidence_fixity_check(expected=iter(expected))
    assert report.changed == (altered.sha256,)
    assert report.missing == (gone.sha256,)
    assert set(report.untracked) == {stray.path, "notes.txt"}
    assert report.checked == 2 and not report.ok
    assert "内容被改动 1 个，缺失 1 个，多出（无记录）2 个" in report.message


def test_fixity_notices_a_file_whose_size_changed_and_one_in_the_wrong_place(store_in_tmp):
    item = store(JPEG)
    path = store_in_tmp / item.path
    path.chmod(0o640)
    with path.open("ab") as appended:
        appended.write(b"more")
    misplaced = store_in_tmp / "00" / "00" / item.sha256
    misplaced.parent.mkdir(parents=True)
    misplaced.write_bytes(JPEG)
    report = evidence_fixity_check(expected=[(item.sha256, item.size)])
    assert report.changed == (item.sha256,)
    assert report.untracked == (f"00/00/{item.sha256}",)


def test_fixity_of_an_intact_store_is_ok_and_repeats_are_checked_once(store_in_tmp):
    items = sorted((store(data) for data in (JPEG, PNG, GIF)), key=lambda item: item.sha256)
    expected = [(item.sha256, item.size) for item in items for _ in range(2)]
    report = evidence_fixity_check(expected=expected)
    assert report.ok and report.checked == 3
    assert report.message == "已检查 3 个证据文件，全部完好。"


def test_fixity_ignores_unfinished_uploads_and_needs_sorted_input(store_in_tmp):
    assert evidence_fixity_check(expected=[]).ok  # no store yet
    a, b = sorted((store(JPEG), store(PNG)), key=lambda item: item.sha256)
    (store_in_tmp / ".tmp" / "upload-crashed").write_bytes(b"half")
    assert evidence_fixity_check(expected=[(a.sha256, a.size), (b.sha256, b.size)]).ok
    with pytest.raises(ValueError, match="升序"):
        evidence_fixity_check(expected=[(b.sha256, b.size), (a.sha256, a.size)])


# --- serving -------------------------------------------------------------------------------------------
def body(response) -> bytes:
    """The streamed content; closes the file (not the response: that signals request_finished, which
    touches the database connection these tests do not have)."""
    try:
        return b"".join(response.streaming_content)
    finally:
        response.file_to_stream.close()


def test_a_file_is_served_as_an_attachment_that_cannot_run(store_in_tmp):
    item = store(PDF)
    response = evidence_response(sha256=item.sha256, content_type=item.content_type, download_name="处罚决定书.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"_____.pdf\"; filename*=UTF-8''%E5%A4%84%E7%BD%9A%E5%86%B3%E5%AE%9A%E4%B9%A6.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Length"] == str(len(PDF))
    assert body(response) == PDF


def test_a_stored_html_type_is_never_sent_as_html(store_in_tmp):
    item = store(JPEG)
    response = evidence_response(sha256=item.sha256, content_type="text/html", download_name="x.html", inline=True)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    body(response)


def test_an_image_may_be_shown_inline_other_files_may_not(store_in_tmp):
    image, document = store(JPEG), store(PDF)
    shown = evidence_response(sha256=image.sha256, content_type="image/jpeg", download_name="照片", inline=True)
    assert shown["Content-Disposition"].startswith('inline; filename="__.jpg"')
    assert shown["Content-Type"] == "image/jpeg" and shown["X-Content-Type-Options"] == "nosniff"
    pdf = evidence_response(sha256=document.sha256, content_type="application/pdf", download_name="a", inline=True)
    assert pdf["Content-Disposition"].startswith('attachment; filename="a.pdf"')
    body(shown), body(pdf)


def test_the_download_name_is_cleaned_and_gets_the_real_extension(store_in_tmp):
    item = store(JPEG)
    response = evidence_response(sha256=item.sha256, content_type="image/jpeg",
                                 download_name='../../"evil"\r\n.html')
    assert response["Content-Disposition"] == (
        "attachment; filename=\"evil.html.jpg\"; filename*=UTF-8''evil.html.jpg"
    )
    body(response)
