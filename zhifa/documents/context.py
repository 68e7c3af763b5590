"""Fill the template variables (see `zhifa.documents.variables`) from a case.

Every value is text, formatted the way the document prints it, so that what an issued document was filled
with can be kept as JSON (`Document.context`) and the document re-rendered byte for byte later. A namespace
whose rows do not exist yet (no hearing, no decision) is filled with empty strings; whether a kind may be
drafted at all is decided by `item_required` and, for the penalty decision, by `checks.art59_missing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from zhifa.accounts.models import Bureau
from zhifa.cases.models import (
    Approval,
    Case,
    CaseOfficer,
    CollectiveDiscussion,
    CourtEnforcement,
    Decision,
    Hearing,
    InvestigationReport,
    Lead,
    Party,
    PaymentPlan,
    Preservation,
    PriorNotice,
    Record,
    Seizure,
    Service,
    Statement,
    Transfer,
)
from zhifa.cases.performance import Performance
from zhifa.documents.kinds import KINDS, DocumentKind
from zhifa.documents.models import Document, DocumentSettings
from zhifa.documents.variables import NAMESPACES
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError
from zhifa.lib.money import fen_to_yuan

Row = dict[str, str]
_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def date_text(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def datetime_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{date_text(local.date())} {local:%H:%M}"


def yuan_capital(fen: int) -> str:
    """Capital figures for an amount (大写金额): 200000 → '贰仟元整', 123456 → '壹仟贰佰叁拾肆元伍角陆分'."""
    if fen < 0:
        raise ValueError("negative amount")
    yuan, rest = divmod(fen, 100)
    jiao, cent = divmod(rest, 10)
    text = _integer_capital(yuan) + "元" if yuan else ""
    if not jiao and not cent:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if cent:
        text += _DIGITS[cent] + "分"
    return text


def _integer_capital(number: int) -> str:
    """Capitals for a whole number of yuan, grouped by 万 and 亿."""
    groups: list[int] = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    text = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            if text and not text.endswith("零"):
                text += "零"
            continue
        if text and group < 1000 and not text.endswith("零"):
            text += "零"
        text += _group_capital(group) + ("", "万", "亿", "万亿")[index]
    return text.rstrip("零")


def _group_capital(group: int) -> str:
    text = ""
    for unit, divisor in (("仟", 1000), ("佰", 100), ("拾", 10), ("", 1)):
        digit = group // divisor % 10
        if digit:
            text += _DIGITS[digit] + unit
        elif text and not text.endswith("零") and group % divisor:
            text += "零"
    return text


def penalty_text(*, warning: bool, fine_fen: int | None, other: str = "", confiscation: str = "") -> str:
    parts = ["警告"] if warning else []
    if fine_fen:
        parts.append(f"罚款{fen_to_yuan(fine_fen)}元")
    if confiscation:
        parts.append(f"没收{confiscation}")
    if other:
        parts.append(other)
    return "、".join(parts)


def _blank(namespace: str) -> Row:
    return {field: "" for field in NAMESPACES[namespace].fields}


def _filled(namespace: str, values: dict[str, str]) -> Row:
    row = _blank(namespace)
    row.update({key: value for key, value in values.items() if key in row})
    return row


# --- the namespaces -------------------------------------------------------------------------------------------
def bureau_row(bureau: Bureau) -> Row:
    settings_row = DocumentSettings.objects.filter(bureau=bureau).first() or DocumentSettings(bureau=bureau)
    return _filled("bureau", {
        "name": bureau.name, "short_name": bureau.short_name, "address": bureau.address, "phone": bureau.phone,
        "district": bureau.district, "reconsideration_body": settings_row.reconsideration_body,
        "litigation_court": settings_row.litigation_court, "payment_account": settings_row.payment_account,
    })


def party_row(party: Party) -> Row:
    organisation = party.kind == Party.Kind.ORGANISATION
    id_number = party.credit_code if organisation else _unsealed(party.id_number_sealed) or party.id_number_masked
    return _filled("party", {
        "kind": party.get_kind_display(), "name": party.name,
        "id_label": "统一社会信用代码" if organisation else "身份证号码", "id_number": id_number,
        "representative": party.representative, "address": party.address,
        "phone": _unsealed(party.phone_sealed) or party.phone_masked,
    })


def _unsealed(token: str) -> str:
    # The document goes to the party and into the sealed case file: it carries the full identifier.
    return crypto.unseal(token) if token else ""


def case_row(case: Case) -> Row:
    bases = list(case.matter.bases.all())
    return _filled("case", {
        "number": case.number, "title": case.title, "matter": case.matter.name, "matter_code": case.matter.code,
        "facts": case.facts, "place": case.lead.place, "violation_on": date_text(case.violation_on),
        "filed_on": date_text(case.filed_on), "decided_on": date_text(case.decided_on),
        "closed_on": date_text(case.closed_on), "closing_reason": case.closing_reason,
        "state": case.get_state_display(), "procedure": case.get_procedure_display(),
        "basis": "、".join(b.citation for b in bases if b.kind == "violation"),
        "penalty_basis": "、".join(b.citation for b in bases if b.kind == "penalty"),
        "penalty_range": case.matter.penalty_summary,
    })


def officer_rows(case: Case, on: dt.date) -> list[Row]:
    rows = []
    links = case.case_officers.filter(recused=False).select_related("officer").prefetch_related(
        "officer__certificates").order_by("id")
    for link in links:
        certificate = link.officer.current_certificate(on)
        rows.append({"name": link.officer.name, "certificate": certificate.number if certificate else "",
                     "role": CaseOfficer.Role(link.role).label})
    return rows


def lead_row(lead: Lead) -> Row:
    return _filled("lead", {
        "source": lead.get_source_display(), "discovered_on": date_text(lead.discovered_on), "place": lead.place,
        "facts": lead.facts, "reporter": lead.reporter,
        "registered_on": date_text(timezone.localtime(lead.registered_at).date()),
        "registered_by": _person(lead.registered_by), "not_filed_reason": lead.not_filed_reason,
    })


def _person(user: Any) -> str:
    if user is None:
        return ""
    officer = getattr(user, "officer", None)
    return officer.name if officer is not None else (user.get_full_name() or user.username)


def _approval(approvals: list[Approval], kind: str) -> Approval | None:
    """The latest decided approval of this kind (the last round wins)."""
    decided = [a for a in approvals if a.kind == kind and a.decision != Approval.Decision.PENDING]
    return decided[-1] if decided else None


def filing_row(lead: Lead, approvals: list[Approval]) -> Row:
    approval = _approval(approvals, Approval.Kind.FILING)
    if approval is None:
        return _blank("filing")
    return _filled("filing", {"opinion": approval.opinion or approval.get_decision_display(),
                              "approved_by": _person(approval.decided_by),
                              "approved_on": date_text(_local_date(approval.decided_at))})


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


def report_row(case: Case) -> Row:
    report = InvestigationReport.objects.filter(case=case).order_by("-round").first()
    if report is None:
        return _blank("report")
    recommendation = report.recommendation or {}
    discretion = "；".join(str(v) for v in (recommendation.get("level_label"), recommendation.get("text")) if v)
    return _filled("report", {
        "facts_found": report.facts_found, "outcome": report.get_outcome_display(),
        "penalty": penalty_text(warning=report.warning, fine_fen=report.fine_fen, other=report.other_penalty,
                                confiscation=report.confiscation) or report.get_outcome_display(),
        "discretion": discretion or "无", "deviation": report.deviation or "无",
        "deviation_reason": report.deviation_reason or "无",
        "legal_review_grounds": "、".join(str(g) for g in report.legal_review_grounds) or "无",
        "author": _person(report.author), "written_on": date_text(_local_date(report.created_at)),
    })


def legal_review_row(approvals: list[Approval]) -> Row:
    approval = _approval(approvals, Approval.Kind.LEGAL_REVIEW)
    if approval is None:
        return _blank("legal_review")
    return _filled("legal_review", {"opinion": approval.opinion, "reviewer": _person(approval.decided_by),
                                    "decision": approval.get_decision_display(),
                                    "decided_on": date_text(_local_date(approval.decided_at))})


def discussion_row(case: Case) -> Row:
    discussion = CollectiveDiscussion.objects.filter(case=case).order_by("-held_at").first()
    if discussion is None:
        return _blank("discussion")
    opinions = "；".join(f"{o.get('name', '')}：{o.get('opinion', '')}" for o in discussion.opinions
                        if isinstance(o, dict))
    return _filled("discussion", {
        "held_at": datetime_text(discussion.held_at), "place": discussion.place,
        "participants": "、".join(_person(u) for u in discussion.participants.all()), "opinions": opinions,
        "conclusion": discussion.conclusion, "approved": "同意" if discussion.approved else "不同意",
    })


def notice_row(case: Case) -> Row:
    notice = PriorNotice.objects.filter(case=case).order_by("-id").first()
    if notice is None:
        return _blank("notice")
    return _filled("notice", {
        "facts": notice.facts, "reasons": notice.reasons,
        "penalty": penalty_text(warning=notice.warning, fine_fen=notice.fine_fen, other=notice.other_penalty),
        "hearing_right": "是" if notice.hearing_right else "否", "served_on": date_text(notice.served_on),
        "statement_due": date_text(notice.statement_due),
        "hearing_request_due": date_text(notice.hearing_request_due),
    })


def decision_row(case: Case, bureau: Row) -> Row:
    decision = Decision.objects.filter(case=case).first()
    if decision is None:
        return _blank("decision")
    fine = decision.fine_fen or 0
    row = {
        "kind": decision.get_kind_display(), "decided_on": date_text(decision.decided_on),
        "number": issued_number(case, DECISION_KINDS),
        "penalty": penalty_text(warning=decision.warning, fine_fen=fine, other=decision.other_penalty),
        "fine_yuan": fen_to_yuan(fine) if fine else "", "fine_capital": yuan_capital(fine) if fine else "",
        "reasons": decision.reasons,
    }
    if decision.kind == Decision.Kind.PENALTY:
        row["remedies"] = remedies_text(bureau)
        if fine:
            row["payment_manner"] = payment_text(bureau)
            row["late_fee_warning"] = ("到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额"
                                       "（《中华人民共和国行政处罚法》第七十二条）。")
        elif decision.warning or decision.other_penalty:
            row["payment_manner"] = "本决定自送达之日起生效并履行。"
    return _filled("decision", row)


DECISION_KINDS = ("penalty_decision", "no_penalty_decision", "simple_decision")


def issued_number(case: Case, kinds: tuple[str, ...]) -> str:
    """The number of the newest document of these kinds in force on the case ('' when none is issued)."""
    found = (Document.objects.filter(case=case, kind__in=kinds, state=Document.State.ISSUED)
             .order_by("-issued_at").values_list("number", flat=True).first())
    return found or ""


def remedies_text(bureau: Row) -> str:
    """Art. 59 (5): where and by when the party may seek reconsideration or sue; empty when not configured."""
    if not bureau["reconsideration_body"] or not bureau["litigation_court"]:
        return ""
    return (f"如不服本决定，可以在收到本决定书之日起六十日内向{bureau['reconsideration_body']}申请行政复议，"
            f"也可以在收到本决定书之日起六个月内依法向{bureau['litigation_court']}提起行政诉讼。"
            "申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。")


def payment_text(bureau: Row) -> str:
    """Art. 59 (4) and art. 67: the manner and the deadline of paying a fine; empty when not configured."""
    if not bureau["payment_account"]:
        return ""
    return f"自收到本决定书之日起十五日内，持本决定书到{bureau['payment_account']}缴纳罚款。"


def court_row(case: Case, on: dt.date) -> Row:
    court = CourtEnforcement.objects.filter(case=case).first()
    if court is None:
        return _blank("court")
    performance = Performance(case, on)
    late = performance.late_fee
    return _filled("court", {
        "reminder_served_on": date_text(court.reminder_served_on),
        "reminder_amount": fen_to_yuan(court.reminder_amount_fen), "reminder_text": court.reminder_text,
        "applied_on": date_text(court.applied_on), "court": court.court,
        "unpaid": fen_to_yuan(performance.unpaid_fine_fen),
        "late_fee": fen_to_yuan(late.fee_fen) if late is not None else "0",
    })


def closing_row(case: Case, approvals: list[Approval], on: dt.date) -> Row:
    approval = _approval(approvals, Approval.Kind.CLOSING)
    performance = ""
    if Decision.objects.filter(case=case).exists():
        paid = Performance(case, on).paid_fine_fen
        performance = f"已缴纳罚款{fen_to_yuan(paid)}元" if paid else ""
    return _filled("closing", {
        "closed_on": date_text(case.closed_on), "reason": case.closing_reason, "performance": performance,
        "approved_by": _person(approval.decided_by) if approval else "",
        "approved_on": date_text(_local_date(approval.decided_at)) if approval else "",
    })


# --- the item a kind is bound to ------------------------------------------------------------------------------
def _record_item(record: Record) -> Row:
    return {"title": f"{record.get_kind_display()}", "kind": record.get_kind_display(), "place": record.place,
            "started_at": datetime_text(record.started_at), "ended_at": datetime_text(record.ended_at),
            "on": date_text(_local_date(record.started_at)), "subject": record.subject, "content": record.content,
            "officers": "、".join(o.name for o in record.officers.all()), "recorder": _person(record.recorder)}


def _preservation_item(row: Preservation) -> Row:
    return {"title": "先行登记保存", "kind": "先行登记保存", "place": row.place, "goods": row.items,
            "on": date_text(row.started_on), "due": date_text(row.decision_due), "outcome": row.outcome,
            **_approval_item(row.approval)}


def _seizure_item(row: Seizure) -> Row:
    return {"title": row.get_kind_display(), "kind": row.get_kind_display(), "goods": row.items,
            "on": date_text(row.started_on), "due": date_text(row.ends_on), **_approval_item(row.approval)}


def _statement_item(row: Statement) -> Row:
    return {"title": "陈述申辩", "kind": "陈述申辩", "on": date_text(row.received_on), "content": row.content,
            "outcome": "采纳" if row.adopted else "不予采纳", "opinion": row.response,
            "recorder": _person(row.recorded_by)}


def _hearing_item(row: Hearing) -> Row:
    return {"title": "听证", "kind": "公开听证" if row.public else "不公开听证", "place": row.place,
            "on": date_text(row.scheduled_on), "due": date_text(row.notice_served_on),
            "subject": row.representatives, "content": row.transcript, "outcome": row.get_outcome_display(),
            "opinion": row.opinion, "officers": _person(row.presiding)}


def _service_item(row: Service) -> Row:
    served = tuple(kind.code for kind in KINDS if kind.label == row.document)
    return {"title": row.document, "kind": row.document, "method": row.get_method_display(),
            "document_number": issued_number(row.case, served) if served else "",
            "on": date_text(row.served_on), "subject": row.receiver, "witnesses": row.witnesses or "无",
            "address": row.address, "recorder": _person(row.recorded_by)}


def _payment_plan_item(row: PaymentPlan) -> Row:
    instalments = "；".join(f"{i.get('due', '')}缴纳{fen_to_yuan(int(i.get('fen', 0)))}元" for i in row.instalments)
    return {"title": row.get_kind_display(), "kind": row.get_kind_display(), "instalments": instalments,
            "reason": row.reason, **_approval_item(row.approval)}


def _transfer_item(row: Transfer) -> Row:
    return {"title": row.get_kind_display(), "kind": row.get_kind_display(), "to_body": row.to_body,
            "on": date_text(row.reported_on), "reason": row.facts, "content": row.facts,
            "outcome": row.get_answer_display(), **_approval_item(row.approval)}


def _approval_item(approval: Approval | None) -> Row:
    if approval is None or approval.decision == Approval.Decision.PENDING:
        return {}
    return {"approved_by": _person(approval.decided_by), "approved_on": date_text(_local_date(approval.decided_at)),
            "opinion": approval.opinion or approval.get_decision_display()}


ITEMS: dict[str, tuple[Any, Callable[[Any], Row]]] = {
    "record": (Record, _record_item),
    "preservation": (Preservation, _preservation_item),
    "seizure": (Seizure, _seizure_item),
    "statement": (Statement, _statement_item),
    "hearing": (Hearing, _hearing_item),
    "service": (Service, _service_item),
    "payment_plan": (PaymentPlan, _payment_plan_item),
    "transfer": (Transfer, _transfer_item),
}


def item_choices(kind: DocumentKind, case: Case) -> list[tuple[int, str]]:
    """The rows of this case a document of this kind can be drawn up for (newest first)."""
    if kind.source not in ITEMS:
        return []
    model, _ = ITEMS[kind.source]
    rows = model.objects.filter(case=case).order_by("-id")
    if kind.source == "record":
        rows = rows.filter(kind=kind.record_kind)
    return [(row.pk, _item_label(kind, row)) for row in rows]


def _item_label(kind: DocumentKind, row: Any) -> str:
    """The row as the officer knows it, with its date unless its own name already says it."""
    name = str(row)
    for field in ("started_at", "started_on", "served_on", "received_on", "scheduled_on", "reported_on",
                  "requested_on"):
        value = getattr(row, field, None)
        if value:
            day = value.date() if isinstance(value, dt.datetime) else value
            return name if day.isoformat() in name else f"{name}（{date_text(day)}）"
    return name


def item_row(kind: DocumentKind, case: Case, item_id: int | None) -> Row:
    """The row this document is drawn up for; refused when the case has no such row."""
    model, build = ITEMS[kind.source]
    choices = dict(item_choices(kind, case))
    if not choices:
        raise DomainError(f"本案还没有可用于制作“{kind.label}”的记录。请先在案件页登记相应的笔录、措施或送达，再制作文书。")
    if item_id is None:
        item_id = next(iter(choices))
    if item_id not in choices:
        raise DomainError(f"所选记录不属于本案或不能用于“{kind.label}”。请重新选择。", field="item_id")
    return _filled("item", build(model.objects.get(pk=item_id)))


def needs_check(kind: DocumentKind, context: dict[str, Any]) -> None:
    """Refuse a kind whose source rows the case does not hold yet (no decision → no decision document)."""
    for path, expected, what in kind.needs:
        value: Any = context
        for part in path.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        if (expected and value != expected) or (not expected and not value):
            raise DomainError(f"本案还没有{what}，不能制作“{kind.label}”。")


# --- the whole context ----------------------------------------------------------------------------------------
def context_build(*, kind: DocumentKind, case: Case | None, lead: Lead | None = None, item_id: int | None = None,
                  extras: dict[str, str] | None = None, on: dt.date | None = None) -> dict[str, Any]:
    """Every namespace `kind` offers, filled from this case (or this lead, for a lead-only document)."""
    day = on or timezone.localdate()
    lead = lead or (case.lead if case is not None else None)
    if lead is None:
        raise DomainError("文书必须属于一个案件或一条案源线索。")
    bureau = bureau_row(lead.bureau)
    context: dict[str, Any] = {name: _blank(name) for name in NAMESPACES if not NAMESPACES[name].is_list}
    context.update(bureau=bureau, lead=lead_row(lead), today=date_text(day), parties=[], officers=[])
    context["document"] = _filled("document", {"title": kind.label, "issued_on": date_text(day)})
    context["extra"] = _filled("extra", {k: str(v) for k, v in (extras or {}).items()})
    approvals = list(Approval.objects.filter(case=case) if case is not None else Approval.objects.filter(lead=lead))
    context["filing"] = filing_row(lead, approvals)
    if case is None:
        return context
    parties = [party_row(p) for p in case.parties.all().order_by("id")]
    context.update(case=case_row(case), parties=parties, party=parties[0] if parties else _blank("party"),
                   officers=officer_rows(case, day), report=report_row(case),
                   legal_review=legal_review_row(approvals), discussion=discussion_row(case),
                   notice=notice_row(case), decision=decision_row(case, bureau), court=court_row(case, day),
                   closing=closing_row(case, approvals, day))
    if kind.source in ITEMS:
        context["item"] = item_row(kind, case, item_id)
    return context
