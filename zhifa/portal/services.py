"""行政执法公示, staff side: build the public record of a decision, publish, withdraw, rebuild, exclude, take down.

A Disclosure is built from an allow-list (see docs/disclosure.md): the document number, the title, the party
(organisations by full name and credit code; natural persons and individual businesses' operators as
surname + 某), the matter, the legal basis, the penalty and a narrative redacted by zhifa.lib.redaction. No ID
number, phone or address field of a party is ever read here. Every change is one transaction with a
conditional update (state and version) and one audit row.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.lib.errors import DomainError
from zhifa.lib.money import fen_to_yuan
from zhifa.lib.redaction import Redacted, Redaction, apply_redactions, redact, surname_mou
from zhifa.lib.search import search_text
from zhifa.portal.models import Disclosure
from zhifa.workdays.periods import CalendarNotCovered
from zhifa.workdays.rules import deadline_rule_get
from zhifa.workdays.services import deadline_compute

if TYPE_CHECKING:
    from zhifa.accounts.models import User
    from zhifa.cases.models import Case, Decision

S = Disclosure.State
PUBLISHERS = (Role.LEGAL_REVIEWER, Role.BUREAU_LEADER, Role.ADMINISTRATOR)
DECISION_DOCUMENT_KINDS = ("penalty_decision", "no_penalty_decision", "simple_decision")
PUBLIC_FIELDS = ("document_number", "title", "party_kind", "party_name", "credit_code", "matter_name",
                 "matter_category", "legal_basis", "penalty", "fine_fen", "facts_public", "verify_code",
                 "search_text")
ADDRESS_PLACEHOLDER = "［住址已隐去］"


def _today() -> dt.date:
    return timezone.localdate()


def disclose_warning_only() -> bool:
    return bool(getattr(settings, "ZHIFA_DISCLOSE_WARNING_ONLY", True))


def disclosure_years() -> int:
    return int(getattr(settings, "ZHIFA_DISCLOSURE_YEARS", 5))


def _due(rule: str, start: dt.date, bureau: object) -> dt.date:
    try:
        return deadline_compute(rule=rule, start=start, bureau=bureau).due  # type: ignore[arg-type]
    except CalendarNotCovered:
        # The decision must not fail for want of next year's holidays: N working days are never fewer than N
        # natural days, so the rule's own number of natural days is an earlier, safe due day.
        return start + dt.timedelta(days=deadline_rule_get(rule).amount)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- building the public record -------------------------------------------------------------------------
def _person_names(case: Case) -> list[str]:
    """Every natural person the case knows of: persons who are parties, representatives, questioned persons."""
    names: list[str] = []
    for party in case.parties.all():
        if party.kind == "person":
            names.append(party.name)
        elif party.representative:
            names.append(party.representative)
    names.extend(case.records.exclude(subject="").values_list("subject", flat=True))
    return [name.strip() for name in names if name and name.strip() and not name.strip().endswith("某")]


def _is_business(party: object) -> bool:
    code = getattr(party, "credit_code", "") or ""
    return code.startswith("92")  # 个体工商户: the registration authority code 9, kind 2


def _party_fields(case: Case) -> dict[str, str]:
    parties = list(case.parties.all())
    if not parties:
        return {"party_kind": "", "party_name": "", "credit_code": ""}
    party = parties[0]
    if party.kind == "person":
        kind, name, code = Disclosure.PartyKind.PERSON, surname_mou(party.name), ""
    elif _is_business(party):
        kind, code = Disclosure.PartyKind.BUSINESS, party.credit_code
        name = party.name + (f"（经营者：{surname_mou(party.representative)}）" if party.representative else "")
    else:
        kind, name, code = Disclosure.PartyKind.ORGANISATION, party.name, party.credit_code
    if len(parties) > 1:
        name += f"等{len(parties)}个当事人"
    return {"party_kind": kind, "party_name": name, "credit_code": code}


def _legal_basis(case: Case) -> str:
    bases = case.matter.bases.all()
    return "；".join(f"《{b.law}》{b.article}{b.clause}" for b in bases)


def _penalty_text(decision: Decision) -> str:
    if decision.kind != "penalty":
        return decision.get_kind_display()
    fine = decision.fine_fen
    return "、".join(part for part in (
        "警告" if decision.warning else "",
        f"罚款人民币{fen_to_yuan(fine)}元" if fine else "",
        decision.other_penalty or "",
    ) if part)


def _decision_document(case: Case) -> object | None:
    from zhifa.documents.models import Document

    return (Document.objects.filter(case=case, state=Document.State.ISSUED, kind__in=DECISION_DOCUMENT_KINDS)
            .order_by("-issued_at", "-id").first())


def public_narrative(case: Case) -> str:
    """The internal text the public narrative is redacted from: the case's facts, else the decision's reasons."""
    decision = getattr(case, "decision", None)
    return case.facts or (decision.reasons if decision is not None else "")


def redacted_facts(case: Case) -> Redacted:
    """The Redacted of the internal narrative (the review screen marks its redactions). A natural person's
    address from the party record is taken out too: the redactor cannot recognise addresses by themselves."""
    text = public_narrative(case)
    found = redact(text, person_names=_person_names(case), party_names=_organisation_names(case))
    addresses = {p.address.strip() for p in case.parties.all() if p.kind == "person" and len(p.address.strip()) >= 4}
    extra: list[Redaction] = []
    for address in sorted(addresses, key=len, reverse=True):
        for match in re.finditer(re.escape(address), text):
            spans = [*found.redactions, *extra]
            if not any(r.start < match.end() and match.start() < r.end for r in spans):
                extra.append(Redaction(match.start(), match.end(), "address", ADDRESS_PLACEHOLDER))
    if not extra:
        return found
    redactions = tuple(sorted([*found.redactions, *extra], key=lambda r: r.start))
    return Redacted(text=apply_redactions(text, redactions), redactions=redactions)


def _organisation_names(case: Case) -> list[str]:
    return [p.name for p in case.parties.all() if p.kind != "person"]


def _exclusion(case: Case, decision: Decision) -> str:
    if case.parties.filter(is_minor=True).exists():
        return Disclosure.Exclusion.MINOR
    only_warning = (decision.kind == "penalty" and decision.warning and not decision.fine_fen
                    and not decision.other_penalty)
    if only_warning and not disclose_warning_only():
        return Disclosure.Exclusion.WARNING_ONLY
    return ""


def _public_fields(case: Case) -> dict[str, object]:
    decision = case.decision
    document = _decision_document(case)
    fields: dict[str, object] = {
        "document_number": getattr(document, "number", "") or case.number,
        "title": redact(case.title, person_names=_person_names(case), party_names=_organisation_names(case)).text,
        **_party_fields(case),
        "matter_name": case.matter.name,
        "matter_category": case.matter.get_category_display(),
        "legal_basis": _legal_basis(case),
        "penalty": _penalty_text(decision),
        "fine_fen": decision.fine_fen if decision.kind == "penalty" else None,
        "facts_public": redacted_facts(case).text,
        "verify_code": getattr(document, "verify_code", "") or "",
    }
    fields["search_text"] = search_text(*(str(fields[k]) for k in (
        "document_number", "title", "party_name", "credit_code", "matter_name", "matter_category", "penalty")))
    return fields


def _blank_public() -> dict[str, object]:
    return {name: (None if name == "fine_fen" else "") for name in PUBLIC_FIELDS}


def disclosure_build(*, case: Case, actor: User | None = None) -> Disclosure:
    """Called inside the transaction that makes the decision; idempotent (an existing record is returned)."""
    existing = Disclosure.objects.filter(case=case).first()
    if existing is not None:
        return existing
    # Fresh from the database: the caller's instance may have cached "no decision yet".
    case = type(case).objects.select_related("matter", "bureau", "decision").get(pk=case.pk)
    decision = case.decision
    kind = Disclosure.Kind.PENALTY if decision.kind == "penalty" else Disclosure.Kind.OTHER
    rule = "disclosure_penalty" if kind == Disclosure.Kind.PENALTY else "disclosure_other"
    exclusion = _exclusion(case, decision)
    fields = _blank_public() if exclusion else _public_fields(case)
    disclosure = Disclosure.objects.create(
        bureau_id=case.bureau_id, case=case, kind=kind, decided_on=decision.decided_on,
        due_on=_due(rule, decision.decided_on, case.bureau),
        state=S.EXCLUDED if exclusion else S.PENDING, exclusion=exclusion, **fields)
    audit_record(actor=actor, action="disclosure.build", obj=disclosure, bureau=case.bureau_id,
                 after={"state": disclosure.state, "exclusion": exclusion, "due_on": disclosure.due_on})
    return disclosure


# --- staff actions ---------------------------------------------------------------------------------------
def _require_publisher(disclosure: Disclosure, actor: User) -> None:
    if actor is None or actor.bureau_id != disclosure.bureau_id or not actor.has_role(*PUBLISHERS):
        raise DomainError("只有本局法制审核人员、局领导或系统管理员可以办理公示。")


def _update(disclosure: Disclosure, states: tuple[str, ...], **changes: object) -> None:
    done = Disclosure.objects.filter(pk=disclosure.pk, version=disclosure.version, state__in=states).update(
        version=F("version") + 1, **changes)
    if not done:
        raise DomainError("该公示已被他人处理或状态已变化，请刷新后重试。")
    disclosure.refresh_from_db()


def disclosure_publish(*, disclosure: Disclosure, actor: User) -> Disclosure:
    """PENDING → PUBLISHED; the document number and verification code are refreshed from the issued decision."""
    _require_publisher(disclosure, actor)
    if disclosure.state != S.PENDING:
        raise DomainError("只有待公示的决定可以公示。")
    changes: dict[str, object] = {"published_at": timezone.now(), "published_by": actor,
                                  "take_down_on": _add_years(disclosure.decided_on, disclosure_years())}
    document = _decision_document(disclosure.case) if disclosure.case is not None else None
    if document is not None:
        changes["document_number"] = getattr(document, "number", "") or disclosure.document_number
        changes["verify_code"] = getattr(document, "verify_code", "") or ""
    with transaction.atomic():
        _update(disclosure, (S.PENDING,), state=S.PUBLISHED, **changes)
        audit_record(actor=actor, action="disclosure.publish", obj=disclosure,
                     after={"take_down_on": disclosure.take_down_on})
    return disclosure


def disclosure_withdraw(*, disclosure: Disclosure, reason: str, actor: User) -> Disclosure:
    """A changed, revoked or illegal decision comes off the portal with a public explanation (art. 48)."""
    _require_publisher(disclosure, actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("撤回须向社会说明理由（《行政处罚法》第四十八条）。", field="reason")
    if redact(reason).redactions:
        raise DomainError("撤回说明将公开，不得含有证件号码、电话、银行卡号、车牌或姓名。", field="reason")
    if disclosure.state not in (S.PUBLISHED, S.PENDING):
        raise DomainError("只有已公示或待公示的决定可以撤回。")
    with transaction.atomic():
        _update(disclosure, (S.PUBLISHED, S.PENDING), state=S.WITHDRAWN, withdrawn_at=timezone.now(),
                withdrawal_reason=reason)
        _withdrawal_deadline_met(disclosure)
        audit_record(actor=actor, action="disclosure.withdraw", obj=disclosure, after={"reason": reason})
    return disclosure


def disclosure_rebuild(*, disclosure: Disclosure, actor: User) -> Disclosure:
    """After a change of the decision: the public text is built again and must be reviewed again (PENDING)."""
    _require_publisher(disclosure, actor)
    if disclosure.case is None or disclosure.state not in (S.PENDING, S.PUBLISHED):
        raise DomainError("只有待公示或已公示的决定可以重新生成公示内容。")
    case = type(disclosure.case).objects.select_related("matter", "bureau", "decision").get(pk=disclosure.case_id)
    fields = _public_fields(case)
    with transaction.atomic():
        _update(disclosure, (S.PENDING, S.PUBLISHED), state=S.PENDING, published_at=None, published_by=None,
                withdraw_due=None, **fields)
        audit_record(actor=actor, action="disclosure.rebuild", obj=disclosure)
    return disclosure


def disclosure_exclude(*, disclosure: Disclosure, exclusion: str, reason: str, actor: User) -> Disclosure:
    """The legal office decides a decision is not published (secrets, privacy, a minor): no public text kept."""
    _require_publisher(disclosure, actor)
    reason = (reason or "").strip()
    if exclusion not in Disclosure.Exclusion.values:
        raise DomainError("请选择不予公示的情形。", field="exclusion")
    if not reason:
        raise DomainError("请填写不予公示的理由。", field="reason")
    if disclosure.state not in (S.PENDING, S.PUBLISHED):
        raise DomainError("只有待公示或已公示的决定可以决定不予公示。")
    with transaction.atomic():
        _update(disclosure, (S.PENDING, S.PUBLISHED), state=S.EXCLUDED, exclusion=exclusion, published_at=None,
                **_blank_public())
        _withdrawal_deadline_met(disclosure)
        audit_record(actor=actor, action="disclosure.exclude", obj=disclosure,
                     after={"exclusion": exclusion, "reason": reason})
    return disclosure


def disclosure_withdrawal_start(*, case: Case, due: dt.date, actor: User | None = None) -> None:
    """Hook of cases.execution.remedy_outcome: a decision overturned must come off by `due` (3 working days,
    art. 48) — the due day of the case's own `disclosure_withdrawal` deadline, computed once there."""
    disclosure = Disclosure.objects.filter(case=case, state__in=(S.PUBLISHED, S.PENDING)).first()
    if disclosure is None:
        return
    Disclosure.objects.filter(pk=disclosure.pk).update(withdraw_due=due, version=F("version") + 1)
    audit_record(actor=actor, action="disclosure.withdrawal_due", obj=disclosure, after={"withdraw_due": due})


def _withdrawal_deadline_met(disclosure: Disclosure) -> None:
    """The case's `disclosure_withdrawal` deadline is met the day the decision comes off the portal."""
    if disclosure.case_id is not None:
        from zhifa.cases.models import CaseDeadline

        CaseDeadline.objects.filter(case_id=disclosure.case_id, rule="disclosure_withdrawal",
                                    met_on__isnull=True).update(met_on=_today())


def disclosure_take_down_due(*, today: dt.date | None = None) -> int:
    """Takes down every published record whose period has ended; returns how many (`zhifa disclosure takedown`)."""
    today = today or _today()
    count = 0
    for disclosure in Disclosure.objects.filter(state=S.PUBLISHED, take_down_on__lt=today):
        with transaction.atomic():
            done = Disclosure.objects.filter(pk=disclosure.pk, state=S.PUBLISHED).update(
                state=S.TAKEN_DOWN, version=F("version") + 1)
            if done:
                count += 1
                audit_record(actor=None, action="disclosure.take_down", obj=disclosure, bureau=disclosure.bureau_id,
                             after={"take_down_on": disclosure.take_down_on})
    return count
