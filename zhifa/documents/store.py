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
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

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

    def write(out: BinaryIO) -> None:
        out.write(data)

    return _write_once(write, hashlib.sha256(data).hexdigest())


def blob_put_file(source: Path) -> str:
    """Store a file too large to hold in memory (a case file's ZIP), hashed while copying; returns its SHA-256."""
    digest = hashlib.sha256()

    def copy(out: BinaryIO) -> None:
        with source.open("rb") as src:
            for chunk in iter(lambda: src.read(1024 * 1024), b""):
                digest.update(chunk)
                out.write(chunk)

    return _write_once(copy, lambda: digest.hexdigest())


def _write_once(write: Callable[[BinaryIO], None], sha256: str | Callable[[], str]) -> str:
    """Write to a temporary file in the store, then rename it read-only to its hash (known before or after)."""
    tmp_dir = store_root() / ".tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=tmp_dir, prefix="put-")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        name = sha256() if callable(sha256) else sha256
        path = blob_path(name)
        if path.exists():  # the same bytes are already stored: one file
            Path(tmp).unlink()
            return name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)  # same filesystem: atomic
        return name
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def blob_get(sha256: str) -> bytes:
    """The stored bytes, checked against their name: a changed file is reported, never served."""
    try:
        data = blob_path(sha256).read_bytes()
    except FileNotFoundError:
        raise DomainError(f"文件 {sha256[:12]}… 在文书库中不存在。请联系系统管理员从备份恢复。") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DomainError(f"文件 {sha256[:12]}… 的内容与登记的 SHA-256 不符，可能已被篡改。请联系系统管理员从备份恢复。")
    return data
