"""API keys of calling systems (the 12345 hotline, Open311 clients).

A key is `zk_<prefix>_<secret>`: the prefix (8 characters) finds the row, the SHA-256 of the whole key is
compared in constant time. Only the hash is stored: a lost key is revoked and a new one created. Every call
made with a key is audited with the key's system (`api_key_check` records nothing itself; the endpoints
audit what the call did, naming `key.system`).
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import Bureau, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.intake.models import ApiKey
from zhifa.lib.errors import DomainError

KEY_PREFIX = "zk_"
PREFIX_LENGTH = 8


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_key_create(*, bureau: Bureau, system: str, actor: User | None, callback_url: str = "") -> tuple[ApiKey, str]:
    """A new key for `system`; returns the row and the key itself, which is shown once and never stored."""
    if actor is not None and (actor.bureau_id != bureau.pk or not actor.has_role(Role.ADMINISTRATOR)):
        raise DomainError("只有本局系统管理员可以创建接口密钥。", code="forbidden")
    system = (system or "").strip()
    if not system or len(system) > 100:
        raise DomainError("请填写调用系统的名称（不超过 100 个字），如“12345政务服务便民热线”。", field="system")
    callback_url = (callback_url or "").strip()
    if callback_url and not callback_url.startswith(("http://", "https://")):
        raise DomainError("答复回传地址应以 http:// 或 https:// 开头。", field="callback_url")
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    raw = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        key = ApiKey.objects.create(
            bureau=bureau, system=system, prefix=prefix, key_hash=_hash(raw), callback_url=callback_url,
            created_by=actor,
        )
        audit_record(actor=actor, action="apikey.create", obj=key, bureau=bureau,
                     after={"system": system, "prefix": prefix, "callback_url": callback_url})
    return key, raw


def api_key_check(raw: str | None) -> ApiKey | None:
    """The active key `raw` names, or None (unknown, malformed or revoked). Notes the time of use."""
    raw = (raw or "").strip()
    if not raw.startswith(KEY_PREFIX):
        return None
    prefix = raw[len(KEY_PREFIX) : len(KEY_PREFIX) + PREFIX_LENGTH]
    key = ApiKey.objects.select_related("bureau").filter(prefix=prefix, revoked_at__isnull=True).first()
    if key is None or not secrets.compare_digest(key.key_hash, _hash(raw)):
        return None
    now = timezone.now()
    # At most one write a minute per key: the hot path of a busy hotline should not rewrite the row each call.
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def api_key_revoke(*, key: ApiKey, actor: User | None) -> ApiKey:
    """Revoke a key at once; calls made with it are refused from now on. Revoking twice changes nothing."""
    if actor is not None and (actor.bureau_id != key.bureau_id or not actor.has_role(Role.ADMINISTRATOR)):
        raise DomainError("只有本局系统管理员可以吊销接口密钥。", code="forbidden")
    if key.revoked_at is not None:
        raise DomainError(f"密钥“{key}”已于 {timezone.localtime(key.revoked_at):%Y-%m-%d %H:%M} 吊销。", code="wrong_state")
    with transaction.atomic():
        ApiKey.objects.filter(pk=key.pk).update(revoked_at=timezone.now(), revoked_by=actor)
        key.refresh_from_db()
        audit_record(actor=actor, action="apikey.revoke", obj=key, bureau=key.bureau_id,
                     after={"system": key.system, "prefix": key.prefix})
    return key
