"""Which bureau a public portal page is about.

Most deployments serve one bureau; a deployment serving several (a city's districts) names one with
`?bureau=<short name>`. Without it the portal shows the first bureau, so that every page has an answer
and no page needs a login or a cookie.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from zhifa.accounts.models import Bureau


def portal_bureaus() -> list[Bureau]:
    return list(Bureau.objects.order_by("id"))


def portal_bureau(request: HttpRequest) -> Bureau:
    """The bureau named by ?bureau=, else the first; 404 (in Chinese) for a name that is not one."""
    wanted = request.GET.get("bureau", "").strip()[:40]
    queryset = Bureau.objects.order_by("id")
    bureau = queryset.filter(short_name=wanted).first() if wanted else queryset.first()
    if bureau is None:
        raise Http404("没有这个执法机关" if wanted else "本门户尚未设置执法机关")
    return bureau
