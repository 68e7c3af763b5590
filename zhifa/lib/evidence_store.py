"""Evidence files (证据) stored by their SHA-256, outside the web root.

- `evidence_store` streams an upload into a temporary file inside the store (same filesystem, so the final
  move is an atomic rename), hashing and counting as it goes; it refuses a file over the size limit and a
  file whose **content** is not one of the accepted types (the name and the client's content type are
  never trusted), then moves it to `<root>/<sha[0:2]>/<sha[2:4]>/<sha>`, read-only. The same bytes twice
  are one file.
- `evidence_fixity_check` re-hashes the store against what the database expects and reports changed,
  missing and untracked files.
- `evidence_response` serves a file so that a browser can never run it: an attachment (images inline only
  when asked), the detected content type (never HTML), `nosniff` and a sandboxing CSP.

Root: `settings.MEDIA_ROOT / "evidence"`. No web server route may point at it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Protocol, runtime_checkable
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse

from zhifa.lib.errors import DomainError

__all__ = [
    "KINDS",
    "FileType",
    "FixityReport",
    "StoredFile",
    "evidence_fixity_check",
    "evidence_open",
    "evidence_path",
    "evidence_response",
    "evidence_root",
    "evidence_store",
]

CHUNK = 1024 * 1024
HEAD_BYTES = 512  # enough for every signature below and to name what a refused file looks like
TMP_DIR = ".tmp"  # inside the root: same filesystem, so os.replace is atomic; skipped by the fixity check
_SHA = re.compile(r"[0-9a-f]{64}")
_HEX2 = re.compile(r"[0-9a-f]{2}")

KINDS: dict[str, str] = {"image": "图片", "audio": "音频", "video": "视频", "pdf": "PDF 文档", "office": "Office 文档"}


@dataclass(frozen=True)
class FileType:
    kind: str  # one of KINDS
    content_type: str
    extension: str  # without the dot
    label: str


JPEG = FileType("image", "image/jpeg", "jpg", "JPEG")
PNG = FileType("image", "image/png", "png", "PNG")
GIF = FileType("image", "image/gif", "gif", "GIF")
WEBP = FileType("image", "image/webp", "webp", "WebP")
HEIC = FileType("image", "image/heic", "heic", "HEIC")
HEIF = FileType("image", "image/heif", "heif", "HEIF")
AVIF = FileType("image", "image/avif", "avif", "AVIF")
MP3 = FileType("audio", "audio/mpeg", "mp3", "MP3")
AAC = FileType("audio", "audio/aac", "aac", "AAC")
M4A = FileType("audio", "audio/mp4", "m4a", "M4A")
WAV = FileType("audio", "audio/wav", "wav", "WAV")
AMR = FileType("audio", "audio/amr", "amr", "AMR")
MP4 = FileType("video", "video/mp4", "mp4", "MP4")
MOV = FileType("video", "video/quicktime", "mov", "MOV")
THREE_GP = FileType("video", "video/3gpp", "3gp", "3GP")
AVI = FileType("video", "video/x-msvideo", "avi", "AVI")  # what many body-worn cameras (执法记录仪) write
PDF = FileType("pdf", "application/pdf", "pdf", "PDF")
DOCX = FileType("office", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word（.docx）")
XLSX = FileType("office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel（.xlsx）")
DOC = FileType("office", "application/msword", "doc", "Word（.doc）")
XLS = FileType("office", "application/vnd.ms-excel", "xls", "Excel（.xls）")

TYPES = (JPEG, PNG, GIF, WEBP, HEIC, HEIF, AVIF, MP3, AAC, M4A, WAV, AMR, MP4, MOV, THREE_GP, AVI, PDF,
         DOCX, XLSX, DOC, XLS)
_BY_CONTENT_TYPE = {file_type.content_type: file_type for file_type in TYPES}

# ISO base media files (MP4, MOV, HEIF…) say what they are in the major brand of the `ftyp` box at offset 4.
_BRANDS: dict[bytes, FileType] = {
    **dict.fromkeys([b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"], HEIC),
    **dict.fromkeys([b"mif1", b"msf1"], HEIF),
    **dict.fromkeys([b"avif", b"avis"], AVIF),
    **dict.fromkeys([b"M4A ", b"M4B ", b"F4A "], M4A),
    **dict.fromkeys([b"qt  "], MOV),
    **dict.fromkeys([b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3ge6", b"3gg6", b"3g2a", b"3g2b", b"3g2c"], THREE_GP),
    **dict.fromkeys(
        [b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp71", b"avc1", b"dash",
         b"M4V ", b"M4VH", b"M4VP", b"f4v ", b"MSNV", b"XAVC", b"mmp4"],
        MP4,
    ),
}
# Old QuickTime files (and some camera firmware) have no ftyp box and start with one of these atoms.
_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_WORD = "WordDocument".encode("utf-16-le")
_OLE_EXCEL = "Workbook".encode("utf-16-le")


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    content_type: str
    extension: str
    path: str  # relative to the store root, '/'-separated: "ab/cd/abcd…"
    kind: str


@runtime_checkable
class _Chunked(Protocol):
    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


# --- where files live ----------------------------------------------------------------------------------
def evidence_root() -> Path:
    """Read at every call, so a test (or a deployment) may point MEDIA_ROOT elsewhere."""
    return Path(settings.MEDIA_ROOT) / "evidence"


def evidence_path(sha256: str) -> Path:
    """Where the file with this hash lives (it may not exist). Raises ValueError unless `sha256` is exactly
    64 lowercase hex digits: the hash becomes a path, so nothing else may reach the filesystem."""
    if not isinstance(sha256, str) or not _SHA.fullmatch(sha256):
        raise ValueError(f"不是有效的 SHA-256 值：{sha256!r:.80}")
    return evidence_root() / _relative(sha256)


def _relative(sha256: str) -> str:
    return f"{sha256[0:2]}/{sha256[2:4]}/{sha256}"


def evidence_open(sha256: str) -> BinaryIO:
    """Open a stored file for reading. DomainError (code 'missing') when it is not in the store."""
    path = evidence_path(sha256)
    try:
        # O_NOFOLLOW: a symlink planted in place of a file must not lead out of the store (ELOOP instead).
        # Not a `with`: the caller (or the FileResponse) closes it.
        return open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW))
    except FileNotFoundError as exc:
        raise DomainError(
            f"证据文件缺失（SHA-256 {sha256[:12]}…）：请联系系统管理员运行文件完整性检查。", code="missing"
        ) from exc


# --- storing -------------------------------------------------------------------------------------------
def evidence_store(
    *, stream: BinaryIO | IO[bytes] | _Chunked, declared_name: str, max_bytes: int, allowed: set[str]
) -> StoredFile:
    """Store an uploaded file (a binary stream, or a Django UploadedFile read by its .chunks()).

    `declared_name` is only used in messages (and to tell .doc from .xls when a file holds both);
    `allowed` names the KINDS the caller accepts here. Raises DomainError when the file is empty, over
    `max_bytes`, of a type that is not accepted, or of a kind the caller did not allow.
    """
    unknown = set(allowed) - KINDS.keys()
    if not allowed or unknown:
        raise ValueError(f"allowed 应为 {sorted(KINDS)} 的非空子集，实际多出 {sorted(unknown)}")
    name = _display_name(declared_name)
    declared_size = getattr(stream, "size", None)
    if isinstance(declared_size, int) and declared_size > max_bytes:  # UploadedFile knows: refuse unread
        raise _too_large(name, max_bytes)
    root = evidence_root()
    tmp_dir = root / TMP_DIR
    tmp_dir.mkdir(mode=0o750, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            digest, size, head = _copy(stream, out, max_bytes=max_bytes, name=name)
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename makes it visible under its hash
        if size == 0:
            raise DomainError(f"文件「{name}」是空的，请重新选择文件。", code="empty")
        file_type = _detect(head, tmp, name, allowed)
        if file_type.kind not in allowed:
            raise DomainError(
                f"文件「{name}」是{KINDS[file_type.kind]}（{file_type.label}），此处不接受。{_accepted(allowed)}",
                code="type_not_allowed",
            )
        sha256 = digest.hexdigest()
        _install(tmp, root / _relative(sha256))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return StoredFile(sha256, size, file_type.content_type, file_type.extension, _relative(sha256), file_type.kind)


def _copy(
    stream: BinaryIO | IO[bytes] | _Chunked, out: IO[bytes], *, max_bytes: int, name: str
) -> tuple[hashlib._Hash, int, bytes]:
    """Copy while hashing and counting; stop reading as soon as the limit is passed."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    for block in _chunks(stream):
        size += len(block)
        if size > max_bytes:
            raise _too_large(name, max_bytes)
        if len(head) < HEAD_BYTES:
            head += block[: HEAD_BYTES - len(head)]
        digest.update(block)
        out.write(block)
    return digest, size, head


def _chunks(stream: BinaryIO | IO[bytes] | _Chunked) -> Iterator[bytes]:
    if isinstance(stream, _Chunked):
        yield from stream.chunks()
        return
    while block := stream.read(CHUNK):
        yield block


def _install(tmp: Path, final: Path) -> None:
    """Move the finished temp file to its place, read-only; the same content already there wins."""
    final.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    if final.exists():
        tmp.unlink()  # same hash, same bytes: keep the original file (and its timestamps)
        return
    tmp.chmod(0o440)
    os.replace(tmp, final)
    _fsync_dir(final.parent)  # make the new directory entry itself durable


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _too_large(name: str, max_bytes: int) -> DomainError:
    return DomainError(
        f"文件「{name}」超过 {_size_text(max_bytes)} 上限，请压缩或分段后再上传。", code="too_large"
    )


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{size / 1024:.3g} KB"


def _display_name(declared_name: str) -> str:
    """The client's file name, safe to put in a message: last path part, no control characters."""
    base = re.split(r"[\\/]", str(declared_name or ""))[-1]
    cleaned = "".join(ch for ch in base if not unicodedata.category(ch).startswith("C")).strip()
    return cleaned[:80] or "未命名文件"


def _accepted(allowed: Iterable[str]) -> str:
    parts = []
    for kind in KINDS:
        if kind in allowed:
            labels = "、".join(t.label for t in TYPES if t.kind == kind)
            parts.append(f"{KINDS[kind]}（{labels}）")
    return "此处只接受：" + "；".join(parts) + "。"


# --- recognising the type by content ---------------------------------------------------------------------
def _detect(head: bytes, path: Path, name: str, allowed: set[str]) -> FileType:
    file_type = _sniff(head, path, name)
    if file_type is None:
        raise DomainError(
            f"文件「{name}」的实际内容是{_what_it_is(head)}，不予接收（按文件内容判断，与扩展名无关）。"
            f"{_accepted(allowed)}",
            code="type_refused",
        )
    return file_type


def _sniff(head: bytes, path: Path, name: str) -> FileType | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF":
        return {b"WEBP": WEBP, b"WAVE": WAV, b"AVI ": AVI}.get(head[8:12])
    if head[4:8] == b"ftyp":
        return _BRANDS.get(head[8:12])
    if head[4:8] in _QUICKTIME_ATOMS:
        return MOV
    if head.startswith((b"#!AMR\n", b"#!AMR-WB\n")):
        return AMR
    if head.startswith(b"ID3"):
        return MP3
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_zip(path, name)
    if head.startswith(_OLE_MAGIC):
        return _office_ole(path, name)
    return _mpeg_audio(head)


def _mpeg_audio(head: bytes) -> FileType | None:
    """MP3 without an ID3 tag, or raw AAC (ADTS): an 11/12-bit frame sync and a plausible frame header.
    Checked last: two bytes of sync alone would match too much."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
    if head[1] & 0xF6 == 0xF0:  # ADTS: 12-bit sync, layer 00
        return AAC if (head[2] >> 2) & 0b1111 < 13 else None
    bitrate, sample_rate = head[2] >> 4, (head[2] >> 2) & 0b11
    if version == 0b01 or layer == 0b00 or bitrate in (0b0000, 0b1111) or sample_rate == 0b11:
        return None
    return MP3


def _office_zip(path: Path, name: str) -> FileType | None:
    """A .docx/.xlsx is a ZIP with a word/ or xl/ part. Only the central directory is read (no
    decompression), so a ZIP bomb costs nothing here. Any other ZIP is refused."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if any(entry.lower().endswith("vbaproject.bin") for entry in names):
        raise DomainError(
            f"文件「{name}」是含宏的 Office 文档，不予接收：请另存为不含宏的 .docx 或 .xlsx 后再上传。",
            code="type_refused",
        )
    if any(entry.startswith("word/") for entry in names):
        return DOCX
    if any(entry.startswith("xl/") for entry in names):
        return XLSX
    return None


def _office_ole(path: Path, name: str) -> FileType | None:
    """Old .doc/.xls are OLE compound files, as are installers (.msi) and mail (.msg): accept only one
    that holds a Word or Excel stream, found by its UTF-16 directory name (scanned with constant memory)."""
    word = excel = False
    for found in _scan(path, (_OLE_WORD, _OLE_EXCEL)):
        word, excel = word or found == _OLE_WORD, excel or found == _OLE_EXCEL
    if word and excel:  # one embedded in the other: the declared name decides which is the outer one
        return XLS if name.lower().endswith((".xls", ".et")) else DOC
    return DOC if word else XLS if excel else None


def _scan(path: Path, needles: tuple[bytes, ...]) -> Iterator[bytes]:
    overlap = max(len(needle) for needle in needles) - 1
    tail = b""
    with open(path, "rb") as source:
        while block := source.read(CHUNK):
            window = tail + block
            for needle in needles:
                if needle in window:
                    yield needle
            tail = window[-overlap:]


def _what_it_is(head: bytes) -> str:
    """Name the refused content when it is recognisable, so the user sees why (an HTML page, a program)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"MZ"):
        return "Windows 可执行程序"
    if head.startswith(b"\x7fELF"):
        return "Linux 可执行程序"
    if head.startswith(b"#!"):
        return "脚本"
    if b"<svg" in text:
        return "SVG 图形（可含脚本）"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")) or b"<html" in text:
        return "网页（HTML）"
    if text.startswith(b"<?xml"):
        return "XML 文件"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP 压缩包"
    if head.startswith(_OLE_MAGIC):
        return "非 Word/Excel 的 OLE 复合文件"
    return "无法识别的类型"


# --- fixity --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FixityReport:
    checked: int  # expected files found in the store and re-hashed (or size-checked)
    changed: tuple[str, ...]  # sha256 of files whose content no longer matches their hash or size
    missing: tuple[str, ...]  # sha256 expected but not in the store
    untracked: tuple[str, ...]  # paths (relative to the root) in the store that nothing expects

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.untracked)

    @property
    def message(self) -> str:
        if self.ok:
            return f"已检查 {self.checked} 个证据文件，全部完好。"
        return (
            f"已检查 {self.checked} 个证据文件：内容被改动 {len(self.changed)} 个，缺失 {len(self.missing)} 个，"
            f"多出（无记录）{len(self.untracked)} 个。"
        )


def evidence_fixity_check(*, expected: Iterable[tuple[str, int]]) -> FixityReport:
    """Compare the store with `expected` (sha256, size) pairs, e.g.
    `Evidence.objects.order_by("sha256").values_list("sha256", "size").iterator()`.

    `expected` must be sorted by sha256 (repeats allowed): the store is walked in the same order and the two
    are merged, so memory stays flat however many files there are. Each file is re-hashed in chunks.
    """
    changed: list[str] = []
    missing: list[str] = []
    untracked: list[str] = []
    checked = 0
    root = evidence_root()
    wanted = _sorted_unique(expected)
    want = next(wanted, None)
    for sha256, path in _walk(root):
        if sha256 is None:
            untracked.append(path.relative_to(root).as_posix())
            continue
        while want is not None and want[0] < sha256:
            missing.append(want[0])
            want = next(wanted, None)
        if want is None or want[0] != sha256:
            untracked.append(path.relative_to(root).as_posix())
            continue
        checked += 1
        if not _intact(path, sha256, want[1]):
            changed.append(sha256)
        want = next(wanted, None)
    while want is not None:
        missing.append(want[0])
        want = next(wanted, None)
    return FixityReport(checked, tuple(changed), tuple(missing), tuple(untracked))


def _sorted_unique(expected: Iterable[tuple[str, int]]) -> Iterator[tuple[str, int]]:
    previous: str | None = None
    for sha256, size in expected:
        if not isinstance(sha256, str) or not _SHA.fullmatch(sha256):
            raise ValueError(f"不是有效的 SHA-256 值：{sha256!r:.80}")
        if previous is not None and sha256 < previous:
            raise ValueError("expected 必须按 sha256 升序排列（如 order_by('sha256')）")
        if sha256 != previous:
            yield sha256, int(size)
        previous = sha256


def _walk(root: Path) -> Iterator[tuple[str | None, Path]]:
    """Every entry of the store in sha256 order: (sha256, path) for a regular file in its right place,
    (None, path) for anything else (a stray file, a symlink, a misplaced or misnamed file, a stray folder)."""
    if not root.is_dir():
        return
    for first in _sorted_entries(root):
        if first.name == TMP_DIR and first.is_dir(follow_symlinks=False):
            continue
        if not (_HEX2.fullmatch(first.name) and first.is_dir(follow_symlinks=False)):
            yield None, Path(first.path)
            continue
        for second in _sorted_entries(Path(first.path)):
            if not (_HEX2.fullmatch(second.name) and second.is_dir(follow_symlinks=False)):
                yield None, Path(second.path)
                continue
            prefix = first.name + second.name
            for entry in _sorted_entries(Path(second.path)):
                placed = _SHA.fullmatch(entry.name) and entry.name.startswith(prefix)
                regular = entry.is_file(follow_symlinks=False)
                yield (entry.name if placed and regular else None), Path(entry.path)


def _sorted_entries(directory: Path) -> list[os.DirEntry[str]]:
    # One directory at a time: at most 256 entries per level, ~n/65536 files in a leaf.
    with os.scandir(directory) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _intact(path: Path, sha256: str, size: int) -> bool:
    if path.stat().st_size != size:
        return False  # no need to read it
    with open(path, "rb") as source:
        return hashlib.file_digest(source, "sha256").hexdigest() == sha256


# --- serving -------------------------------------------------------------------------------------------
def evidence_response(
    *, sha256: str, content_type: str, download_name: str, inline: bool = False
) -> FileResponse:
    """A response a browser cannot execute. `content_type` should be the one stored by evidence_store;
    anything not in the accepted table is sent as application/octet-stream. `inline=True` is honoured
    only for images (to preview them); everything else is always an attachment."""
    file_type = _BY_CONTENT_TYPE.get(content_type)
    disposition = "inline" if inline and file_type is not None and file_type.kind == "image" else "attachment"
    response = FileResponse(
        evidence_open(sha256), content_type=file_type.content_type if file_type else "application/octet-stream"
    )
    response["Content-Disposition"] = _content_disposition(disposition, _download_name(download_name, file_type))
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser rendered it, a sandboxed document runs no script and has no origin.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"  # personal data: not in shared caches
    return response


def _download_name(download_name: str, file_type: FileType | None) -> str:
    """The suggested name, with the extension of the detected type (so the right program opens it)."""
    name = _display_name(download_name).replace('"', "").strip(". ") or "证据"
    if file_type is not None:
        suffix = Path(name).suffix.lower().lstrip(".")
        same = suffix == file_type.extension or (file_type is JPEG and suffix == "jpeg")
        if not same:
            name = f"{name}.{file_type.extension}"
    return name


def _content_disposition(disposition: str, name: str) -> str:
    """RFC 6266 with an RFC 5987 UTF-8 name, plus an ASCII fallback for old clients."""
    fallback = "".join(ch if " " <= ch <= "~" and ch not in '"\\' else "_" for ch in name)
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
