"""The hash chain's arithmetic: canonical content of a row, its hash, and JSON-safe values.

Pure functions, shared by the writer (services.audit_record) and the checker (services.audit_verify), so
the two can never disagree about what was hashed.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import enum
import hashlib
import json
import math
import re
import uuid
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from django.db import models
from django.utils.functional import Promise

# The fields of a row that its hash covers, in the order the verifier reads them. The id is not among
# them (SQLite cannot tell us the id before the insert); order is protected by the link to prev_hash.
CONTENT_FIELDS: tuple[str, ...] = (
    "created_at",
    "actor_id",
    "actor_name",
    "bureau_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "request_id",
    "client_address",
)

# Keys whose string values never belong in an audit row, whoever passes them.
_SECRET_KEY = re.compile(r"password|secret|token|_sealed$|totp", re.IGNORECASE)
REDACTED = "***"


def canonical_json(content: Mapping[str, Any]) -> str:
    """Sorted keys, no whitespace, UTF-8 kept as is: the same text on every machine and database."""
    payload = dict(content)
    payload["created_at"] = iso_utc(payload["created_at"])
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def row_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    """SHA-256 hex of the previous row's hash followed by this row's canonical content."""
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("utf-8")).hexdigest()


def iso_utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("审计时间必须带时区")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def clean_text(value: object, max_length: int) -> str:
    """Text as the database will store it: no NUL (PostgreSQL refuses it), valid UTF-8, clipped."""
    text = str(value).replace("\x00", "\ufffd")
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates would break the hash
    return text[:max_length]


def to_jsonable(value: Any, *, key: str = "") -> Any:
    """Convert a before/after value into JSON that survives a round trip through SQLite or PostgreSQL
    unchanged, so that the hash computed now still matches the row read back years later.

    - Decimal, dates, times, UUIDs, paths, lazy strings → strings; enums → their value;
      model instances → {"id", "repr"}; sets → sorted lists; bytes → base64.
    - Floats: integral ones become ints (PostgreSQL's jsonb prints 1e16 as 10000000000000000, which
      Python reads back as an int), NaN and infinities become strings (JSON has no such numbers).
    - String values under keys that look like secrets (password, token, *_sealed …) are replaced by ***.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value, key=key)
    if isinstance(value, str | Promise):
        text = clean_text(value, len(str(value)))
        return REDACTED if key and _SECRET_KEY.search(key) and text else text
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds() if value.microseconds else int(value.total_seconds())
    if isinstance(value, uuid.UUID | PurePath):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, models.Model):
        return {"id": to_jsonable(value.pk), "repr": clean_text(value, 200)}
    if isinstance(value, Mapping):
        return {clean_text(k, 200): to_jsonable(v, key=str(k)) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        items = [to_jsonable(item, key=key) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    if isinstance(value, list | tuple | models.QuerySet):
        return [to_jsonable(item, key=key) for item in value]
    return clean_text(value, 1000)


def _float(value: float) -> int | float | str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return int(value)
    return value
