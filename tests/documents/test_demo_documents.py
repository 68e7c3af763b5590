"""Every shipped template, filled from a case of the demo bureau, leaves no variable unfilled and issues."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhifa.accounts.demo import demo_organisation_load
from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.cases import execution
from zhifa.cases import services as case_services
from zhifa.cases.demo import demo_cases_load
from zhifa.cases.models import Case, Lead
from zhifa.catalog.demo import demo_catalog_load
from zhifa.documents import services
from zhifa.documents.context import item_choices
from zhifa.documents.demo import demo_document_settings_load
from zhifa.documents.kinds import ISSUABLE, DocumentKind
from zhifa.documents.render import docx_text, leftover_tags
from zhifa.documents.store import blob_get
from zhifa.lib.errors import DomainError


def _leader(bureau) -> User:  # type: ignore[no-untyped-def]
    return next(u for u in User.objects.filter(bureau=bureau) if u.has_role(Role.BUREAU_LEADER))


def _actor(case: Case) -> User:
    link = case.case_officers.filter(recused=False, officer__user__isnull=False).select_related("officer__user").first()
    assert link is not None
    return link.officer.user


def _with_payment_plan(bureau) -> None:  # type: ignore[no-untyped-def]
    """The demo has no deferral: one unpaid, served decision gets instalments approved by the leader."""
    today = timezone.localdate()
    for case in Case.objects.filter(bureau=bureau, state=Case.State.DECIDED, served_on__isnull=False):
        try:
            from zhifa.cases.performance import Performance

            unpaid = Performance(case, today).unpaid_fine_fen
            asked = execution.payment_plan_request(
                case=case, kind="instalments", reason="经营困难，申请分期缴纳", actor=_actor(case),
                instalments=[(today + dt.timedelta(days=30), unpaid // 2),
                             (today + dt.timedelta(days=60), unpaid - unpaid // 2)])
        except DomainError:
            continue
        case_services.measure_decide(approval=asked, actor=_leader(bureau), approved=True)
        return
    raise AssertionError("no demo case could take a payment plan")


def _with_onspot_case(bureau) -> None:  # type: ignore[no-untyped-def]
    """The demo has no simple-procedure case: a demo officer fines a passer-by 50 元 on the spot (art. 51)."""
    from zhifa.cases.models import Party
    from zhifa.cases.services import PartyData
    from zhifa.cases.simple import OnSpotData, onspot_penalty
    from zhifa.catalog.models import EnforcementMatter

    case = Case.objects.filter(bureau=bureau, state=Case.State.INVESTIGATING).order_by("id").first()
    assert case is not None
    links = list(case.case_officers.filter(recused=False).select_related("officer__user"))
    acting = next(link.officer for link in links if link.officer.user is not None)
    other = next(link.officer for link in links if link.officer != acting)
    matters = EnforcementMatter.objects.filter(bureau=bureau, penalties__kind="fine").distinct().order_by("id")
    for matter in matters:
        try:
            onspot_penalty(actor=acting.user, data=OnSpotData(
                matter=matter, place="示范路与建设街交叉口", facts="在人行道上摆摊经营水果约2平方米",
                party=PartyData(kind=Party.Kind.PERSON, name="李四", address="示范区幸福小区5号楼",
                                id_number="11010519491231002X"),
                co_officers=[other], fine_fen=50_00))
            return
        except DomainError:
            continue
    raise AssertionError("no demo matter allows an on-the-spot fine")


def _draft(kind: DocumentKind, bureau) -> tuple[object, User]:  # type: ignore[no-untyped-def]
    """The first demo case (or lead) this kind can be drawn up for, and the draft."""
    if kind.source == "lead":
        for lead in Lead.objects.filter(bureau=bureau, case__isnull=True).order_by("id"):
            try:
                return services.document_draft(kind_code=kind.code, actor=lead.registered_by, lead=lead), lead.registered_by
            except DomainError:
                continue
    cases = Case.objects.filter(bureau=bureau).order_by("-id")
    for case in cases if kind.source == "lead" else cases.exclude(number=""):
        if kind.source not in ("case", "lead") and not item_choices(kind, case):
            continue
        extras = {"requirement": "立即停止违法行为，恢复原状", "deadline": "2026年12月31日"}
        try:
            actor = _actor(case)
            return services.document_draft(kind_code=kind.code, actor=actor, case=case, extras=extras), actor
        except (DomainError, AssertionError):
            continue
    raise AssertionError(f"没有演示案件可用于制作“{kind.label}”")


def test_every_shipped_template_renders_for_a_demo_case_and_issues(db, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    bureau, _ = demo_organisation_load()
    demo_catalog_load(bureau=bureau)
    demo_document_settings_load(bureau=bureau)
    assert demo_cases_load(bureau=bureau) > 0
    _with_payment_plan(bureau)
    _with_onspot_case(bureau)
    for kind in ISSUABLE:
        draft, actor = _draft(kind, bureau)
        data = blob_get(draft.docx_sha256)  # type: ignore[attr-defined]
        assert leftover_tags(data) == [], kind.code
        issued = services.document_issue(document=draft, actor=actor)  # type: ignore[arg-type]
        filled = blob_get(issued.docx_sha256)
        text = docx_text(filled)
        assert leftover_tags(filled) == [], kind.code
        assert bureau.name in text or kind.source == "lead", kind.code
        if kind.numbered:
            assert issued.number and issued.number.replace(" ", "") in text.replace(" ", ""), kind.code
        if issued.case is not None:
            party = issued.case.parties.first()
            assert party is None or party.name in text or kind.code in ("legal_review_opinion",), kind.code
