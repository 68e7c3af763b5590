"""Background jobs of intake: pushing a reply back to the calling hotline (callback).

`reply_push_enqueue` is called by `services.complaint_reply` inside its transaction for every complaint it
answers; it queues a push only for a complaint that came from a system with a callback address. The handler
(`intake.reply_push`) is written by the hotline-exchange part (see docs/intake.md).
"""

from __future__ import annotations

from zhifa.intake.models import Complaint
from zhifa.jobs.services import job_enqueue

REPLY_PUSH = "intake.reply_push"


def reply_push_enqueue(complaint: Complaint) -> None:
    key = complaint.api_key
    if key is None or not key.callback_url or key.revoked_at is not None:
        return
    job_enqueue(kind=REPLY_PUSH, params={"complaint": complaint.pk}, actor=None, bureau=complaint.bureau)
