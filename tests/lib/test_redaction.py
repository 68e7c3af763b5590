"""contacts_mask: the identifiers people write into a complaint do not reach Open311 GET output; redact: what
the portal publishes of a decision's narrative (examples; the properties are in test_redaction_properties.py)."""

from __future__ import annotations

import pytest

from zhifa.lib.redaction import PLACEHOLDERS, Redaction, apply_redactions, contacts_mask, redact, surname_mou


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


# --- redact: the portal's narratives ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("110105 19900307 1234", "id_number"), ("110-105-1990-0307-1234", "id_number"),
        ("11010519900307123x", "id_number"), ("11010519900307123Ｘ", "id_number"), ("11010519900307123 X", "id_number"),
        ("１１０１０５　１９９００３０７　１２３４", "id_number"), ("110105199013071232", "id_number"),
        ("110105 900307 123", "id_number"),
        ("+86 139 1234 5678", "phone"), ("139.1234.5678", "phone"), ("139/1234/5678", "phone"), ("86-13912345678", "phone"), ("０086 13912345678", "phone"),
        ("(0951)6012345", "phone"), ("（0951）6012345", "phone"), ("(+86 951)6012345", "phone"),
        ("(+86 0951) 601-2345", "phone"), ("( 010 )62345678", "phone"), ("010-62345678", "phone"), ("+86 951 6012345", "phone"),
        ("6222 0212 3456 7894", "bank_card"), ("6222-0212-3456-7894", "bank_card"), ("6228480012345678903", "bank_card"),
        ("６２２２０２１２３４５６７８９４", "bank_card"), ("622848 0012345678903", "bank_card"),
        ("宁A12345", "plate"), ("宁A·12345", "plate"), ("宁AD12345", "plate"), ("宁A12345F", "plate"),
        ("宁A 1234学", "plate"), ("宁Ａ１２３４５", "plate"), ("宁A-AB123", "plate"),
        ("li.si@example.com.cn", "email"),
    ],
)
def test_each_written_form_is_found_with_its_kind_and_position(written, kind):  # type: ignore[no-untyped-def]
    text = f"经查，{written}。"
    result = redact(text)
    assert result.redactions == (Redaction(3, 3 + len(written), kind, PLACEHOLDERS[kind]),)
    assert result.text == f"经查，{PLACEHOLDERS[kind]}。"
    assert result.redactions[0].label


def test_positions_are_in_the_original_text_and_replay_to_the_public_text():
    text = "当事人张三（身份证640104200101010029，电话139 1234 5678）驾驶宁A·12345，证人李四称其看见。"
    result = redact(text, party_names=["张三"])
    assert [text[r.start : r.end] for r in result.redactions] == [
        "640104200101010029", "139 1234 5678", "宁A·12345", "李四"]
    assert apply_redactions(text, result.redactions) == result.text
    assert result.text == "当事人张三（身份证［证件号码已隐去］，电话［电话已隐去］）驾驶［车牌已隐去］，证人李某称其看见。"


def test_identifiers_written_side_by_side_are_all_masked():
    text = "联系方式13912345678 0951-6012345 6222021234567894"
    assert redact(text).text == "联系方式［电话已隐去］ ［电话已隐去］ ［卡号已隐去］"


def test_only_phone_numbers_give_way_to_a_unit_after_them():
    assert redact("处15000-100000元罚款，面积0951601234平方米").text == "处15000-100000元罚款，面积0951601234平方米"
    assert redact("电话13912345678张先生，13912345678 万女士").text == "电话［电话已隐去］张先生，［电话已隐去］ 万女士"
    assert redact("110000990101000 万，6222021234567894元").text == "［证件号码已隐去］ 万，［卡号已隐去］元"


def test_a_credit_code_label_keeps_only_the_number_right_after_it():
    # 916401001000000414 is a valid all-digit credit code that also passes Luhn.
    assert redact("统一社会信用代码：916401001000000414").text == "统一社会信用代码：916401001000000414"
    assert redact("身份证号916401001000000414").text == "身份证号［卡号已隐去］"
    assert redact("注册号916401001000000414，卡号916401001000000414").text == "注册号916401001000000414，卡号［卡号已隐去］"


def test_a_run_glued_to_latin_letters_is_a_code_unless_it_is_an_id_number_or_a_mobile():
    assert redact("TEL13912345678").text == "TEL［电话已隐去］"
    assert redact("编号AJ6222021234567894B").text == "编号AJ6222021234567894B"


@pytest.mark.parametrize(
    "ordinary",
    [
        "¥12,345.00", "罚款3,000元", "2026-11-28", "2026.11.28", "2026/11/28", "2026-11-28 2026-11-29", "2026/11/28 2026/11/29", "第28条第1款第（3）项",
        "120平方米", "3号楼2单元501室", "TS2026-1-000123", "12345热线", "红综执罚决字〔2026〕第12号",
        "统一社会信用代码91640100MA76ABCD2X", "统一社会信用代码：916401001000000414",  # one all digits, Luhn-valid
        "110105199013071231",  # 18 digits, wrong check digit and no real birth date: not an ID number
        "京ICP备12345678号", "第(12)3456789号", "（2026）1234567", "处15000-100000元罚款", "¥13912345678",
    ],
)
def test_ordinary_numbers_and_organisation_codes_survive(ordinary):  # type: ignore[no-untyped-def]
    text = f"经核查，{ordinary}，已处理。"
    assert redact(text).text == text


# --- names ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("证人李四称当事人在此经营。", "证人李某称当事人在此经营。"),
        ("邻居王五、赵六反映噪音扰民。", "邻居王某、赵某反映噪音扰民。"),
        ("投诉人：赵六反映，赵六多次投诉。", "投诉人：赵某反映，赵某多次投诉。"),
        ("经询问张三得知，张三系店员。", "经询问张某得知，张某系店员。"),
        ("其妻刘芳芳在场。", "其妻刘某在场。"),
        ("证人欧阳娜娜证实。", "证人欧阳某证实。"),
        ("目击者司马光称。", "目击者司马某称。"),
    ],
)
def test_a_person_a_role_word_introduces_becomes_surname_and_mou_everywhere(text, public):  # type: ignore[no-untyped-def]
    result = redact(text)
    assert result.text == public
    assert {r.kind for r in result.redactions} == {"person"}


@pytest.mark.parametrize(
    "text",
    ["其妻刘某某在场。", "证人李某称。", "投诉人向执法人员反映。", "证人证言一份。", "邻居家中无人。", "据查明，当事人未取得许可。",
     "投诉人称噪音扰民。", "询问笔录两份。"],
)
def test_already_anonymous_forms_and_ordinary_words_after_a_role_word_stay(text):  # type: ignore[no-untyped-def]
    assert redact(text).text == text


def test_the_punished_party_is_never_redacted():
    text = "经询问张三，张三承认占道经营，证人李四证实。"
    result = redact(text, person_names=["张三", "王五"], party_names=["张三"])
    assert result.text == "经询问张三，张三承认占道经营，证人李某证实。"


def test_a_listed_name_inside_the_party_name_is_left_alone_there():
    text = "当事人张三丰雇用张三在门前摆摊。"
    assert redact(text, person_names=["张三"], party_names=["张三丰"]).text == "当事人张三丰雇用张某在门前摆摊。"


def test_names_found_by_context_can_be_switched_off():
    assert redact("证人李四称。", find_names=False).text == "证人李四称。"
    assert redact("证人李四称。", person_names=["李四"], find_names=False).text == "证人李某称。"


@pytest.mark.parametrize(("name", "mou"), [("张三", "张某"), ("李小明", "李某"), ("欧阳娜娜", "欧阳某"), ("司马光", "司马某"),
                                           ("欧阳娜", "欧阳某"), (" 王五 ", "王某")])
def test_surname_mou(name, mou):  # type: ignore[no-untyped-def]
    assert surname_mou(name) == mou


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("证人王家明称。", "证人王某称。"), ("证人陈述称其未看见。", "证人陈述称其未看见。"), ("工人施工时噪音大。", "工人施工时噪音大。"),
        ("邻居马上报警。", "邻居马上报警。"), ("房东方面表示同意。", "房东方面表示同意。"), ("员工包括厨师在内。", "员工包括厨师在内。"),
        ("工人文化宫门前。", "工人文化宫门前。"), ("邻居马丽称。", "邻居马某称。"),
    ],
)
def test_words_that_begin_with_a_surname_are_not_names(text, public):  # type: ignore[no-untyped-def]
    assert redact(text).text == public
