"""The simple procedure (简易程序 / 当场处罚, 行政处罚法 art. 51, 52) and cash collected on the spot (art. 68–71).

`onspot_penalty` is what an officer does in the field, in one transaction: the lead (巡查发现, filed at once),
the case under the simple procedure, decided that day, with its own gapless number (当罚), the party, the
officers, the decision handed over on the spot and filed for the record with the bureau (art. 52), and —
when the fine is collected in cash — the payment against the official receipt with the two working days to
hand the cash to the bureau (art. 71). `cash_hand_over` and `cash_bank` record the two steps of art. 71.

The same conventions as services.py: the party, the catalog check, the officers' certificates and the
limitation period go through the helpers and guards the general procedure uses; every refusal is a
DomainError whose message says what is wrong, which article, and what to do instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from zhifa.accounts.models import Certificate, Officer, User
from zhifa.accounts.roles import Role
from zhifa.audit.services import audit_record
from zhifa.cases import guards
from zhifa.cases.guards import GuardContext
from zhifa.cases.models import Case, CaseDeadline, CaseOfficer, Decision, Lead, Party, Payment
from zhifa.cases.services import (
    PartyData,
    _case_search_refresh,
    _date_between,
    _deadline_start,
    _party_build,
    _timeline,
    _today,
)
from zhifa.catalog.models import EnforcementMatter, LegalBasis, PenaltyKind
from zhifa.catalog.selectors import matter_check_fileable
from zhifa.lib.errors import ChangedMeanwhile, DomainError
from zhifa.lib.money import fen_to_yuan, yuan_text
from zhifa.lib.search import search_text
from zhifa.numbering.services import number_take

NUMBER_KIND = "simple"
NUMBER_PATTERN = "{short}当罚〔{year}〕第{seq}号"
# Art. 51: a warning, or a fine of at most 200 元 (citizen) / 3,000 元 (organisation), on the spot.
CITIZEN_LIMIT_FEN = 200_00
ORGANISATION_LIMIT_FEN = 3_000_00
# Art. 68 (一): cash on the spot for a fine of at most 100 元; above that only for the reasons of 68 (二) / 69.
CASH_LIMIT_FEN = 100_00
CASH_RULE = "cash_handover"  # 2 working days (art. 71, counted in working days by art. 85)
BANK_LABEL = "当场收缴的罚款缴付指定银行的期限"
LIMITS_TEXT = (
    "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，"
    "可以当场作出行政处罚决定（《行政处罚法》第五十一条）。"
)



@dataclass(frozen=True)
class OnSpotData:
    """What the officer enters in the field. `co_officers` are the other officers present (the acting officer
    is on the case as 主办 by being the actor). `fine_fen` 0 means no fine."""

    matter: EnforcementMatter
    party: PartyData
    place: str
    facts: str
    co_officers: Sequence[Officer]
    warning: bool = False
    fine_fen: int = 0
    violation_on: dt.date | None = None  # the day itself when not given
    title: str = ""
    cash: bool = False
    cash_reason: str = ""  # why collection later would be hard (art. 68 (二), art. 69), needed above 100 元
    receipt_number: str = ""  # the official receipt (art. 70), needed with cash


def limit_for(kind: str) -> int:
    """Art. 51: the largest fine, in fen, the simple procedure allows for this kind of party."""
    return ORGANISATION_LIMIT_FEN if kind == Party.Kind.ORGANISATION else CITIZEN_LIMIT_FEN


def penalty_label(*, warning: bool, fine_fen: int) -> str:
    return "、".join(part for part in ("警告" if warning else "", f"罚款{fen_to_yuan(fine_fen)}元" if fine_fen else "")
                    if part)


# --- the checks, each raising DomainError on the field at fault ------------------------------------------------
def _acting_officer(actor: User, day: dt.date) -> Officer:
    """The actor acts as an officer of this bureau holding a certificate valid that day (art. 42, 52)."""
    if actor.bureau_id is None or not actor.has_role(Role.OFFICER, Role.TEAM_LEADER):
        raise DomainError("只有本局执法人员可以当场作出行政处罚决定（协管员不能作出处罚决定）。", code="forbidden")
    officer = Officer.objects.filter(user=actor, bureau_id=actor.bureau_id, kind=Officer.Kind.OFFICER,
                                     is_active=True).first()
    if officer is None:
        raise DomainError("您的账号没有对应的执法人员信息，不能当场处罚。请联系本局系统管理员登记人员信息。", code="forbidden")
    if not Certificate.objects.valid_on(day).filter(officer=officer).exists():
        raise DomainError(f"您在 {day} 没有有效的执法证，不能当场处罚（《行政处罚法》第四十二条、第五十二条："
                          "执法人员应当向当事人出示执法证件）。请核对执法证有效期。", field="co_officers")
    return officer


def _penalty_check(data: OnSpotData) -> None:
    """Art. 51 and the matter's own penalties (a penalty needs a legal basis: 处罚法定)."""
    fine = data.fine_fen or 0
    if fine < 0:
        raise DomainError("罚款金额不能为负数。", field="fine_yuan")
    if not data.warning and fine == 0:
        raise DomainError("请选择处罚：警告和（或）罚款。不予处罚的，不适用当场处罚决定。", field="fine_yuan")
    limit = limit_for(data.party.kind)
    if fine > limit:
        who = "法人或者其他组织" if data.party.kind == Party.Kind.ORGANISATION else "公民"
        raise DomainError(
            f"当场处罚对{who}的罚款不得超过 {yuan_text(limit)}（《行政处罚法》第五十一条），本次拟罚款 {yuan_text(fine)}。"
            "请适用普通程序：登记案源后报请立案、调查取证。", field="fine_yuan")
    kinds = list(PenaltyKind.objects.filter(matter=data.matter))
    if not kinds:
        return  # the catalog lists no penalties for this matter: nothing to compare with
    if data.warning and not any(k.kind == PenaltyKind.Kind.WARNING for k in kinds):
        raise DomainError(f"“{data.matter.name}”的处罚种类中没有警告，不能据此给予警告。", field="warning")
    if fine:
        fines = [k for k in kinds if k.kind in (PenaltyKind.Kind.FINE, PenaltyKind.Kind.FINE_MULTIPLE)]
        if not fines:
            raise DomainError(f"“{data.matter.name}”的处罚种类中没有罚款，不能据此罚款。", field="fine_yuan")
        # Only fixed ranges are compared; a fine by multiples depends on amounts the catalog does not hold.
        ranges = [(k.min_fen or 0, k.max_fen, k.describe()) for k in fines
                  if k.kind == PenaltyKind.Kind.FINE and k.max_fen is not None]
        if len(ranges) == len(fines) and not any(low <= fine <= high for low, high, _ in ranges):
            allowed = "；".join(label for _, _, label in ranges)
            raise DomainError(f"罚款 {yuan_text(fine)} 不在“{data.matter.name}”规定的幅度内（{allowed}）。"
                              "幅度的下限超过当场处罚限额的，请适用普通程序。", field="fine_yuan")


def _cash_check(data: OnSpotData) -> None:
    """Art. 68–70: cash only up to 100 元 or when later collection would be hard; always the official receipt."""
    if not data.cash:
        return
    if not data.fine_fen:
        raise DomainError("本次没有罚款，无需当场收缴。", field="cash")
    if data.fine_fen > CASH_LIMIT_FEN and not data.cash_reason.strip():
        raise DomainError(
            f"罚款 {yuan_text(data.fine_fen)} 超过 100 元，不能当场收缴（《行政处罚法》第六十八条第一项）。"
            "确因不当场收缴事后难以执行（第六十八条第二项），或在边远、水上、交通不便地区当事人到银行缴纳确有困难"
            "并经当事人提出（第六十九条）的，请写明理由；否则请告知当事人自收到决定书之日起十五日内到指定银行或者"
            "通过电子支付系统缴纳（第六十七条）。", field="cash_reason")
    if not data.receipt_number.strip():
        raise DomainError("当场收缴罚款必须向当事人出具财政部门统一制发的罚款专用票据（《行政处罚法》第七十条），"
                          "请填写票据号码。", field="receipt_number")


def _basis_text(matter: EnforcementMatter) -> str:
    bases = list(LegalBasis.objects.filter(matter=matter).order_by("kind", "sort", "id"))
    penalty = [b.citation for b in bases if b.kind == LegalBasis.Kind.PENALTY] or [b.citation for b in bases]
    return "、".join(penalty)


# --- the on-the-spot decision --------------------------------------------------------------------------------
def onspot_penalty(*, data: OnSpotData, actor: User, on: dt.date | None = None) -> Case:
    """Decide on the spot (art. 51, 52): lead, case, party, officers, decision, number, and cash if collected.

    Refused with nothing stored when the fine exceeds the art. 51 limit, when fewer than two officers hold a
    certificate valid that day (art. 42), when the matter may not be handled by the user (art. 24: a township
    only its delegated matters), when the act is out of the limitation period (art. 36), or when cash is not
    allowed (art. 68) or has no official receipt (art. 70).
    """
    day = on or _today()
    violation_on = data.violation_on or day
    _date_between(day, None, "决定日期", "", field="on")
    if violation_on > day:
        raise DomainError("违法行为发生日期不能晚于当场处罚的日期。", field="violation_on")
    own = _acting_officer(actor, day)
    matter_check_fileable(user=actor, matter=data.matter, on=day)
    if not data.place.strip():
        raise DomainError("请填写违法行为发生的地点。", field="place")
    if not data.facts.strip():
        raise DomainError("请填写违法事实（当场处罚须违法事实确凿，《行政处罚法》第五十一条）。", field="facts")
    if data.party.kind == Party.Kind.PERSON and not data.party.id_number.strip():
        raise DomainError("请填写当事人的身份证号（当场处罚决定书须载明当事人的身份，第五十二条）。", field="id_number")
    _penalty_check(data)
    _cash_check(data)
    others = [o for o in data.co_officers if o.pk != own.pk]
    if len({o.pk for o in others}) != len(others):
        raise DomainError("同一名执法人员不能重复列入。", field="co_officers")
    if any(o.bureau_id != actor.bureau_id for o in others):
        raise DomainError("同行执法人员须为本局人员。", field="co_officers")
    if not others:
        raise DomainError("当场处罚的执法人员不得少于两人（《行政处罚法》第四十二条、第五十二条），请选择同行的执法人员。",
                          field="co_officers")
    bureau = actor.bureau
    assert bureau is not None  # _acting_officer checked it
    fine = data.fine_fen or 0
    penalty = penalty_label(warning=data.warning, fine_fen=fine)
    with transaction.atomic():
        lead = Lead.objects.create(
            bureau=bureau, department=actor.department, township=actor.township, source=Lead.Source.PATROL,
            discovered_on=day, place=data.place.strip(), facts=data.facts.strip(), reporter="当场处罚",
            state=Lead.State.FILED, decision_due=day, registered_by=actor,
            search_text=search_text(data.place, data.facts),
        )
        case = Case.objects.create(
            bureau=bureau, department=actor.department, township=actor.township, lead=lead,
            matter=data.matter, state=Case.State.DECIDED, procedure=Case.Procedure.SIMPLE,
            title=data.title.strip() or data.matter.name, facts=data.facts.strip(), violation_on=violation_on,
            filed_on=day, decided_on=day, served_on=day, created_by=actor,
        )
        party = _party_build(case, data.party)
        party.save()
        CaseOfficer.objects.bulk_create(
            [CaseOfficer(case=case, officer=own, role=CaseOfficer.Role.LEAD)]
            + [CaseOfficer(case=case, officer=o, role=CaseOfficer.Role.CO) for o in others])
        guards.guards_check(("two_certified_officers", "within_limitation"),
                            GuardContext(case=case, actor=actor, today=_today(), params={"on": day}))
        basis = _basis_text(data.matter)
        Decision.objects.create(
            case=case, kind=Decision.Kind.PENALTY, decided_on=day, warning=data.warning, fine_fen=fine or None,
            reasons=f"当场处罚（简易程序，《行政处罚法》第五十一条）。违法事实：{case.facts}"
                    + (f"。处罚依据：{basis}" if basis else ""),
            decided_by=actor,
        )
        # The decision was handed to the party on the spot (art. 52, 61): the party's periods run from today.
        if fine and not data.cash:
            _deadline_start(rule="payment", start=day, case=case)
        _deadline_start(rule="reconsideration", start=day, case=case)
        _deadline_start(rule="litigation", start=day, case=case)
        payment = None
        if data.cash:
            payment = Payment.objects.create(
                case=case, kind=Payment.Kind.FINE, amount_fen=fine, paid_on=day, cash=True,
                receipt_number=data.receipt_number.strip(), recorded_by=actor)
            handover = _deadline_start(rule=CASH_RULE, start=day, case=case)
        number = number_take(bureau=bureau, kind=NUMBER_KIND, year=day.year, default_pattern=NUMBER_PATTERN)
        Case.objects.filter(pk=case.pk).update(number=number.text)
        case.number = number.text
        _case_search_refresh(case)
        names = "、".join([own.name, *(o.name for o in others)])
        _timeline(case=case, lead=lead, actor=actor, action="case.onspot",
                  text=f"当场作出行政处罚决定，报所属行政机关备案（《行政处罚法》第五十二条）：{penalty}，案号 {number.text}；"
                       f"执法人员 {names} 出示执法证件，决定书当场交付当事人{party.name}",
                  to_state=case.state)
        if payment is not None:
            _timeline(case=case, actor=actor, action="case.cash_collect",
                      text=f"当场收缴罚款 {yuan_text(fine)}（罚款专用票据 {payment.receipt_number}）"
                           + (f"，理由：{data.cash_reason.strip()}" if fine > CASH_LIMIT_FEN else "")
                           + f"；应于 {handover.due} 前交至行政机关（第六十八条至第七十一条）")
        audit_record(actor=actor, action="case.onspot", obj=case, after={
            "number": number.text, "matter": data.matter.code, "party": party.name, "warning": data.warning,
            "fine_fen": fine, "cash": data.cash, "receipt": data.receipt_number.strip(), "on": day,
            "officers": [own.name, *(o.name for o in others)],
        })
    return case


# --- the cash, to the bureau and to the bank (art. 71) -----------------------------------------------------------
def _cash_actor_check(payment: Payment, actor: User) -> Case:
    case = payment.case
    if not payment.cash:
        raise DomainError("这笔罚款不是当场收缴的现金，无需交至行政机关。")
    if actor.bureau_id != case.bureau_id:
        raise DomainError("您不能办理其他执法局的罚款。", code="forbidden")
    if not (guards.actor_is_case_officer(case, actor) or actor.has_role(Role.TEAM_LEADER, Role.BUREAU_LEADER)):
        raise DomainError("当场收缴罚款的交付由本案执法人员或本局负责人登记。", code="forbidden")
    return case


def _open_cash_deadline(case: Case) -> CaseDeadline | None:
    return (CaseDeadline.objects.filter(case=case, rule=CASH_RULE, met_on__isnull=True, cancelled=False)
            .order_by("start", "id").first())


def _lateness(deadline: CaseDeadline | None, on: dt.date) -> str:
    if deadline is None or on <= deadline.due:
        return ""
    return f"（期限 {deadline.due}，逾期 {(on - deadline.due).days} 日）"


def cash_hand_over(*, payment: Payment, on: dt.date, actor: User) -> Payment:
    """The officer hands the cash to the bureau (art. 71: within 2 working days of collecting it); the bureau's
    2 working days to pay it into the bank start."""
    case = _cash_actor_check(payment, actor)
    if payment.handed_over_on is not None:
        raise DomainError(f"这笔罚款已于 {payment.handed_over_on} 交至行政机关。")
    _date_between(on, payment.paid_on, "交至行政机关的日期", "收缴之日", field="on")
    with transaction.atomic():
        if not Payment.objects.filter(pk=payment.pk, handed_over_on__isnull=True).update(handed_over_on=on):
            raise ChangedMeanwhile("这笔罚款已由他人登记交付，请刷新页面查看。")
        deadline = _open_cash_deadline(case)
        if deadline is not None:
            CaseDeadline.objects.filter(pk=deadline.pk).update(met_on=on)
        bank = _deadline_start(rule=CASH_RULE, start=on, case=case)
        CaseDeadline.objects.filter(pk=bank.pk).update(label=BANK_LABEL)
        _timeline(case=case, actor=actor, action="case.cash_hand_over",
                  text=f"当场收缴的罚款 {yuan_text(payment.amount_fen)}（票据 {payment.receipt_number}）于 {on} 交至行政机关"
                       f"{_lateness(deadline, on)}；应于 {bank.due} 前缴付指定银行（《行政处罚法》第七十一条）")
        audit_record(actor=actor, action="case.cash_hand_over", obj=case,
                     after={"payment": payment.pk, "on": on, "bank_due": bank.due})
    payment.refresh_from_db()
    return payment


def cash_bank(*, payment: Payment, on: dt.date, actor: User) -> Payment:
    """The bureau pays the cash into the designated bank (art. 71: within 2 working days of receiving it)."""
    case = _cash_actor_check(payment, actor)
    if payment.handed_over_on is None:
        raise DomainError("这笔罚款尚未交至行政机关，请先登记交付（《行政处罚法》第七十一条）。")
    if payment.banked_on is not None:
        raise DomainError(f"这笔罚款已于 {payment.banked_on} 缴付指定银行。")
    _date_between(on, payment.handed_over_on, "缴付银行的日期", "交至行政机关之日", field="on")
    with transaction.atomic():
        if not Payment.objects.filter(pk=payment.pk, banked_on__isnull=True).update(banked_on=on):
            raise ChangedMeanwhile("这笔罚款已由他人登记缴付银行，请刷新页面查看。")
        deadline = _open_cash_deadline(case)
        if deadline is not None:
            CaseDeadline.objects.filter(pk=deadline.pk).update(met_on=on)
        _timeline(case=case, actor=actor, action="case.cash_bank",
                  text=f"当场收缴的罚款 {yuan_text(payment.amount_fen)}（票据 {payment.receipt_number}）于 {on} 缴付指定银行"
                       f"{_lateness(deadline, on)}")
        audit_record(actor=actor, action="case.cash_bank", obj=case, after={"payment": payment.pk, "on": on})
    payment.refresh_from_db()
    return payment


# --- reads for the cash page ------------------------------------------------------------------------------------
def cash_open_for(*, user: User) -> QuerySet[Payment]:
    """Cash the user collected or holds as an officer of the case, not yet paid into the bank, oldest first."""
    officer_id = getattr(getattr(user, "officer", None), "pk", None)
    acting = CaseOfficer.objects.filter(case=OuterRef("case_id"), officer_id=officer_id if officer_id else -1,
                                        recused=False)
    visible = Case.objects.for_user(user, "view")
    return (
        Payment.objects.filter(cash=True, banked_on__isnull=True, case__in=visible)
        .filter(Q(Exists(acting)) | Q(recorded_by=user))
        .select_related("case", "recorded_by").order_by("paid_on", "id")
    )


def cash_due(payment: Payment) -> CaseDeadline | None:
    """The open hand-over or banking deadline of a cash payment."""
    return _open_cash_deadline(payment.case)
