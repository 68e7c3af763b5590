"""Bureaus, departments, townships, user accounts, roles, officers and their certificates."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from zhifa.accounts.roles import Role
from zhifa.accounts.scoping import ScopedQuerySet
from zhifa.lib import crypto
from zhifa.lib.identifiers import mask_id_number, mask_phone


class BureauQuerySet(ScopedQuerySet):
    bureau_field = "id"


class Bureau(models.Model):
    """综合行政执法局: the enforcing body. One deployment may hold several."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称（文号用）", max_length=20, help_text="如：红综执")
    district = models.CharField("所属区县", max_length=50, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    objects = BureauQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法局"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DepartmentQuerySet(ScopedQuerySet):
    department_path = ""  # the department itself is the subtree root

    def _department_scope(self, user, action):
        department = user.department
        if department is None:
            return models.Q(pk__in=[])
        return models.Q(path__startswith=department.path)


class Department(models.Model):
    """执法队 / 中队 / 科室: a unit inside a bureau, in a tree."""

    class Kind(models.TextChoices):
        TEAM = "team", "执法队"
        LEGAL_OFFICE = "legal_office", "法制机构"
        OFFICE = "office", "办公室"
        OTHER = "other", "其他科室"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.TEAM)
    functions = models.TextField("职责", blank=True)
    sort = models.PositiveIntegerField("排序", default=0)
    # Materialised path "/3/17/": subtree queries are one indexed prefix match on SQLite and PostgreSQL.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "内设机构"
        ordering = ["bureau_id", "path"]
        constraints = [models.UniqueConstraint(fields=["bureau", "parent", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class Township(models.Model):
    """乡镇 / 街道 that may receive delegated powers (行政处罚法 art. 24)."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="townships")
    name = models.CharField("名称", max_length=100)
    code = models.CharField("区划代码", max_length=12, blank=True)
    kind = models.CharField("类型", max_length=10, choices=[("town", "乡镇"), ("street", "街道")], default="town")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "乡镇（街道）"
        ordering = ["bureau_id", "id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "name"], name="township_unique_name")]

    def __str__(self) -> str:
        return self.name


class RoleGrant(models.Model):
    """A role held by a user. Kept as rows so 'who are the legal reviewers' is one indexed query."""

    user = models.ForeignKey("User", on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "角色授予"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="rolegrant_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class UserQuerySet(ScopedQuerySet):
    department_path = "department"

    def with_role(self, role: str) -> UserQuerySet:
        return self.filter(role_grants__role=role)


class ZhifaUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A login account. It may belong to an Officer (officer.user)."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    bureau = models.ForeignKey(
        Bureau, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name="执法局"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name="机构"
    )
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name="乡镇"
    )
    failed_logins = models.PositiveIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    totp_secret_sealed = models.TextField(blank=True, editable=False)
    totp_confirmed = models.BooleanField("已绑定动态口令", default=False)
    must_change_password = models.BooleanField("首次登录须修改密码", default=False)

    objects: ClassVar[ZhifaUserManager] = ZhifaUserManager()

    class Meta:
        verbose_name = verbose_name_plural = "用户"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @cached_property
    def department_subtree_ids(self) -> list[int]:
        """The user's department and every department below it: the view scope of team staff, read once per
        request so that a scoped list filters on `department_id IN (…)` (an index) instead of joining each row
        to its department's path."""
        department = self.department
        if department is None:
            return []
        return list(Department.objects.filter(bureau_id=department.bureau_id, path__startswith=department.path)
                    .values_list("pk", flat=True))

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(grant.role for grant in self.role_grants.all())  # uses a prefetch when there is one

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes & set(roles))

    @property
    def role_labels(self) -> list[str]:
        return [Role(code).label for code in sorted(self.role_codes)]

    def is_locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())

    @property
    def needs_second_factor(self) -> bool:
        from django.conf import settings

        return self.has_role(*settings.ZHIFA_TOTP_REQUIRED_ROLES) or self.totp_confirmed


class OfficerQuerySet(ScopedQuerySet):
    department_path = "department"


class Officer(models.Model):
    """执法人员 or 协管员: a person of the bureau. Personal identifiers are sealed; lookup by keyed hash."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "执法人员"
        ASSISTANT = "assistant", "协管员"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="officers")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="officers", verbose_name="机构"
    )
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, null=True, blank=True, related_name="officers", verbose_name="乡镇"
    )
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="officer", verbose_name="登录账号"
    )
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("人员类别", max_length=10, choices=Kind.choices, default=Kind.OFFICER)
    position = models.CharField("职务", max_length=50, blank=True)
    id_number_sealed = models.TextField(blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField("身份证号", max_length=18, blank=True, editable=False)
    phone_sealed = models.TextField(blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    legal_qualified = models.BooleanField("具有法律职业资格", default=False)
    training_hours = models.DecimalField("本年度培训学时", max_digits=6, decimal_places=1, default=0)
    is_active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法人员"
        ordering = ["bureau_id", "department_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "id_number_hash"],
                condition=~models.Q(id_number_hash=""),
                name="officer_unique_id_number",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def set_id_number(self, number: str) -> None:
        """Store a validated ID number sealed, hashed for lookup, and masked for display."""
        self.id_number_sealed = crypto.seal(number) if number else ""
        self.id_number_hash = crypto.keyed_hash(number) if number else ""
        self.id_number_masked = mask_id_number(number) if number else ""

    def set_phone(self, number: str) -> None:
        self.phone_sealed = crypto.seal(number) if number else ""
        self.phone_hash = crypto.keyed_hash(number) if number else ""
        self.phone_masked = mask_phone(number) if number else ""

    def current_certificate(self, on: dt.date | None = None) -> Certificate | None:
        day = on or timezone.localdate()
        for certificate in self.certificates.all():
            if certificate.is_valid_on(day):
                return certificate
        return None


class CertificateQuerySet(ScopedQuerySet):
    bureau_field = "officer__bureau_id"
    department_path = "officer__department"

    def valid_on(self, day: dt.date) -> CertificateQuerySet:
        return self.filter(status=Certificate.Status.VALID, valid_from__lte=day, valid_to__gte=day)


class Certificate(models.Model):
    """执法证: an enforcement certificate (行政处罚法 art. 42: only certified officers enforce)."""

    class Status(models.TextChoices):
        VALID = "valid", "有效"
        SUSPENDED = "suspended", "暂扣"
        REVOKED = "revoked", "吊销"
        EXPIRED = "expired", "过期"

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="certificates")
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuing_authority = models.CharField("发证机关", max_length=100)
    scope = models.CharField("执法区域及类别", max_length=200, blank=True)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.VALID)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法证"
        ordering = ["officer_id", "-valid_to"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")), name="certificate_dates")
        ]

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day: dt.date) -> bool:
        """Valid on a day: status valid and the day inside the validity period (an old status counts as expired)."""
        return self.status == self.Status.VALID and self.valid_from <= day <= self.valid_to

    def effective_status(self, day: dt.date | None = None) -> str:
        today = day or timezone.localdate()
        if self.status == self.Status.VALID and self.valid_to < today:
            return self.Status.EXPIRED.value
        return str(self.status)

    def get_effective_status_display(self) -> str:
        return self.Status(self.effective_status()).label
