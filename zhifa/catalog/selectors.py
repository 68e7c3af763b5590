"""Reads of the catalog, always scoped; the catalog as of any date; what a user may file under."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from zhifa.accounts.models import Bureau, User
from zhifa.catalog.models import (
    Category,
    Delegation,
    DiscretionStep,
    EnforcementMatter,
    Exemption,
    HearingThreshold,
    MatterChange,
)
from zhifa.lib.errors import DomainError
from zhifa.lib.search import search_terms


def _event_on(day: dt.date) -> Subquery:
    """The latest history event of each matter on or before `day` (None: not yet on the list)."""
    latest = MatterChange.objects.filter(matter=OuterRef("pk"), date__lte=day).order_by("-date", "-id")
    return Subquery(latest.values("event")[:1])


def _delegated_on(day: dt.date, township_id: int | None = None) -> Exists:
    active = Delegation.objects.filter(matters=OuterRef("pk"), date__lte=day).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
    )
    if township_id is not None:
        active = active.filter(townships=township_id)
    return Exists(active)


def matters_as_of(queryset: QuerySet[EnforcementMatter], day: dt.date) -> QuerySet[EnforcementMatter]:
    """Annotate each matter with `event_on_day` and `delegated_on_day`; keep those on the list that day."""
    return (
        queryset.annotate(event_on_day=_event_on(day), delegated_on_day=_delegated_on(day))
        .filter(event_on_day__isnull=False)
        .exclude(event_on_day=MatterChange.Event.REMOVE)
    )


@dataclass(frozen=True)
class MatterFilters:
    query: str = ""
    category: str = ""
    as_of: dt.date | None = None  # None: the current list (status in force)
    include_removed: bool = False
    delegated_only: bool = False


def matter_list(*, user: User, filters: MatterFilters) -> QuerySet[EnforcementMatter]:
    """The catalog the user may see, searched and filtered; township users see only delegated matters."""
    queryset: QuerySet[EnforcementMatter] = EnforcementMatter.objects.for_user(user, "view")
    day = filters.as_of
    if day is not None:
        queryset = matters_as_of(queryset, day)
    elif not filters.include_removed:
        # The current list is the list as of today: a future-dated addition or removal is not yet in effect.
        queryset = matters_as_of(queryset, timezone.localdate())
    if user.township_id is not None:
        queryset = queryset.filter(_delegated_on(day or timezone.localdate(), user.township_id))
    elif filters.delegated_only:
        queryset = queryset.filter(_delegated_on(day or timezone.localdate()))
    for term in search_terms(filters.query):
        queryset = queryset.filter(search_text__contains=term)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    return queryset.order_by("code")


def matter_ids_delegated(*, matter_ids: list[int], day: dt.date) -> set[int]:
    """Which of these (already scoped) matters a decision active that day delegates: the list's 已下放 column."""
    return set(
        EnforcementMatter.objects.filter(pk__in=matter_ids).filter(_delegated_on(day)).values_list("pk", flat=True)
    )


def matter_get(*, user: User, pk: int) -> EnforcementMatter:
    matter = (
        EnforcementMatter.objects.for_user(user, "view")
        .prefetch_related(
            "bases", "penalties", "discretion_steps", "exemptions",
            Prefetch("changes", queryset=MatterChange.objects.select_related("recorded_by").order_by("date", "id")),
            Prefetch("delegations", queryset=Delegation.objects.prefetch_related("townships")),
        )
        .filter(pk=pk)
        .first()
    )
    if matter is None:
        raise Http404("执法事项不存在或无权查看")
    if user.township_id is not None and not EnforcementMatter.objects.filter(
        pk=matter.pk).filter(_delegated_on(timezone.localdate(), user.township_id)).exists():
        raise Http404("执法事项不存在或无权查看")  # only what is delegated to the township today (art. 24)
    return matter


@dataclass
class CategoryCount:
    category: str
    in_force: int = 0
    delegated: int = 0
    removed: int = 0


@dataclass
class CatalogCount:
    day: dt.date
    rows: list[CategoryCount] = field(default_factory=list)

    @property
    def in_force(self) -> int:
        return sum(row.in_force for row in self.rows)

    @property
    def delegated(self) -> int:
        return sum(row.delegated for row in self.rows)

    @property
    def removed(self) -> int:
        return sum(row.removed for row in self.rows)


def catalog_count_as_of(*, user: User, day: dt.date) -> CatalogCount:
    """Matters in force, delegated, and removed by that date, by category (the 权力清单 statistics)."""
    queryset = EnforcementMatter.objects.for_user(user, "view").annotate(
        event_on_day=_event_on(day), delegated_on_day=_delegated_on(day)
    )
    rows = {category: CategoryCount(category) for category in Category.values}
    for category, event, delegated in queryset.values_list("category", "event_on_day", "delegated_on_day"):
        if event is None:
            continue  # not yet on the list that day
        row = rows[category]
        if event == MatterChange.Event.REMOVE:
            row.removed += 1
        else:
            row.in_force += 1
            row.delegated += 1 if delegated else 0
    return CatalogCount(day=day, rows=[row for row in rows.values() if row.in_force or row.removed])


# --- filing guard (行政处罚法 art. 24) ---------------------------------------------------------------------
def matter_list_fileable(*, user: User, on: dt.date) -> QuerySet[EnforcementMatter]:
    """Matters a case may be filed under by this user on that day: in force; for a township user, only
    those delegated to their township by a decision active that day."""
    queryset = matters_as_of(EnforcementMatter.objects.for_user(user, "view"), on)
    if user.township_id is not None:
        queryset = queryset.filter(_delegated_on(on, user.township_id))
    return queryset.order_by("code")


def matter_check_fileable(*, user: User, matter: EnforcementMatter, on: dt.date) -> None:
    """Raise a DomainError that says why, when a case may not be filed under this matter."""
    if not matter_list_fileable(user=user, on=on).filter(pk=matter.pk).exists():
        if matter.bureau_id != user.bureau_id:
            raise DomainError("该执法事项不属于本局目录。", field="matter")
        if user.township_id is not None:
            raise DomainError(
                f"“{matter.name}”未下放至{user.township}。依据《中华人民共和国行政处罚法》第二十四条，"
                "乡镇（街道）只能办理经省级决定下放的事项，请移交区综合行政执法局办理。",
                field="matter",
            )
        raise DomainError(f"“{matter.name}”在 {on} 不在本局执法事项目录内（未生效或已取消），不能据此立案。",
                          field="matter")


# --- what the public portal shows (art. 34 and 39) --------------------------------------------------------
def catalog_public(*, bureau: Bureau, on: dt.date) -> QuerySet[EnforcementMatter]:
    return matters_as_of(EnforcementMatter.objects.filter(bureau=bureau), on).prefetch_related(
        "bases", "penalties"
    ).order_by("category", "code")


def discretion_public(*, bureau: Bureau) -> QuerySet[DiscretionStep]:
    return DiscretionStep.objects.filter(
        matter__bureau=bureau, matter__status=EnforcementMatter.Status.IN_FORCE
    ).select_related("matter").order_by("matter__code", "id")


def exemptions_public(*, bureau: Bureau) -> QuerySet[Exemption]:
    return Exemption.objects.filter(
        matter__bureau=bureau, matter__status=EnforcementMatter.Status.IN_FORCE
    ).select_related("matter").order_by("kind", "matter__code")


def hearing_threshold_for(*, bureau: Bureau) -> HearingThreshold:
    """The bureau's art. 63 thresholds (defaults when none were set: 1 万 / 10 万元)."""
    return HearingThreshold.objects.filter(bureau=bureau).first() or HearingThreshold(bureau=bureau)


def delegation_list(*, user: User) -> QuerySet[Delegation]:
    return Delegation.objects.for_user(user, "view").prefetch_related("townships", "matters")
