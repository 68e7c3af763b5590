"""Money in fen (分), as integers: no floats anywhere near a fine."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from zhifa.lib.errors import DomainError


def yuan_to_fen(value: str | int | Decimal, *, field: str | None = None) -> int:
    """'2000', '1,500.5', '３０００元' → fen. More than two decimals or a negative amount is an error."""
    text = str(value).replace(",", "").replace("，", "").replace("元", "").strip()
    text = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(f"金额“{value}”不是有效数字，请填写如 2000 或 1500.50。", field=field) from None
    if amount < 0:
        raise DomainError("金额不能为负数。", field=field)
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise DomainError(f"金额“{value}”最多保留两位小数（到分）。", field=field)
    return int(fen)


def fen_to_yuan(fen: int) -> str:
    """200000 → '2000', 150 → '1.5', 5 → '0.05'."""
    return format((Decimal(fen) / 100).normalize(), "f")


def yuan_text(fen: int) -> str:
    """An amount for a message or a timeline line: 150000 → '1500 元'."""
    return f"{fen_to_yuan(fen)} 元"
