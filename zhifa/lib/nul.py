"""NUL characters (U+0000): PostgreSQL cannot store or compare text that holds one, so input carrying one is
refused where it enters (the request middleware for addresses and forms, the JSON readers for bodies and
files) with a message, instead of failing later in the database."""

from __future__ import annotations

from typing import Any

NUL = "\x00"


def holds_nul(value: Any) -> bool:
    """True when a string anywhere in `value` (a decoded JSON document: dicts, lists, strings) holds NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(holds_nul(item) for item in value)
    return False
