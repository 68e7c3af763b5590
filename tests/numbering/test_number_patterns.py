"""A bureau may set its own layout per kind of number; what a person types is checked before it is kept."""

from __future__ import annotations

import pytest
from django.db import transaction

from zhifa.audit.models import AuditEvent
from zhifa.lib.errors import DomainError
from zhifa.numbering.models import NumberPattern
from zhifa.numbering.services import number_pattern_set, number_take, pattern_render, pattern_validate


def take(bureau, kind: str = "case", year: int = 2024) -> str:
    with transaction.atomic():
        return number_take(bureau=bureau, kind=kind, year=year, default_pattern="默认〔{year}〕{seq}号").text


def test_a_configured_layout_wins_over_the_default_and_may_pad_the_sequence(org, admin):
    number_pattern_set(bureau=org.red, kind="case", pattern="{short}立字〔{year}〕{seq:03d}号", actor=admin)
    assert take(org.red) == "红综执立字〔2024〕001号"
    assert take(org.blue) == "默认〔2024〕1号"  # another bureau keeps the default


def test_changing_the_layout_mid_year_keeps_counting(org, admin):
    assert take(org.red) == "默认〔2024〕1号"
    number_pattern_set(bureau=org.red, kind="case", pattern="{short}〔{year}〕第{seq}号", actor=admin)
    assert take(org.red) == "红综执〔2024〕第2号"


def test_setting_a_layout_is_audited_with_before_and_after(org, admin):
    number_pattern_set(bureau=org.red, kind="case", pattern="{short}立〔{year}〕第{seq}号", actor=admin)
    number_pattern_set(bureau=org.red, kind="case", pattern=" {short}案〔{year}〕{seq:04d}号 ", actor=admin)
    assert NumberPattern.objects.get(bureau=org.red, kind="case").pattern == "{short}案〔{year}〕{seq:04d}号"
    first, second = AuditEvent.objects.filter(action="number_pattern.set").order_by("id")
    assert first.before is None and first.after["pattern"] == "{short}立〔{year}〕第{seq}号"
    assert second.before == {"kind": "case", "pattern": "{short}立〔{year}〕第{seq}号"}
    assert second.after["example"] == "红综执案〔2024〕0012号"
    assert (second.actor_id, second.bureau_id) == (admin.pk, org.red.pk)


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("{short}立〔{year}〕第{number}号", "未知的占位符 {number}"),
        ("{short}立〔{year}〕第{seq.real}号", "未知的占位符 {seq.real}"),
        ("{short}立〔{year}〕第{seq[0]}号", "未知的占位符 {seq[0]}"),
        ("{short}立〔{}〕第{seq}号", "未知的占位符 {}"),
        ("{short}立〔{0}〕第{seq}号", "未知的占位符 {0}"),
        ("{short}立〔{year}〕第号", "必须包含序号 {seq}"),
        ("{short}立〔{year}〕第{seq号", "花括号不成对"),
        ("{short}立〔{year}〕第{seq!r}号", "写法不受支持"),
        ("{short}立〔{year}〕第{seq:>99999999}号", "写法不受支持"),
        ("{short}立〔{year}〕第{seq:x}号", "写法不受支持"),
        ("{short:03d}立〔{year}〕第{seq}号", "写法不受支持"),
        ("   ", "不能为空"),
        ("{seq}" + "号" * 100, "最长 100 个字符"),
    ],
)
def test_a_layout_that_cannot_work_is_refused_with_a_reason(org, admin, pattern, says):
    with pytest.raises(DomainError, match=says.replace("{", r"\{").replace("[", r"\[").replace(".", r"\.")):
        number_pattern_set(bureau=org.red, kind="case", pattern=pattern, actor=admin)
    assert not NumberPattern.objects.exists()
    assert not AuditEvent.objects.filter(action="number_pattern.set").exists()


def test_literal_braces_and_the_allowed_formats_render():
    for pattern in ("{{{short}}}{year:d}-{seq:05d}", "{short}{year}{seq:3}"):
        pattern_validate(pattern)
    assert pattern_render("{{{short}}}{year:d}-{seq:05d}", short="红综执", year=2024, seq=7) == "{红综执}2024-00007"


def test_only_an_administrator_of_the_bureau_sets_its_layout(org, admin, blue_admin, officer_a):
    for actor in (officer_a, blue_admin):
        with pytest.raises(DomainError, match="系统管理员") as refused:
            number_pattern_set(bureau=org.red, kind="case", pattern="{seq}", actor=actor)
        assert refused.value.code == "forbidden"
    number_pattern_set(bureau=org.red, kind="case", pattern="{seq}", actor=None)  # the console
    number_pattern_set(bureau=org.red, kind="case", pattern="{year}-{seq}", actor=admin)
    assert NumberPattern.objects.get().pattern == "{year}-{seq}"


def test_a_malformed_kind_is_refused_when_setting_a_layout(org, admin):
    with pytest.raises(DomainError, match="编号种类"):
        number_pattern_set(bureau=org.red, kind="立案", pattern="{seq}", actor=admin)
