"""Login, second factor, logout, password change, and the organisation pages."""

from __future__ import annotations

import pyotp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zhifa.accounts import forms, services
from zhifa.accounts.middleware import SECOND_FACTOR_KEY
from zhifa.accounts.models import Bureau, Department, Township, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return settings.LOGIN_REDIRECT_URL


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        account = User.objects.filter(username=username).first()
        if account is not None and account.is_locked():
            local = timezone.localtime(account.locked_until)
            audit_record(actor=None, action="login.refused_locked", obj=account)
            form.add_error(None, f"该账号因连续登录失败已被锁定，请于 {local:%H:%M} 后再试，或联系系统管理员解锁。")
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                failed = services.login_failure_record(username=username)
                form.add_error(None, _failure_message(failed))
            else:
                login(request, user)
                services.login_success_record(user=user)
                request.session[SECOND_FACTOR_KEY] = not user.needs_second_factor
                return redirect(_safe_next(request))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


def _failure_message(user: User | None) -> str:
    if user is not None and user.is_locked():
        return f"连续 {settings.ZHIFA_LOCKOUT_FAILURES} 次登录失败，账号已锁定 {settings.ZHIFA_LOCKOUT_MINUTES} 分钟。"
    if user is not None:
        left = settings.ZHIFA_LOCKOUT_FAILURES - user.failed_logins
        return f"用户名或密码错误。再错 {left} 次，账号将被锁定 {settings.ZHIFA_LOCKOUT_MINUTES} 分钟。"
    return "用户名或密码错误，请重新输入。"


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action="logout", obj=request.user)
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("accounts:login")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; enrol first when the user has no confirmed secret yet."""
    user: User = request.user  # type: ignore[assignment]
    if request.session.get(SECOND_FACTOR_KEY):
        return redirect(settings.LOGIN_REDIRECT_URL)
    if not user.totp_secret_sealed:
        services.totp_secret_set(user=user, secret=pyotp.random_base32())
    secret = crypto.unseal(user.totp_secret_sealed)
    form = forms.TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pyotp.TOTP(secret).verify(form.cleaned_data["code"], valid_window=1):
            if not user.totp_confirmed:
                services.totp_confirm(user=user)
            request.session.cycle_key()  # a new session id once the second factor is given
            request.session[SECOND_FACTOR_KEY] = True
            audit_record(actor=user, action="login.second_factor", obj=user)
            return redirect(settings.LOGIN_REDIRECT_URL)
        failed = services.login_failure_record(username=user.username)
        if failed is not None and failed.is_locked():
            logout(request)
            messages.error(request, _failure_message(failed))
            return redirect("accounts:login")
        form.add_error("code", "动态口令不正确或已过期，请输入手机验证器上当前显示的 6 位数字。")
    context = {"form": form, "enrolling": not user.totp_confirmed}
    if not user.totp_confirmed:
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name="zhifa")
        context["qr_data_uri"] = segno.make(uri, error="m").svg_data_uri(scale=4)
        context["secret"] = secret
    return render(request, "accounts/second_factor.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = forms.PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not user.check_password(form.cleaned_data["old_password"]):
            form.add_error("old_password", "当前密码不正确。")
        else:
            try:
                services.password_change(user=user, new_password=form.cleaned_data["new_password"])
            except DomainError as exc:
                form.add_error(exc.field, exc.message)
            else:
                login(request, user)  # keep the session after the hash changed
                request.session[SECOND_FACTOR_KEY] = True
                messages.success(request, "密码已修改。")
                return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/password_change.html", {"form": form})


# --- organisation ---------------------------------------------------------------------------------------
@login_required
def org_view(request: HttpRequest) -> HttpResponse:
    """Bureaus with their department trees and townships, as far as the user may see them."""
    user: User = request.user  # type: ignore[assignment]
    bureaus = Bureau.objects.for_user(user, "view")
    if not bureaus.exists() and user.has_role(Role.AUDIT_ADMIN):
        raise PermissionDenied("安全审计员只能查看审计日志。")
    departments = Department.objects.for_user(user, "view").select_related("parent").order_by("bureau_id", "path")
    townships = Township.objects.for_user(user, "view").order_by("bureau_id", "id")
    can_change = Bureau.objects.for_user(user, "change").exists()
    rows = [
        {
            "bureau": bureau,
            "departments": [d for d in departments if d.bureau_id == bureau.pk],
            "townships": [t for t in townships if t.bureau_id == bureau.pk],
        }
        for bureau in bureaus
    ]
    return render(request, "accounts/org.html", {"rows": rows, "can_change": can_change})


@login_required
@require_http_methods(["GET", "POST"])
def department_new_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    bureau = Bureau.objects.for_user(user, "change").first()
    if bureau is None:
        raise PermissionDenied("只有本局系统管理员可以新增机构。")
    form = forms.DepartmentForm(request.POST or None, bureau=bureau)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_create(bureau=bureau, actor=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"已新增机构：{form.cleaned_data['name']}")
            return redirect("accounts:org")
    return render(request, "accounts/form.html", {"form": form, "title": "新增内设机构"})


@login_required
@require_http_methods(["GET", "POST"])
def township_new_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    bureau = Bureau.objects.for_user(user, "change").first()
    if bureau is None:
        raise PermissionDenied("只有本局系统管理员可以新增乡镇（街道）。")
    form = forms.TownshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.township_create(bureau=bureau, actor=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"已新增乡镇（街道）：{form.cleaned_data['name']}")
            return redirect("accounts:org")
    return render(request, "accounts/form.html", {"form": form, "title": "新增乡镇（街道）"})


# --- user accounts (administrators) -----------------------------------------------------------------------
def _managed_user(request: HttpRequest, pk: int) -> User:
    """A user the administrator may change; anything else is a 404 (existence does not leak)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(User.objects.for_user(request.user, "change"), pk=pk)


@login_required
def user_list_view(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    if not actor.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied("只有系统管理员可以管理账号。")
    users = (
        User.objects.for_user(actor, "change").select_related("department", "township")
        .prefetch_related("role_grants").order_by("username")
    )
    return render(request, "accounts/user_list.html", {"users": users, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def user_new_view(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    if not actor.has_role(Role.ADMINISTRATOR) or actor.bureau is None:
        raise PermissionDenied("只有本局系统管理员可以新建账号。")
    form = forms.UserForm(request.POST or None, bureau=actor.bureau)
    if request.method == "POST" and form.is_valid():
        password = services.password_generate()
        try:
            user = services.user_create(
                username=form.cleaned_data["username"], password=password, roles=form.cleaned_data["roles"],
                actor=actor, full_name=form.cleaned_data["full_name"], bureau=actor.bureau,
                department=form.cleaned_data["department"], township=form.cleaned_data["township"],
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            User.objects.filter(pk=user.pk).update(must_change_password=True)
            return render(request, "accounts/password_shown.html", {"account": user, "password": password})
    return render(request, "accounts/user_form.html", {"form": form, "title": "新建账号"})


@login_required
@require_POST
def user_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Unlock, reset the password, or reset the authenticator of one account."""
    actor: User = request.user  # type: ignore[assignment]
    if not actor.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied("只有系统管理员可以管理账号。")
    user = _managed_user(request, pk)
    if action == "unlock":
        services.user_unlock(user=user, actor=actor)
        messages.success(request, f"已解除 {user.display_name} 的锁定。")
    elif action == "password":
        password = services.user_password_reset(user=user, actor=actor)
        return render(request, "accounts/password_shown.html", {"account": user, "password": password})
    elif action == "totp":
        services.user_totp_reset(user=user, actor=actor)
        messages.success(request, f"已重置 {user.display_name} 的动态口令，下次登录时重新绑定。")
    else:
        from django.http import Http404

        raise Http404
    return redirect("accounts:users")


@login_required
@require_http_methods(["GET", "POST"])
def user_roles_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    if not actor.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied("只有系统管理员可以管理账号。")
    user = _managed_user(request, pk)
    form = forms.RolesForm(request.POST or None, initial={"roles": sorted(user.role_codes)})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_roles_set(user=user, roles=form.cleaned_data["roles"], actor=actor)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"已更新 {user.display_name} 的角色。")
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "title": f"角色：{user.display_name}"})
