"""The on-the-spot penalty page (当场处罚, 简易程序) and the officer's cash not yet handed over or banked.

Thin, like the other case views: parse, call one service of zhifa/cases/simple.py, redirect or render.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhifa.accounts.models import Certificate, Officer, User
from zhifa.accounts.roles import Role
from zhifa.cases import simple
from zhifa.cases.forms import PartyForm, domain_error_to_form
from zhifa.cases.forms_simple import CashDateForm, OnSpotForm, onspot_party_form
from zhifa.cases.models import CaseDeadline
from zhifa.lib.errors import DomainError

# A service error on one of these fields belongs to the party's part of the form.
PARTY_FIELDS = {"parties", "name", "address", "id_number", "credit_code", "phone", "representative"}
REFUSED = "只有本局持证执法人员（含执法队负责人）可以当场处罚和登记当场收缴的罚款。"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _own_officer(user: User) -> Officer:
    """An officer or team leader of a bureau with an officer record; otherwise 403 (the view never shows the
    form to a supervisor, the audit administrator, a leader without an officer record or an assistant)."""
    officer = getattr(user, "officer", None)
    if (user.bureau_id is None or not user.has_role(Role.OFFICER, Role.TEAM_LEADER) or officer is None
            or officer.kind != Officer.Kind.OFFICER or officer.bureau_id != user.bureau_id):
        raise PermissionDenied(REFUSED)
    return cast(Officer, officer)


def _form_page(request: HttpRequest, officer: Officer, form: OnSpotForm, party: PartyForm) -> HttpResponse:
    today = timezone.localdate()
    certificate = Certificate.objects.valid_on(today).filter(officer=officer).order_by("-valid_to").first()
    return render(request, "cases/simple_form.html", {
        "form": form, "party": party, "officer": officer, "certificate": certificate, "today": today,
        "limits": simple.LIMITS_TEXT,
    })


@login_required
@require_http_methods(["GET", "POST"])
def onspot_new(request: HttpRequest) -> HttpResponse:
    """当场处罚: one page; on success the case page, otherwise the page again with the message on its field."""
    user = _user(request)
    officer = _own_officer(user)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    form = OnSpotForm(data, user=user, today=today)
    party = onspot_party_form(data)
    if request.method == "POST" and all([form.is_valid(), party.is_valid()]):
        try:
            case = simple.onspot_penalty(data=form.onspot_data(party), actor=user)
        except DomainError as exc:
            if exc.field in PARTY_FIELDS:
                domain_error_to_form(party, exc, fields={"parties": ""})
            else:
                domain_error_to_form(form, exc)
        else:
            text = f"已当场作出行政处罚决定，案号 {case.number}。"
            if form.cleaned_data["cash"]:
                text += "当场收缴的罚款须在两个工作日内交至本局（《行政处罚法》第七十一条）。"
            messages.success(request, text)
            return redirect("cases:detail", pk=case.pk)
    return _form_page(request, officer, form, party)


@require_GET
@login_required
def cash_list(request: HttpRequest) -> HttpResponse:
    """The cash the officer collected (or holds on a case of theirs) not yet handed to the bureau or banked."""
    user = _user(request)
    _own_officer(user)
    payments = list(simple.cash_open_for(user=user))
    deadlines: dict[int, CaseDeadline] = {}
    for deadline in CaseDeadline.objects.filter(case_id__in=[p.case_id for p in payments], rule=simple.CASH_RULE,
                                                met_on__isnull=True, cancelled=False).order_by("-start", "-id"):
        deadlines[deadline.case_id or 0] = deadline  # the earliest open one wins (ordered newest first)
    today = timezone.localdate()
    rows = [{"payment": p, "deadline": deadlines.get(p.case_id)} for p in payments]
    return render(request, "cases/simple_cash.html", {"rows": rows, "today": today})


def _cash_step(request: HttpRequest, pk: int, *, bank: bool) -> HttpResponse:
    user = _user(request)
    _own_officer(user)
    payment = simple.cash_open_for(user=user).filter(pk=pk).first()
    if payment is None:
        raise Http404("没有这笔待交付的罚款")
    form = CashDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("cases:simple_cash")
    try:
        if bank:
            payment = simple.cash_bank(payment=payment, on=form.cleaned_data["on"], actor=user)
        else:
            payment = simple.cash_hand_over(payment=payment, on=form.cleaned_data["on"], actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        what = f"已登记缴付指定银行（{payment.banked_on}）" if bank else f"已登记交至本局（{payment.handed_over_on}）"
        messages.success(request, f"{payment.case.number}：{what}。")
    return redirect("cases:simple_cash")


@require_POST
@login_required
def cash_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    return _cash_step(request, pk, bank=False)


@require_POST
@login_required
def cash_bank(request: HttpRequest, pk: int) -> HttpResponse:
    return _cash_step(request, pk, bank=True)
