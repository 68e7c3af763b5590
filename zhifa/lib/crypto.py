"""Encryption at rest and keyed hashes for personal identifiers (legal-rules.md, information security).

Values are sealed with AES-256-GCM under a key derived from settings.ZHIFA_FIELD_KEY; exact lookup goes
through an HMAC-SHA256 of the normalised value, so the plain value is never stored or indexed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_PREFIX = "v1:"


@lru_cache(maxsize=4)
def _derive(secret: str, purpose: bytes) -> bytes:
    return hmac.new(secret.encode(), b"zhifa:" + purpose, hashlib.sha256).digest()


def _field_key() -> str:
    from django.conf import settings

    return str(settings.ZHIFA_FIELD_KEY)


def seal(plain: str) -> str:
    """Encrypt `plain`; the result is text safe to store (prefix, nonce and ciphertext in base64)."""
    nonce = os.urandom(12)
    box = AESGCM(_derive(_field_key(), b"seal"))
    data = box.encrypt(nonce, plain.encode("utf-8"), None)
    return _PREFIX + base64.urlsafe_b64encode(nonce + data).decode("ascii")


def unseal(token: str) -> str:
    """Decrypt a value made by `seal`. A tampered value raises cryptography's InvalidTag."""
    if not token.startswith(_PREFIX):
        raise ValueError("不是加密存储的值")
    raw = base64.urlsafe_b64decode(token[len(_PREFIX) :].encode("ascii"))
    box = AESGCM(_derive(_field_key(), b"seal"))
    return box.decrypt(raw[:12], raw[12:], None).decode("utf-8")


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of the normalised value (upper case, no spaces): the column to look an identifier up by."""
    normalised = "".join(value.split()).upper()
    return hmac.new(_derive(_field_key(), b"lookup"), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
