"""Staff screens of 行政执法公示: the queue by tab, the review screen (public text beside the internal text with
each redaction marked), publish / withdraw / exclude / rebuild, and the disclosure rate by month. Thin: parse,
call one selector or service, redirect or render. Out of the user's scope answers 404; a refused or stale
action shows the message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from zhifa.accounts.models import User
from zhifa.cases.models import Case
from zhifa.lib.errors import DomainError
from zhifa.lib.redaction import Redaction
from zhifa.portal import selectors, services
from zhifa.portal.forms import ExcludeForm, WithdrawForm
from zhifa.portal.models import Disclosure

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _get(request: HttpRequest, pk: int) -> Disclosure:
    try:
        return selectors.disclosure_get(user=_user(request), pk=pk)
    except Disclosure.DoesNotExist:
        raise Http404 from None


def _can_act(user: User, disclosure: Disclosure) -> bool:
    return user.bureau_id == disclosure.bureau_id and user.has_role(*services.PUBLISHERS)


@login_required
@never_cache
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "due")
    if tab not in dict(selectors.TABS):
        tab = "due"
    user = _user(request)
    page = Paginator(selectors.disclosure_queue(user=user, tab=tab), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.queue_counts(user=user)
    tabs = [(code, label, counts[code]) for code, label in selectors.TABS]
    return render(request, "disclosure/queue.html", {"tab": tab, "tabs": tabs, "page": page})


def _detail(request: HttpRequest, disclosure: Disclosure, *, withdraw_form: WithdrawForm | None = None,
            exclude_form: ExcludeForm | None = None, status: int = 200) -> HttpResponse:
    internal = marked = None
    redactions: tuple[Redaction, ...] = ()
    if disclosure.case is not None and Case.objects.for_user(_user(request)).filter(pk=disclosure.case_id).exists():
        internal = selectors.public_narrative_of(disclosure)
        redacted = services.redacted_facts(disclosure.case)
        marked = selectors.marked_html(internal, redacted)
        redactions = redacted.redactions
    return render(request, "disclosure/detail.html", {
        "d": disclosure, "marked": marked,
        "redaction_labels": [r.label for r in redactions],
        "can_act": _can_act(_user(request), disclosure),
        "withdraw_form": withdraw_form or WithdrawForm(), "exclude_form": exclude_form or ExcludeForm(),
    }, status=status)


@login_required
@never_cache
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(request, pk))


def _act(request: HttpRequest, pk: int, action: Callable[..., Disclosure], done: str) -> HttpResponse:
    """A POST action without a form (publish, rebuild): done → back to the page; refused → the page, 400."""
    disclosure = _get(request, pk)
    try:
        action(disclosure=disclosure, actor=_user(request))
    except DomainError as exc:
        messages.error(request, exc.message)
        return _detail(request, disclosure, status=400)
    messages.success(request, done)
    return redirect("disclosure:detail", pk=pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.disclosure_publish, "已公示。")


@login_required
@require_POST
def rebuild(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.disclosure_rebuild, "已重新生成公示内容，请审核后公示。")


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _get(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_withdraw(disclosure=disclosure, reason=form.cleaned_data["reason"],
                                         actor=_user(request))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已撤回公示。")
            return redirect("disclosure:detail", pk=pk)
    return _detail(request, disclosure, withdraw_form=form, status=400)


@login_required
@require_POST
def exclude(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _get(request, pk)
    form = ExcludeForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_exclude(disclosure=disclosure, exclusion=form.cleaned_data["exclusion"],
                                        reason=form.cleaned_data["reason"], actor=_user(request))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已决定不予公示。")
            return redirect("disclosure:detail", pk=pk)
    return _detail(request, disclosure, exclude_form=form, status=400)


@login_required
@never_cache
@require_GET
def rate(request: HttpRequest) -> HttpResponse:
    months = selectors.disclosure_rate(user=_user(request))
    return render(request, "disclosure/rate.html", {"months": months})
