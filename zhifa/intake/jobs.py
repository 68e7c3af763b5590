"""Background jobs of intake: pushing a reply back to the calling hotline (callback).

`reply_push_enqueue` is called by `services.complaint_reply` inside its transaction for every complaint it
answers; it queues a push only for a complaint that came from a system with a callback address.

The handler (`intake.reply_push`) POSTs the reply as JSON to the key's `callback_url` (urllib, 10 s timeout)
and signs it: header `X-Zhifa-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with
`X-Zhifa-Timestamp: <unix seconds>`, where the per-key secret is the hex SHA-256 of the API key itself (the
calling system holds the key and computes it; we store exactly that hash). A 2xx answer marks
`complaint.reply_pushed_at`. A network failure or any other answer puts the job back in the queue (RetryLater:
5, then 10 minutes later) while attempts remain (zhifa.jobs.services.MAX_ATTEMPTS), then fails it; the export (GET /api/hotline/v1/replies/)
always has the reply anyway. See docs/open311.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any

from django.utils import timezone

from zhifa.audit.services import audit_record
from zhifa.intake.models import ApiKey, Complaint
from zhifa.jobs.models import Job
from zhifa.jobs.registry import Progress, RetryLater, job_handler
from zhifa.jobs.services import job_enqueue
from zhifa.lib.errors import DomainError

REPLY_PUSH = "intake.reply_push"
TIMEOUT_SECONDS = 10
RETRY_SECONDS = 300  # the second attempt 5 minutes after the first, the third 10 minutes after the second
SIGNATURE_HEADER = "X-Zhifa-Signature"
TIMESTAMP_HEADER = "X-Zhifa-Timestamp"


def reply_push_enqueue(complaint: Complaint) -> None:
    key = complaint.api_key
    if key is None or not key.callback_url or key.revoked_at is not None:
        return
    job_enqueue(kind=REPLY_PUSH, params={"complaint": complaint.pk}, actor=None, bureau=complaint.bureau)


def callback_secret(key: ApiKey) -> bytes:
    """The HMAC secret of a key's callbacks: hex SHA-256 of the key (what the calling system computes)."""
    return key.key_hash.encode("ascii")


def callback_sign(key: ApiKey, timestamp: str, body: bytes) -> str:
    digest = hmac.new(callback_secret(key), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def reply_payload(complaint: Complaint) -> dict[str, Any]:
    from zhifa.intake.api import reply_json

    return {"event": "complaint.replied", **reply_json(complaint)}


@job_handler(REPLY_PUSH, "答复回传热线")
def reply_push(job: Job, progress: Progress) -> dict[str, Any]:
    complaint = Complaint.objects.select_related("api_key").get(pk=job.params["complaint"])
    key = complaint.api_key
    if key is None or not key.callback_url:
        return {"message": "该投诉没有回传地址，无需回传"}
    if key.revoked_at is not None:
        return {"message": f"密钥“{key}”已吊销，不再回传"}
    if complaint.state not in (Complaint.State.REPLIED, Complaint.State.CLOSED):
        return {"message": f"该投诉{complaint.get_state_display()}，没有可回传的答复"}
    if not key.callback_url.startswith(("http://", "https://")):
        raise DomainError(f"回传地址“{key.callback_url}”不是 http:// 或 https:// 地址，请重新设置密钥。")
    body = json.dumps(reply_payload(complaint), ensure_ascii=False).encode("utf-8")
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        key.callback_url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: callback_sign(key, timestamp, body), "User-Agent": "zhifa-reply-push/1",
    })
    progress(0, 1, f"正在回传 {complaint.number} 的答复")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            status = answer.status
    except urllib.error.HTTPError as exc:
        reason = f"对方返回 HTTP {exc.code}"
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = f"网络错误：{getattr(exc, 'reason', exc)}"
    else:
        reason = "" if 200 <= status < 300 else f"对方返回 HTTP {status}"
    if reason:
        audit_record(actor=None, action="hotline.callback_failed", obj=complaint, bureau=complaint.bureau_id,
                     after={"system": key.system, "prefix": key.prefix, "attempt": job.attempts, "reason": reason})
        # The queue tries again after RETRY_SECONDS × attempts, and fails the job after its last attempt.
        raise RetryLater(
            f"答复回传 {key.system} 失败（{reason}）。请核实对方的回传地址可以访问；"
            "对方也可通过答复导出接口（GET /api/hotline/v1/replies/）拉取答复。",
            seconds=RETRY_SECONDS,
        )
    Complaint.objects.filter(pk=complaint.pk).update(reply_pushed_at=timezone.now())
    audit_record(actor=None, action="hotline.callback", obj=complaint, bureau=complaint.bureau_id,
                 after={"system": key.system, "prefix": key.prefix, "number": complaint.number,
                        "attempt": job.attempts})
    progress(1, 1, "已回传")
    return {"message": f"已将 {complaint.number} 的答复回传 {key.system}", "number": complaint.number}
