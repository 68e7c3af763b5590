from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def zhifa(request: HttpRequest) -> dict[str, Any]:
    return {"ZHIFA_IDLE_MINUTES": settings.ZHIFA_IDLE_MINUTES}
