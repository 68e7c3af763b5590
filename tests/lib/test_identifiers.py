"""Personal identifiers: GB 11643 ID numbers, GB 32100 credit codes, masking, sealing and keyed hashes."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag
from hypothesis import given
from hypothesis import strategies as st

from zhifa.lib import crypto
from zhifa.lib.errors import DomainError
from zhifa.lib.identifiers import (
    id_check_digit,
    id_number_validate,
    mask_id_number,
    mask_phone,
    phone_validate,
    uscc_check_char,
    uscc_validate,
)

# The example of GB 11643-1999 itself, and a widely published valid credit code.
GB11643_EXAMPLE = "11010519491231002X"
USCC_EXAMPLE = "91350100M000100Y43"


def test_gb11643_example_id_number_is_valid():
    assert id_number_validate(GB11643_EXAMPLE) == GB11643_EXAMPLE


def test_id_number_accepts_lower_case_x_full_width_digits_and_spaces():
    assert id_number_validate("110105 19491231 002x") == GB11643_EXAMPLE
    assert id_number_validate("１１０１０５１９４９１２３１００２Ｘ") == GB11643_EXAMPLE


def test_id_number_with_a_wrong_check_digit_names_the_expected_one():
    with pytest.raises(DomainError) as exc:
        id_number_validate("110105194912310021")
    assert "校验位" in exc.value.message and "X" in exc.value.message


def test_id_number_with_an_impossible_birth_date_is_refused():
    first17 = "11010519490231002"
    with pytest.raises(DomainError, match="出生日期"):
        id_number_validate(first17 + id_check_digit(first17))


def test_id_number_of_wrong_length_says_how_many_digits_were_given():
    with pytest.raises(DomainError, match=r"18位.*17位"):
        id_number_validate("11010519491231002")


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_any_single_digit_change_is_caught_by_the_check_digit(first17: str):
    # Force a real date so only the check digit decides.
    first17 = first17[:6] + "19900101" + first17[14:]
    good = first17 + id_check_digit(first17)
    assert id_number_validate(good) == good
    changed = str((int(good[16]) + 1) % 10)
    bad = good[:16] + changed + good[17]
    with pytest.raises(DomainError):
        id_number_validate(bad)


def test_gb32100_credit_code_example_is_valid_and_a_changed_one_is_not():
    assert uscc_validate(USCC_EXAMPLE) == USCC_EXAMPLE
    assert uscc_check_char(USCC_EXAMPLE[:17]) == "3"
    with pytest.raises(DomainError, match="GB 32100"):
        uscc_validate(USCC_EXAMPLE[:17] + "4")
    with pytest.raises(DomainError, match="18位"):
        uscc_validate("91350100M000100Y4I")


def test_phone_numbers():
    assert phone_validate("139 0951 1234") == "13909511234"
    assert phone_validate("0951-5012345") == "09515012345"
    with pytest.raises(DomainError, match="手机号"):
        phone_validate("12345")


def test_masks_keep_only_the_ends():
    assert mask_id_number("64038119900101123X") == "640381********123X"
    assert mask_phone("13909511234") == "139****1234"


@pytest.mark.django_db
def test_sealed_values_round_trip_and_a_tampered_value_is_refused():
    token = crypto.seal(GB11643_EXAMPLE)
    assert GB11643_EXAMPLE not in token
    assert crypto.unseal(token) == GB11643_EXAMPLE
    assert crypto.seal(GB11643_EXAMPLE) != token  # a fresh nonce every time
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises((InvalidTag, ValueError)):
        crypto.unseal(tampered)


def test_keyed_hash_is_stable_under_spacing_and_case_and_differs_between_values():
    assert crypto.keyed_hash("11010519491231002x") == crypto.keyed_hash(" 110105 19491231002X")
    assert crypto.keyed_hash(GB11643_EXAMPLE) != crypto.keyed_hash(USCC_EXAMPLE)
