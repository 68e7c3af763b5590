"""The reply callback: a signed POST to the hotline's address, marked when delivered, retried then failed."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import Org
from tests.intake.conftest import Categories
from zhifa.audit.models import AuditEvent
from zhifa.intake.apikeys import api_key_create, api_key_revoke
from zhifa.intake.jobs import REPLY_PUSH, RETRY_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER
from zhifa.intake.models import Complaint
from zhifa.intake.services import complaint_dispatch, complaint_receive, complaint_reply
from zhifa.jobs.models import Job
from zhifa.jobs.services import MAX_ATTEMPTS, jobs_run_pending

pytestmark = pytest.mark.django_db


@dataclass
class Receiver:
    url: str
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            box.received.append({"headers": dict(self.headers), "body": body, "path": self.path})
            self.send_response(box.status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.url = f"http://127.0.0.1:{server.server_address[1]}/zhifa/replies"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box
    server.shutdown()
    server.server_close()


def pushed(org: Org, categories: Categories, callback: str) -> tuple[Complaint, str]:
    key, raw = api_key_create(bureau=org.red, system="12345热线", actor=None, callback_url=callback)
    complaint = complaint_receive(
        bureau=org.red, channel="hotline", category=categories.ordinary, place="解放西街12号",
        description="门前流动摊贩占道经营。", reporter_name="张三", reporter_phone="13912345678",
        external_id="GD001", api_key=key, idempotency_key="GD001",
    ).complaint
    return complaint, raw


def answered(complaint: Complaint, team_leader, officer, org: Org) -> Complaint:  # type: ignore[no-untyped-def]
    complaint_dispatch(complaint=complaint, actor=team_leader, department=org.team_a)
    return complaint_reply(complaint=complaint, actor=officer, reply="经核查，已责令摊贩撤离并加强巡查。")


def test_a_reply_is_pushed_signed_and_marked(org, categories, receiver, team_leader_a, officer_a):  # type: ignore[no-untyped-def]
    complaint, raw = pushed(org, categories, receiver.url)
    answered(complaint, team_leader_a, officer_a, org)
    job = Job.objects.get(kind=REPLY_PUSH)
    assert jobs_run_pending() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    assert len(receiver.received) == 1
    sent = receiver.received[0]
    assert sent["path"] == "/zhifa/replies"
    payload = json.loads(sent["body"])
    assert payload["number"] == complaint.number and payload["external_id"] == "GD001"
    assert payload["reply"] == "经核查，已责令摊贩撤离并加强巡查。" and payload["state"] == "replied"
    # The signature: HMAC-SHA256 keyed with the hex SHA-256 of the key, over "<timestamp>.<body>".
    secret = hashlib.sha256(raw.encode()).hexdigest().encode()
    timestamp = sent["headers"][TIMESTAMP_HEADER]
    expected = hmac.new(secret, timestamp.encode() + b"." + sent["body"], hashlib.sha256).hexdigest()
    assert sent["headers"][SIGNATURE_HEADER] == f"sha256={expected}"
    # Nothing of the reporter travels back.
    assert b"13912345678" not in sent["body"] and "张三".encode() not in sent["body"]
    complaint.refresh_from_db()
    assert complaint.reply_pushed_at is not None
    assert AuditEvent.objects.filter(action="hotline.callback", after__system="12345热线").count() == 1


def test_a_refused_push_is_retried_then_failed_and_not_marked(org, categories, receiver, team_leader_a, officer_a):  # type: ignore[no-untyped-def]
    receiver.status = 503
    complaint, _raw = pushed(org, categories, receiver.url)
    answered(complaint, team_leader_a, officer_a, org)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert jobs_run_pending() == 1  # one attempt, then the job waits for its retry time
        assert jobs_run_pending() == 0
        job = Job.objects.get(kind=REPLY_PUSH)
        if attempt < MAX_ATTEMPTS:
            assert job.state == Job.State.QUEUED and job.attempts == attempt
            # The wait grows with the attempts: 5 minutes after the first, 10 after the second.
            waited = (job.run_after - timezone.now()).total_seconds()
            assert RETRY_SECONDS * attempt - 5 < waited <= RETRY_SECONDS * attempt
            Job.objects.filter(pk=job.pk).update(run_after=timezone.now())  # time passes
    assert job.state == Job.State.FAILED and job.attempts == MAX_ATTEMPTS
    assert "HTTP 503" in job.error and "不再重试" in job.error
    assert len(receiver.received) == MAX_ATTEMPTS
    complaint.refresh_from_db()
    assert complaint.reply_pushed_at is None
    assert AuditEvent.objects.filter(action="hotline.callback_failed").count() == MAX_ATTEMPTS


def test_a_network_failure_requeues_the_job(org, categories, team_leader_a, officer_a):  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    complaint, _raw = pushed(org, categories, f"http://127.0.0.1:{port}/none")
    answered(complaint, team_leader_a, officer_a, org)
    assert jobs_run_pending(limit=1) == 1
    job = Job.objects.get(kind=REPLY_PUSH)
    assert job.state == Job.State.QUEUED and job.attempts == 1 and "网络错误" in job.message
    assert job.run_after is not None and job.run_after > timezone.now()
    complaint.refresh_from_db()
    assert complaint.reply_pushed_at is None


def test_no_push_without_a_callback_or_with_a_revoked_key(org, categories, receiver, team_leader_a, officer_a):  # type: ignore[no-untyped-def]
    plain, _ = pushed(org, categories, "")
    answered(plain, team_leader_a, officer_a, org)
    assert not Job.objects.filter(kind=REPLY_PUSH).exists()
    # Revoked between the reply and the run: the job ends without calling.
    complaint, _ = pushed(org, categories, receiver.url)
    Complaint.objects.filter(pk=complaint.pk).update(external_id="GD002")
    answered(Complaint.objects.get(pk=complaint.pk), team_leader_a, officer_a, org)
    api_key_revoke(key=complaint.api_key, actor=None)
    jobs_run_pending()
    assert Job.objects.get(kind=REPLY_PUSH).state == Job.State.DONE
    assert receiver.received == []
