"""Every write on the catalog: in one transaction, with its history row and its audit event."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from zhifa.accounts.models import Bureau, Township, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.catalog.models import (
    Category,
    Delegation,
    DiscretionStep,
    EnforcementMatter,
    Exemption,
    HearingThreshold,
    LegalBasis,
    MatterChange,
    PenaltyKind,
)
from zhifa.lib.errors import DomainError
from zhifa.lib.search import search_text


@dataclass(frozen=True)
class BasisData:
    law: str
    article: str
    clause: str = ""
    text: str = ""


@dataclass(frozen=True)
class PenaltyData:
    kind: str
    min_fen: int | None = None
    max_fen: int | None = None
    min_multiple: Decimal | None = None
    max_multiple: Decimal | None = None
    multiple_of: str = ""
    note: str = ""


@dataclass(frozen=True)
class MatterData:
    """The editable facts of a matter, as a form or an import row gives them."""

    code: str
    name: str
    category: str
    violation_bases: list[BasisData] = field(default_factory=list)
    penalty_bases: list[BasisData] = field(default_factory=list)
    penalties: list[PenaltyData] = field(default_factory=list)
    penalty_summary: str = ""
    subject: str = ""
    handling_unit: str = ""
    transferred_from: str = ""
    needs_legal_review: bool = False
    note: str = ""
    keywords: str | None = None  # None keeps what the matter has (the Excel exchange has no such column)


@dataclass(frozen=True)
class ChangeRecord:
    """Why the catalog changed: the effective date and the decision document (number and date)."""

    date: dt.date
    document_number: str
    reason: str = ""
    document_date: dt.date | None = None


def _require_catalog_admin(actor: User | None, bureau: Bureau) -> None:
    if actor is None:
        return  # the console and the demo loader act as the system
    if not actor.has_role(Role.ADMINISTRATOR) or actor.bureau_id != bureau.pk:
        raise DomainError("只有本局系统管理员可以维护执法事项目录。", code="forbidden")


def _check_change(change: ChangeRecord) -> None:
    if not change.document_number.strip():
        raise DomainError("请填写调整依据文件的文号（如：示编发〔2021〕5号），目录的每次变动都须有据可查。",
                          field="document_number")


_LIMITS = (("code", 40, "事项编码"), ("name", 300, "事项名称"), ("keywords", 300, "俗称"), ("subject", 100, "实施主体"),
           ("handling_unit", 100, "承办机构"), ("transferred_from", 100, "原行使部门"))


def _check_lengths(data: MatterData) -> None:
    for attr, limit, label in _LIMITS:
        if len((getattr(data, attr) or "").strip()) > limit:
            raise DomainError(f"{label}不能超过 {limit} 个字。", field=attr)
    for basis in [*data.violation_bases, *data.penalty_bases]:
        if len(basis.law.strip("《》 ")) > 100 or len(basis.article) > 30 or len(basis.clause) > 30:
            raise DomainError("法律依据的法规名称不超过 100 字、条款项不超过 30 字，请核对。", field="violation_basis")
    if any(len(p.note) > 300 or len(p.multiple_of) > 50 for p in data.penalties):
        raise DomainError("处罚幅度的说明不超过 300 字、计算基数不超过 50 字。", field="penalty_summary")


def _check_data(data: MatterData) -> None:
    _check_lengths(data)
    if not data.code.strip():
        raise DomainError("请填写事项编码。", field="code")
    if not data.name.strip():
        raise DomainError("请填写事项名称。", field="name")
    if data.category not in Category.values:
        raise DomainError(f"事项类别“{data.category}”不在目录类别中，可选：{'、'.join(Category.values)}。",
                          field="category")
    if not data.violation_bases and not data.penalty_bases:
        raise DomainError("请至少填写一条法律依据（违法依据或处罚依据）。", field="violation_basis")
    for penalty in data.penalties:
        if penalty.min_fen is not None and penalty.max_fen is not None and penalty.min_fen > penalty.max_fen:
            raise DomainError("罚款下限高于上限，请核对处罚幅度。", field="penalty_summary")
        if (penalty.min_multiple is not None and penalty.max_multiple is not None
                and penalty.min_multiple > penalty.max_multiple):
            raise DomainError("罚款倍数（比例）下限高于上限，请核对处罚幅度。", field="penalty_summary")


def matter_snapshot(matter: EnforcementMatter) -> dict[str, Any]:
    """What the history and the audit log keep of a matter: comparable, JSON-ready."""
    return {
        "code": matter.code,
        "name": matter.name,
        "category": matter.category,
        "subject": matter.subject,
        "handling_unit": matter.handling_unit,
        "transferred_from": matter.transferred_from,
        "penalty_summary": matter.penalty_summary,
        "needs_legal_review": matter.needs_legal_review,
        "note": matter.note,
        "keywords": matter.keywords,
        "status": matter.status,
        # Sorted, so that a comparison does not depend on row order.
        "bases": sorted(_basis_line(b.kind, b.law, b.article, b.clause, b.text) for b in matter.bases.all()),
        "penalties": sorted(_penalty_line(p) for p in matter.penalties.all()),
    }


def _basis_line(kind: str, law: str, article: str, clause: str, text: str) -> str:
    # White space inside an article's text is layout, not law: a re-import that folds lines is no change.
    return f"{LegalBasis.Kind(kind).label}：《{law.strip('《》 ')}》{article}{clause}：{' '.join(text.split())}"


def _penalty_line(penalty: PenaltyKind) -> str:
    return f"{penalty.describe()}（{penalty.note}）" if penalty.note else penalty.describe()


def _data_children_snapshot(data: MatterData) -> dict[str, list[str]]:
    """The bases and penalties `data` would write, in matter_snapshot's form (to compare before writing)."""
    bases = [_basis_line(LegalBasis.Kind.VIOLATION, b.law, b.article, b.clause, b.text) for b in data.violation_bases]
    bases += [_basis_line(LegalBasis.Kind.PENALTY, b.law, b.article, b.clause, b.text) for b in data.penalty_bases]
    return {"bases": sorted(bases), "penalties": sorted(_penalty_line(PenaltyKind(**asdict(p))) for p in data.penalties)}


def _write_children(matter: EnforcementMatter, data: MatterData) -> None:
    matter.bases.all().delete()
    matter.penalties.all().delete()
    bases = [
        LegalBasis(matter=matter, kind=kind, law=b.law.strip("《》 "), article=b.article, clause=b.clause,
                   text=b.text, sort=index)
        for kind, group in ((LegalBasis.Kind.VIOLATION, data.violation_bases),
                            (LegalBasis.Kind.PENALTY, data.penalty_bases))
        for index, b in enumerate(group)
    ]
    LegalBasis.objects.bulk_create(bases)
    PenaltyKind.objects.bulk_create([PenaltyKind(matter=matter, **asdict(p)) for p in data.penalties])


def _search_text_refresh(matter: EnforcementMatter) -> None:
    matter.search_text = search_text(
        matter.code, matter.name, matter.keywords, matter.category, matter.penalty_summary, matter.subject,
        *(f"{b.law}{b.article}{b.clause}{b.text}" for b in matter.bases.all()),
        *(p.describe() for p in matter.penalties.all()),
    )
    matter.save(update_fields=["search_text"])


def _apply(matter: EnforcementMatter, data: MatterData) -> None:
    matter.code = data.code.strip()
    matter.name = data.name.strip()
    matter.category = data.category
    matter.subject = data.subject.strip()
    matter.handling_unit = data.handling_unit.strip()
    matter.transferred_from = data.transferred_from.strip()
    matter.penalty_summary = data.penalty_summary.strip()
    matter.needs_legal_review = data.needs_legal_review
    matter.note = data.note.strip()
    if data.keywords is not None:
        matter.keywords = data.keywords.strip()


def matter_create(
    *, bureau: Bureau, data: MatterData, change: ChangeRecord, actor: User | None,
    event: str = MatterChange.Event.ADD, is_demo: bool = False,
) -> EnforcementMatter:
    """Put a matter on the list (transferred in or added), effective from change.date."""
    _require_catalog_admin(actor, bureau)
    _check_data(data)
    _check_change(change)
    duplicate = DomainError(f"事项编码 {data.code} 已存在；如需修改，请编辑该事项。", field="code")
    if EnforcementMatter.objects.filter(bureau=bureau, code=data.code.strip()).exists():
        raise duplicate
    with transaction.atomic():
        matter = EnforcementMatter(bureau=bureau, is_demo=is_demo)
        _apply(matter, data)
        try:
            with transaction.atomic():  # a concurrent create of the same code loses here, not with a 500
                matter.save()
        except IntegrityError:
            raise duplicate from None
        _write_children(matter, data)
        _search_text_refresh(matter)
        after = matter_snapshot(matter)
        MatterChange.objects.create(
            matter=matter, date=change.date, event=event, document_number=change.document_number,
            document_date=change.document_date, reason=change.reason, after=after, recorded_by=actor,
        )
        audit_record(actor=actor, action="matter.create", obj=matter, after=after)
    return matter


def matter_update(
    *, matter: EnforcementMatter, data: MatterData, change: ChangeRecord, actor: User | None,
) -> list[str]:
    """Amend a matter; the history keeps what changed. Returns the changed field names (empty: nothing)."""
    _require_catalog_admin(actor, matter.bureau)
    _check_data(data)
    _check_change(change)
    if data.code.strip() != matter.code:
        raise DomainError("事项编码不能修改；如编码调整，请取消原事项并新增。", field="code")
    with transaction.atomic():
        matter = EnforcementMatter.objects.select_for_update().get(pk=matter.pk)
        before = matter_snapshot(matter)
        _apply(matter, data)
        after = {**matter_snapshot(matter), **_data_children_snapshot(data)}
        changed = [key for key in after if after[key] != before[key]]
        if not changed:
            return []  # nothing is rewritten: child rows keep their ids
        matter.save()
        if "bases" in changed or "penalties" in changed:
            _write_children(matter, data)
        _search_text_refresh(matter)
        MatterChange.objects.create(
            matter=matter, date=change.date, event=MatterChange.Event.AMEND, document_number=change.document_number,
            document_date=change.document_date, reason=change.reason,
            before={k: before[k] for k in changed}, after={k: after[k] for k in changed}, recorded_by=actor,
        )
        audit_record(actor=actor, action="matter.update", obj=matter,
                     before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return changed


def matter_remove(*, matter: EnforcementMatter, change: ChangeRecord, actor: User | None) -> None:
    """Take a matter off the list from change.date on (it stays in the history and in old counts)."""
    _require_catalog_admin(actor, matter.bureau)
    _check_change(change)
    if matter.status == EnforcementMatter.Status.REMOVED:
        raise DomainError("该事项已取消，无需重复操作。")
    with transaction.atomic():
        EnforcementMatter.objects.filter(pk=matter.pk).update(status=EnforcementMatter.Status.REMOVED)
        MatterChange.objects.create(
            matter=matter, date=change.date, event=MatterChange.Event.REMOVE, document_number=change.document_number,
            document_date=change.document_date, reason=change.reason, recorded_by=actor,
        )
        audit_record(actor=actor, action="matter.remove", obj=matter,
                     after={"date": change.date.isoformat(), "document": change.document_number})
    matter.status = EnforcementMatter.Status.REMOVED


def delegation_create(
    *, bureau: Bureau, number: str, title: str, date: dt.date, townships: list[Township],
    matters: list[EnforcementMatter], actor: User | None, evaluation_dates: list[dt.date] | None = None,
) -> Delegation:
    """Delegate matters to townships by a published decision (行政处罚法 art. 24)."""
    _require_catalog_admin(actor, bureau)
    if not number.strip() or not title.strip():
        raise DomainError("请填写赋权决定的文号和名称（第二十四条要求决定公布）。", field="number")
    if not townships:
        raise DomainError("请至少选择一个承接的乡镇（街道）。", field="townships")
    if not matters:
        raise DomainError("请至少选择一项下放的执法事项。", field="matters")
    if any(t.bureau_id != bureau.pk for t in townships) or any(m.bureau_id != bureau.pk for m in matters):
        raise DomainError("所选乡镇或事项不属于本局，请重新选择。")
    if Delegation.objects.filter(bureau=bureau, number=number.strip()).exists():
        raise DomainError(f"文号为 {number} 的赋权决定已登记。", field="number")
    with transaction.atomic():
        delegation = Delegation.objects.create(
            bureau=bureau, number=number.strip(), title=title.strip(), date=date,
            evaluation_dates=[d.isoformat() for d in (evaluation_dates or [])],
        )
        delegation.townships.set(townships)
        delegation.matters.set(matters)
        audit_record(actor=actor, action="delegation.create", obj=delegation, after={
            "number": delegation.number, "date": date.isoformat(),
            "townships": [t.name for t in townships], "matters": [m.code for m in matters],
        })
    return delegation


def delegation_revoke(*, delegation: Delegation, on: dt.date, actor: User | None) -> None:
    _require_catalog_admin(actor, delegation.bureau)
    if on < delegation.date:
        raise DomainError("收回日期不能早于赋权决定的生效日期。", field="revoked_on")
    with transaction.atomic():
        Delegation.objects.filter(pk=delegation.pk).update(revoked_on=on)
        audit_record(actor=actor, action="delegation.revoke", obj=delegation, after={"revoked_on": on.isoformat()})


@dataclass(frozen=True)
class StepData:
    level: str
    facts: str
    outcome: str
    min_fen: int | None = None
    max_fen: int | None = None
    min_multiple: Decimal | None = None
    max_multiple: Decimal | None = None
    source: str = ""


def _statutory_envelope(matter: EnforcementMatter, outcome: str) -> tuple[Any, Any, str] | None:
    """The widest statutory range of that kind of fine (a law may set one range for organisations and
    another for individuals: a step must fit at least the widest)."""
    kind = PenaltyKind.Kind.FINE if outcome == DiscretionStep.Outcome.FINE else PenaltyKind.Kind.FINE_MULTIPLE
    fines = [p for p in matter.penalties.all() if p.kind == kind]
    low_attr, high_attr = ("min_fen", "max_fen") if kind == PenaltyKind.Kind.FINE else ("min_multiple", "max_multiple")
    highs = [getattr(p, high_attr) for p in fines if getattr(p, high_attr) is not None]
    if not highs:
        return None  # the law leaves the amount to local rules: nothing to check against here
    lows = [getattr(p, low_attr) or 0 for p in fines if getattr(p, high_attr) is not None]
    return min(lows), max(highs), "；".join(p.describe() for p in fines)


def _check_step(matter: EnforcementMatter, step: StepData) -> None:
    """A step's range lies inside the statutory range (art. 34: standards refine, never extend, the law)."""
    label = DiscretionStep.Level(step.level).label
    if step.outcome not in (DiscretionStep.Outcome.FINE, DiscretionStep.Outcome.FINE_MULTIPLE):
        return
    fine = step.outcome == DiscretionStep.Outcome.FINE
    low, high = (step.min_fen, step.max_fen) if fine else (step.min_multiple, step.max_multiple)
    if low is None or high is None or low > high:
        raise DomainError(f"“{label}”档的{'罚款' if fine else '倍数（比例）'}幅度不完整或下限高于上限。", field="steps")
    envelope = _statutory_envelope(matter, step.outcome)
    if envelope is not None and (low < envelope[0] or high > envelope[1]):
        raise DomainError(f"“{label}”档的幅度超出法定幅度（{envelope[2]}），裁量基准不能突破法定幅度。",
                          field="steps")


def discretion_steps_set(*, matter: EnforcementMatter, steps: list[StepData], actor: User | None) -> None:
    """Replace a matter's discretion standard (裁量基准). Steps must lie in the law's range and ascend."""
    _require_catalog_admin(actor, matter.bureau)
    levels = [s.level for s in steps]
    if len(set(levels)) != len(levels):
        raise DomainError("同一违法情节只能设一档。", field="steps")
    ordered = sorted(steps, key=lambda s: DiscretionStep.LEVEL_ORDER[DiscretionStep.Level(s.level)])
    for step in ordered:
        _check_step(matter, step)
    fines = [s for s in ordered if s.outcome == DiscretionStep.Outcome.FINE]
    for lower, higher in itertools.pairwise(fines):
        if (higher.min_fen or 0) < (lower.min_fen or 0) or (higher.max_fen or 0) < (lower.max_fen or 0):
            raise DomainError("情节越重，罚款幅度应越高：请检查各档的上下限。", field="steps")
    with transaction.atomic():
        before = [str(s) for s in matter.discretion_steps.all()]
        matter.discretion_steps.all().delete()
        DiscretionStep.objects.bulk_create([DiscretionStep(matter=matter, **asdict(s)) for s in ordered])
        audit_record(actor=actor, action="discretion.set", obj=matter, before={"steps": before},
                     after={"steps": [str(s) for s in matter.discretion_steps.all()]})


def exemption_add(*, matter: EnforcementMatter, kind: str, conditions: str, source: str,
                  actor: User | None) -> Exemption:
    _require_catalog_admin(actor, matter.bureau)
    if not conditions.strip() or not source.strip():
        raise DomainError("请填写适用条件和来源文件。", field="conditions")
    with transaction.atomic():
        exemption = Exemption.objects.create(matter=matter, kind=kind, conditions=conditions.strip(),
                                             source=source.strip())
        audit_record(actor=actor, action="exemption.create", obj=matter,
                     after={"kind": kind, "conditions": exemption.conditions, "source": exemption.source})
    return exemption


def hearing_threshold_set(*, bureau: Bureau, citizen_fen: int, organisation_fen: int, source: str,
                          actor: User | None) -> HearingThreshold:
    """Set the art. 63 '较大数额' for this bureau (a local rule)."""
    _require_catalog_admin(actor, bureau)
    if citizen_fen <= 0 or organisation_fen <= 0:
        raise DomainError("听证数额标准须大于零。", field="citizen_yuan")
    with transaction.atomic():
        threshold, _ = HearingThreshold.objects.select_for_update().get_or_create(bureau=bureau)
        before = {"citizen_fen": threshold.citizen_fen, "organisation_fen": threshold.organisation_fen}
        threshold.citizen_fen = citizen_fen
        threshold.organisation_fen = organisation_fen
        threshold.source = source.strip()
        threshold.save()
        audit_record(actor=actor, action="hearing_threshold.set", obj=threshold, bureau=bureau, before=before,
                     after={"citizen_fen": citizen_fen, "organisation_fen": organisation_fen, "source": source})
    return threshold
