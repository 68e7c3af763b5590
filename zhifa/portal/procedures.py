"""The bureau's enforcement procedures as data: the steps of each, for the flow chart and the text list.

Every period comes from the deadline rules (zhifa.workdays.rules, themselves from legal-rules.md), written
in the texts as `{rule_name}` and filled in with the amount in force for the bureau: the statutory ones
never change, the configurable ones (the 90-day decision period, the 7-working-day disclosure period, the
bureau's filing and statement periods) show the bureau's setting. Amounts that are not periods (the
200/3,000/100 yuan limits of the simple procedure, the 3 % late fee) come from the constants case handling
enforces (zhifa.cases.simple, zhifa.cases.late_fee), written `{citizen_limit}` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhifa.accounts.models import Bureau
from zhifa.cases import late_fee, simple
from zhifa.lib.money import yuan_text
from zhifa.portal.flowchart import Branch, Step
from zhifa.workdays.selectors import deadline_rule_table


@dataclass(frozen=True)
class Procedure:
    slug: str
    name: str
    basis: str
    summary: str
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        slug="simple",
        name="简易程序（当场作出行政处罚决定）",
        basis="《行政处罚法》第五十一条、第五十二条",
        summary=simple.LIMITS_TEXT,
        steps=(
            Step("表明身份", "执法人员出示执法证件（第五十五条）"),
            Step("确认违法事实", "事实确凿、有法定依据；罚款限额：公民{citizen_limit}、组织{organisation_limit}（第五十一条）"),
            Step("告知", "告知违法事实、处罚理由和依据，以及陈述、申辩的权利（第四十四条）"),
            Step("听取陈述、申辩", "当事人提出的事实、理由成立的应当采纳；不因申辩加重处罚（第四十五条）"),
            Step("当场作出决定并交付", "填写预定格式、编有号码的行政处罚决定书，当场交付当事人（第五十二条）"),
            Step("缴纳罚款", "收到决定书之日起{payment}内到指定银行缴纳（第六十七条）", (
                Branch("当场收缴", "{cash_limit}以下罚款或事后难以执行的，出具专用票据；{cash_handover}内交至本局（第六十八条至第七十一条）"),
            )),
            Step("备案", "当场处罚决定书报本局备案（第五十二条）"),
        ),
    ),
    Procedure(
        slug="general",
        name="普通程序",
        basis="《行政处罚法》第五十四条至第六十二条",
        summary="除可以当场作出的行政处罚外，行政处罚依照普通程序办理：立案、调查取证、审核、事先告知、陈述申辩或听证、"
                "决定、送达、执行、结案。",
        steps=(
            Step("立案", "符合立案标准的及时立案；本局规定发现线索之日起{lead_decision}内决定是否立案（第五十四条）"),
            Step("调查取证", "不少于两名持证执法人员，出示执法证件；全过程记录（第四十二条、第四十七条、第五十五条）", (
                Branch("先行登记保存", "证据可能灭失或难以取得的，经负责人批准；{preservation_decision}内作出处理决定（第五十六条）"),
                Branch("查封、扣押", "依《行政强制法》，期限不超过{seizure}（第二十五条）"),
            )),
            Step("审核", "调查终结，本局负责人对调查结果进行审查（第五十七条）", (
                Branch("法制审核", "涉及重大公共利益、经过听证的重大案件等，未经法制审核或审核未通过的不得作出决定（第五十八条）",
                       "须审核的"),
                Branch("集体讨论", "情节复杂或重大违法行为，由负责人集体讨论决定（第五十七条）", "重大复杂的"),
            )),
            Step("事先告知", "告知拟作出的处罚内容及事实、理由、依据，和陈述、申辩、要求听证的权利（第四十四条）"),
            Step("陈述、申辩", "当事人可在{statement}内陈述、申辩；不因申辩加重处罚（第四十五条）", (
                Branch("听证程序", "告知后{hearing_request}内提出（第六十三条、第六十四条）", "要求听证的"),
            )),
            Step("作出决定", "立案之日起{decision}内作出（第六十条）；决定书载明复议、诉讼的途径和期限（第五十九条）", (
                Branch("决定公示", "作出决定之日起{disclosure_penalty}内公示（国办发〔2018〕118号）"),
            )),
            Step("送达", "当场交付；当事人不在场的，{service}内送达（第六十一条）"),
            Step("执行", "收到决定书之日起{payment}内缴纳罚款（第六十七条）；申请复议、提起诉讼不停止执行（第七十三条）", (
                Branch("逾期不缴纳", "每日按罚款数额{late_fee_rate}加处罚款，不超过罚款数额（第七十二条）；依法申请人民法院强制执行"),
            )),
            Step("结案归档", "执行完毕或依法终结后结案，案卷一案一卷归档（第四十七条）"),
        ),
        notes=(
            "本法规定的“二日”“三日”“五日”“七日”为工作日，不含法定节假日（《行政处罚法》第八十五条）；其他期限按自然日计算。",
            "罚款的决定机关与收缴机构分离（罚缴分离，第六十七条）。",
        ),
    ),
    Procedure(
        slug="hearing",
        name="听证程序",
        basis="《行政处罚法》第六十三条、第六十四条",
        summary="拟作出较大数额罚款、没收较大数额违法所得或非法财物、降低资质等级、吊销许可证件、责令停产停业、"
                "责令关闭、限制从业等较重行政处罚的，当事人有权要求听证（第六十三条）。",
        steps=(
            Step("告知听证权利", "事先告知书载明要求听证的权利（第四十四条、第六十三条）"),
            Step("当事人提出申请", "在告知后{hearing_request}内提出（第六十四条）"),
            Step("通知听证", "举行听证{hearing_notice}前，通知当事人时间、地点（第六十四条）"),
            Step("举行听证", "由非本案调查人员主持；当事人可委托一至二人代理（第六十四条）", (
                Branch("视为放弃听证", "当事人无正当理由拒不出席或中途退出的", "缺席的"),
            )),
            Step("制作听证笔录", "交当事人或其代理人核对无误后签字或盖章（第六十四条）"),
            Step("法制审核", "直接关系当事人重大权益、经过听证程序的案件须法制审核（第五十八条）"),
            Step("作出决定", "根据听证笔录作出决定"),
        ),
    ),
    Procedure(
        slug="seizure",
        name="行政强制措施（查封、扣押）",
        basis="《行政强制法》第二十五条",
        summary="查封、扣押是为制止违法行为、防止证据损毁等依法对财物实施的暂时性控制。",
        steps=(
            Step("报批", "实施前向本局负责人报告并经批准"),
            Step("实施", "两名以上执法人员出示证件，通知当事人到场，告知理由、依据和权利，制作现场笔录"),
            Step("交付决定书和清单", "查封、扣押决定书和清单当场交付当事人"),
            Step("期限", "不超过{seizure}（第二十五条）", (
                Branch("延长", "情况复杂的，经负责人批准可延长一次，延长不超过30日（第二十五条）"),
            )),
            Step("作出处理决定", "没收、解除查封扣押或依法处理；期限届满未作出决定的应当解除"),
        ),
        notes=("《行政强制法》规定的“十日以内”期限指工作日，不含法定节假日（第六十九条）。",),
    ),
    Procedure(
        slug="court",
        name="申请人民法院强制执行",
        basis="《行政强制法》第五十三条至第五十八条",
        summary="当事人在法定期限内不申请行政复议、不提起行政诉讼，又不履行处罚决定的，本局依法申请人民法院强制执行。",
        steps=(
            Step("催告", "书面催告当事人履行，载明期限、方式、金额和陈述、申辩的权利（第三十五条、第五十四条）"),
            Step("等待履行", "催告书送达{court_reminder}后仍未履行的，方可申请（第五十四条）"),
            Step("提出申请", "复议、诉讼期限届满之日起{court_application}内向人民法院申请（第五十三条）"),
            Step("法院受理和裁定", "法院5日内受理，7日内裁定（举行听证的30日内）（第五十七条、第五十八条）", (
                Branch("申请复议", "不予受理或不予执行的，可在15日内向上一级法院申请复议（第五十八条）", "不予执行的"),
            )),
            Step("执行", "不得在夜间或法定节假日实施（情况紧急的除外），不得停止供水、供电、供热、供燃气（第四十三条）"),
        ),
    ),
)


def periods_for(bureau: Bureau | None) -> dict[str, str]:
    """Each deadline rule's amount in force for the bureau, as "5个工作日" / "90日" / "6个月"."""
    return {row.rule.name: row.amount_label for row in deadline_rule_table(bureau=bureau)}


def _amounts() -> dict[str, str]:
    """The amounts the texts name, from the constants case handling enforces."""
    return {"citizen_limit": yuan_text(simple.CITIZEN_LIMIT_FEN).replace(" ", ""),
            "organisation_limit": yuan_text(simple.ORGANISATION_LIMIT_FEN).replace(" ", ""),
            "cash_limit": yuan_text(simple.CASH_LIMIT_FEN).replace(" ", ""),
            "late_fee_rate": f"{late_fee.RATE_PERCENT_PER_DAY}%"}


def _fill(text: str, periods: dict[str, str]) -> str:
    return text.format(**periods) if "{" in text else text


def procedures_for(bureau: Bureau | None) -> list[Procedure]:
    """The procedures with the periods filled in for `bureau`."""
    periods = {**periods_for(bureau), **_amounts()}
    filled = []
    for p in PROCEDURES:
        steps = tuple(
            Step(_fill(s.label, periods), _fill(s.detail, periods),
                 tuple(Branch(_fill(b.label, periods), _fill(b.detail, periods), b.condition) for b in s.branches))
            for s in p.steps)
        filled.append(Procedure(p.slug, p.name, p.basis, _fill(p.summary, periods), steps, p.notes))
    return filled
