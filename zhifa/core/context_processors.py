from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from zhifa.accounts.roles import Role


def _nav(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    if not user.is_authenticated:
        return []
    roles = user.role_codes
    items: list[tuple[str, str]] = [("core:workbench", "工作台")]
    if roles - {Role.AUDIT_ADMIN}:
        items += [("complaints:list", "投诉举报"), ("petitions:list", "信访"),
                  ("cases:lead_list", "案源"), ("cases:list", "案件"), ("cases:transfer_list", "移送"),
                  ("disclosure:queue", "公示"),
                  ("catalog:list", "执法事项"), ("documents:templates", "文书模板"),
                  ("people:list", "人员与执法证"), ("accounts:org", "机构")]
    items.append(("workdays:index", "工作日历"))
    if roles - {Role.AUDIT_ADMIN}:
        items.append(("jobs:list", "后台任务"))
    if Role.ADMINISTRATOR in roles:
        items += [("accounts:users", "账号"), ("exchange:keys", "接口密钥")]
    if Role.AUDIT_ADMIN in roles:
        items.append(("audit:list", "审计日志"))
    urls = [(reverse(name), label) for name, label in items]
    # The longest matching prefix is the active item: /cases/leads/ is 案源, not also 案件 (/cases/).
    matching = [url for url, _ in urls if (request.path == url if url == "/" else request.path.startswith(url))]
    current = max(matching, key=len, default=None)
    return [{"url": url, "label": label, "active": url == current} for url, label in urls]


def zhifa(request: HttpRequest) -> dict[str, Any]:
    return {"ZHIFA_IDLE_MINUTES": settings.ZHIFA_IDLE_MINUTES, "nav_items": _nav(request)}
