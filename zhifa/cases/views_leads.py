"""Leads (案源): the list, registering one, its page with the request to file it as a case (报请立案), and the
leader's extension of the filing decision period. Thin: parse, call one service, redirect or render.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.cases import selectors, services
from zhifa.cases.forms import (
    EVIDENCE_ALLOWED,
    EVIDENCE_MAX_BYTES,
    FilingForm,
    LeadAttachmentForm,
    LeadExtendForm,
    LeadFilterForm,
    LeadForm,
    PartyForm,
    domain_error_to_form,
)
from zhifa.cases.models import Lead
from zhifa.cases.views_case import querystring, refuse_audit_only
from zhifa.lib.errors import DomainError
from zhifa.lib.evidence_store import evidence_store

PAGE_SIZE = 50
# Where a filing service's field errors land on the filing form (identifiers are checked per party already).
FILING_FIELDS = {"officers": "co_officers", "parties": "", "id_number": "", "credit_code": "", "phone": ""}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _may_register(user: User) -> bool:
    return user.bureau_id is not None and user.has_role(Role.OFFICER, Role.TEAM_LEADER, Role.ASSISTANT)


def _may_request_filing(user: User, lead: Lead) -> bool:
    return (lead.state == Lead.State.REGISTERED and user.bureau_id == lead.bureau_id
            and user.has_role(Role.OFFICER, Role.TEAM_LEADER))


def _may_extend(user: User, lead: Lead) -> bool:
    return (lead.state in (Lead.State.REGISTERED, Lead.State.FILING) and not lead.decision_extended
            and user.bureau_id == lead.bureau_id and user.has_role(Role.BUREAU_LEADER))


@login_required
def lead_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    form = LeadFilterForm(request.GET)
    leads = selectors.lead_list(user=user, filters=form.filters())
    page = Paginator(leads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/lead_list.html", {
        "form": form, "page": page, "may_register": _may_register(user),
        "querystring": querystring(request, "page"), "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def lead_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not _may_register(user):
        raise PermissionDenied("只有本局执法人员和协管员可以登记案源。")
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lead = services.lead_register(actor=user, source=data["source"], discovered_on=data["discovered_on"],
                                          place=data["place"], facts=data["facts"], reporter=data["reporter"])
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已登记案源，立案决定期限 {lead.decision_due}。")
            return redirect("cases:lead_detail", pk=lead.pk)
    return render(request, "cases/lead_form.html", {"form": form})


def _filing_forms(request: HttpRequest, user: User, lead: Lead) -> tuple[FilingForm, list[PartyForm]]:
    data = request.POST if request.method == "POST" else None
    today = timezone.localdate()
    filing = FilingForm(data, user=user, today=today, lead=lead, prefix="filing")
    parties = [PartyForm(data, prefix="party1"), PartyForm(data, prefix="party2", optional=True)]
    return filing, parties


def _may_attach(user: User, lead: Lead) -> bool:
    return _may_register(user) and user.bureau_id == lead.bureau_id and lead.state in (
        Lead.State.REGISTERED, Lead.State.FILING)


def _lead_page(request: HttpRequest, lead: Lead, **forms: Any) -> HttpResponse:
    user = _user(request)
    context: dict[str, Any] = {
        "lead": lead,
        "case": selectors.lead_case(lead),
        "today": timezone.localdate(),
        "may_request_filing": _may_request_filing(user, lead),
        "may_extend": _may_extend(user, lead),
    }
    if context["may_request_filing"] and "filing" not in forms:
        forms["filing"], forms["parties"] = _filing_forms(request, user, lead)
    if context["may_extend"] and "extend" not in forms:
        forms["extend"] = LeadExtendForm(prefix="extend")
    context["may_attach"] = _may_attach(user, lead)
    if context["may_attach"] and "attach" not in forms:
        forms["attach"] = LeadAttachmentForm(prefix="attach")
    context.update(forms)
    return render(request, "cases/lead_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead's page; a POST is the request to file it (报请立案) with the parties and the officers."""
    user = _user(request)
    refuse_audit_only(user)
    lead = selectors.lead_get(user=user, pk=pk)
    if request.method != "POST":
        return _lead_page(request, lead)
    if not _may_request_filing(user, lead):
        raise PermissionDenied("只有本局执法人员可以对待核查的案源报请立案。")
    filing, parties = _filing_forms(request, user, lead)
    valid = all([filing.is_valid(), *(party.is_valid() for party in parties)])
    if valid:
        party_data = [p for p in (party.party_data() for party in parties) if p is not None]
        try:
            case = services.case_request_filing(lead=lead, data=filing.filing_data(party_data), actor=user)
        except DomainError as exc:
            domain_error_to_form(filing, exc, fields=FILING_FIELDS)
        else:
            messages.success(request, "已报请立案，等待局领导审批。")
            return redirect("cases:detail", pk=case.pk)
    return _lead_page(request, lead, filing=filing, parties=parties)


@require_POST
@login_required
def lead_extend(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    lead = selectors.lead_get(user=user, pk=pk)
    if not _may_extend(user, lead):
        raise PermissionDenied("立案决定期限只能由本局局领导延长一次，且只适用于尚未作出立案决定的案源。")
    form = LeadExtendForm(request.POST, prefix="extend")
    if form.is_valid():
        try:
            lead = services.lead_extend(lead=lead, actor=user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已延长立案决定期限至 {lead.decision_due}。")
            return redirect("cases:lead_detail", pk=lead.pk)
    return _lead_page(request, lead, extend=form)


@require_POST
@login_required
def lead_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file to a lead: streamed to the store with its hash, type checked by content."""
    user = _user(request)
    lead = selectors.lead_get(user=user, pk=pk)
    if not _may_attach(user, lead):
        raise PermissionDenied("只有本局执法人员可以为尚未作出立案决定的案源上传附件。")
    form = LeadAttachmentForm(request.POST, request.FILES, prefix="attach")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        try:
            try:
                stored = evidence_store(stream=upload, declared_name=upload.name or "", max_bytes=EVIDENCE_MAX_BYTES,
                                        allowed=EVIDENCE_ALLOWED[kind])
            except DomainError as exc:
                raise DomainError(exc.message, field="file", code=exc.code) from None
            attachment = services.lead_attachment_add(lead=lead, stored=stored, kind=kind,
                                                      title=form.cleaned_data["title"],
                                                      original_name=upload.name or "", actor=user)
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已上传附件“{attachment.title}”。")
            return redirect("cases:lead_detail", pk=lead.pk)
    return _lead_page(request, lead, attach=form)
