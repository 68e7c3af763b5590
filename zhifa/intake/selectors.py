"""Reads of complaints and petitions, always scoped: every query starts from `Model.objects.for_user(user, 'view')`.

Departments see what was dispatched to their subtree (the querysets' department_path); bureau leaders and
administrators the whole bureau; team leaders (dispatchers) also the bureau's undispatched complaints; out-of-scope
objects answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.intake.models import Complaint, Petition
from zhifa.intake.petitions import PETITION_STAFF
from zhifa.intake.services import DISPATCHERS, end_of_day
from zhifa.lib.search import search_terms

S = Complaint.State


def complaints_visible(user: User) -> QuerySet[Complaint]:
    """The scoped complaints, plus what a department-bound user needs beyond the subtree rule: a dispatcher
    (team leader) sees the bureau's complaints not yet dispatched (the queue to dispatch), and whoever took a
    complaint by phone or at the counter sees it."""
    scoped = Complaint.objects.for_user(user, "view")
    if user.is_authenticated and user.bureau_id is not None and not user.has_role(Role.SUPERVISOR):
        extra = Q(created_by=user)
        if user.has_role(*DISPATCHERS):
            extra |= Q(department__isnull=True, township__isnull=True)
        scoped = scoped | Complaint.objects.filter(extra, bureau_id=user.bureau_id)
    return scoped


def petitions_visible(user: User) -> QuerySet[Petition]:
    """The scoped petitions, plus the bureau's petitions not yet given to a department and those the user
    registered (department-bound staff register them)."""
    scoped = Petition.objects.for_user(user, "view")
    if user.is_authenticated and user.bureau_id is not None and user.has_role(*PETITION_STAFF):
        scoped = scoped | Petition.objects.filter(Q(department__isnull=True) | Q(created_by=user),
                                                  bureau_id=user.bureau_id)
    return scoped


@dataclass(frozen=True)
class ComplaintFilters:
    state: str = ""
    category: int | None = None
    department: int | None = None
    township: int | None = None
    channel: str = ""
    overdue: bool = False
    text: str = ""
    merged: bool = False  # show complaints merged into others too (they follow their target)


def complaint_queue(*, user: User, filters: ComplaintFilters | None = None) -> QuerySet[Complaint]:
    """The queue by deadline: open complaints first, the most overdue on top; then the answered ones."""
    filters = filters or ComplaintFilters()
    queryset = complaints_visible(user).select_related(
        "category", "department", "township", "merged_into"
    )
    if not filters.merged:
        queryset = queryset.filter(merged_into__isnull=True)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.category:
        queryset = queryset.filter(category_id=filters.category)
    if filters.department:
        queryset = queryset.filter(department_id=filters.department)
    if filters.township:
        queryset = queryset.filter(township_id=filters.township)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.overdue:
        queryset = queryset.filter(state__in=Complaint.OPEN_STATES, reply_due__lt=timezone.now())
    for term in search_terms(filters.text):
        queryset = queryset.filter(search_text__contains=term)
    is_open = Case(When(state__in=Complaint.OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.annotate(answered=is_open).order_by("answered", "reply_due", "id")


def complaint_get(*, user: User, pk: int) -> Complaint:
    """One complaint the user may see, else 404 (existence does not leak)."""
    complaint = (
        complaints_visible(user)
        .select_related("category", "department", "township", "merged_into", "lead", "bureau", "replied_by")
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404("没有这件投诉，或您无权查看。")
    return complaint


def complaint_counts(*, user: User) -> dict[str, int]:
    """Open, overdue and due-today counts of the user's queue (for the queue's header)."""
    now = timezone.now()
    scoped = complaints_visible(user).filter(state__in=Complaint.OPEN_STATES, merged_into__isnull=True)
    end_today = end_of_day(timezone.localdate())
    return {
        "open": scoped.count(),
        "overdue": scoped.filter(reply_due__lt=now).count(),
        "today": scoped.filter(reply_due__gte=now, reply_due__lte=end_today).count(),
    }


# --- petitions ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PetitionFilters:
    state: str = ""
    text: str = ""


def petition_list(*, user: User, filters: PetitionFilters | None = None) -> QuerySet[Petition]:
    filters = filters or PetitionFilters()
    queryset = petitions_visible(user).select_related("department")
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    for term in search_terms(filters.text):
        queryset = queryset.filter(Q(subject__icontains=term) | Q(content__icontains=term) | Q(number__icontains=term))
    return queryset


def petition_get(*, user: User, pk: int) -> Petition:
    petition = petitions_visible(user).select_related("department", "complaint", "bureau").filter(
        pk=pk).first()
    if petition is None:
        raise Http404("没有这件信访事项，或您无权查看。")
    return petition
