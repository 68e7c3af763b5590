"""Petition screens (信访): the register with due dates (overdue marked), registering one, and its page with the
history and the actions (受理/不予受理告知, 延期, 办结, 复查). Thin, like views.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.cases.forms import domain_error_to_form
from zhifa.cases.views_case import querystring, refuse_audit_only
from zhifa.intake import petitions, selectors
from zhifa.intake.forms import (
    PetitionFilterForm,
    PetitionNewForm,
    PetitionNoteForm,
    PetitionResultForm,
    PetitionReviewRequestForm,
    ReasonForm,
)
from zhifa.intake.models import Petition
from zhifa.lib.errors import DomainError

P = Petition.State
PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@dataclass(frozen=True)
class Action:
    label: str
    form: Callable[..., forms.Form]
    run: Callable[[User, Petition, dict[str, Any]], Any]
    states: tuple[str, ...]
    roles: tuple[str, ...]


ACTIONS: dict[str, Action] = {
    "accept": Action("受理并书面告知", PetitionNoteForm,
                     lambda u, p, d: petitions.petition_accept(petition=p, actor=u, note=d["note"], replied_on=d["day"]),
                     (P.RECEIVED,), petitions.PETITION_STAFF),
    "refuse": Action("不予受理并书面告知", PetitionNoteForm,
                     lambda u, p, d: petitions.petition_refuse(petition=p, actor=u, note=d["note"], replied_on=d["day"]),
                     (P.RECEIVED,), petitions.PETITION_STAFF),
    "extend": Action("批准延长 30 日", ReasonForm,
                     lambda u, p, d: petitions.petition_extend(petition=p, actor=u, reason=d["reason"]),
                     (P.ACCEPTED,), (Role.BUREAU_LEADER,)),
    "resolve": Action("办结（出具处理意见）", PetitionResultForm,
                      lambda u, p, d: petitions.petition_resolve(petition=p, actor=u, result=d["result"],
                                                                 resolved_on=d["day"]),
                      (P.ACCEPTED,), petitions.PETITION_STAFF),
    "review_request": Action("登记复查申请", PetitionReviewRequestForm,
                             lambda u, p, d: petitions.petition_review_request(petition=p, actor=u,
                                                                               requested_on=d["day"], note=d["note"]),
                             (P.RESOLVED,), petitions.PETITION_STAFF),
    "review_resolve": Action("复查办结", PetitionResultForm,
                             lambda u, p, d: petitions.petition_review_resolve(petition=p, actor=u, result=d["result"],
                                                                               reviewed_on=d["day"]),
                             (P.REVIEW,), (Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR)),
}


def allowed_actions(user: User, petition: Petition) -> list[str]:
    return [name for name, a in ACTIONS.items()
            if petition.state in a.states and user.bureau_id == petition.bureau_id and user.has_role(*a.roles)
            and not (name == "extend" and petition.extended)]


def _page(request: HttpRequest, petition: Petition, *, bound: dict[str, forms.Form] | None = None,
          error: str = "") -> HttpResponse:
    user = _user(request)
    names = allowed_actions(user, petition)
    action_forms = [(name, ACTIONS[name].label, (bound or {}).get(name) or ACTIONS[name].form(prefix=name))
                    for name in names]
    return render(request, "intake/petition_detail.html", {
        "petition": petition, "events": petition.events.select_related("actor"), "action_forms": action_forms,
        "due": petitions.petition_due(petition), "today": timezone.localdate(), "error": error,
    })


def _may_register(user: User) -> bool:
    return user.bureau_id is not None and user.has_role(*petitions.PETITION_STAFF)


@require_GET
@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    form = PetitionFilterForm(request.GET)
    rows = [(p, petitions.petition_due(p)) for p in selectors.petition_list(user=user, filters=form.filters())]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "intake/petition_list.html", {
        "form": form, "page": page, "querystring": querystring(request, "page"), "today": timezone.localdate(),
        "may_register": _may_register(user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def petition_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not _may_register(user):
        raise PermissionDenied("只有本局工作人员可以登记信访事项。")
    form = PetitionNewForm(request.POST or None, bureau=user.bureau, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = petitions.petition_register(
                actor=user, received_on=data["received_on"], subject=data["subject"], content=data["content"],
                petitioner=data["petitioner"], phone=data["phone"], channel=data["channel"],
                department=data["department"],
            )
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, f"已登记信访事项 {petition.number}，应于 {petition.reply_due} 前书面告知是否受理。")
            return redirect("petitions:detail", pk=petition.pk)
    return render(request, "intake/petition_form.html", {"form": form})


@require_GET
@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    return _page(request, selectors.petition_get(user=user, pk=pk))


@require_POST
@login_required
def petition_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    petition = selectors.petition_get(user=user, pk=pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("没有这个操作。")
    form = spec.form(request.POST, prefix=action)
    if form.is_valid():
        try:
            spec.run(user, petition, form.cleaned_data)
        except DomainError as exc:
            domain_error_to_form(form, exc, fields={"replied_on": "day", "resolved_on": "day", "requested_on": "day",
                                                    "reviewed_on": "day"})
        else:
            messages.success(request, f"{spec.label}：已完成。")
            return redirect("petitions:detail", pk=petition.pk)
    petition = selectors.petition_get(user=user, pk=pk)
    message = "；".join(str(e) for errors in form.errors.values() for e in errors)
    return _page(request, petition, bound={action: form}, error=f"{spec.label}未成功：{message}")
