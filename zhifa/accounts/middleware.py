"""Session security: idle logout and the second factor (legal-rules.md, information security)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from zhifa.audit.services import audit_record

LAST_SEEN_KEY = "zhifa_last_seen"
SECOND_FACTOR_KEY = "zhifa_2fa_ok"
# Touching the session on every request would write to the database each time; a minute's precision is
# plenty for a 15-minute idle limit.
_TOUCH_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    """Log a user out after ZHIFA_IDLE_MINUTES without a request (default 15)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - float(last_seen) > settings.ZHIFA_IDLE_MINUTES * 60:
                user = request.user
                logout(request)
                audit_record(actor=user, action="logout.idle", obj=user)
                messages.info(request, f"您已超过 {settings.ZHIFA_IDLE_MINUTES} 分钟未操作，为安全起见已自动退出，请重新登录。")
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            if last_seen is None or now - float(last_seen) > _TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Users who need a TOTP code reach nothing but the code page until they have given it; then users
    holding an administrator-generated password reach nothing but the password page until they change it."""

    ALLOWED_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/")
    PASSWORD_PAGE = "/accounts/password/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.session.get(SECOND_FACTOR_KEY)
            and user.needs_second_factor
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            return redirect("accounts:second_factor")
        if (
            user.is_authenticated
            and user.must_change_password
            and request.session.get(SECOND_FACTOR_KEY)
            and not request.path.startswith((*self.ALLOWED_PREFIXES, self.PASSWORD_PAGE))
        ):
            # A password an administrator generated is known to two people: the owner replaces it first.
            return redirect("accounts:password_change")
        return self.get_response(request)
