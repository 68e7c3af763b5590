"""The public complaint pages (/portal/complaints/): no account, no staff menu (docs/portal-complaints.md).

- new: the form. A submission takes one slot of the address's hourly limit first (ZHIFA_PUBLIC_FORM_PER_HOUR);
  a refused one (bad input) gives it back, an over-the-limit one is answered 429 and stores nothing. Photos
  are stored in the evidence store (content-checked: images only) and their rows written in the same
  transaction as the complaint; when anything fails, the rows roll back and the files this request added
  are removed.
- done: the number and the access code, shown once (they travel in the session, never in a URL).
- track / status / rate: number + code → the status page; the proof stays in the session (the complaint's
  id), so the rating is authorised without the code in any URL. Wrong number or code gives one neutral
  message; failures are limited per address as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhifa.accounts.models import Bureau
from zhifa.intake.forms_public import PHOTO_MAX_BYTES, ComplaintPublicForm, RateForm, TrackForm
from zhifa.intake.models import Complaint, ComplaintAttachment
from zhifa.intake.ratelimit import RateLimit, Verdict
from zhifa.intake.services import access_code_matches, complaint_rate, complaint_receive
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError
from zhifa.lib.evidence_store import StoredFile, evidence_path, evidence_store

DONE_KEY = "portal_complaint_done"
TRACK_KEY = "portal_complaint_tracked"
TRACK_FAILURES_PER_HOUR = 10
NEUTRAL = "受理编号或查询码不正确，请核对后重新输入（字母不区分大小写）。"


def form_limit() -> RateLimit:
    return RateLimit("form", int(getattr(settings, "ZHIFA_PUBLIC_FORM_PER_HOUR", 5)))


def track_limit() -> RateLimit:
    return RateLimit("track", int(getattr(settings, "ZHIFA_PUBLIC_TRACK_FAILURES_PER_HOUR", TRACK_FAILURES_PER_HOUR)))


def _limited(request: HttpRequest, verdict: Verdict, reason: str) -> HttpResponse:
    retry_at = timezone.localtime(timezone.now() + dt.timedelta(seconds=verdict.retry_after))
    response = render(request, "portal/complaints/limited.html",
                      {"verdict": verdict, "reason": reason, "retry_at": retry_at}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


# --- which bureau --------------------------------------------------------------------------------------
def _bureaus() -> list[Bureau]:
    return list(Bureau.objects.filter(complaint_categories__is_active=True).distinct().order_by("id"))


def _bureau_for(request: HttpRequest) -> tuple[Bureau | None, list[Bureau], str]:
    """The bureau named by ?bureau=<short name>, else the only one taking complaints; (None, choices,
    wrong name or "") when the visitor has to choose."""
    bureaus = _bureaus()
    wanted = request.GET.get("bureau", "").strip()
    if wanted:
        for bureau in bureaus:
            if bureau.short_name == wanted:
                return bureau, bureaus, ""
        return None, bureaus, wanted[:20]
    if len(bureaus) == 1:
        return bureaus[0], bureaus, ""
    return None, bureaus, ""


# --- the form ------------------------------------------------------------------------------------------
def complaint_new(request: HttpRequest) -> HttpResponse:
    bureau, bureaus, unknown = _bureau_for(request)
    if bureau is None:
        return render(request, "portal/complaints/choose.html", {"bureaus": bureaus, "unknown": unknown},
                      status=404 if unknown or not bureaus else 200)
    limit = form_limit()
    if request.method != "POST":
        return render(request, "portal/complaints/new.html", {"form": ComplaintPublicForm(bureau=bureau),
                                                              "bureau": bureau, "choose": len(bureaus) > 1})
    verdict = limit.take(request)
    if not verdict.allowed:
        return _limited(request, verdict, f"同一网络地址一小时内最多提交 {limit.limit} 件投诉，已达上限。本次提交未被保存。")
    form = ComplaintPublicForm(request.POST, request.FILES, bureau=bureau)
    complaint, code = (_submit(form) if form.is_valid() else (None, ""))
    if complaint is None:
        if not form.has_error("__all__"):  # honest mistakes do not use up the hour; a filled honeypot does
            limit.give_back(request)
        return render(request, "portal/complaints/new.html",
                      {"form": form, "bureau": bureau, "choose": len(bureaus) > 1})
    request.session[DONE_KEY] = {"number": complaint.number, "code": code}
    request.session[TRACK_KEY] = complaint.pk
    return redirect("portal_complaints:done")


def _submit(form: ComplaintPublicForm) -> tuple[Complaint | None, str]:
    """Store the photos and write the complaint; (None, "") with the errors on the form when refused."""
    data = form.cleaned_data
    added: list[str] = []
    try:
        photos = _photos_store(data["photos"], added)
        with transaction.atomic():
            received = complaint_receive(
                bureau=form.bureau, channel=Complaint.Channel.PORTAL, category=data["category"],
                place=data["place"], description=data["description"], latitude=data["latitude"],
                longitude=data["longitude"], anonymous=data["anonymous"], reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"], reporter_email=data["reporter_email"],
            )
            ComplaintAttachment.objects.bulk_create([
                ComplaintAttachment(complaint=received.complaint, sha256=stored.sha256, size=stored.size,
                                    content_type=stored.content_type, original_name=name[:255])
                for stored, name in photos
            ])
    except DomainError as error:
        _photos_remove(added)
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None, ""
    except BaseException:
        _photos_remove(added)
        raise
    return received.complaint, received.access_code


def _photos_store(uploads: list[Any], added: list[str]) -> list[tuple[StoredFile, str]]:
    """Each photo into the evidence store (its content must be an image); `added` collects the hashes of
    files this call put there, so that a refusal can take them out again."""
    stored = []
    for upload in uploads:
        digest = hashlib.sha256()
        for block in upload.chunks():
            digest.update(block)
        existed = evidence_path(digest.hexdigest()).exists()
        try:
            result = evidence_store(stream=upload, declared_name=upload.name or "", max_bytes=PHOTO_MAX_BYTES,
                                    allowed={"image"})
        except DomainError as error:
            raise DomainError(f"{error.message}请上传现场照片（图片文件）。", field="photos") from error
        if not existed:
            added.append(result.sha256)
        stored.append((result, upload.name or ""))
    return stored


def _photos_remove(shas: list[str]) -> None:
    for sha in shas:
        if not ComplaintAttachment.objects.filter(sha256=sha).exists():
            evidence_path(sha).unlink(missing_ok=True)


@never_cache
def complaint_done(request: HttpRequest) -> HttpResponse:
    shown = request.session.pop(DONE_KEY, None)  # once: a reload shows the advice, not the code
    return render(request, "portal/complaints/done.html", {"shown": shown})


# --- tracking ------------------------------------------------------------------------------------------
def _find(number: str, code: str) -> Complaint | None:
    # As typed, or without spaces in capitals (numbers look like TS2026-1-000001, services.complaint_number).
    candidates = {number, "".join(number.split()).upper()}
    complaint = Complaint.objects.filter(number__in=candidates).order_by("pk").first()
    if complaint is None:
        crypto.keyed_hash("complaint-access:" + code)  # the same work as a wrong code: timing tells nothing
        return None
    return complaint if access_code_matches(complaint, code) else None


@never_cache
def complaint_track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        # Every attempt takes a slot first (atomically, so parallel guesses cannot slip past the limit);
        # a correct entry and a form left incomplete give it back, so only wrong entries count.
        limit = track_limit()
        verdict = limit.take(request)
        if not verdict.allowed:
            return _limited(request, verdict, "同一网络地址一小时内输错受理编号或查询码的次数已达上限。")
        if not form.is_valid():
            limit.give_back(request)
        else:
            complaint = _find(form.cleaned_data["number"], form.cleaned_data["code"])
            if complaint is not None:
                limit.give_back(request)
                request.session.cycle_key()
                request.session[TRACK_KEY] = complaint.pk
                return redirect("portal_complaints:status")
            form.add_error(None, NEUTRAL)
    return render(request, "portal/complaints/track.html", {"form": form})


def _tracked(request: HttpRequest) -> Complaint | None:
    pk = request.session.get(TRACK_KEY)
    if not isinstance(pk, int):
        return None
    return Complaint.objects.select_related("category").filter(pk=pk).first()


@never_cache
def complaint_status(request: HttpRequest) -> HttpResponse:
    complaint = _tracked(request)
    if complaint is None:
        messages.info(request, "请输入受理编号和查询码查看办理进度。")
        return redirect("portal_complaints:track")
    can_rate = complaint.state in (Complaint.State.REPLIED, Complaint.State.CLOSED) and not complaint.satisfaction
    return render(request, "portal/complaints/status.html", {
        "complaint": complaint,
        "events": complaint.events.filter(public=True).only("text", "created_at"),
        "rate_form": RateForm() if can_rate else None,
    })


@require_POST
def complaint_rate_view(request: HttpRequest) -> HttpResponse:
    complaint = _tracked(request)
    if complaint is None:
        messages.info(request, "请先输入受理编号和查询码。")
        return redirect("portal_complaints:track")
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择满意、基本满意或不满意后再提交。")
        return redirect("portal_complaints:status")
    try:
        complaint_rate(complaint=complaint, satisfaction=form.cleaned_data["satisfaction"], via="网上评价")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "感谢您的评价。")
    return redirect("portal_complaints:status")


@require_POST
def complaint_forget(request: HttpRequest) -> HttpResponse:
    """结束查询: on a shared phone or computer, the next person cannot open the complaint."""
    request.session.pop(TRACK_KEY, None)
    messages.info(request, "已结束查询。")
    return redirect("portal_complaints:track")
