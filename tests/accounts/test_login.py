"""Login security (legal-rules.md, information security; 等保 2.0 level 3): lockout after 5 failures for
15 minutes, logout after 15 minutes idle, a TOTP second factor for administrators and leaders, and every
login, failure, lockout and denial in the audit log."""

from __future__ import annotations

import datetime as dt
import time

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, logged_in
from zhifa.accounts.middleware import LAST_SEEN_KEY
from zhifa.accounts.models import User
from zhifa.audit.models import AuditEvent
from zhifa.lib import crypto

LOGIN = "/accounts/login/"


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_an_officer_logs_in_and_reaches_the_workbench(client, officer_a):
    response = _login(client, "officer_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="login.success", actor_id=officer_a.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_five_failures_lock_the_account_for_fifteen_minutes_even_for_the_right_password(client, officer_a):
    for attempt in range(1, 5):
        response = _login(client, "officer_a", "wrong")
        assert f"再错 {5 - attempt} 次" in response.content.decode()
    response = _login(client, "officer_a", "wrong")
    assert "已锁定 15 分钟" in response.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.locked_until is not None
    assert dt.timedelta(minutes=14) < officer_a.locked_until - timezone.now() <= dt.timedelta(minutes=15)

    response = _login(client, "officer_a", PASSWORD)
    assert response.status_code == 200 and "已被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login.failed").count() == 5
    assert AuditEvent.objects.filter(action="login.locked", object_id=str(officer_a.pk)).count() == 1
    assert AuditEvent.objects.filter(action="login.refused_locked").count() == 1


def test_the_lock_ends_after_its_fifteen_minutes(client, officer_a):
    User.objects.filter(pk=officer_a.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _login(client, "officer_a", PASSWORD).status_code == 302


def test_a_failure_for_an_unknown_user_is_audited_with_the_name_tried(client, db):
    _login(client, "nobody", "x")
    event = AuditEvent.objects.get(action="login.failed")
    assert event.object_repr == "nobody" and event.actor_id is None


def test_a_session_idle_for_more_than_fifteen_minutes_is_logged_out(client, officer_a):
    logged_in(client, officer_a)
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 15 * 60 - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get("/").status_code == 302  # really logged out, not just redirected once
    assert AuditEvent.objects.filter(action="logout.idle", actor_id=officer_a.pk).exists()


def test_a_session_active_within_fifteen_minutes_stays(client, officer_a):
    logged_in(client, officer_a)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 14 * 60
    session.save()
    assert client.get("/").status_code == 200


def test_an_administrator_must_enrol_and_give_a_totp_code_before_anything_else(client, admin):
    assert _login(client, "admin_red", PASSWORD)["Location"] == "/"
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:second_factor")
    page = client.get(reverse("accounts:second_factor"))
    assert "绑定动态口令" in page.content.decode()
    admin.refresh_from_db()
    secret = crypto.unseal(admin.totp_secret_sealed)

    wrong = client.post(reverse("accounts:second_factor"), {"code": "000000"})
    assert "动态口令不正确" in wrong.content.decode()
    right = client.post(reverse("accounts:second_factor"), {"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 302
    assert client.get("/").status_code == 200
    admin.refresh_from_db()
    assert admin.totp_confirmed
    assert AuditEvent.objects.filter(action="login.second_factor", actor_id=admin.pk).exists()


def test_an_officer_needs_no_second_factor(client, officer_a):
    _login(client, "officer_a", PASSWORD)
    assert client.get("/").status_code == 200


def test_the_login_form_never_redirects_off_site(client, officer_a):
    response = client.post(LOGIN + "?next=https://evil.example/", {"username": "officer_a", "password": PASSWORD,
                                                                  "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_forged_post_without_csrf_token_is_refused(officer_a):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


@pytest.mark.parametrize("password,ok", [("short1A!", False), ("alllowercaseletters", False),
                                         ("Longer-Passw0rd", True)])
def test_password_policy(db, password, ok):
    from zhifa.accounts import services
    from zhifa.lib.errors import DomainError

    if ok:
        services.user_create(username="p", password=password, roles=[], actor=None)
    else:
        with pytest.raises(DomainError, match="密码不符合安全策略"):
            services.user_create(username="p", password=password, roles=[], actor=None)
