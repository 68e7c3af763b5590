"""Content checks before a document is issued.

行政处罚法 art. 59: a penalty decision states (1) the party's name or title and address; (2) the facts and the
evidence of the violation; (3) the kind of penalty and its basis; (4) the manner and time limit of
performance; (5) the channels and time limits of reconsideration and litigation; (6) the name of the
deciding body and the date of the decision. Issuing is refused with the list of what is missing, never with
a half-filled document.
"""

from __future__ import annotations

from typing import Any

# (what art. 59 asks for, where in the context it comes from, what to do when it is missing)
ART59: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("当事人的姓名或者名称", ("party.name",), "在案件页登记当事人"),
    ("当事人的地址", ("party.address",), "在案件页补充当事人住所或地址"),
    ("违反法律、法规、规章的事实", ("case.facts",), "在案件页填写违法事实"),
    ("证据", ("evidence",), "在案件页上传证据材料或制作笔录"),
    ("行政处罚的种类", ("decision.penalty",), "先作出行政处罚决定"),
    ("行政处罚的依据", ("case.penalty_basis",), "在执法事项目录中为该事项登记处罚依据"),
    ("行政处罚的履行方式和期限", ("decision.payment_manner",), "在“文书设置”中填写罚款缴纳方式（代收银行及账户）"),
    ("申请行政复议、提起行政诉讼的途径和期限", ("decision.remedies",), "在“文书设置”中填写行政复议机关和管辖法院"),
    ("作出决定的行政机关名称", ("bureau.name",), "由系统管理员填写本局名称"),
    ("作出决定的日期", ("decision.decided_on",), "先作出行政处罚决定"),
)


# 行政处罚法 art. 52: the on-the-spot decision states the violation, the kind and basis of the penalty, the fine,
# the time and place, the reconsideration and litigation channels and periods, the bureau's name, and is signed
# by the officers. It lists no evidence (the officers saw the violation themselves).
ART52: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("当事人的姓名或者名称", ("party.name",), "登记当事人"),
    ("违法行为", ("case.facts",), "填写违法事实"),
    ("行政处罚的种类和罚款数额", ("decision.penalty",), "先作出当场处罚决定"),
    ("行政处罚的依据", ("case.penalty_basis",), "在执法事项目录中为该事项登记处罚依据"),
    ("时间", ("case.violation_on",), "填写违法行为发生日期"),
    ("地点", ("case.place",), "填写违法行为地点"),
    ("申请行政复议、提起行政诉讼的途径和期限", ("decision.remedies",), "在“文书设置”中填写行政复议机关和管辖法院"),
    ("行政机关名称", ("bureau.name",), "由系统管理员填写本局名称"),
    ("执法人员", ("officers",), "为案件登记执法人员"),
)


def art52_missing(context: dict[str, Any]) -> list[str]:
    """What the on-the-spot decision would lack (行政处罚法 art. 52); empty when it is complete."""
    return [f"{what}（请{todo}）" for what, paths, todo in ART52
            if not any(_value(context, path) for path in paths)]


def _value(context: dict[str, Any], path: str) -> str:
    value: Any = context
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return str(value).strip() if not isinstance(value, list) else ("有" if value else "")


def art59_missing(context: dict[str, Any], *, evidence_count: int) -> list[str]:
    """What the penalty decision would lack, each with what to do; empty when it is complete.

    `evidence_count`: the evidence files and records of the case (the decision names the evidence).
    """
    missing = []
    for what, paths, todo in ART59:
        if paths == ("evidence",):
            present = evidence_count > 0
        else:
            present = any(_value(context, path) for path in paths)
        if not present:
            missing.append(f"{what}（请{todo}）")
    return missing
