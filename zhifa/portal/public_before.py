"""Read-only queries of the portal's 事前公开 pages: the bureau and its units, officers' certificate facts, the
catalog in force with its bases, discretion standards, exemption lists and the random-inspection list.

Every query names the columns it reads (`.only()`), so that nothing but public facts is loaded: for an officer
that is the name and the department; for a certificate its number, scope, issuing authority, validity and
status — never the sealed or masked identifiers, the phone or the login account. Each page runs a small, fixed
number of queries whatever the number of rows (select_related / prefetch_related, never a query per row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from zhifa.accounts.models import Bureau, Certificate, Department, Officer, Township
from zhifa.catalog.models import (
    Category,
    Delegation,
    DiscretionStep,
    EnforcementMatter,
    Exemption,
    LegalBasis,
    PenaltyKind,
)
from zhifa.catalog.selectors import matters_as_of
from zhifa.lib.search import search_terms
from zhifa.portal.models import InspectionListItem

MATTERS_PER_PAGE = 50
MATTER_LIST_FIELDS = ("id", "bureau_id", "code", "name", "category", "keywords", "penalty_summary")
MATTER_FIELDS = (*MATTER_LIST_FIELDS, "subject", "handling_unit", "transferred_from", "note", "status")
CERTIFICATE_FIELDS = ("id", "officer_id", "number", "issuing_authority", "scope", "valid_from", "valid_to",
                      "status")


def clean_category(value: str) -> str:
    """A category filter value, or "" for anything that is not one of the catalog's categories."""
    value = value.strip()
    return value if value in Category.values else ""


def category_choices() -> list[tuple[str, str]]:
    return list(Category.choices)


def _active_on(day: dt.date) -> Q:
    return Q(date__lte=day) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))


def _active_delegations(day: dt.date) -> QuerySet[Delegation]:
    return Delegation.objects.filter(_active_on(day))


def _search(queryset: QuerySet[EnforcementMatter], query: str) -> QuerySet[EnforcementMatter]:
    """Each term (ANDed) inside the normalised search text (code, name and common names), as the catalog does."""
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def _in_force(queryset: QuerySet[EnforcementMatter], day: dt.date | None = None) -> QuerySet[EnforcementMatter]:
    """The catalog's own rule (zhifa.catalog.selectors.matters_as_of): on the list on that day, so that an
    addition or removal dated in the future is not yet in effect on the portal either."""
    return matters_as_of(queryset, day or timezone.localdate())


def matters_in_force(bureau: Bureau, day: dt.date | None = None) -> QuerySet[EnforcementMatter]:
    return _in_force(EnforcementMatter.objects.filter(bureau=bureau), day)


# --- 机构职能 -----------------------------------------------------------------------------------------------
@dataclass
class DepartmentNode:
    department: Department
    children: list[DepartmentNode] = field(default_factory=list)


@dataclass
class About:
    bureau: Bureau
    departments: list[DepartmentNode]
    townships: list[Township]
    delegations: list[Delegation]


def department_tree(bureau: Bureau) -> list[DepartmentNode]:
    """The bureau's units as a tree, siblings in their configured order, then as created (one query)."""
    rows = list(Department.objects.filter(bureau=bureau).only("id", "parent_id", "name", "kind", "functions",
                                                                "sort"))
    nodes = {d.pk: DepartmentNode(d) for d in rows}
    roots: list[DepartmentNode] = []
    for d in rows:
        parent = nodes.get(d.parent_id) if d.parent_id else None
        (parent.children if parent else roots).append(nodes[d.pk])

    def order(siblings: list[DepartmentNode]) -> None:
        siblings.sort(key=lambda n: (n.department.sort, n.department.pk))
        for n in siblings:
            order(n.children)

    order(roots)
    return roots


def _flatten(nodes: list[DepartmentNode]) -> list[DepartmentNode]:
    flat: list[DepartmentNode] = []
    for node in nodes:
        flat.append(node)
        flat.extend(_flatten(node.children))
    return flat


def about(bureau: Bureau, day: dt.date | None = None) -> About:
    today = day or timezone.localdate()
    delegations = list(
        _active_delegations(today).filter(bureau=bureau).only("id", "number", "title", "date")
        .prefetch_related(
            Prefetch("townships", queryset=Township.objects.only("id", "name").order_by("id")),
            Prefetch("matters", queryset=_in_force(EnforcementMatter.objects.all(), today)
                     .only("id", "code", "name").order_by("code")),
        ).order_by("-date", "id")
    )
    return About(
        bureau=bureau,
        departments=department_tree(bureau),
        townships=list(Township.objects.filter(bureau=bureau).only("id", "name", "kind").order_by("id")),
        delegations=delegations,
    )


# --- 执法人员 -----------------------------------------------------------------------------------------------
@dataclass
class OfficerGroup:
    label: str
    officers: list[Officer]


def officers(bureau: Bureau, query: str = "") -> list[OfficerGroup]:
    """Serving officers holding a certificate, grouped by department (then township), with their certificates.

    `query` matches a part of the name or of a certificate number. Three queries whatever the count.
    """
    certificates = Certificate.objects.only(*CERTIFICATE_FIELDS).order_by("-valid_to", "id")
    queryset = (
        Officer.objects.filter(bureau=bureau, kind=Officer.Kind.OFFICER, is_active=True)
        .filter(Exists(Certificate.objects.filter(officer=OuterRef("pk"))))
        .select_related("department", "township")
        .only("id", "name", "department__id", "department__name", "township__id", "township__name")
        .prefetch_related(Prefetch("certificates", queryset=certificates))
    )
    query = query.strip()
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query)
            | Exists(Certificate.objects.filter(officer=OuterRef("pk"), number__icontains=query))
        )
    # Departments in the order of the about page's tree (siblings by their configured order), then townships.
    position = {node.department.pk: index for index, node in enumerate(_flatten(department_tree(bureau)))}
    groups: dict[tuple[int, int, str], OfficerGroup] = {}
    for officer in queryset.order_by("id"):
        if officer.department is not None:
            key = (0, position.get(officer.department.pk, len(position)), officer.department.name)
        elif officer.township is not None:
            key = (1, officer.township.pk, officer.township.name)
        else:
            key = (2, 0, "局机关")
        groups.setdefault(key, OfficerGroup(key[2], [])).officers.append(officer)
    return [groups[key] for key in sorted(groups)]


# --- 执法事项 -----------------------------------------------------------------------------------------------
def matter_list(bureau: Bureau, *, query: str = "", category: str = "",
                day: dt.date | None = None) -> QuerySet[EnforcementMatter]:
    """The catalog in force, filtered; each row annotated `delegated` (delegated to a township today)."""
    today = day or timezone.localdate()
    queryset = matters_in_force(bureau)
    if category:
        queryset = queryset.filter(category=category)
    queryset = _search(queryset, query)
    delegated = Exists(_active_delegations(today).filter(matters=OuterRef("pk")))
    return queryset.annotate(delegated=delegated).only(*MATTER_LIST_FIELDS).order_by("category", "code")


@dataclass
class MatterPage:
    matter: EnforcementMatter
    violation_bases: list[LegalBasis]
    penalty_bases: list[LegalBasis]
    penalties: list[PenaltyKind]
    steps: list[DiscretionStep]
    exemptions: list[Exemption]
    delegations: list[Delegation]


def _steps_in_order(steps: list[DiscretionStep]) -> list[DiscretionStep]:
    return sorted(steps, key=lambda s: (DiscretionStep.LEVEL_ORDER.get(DiscretionStep.Level(s.level), 9), s.pk))


def matter_page(pk: int, day: dt.date | None = None) -> MatterPage | None:
    """One matter in force with everything the public may know of it; None when it is not in force."""
    today = day or timezone.localdate()
    matter = (
        _in_force(EnforcementMatter.objects.filter(pk=pk), today)
        .select_related("bureau").only(*MATTER_FIELDS, "bureau__id", "bureau__name", "bureau__short_name")
        .prefetch_related(
            "bases", "penalties", "discretion_steps", "exemptions",
            Prefetch("delegations", to_attr="active_delegations",
                     queryset=_active_delegations(today).only("id", "number", "title", "date")
                     .prefetch_related(Prefetch("townships", queryset=Township.objects.only("id", "name")))),
        )
        .first()
    )
    if matter is None:
        return None
    bases = list(matter.bases.all())
    return MatterPage(
        matter=matter,
        violation_bases=[b for b in bases if b.kind == LegalBasis.Kind.VIOLATION],
        penalty_bases=[b for b in bases if b.kind == LegalBasis.Kind.PENALTY],
        penalties=list(matter.penalties.all()),
        steps=_steps_in_order(list(matter.discretion_steps.all())),
        exemptions=list(matter.exemptions.all()),
        delegations=list(getattr(matter, "active_delegations", [])),
    )


# --- 裁量基准 -----------------------------------------------------------------------------------------------
@dataclass
class MatterSteps:
    matter: EnforcementMatter
    steps: list[DiscretionStep]


def discretion(bureau: Bureau, *, category: str = "", query: str = "") -> list[MatterSteps]:
    """The discretion ladders of the matters in force, one group per matter (two queries)."""
    queryset = matters_in_force(bureau).filter(Exists(DiscretionStep.objects.filter(matter=OuterRef("pk"))))
    if category:
        queryset = queryset.filter(category=category)
    queryset = _search(queryset, query)
    steps = DiscretionStep.objects.only("id", "matter_id", "level", "facts", "outcome", "min_fen", "max_fen",
                                        "min_multiple", "max_multiple", "source")
    matters = queryset.only("id", "code", "name", "category").order_by("category", "code").prefetch_related(
        Prefetch("discretion_steps", queryset=steps))
    return [MatterSteps(m, _steps_in_order(list(m.discretion_steps.all()))) for m in matters]


# --- 免罚清单 -----------------------------------------------------------------------------------------------
@dataclass
class ExemptionGroup:
    kind: str
    label: str
    rows: list[Exemption]


def exemptions(bureau: Bureau, *, category: str = "") -> list[ExemptionGroup]:
    """The exemption entries of matters in force, one group per list (不予处罚 / 首违不罚); one query."""
    queryset = Exemption.objects.filter(matter__in=matters_in_force(bureau).values("pk"))
    if category:
        queryset = queryset.filter(matter__category=category)
    rows = (queryset.select_related("matter")
            .only("id", "kind", "conditions", "source", "matter__id", "matter__code", "matter__name",
                  "matter__category")
            .order_by("kind", "matter__code", "id"))
    groups = {kind: ExemptionGroup(kind, label, []) for kind, label in Exemption.Kind.choices}
    for row in rows:
        groups.setdefault(row.kind, ExemptionGroup(row.kind, row.kind, [])).rows.append(row)
    return [group for group in groups.values() if group.rows]


# --- 随机抽查事项清单 ---------------------------------------------------------------------------------------
def inspections(bureau: Bureau, *, category: str = "") -> list[InspectionListItem]:
    queryset = InspectionListItem.objects.filter(bureau=bureau)
    if category:
        queryset = queryset.filter(category=category)
    return list(queryset.only("id", "name", "category", "subject", "basis", "method", "ratio", "department",
                              "sort").order_by("sort", "id"))


def inspection_categories(bureau: Bureau) -> list[str]:
    """The categories the bureau's inspection list uses (its own words, not necessarily the catalog's)."""
    values = InspectionListItem.objects.filter(bureau=bureau).exclude(category="").values_list("category",
                                                                                             flat=True)
    return sorted(set(values))
