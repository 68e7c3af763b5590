"""The statutory deadline rules (时限) of legal-rules.md, as data a lawyer can read.

Each rule says how long a period is, in which unit, whom it binds and where the law says so. Whether a
period "binds the party" decides the rest-day extension: a natural-day period the party must keep
(paying, applying for reconsideration, suing) ends on the next working day when its last day is a rest
day; a limit on the bureau's own action is never extended (the bureau must act earlier). Working-day
periods skip rest days by construction and never need an extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from zhifa.lib.errors import DomainError

Unit = Literal["workdays", "days", "months", "years"]

UNIT_LABELS: dict[str, str] = {"workdays": "个工作日", "days": "日", "months": "个月", "years": "年"}

# The largest amount an administrator may configure, per unit: well above any period the law or local
# practice uses, low enough to catch a typo such as 900 for 90.
MAX_AMOUNT: dict[str, int] = {"workdays": 120, "days": 730, "months": 36, "years": 20}


@dataclass(frozen=True)
class DeadlineRule:
    """One statutory time limit: `amount` `unit` after the triggering day."""

    name: str
    label: str
    citation: str
    unit: Unit
    amount: int
    binds_party: bool
    configurable: bool = False

    @property
    def amount_label(self) -> str:
        return describe_amount(self.amount, self.unit)

    @property
    def bound_label(self) -> str:
        return "当事人" if self.binds_party else "执法机关"

    @property
    def is_extended_past_rest_days(self) -> bool:
        """Only natural-day (days/months/years) periods that bind the party roll past rest days."""
        return self.binds_party and self.unit != "workdays"


def describe_amount(amount: int, unit: str) -> str:
    return f"{amount}{UNIT_LABELS[unit]}"


_RULES: tuple[DeadlineRule, ...] = (
    # --- working days: 行政处罚法 art. 85 and 行政强制法 art. 69 count these periods in working days.
    DeadlineRule("hearing_request", "当事人要求听证的期限", "行政处罚法第六十四条", "workdays", 5, True),
    DeadlineRule(
        "service", "处罚决定书送达期限（当事人不在场）", "行政处罚法第六十一条", "workdays", 7, False
    ),
    DeadlineRule(
        "preservation_decision", "先行登记保存处理决定期限", "行政处罚法第五十六条", "workdays", 7, False
    ),
    # The 7/20 working-day disclosure periods come from a State Council notice; provinces set their own.
    DeadlineRule(
        "disclosure_penalty",
        "行政处罚决定公示期限",
        "国办发〔2018〕118号",
        "workdays",
        7,
        False,
        configurable=True,
    ),
    DeadlineRule(
        "disclosure_other",
        "其他行政执法决定公示期限",
        "国办发〔2018〕118号",
        "workdays",
        20,
        False,
        configurable=True,
    ),
    DeadlineRule(
        "disclosure_withdrawal", "撤下已公示决定的期限", "行政处罚法第四十八条", "workdays", 3, False
    ),
    DeadlineRule(
        "cash_handover", "当场收缴罚款交至行政机关的期限", "行政处罚法第七十一条", "workdays", 2, False
    ),
    # The due day is the first day on which the bureau may apply to the court (10 working days after the
    # reminder was served), not a limit it must keep.
    DeadlineRule(
        "court_reminder", "催告书送达后可申请法院强制执行之日", "行政强制法第五十四条", "workdays", 10, False
    ),
    # --- natural days, months and years
    DeadlineRule("payment", "缴纳罚款期限", "行政处罚法第六十七条", "days", 15, True),
    DeadlineRule("reconsideration", "申请行政复议期限", "行政复议法第二十条", "days", 60, True),
    DeadlineRule("litigation", "提起行政诉讼期限", "行政诉讼法第四十六条", "months", 6, True),
    # Art. 60: "unless a law, regulation or rule says otherwise" — local rules may differ, so configurable.
    DeadlineRule(
        "decision", "作出行政处罚决定期限", "行政处罚法第六十条", "days", 90, False, configurable=True
    ),
    DeadlineRule("court_application", "申请法院强制执行期限", "行政强制法第五十三条", "months", 3, False),
    DeadlineRule("seizure", "查封、扣押期限", "行政强制法第二十五条", "days", 30, False),
    DeadlineRule(
        "petition_reply",
        "信访事项受理书面告知期限",
        "信访工作条例第三十二条",
        "days",
        15,
        False,
        configurable=True,
    ),
    DeadlineRule(
        "petition_resolve", "信访事项办理期限", "信访工作条例第三十五条", "days", 60, False, configurable=True
    ),
    # --- complaints (12345 hotline): the bureau's service levels for replying, set by local practice.
    DeadlineRule(
        "complaint_ordinary", "一般投诉举报答复期限", "12345热线工单办理规范（期限为本局规定）", "workdays", 5,
        False, configurable=True,
    ),
    DeadlineRule(
        "complaint_complex", "复杂投诉举报答复期限", "12345热线工单办理规范（期限为本局规定）", "workdays", 15,
        False, configurable=True,
    ),
    # --- periods the case workflow adds (issue: case handling part 1); local practice sets their length.
    DeadlineRule(
        "lead_decision", "案源核查及是否立案的决定期限", "行政处罚法第五十四条（期限为本局规定）", "workdays", 15,
        False, configurable=True,
    ),
    DeadlineRule(
        "statement", "当事人陈述、申辩期限", "行政处罚法第四十四条、第四十五条（期限为本局规定）", "workdays", 5,
        True, configurable=True,
    ),
    # --- periods of case handling part 2 (execution, transfers)
    DeadlineRule("transfer_decision", "涉嫌犯罪案件移送的审批决定期限", "行政执法机关移送涉嫌犯罪案件的规定第五条", "days", 3,
                 False),
    DeadlineRule("transfer_handover", "批准后向公安机关移送的期限（24小时）", "行政执法机关移送涉嫌犯罪案件的规定第五条",
                 "days", 1, False),
    # The due day is the earliest day a hearing may be held after its notice was served (art. 64 (二)).
    DeadlineRule("hearing_notice", "听证通知送达至举行听证的最短间隔", "行政处罚法第六十四条第二项", "workdays", 7, False),
    DeadlineRule("limitation", "违法行为追责时效", "行政处罚法第三十六条", "years", 2, False),
    DeadlineRule(
        "limitation_safety", "涉及生命健康、金融安全的追责时效", "行政处罚法第三十六条", "years", 5, False
    ),
)

DEADLINE_RULES: dict[str, DeadlineRule] = {rule.name: rule for rule in _RULES}
RULE_CHOICES: list[tuple[str, str]] = [(rule.name, rule.label) for rule in _RULES]


def deadline_rule_get(name: str) -> DeadlineRule:
    """The rule called `name`; an unknown name is a user error (typed on the console or posted)."""
    try:
        return DEADLINE_RULES[name]
    except KeyError:
        known = "、".join(DEADLINE_RULES)
        raise DomainError(f"未知的时限规则“{name}”。可用的规则：{known}。", field="rule") from None


def deadline_rules() -> list[DeadlineRule]:
    return list(_RULES)


def amount_validate(rule: DeadlineRule, amount: int) -> int:
    """A configured or requested amount: a positive integer no larger than the unit's sane maximum."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise DomainError("时限长度必须是正整数。", field="amount")
    limit = MAX_AMOUNT[rule.unit]
    if amount < 1 or amount > limit:
        raise DomainError(
            f"“{rule.label}”的时限长度应在 1 至 {limit} 之间（单位：{UNIT_LABELS[rule.unit]}），"
            f"实际为 {amount}。",
            field="amount",
        )
    return amount
