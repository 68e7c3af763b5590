"""Hotline exchange screens (/complaints/exchange/): API keys and the batch import. Thin: parse, call, render.

Keys: the bureau's administrators only (others 403; another bureau's key 404). Import: administrators and
bureau leaders of the bureau. The import keeps the uploaded file server-side between the dry run and the
confirmation (named by a token held in the session), so the confirmation never trusts the client.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.intake import importing
from zhifa.intake.apikeys import api_key_create, api_key_revoke
from zhifa.intake.jobs import callback_secret
from zhifa.intake.models import ApiKey
from zhifa.lib.errors import DomainError
from zhifa.lib.spreadsheet import file_sha256

IMPORT_SESSION_KEY = "complaint_import"
IMPORT_TMP_MAX_AGE_SECONDS = 24 * 3600


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _require_admin(user: User) -> None:
    if user.bureau_id is None or not user.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied("只有本局系统管理员可以管理接口密钥。")


def _require_importer(user: User) -> None:
    if user.bureau_id is None or not user.has_role(Role.ADMINISTRATOR, Role.BUREAU_LEADER):
        raise PermissionDenied("只有本局系统管理员和局领导可以批量导入热线工单。")


# --- keys ---------------------------------------------------------------------------------------------
@login_required
@never_cache
def keys_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_admin(user)
    keys = ApiKey.objects.for_user(user, "change").select_related("created_by", "revoked_by")
    return render(request, "intake/exchange/keys.html", {"keys": keys, "values": {}, "error": None})


@require_POST
@login_required
@never_cache
def key_create(request: HttpRequest) -> HttpResponse:
    """Create a key and show it once, on this response (never stored, never cached)."""
    user = _user(request)
    _require_admin(user)
    values = {"system": request.POST.get("system", ""), "callback_url": request.POST.get("callback_url", "")}
    try:
        key, raw = api_key_create(bureau=user.bureau, system=values["system"], actor=user,  # type: ignore[arg-type]
                                  callback_url=values["callback_url"])
    except DomainError as exc:
        keys = ApiKey.objects.for_user(user, "change")
        return render(request, "intake/exchange/keys.html", {"keys": keys, "values": values, "error": exc},
                      status=400)
    response = render(request, "intake/exchange/key_created.html", {
        "key": key, "raw": raw, "secret": callback_secret(key).decode() if key.callback_url else "",
    })
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _require_admin(user)
    key = ApiKey.objects.for_user(user, "change").filter(pk=pk).first()
    if key is None:
        raise Http404("没有这个接口密钥。")
    if request.method == "POST":
        try:
            api_key_revoke(key=key, actor=user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已吊销“{key.system}”的密钥 {key.prefix}…，用它的调用从现在起一律拒绝。")
        return redirect("exchange:keys")
    return render(request, "intake/exchange/key_revoke.html", {"key": key})


# --- import -------------------------------------------------------------------------------------------
def _import_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "tmp"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _import_path(token: str) -> Path:
    if not token.replace("-", "").replace("_", "").isalnum():
        raise Http404
    return _import_dir() / f"complaint-import-{token}.upload"


def _import_sweep() -> None:
    cutoff = time.time() - IMPORT_TMP_MAX_AGE_SECONDS
    for path in _import_dir().glob("complaint-import-*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass


def _stash(request: HttpRequest, content: bytes, filename: str) -> str:
    _import_sweep()
    token = secrets.token_urlsafe(24)
    _import_path(token).write_bytes(content)
    previous = request.session.get(IMPORT_SESSION_KEY)
    if previous:
        _import_path(previous["token"]).unlink(missing_ok=True)
    request.session[IMPORT_SESSION_KEY] = {"token": token, "filename": filename, "sha256": file_sha256(content)}
    return token


def _forget(request: HttpRequest, token: str) -> None:
    _import_path(token).unlink(missing_ok=True)
    request.session.pop(IMPORT_SESSION_KEY, None)


def _context(**extra: Any) -> dict[str, Any]:
    return {"columns": importing.COLUMNS, "limit_mb": settings.ZHIFA_IMPORT_MAX_BYTES / 1024 / 1024,
            "report": None, "token": None, "error": None, "filename": ""} | extra


@require_http_methods(["GET", "POST"])
@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → dry run: per-row errors, duplicates and what would be created; a confirm button when clean."""
    user = _user(request)
    _require_importer(user)
    if request.method == "GET":
        return render(request, "intake/exchange/import.html", _context())
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "intake/exchange/import.html",
                      _context(error="请选择热线导出的 .xlsx 或 .json 文件。"), status=400)
    filename = str(upload.name or "")
    limit = settings.ZHIFA_IMPORT_MAX_BYTES
    if upload.size and upload.size > limit:
        message = f"文件过大（{upload.size / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.1f} MB，请拆分后分批导入。"
        return render(request, "intake/exchange/import.html", _context(error=message), status=400)
    content = upload.read(limit + 1)
    try:
        report = importing.complaints_import(content=content, filename=filename, bureau=user.bureau,  # type: ignore[arg-type]
                                             actor=user, dry_run=True)
    except importing.ImportFileError as exc:
        return render(request, "intake/exchange/import.html", _context(error=exc.message), status=400)
    token = _stash(request, content, filename) if report.ok and report.created else None
    return render(request, "intake/exchange/import.html", _context(report=report, token=token, filename=filename))


@require_POST
@login_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the kept file for real, in one transaction; nothing is written on any error."""
    user = _user(request)
    _require_importer(user)
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or not secrets.compare_digest(token, pending.get("token", "")) or not _import_path(token).exists():
        messages.error(request, "待导入的文件已失效（可能已导入或超过一天），请重新上传。")
        return redirect("exchange:import")
    content = _import_path(token).read_bytes()
    filename = pending.get("filename", "")
    try:
        report = importing.complaints_import(content=content, filename=filename, bureau=user.bureau,  # type: ignore[arg-type]
                                             actor=user, dry_run=False)
    except importing.ImportFileError as exc:
        _forget(request, token)
        messages.error(request, exc.message)
        return redirect("exchange:import")
    _forget(request, token)
    return render(request, "intake/exchange/import.html", _context(report=report, filename=filename))
