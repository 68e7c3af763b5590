"""Chinese identifiers: resident ID numbers (GB 11643), unified social credit codes (GB 32100), phones.

Validation returns the normalised value or raises DomainError with a message that says what is wrong.
Masking keeps the first six and last four characters of an ID number: 640381********123X.
"""

from __future__ import annotations

import datetime as dt
import re

from zhifa.lib.errors import DomainError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＹ",
                           "0123456789XXABCDEFGHJKLMNPQRTUWY")

# GB 32100-2015: 18 characters from this alphabet; weights 3^i mod 31; the check character is the last.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise(value: str) -> str:
    """Full-width digits to ASCII, spaces and hyphens removed, upper case."""
    return re.sub(r"[\s\-]", "", value.translate(_FULLWIDTH)).upper()


def id_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number_validate(value: str) -> str:
    """Validate an 18-digit resident ID number by its GB 11643 check digit and its birth date."""
    number = normalise(value)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise DomainError(
            f"身份证号码应为18位（前17位为数字，最后一位为数字或X），您输入的是{len(number)}位，请核对后重新输入。",
            field="id_number",
        )
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise DomainError(
            f"身份证号码中的出生日期 {number[6:14]} 不是有效日期，请核对后重新输入。", field="id_number"
        ) from None
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise DomainError(
            f"身份证号码校验位不符（按 GB 11643 计算应为 {expected}），请核对是否输错了某一位。",
            field="id_number",
        )
    return number


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_validate(value: str) -> str:
    """Validate a unified social credit code (统一社会信用代码) by its GB 32100 check character."""
    code = normalise(value)
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        raise DomainError(
            "统一社会信用代码应为18位，由数字和大写字母（不含 I、O、Z、S、V）组成，请核对后重新输入。",
            field="credit_code",
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise DomainError(
            f"统一社会信用代码校验位不符（按 GB 32100 计算应为 {expected}），请核对是否输错了某一位。",
            field="credit_code",
        )
    return code


def phone_validate(value: str) -> str:
    """A mainland mobile number (11 digits starting with 1) or a landline with area code."""
    number = normalise(value).removeprefix("+86")
    if re.fullmatch(r"1[3-9]\d{9}", number) or re.fullmatch(r"0\d{2,3}\d{7,8}", number):
        return number
    raise DomainError(
        "电话号码格式不正确：手机号应为以1开头的11位数字，固定电话应带区号（如 09515012345）。", field="phone"
    )


def mask_id_number(number: str) -> str:
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str) -> str:
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
