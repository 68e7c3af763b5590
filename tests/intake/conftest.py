"""Intake fixtures: the red bureau's complaint categories (one per service level) and a hotline key."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import Org
from zhifa.intake.apikeys import api_key_create
from zhifa.intake.models import ApiKey, ComplaintCategory

L = ComplaintCategory.Level


@dataclass
class Categories:
    ordinary: ComplaintCategory
    complex: ComplaintCategory
    urgent: ComplaintCategory
    blue: ComplaintCategory


@pytest.fixture
def categories(org: Org) -> Categories:
    def make(bureau, code: str, name: str, level: str, **extra) -> ComplaintCategory:  # type: ignore[no-untyped-def]
        return ComplaintCategory.objects.create(
            bureau=bureau, code=code, name=name, level=level, matter_category="市容环境卫生", **extra
        )

    return Categories(
        ordinary=make(org.red, "street-vending", "占道经营", L.ORDINARY, description="流动摊贩占道经营"),
        complex=make(org.red, "illegal-building", "违法建设", L.COMPLEX),
        urgent=make(org.red, "night-noise", "夜间施工噪声", L.URGENT, urgent_hours=2),
        blue=make(org.blue, "street-vending", "占道经营", L.ORDINARY),
    )


@dataclass
class Hotline:
    key: ApiKey
    raw: str


@pytest.fixture
def hotline(org: Org) -> Hotline:
    key, raw = api_key_create(bureau=org.red, system="12345政务服务便民热线", actor=None)
    return Hotline(key=key, raw=raw)
