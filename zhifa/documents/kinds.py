"""The kinds of official document (文书种类) the bureau issues, as one table.

Each kind says where its data comes from (`source`: the case, or one row of the case such as one record or
one seizure), whether it carries an official number (文号) and with which default pattern, whether it is
laid out as an official document under GB/T 9704-2012 (`layout="official"`: the decisions and notices the
party receives) or as a form (`layout="form"`: approval sheets, records), whether it needs the art. 59
content check and a verification QR code, and where it sits when the case file is bound (`binding`).

The variables each kind offers are listed in `zhifa.documents.variables`; the shipped .docx templates are
built by `zhifa.documents.builtin`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhifa.lib.errors import DomainError

# The item a kind is bound to when it is not the whole case: its context gets the row as `item`.
SOURCES = {
    "case": "案件",
    "lead": "案源线索",
    "record": "笔录",
    "preservation": "先行登记保存",
    "seizure": "查封扣押",
    "statement": "陈述申辩",
    "hearing": "听证",
    "service": "送达",
    "payment_plan": "暂缓或分期缴纳",
    "transfer": "案件移送",
    "archive": "电子卷宗",
}


@dataclass(frozen=True)
class Extra:
    """A value the officer types in when drafting, because no case row holds it (e.g. a correction deadline)."""

    name: str
    label: str
    kind: str = "text"  # text | date | textarea
    required: bool = True


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str
    source: str = "case"
    record_kind: str = ""  # for source="record": which Record.Kind
    numbered: bool = False
    number_pattern: str = ""  # "{short}" bureau short name, "{year}", "{seq}" (see zhifa.numbering)
    layout: str = "form"  # official | form
    art59: bool = False  # the penalty decision's content check (行政处罚法 art. 59)
    art52: bool = False  # the on-the-spot decision's content check (行政处罚法 art. 52)
    verifiable: bool = False  # carries a QR code and a short code for the public verification page
    binding: int = 50  # position in the bound case file; smaller first
    case_number_is_number: bool = False  # the on-the-spot decision's number is the case number (当罚字), taken at once
    # What the case must already hold before this kind can be drafted: (context path, required value or "" for
    # any non-empty value, what is missing in the officer's words).
    needs: tuple[tuple[str, str, str], ...] = ()
    extras: tuple[Extra, ...] = field(default_factory=tuple)

    @property
    def number_kind(self) -> str:
        """The counter this kind's numbers come from (one per bureau, kind and year)."""
        return self.code


KINDS: tuple[DocumentKind, ...] = (
    # Binding order (装订顺序): the conclusion first (决定书、送达回证), then the documents in the order of the
    # procedure, execution, closing; evidence list and record sheet last (cover and catalog are added by the
    # case file builder).
    DocumentKind("penalty_decision", "行政处罚决定书", numbered=True, number_pattern="{short}罚决字〔{year}〕第{seq}号",
                 layout="official", art59=True, verifiable=True, binding=10,
                 needs=(("case.procedure", "普通程序", "普通程序的处罚决定（简易程序案件使用当场行政处罚决定书）"),
                        ("decision.kind", "行政处罚决定", "行政处罚决定（先在案件页作出处罚决定）"))),
    DocumentKind("no_penalty_decision", "不予行政处罚决定书", numbered=True,
                 number_pattern="{short}不罚决字〔{year}〕第{seq}号", layout="official", verifiable=True, binding=11,
                 needs=(("decision.kind", "不予行政处罚决定", "不予行政处罚决定（先在案件页作出决定）"),)),
    DocumentKind("simple_decision", "当场行政处罚决定书", numbered=True, layout="official", art52=True,
                 verifiable=True, binding=12, case_number_is_number=True,
                 needs=(("case.procedure", "简易程序（当场处罚）", "当场处罚（只有简易程序案件使用当场行政处罚决定书）"),)),
    DocumentKind("lead_register", "案件来源登记表", source="lead", binding=20),
    DocumentKind("filing_approval", "立案审批表", binding=21),
    DocumentKind("not_filing_approval", "不予立案审批表", source="lead", binding=22,
                 needs=(("lead.not_filed_reason", "", "不予立案的理由（先在案源页作出不予立案决定）"),)),
    DocumentKind("inspection_record", "现场检查（勘验）笔录", source="record", record_kind="inspection", binding=23),
    DocumentKind("inquiry_record", "询问笔录", source="record", record_kind="inquiry", binding=24),
    DocumentKind("preservation_notice", "先行登记保存通知书", source="preservation", numbered=True,
                 number_pattern="{short}先保字〔{year}〕第{seq}号", layout="official", binding=25),
    DocumentKind("seizure_decision", "查封扣押决定书", source="seizure", numbered=True,
                 number_pattern="{short}强制字〔{year}〕第{seq}号", layout="official", verifiable=True, binding=26),
    DocumentKind("rectification_order", "责令（限期）改正通知书", numbered=True,
                 number_pattern="{short}责改字〔{year}〕第{seq}号", layout="official", binding=27,
                 extras=(Extra("requirement", "改正要求", "textarea"), Extra("deadline", "改正期限", "date"))),
    DocumentKind("investigation_report", "调查终结报告", binding=30,
                 needs=(("report.facts_found", "", "调查终结报告（先在案件页提交调查终结报告）"),)),
    DocumentKind("legal_review_opinion", "法制审核意见书", binding=31,
                 needs=(("legal_review.decision", "", "法制审核意见（法制审核人员先在案件页作出审核）"),)),
    DocumentKind("discussion_record", "重大案件集体讨论记录", binding=32,
                 needs=(("discussion.held_at", "", "集体讨论记录（先在案件页登记集体讨论）"),)),
    DocumentKind("prior_notice", "行政处罚事先告知书", numbered=True, number_pattern="{short}罚告字〔{year}〕第{seq}号",
                 layout="official", binding=33,
                 needs=(("notice.served_on", "", "事先告知（先在案件页登记事先告知）"),)),
    DocumentKind("hearing_right_notice", "听证告知书", numbered=True, number_pattern="{short}听告字〔{year}〕第{seq}号",
                 layout="official", binding=34,
                 needs=(("notice.hearing_right", "是", "告知听证权利的事先告知（本案拟作出的处罚不适用听证）"),)),
    DocumentKind("statement_record", "陈述申辩笔录", source="statement", binding=35),
    DocumentKind("hearing_notice", "听证通知书", source="hearing", numbered=True,
                 number_pattern="{short}听通字〔{year}〕第{seq}号", layout="official", binding=36),
    DocumentKind("hearing_record", "听证笔录", source="hearing", binding=37),
    DocumentKind("service_receipt", "送达回证", source="service", binding=40),
    DocumentKind("payment_plan_approval", "延期（分期）缴纳罚款审批表", source="payment_plan", binding=41),
    DocumentKind("reminder", "催告书", numbered=True, number_pattern="{short}催字〔{year}〕第{seq}号",
                 layout="official", binding=42,
                 needs=(("court.reminder_served_on", "", "催告（先在案件页登记催告）"),)),
    DocumentKind("court_application", "强制执行申请书", numbered=True, number_pattern="{short}强申字〔{year}〕第{seq}号",
                 layout="official", binding=43,
                 needs=(("court.applied_on", "", "申请强制执行（先在案件页登记申请法院强制执行）"),)),
    DocumentKind("transfer_letter", "案件移送函", source="transfer", numbered=True,
                 number_pattern="{short}移字〔{year}〕第{seq}号", layout="official", binding=44),
    DocumentKind("closing_approval", "结案审批表", binding=45),
    # Parts of the bound case file, filled by the case file builder (source="archive"), never issued alone.
    DocumentKind("file_cover", "卷宗封面", source="archive", binding=0),
    DocumentKind("file_catalog", "卷内目录", source="archive", binding=1),
    DocumentKind("evidence_list", "证据清单", source="archive", binding=90),
    DocumentKind("file_record_sheet", "卷内备考表", source="archive", binding=99),
)

BY_CODE: dict[str, DocumentKind] = {kind.code: kind for kind in KINDS}
ISSUABLE: tuple[DocumentKind, ...] = tuple(kind for kind in KINDS if kind.source != "archive")
CHOICES: list[tuple[str, str]] = [(kind.code, kind.label) for kind in KINDS]


def kind_get(code: str) -> DocumentKind:
    try:
        return BY_CODE[code]
    except KeyError:
        raise DomainError(f"没有“{code}”这种文书。请从文书种类列表中选择。") from None
