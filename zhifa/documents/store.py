"""The document store: issued documents, their PDFs and built case files, each named by its SHA-256.

Write once: a file is written to a temporary name and renamed into place, then made read-only; the same
bytes twice are one file. Nothing here is ever overwritten or deleted by the application — a corrected
document or a rebuilt case file is a new file with a new hash. Root: `settings.MEDIA_ROOT / "documents"`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

from zhifa.lib.errors import DomainError

_SHA = re.compile(r"[0-9a-f]{64}")


def store_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def blob_path(sha256: str) -> Path:
    if not _SHA.fullmatch(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return store_root() / sha256[:2] / sha256


def blob_put(data: bytes) -> str:
    """Store these bytes (once) and return their SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = blob_path(sha256)
    if path.exists():
        return sha256
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha256


def blob_put_file(source: Path) -> str:
    """Store a file too large to hold in memory (a case file's ZIP), hashed while copying; returns its SHA-256."""
    root = store_root()
    (root / ".tmp").mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, tmp = tempfile.mkstemp(dir=root / ".tmp", prefix="put-")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            for chunk in iter(lambda: src.read(1024 * 1024), b""):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha256 = digest.hexdigest()
        path = blob_path(sha256)
        if path.exists():
            Path(tmp).unlink()
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha256


def blob_get(sha256: str) -> bytes:
    """The stored bytes, checked against their name: a changed file is reported, never served."""
    try:
        data = blob_path(sha256).read_bytes()
    except FileNotFoundError:
        raise DomainError(f"文件 {sha256[:12]}… 在文书库中不存在。请联系系统管理员从备份恢复。") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DomainError(f"文件 {sha256[:12]}… 的内容与登记的 SHA-256 不符，可能已被篡改。请联系系统管理员从备份恢复。")
    return data
