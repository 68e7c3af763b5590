"""contacts_mask: the identifiers people write into a complaint do not reach Open311 GET output."""

from __future__ import annotations

import pytest

from zhifa.lib.redaction import contacts_mask


@pytest.mark.parametrize(
    "written",
    [
        "13912345678", "139 1234 5678", "139-1234-5678", "+86 13912345678", "１３９１２３４５６７８",
        "0951-6012345", "09516012345", "110105199003071234", "11010519900307123X", "110105 1990 0307 1234",
        "110105900307123", "zhangsan@example.com",
    ],
)
def test_phones_id_numbers_and_mail_addresses_are_masked_in_every_written_form(written):  # type: ignore[no-untyped-def]
    text = f"投诉人称可拨打{written}联系，情况属实。"
    masked = contacts_mask(text)
    assert written not in masked and "已隐去" in masked
    assert masked.startswith("投诉人称可拨打") and masked.endswith("联系，情况属实。")


@pytest.mark.parametrize(
    "ordinary",
    ["罚款300元", "2026年11月28日", "红综执罚决字〔2026〕第12号", "第二十八条", "门牌12号3单元501室", "TS2026-1-000123",
     "12345热线", "面积约120平方米"],
)
def test_ordinary_numbers_survive(ordinary):  # type: ignore[no-untyped-def]
    text = f"经核查，{ordinary}，已处理。"
    assert contacts_mask(text) == text


def test_given_names_become_surname_and_mou():
    assert contacts_mask("张三反映李四在门前摆摊，张三要求处理。", names=("张三",)) == "张某反映李四在门前摆摊，张某要求处理。"
