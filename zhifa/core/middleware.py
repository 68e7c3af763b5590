"""A strict content security policy: nothing is loaded from outside, no inline script or style; and no NUL
character in a request's address reaches a view.

(The request id for the audit log is set by zhifa.audit.middleware.AuditContextMiddleware.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict, UnreadablePostError

from zhifa.lib.nul import NUL

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        return response


NUL_MESSAGE = "请求中含有空字符（%00），无法处理。请检查链接是否完整，或重新输入后再试。"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class NulCharacterMiddleware:
    """400 for a NUL character in the path, the query string or a form's fields, before any view reads it.

    PostgreSQL cannot store or compare text holding NUL, so a typed or forged %00 in a search box would
    otherwise surface as a 500 from the database; some views (Open311) read form fields without a Django
    form, whose fields would refuse NUL themselves. JSON bodies are checked by their readers (zhifa.lib.nul).
    Parsing a form here costs nothing extra: the CSRF check parses every POST anyway.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or _holds_nul(request.GET) or _form_holds_nul(request):
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _form_holds_nul(request: HttpRequest) -> bool:
    if request.method != "POST" or request.content_type not in FORMS:
        return False
    try:
        # A too large or malformed body raises here as it would in the CSRF check, and is answered the same way.
        return _holds_nul(request.POST)
    except UnreadablePostError:  # the client went away mid-upload; the CSRF check treats it as no form
        return False


def _holds_nul(query: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())
