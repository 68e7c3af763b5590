"""Numbers are taken in the caller's transaction: sequential, independent per bureau, kind and year, and a
rolled-back issue gives its number back (that is what keeps them gapless)."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.conftest import Org
from zhifa.numbering.models import NumberSequence
from zhifa.numbering.services import CASE_PATTERN, IssuedNumber, number_take

DECISION = "{short}罚决字〔{year}〕第{seq}号"


class Rollback(Exception):
    """Raised inside a block to roll it back, the way a failing service would."""


def take(org: Org, kind: str = "case", year: int = 2024, bureau=None, pattern: str | None = None) -> IssuedNumber:
    with transaction.atomic():
        return number_take(bureau=bureau or org.red, kind=kind, year=year, default_pattern=pattern)


def test_case_numbers_count_up_from_one_in_the_case_layout(org):
    numbers = [take(org) for _ in range(5)]
    assert [n.seq for n in numbers] == [1, 2, 3, 4, 5]
    assert numbers[0].text == "红综执立〔2024〕第1号"
    assert numbers[4] == IssuedNumber(text="红综执立〔2024〕第5号", seq=5, year=2024, kind="case")
    assert str(numbers[4]) == "红综执立〔2024〕第5号"
    assert NumberSequence.objects.get(bureau=org.red, kind="case", year=2024).last == 5


def test_a_document_kind_uses_the_callers_default_layout(org):
    assert take(org, kind="penalty_decision", pattern=DECISION).text == "红综执罚决字〔2024〕第1号"
    assert take(org, kind="penalty_decision", pattern=DECISION).text == "红综执罚决字〔2024〕第2号"


def test_each_bureau_kind_and_year_counts_on_its_own(org):
    take(org)
    take(org)
    assert take(org, bureau=org.blue).text == "蓝综执立〔2024〕第1号"
    assert take(org, kind="penalty_decision", pattern=DECISION).seq == 1
    assert take(org, year=2025).text == "红综执立〔2025〕第1号"
    assert take(org).seq == 3


def test_a_rolled_back_issue_gives_its_number_back(org):
    take(org)
    with pytest.raises(Rollback), transaction.atomic():
        assert number_take(bureau=org.red, kind="case", year=2024, default_pattern=CASE_PATTERN).seq == 2
        raise Rollback
    assert take(org).seq == 2


def test_a_rolled_back_first_issue_of_the_year_leaves_no_counter_behind(org):
    with pytest.raises(Rollback), transaction.atomic():
        assert take(org, year=2030).seq == 1
        raise Rollback
    assert not NumberSequence.objects.filter(year=2030).exists()
    assert take(org, year=2030).seq == 1


def test_a_kind_without_a_known_layout_needs_the_callers_default(org):
    with pytest.raises(ValueError, match="default_pattern"):
        take(org, kind="penalty_decision")
    with pytest.raises(ValueError, match="默认编号格式"):
        take(org, kind="penalty_decision", pattern="{short}罚决字〔{year}〕第{n}号")
    assert not NumberSequence.objects.exists()


@pytest.mark.parametrize("kind", ["", "Case", "case-number", "立案", "x" * 41])
def test_a_malformed_kind_is_a_programming_error(org, kind):
    with pytest.raises(ValueError, match="编号种类"):
        take(org, kind=kind, pattern=CASE_PATTERN)


def test_a_year_out_of_range_is_a_programming_error(org):
    with pytest.raises(ValueError, match="年份"):
        take(org, year=24)


@pytest.mark.django_db(transaction=True)
def test_taking_a_number_outside_a_transaction_is_refused(org):
    with pytest.raises(RuntimeError, match="事务"):
        number_take(bureau=org.red, kind="case", year=2024)
    assert not NumberSequence.objects.exists()
