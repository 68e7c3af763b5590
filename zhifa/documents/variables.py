"""The variables a template may use: one namespace per part of the case, each field with its meaning and a
sample value.

This table is the contract between `zhifa.documents.context` (which fills the namespaces from a case) and
the .docx templates (the shipped ones in `zhifa.documents.builtin`, and those a bureau uploads). The
template screen lists it for each kind; an uploaded template that names a namespace its kind does not
offer is refused with the list of unknown names; the sample values make the preview of a template.

In a template: `{{ party.name }}`, `{% for o in officers %}{{ o.name }}（{{ o.certificate }}）{% endfor %}`,
table rows `{%tr for e in archive.evidence %}` (docxtpl syntax). Every value is text; dates read
"2026年11月28日"; amounts read "2000" (元) with `fine_capital` in capitals ("贰仟元整").
"""

from __future__ import annotations

from dataclasses import dataclass

from zhifa.documents.kinds import KINDS, DocumentKind


@dataclass(frozen=True)
class Namespace:
    name: str
    label: str
    fields: dict[str, tuple[str, object]]  # field → (meaning, sample value)
    is_list: bool = False  # a list of rows, each row with these fields

    def sample(self) -> object:
        row = {field: value for field, (_meaning, value) in self.fields.items()}
        return [row, dict(row)] if self.is_list else row


_PARTY_FIELDS: dict[str, tuple[str, object]] = {
    "kind": ("当事人类型", "法人或其他组织"),
    "name": ("姓名或名称", "红寺堡区某某建材有限公司"),
    "id_label": ("证件名称", "统一社会信用代码"),
    "id_number": ("身份证号或统一社会信用代码", "91640303MA76XXXX1B"),
    "representative": ("法定代表人（负责人）", "王某某"),
    "address": ("住所或地址", "红寺堡区新庄集乡某某村"),
    "phone": ("联系电话", "0953-5000000"),
}

NAMESPACES: dict[str, Namespace] = {ns.name: ns for ns in (
    Namespace("bureau", "执法机关", {
        "name": ("机关名称", "吴忠市红寺堡区综合行政执法局"),
        "short_name": ("简称（文号用）", "红综执"),
        "address": ("地址", "红寺堡区罗山路1号"),
        "phone": ("联系电话", "0953-5011234"),
        "district": ("所属区县", "红寺堡区"),
        "reconsideration_body": ("行政复议机关", "吴忠市红寺堡区人民政府"),
        "litigation_court": ("行政诉讼管辖法院", "吴忠市红寺堡区人民法院"),
        "payment_account": ("罚款缴纳方式（代收银行及账户）", "宁夏银行红寺堡支行（非税收入代收账户）"),
    }),
    Namespace("case", "案件", {
        "number": ("案号", "红综执立〔2026〕第12号"),
        "title": ("案由", "未经批准擅自占用城市道路案"),
        "matter": ("执法事项名称", "对擅自占用城市道路的行政处罚"),
        "matter_code": ("事项编码", "330217004000"),
        "facts": ("违法事实", "当事人于2026年9月3日在罗山路擅自堆放建筑材料，占用人行道约40平方米。"),
        "place": ("违法行为地点", "红寺堡区罗山路与文化街交叉口"),
        "violation_on": ("违法行为发生日期", "2026年9月3日"),
        "filed_on": ("立案日期", "2026年9月4日"),
        "decided_on": ("决定日期", "2026年10月20日"),
        "closed_on": ("结案日期", "2026年11月20日"),
        "closing_reason": ("结案情形", "当事人已全部履行"),
        "state": ("办理状态", "已结案"),
        "procedure": ("程序", "普通程序"),
        "basis": ("法律依据（条文）", "《城市道路管理条例》第二十七条第（六）项"),
        "penalty_basis": ("处罚依据（条文）", "《城市道路管理条例》第四十二条"),
        "penalty_range": ("处罚种类及幅度", "责令限期改正，可以处以2万元以下的罚款"),
    }),
    Namespace("party", "当事人（第一当事人）", _PARTY_FIELDS),
    Namespace("parties", "全部当事人", _PARTY_FIELDS, is_list=True),
    Namespace("officers", "办案执法人员", {
        "name": ("姓名", "张某某"),
        "certificate": ("执法证号", "64030300123"),
        "role": ("分工", "主办"),
    }, is_list=True),
    Namespace("lead", "案件来源", {
        "source": ("案源类型", "巡查发现"),
        "discovered_on": ("发现日期", "2026年9月3日"),
        "place": ("地点", "红寺堡区罗山路与文化街交叉口"),
        "facts": ("基本情况", "巡查发现罗山路人行道堆放建筑材料。"),
        "reporter": ("来源说明", "12345工单 2026090300123"),
        "registered_on": ("登记日期", "2026年9月3日"),
        "registered_by": ("登记人", "张某某"),
        "not_filed_reason": ("不予立案理由", "经核查，违法事实不能成立。"),
    }),
    Namespace("filing", "立案审批", {
        "opinion": ("审批意见", "同意立案"),
        "approved_by": ("审批人", "李某某"),
        "approved_on": ("审批日期", "2026年9月4日"),
    }),
    Namespace("report", "调查终结报告", {
        "facts_found": ("调查认定的事实", "经查，当事人擅自占用城市道路堆放建筑材料，影响通行。"),
        "outcome": ("处理意见", "给予行政处罚"),
        "penalty": ("拟处罚", "警告、罚款2000元"),
        "discretion": ("裁量情节与建议", "一般情节；建议罚款1000元至5000元"),
        "deviation": ("偏离裁量基准的情况", "无"),
        "deviation_reason": ("偏离理由", "无"),
        "legal_review_grounds": ("须法制审核的依据", "无"),
        "author": ("报告人", "张某某"),
        "written_on": ("报告日期", "2026年10月8日"),
    }),
    Namespace("legal_review", "法制审核", {
        "opinion": ("审核意见", "事实清楚，证据确凿，程序合法，适用依据正确，裁量适当。"),
        "reviewer": ("审核人", "赵某某"),
        "decision": ("审核结论", "同意（通过）"),
        "decided_on": ("审核日期", "2026年10月10日"),
    }),
    Namespace("discussion", "集体讨论", {
        "held_at": ("讨论时间", "2026年10月12日 15:00"),
        "place": ("地点", "局三楼会议室"),
        "participants": ("参加人员", "李某某、赵某某、孙某某"),
        "opinions": ("各参加人员意见", "李某某：同意。赵某某：同意。"),
        "conclusion": ("讨论结论", "同意拟处理意见。"),
        "approved": ("是否同意拟处理意见", "同意"),
    }),
    Namespace("notice", "事先告知", {
        "facts": ("违法事实", "当事人擅自占用城市道路堆放建筑材料。"),
        "reasons": ("理由及依据", "违反《城市道路管理条例》第二十七条第（六）项"),
        "penalty": ("拟作出的处罚", "警告、罚款2000元"),
        "hearing_right": ("是否告知听证权利", "是"),
        "served_on": ("送达日期", "2026年10月13日"),
        "statement_due": ("陈述申辩期限", "2026年10月20日"),
        "hearing_request_due": ("听证申请期限", "2026年10月20日"),
    }),
    Namespace("decision", "处罚决定", {
        "kind": ("决定类型", "行政处罚决定"),
        "number": ("已签发的决定书文号（催告书、强制执行申请书等引用）", "红综执罚决字〔2026〕第12号"),
        "decided_on": ("决定日期", "2026年10月20日"),
        "penalty": ("处罚内容", "警告、罚款2000元"),
        "fine_yuan": ("罚款金额（元）", "2000"),
        "fine_capital": ("罚款金额（大写）", "贰仟元整"),
        "reasons": ("理由", "当事人的行为违反了《城市道路管理条例》第二十七条第（六）项的规定。"),
        "payment_manner": ("履行方式和期限", "自收到本决定书之日起十五日内，到宁夏银行红寺堡支行缴纳罚款。"),
        "remedies": ("申请行政复议、提起行政诉讼的途径和期限",
                     "如不服本决定，可以在收到本决定书之日起六十日内向吴忠市红寺堡区人民政府申请行政复议，"
                     "也可以在六个月内依法向吴忠市红寺堡区人民法院提起行政诉讼。"),
        "late_fee_warning": ("逾期加处罚款告知", "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。"),
    }),
    Namespace("court", "催告与申请强制执行", {
        "reminder_served_on": ("催告书送达日期", "2026年12月1日"),
        "reminder_amount": ("催告金额（元）", "2000"),
        "reminder_text": ("催告内容", "请于收到本催告书之日起十日内缴纳罚款2000元。"),
        "applied_on": ("申请日期", "2027年6月1日"),
        "court": ("受理法院", "吴忠市红寺堡区人民法院"),
        "unpaid": ("未履行金额（元）", "2000"),
        "late_fee": ("加处罚款（元）", "2000"),
    }),
    Namespace("closing", "结案", {
        "closed_on": ("结案日期", "2026年11月20日"),
        "reason": ("结案情形", "当事人已全部履行"),
        "performance": ("执行情况", "罚款2000元已于2026年10月28日缴纳"),
        "approved_by": ("审批人", "李某某"),
        "approved_on": ("审批日期", "2026年11月20日"),
    }),
    Namespace("item", "本文书对应的记录（笔录、措施、送达、听证等）", {
        "title": ("名称", "询问笔录（第1次）"),
        "kind": ("类型", "询问笔录"),
        "place": ("地点", "局二楼询问室"),
        "started_at": ("开始时间", "2026年9月5日 09:00"),
        "ended_at": ("结束时间", "2026年9月5日 09:40"),
        "on": ("日期", "2026年9月5日"),
        "subject": ("被询问人、在场人或受送达人", "王某某"),
        "content": ("内容", "问：你是否知道占用城市道路须经批准？答：知道。"),
        "officers": ("执法人员", "张某某、刘某某"),
        "recorder": ("记录人", "刘某某"),
        "goods": ("物品清单（查封、扣押、先行登记保存的财物）", "水泥20袋、砖块约500块"),
        "due": ("期限", "2026年9月12日"),
        "method": ("方式", "直接送达"),
        "document_number": ("送达文书的文号", "红综执罚决字〔2026〕第12号"),
        "address": ("地址", "红寺堡区新庄集乡某某村"),
        "witnesses": ("见证人", "无"),
        "outcome": ("结果或结论", "已举行"),
        "opinion": ("意见", "同意"),
        "to_body": ("接收机关", "吴忠市公安局红寺堡区分局"),
        "instalments": ("分期安排", "2026年11月30日缴纳1000元；2026年12月31日缴纳1000元"),
        "reason": ("理由", "当事人经营困难，申请分期缴纳。"),
        "approved_by": ("审批人", "李某某"),
        "approved_on": ("审批日期", "2026年10月25日"),
    }),
    Namespace("extra", "起草时填写的内容", {
        "requirement": ("改正要求", "立即清除占道堆放的建筑材料，恢复道路原状。"),
        "deadline": ("改正期限", "2026年9月10日"),
    }),
    Namespace("document", "本文书", {
        "title": ("文书名称", "行政处罚决定书"),
        "number": ("文号", "红综执罚决字〔2026〕第12号"),
        "issued_on": ("签发日期", "2026年10月20日"),
        "verify_code": ("核验码", "7KQ2-M9XD"),
        "verify_url": ("核验网址", "http://127.0.0.1:8000/verify/7KQ2M9XD"),
        "qr": ("核验二维码（图片，写作 {{ document.qr }}）", "[二维码]"),
    }),
    Namespace("archive", "电子卷宗", {
        "title": ("卷宗题名", "红寺堡区某某建材有限公司未经批准擅自占用城市道路案"),
        "version": ("卷宗版本", "1"),
        "built_on": ("立卷日期", "2026年11月21日"),
        "built_by": ("立卷人", "张某某"),
        "checked_by": ("检查人", "李某某"),
        "retention": ("保管期限", "长期"),
        "total_pages": ("卷内页数", "42"),
        "document_count": ("文书件数", "12"),
        "evidence_count": ("证据件数", "200"),
        "note": ("卷内情况说明", "本卷共12件文书，证据材料200件，均为电子文件。"),
        "entries": ("卷内目录（列表：index 序号, number 文号, title 题名, date 日期, pages 页数, page 起始页号）",
                    "[列表]"),
        "evidence": ("证据清单（列表：index 序号, title 证据名称, kind 类型, collected_on 取证日期, "
                     "collected_by 取证人, file 文件名, size 大小, sha256 SHA-256）", "[列表]"),
    }),
    Namespace("today", "今天的日期", {}),
)}

_LIST_SAMPLES = {
    "entries": [{"index": "1", "number": "红综执罚决字〔2026〕第12号", "title": "行政处罚决定书", "date": "2026年10月20日",
                 "pages": "3", "page": "1"},
                {"index": "2", "number": "", "title": "送达回证", "date": "2026年10月21日", "pages": "1", "page": "4"}],
    "evidence": [{"index": "1", "title": "现场照片", "kind": "照片", "collected_on": "2026年9月3日",
                  "collected_by": "张某某", "file": "IMG_0001.jpg", "size": "1.2 MB",
                  "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
}

# What every kind may use, and what each source adds on top.
_COMMON = ("bureau", "case", "party", "parties", "officers", "lead", "document", "today")
_BY_SOURCE = {
    "case": ("filing", "report", "legal_review", "discussion", "notice", "decision", "court", "closing", "extra"),
    "lead": ("filing",),
    "archive": ("archive", "decision", "closing"),
}
_ITEM_SOURCES = {"record", "preservation", "seizure", "statement", "hearing", "service", "payment_plan", "transfer"}


def namespaces_for(kind: DocumentKind) -> tuple[str, ...]:
    """The namespaces a template of this kind may name."""
    extra = _BY_SOURCE["case"] + ("item",) if kind.source in _ITEM_SOURCES else _BY_SOURCE[kind.source]
    return _COMMON + tuple(extra)


def sample_context() -> dict[str, object]:
    """A whole fictitious case: the values the template screen's preview fills in."""
    context: dict[str, object] = {name: ns.sample() for name, ns in NAMESPACES.items()}
    context["today"] = "2026年11月28日"
    archive = dict(context["archive"])  # type: ignore[call-overload]
    archive.update(_LIST_SAMPLES)
    context["archive"] = archive
    return context


def variables_by_kind() -> dict[str, tuple[str, ...]]:
    return {kind.code: namespaces_for(kind) for kind in KINDS}
