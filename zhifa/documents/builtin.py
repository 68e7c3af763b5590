"""The shipped .docx templates, one per kind of document, built in Python (no binary file in the repository).

`builtin_template(code)` gives the bytes of the template for a kind (`zhifa.documents.kinds`); the same
bytes on every call, so the renderer and the case file builder can cache by content. The templates use
docxtpl/Jinja syntax and only the namespaces `zhifa.documents.variables.namespaces_for(kind)` offers; the
kinds the party receives are laid out under GB/T 9704-2012 (`layout.official_page`), the approval sheets,
records and case-file pages as bordered forms (`layout.form_page`).

The wording follows the usual 行政执法文书 forms (the national 综合行政执法 forms and the 2021 宁夏 ones):
the penalty decisions carry every element of 《中华人民共和国行政处罚法》第五十九条; the notices cite the
article that gives the party each right (第四十四条、第四十五条 statement and defence, 第六十三条、第六十四条
hearing, 第五十六条 preservation of evidence, 第二十八条 correction; 《中华人民共和国行政强制法》第二十四条
seizure, 第三十五条 reminder, 第五十五条 application to the court).
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable
from datetime import datetime

import docx
from docx.document import Document as DocxDocument
from docx.table import Table

from zhifa.documents import layout
from zhifa.documents.kinds import BY_CODE, KINDS
from zhifa.documents.layout import NUMBER_STYLE, PLAIN_STYLE, SIGNATURE_STYLE, add_row, label, value

Builder = Callable[[], DocxDocument]
BUILDERS: dict[str, Builder] = {}

# Fixed document properties: the same template bytes on every build.
_STAMP = datetime(2026, 1, 1, 0, 0, 0)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# The phrases many templates share.
OFFICERS = ("{% for o in officers %}{{ o.name }}（执法证号 {{ o.certificate }}）"
            "{% if not loop.last %}、{% endif %}{% endfor %}")
OFFICER_NAMES = "{% for o in officers %}{{ o.name }}{% if not loop.last %}、{% endif %}{% endfor %}"
EVIDENCE = ("以上事实有现场检查（勘验）笔录、询问笔录、现场照片、视听资料、当事人身份证明材料等证据证实，"
            "证据确实、充分。")
YOU = "你（单位）"
# `{{ item.items }}` would print the dict's `items` method (Jinja tries the attribute before the key), so the
# list of goods is written `{{ item.goods }}`.
REMEDIES = (f"{YOU}如不服本决定，可以自收到本决定书之日起六十日内向{{{{ bureau.reconsideration_body }}}}申请行政复议，"
            f"也可以自收到本决定书之日起六个月内依法向{{{{ bureau.litigation_court }}}}提起行政诉讼。")
CONTACT = "联系人：" + OFFICER_NAMES + "；联系电话：{{ bureau.phone }}；地址：{{ bureau.address }}。"
BLANK_DATE = "　　　　年　　月　　日"


def _builds(code: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        if code not in BY_CODE:
            raise KeyError(code)
        BUILDERS[code] = builder
        return builder
    return register


def _label(code: str) -> str:
    return BY_CODE[code].label


def _new(code: str) -> DocxDocument:
    document = docx.Document()
    props = document.core_properties
    props.title = _label(code)
    props.subject = "行政执法文书模板"
    props.author = "zhifa"
    props.last_modified_by = "zhifa"
    props.keywords = code
    props.comments = "内置模板：变量见文书模板页面的变量表。"
    props.category = ""
    props.created = _STAMP
    props.modified = _STAMP
    props.last_printed = _STAMP
    props.revision = 1
    return document


def _drop_empty_body(document: DocxDocument) -> None:
    """Remove the empty paragraphs python-docx's default template starts with."""
    for paragraph in list(document.paragraphs):
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)


# --- official documents (GB/T 9704) ----------------------------------------------------------------------


def _official(code: str) -> DocxDocument:
    """Bureau line, title, number line: the head of every document the party receives."""
    document = layout.official_page(_new(code))
    _drop_empty_body(document)
    layout.title(document, "{{ bureau.name }}")
    layout.title(document, _label(code))
    layout.paragraph(document, "{{ document.number }}", style=NUMBER_STYLE)
    layout.blank(document)
    return document


def _addressee(document: DocxDocument, who: str = "{{ party.name }}") -> None:
    """The 主送 line: the party's name at the left margin, then a colon."""
    layout.paragraph(document, f"{who}：", style=PLAIN_STYLE)


def _party_block(document: DocxDocument, role: str = "当事人") -> None:
    layout.paragraph(document, f"{role}：{{{{ party.name }}}}")
    layout.paragraph(document, "{{ party.id_label }}：{{ party.id_number }}")
    layout.paragraph(document, "{%p if party.representative %}", style=PLAIN_STYLE)
    layout.paragraph(document, "法定代表人（负责人）：{{ party.representative }}")
    layout.paragraph(document, "{%p endif %}", style=PLAIN_STYLE)
    layout.paragraph(document, "住所（地址）：{{ party.address }}")


def _signature(document: DocxDocument, code: str, *, signer: str = "{{ bureau.name }}（印章）",
               date: str = "{{ document.issued_on }}") -> None:
    """Two blank lines, the bureau and the seal, the date; for verifiable kinds the QR code and the code."""
    layout.blank(document, 2)
    layout.paragraph(document, signer, style=SIGNATURE_STYLE)
    layout.paragraph(document, date, style=SIGNATURE_STYLE)
    if BY_CODE[code].verifiable:
        layout.blank(document)
        layout.image_line(document, "{{ document.qr }}")
        layout.paragraph(document, "核验码：{{ document.verify_code }}（可在 {{ document.verify_url }} 核验真伪）",
                         style=PLAIN_STYLE)


def _receipt(document: DocxDocument, who: str = "当事人") -> None:
    layout.blank(document)
    layout.paragraph(document, f"{who}签收：　　　　　　　　{BLANK_DATE}", style=PLAIN_STYLE)


@_builds("penalty_decision")
def penalty_decision() -> DocxDocument:
    code = "penalty_decision"
    d = _official(code)
    _party_block(d)
    p = layout.paragraph
    p(d, "本机关于{{ case.filed_on }}对当事人{{ case.title }}（案号：{{ case.number }}）立案调查。"
         "本机关已于{{ notice.served_on }}告知当事人拟作出行政处罚的内容及事实、理由、依据，"
         "并告知其依法享有陈述、申辩{% if notice.hearing_right == '是' %}、要求听证{% endif %}的权利。"
         "本案现已调查终结。")
    p(d, "经调查，本机关查明：{{ case.facts }}")
    p(d, EVIDENCE)
    p(d, "本机关认为，{{ decision.reasons }}")
    p(d, "依据{{ case.penalty_basis }}的规定，本机关决定对当事人作出如下行政处罚：")
    p(d, "{{ decision.penalty }}{% if decision.fine_capital %}（罚款金额大写：{{ decision.fine_capital }}）{% endif %}。")
    p(d, "履行方式和期限：{{ decision.payment_manner }}缴款渠道：{{ bureau.payment_account }}。"
         "{{ decision.late_fee_warning }}")
    p(d, "{{ decision.remedies }}")
    p(d, "当事人逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。")
    _signature(d, code)
    return d


@_builds("no_penalty_decision")
def no_penalty_decision() -> DocxDocument:
    code = "no_penalty_decision"
    d = _official(code)
    _party_block(d)
    p = layout.paragraph
    p(d, "本机关于{{ case.filed_on }}对当事人{{ case.title }}（案号：{{ case.number }}）立案调查，现已调查终结。")
    p(d, "经调查，本机关查明：{{ case.facts }}")
    p(d, EVIDENCE)
    p(d, "本机关认为，{{ decision.reasons }}")
    p(d, "依照《中华人民共和国行政处罚法》的有关规定，本机关决定对当事人不予行政处罚。"
         "请当事人引以为戒，自觉遵守有关法律、法规的规定。")
    p(d, "{{ decision.remedies }}")
    _signature(d, code)
    return d


@_builds("simple_decision")
def simple_decision() -> DocxDocument:
    code = "simple_decision"
    d = _official(code)
    _party_block(d)
    p = layout.paragraph
    p(d, "违法时间：{{ case.violation_on }}；违法地点：{{ case.place }}。")
    p(d, "违法事实：{{ case.facts }}")
    p(d, "以上事实有执法人员现场检查情况、现场照片等证据证实，当事人对违法事实无异议。")
    p(d, "执法人员已当场告知当事人拟作出行政处罚的内容及事实、理由、依据，并告知其依法享有陈述、申辩的权利。")
    p(d, "当事人的上述行为违反了{{ case.basis }}的规定，依据{{ case.penalty_basis }}和《中华人民共和国行政处罚法》"
         "第五十一条的规定，当场作出如下行政处罚：{{ decision.penalty }}"
         "{% if decision.fine_capital %}（罚款金额大写：{{ decision.fine_capital }}）{% endif %}。")
    p(d, "履行方式和期限：{{ decision.payment_manner }}{{ decision.late_fee_warning }}")
    p(d, "{{ decision.remedies }}")
    p(d, "执法人员：" + OFFICERS + "。")
    _receipt(d)
    _signature(d, code)
    return d


@_builds("preservation_notice")
def preservation_notice() -> DocxDocument:
    code = "preservation_notice"
    d = _official(code)
    _addressee(d)
    p = layout.paragraph
    p(d, f"本机关在调查{YOU}{{{{ case.title }}}}过程中，因证据可能灭失或者以后难以取得，"
         "依据《中华人民共和国行政处罚法》第五十六条的规定，经本机关负责人批准，决定对下列物品予以先行登记保存：")
    p(d, "物品清单：{{ item.goods }}")
    p(d, "保存地点：{{ item.place }}")
    p(d, "保存期限：自{{ item.on }}起至{{ item.due }}止。本机关将在七日内作出处理决定。")
    p(d, "在此期间，当事人或者有关人员不得销毁或者转移证据。")
    p(d, "执法人员：" + OFFICERS + "。")
    _receipt(d)
    _signature(d, code)
    return d


@_builds("seizure_decision")
def seizure_decision() -> DocxDocument:
    code = "seizure_decision"
    d = _official(code)
    _party_block(d)
    p = layout.paragraph
    p(d, f"本机关在调查{YOU}{{{{ case.title }}}}过程中查明：{{{{ case.facts }}}}")
    p(d, "为制止违法行为、防止证据损毁、避免危害发生、控制危险扩大，依据{{ case.basis }}和《中华人民共和国行政强制法》第二十二条、第二十三条、第二十四条的规定，"
         "经本机关负责人批准，本机关决定对下列场所、设施或者财物实施{{ item.kind }}：")
    p(d, "场所、设施或者财物的名称、数量：{{ item.goods }}（详见查封、扣押清单）")
    p(d, "期限：自{{ item.on }}起至{{ item.due }}止。情况复杂的，经本机关负责人批准，可以延长，但延长期限不超过三十日。")
    p(d, "查封、扣押期间，不得使用或者损毁被查封的场所、设施或者财物，不得擅自转移、处置被查封、扣押的财物。")
    p(d, REMEDIES)
    p(d, "执法人员：" + OFFICERS + "。")
    _receipt(d)
    _signature(d, code)
    return d


@_builds("rectification_order")
def rectification_order() -> DocxDocument:
    code = "rectification_order"
    d = _official(code)
    _addressee(d)
    p = layout.paragraph
    p(d, f"经查，{{{{ case.facts }}}}{YOU}的上述行为违反了{{{{ case.basis }}}}的规定。")
    p(d, f"依据《中华人民共和国行政处罚法》第二十八条第一款的规定，本机关责令{YOU}于{{{{ extra.deadline }}}}前"
         "改正上述违法行为。改正要求如下：")
    p(d, "{{ extra.requirement }}")
    p(d, "逾期不改正的，本机关将依法处理。")
    p(d, CONTACT)
    _receipt(d)
    _signature(d, code)
    return d


@_builds("prior_notice")
def prior_notice() -> DocxDocument:
    code = "prior_notice"
    d = _official(code)
    _addressee(d)
    p = layout.paragraph
    p(d, f"本机关于{{{{ case.filed_on }}}}对{YOU}{{{{ case.title }}}}立案调查。经查，{{{{ notice.facts }}}}")
    p(d, EVIDENCE)
    p(d, f"{YOU}的上述行为{{{{ notice.reasons }}}}的规定。依据{{{{ case.penalty_basis }}}}的规定，"
         f"本机关拟对{YOU}作出如下行政处罚：{{{{ notice.penalty }}}}。")
    p(d, f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{YOU}有权进行陈述和申辩。"
         f"{YOU}如需陈述、申辩，请于{{{{ notice.statement_due }}}}前向本机关提出；逾期未提出的，视为放弃陈述、申辩的权利。")
    p(d, "{%p if notice.hearing_right == '是' %}", style=PLAIN_STYLE)
    p(d, f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{YOU}有权要求举行听证。"
         f"{YOU}如要求听证，请于{{{{ notice.hearing_request_due }}}}前向本机关提出；逾期未提出的，视为放弃听证的权利。")
    p(d, "{%p endif %}", style=PLAIN_STYLE)
    p(d, CONTACT)
    _receipt(d)
    _signature(d, code)
    return d


@_builds("hearing_right_notice")
def hearing_right_notice() -> DocxDocument:
    code = "hearing_right_notice"
    d = _official(code)
    _addressee(d)
    p = layout.paragraph
    p(d, f"本机关于{{{{ case.filed_on }}}}对{YOU}{{{{ case.title }}}}立案调查。经查，{{{{ notice.facts }}}}")
    p(d, f"{YOU}的上述行为{{{{ notice.reasons }}}}的规定。依据{{{{ case.penalty_basis }}}}的规定，"
         f"本机关拟对{YOU}作出如下行政处罚：{{{{ notice.penalty }}}}。")
    p(d, f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{YOU}有权要求举行听证。"
         f"{YOU}如要求听证，应当在收到本告知书之日起五日内（{{{{ notice.hearing_request_due }}}}前）向本机关提出；"
         "逾期未提出的，视为放弃听证的权利。")
    p(d, f"{YOU}同时有权进行陈述和申辩，请于{{{{ notice.statement_due }}}}前向本机关提出。")
    p(d, CONTACT)
    _receipt(d)
    _signature(d, code)
    return d


@_builds("hearing_notice")
def hearing_notice() -> DocxDocument:
    code = "hearing_notice"
    d = _official(code)
    _addressee(d)
    p = layout.paragraph
    p(d, f"根据{YOU}的申请，本机关决定就{{{{ case.title }}}}举行听证。现将有关事项通知如下：")
    p(d, "一、听证时间：{{ item.on }}")
    p(d, "二、听证地点：{{ item.place }}")
    p(d, "三、听证方式：{{ item.kind }}（涉及国家秘密、商业秘密或者个人隐私依法予以保密的，不公开举行）。")
    p(d, "四、听证主持人：{{ item.officers }}。")
    p(d, f"五、{YOU}可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，应当在听证前向本机关提交"
         "授权委托书，载明委托事项及权限。")
    p(d, f"六、{YOU}认为主持人与本案有直接利害关系的，有权申请回避。")
    p(d, f"七、{YOU}无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。")
    p(d, CONTACT)
    _receipt(d)
    _signature(d, code)
    return d


@_builds("reminder")
def reminder() -> DocxDocument:
    code = "reminder"
    d = _official(code)
    _addressee(d)
    p = layout.paragraph
    p(d, f"本机关于{{{{ decision.decided_on }}}}对{YOU}{{{{ case.title }}}}（案号：{{{{ case.number }}}}）"
         f"作出行政处罚决定{{% if decision.number %}}（{{{{ decision.number }}}}）{{% endif %}}：{{{{ decision.penalty }}}}。"
         f"{YOU}在决定书规定的期限内未履行（全部）义务。")
    p(d, "根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，本机关现依法催告如下：")
    p(d, "{{ court.reminder_text }}")
    p(d, "应缴金额：{{ court.reminder_amount }}元。缴款渠道：{{ bureau.payment_account }}。")
    p(d, "{{ decision.late_fee_warning }}")
    p(d, f"{YOU}收到本催告书后有权进行陈述和申辩，请于收到本催告书之日起三日内向本机关提出。"
         f"{YOU}逾期仍不履行的，本机关将依法申请人民法院强制执行。")
    p(d, CONTACT)
    _receipt(d)
    _signature(d, code)
    return d


@_builds("court_application")
def court_application() -> DocxDocument:
    code = "court_application"
    d = _official(code)
    _addressee(d, "{{ court.court }}")
    p = layout.paragraph
    p(d, "申请人：{{ bureau.name }}，地址：{{ bureau.address }}，联系电话：{{ bureau.phone }}。")
    p(d, "负责人：　　　　　　　职务：　　　　　　")
    _party_block(d, "被申请人")
    p(d, "申请执行事项：请求依法强制执行被申请人未缴纳的罚款{{ court.unpaid }}元"
         "{% if court.late_fee %}及加处罚款{{ court.late_fee }}元{% endif %}。")
    p(d, "事实与理由：本机关于{{ decision.decided_on }}对被申请人{{ case.title }}（案号：{{ case.number }}）"
         "作出行政处罚决定{% if decision.number %}（{{ decision.number }}）{% endif %}：{{ decision.penalty }}。被申请人在法定期限内未申请行政复议，也未提起行政诉讼，"
         "又不履行行政处罚决定。本机关于{{ court.reminder_served_on }}向被申请人送达催告书，"
         "被申请人经催告仍未履行。")
    p(d, "依据《中华人民共和国行政处罚法》第七十二条和《中华人民共和国行政强制法》第五十三条、第五十四条、"
         "第五十五条的规定，特申请贵院依法强制执行。")
    p(d, "此致")
    layout.paragraph(d, "{{ court.court }}", style=PLAIN_STYLE)
    p(d, "附件：1. 行政处罚决定书及送达回证；2. 催告书及送达回证；3. 当事人的意见及催告情况；"
         "4. 申请强制执行标的情况；5. 其他材料。")
    layout.blank(d, 2)
    layout.paragraph(d, "申请人：{{ bureau.name }}（印章）", style=SIGNATURE_STYLE)
    layout.paragraph(d, "负责人（签名）：　　　　　　", style=SIGNATURE_STYLE)
    layout.paragraph(d, "{{ document.issued_on }}", style=SIGNATURE_STYLE)
    return d


@_builds("transfer_letter")
def transfer_letter() -> DocxDocument:
    code = "transfer_letter"
    d = _official(code)
    _addressee(d, "{{ item.to_body }}")
    p = layout.paragraph
    p(d, "本机关在查处{{ party.name }}{{ case.title }}（案号：{{ case.number }}）过程中发现，{{ item.reason }}")
    p(d, "根据有关法律、法规的规定，该案不属于本机关管辖（或者涉嫌犯罪，依法应当追究刑事责任），"
         "现将该案移送你单位依法处理，并请将处理结果函告本机关。")
    p(d, "随函移送：案件材料（详见移送材料清单）。")
    p(d, CONTACT)
    _signature(d, code)
    return d


# --- forms --------------------------------------------------------------------------------------------------

FULL = 170.0  # type width of a portrait form, mm
COLS4 = (28.0, 57.0, 28.0, 57.0)


def _form(code: str, *, heading: str = "", case_number: bool = True, landscape: bool = False) -> DocxDocument:
    document = layout.form_page(_new(code), landscape=landscape)
    _drop_empty_body(document)
    layout.title(document, "{{ bureau.name }}")
    layout.title(document, heading or _label(code))
    if case_number:
        layout.paragraph(document, "案号：{{ case.number }}", style=SIGNATURE_STYLE)
    return document


def _table4(document: DocxDocument) -> Table:
    return layout.form_table(document, COLS4)


def _party_rows(table: Table) -> None:
    add_row(table, [label("当事人"), value("{{ party.name }}"), label("当事人类型"), value("{{ party.kind }}")])
    add_row(table, [label("{{ party.id_label }}"), value("{{ party.id_number }}"),
                    label("法定代表人（负责人）"), value("{{ party.representative }}")])
    add_row(table, [label("住所（地址）"), value("{{ party.address }}"), label("联系电话"), value("{{ party.phone }}")])


def _opinion(table: Table, heading: str, text: str, who: str, on: str, *, height: float = 28) -> None:
    add_row(table, [label(heading), value(text, f">{who}　　　{on}", span=3)], height_mm=height)


def _signatures(document: DocxDocument, *lines: str) -> None:
    layout.blank(document)
    for line in lines:
        layout.paragraph(document, line, style=PLAIN_STYLE)


@_builds("lead_register")
def lead_register() -> DocxDocument:
    d = _form("lead_register", case_number=False)
    t = _table4(d)
    add_row(t, [label("案源类型"), value("{{ lead.source }}"), label("登记日期"), value("{{ lead.registered_on }}")])
    add_row(t, [label("发现日期"), value("{{ lead.discovered_on }}"), label("地点"), value("{{ lead.place }}")])
    add_row(t, [label("来源说明"), value("{{ lead.reporter }}", span=3)])
    _party_rows(t)
    add_row(t, [label("基本情况"), value("{{ lead.facts }}", span=3)], height_mm=60)
    add_row(t, [label("登记人"), value("{{ lead.registered_by }}", span=3)])
    _opinion(t, "处理意见", "{{ filing.opinion }}", "负责人：{{ filing.approved_by }}", "{{ filing.approved_on }}")
    return d


@_builds("filing_approval")
def filing_approval() -> DocxDocument:
    d = _form("filing_approval")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    add_row(t, [label("执法事项"), value("{{ case.matter }}"), label("事项编码"), value("{{ case.matter_code }}")])
    add_row(t, [label("案件来源"), value("{{ lead.source }}"), label("发现日期"), value("{{ lead.discovered_on }}")])
    _party_rows(t)
    add_row(t, [label("违法行为地点"), value("{{ case.place }}"), label("发生日期"), value("{{ case.violation_on }}")])
    add_row(t, [label("基本情况"), value("{{ lead.facts }}", "{{ case.facts }}", span=3)], height_mm=45)
    add_row(t, [label("涉嫌违反的规定"), value("{{ case.basis }}", span=3)])
    add_row(t, [label("承办人意见"), value("经初步核查，当事人涉嫌违法，符合立案条件，建议立案调查。",
                                        ">承办人：" + OFFICER_NAMES, span=3)], height_mm=25)
    _opinion(t, "审批意见", "{{ filing.opinion }}", "审批人：{{ filing.approved_by }}", "{{ filing.approved_on }}")
    return d


@_builds("not_filing_approval")
def not_filing_approval() -> DocxDocument:
    d = _form("not_filing_approval", case_number=False)
    t = _table4(d)
    add_row(t, [label("案源类型"), value("{{ lead.source }}"), label("登记日期"), value("{{ lead.registered_on }}")])
    add_row(t, [label("发现日期"), value("{{ lead.discovered_on }}"), label("地点"), value("{{ lead.place }}")])
    add_row(t, [label("来源说明"), value("{{ lead.reporter }}", span=3)])
    _party_rows(t)
    add_row(t, [label("基本情况"), value("{{ lead.facts }}", span=3)], height_mm=45)
    add_row(t, [label("不予立案理由"), value("{{ lead.not_filed_reason }}", ">承办人：{{ lead.registered_by }}",
                                          span=3)], height_mm=35)
    _opinion(t, "审批意见", "{{ filing.opinion }}", "审批人：{{ filing.approved_by }}", "{{ filing.approved_on }}")
    return d


def _record_head(t: Table, who: str) -> None:
    add_row(t, [label("时间"), value("{{ item.started_at }} 至 {{ item.ended_at }}", span=3)])
    add_row(t, [label("地点"), value("{{ item.place }}", span=3)])
    add_row(t, [label(who), value("{{ item.subject }}", span=3)])
    add_row(t, [label("执法人员"), value("{{ item.officers }}"), label("记录人"), value("{{ item.recorder }}")])


IDENTIFY = ("执法人员{{ item.officers }}已向{{ item.subject }}出示执法证件，表明身份，告知其有如实提供情况、"
            "配合调查的义务，享有陈述、申辩的权利；认为执法人员与本案有直接利害关系或者其他关系可能影响公正执法的，"
            "有权申请回避。")


@_builds("inspection_record")
def inspection_record() -> DocxDocument:
    d = _form("inspection_record")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    _record_head(t, "当事人（在场人）")
    _party_rows(t)
    add_row(t, [label("告知事项"), value(IDENTIFY, span=3)])
    add_row(t, [label("检查（勘验）情况"), value("{{ item.content }}", span=3)], height_mm=90)
    _signatures(d, "以上笔录已经本人核对（已向本人宣读），与现场情况一致。",
                f"当事人（在场人）签名：　　　　　　　{BLANK_DATE}",
                f"执法人员签名：　　　　　　　　　　　{BLANK_DATE}",
                f"记录人签名：　　　　　　　　　　　　{BLANK_DATE}")
    return d


@_builds("inquiry_record")
def inquiry_record() -> DocxDocument:
    d = _form("inquiry_record")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    _record_head(t, "被询问人")
    add_row(t, [label("告知事项"), value(
        "我们是{{ bureau.name }}的执法人员，这是我们的执法证件（出示证件）。现依法就{{ case.title }}向你了解情况，"
        "请你如实回答。你有陈述和申辩的权利；如认为执法人员与本案有直接利害关系，可以申请回避。你听清楚了吗？",
        span=3)])
    add_row(t, [label("询问内容"), value("{{ item.content }}", span=3)], height_mm=90)
    _signatures(d, "以上笔录我已看过（已向我宣读），与我所说的一致。",
                f"被询问人签名：　　　　　　　　　　　{BLANK_DATE}",
                f"执法人员签名：　　　　　　　　　　　{BLANK_DATE}",
                f"记录人签名：　　　　　　　　　　　　{BLANK_DATE}")
    return d


@_builds("statement_record")
def statement_record() -> DocxDocument:
    d = _form("statement_record")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    add_row(t, [label("日期"), value("{{ item.on }}"), label("记录人"), value("{{ item.recorder }}")])
    add_row(t, [label("执法人员"), value(OFFICER_NAMES, span=3)])
    _party_rows(t)
    add_row(t, [label("拟处罚"), value("{{ notice.penalty }}", span=3)])
    add_row(t, [label("陈述申辩内容"), value("{{ item.content }}", span=3)], height_mm=80)
    add_row(t, [label("复核意见"), value("{{ item.outcome }}", "{{ item.opinion }}", span=3)], height_mm=30)
    _signatures(d, "以上笔录我已看过（已向我宣读），与我所说的一致。",
                f"陈述申辩人签名：　　　　　　　　　　{BLANK_DATE}",
                f"执法人员签名：　　　　　　　　　　　{BLANK_DATE}",
                f"记录人签名：　　　　　　　　　　　　{BLANK_DATE}")
    return d


@_builds("hearing_record")
def hearing_record() -> DocxDocument:
    d = _form("hearing_record")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    add_row(t, [label("时间"), value("{{ item.on }}"), label("地点"), value("{{ item.place }}")])
    add_row(t, [label("听证方式"), value("{{ item.kind }}"), label("主持人"), value("{{ item.officers }}")])
    add_row(t, [label("听证员"), value(""), label("记录员"), value("{{ item.recorder }}")])
    add_row(t, [label("委托代理人"), value("{{ item.subject }}", span=3)])
    _party_rows(t)
    add_row(t, [label("案件调查人员"), value(OFFICERS, span=3)])
    add_row(t, [label("听证过程"), value(
        "主持人宣布听证纪律和当事人的权利义务，核对听证参加人身份，询问当事人是否申请回避；案件调查人员提出当事人违法的"
        "事实、证据和行政处罚建议；当事人进行申辩和质证；双方辩论；当事人最后陈述。", "{{ item.content }}", span=3)],
        height_mm=90)
    add_row(t, [label("听证结果"), value("{{ item.outcome }}", span=3)])
    add_row(t, [label("主持人意见"), value("{{ item.opinion }}", span=3)], height_mm=25)
    _signatures(d, "以上笔录已经听证参加人核对（已向其宣读），确认无误。",
                f"当事人（委托代理人）签名：　　　　　{BLANK_DATE}",
                f"案件调查人员签名：　　　　　　　　　{BLANK_DATE}",
                "主持人签名：　　　　　听证员签名：　　　　　记录员签名：　　　　　")
    return d


@_builds("investigation_report")
def investigation_report() -> DocxDocument:
    d = _form("investigation_report")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    add_row(t, [label("立案日期"), value("{{ case.filed_on }}"), label("程序"), value("{{ case.procedure }}")])
    _party_rows(t)
    add_row(t, [label("承办人"), value(OFFICERS, span=3)])
    add_row(t, [label("调查认定的事实"), value("{{ report.facts_found }}", EVIDENCE, span=3)], height_mm=55)
    add_row(t, [label("违反的规定"), value("{{ case.basis }}", span=3)])
    add_row(t, [label("处罚依据"), value("{{ case.penalty_basis }}", span=3)])
    add_row(t, [label("处罚种类及幅度"), value("{{ case.penalty_range }}", span=3)])
    add_row(t, [label("裁量情节与建议"), value("{{ report.discretion }}", span=3)], height_mm=20)
    add_row(t, [label("偏离裁量基准"), value("{{ report.deviation }}"), label("偏离理由"),
                value("{{ report.deviation_reason }}")])
    add_row(t, [label("处理意见"), value("{{ report.outcome }}"), label("拟处罚"), value("{{ report.penalty }}")])
    add_row(t, [label("须法制审核的依据"), value("{{ report.legal_review_grounds }}", span=3)])
    add_row(t, [label("报告人"), value("{{ report.author }}"), label("报告日期"), value("{{ report.written_on }}")])
    return d


@_builds("legal_review_opinion")
def legal_review_opinion() -> DocxDocument:
    d = _form("legal_review_opinion")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    _party_rows(t)
    add_row(t, [label("承办人"), value(OFFICERS, span=3)])
    add_row(t, [label("送审事由"), value("{{ report.legal_review_grounds }}", span=3)])
    add_row(t, [label("违法事实"), value("{{ report.facts_found }}", span=3)], height_mm=35)
    add_row(t, [label("拟处理意见"), value("{{ report.outcome }}：{{ report.penalty }}", span=3)])
    add_row(t, [label("审核内容"), value(
        "执法主体是否合法，执法人员是否具备执法资格；案件事实是否清楚，证据是否合法充分；适用法律、法规、规章是否准确，"
        "裁量基准运用是否适当；执法程序是否合法；执法文书是否规范齐全；违法行为是否涉嫌犯罪需要移送司法机关。",
        span=3)])
    add_row(t, [label("审核意见"), value("{{ legal_review.opinion }}", span=3)], height_mm=45)
    add_row(t, [label("审核结论"), value("{{ legal_review.decision }}", span=3)])
    add_row(t, [label("审核人"), value("{{ legal_review.reviewer }}"), label("审核日期"),
                value("{{ legal_review.decided_on }}")])
    return d


@_builds("discussion_record")
def discussion_record() -> DocxDocument:
    d = _form("discussion_record")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    add_row(t, [label("时间"), value("{{ discussion.held_at }}"), label("地点"), value("{{ discussion.place }}")])
    add_row(t, [label("主持人"), value(""), label("记录人"), value("")])
    add_row(t, [label("参加人员"), value("{{ discussion.participants }}", span=3)])
    add_row(t, [label("汇报人"), value(OFFICER_NAMES, span=3)])
    _party_rows(t)
    add_row(t, [label("案件事实及拟处理意见"), value(
        "{{ report.facts_found }}", "拟处理意见：{{ report.outcome }}；{{ report.penalty }}。",
        "法制审核意见：{{ legal_review.opinion }}", span=3)], height_mm=45)
    add_row(t, [label("讨论意见"), value("{{ discussion.opinions }}", span=3)], height_mm=60)
    add_row(t, [label("讨论结论"), value("{{ discussion.conclusion }}（{{ discussion.approved }}拟处理意见）", span=3)],
            height_mm=20)
    _signatures(d, "参加人员签名：")
    return d


@_builds("service_receipt")
def service_receipt() -> DocxDocument:
    d = _form("service_receipt")
    t = layout.form_table(d, (34.0, 51.0, 34.0, 51.0))
    add_row(t, [label("送达文书名称"), value("{{ item.kind }}", span=3)], height_mm=14)
    add_row(t, [label("文书编号"), value("{{ item.document_number }}", span=3)], height_mm=10)
    add_row(t, [label("受送达人"), value("{{ item.subject }}", span=3)], height_mm=10)
    add_row(t, [label("送达地点"), value("{{ item.address }}", span=3)], height_mm=10)
    add_row(t, [label("送达方式"), value("{{ item.method }}"), label("送达日期"), value("{{ item.on }}")], height_mm=10)
    add_row(t, [label("受送达人签名（盖章）"), value("", f">{BLANK_DATE}", span=3)], height_mm=25)
    add_row(t, [label("代收人及代收理由"), value("", f">{BLANK_DATE}", span=3)], height_mm=20)
    add_row(t, [label("见证人"), value("{{ item.witnesses }}", f">见证人签名：　　　　　　{BLANK_DATE}", span=3)],
            height_mm=20)
    add_row(t, [label("送达人"), value("{{ item.recorder }}", f">送达人签名：　　　　　　{BLANK_DATE}", span=3)],
            height_mm=20)
    add_row(t, [label("备注"), value(
        "受送达人拒绝签收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在送达回证上记明拒收事由和日期，"
        "由送达人、见证人签名或者盖章，把文书留在受送达人的住所，即视为送达。", span=3)], height_mm=20)
    return d


@_builds("payment_plan_approval")
def payment_plan_approval() -> DocxDocument:
    d = _form("payment_plan_approval")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    _party_rows(t)
    add_row(t, [label("处罚决定"), value("{{ decision.penalty }}"), label("决定日期"), value("{{ decision.decided_on }}")])
    add_row(t, [label("罚款金额"), value("{{ decision.fine_yuan }}元（{{ decision.fine_capital }}）"),
                label("申请方式"), value("{{ item.kind }}")])
    add_row(t, [label("当事人申请理由"), value("{{ item.reason }}", span=3)], height_mm=35)
    add_row(t, [label("延期（分期）安排"), value("{{ item.instalments }}", span=3)], height_mm=25)
    add_row(t, [label("承办人意见"), value(
        "当事人确有经济困难，依据《中华人民共和国行政处罚法》第六十六条第二款的规定，建议同意其延期（分期）缴纳罚款。",
        ">承办人：" + OFFICER_NAMES, span=3)], height_mm=25)
    _opinion(t, "审批意见", "{{ item.opinion }}", "审批人：{{ item.approved_by }}", "{{ item.approved_on }}")
    return d


@_builds("closing_approval")
def closing_approval() -> DocxDocument:
    d = _form("closing_approval")
    t = _table4(d)
    add_row(t, [label("案由"), value("{{ case.title }}", span=3)])
    _party_rows(t)
    add_row(t, [label("立案日期"), value("{{ case.filed_on }}"), label("决定日期"), value("{{ decision.decided_on }}")])
    add_row(t, [label("处理结果"), value("{{ decision.kind }}：{{ decision.penalty }}", span=3)], height_mm=15)
    add_row(t, [label("执行情况"), value("{{ closing.performance }}", span=3)], height_mm=30)
    add_row(t, [label("结案情形"), value("{{ closing.reason }}"), label("结案日期"), value("{{ closing.closed_on }}")])
    add_row(t, [label("承办人意见"), value("本案已办理终结，建议结案。", ">承办人：" + OFFICER_NAMES, span=3)],
            height_mm=22)
    _opinion(t, "审批意见", "", "审批人：{{ closing.approved_by }}", "{{ closing.approved_on }}")
    return d


# --- the case file (电子卷宗) ----------------------------------------------------------------------------


@_builds("file_cover")
def file_cover() -> DocxDocument:
    code = "file_cover"
    d = layout.form_page(_new(code))
    _drop_empty_body(d)
    layout.blank(d, 2)
    layout.title(d, "{{ bureau.name }}")
    layout.blank(d)
    layout.title(d, "行政处罚案卷", size_pt=36)
    layout.blank(d, 3)
    t = layout.form_table(d, (40.0, 130.0))
    rows = (
        ("案卷题名", "{{ archive.title }}"),
        ("案号", "{{ case.number }}"),
        ("当事人", "{{ party.name }}"),
        ("处理结果", "{{ decision.penalty }}"),
        ("立案日期", "{{ case.filed_on }}"),
        ("结案日期", "{{ closing.closed_on }}"),
        ("卷内页数", "本卷共 {{ archive.document_count }} 件文书、{{ archive.evidence_count }} 件证据，"
                     "共 {{ archive.total_pages }} 页"),
        ("保管期限", "{{ archive.retention }}"),
        ("立卷人", "{{ archive.built_by }}"),
        ("检查人", "{{ archive.checked_by }}"),
        ("立卷日期", "{{ archive.built_on }}（第 {{ archive.version }} 版）"),
    )
    for heading, text in rows:
        add_row(t, [label(heading), value(text)], height_mm=12)
    layout.blank(d, 2)
    layout.paragraph(d, "全宗号：　　　　　　目录号：　　　　　　案卷号：　　　　　　", style=PLAIN_STYLE)
    return d


@_builds("file_catalog")
def file_catalog() -> DocxDocument:
    d = _form("file_catalog")
    layout.paragraph(d, "案卷题名：{{ archive.title }}", style=PLAIN_STYLE)
    t = layout.form_table(d, (10.0, 50.0, 42.0, 30.0, 14.0, 24.0))
    add_row(t, [label(h) for h in ("序号", "文号", "题名", "日期", "页号", "备注")], height_mm=10)
    layout.tag_row(t, "{%tr for e in archive.entries %}")
    add_row(t, [value("{{ e.index }}", align="center"), value("{{ e.number }}"), value("{{ e.title }}"),
                value("{{ e.date }}", align="center"), value("{{ e.page }}", align="center"), value("")],
            height_mm=9)
    layout.tag_row(t, "{%tr endfor %}")
    return d


@_builds("evidence_list")
def evidence_list() -> DocxDocument:
    d = _form("evidence_list")
    layout.paragraph(d, "案卷题名：{{ archive.title }}　　证据 {{ archive.evidence_count }} 件", style=PLAIN_STYLE)
    t = layout.form_table(d, (9.0, 24.0, 12.0, 25.0, 15.0, 33.0, 52.0))
    add_row(t, [label(h) for h in ("序号", "证据名称", "类型", "取证日期", "取证人", "文件名", "SHA-256")], height_mm=10)
    layout.tag_row(t, "{%tr for e in archive.evidence %}")
    add_row(t, [value("{{ e.index }}", align="center"), value("{{ e.title }}"), value("{{ e.kind }}"),
                value("{{ e.collected_on }}"), value("{{ e.collected_by }}"), value("{{ e.file }}（{{ e.size }}）"),
                value("{{ e.sha256 }}", size_pt=layout.FORM_SMALL_PT)])
    layout.tag_row(t, "{%tr endfor %}")
    layout.paragraph(d, "SHA-256 为电子证据文件的哈希值，可用于核对文件自取证以来未被改动。", style=PLAIN_STYLE)
    return d


@_builds("file_record_sheet")
def file_record_sheet() -> DocxDocument:
    d = _form("file_record_sheet")
    t = layout.form_table(d, (40.0, 130.0))
    add_row(t, [label("本卷情况说明"), value(
        "本卷共有文书 {{ archive.document_count }} 件、证据材料 {{ archive.evidence_count }} 件，"
        "共 {{ archive.total_pages }} 页。", "{{ archive.note }}")], height_mm=120)
    add_row(t, [label("立卷人"), value("{{ archive.built_by }}", f">{BLANK_DATE}")], height_mm=18)
    add_row(t, [label("检查人"), value("{{ archive.checked_by }}", f">{BLANK_DATE}")], height_mm=18)
    add_row(t, [label("立卷日期"), value("{{ archive.built_on }}")], height_mm=12)
    return d


# --- bytes --------------------------------------------------------------------------------------------------


def _stable_zip(raw: bytes) -> bytes:
    """The same package with fixed member timestamps (python-docx stamps each member with the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


@functools.cache
def builtin_template(code: str) -> bytes:
    """The .docx bytes of the shipped template for the kind `code`; identical bytes on every call."""
    try:
        builder = BUILDERS[code]
    except KeyError:
        raise KeyError(f"no built-in template for document kind {code!r}") from None
    buffer = io.BytesIO()
    builder().save(buffer)
    return _stable_zip(buffer.getvalue())


_missing = {kind.code for kind in KINDS} - set(BUILDERS)
if _missing:  # pragma: no cover - a kind added to kinds.KINDS without a template
    raise RuntimeError(f"document kinds without a built-in template: {sorted(_missing)}")
