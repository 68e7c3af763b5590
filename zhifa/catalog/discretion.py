"""The discretion recommendation: from a matter and a case's facts to "not punishable", "may be waived", or a
penalty range, each with its reasons and articles (行政处罚法 art. 32, 33, 34).

One function decides, `discretion_recommend`; `recommendation_check` says whether a proposed penalty sits
inside it. A proposal outside needs a written reason and goes to legal review (the case issues use this).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.db import models

from zhifa.catalog.models import DiscretionStep, EnforcementMatter, Exemption, LegalBasis, PenaltyKind
from zhifa.lib.money import fen_to_yuan

ART_32 = "《中华人民共和国行政处罚法》第三十二条"
ART_33_1 = "《中华人民共和国行政处罚法》第三十三条第一款"
ART_33_2 = "《中华人民共和国行政处罚法》第三十三条第二款"
ART_33_3 = "《中华人民共和国行政处罚法》第三十三条第三款"
ART_34 = "《中华人民共和国行政处罚法》第三十四条"


class Harm(models.TextChoices):
    NONE = "none", "没有造成危害后果"
    MINOR = "minor", "危害后果轻微"
    GENERAL = "general", "造成一定危害后果"
    SERIOUS = "serious", "危害后果严重"


# Art. 32's four grounds for a lighter (从轻) or reduced (减轻) penalty.
MITIGATING: dict[str, str] = {
    "eliminated_harm": "主动消除或者减轻违法行为危害后果",
    "coerced": "受他人胁迫或者诱骗实施违法行为",
    "confessed": "主动供述行政机关尚未掌握的违法行为",
    "meritorious": "配合行政机关查处违法行为有立功表现",
}
# Aggravating circumstances as local discretion standards commonly list them (从重).
AGGRAVATING: dict[str, str] = {
    "repeat": "一年内因同一种违法行为受过行政处罚",
    "obstruct": "拒绝、阻碍或者以暴力威胁执法人员依法执行职务",
    "evidence": "伪造、隐匿、毁灭证据",
    "refuse_correct": "责令改正后拒不改正",
    "sensitive": "在重大活动保障期间或者敏感区域实施违法行为",
}

Outcome = Literal["not_punishable", "may_waive", "penalty"]
LEVELS = [DiscretionStep.Level.MINOR, DiscretionStep.Level.GENERAL, DiscretionStep.Level.SERIOUS,
          DiscretionStep.Level.GRAVE]


@dataclass(frozen=True)
class CaseFacts:
    """The facts of a case that the recommendation weighs."""

    first_violation: bool = False
    corrected_in_time: bool = False
    harm: str = Harm.GENERAL
    no_fault: bool = False  # the party proves it had no subjective fault (art. 33 ¶2)
    minor_violation: bool = False  # the officer finds the violation itself minor (轻微)
    level: str | None = None  # the circumstance step the officer places the case on; None: inferred
    mitigating: tuple[str, ...] = ()
    aggravating: tuple[str, ...] = ()
    amount_involved_fen: int | None = None


@dataclass(frozen=True)
class Recommendation:
    outcome: Outcome
    reasons: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    level: str | None = None
    min_fen: int | None = None
    max_fen: int | None = None
    min_multiple: Decimal | None = None
    max_multiple: Decimal | None = None
    multiple_of: str = ""
    education_required: bool = False
    warning_only: bool = False  # the step's penalty is a warning: no fine is recommended

    @property
    def label(self) -> str:
        if self.outcome == "not_punishable":
            return "不予行政处罚"
        if self.outcome == "may_waive":
            return "可以不予行政处罚（首违不罚）"
        if self.warning_only:
            return "警告"
        if self.max_fen is not None:
            return f"罚款 {fen_to_yuan(self.min_fen or 0)} 元至 {fen_to_yuan(self.max_fen)} 元"
        if self.max_multiple is not None:
            return f"按{self.multiple_of}的 {self.min_multiple} 至 {self.max_multiple} 罚款"
        return "依法给予行政处罚（本事项无罚款幅度，见处罚种类）"


@dataclass(frozen=True)
class Deviation:
    """A proposal outside the recommendation: a written reason is required and legal review is flagged."""

    message: str
    needs_written_reason: bool = True
    flag_legal_review: bool = True


def _exemption(matter: EnforcementMatter, kind: str) -> Exemption | None:
    return next((e for e in matter.exemptions.all() if e.kind == kind), None)


def _exemption_outcome(matter: EnforcementMatter, facts: CaseFacts) -> Recommendation | None:
    """Art. 33: no fault → not punishable; minor, corrected, harmless → not punishable; first violation,
    slight harm, corrected → may be waived. The regional lists name matters where this applies."""
    if facts.no_fault:
        return Recommendation("not_punishable", ["当事人有证据足以证明没有主观过错"], [ART_33_2])
    listed_minor = _exemption(matter, Exemption.Kind.NO_PENALTY)
    if (facts.minor_violation or listed_minor) and facts.corrected_in_time and facts.harm == Harm.NONE:
        reasons = ["违法行为轻微并及时改正，没有造成危害后果"]
        articles = [ART_33_1, ART_33_3]
        if listed_minor:
            reasons.append(f"列入《{listed_minor.source}》：{listed_minor.conditions}")
        return Recommendation("not_punishable", reasons, articles, education_required=True)
    listed_first = _exemption(matter, Exemption.Kind.FIRST_VIOLATION)
    if facts.first_violation and facts.corrected_in_time and facts.harm in (Harm.NONE, Harm.MINOR):
        reasons = ["初次违法且危害后果轻微并及时改正"]
        if listed_first:
            reasons.append(f"列入《{listed_first.source}》：{listed_first.conditions}")
        return Recommendation("may_waive", reasons, [ART_33_1, ART_33_3], education_required=True)
    return None


def _inferred_level(facts: CaseFacts) -> str:
    """No or slight harm → 轻微, some harm → 一般, serious harm → 较重; an aggravating factor one step up."""
    index = {Harm.NONE: 0, Harm.MINOR: 0, Harm.GENERAL: 1, Harm.SERIOUS: 2}[Harm(facts.harm)]
    if facts.aggravating:
        index += 1
    return LEVELS[min(index, 3)]


def _penalty_steps(matter: EnforcementMatter) -> list[DiscretionStep]:
    steps = [s for s in matter.discretion_steps.all() if s.outcome != DiscretionStep.Outcome.EXEMPT]
    return sorted(steps, key=lambda s: DiscretionStep.LEVEL_ORDER[DiscretionStep.Level(s.level)])


def _choose_step(steps: list[DiscretionStep], wanted: str) -> DiscretionStep:
    """The wanted step, or the nearest step above it (a step the facts do not reach is never lowered)."""
    order = DiscretionStep.LEVEL_ORDER
    above = [s for s in steps if order[DiscretionStep.Level(s.level)] >= order[DiscretionStep.Level(wanted)]]
    return above[0] if above else steps[-1]


def _narrow(low: int, high: int, facts: CaseFacts) -> tuple[int, int, str | None]:
    """从轻 → the lower half, 从重 → the upper half; both or neither → the whole step."""
    middle = (low + high) // 2
    if facts.mitigating and not facts.aggravating:
        return low, middle, "从轻处罚：在本档幅度的下半幅内确定"
    if facts.aggravating and not facts.mitigating:
        return middle, high, "从重处罚：在本档幅度的上半幅内确定"
    return low, high, None


def _penalty_basis_citations(matter: EnforcementMatter) -> list[str]:
    return [b.citation for b in matter.bases.all() if b.kind == LegalBasis.Kind.PENALTY]


def _statutory(matter: EnforcementMatter, facts: CaseFacts) -> Recommendation:
    fine = next((p for p in matter.penalties.all() if p.kind == PenaltyKind.Kind.FINE), None)
    multiple = next((p for p in matter.penalties.all() if p.kind == PenaltyKind.Kind.FINE_MULTIPLE), None)
    reasons = ["本事项未制定裁量基准，按法定处罚幅度"]
    articles = _penalty_basis_citations(matter)
    if fine is not None and fine.max_fen is not None:
        low, high, note = _narrow(fine.min_fen or 0, fine.max_fen, facts)
        return Recommendation("penalty", reasons + ([note] if note else []), articles, None, low, high)
    if multiple is not None:
        return Recommendation("penalty", reasons, articles, None, min_multiple=multiple.min_multiple,
                              max_multiple=multiple.max_multiple, multiple_of=multiple.multiple_of)
    return Recommendation("penalty", reasons, articles)


def discretion_recommend(*, matter: EnforcementMatter, facts: CaseFacts) -> Recommendation:
    """Not punishable, may be waived, or a penalty range, with the reasons and the articles."""
    exempt = _exemption_outcome(matter, facts)
    if exempt is not None:
        return exempt
    steps = _penalty_steps(matter)
    if not steps:
        return _statutory(matter, facts)
    wanted = facts.level or _inferred_level(facts)
    step = _choose_step(steps, wanted)
    reasons = [f"违法情节：{step.get_level_display()}（{step.facts}）"]
    articles = [ART_34, *_penalty_basis_citations(matter)]
    if facts.mitigating:
        reasons.append("从轻情节：" + "；".join(MITIGATING.get(code, code) for code in facts.mitigating))
        articles.insert(1, ART_32)
    if facts.aggravating:
        reasons.append("从重情节：" + "；".join(AGGRAVATING.get(code, code) for code in facts.aggravating))
    if step.outcome == DiscretionStep.Outcome.FINE and step.max_fen is not None:
        low, high, note = _narrow(step.min_fen or 0, step.max_fen, facts)
        return Recommendation("penalty", reasons + ([note] if note else []), articles, step.level, low, high)
    if step.outcome == DiscretionStep.Outcome.FINE_MULTIPLE:
        multiple = next((p for p in matter.penalties.all() if p.kind == PenaltyKind.Kind.FINE_MULTIPLE), None)
        return Recommendation("penalty", reasons, articles, step.level, min_multiple=step.min_multiple,
                              max_multiple=step.max_multiple, multiple_of=multiple.multiple_of if multiple else "")
    return Recommendation("penalty", [*reasons, "本档处罚为警告"], articles, step.level, warning_only=True)


def recommendation_check(
    *, recommendation: Recommendation, punish: bool, fine_fen: int | None = None,
    multiple: Decimal | None = None,
) -> Deviation | None:
    """Whether a proposal sits inside the recommendation; None when it does."""
    if recommendation.outcome == "not_punishable" and punish:
        return Deviation("依据第三十三条本案应不予行政处罚，拟作出处罚须书面说明理由并经法制审核。")
    if recommendation.outcome != "penalty" or not punish:
        return None
    if recommendation.warning_only and fine_fen:
        return Deviation(f"裁量基准建议给予警告，拟罚款 {fen_to_yuan(fine_fen)} 元，须书面说明理由，并提交法制审核。")
    if fine_fen is not None and recommendation.max_fen is not None:
        low, high = recommendation.min_fen or 0, recommendation.max_fen
        if not low <= fine_fen <= high:
            return Deviation(
                f"拟罚款 {fen_to_yuan(fine_fen)} 元不在裁量基准建议的 {fen_to_yuan(low)} 元至 {fen_to_yuan(high)} 元之间，"
                "须书面说明理由，并提交法制审核。"
            )
    if (
        multiple is not None
        and recommendation.max_multiple is not None
        and not (recommendation.min_multiple or 0) <= multiple <= recommendation.max_multiple
    ):
        return Deviation(
            f"拟按 {multiple} 倍（比例）罚款，不在建议的 {recommendation.min_multiple} 至 "
            f"{recommendation.max_multiple} 之间，须书面说明理由，并提交法制审核。"
        )
    return None
