"""Staff screens of complaints (投诉举报): the queue by deadline, taking one by phone or at the counter, the
complaint page with its history and every action, and the statistics. Thin: parse, call one selector or
service, redirect or render. A DomainError (a forged or stale POST included) shows the same page with the
message and changes nothing; a complaint out of the user's scope answers 404.
"""

from __future__ import annotations

import datetime as dt
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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhifa.accounts.models import Bureau, User
from zhifa.accounts.roles import Role
from zhifa.cases.forms import domain_error_to_form
from zhifa.cases.views_case import querystring, refuse_audit_only
from zhifa.intake import selectors, services
from zhifa.intake.duplicates import duplicate_candidates
from zhifa.intake.forms import (
    ComplaintFilterForm,
    ComplaintNewForm,
    DispatchForm,
    MergeForm,
    NoteForm,
    RateForm,
    ReasonForm,
    ReplyForm,
    StatsForm,
    ToLeadForm,
)
from zhifa.intake.models import Complaint
from zhifa.intake.stats import bar_chart, complaint_stats, stats_csv
from zhifa.lib.errors import DomainError

PAGE_SIZE = 50
S = Complaint.State
LEAD_REGISTRARS = (Role.OFFICER, Role.TEAM_LEADER, Role.ASSISTANT)
STATS_ROLES = (Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR, Role.LEGAL_REVIEWER, Role.SUPERVISOR)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _in_bureau(user: User, complaint: Complaint, *roles: str) -> bool:
    return user.bureau_id == complaint.bureau_id and user.has_role(*roles)


# --- which actions a user may take now (the services check again) ------------------------------------
def allowed_actions(user: User, complaint: Complaint) -> set[str]:
    state, merged = complaint.state, complaint.merged_into_id is not None
    is_open = state in Complaint.OPEN_STATES
    dispatcher = _in_bureau(user, complaint, *services.DISPATCHERS)
    handler = _in_bureau(user, complaint, *services.HANDLERS)
    rules = {
        "dispatch": dispatcher and is_open and not merged,
        "start": handler and state == S.DISPATCHED and not merged,
        "reply": handler and state in (S.DISPATCHED, S.IN_PROGRESS) and not merged,
        "close": dispatcher and state == S.REPLIED,
        "reopen": dispatcher and state in (S.REPLIED, S.CLOSED) and not merged,
        "extend": _in_bureau(user, complaint, Role.BUREAU_LEADER) and is_open and not complaint.extended,
        "merge": dispatcher and is_open and not merged,
        "to_lead": _in_bureau(user, complaint, *LEAD_REGISTRARS) and complaint.lead_id is None,
        "reveal": services.may_reveal(user, complaint) and not complaint.anonymous,
        "rate": (handler or dispatcher) and state in (S.REPLIED, S.CLOSED) and not complaint.satisfaction,
    }
    return {name for name, ok in rules.items() if ok}


@dataclass(frozen=True)
class Action:
    label: str
    form: Callable[..., forms.Form]
    run: Callable[[User, Complaint, Any], Any]
    done: str


def _merge(user: User, complaint: Complaint, data: dict[str, Any]) -> Complaint:
    target = selectors.complaints_visible(user).filter(pk=data["target"]).first()
    if target is None:
        raise DomainError("找不到要并入的投诉，或您无权查看它。", field="target")
    return services.complaint_merge(complaint=complaint, target=target, actor=user)


ACTIONS: dict[str, Action] = {
    "dispatch": Action("分派", DispatchForm,
                       lambda u, c, f: services.complaint_dispatch(complaint=c, actor=u, note=f.cleaned_data["note"],
                                                                   **f.target_kwargs()), "已分派。"),
    "start": Action("签收办理", NoteForm, lambda u, c, f: services.complaint_start(complaint=c, actor=u), "已签收。"),
    "reply": Action("答复", ReplyForm,
                    lambda u, c, f: services.complaint_reply(complaint=c, actor=u, reply=f.cleaned_data["reply"]),
                    "已答复投诉人。"),
    "close": Action("办结", NoteForm,
                    lambda u, c, f: services.complaint_close(complaint=c, actor=u, note=f.cleaned_data["note"]),
                    "已办结。"),
    "reopen": Action("重新办理", ReasonForm,
                     lambda u, c, f: services.complaint_reopen(complaint=c, actor=u, reason=f.cleaned_data["reason"]),
                     "已重新办理，答复期限重新计算。"),
    "extend": Action("批准延期", ReasonForm,
                     lambda u, c, f: services.complaint_extend(complaint=c, actor=u, reason=f.cleaned_data["reason"]),
                     "已延长答复期限。"),
    "merge": Action("合并", MergeForm, lambda u, c, f: _merge(u, c, f.cleaned_data), "已合并，将随并入的投诉一并答复。"),
    "to_lead": Action("转为案源", ToLeadForm,
                      lambda u, c, f: services.complaint_to_lead(complaint=c, actor=u, facts=f.cleaned_data["facts"]),
                      "已转为案源。"),
    "rate": Action("记录回访评价", RateForm,
                   lambda u, c, f: services.complaint_rate(complaint=c, actor=u, via="电话回访",
                                                           satisfaction=f.cleaned_data["satisfaction"]),
                   "已记录回访评价。"),
}


def _form(name: str, complaint: Complaint, data: Any = None) -> forms.Form:
    extra = {"bureau": complaint.bureau} if name == "dispatch" else {}
    return ACTIONS[name].form(data, prefix=name, **extra)


def _page(request: HttpRequest, complaint: Complaint, *, bound: dict[str, forms.Form] | None = None,
          revealed: services.Reporter | None = None, error: str = "") -> HttpResponse:
    user = _user(request)
    allowed = allowed_actions(user, complaint)
    action_forms = {name: (bound or {}).get(name) or _form(name, complaint) for name in ACTIONS if name in allowed}
    candidates = duplicate_candidates(complaint) if "merge" in allowed else []
    return render(request, "intake/complaint_detail.html", {
        "complaint": complaint,
        "events": complaint.events.select_related("actor"),
        "attachments": complaint.attachments.all(),
        "merged": complaint.merged.all(),
        "forms": action_forms,
        "allowed": allowed,
        "candidates": candidates,
        "revealed": revealed,
        "error": error,
        "now": timezone.now(),
        "overdue": complaint.is_open and complaint.reply_due < timezone.now(),
    })


# --- the queue ----------------------------------------------------------------------------------------------
@require_GET
@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    form = ComplaintFilterForm(request.GET, bureau=user.bureau)
    complaints = selectors.complaint_queue(user=user, filters=form.filters())
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    return render(request, "intake/complaint_list.html", {
        "form": form, "page": page, "querystring": querystring(request, "page"), "now": now,
        "end_of_today": services.end_of_day(timezone.localdate()), "counts": selectors.complaint_counts(user=user),
        "may_take": _may_take(user),
    })


def _may_take(user: User) -> bool:
    return user.bureau_id is not None and user.has_role(*services.HANDLERS, Role.ADMINISTRATOR)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """A complaint taken by phone or at the counter (来电、来访)."""
    user = _user(request)
    if not _may_take(user) or user.bureau is None:
        raise PermissionDenied("只有本局工作人员可以登记投诉。")
    form = ComplaintNewForm(request.POST or None, bureau=user.bureau)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            received = services.complaint_receive(
                bureau=user.bureau, channel=data["channel"], category=data["category"], place=data["place"],
                description=data["description"], reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"], reporter_email=data["reporter_email"],
                anonymous=data["anonymous"], latitude=data["latitude"], longitude=data["longitude"], actor=user,
            )
        except DomainError as exc:
            domain_error_to_form(form, exc, fields={"纬度": "latitude", "经度": "longitude"})
        else:
            complaint = received.complaint
            messages.success(request, f"已登记投诉 {complaint.number}，查询码 {received.access_code}（请告知投诉人，"
                                      "仅显示这一次），答复期限 " + services.local_text(complaint.reply_due) + "。")
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "intake/complaint_form.html", {"form": form})


@require_GET
@login_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    return _page(request, selectors.complaint_get(user=user, pk=pk))


@never_cache  # a revealed reporter must not stay in a cache
@require_POST
@login_required
def complaint_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    refuse_audit_only(user)
    complaint = selectors.complaint_get(user=user, pk=pk)
    if action == "reveal":
        try:
            reporter = services.complaint_reveal(complaint=complaint, actor=user)
        except DomainError as exc:
            return _page(request, complaint, error=exc.message)
        return _page(request, complaint, revealed=reporter)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("没有这个操作。")
    form = _form(action, complaint, request.POST)
    if form.is_valid():
        try:
            spec.run(user, complaint, form)
        except DomainError as exc:
            domain_error_to_form(form, exc)
        else:
            messages.success(request, spec.done)
            return redirect("complaints:detail", pk=complaint.pk)
    complaint = selectors.complaint_get(user=user, pk=pk)
    message = "；".join(str(e) for errors in form.errors.values() for e in errors)
    return _page(request, complaint, bound={action: form}, error=f"{spec.label}未成功：{message}")


# --- statistics -----------------------------------------------------------------------------------------------
def _stats_bureau(request: HttpRequest, user: User) -> Bureau:
    if not user.has_role(*STATS_ROLES):
        raise PermissionDenied("只有执法队负责人、局领导、法制审核人员、系统管理员和监督人员可以查看投诉统计。")
    if user.bureau is not None:
        return user.bureau
    bureau = Bureau.objects.filter(pk=request.GET.get("bureau") or 0).first() if (
        request.GET.get("bureau") or "").isdigit() else None
    return bureau or Bureau.objects.order_by("id").first() or _no_bureau()


def _no_bureau() -> Bureau:
    raise Http404("还没有执法局。")


@require_GET
@login_required
def complaint_stats_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    bureau = _stats_bureau(request, user)
    today = timezone.localdate()
    data = request.GET if request.GET.get("start") or request.GET.get("end") else None
    form = StatsForm(data, initial={"start": dt.date(today.year, 1, 1), "end": today})
    start, end = dt.date(today.year, 1, 1), today
    if data is not None and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    stats = complaint_stats(bureau=bureau, start=start, end=end)
    if request.GET.get("format") == "csv":
        response = HttpResponse("\ufeff" + stats_csv(stats), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="complaint-stats-{start}-{end}.csv"'
        return response
    charts = [bar_chart("按类别（受理量）", stats.by_category), bar_chart("按承办单位（受理量）", stats.by_department),
              bar_chart("按月份（受理量）", stats.by_month)]
    bureaus = list(Bureau.objects.order_by("id")) if user.bureau is None else []
    return render(request, "intake/stats.html", {
        "form": form, "stats": stats, "charts": charts, "bureau": bureau, "bureaus": bureaus,
        "csv_query": f"start={start}&end={end}&bureau={bureau.pk}&format=csv",
    })
