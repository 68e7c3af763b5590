"""Every write on organisation and people: each in one transaction, each with its audit event."""

from __future__ import annotations

import datetime as dt
import secrets
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import Bureau, Certificate, Department, Officer, RoleGrant, Township, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError
from zhifa.lib.identifiers import id_number_validate, phone_validate

# Who may see a personal identifier unmasked (the view itself is audited).
REVEAL_ROLES = {Role.ADMINISTRATOR, Role.BUREAU_LEADER}


# --- organisation -------------------------------------------------------------------------------------
def bureau_create(*, name: str, short_name: str, actor: User | None, district: str = "", is_demo: bool = False) -> Bureau:
    with transaction.atomic():
        bureau = Bureau.objects.create(name=name, short_name=short_name, district=district, is_demo=is_demo)
        audit_record(actor=actor, action="bureau.create", obj=bureau, bureau=bureau, after={"name": name})
    return bureau


def department_create(
    *, bureau: Bureau, name: str, kind: str, actor: User | None, parent: Department | None = None,
    functions: str = "", sort: int = 0,
) -> Department:
    if parent is not None and parent.bureau_id != bureau.pk:
        raise DomainError("上级机构不属于本局，请重新选择。", field="parent")
    if Department.objects.filter(bureau=bureau, parent=parent, name=name).exists():
        raise DomainError(f"同一上级下已有名为“{name}”的机构。", field="name")
    with transaction.atomic():
        department = Department.objects.create(
            bureau=bureau, parent=parent, name=name, kind=kind, functions=functions, sort=sort
        )
        # The path needs the new id, so it is written right after the insert, in the same transaction.
        department.path = f"{parent.path if parent else '/'}{department.pk}/"
        department.save(update_fields=["path"])
        audit_record(actor=actor, action="department.create", obj=department, after={"name": name, "kind": kind})
    return department


def township_create(*, bureau: Bureau, name: str, actor: User | None, code: str = "", kind: str = "town") -> Township:
    if Township.objects.filter(bureau=bureau, name=name).exists():
        raise DomainError(f"本局已有名为“{name}”的乡镇（街道）。", field="name")
    with transaction.atomic():
        township = Township.objects.create(bureau=bureau, name=name, code=code, kind=kind)
        audit_record(actor=actor, action="township.create", obj=township, after={"name": name})
    return township


# --- people -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfficerData:
    """The editable facts of an officer, as a form or an import row gives them."""

    name: str
    kind: str = Officer.Kind.OFFICER
    department: Department | None = None
    township: Township | None = None
    position: str = ""
    id_number: str | None = ""  # None: keep the stored value (forms never echo identifiers back)
    phone: str | None = ""  # None: keep the stored value
    legal_qualified: bool = False
    training_hours: Decimal = Decimal("0")
    is_active: bool = True


def _officer_snapshot(officer: Officer) -> dict[str, Any]:
    """What the audit log keeps of an officer: masked identifiers only, never the plain values."""
    return {
        "name": officer.name,
        "kind": officer.kind,
        "department": officer.department_id,
        "township": officer.township_id,
        "position": officer.position,
        "id_number": officer.id_number_masked,
        "phone": officer.phone_masked,
        "legal_qualified": officer.legal_qualified,
        "training_hours": str(officer.training_hours),
        "is_active": officer.is_active,
    }


def _officer_apply(officer: Officer, data: OfficerData) -> None:
    name = data.name.strip()
    if not name:
        raise DomainError("请填写姓名。", field="name")
    if data.department is not None and data.department.bureau_id != officer.bureau_id:
        raise DomainError("所选机构不属于本局，请重新选择。", field="department")
    if data.township is not None and data.township.bureau_id != officer.bureau_id:
        raise DomainError("所选乡镇不属于本局，请重新选择。", field="township")
    if data.training_hours < 0:
        raise DomainError("培训学时不能为负数。", field="training_hours")
    if (
        data.kind == Officer.Kind.ASSISTANT
        and officer.pk
        and officer.certificates.valid_on(timezone.localdate()).exists()
    ):
        raise DomainError("该人员持有有效执法证，不能改为协管员；请先将执法证注销或吊销。", field="kind")
    officer.name = name
    officer.kind = data.kind
    officer.department = data.department
    officer.township = data.township
    officer.position = data.position.strip()
    officer.legal_qualified = data.legal_qualified
    officer.training_hours = data.training_hours
    officer.is_active = data.is_active
    if data.id_number is not None:
        _officer_id_number_set(officer, data.id_number)
    if data.phone is not None:
        officer.set_phone(phone_validate(data.phone) if data.phone.strip() else "")


def _officer_id_number_set(officer: Officer, raw: str) -> None:
    id_number = id_number_validate(raw) if raw.strip() else ""
    if id_number:
        duplicate = Officer.objects.filter(bureau_id=officer.bureau_id, id_number_hash=crypto.keyed_hash(id_number))
        if officer.pk:
            duplicate = duplicate.exclude(pk=officer.pk)
        if duplicate.exists():
            raise DomainError("本局已有使用该身份证号的人员，请勿重复登记。", field="id_number")
    officer.set_id_number(id_number)


def officer_create(*, bureau: Bureau, data: OfficerData, actor: User | None) -> Officer:
    with transaction.atomic():
        officer = Officer(bureau=bureau)
        _officer_apply(officer, data)
        officer.save()
        audit_record(actor=actor, action="officer.create", obj=officer, after=_officer_snapshot(officer))
    return officer


def officer_update(*, officer: Officer, data: OfficerData, actor: User) -> Officer:
    with transaction.atomic():
        officer = Officer.objects.select_for_update().get(pk=officer.pk)
        before = _officer_snapshot(officer)
        _officer_apply(officer, data)
        officer.save()
        audit_record(actor=actor, action="officer.update", obj=officer, before=before, after=_officer_snapshot(officer))
    return officer


def personal_data_reveal(*, officer: Officer, field: str, actor: User) -> str:
    """Return one identifier unmasked. Needs a revealing role; every view is audited (legal-rules.md)."""
    if not actor.has_role(*REVEAL_ROLES):
        raise PermissionDenied("您没有查看完整个人信息的权限。")  # audited by the 403 handler
    sealed = {"id_number": officer.id_number_sealed, "phone": officer.phone_sealed}.get(field)
    if sealed is None:
        raise DomainError("未知的个人信息字段。")
    if not sealed:
        return ""
    plain = crypto.unseal(sealed)
    audit_record(actor=actor, action="personal_data.view", obj=officer, after={"field": field})
    return plain


# --- certificates ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateData:
    number: str
    issuing_authority: str
    valid_from: dt.date
    valid_to: dt.date
    scope: str = ""
    status: str = Certificate.Status.VALID


def _certificate_apply(certificate: Certificate, data: CertificateData) -> None:
    number = data.number.strip()
    if not number:
        raise DomainError("请填写执法证编号。", field="number")
    if data.valid_to < data.valid_from:
        raise DomainError(
            f"有效期至（{data.valid_to}）早于有效期自（{data.valid_from}），请核对证件上的日期。", field="valid_to"
        )
    duplicate = Certificate.objects.filter(number=number)
    if certificate.pk:
        duplicate = duplicate.exclude(pk=certificate.pk)
    if duplicate.exists():
        raise DomainError(f"执法证编号 {number} 已登记在其他人员名下，请核对。", field="number")
    if not data.issuing_authority.strip():
        raise DomainError("请填写发证机关。", field="issuing_authority")
    certificate.number = number
    certificate.issuing_authority = data.issuing_authority.strip()
    certificate.scope = data.scope.strip()
    certificate.valid_from = data.valid_from
    certificate.valid_to = data.valid_to
    certificate.status = data.status


def _certificate_snapshot(certificate: Certificate) -> dict[str, Any]:
    return {
        "number": certificate.number,
        "issuing_authority": certificate.issuing_authority,
        "scope": certificate.scope,
        "valid_from": certificate.valid_from.isoformat(),
        "valid_to": certificate.valid_to.isoformat(),
        "status": certificate.status,
    }


def certificate_add(*, officer: Officer, data: CertificateData, actor: User | None) -> Certificate:
    if officer.kind == Officer.Kind.ASSISTANT:
        raise DomainError("协管员不能持有行政执法证，请先将人员类别改为执法人员。", field="number")
    with transaction.atomic():
        certificate = Certificate(officer=officer)
        _certificate_apply(certificate, data)
        certificate.save()
        audit_record(
            actor=actor, action="certificate.create", obj=certificate, bureau=officer.bureau_id,
            after=_certificate_snapshot(certificate),
        )
    return certificate


def certificate_update(*, certificate: Certificate, data: CertificateData, actor: User) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().select_related("officer").get(pk=certificate.pk)
        if certificate.officer.kind == Officer.Kind.ASSISTANT and data.status == Certificate.Status.VALID:
            raise DomainError("协管员不能持有有效的行政执法证。", field="status")
        before = _certificate_snapshot(certificate)
        _certificate_apply(certificate, data)
        certificate.save()
        audit_record(
            actor=actor, action="certificate.update", obj=certificate, bureau=certificate.officer.bureau_id,
            before=before, after=_certificate_snapshot(certificate),
        )
    return certificate


# --- accounts -----------------------------------------------------------------------------------------
def password_generate(length: int = 14) -> str:
    """A random password that satisfies the policy (all four character classes)."""
    alphabet = string.ascii_letters + string.digits + "!@#%^*-_=+"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
            and any(c.isdigit() for c in candidate)
            and any(not c.isalnum() for c in candidate)
        ):
            return candidate


def user_create(
    *, username: str, password: str, roles: list[str], actor: User | None, full_name: str = "",
    bureau: Bureau | None = None, department: Department | None = None, township: Township | None = None,
    officer: Officer | None = None,
) -> User:
    """Create an account; the password must satisfy the policy (no fixed default password exists)."""
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise DomainError(f"未知角色：{'、'.join(sorted(unknown))}。")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名 {username} 已被使用，请换一个。", field="username")
    candidate = User(username=username, full_name=full_name)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise DomainError("密码不符合安全策略：" + "；".join(exc.messages), field="password") from None
    with transaction.atomic():
        user = User.objects.create_user(
            username=username, password=password, full_name=full_name, bureau=bureau,
            department=department, township=township,
        )
        RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in roles])
        if officer is not None:
            officer.user = user
            officer.save(update_fields=["user"])
        audit_record(actor=actor, action="user.create", obj=user, bureau=bureau, after={"roles": sorted(roles)})
    return user


# --- login security -------------------------------------------------------------------------------------
def login_failure_record(*, username: str) -> User | None:
    """Count a failed login; lock the account after ZHIFA_LOCKOUT_FAILURES failures (等保 2.0 practice)."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None:
            audit_record(actor=None, action="login.failed", object_type="accounts.user", object_repr=username)
            return None
        user.failed_logins += 1
        locked = user.failed_logins >= settings.ZHIFA_LOCKOUT_FAILURES
        if locked:
            user.locked_until = timezone.now() + dt.timedelta(minutes=settings.ZHIFA_LOCKOUT_MINUTES)
            user.failed_logins = 0
        user.save(update_fields=["failed_logins", "locked_until"])
        audit_record(actor=None, action="login.failed", obj=user, after={"failures": user.failed_logins})
        if locked:
            audit_record(
                actor=None, action="login.locked", obj=user,
                after={"locked_until": user.locked_until.isoformat() if user.locked_until else None},
            )
    return user


def login_success_record(*, user: User) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        audit_record(actor=user, action="login.success", obj=user)


def totp_secret_set(*, user: User, secret: str) -> None:
    """Store a new (not yet confirmed) TOTP secret, sealed."""
    with transaction.atomic():
        user.totp_secret_sealed = crypto.seal(secret)
        user.totp_confirmed = False
        user.save(update_fields=["totp_secret_sealed", "totp_confirmed"])
        audit_record(actor=user, action="totp.enrol_start", obj=user)


def totp_confirm(*, user: User) -> None:
    with transaction.atomic():
        user.totp_confirmed = True
        user.save(update_fields=["totp_confirmed"])
        audit_record(actor=user, action="totp.enrol_confirm", obj=user)


def password_change(*, user: User, new_password: str) -> None:
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError("密码不符合安全策略：" + "；".join(exc.messages), field="new_password") from None
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_record(actor=user, action="password.change", obj=user)


def user_unlock(*, user: User, actor: User) -> None:
    """An administrator lifts a lockout before its time runs out."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        audit_record(actor=actor, action="user.unlock", obj=user)


def user_password_reset(*, user: User, actor: User) -> str:
    """A new generated password, shown once to the administrator; the user must change it at next login."""
    password = password_generate()
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["password", "must_change_password", "failed_logins", "locked_until"])
        audit_record(actor=actor, action="user.password_reset", obj=user)
    return password


def user_totp_reset(*, user: User, actor: User) -> None:
    """Forget the user's authenticator (lost phone): the next login enrols a new one."""
    with transaction.atomic():
        user.totp_secret_sealed = ""
        user.totp_confirmed = False
        user.save(update_fields=["totp_secret_sealed", "totp_confirmed"])
        audit_record(actor=actor, action="user.totp_reset", obj=user)


def user_roles_set(*, user: User, roles: list[str], actor: User) -> None:
    """Replace a user's roles. Separation of duties: nobody changes their own roles."""
    if user.pk == actor.pk:
        raise DomainError("不能修改自己的角色，请由另一位系统管理员操作。")
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise DomainError(f"未知角色：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        before = sorted(user.role_codes)
        RoleGrant.objects.filter(user=user).delete()
        RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in roles])
        user.__dict__.pop("role_codes", None)
        audit_record(actor=actor, action="user.roles", obj=user, before={"roles": before}, after={"roles": sorted(roles)})
