"""Reads on people (执法人员、协管员) and their certificates (执法证), always scoped by the user.

Every function starts from `Model.objects.for_user(user, action)` (scoping.py), so a list, a detail page,
an export or the workbench can never show a person the user may not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import Combinable
from django.http import Http404
from django.utils import timezone

from zhifa.accounts.models import Certificate, Department, Officer, Township
from zhifa.accounts.roles import Role
from zhifa.accounts.scoping import Action

if TYPE_CHECKING:
    from zhifa.accounts.models import User

# How far ahead a certificate counts as "expiring" on the list and the workbench, unless told otherwise.
EXPIRING_DAYS_DEFAULT = 30


class CertificateFilter:
    """Values of the list's certificate-status filter (effective status, see Certificate.effective_status)."""

    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNCERTIFIED = "uncertified"

    choices = [
        (VALID, "有效"),
        (SUSPENDED, "暂扣"),
        (REVOKED, "吊销"),
        (EXPIRED, "过期"),
        (UNCERTIFIED, "无有效执法证"),
    ]


class Duty:
    """On duty (在岗) or not: people who left stay on record but leave the default list."""

    ON = "on"
    OFF = "off"
    ALL = "all"

    choices = [(ON, "在岗"), (OFF, "离岗"), (ALL, "全部")]


@dataclass(frozen=True)
class OfficerFilters:
    """What the people list is narrowed by. Empty values mean "no filter"."""

    q: str = ""
    department: Department | None = None  # the department and every department below it
    kind: str = ""  # Officer.Kind value
    certificate_status: str = ""  # CertificateFilter value
    expiring_within: int | None = None  # days: a valid certificate ends within them and was not renewed
    duty: str = Duty.ON
    today: dt.date | None = None  # the day statuses are judged on; today when None


@dataclass(frozen=True)
class CertificateRate:
    """持证率: active officers (kind officer) and how many of them hold a certificate valid on a day."""

    on: dt.date
    officers: int
    certified: int
    rate: Decimal  # percentage with one decimal; 0.0 when there are no officers

    @property
    def uncertified(self) -> int:
        return self.officers - self.certified


# --- building blocks ------------------------------------------------------------------------------------
def _certificates_of_row() -> QuerySet[Certificate]:
    return Certificate.objects.filter(officer=OuterRef("pk"))


def _effectively_valid(today: dt.date) -> Q:
    """Status valid and not past its end: what Certificate.effective_status calls valid."""
    return Q(status=Certificate.Status.VALID, valid_to__gte=today)


def _effectively_expired(today: dt.date) -> Q:
    return Q(status=Certificate.Status.EXPIRED) | Q(status=Certificate.Status.VALID, valid_to__lt=today)


def _holds(condition: Q) -> Exists:
    """The officer holds at least one certificate meeting `condition` (EXISTS, so no duplicate rows)."""
    return Exists(_certificates_of_row().filter(condition))


def _not_renewed(today: dt.date, horizon: dt.date) -> Exists:
    # A certificate running out is no concern when the officer already holds one valid beyond the horizon.
    return Exists(_certificates_of_row().filter(_effectively_valid(today), valid_to__gt=horizon))


def _certificate_status_filter(status: str, today: dt.date) -> Q | Combinable:
    if status == CertificateFilter.VALID:
        return _holds(_effectively_valid(today))
    if status == CertificateFilter.SUSPENDED:
        return _holds(Q(status=Certificate.Status.SUSPENDED))
    if status == CertificateFilter.REVOKED:
        return _holds(Q(status=Certificate.Status.REVOKED))
    if status == CertificateFilter.EXPIRED:
        # An old certificate that ran out does not matter once it was renewed: expired means "no valid one".
        return _holds(_effectively_expired(today)) & ~_holds(_effectively_valid(today))
    if status == CertificateFilter.UNCERTIFIED:
        return ~_holds(Q(status=Certificate.Status.VALID, valid_from__lte=today, valid_to__gte=today))
    return Q()


def _search(q: str) -> Q | Combinable:
    """Name, position or certificate number; the number is matched through EXISTS to keep rows distinct."""
    term = q.strip()
    if not term:
        return Q()
    return (
        Q(name__icontains=term)
        | Q(position__icontains=term)
        | _holds(Q(number__icontains=term))
    )


# --- selectors ------------------------------------------------------------------------------------------
def officer_list(*, user: User, filters: OfficerFilters) -> QuerySet[Officer]:
    """The people the user may see, narrowed by `filters`, with departments and certificates loaded."""
    today = filters.today or timezone.localdate()
    officers = Officer.objects.for_user(user, "view")
    officers = officers.filter(_search(filters.q))
    if filters.department is not None:
        officers = officers.filter(department__path__startswith=filters.department.path)
    if filters.kind:
        officers = officers.filter(kind=filters.kind)
    if filters.duty == Duty.ON:
        officers = officers.filter(is_active=True)
    elif filters.duty == Duty.OFF:
        officers = officers.filter(is_active=False)
    if filters.certificate_status:
        officers = officers.filter(_certificate_status_filter(filters.certificate_status, today))
    if filters.expiring_within is not None:
        horizon = today + dt.timedelta(days=filters.expiring_within)
        running_out = _effectively_valid(today) & Q(valid_to__lte=horizon)
        officers = officers.filter(_holds(running_out)).exclude(_not_renewed(today, horizon))
    return (
        officers.select_related("department", "township", "bureau")
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.order_by("-valid_to", "-id")))
        # Nulls last on both databases (SQLite sorts them first by default): people without a unit at the end.
        # Within a unit officers come before assistants ("officer" > "assistant", hence descending).
        .order_by(F("department__path").asc(nulls_last=True), F("kind").desc(), "name", "id")
    )


def officer_get(*, user: User, pk: int, action: Action = "view") -> Officer:
    """One person, or Http404 when out of the user's scope: a 403 would tell that the person exists."""
    officer = (
        Officer.objects.for_user(user, action)
        .select_related("department", "township", "bureau", "user")
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.order_by("-valid_to", "-id")))
        .filter(pk=pk)
        .first()
    )
    if officer is None:
        raise Http404("没有找到该人员，或您无权查看。")
    return officer


def certificate_get(*, user: User, pk: int, action: Action = "view") -> Certificate:
    """One certificate, scoped through its officer's department; Http404 when out of scope."""
    certificate = (
        Certificate.objects.for_user(user, action)
        .select_related("officer", "officer__department", "officer__bureau")
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise Http404("没有找到该执法证，或您无权查看。")
    return certificate


def certificate_rate(*, user: User, on: dt.date) -> CertificateRate:
    """持证率 on a day: certified active officers ÷ active officers (kind officer), within the user's scope.

    Assistants (协管员) may not hold certificates and people who left are not counted; a certificate
    counts when its status is valid and the day lies inside its validity period (Certificate.is_valid_on).
    """
    officers = Officer.objects.for_user(user, "view").filter(is_active=True, kind=Officer.Kind.OFFICER)
    valid_that_day = Q(status=Certificate.Status.VALID, valid_from__lte=on, valid_to__gte=on)
    total = officers.count()
    certified = officers.filter(_holds(valid_that_day)).count()
    rate = Decimal("0.0")
    if total:
        rate = (Decimal(certified) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return CertificateRate(on=on, officers=total, certified=certified, rate=rate)


def certificates_expiring(
    *, user: User, within_days: int = EXPIRING_DAYS_DEFAULT, today: dt.date | None = None
) -> QuerySet[Certificate]:
    """Valid certificates of active people ending within `within_days` and not yet renewed, soonest first.

    For the workbench: a certificate already past its end is not "expiring" (the list shows it as 过期).
    """
    day = today or timezone.localdate()
    horizon = day + dt.timedelta(days=within_days)
    renewed = Exists(
        Certificate.objects.filter(officer=OuterRef("officer"))
        .filter(_effectively_valid(day), valid_to__gt=horizon)
    )
    return (
        Certificate.objects.for_user(user, "view")
        .filter(_effectively_valid(day), valid_to__lte=horizon, officer__is_active=True)
        .exclude(renewed)
        .select_related("officer", "officer__department")
        .order_by("valid_to", "officer__name", "id")
    )


# --- what the user may change ---------------------------------------------------------------------------
def people_may_change(user: User) -> bool:
    """Whether the user may add, edit and import people at all (administrator; team leader with a unit).

    Asked of the roles rather than of `Officer.objects.for_user(user, 'change').exists()`, which would
    be False for an administrator of a bureau that has no people yet.
    """
    if not user.is_authenticated or user.bureau_id is None:
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    return user.has_role(Role.TEAM_LEADER) and user.department_id is not None and departments_changeable(
        user=user
    ).exists()


def departments_changeable(*, user: User) -> QuerySet[Department]:
    """Units a person may be placed in by this user: the bureau (administrator) or the leader's subtree."""
    return Department.objects.for_user(user, "change").filter(bureau_id=user.bureau_id).order_by("path")


def departments_visible(*, user: User) -> QuerySet[Department]:
    """Units offered by the list's department filter."""
    return Department.objects.for_user(user, "view").select_related("bureau").order_by("bureau_id", "path")


def townships_assignable(*, user: User) -> QuerySet[Township]:
    # Townships are bureau-level: any of the user's bureau may be named on a person the user may change.
    return Township.objects.for_user(user, "view").filter(bureau_id=user.bureau_id).order_by("id")
