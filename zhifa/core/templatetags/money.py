"""`{{ fen|yuan }}`: an amount stored in fen shown in 元 (zhifa.lib.money, no floats)."""

from django import template

from zhifa.lib.money import fen_to_yuan

register = template.Library()


@register.filter
def yuan(fen: int | None) -> str:
    return "" if fen is None else fen_to_yuan(int(fen))
