"""Reading the audit log: only the security auditor (安全审计员) reads it, and only their own bureau's rows
plus the deployment-wide ones (bureau unknown, e.g. a failed login with a username that does not exist)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.accounts.roles import Role
from zhifa.audit.models import AuditEvent


def can_read_audit_log(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Only active audit administrators. Supervisors and administrators do not read it: separation of
    duties keeps the people who act apart from the person who reviews what they did."""
    if user is None or not user.is_authenticated or not getattr(user, "is_active", False):
        return False
    has_role = getattr(user, "has_role", None)
    return bool(has_role and has_role(Role.AUDIT_ADMIN))


def audit_event_list(
    *, user: AbstractBaseUser | AnonymousUser | None, filters: Mapping[str, Any]
) -> QuerySet[AuditEvent]:
    """The events `user` may read, newest first, narrowed by the cleaned values of AuditFilterForm.

    Filters: actor (part of the name), action (prefix), object_type (prefix), date_from / date_to
    (local calendar days, inclusive), before (an id: keyset paging, rows with smaller ids only).
    """
    if not can_read_audit_log(user):
        return AuditEvent.objects.none()
    bureau_id = getattr(user, "bureau_id", None)
    scope = Q(bureau_id__isnull=True)
    if bureau_id is not None:
        scope |= Q(bureau_id=bureau_id)
    events = AuditEvent.objects.filter(scope)
    if filters.get("actor"):
        events = events.filter(actor_name__icontains=filters["actor"])
    if filters.get("action"):
        events = events.filter(action__startswith=filters["action"])
    if filters.get("object_type"):
        events = events.filter(object_type__startswith=filters["object_type"])
    if filters.get("date_from"):
        events = events.filter(created_at__gte=_local_midnight(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(created_at__lt=_local_midnight(filters["date_to"] + dt.timedelta(days=1)))
    if filters.get("before"):
        events = events.filter(id__lt=filters["before"])
    return events.order_by("-id")


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
