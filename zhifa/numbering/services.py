"""Issuing gapless numbers and setting a bureau's number patterns.

`number_take` is what other apps call at the moment a case is filed or a document is issued: it advances
the (bureau, kind, year) counter **in the caller's transaction** and returns the formatted number. The
counter row stays locked until that transaction ends, and if it rolls back the number goes back with it —
that is what keeps the numbers free of gaps. Call it as late in the transaction as you can (just before
`audit_record`): every other issue of the same kind in the same bureau and year waits for your commit.

Concurrency: PostgreSQL — the `UPDATE … SET last = last + 1` takes the row lock (the same lock as
SELECT … FOR UPDATE), so concurrent issuers queue on the row; the first issue of a year creates the row in
a savepoint and, when it loses the race, falls back to the update. SQLite — the settings open every
transaction with BEGIN IMMEDIATE, which holds the database write lock from the start, so writers queue.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F

from zhifa.lib.errors import DomainError
from zhifa.numbering.models import NumberPattern, NumberSequence

if TYPE_CHECKING:
    from zhifa.accounts.models import Bureau, User

__all__ = [
    "CASE_PATTERN",
    "DEFAULT_PATTERNS",
    "IssuedNumber",
    "number_pattern_set",
    "number_take",
    "pattern_render",
    "pattern_validate",
]

CASE_PATTERN = "{short}立〔{year}〕第{seq}号"
# Kinds whose layout the platform knows; every other kind's default comes from the caller (the documents
# app knows that a penalty decision is "{short}罚决字〔{year}〕第{seq}号", this app does not).
DEFAULT_PATTERNS: dict[str, str] = {"case": CASE_PATTERN}

PLACEHOLDERS = {"short": "单位简称", "year": "年份", "seq": "序号"}
_NUMERIC_SPEC = re.compile(r"(0?[1-9]\d?)?d?")  # "", "d", "03d", "4": zero padding / width below 100
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")
_PATTERN_MAX = NumberPattern._meta.get_field("pattern").max_length or 100
_HELP = "可用的占位符：{short}（单位简称）、{year}（年份）、{seq}（序号，可写 {seq:03d} 补零到三位）。"
ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class IssuedNumber:
    """A number that has been taken: `text` is what goes on the paper, e.g. 红综执立〔2024〕第12号."""

    text: str
    seq: int
    year: int
    kind: str

    def __str__(self) -> str:
        return self.text


# --- patterns ------------------------------------------------------------------------------------------
def pattern_validate(pattern: str) -> None:
    """Raise DomainError (in Chinese, saying what to fix) unless `pattern` is a usable number layout.

    Only the whitelisted names are allowed, without attribute access, conversions or free format specs:
    str.format on a pattern typed by a user must not reach into objects or allocate huge paddings.
    """
    if not pattern or not pattern.strip():
        raise DomainError("编号格式不能为空。" + _HELP, field="pattern")
    if len(pattern) > _PATTERN_MAX:
        raise DomainError(f"编号格式最长 {_PATTERN_MAX} 个字符，当前为 {len(pattern)} 个。", field="pattern")
    try:
        fields = [item[1:] for item in string.Formatter().parse(pattern) if item[1] is not None]
    except ValueError as exc:
        raise DomainError(
            "编号格式中的花括号不成对：占位符写作 {seq}，要显示花括号本身请写 {{ 或 }}。" + _HELP, field="pattern"
        ) from exc
    for name, spec, conversion in fields:
        _field_validate(name or "", spec or "", conversion)
    if "seq" not in {name for name, _, _ in fields}:
        raise DomainError("编号格式必须包含序号 {seq}，否则编号会重复。" + _HELP, field="pattern")


def _field_validate(name: str, spec: str, conversion: str | None) -> None:
    if name not in PLACEHOLDERS:
        shown = "{" + name + "}" if name else "{}"
        raise DomainError(f"编号格式中有未知的占位符 {shown}。" + _HELP, field="pattern")
    allowed_spec = _NUMERIC_SPEC.fullmatch(spec) if name in {"year", "seq"} else spec == ""
    if conversion is not None or not allowed_spec:
        raise DomainError(
            f"占位符 {{{name}}} 的写法不受支持：序号和年份只能写补零位数（如 {{seq:03d}}），单位简称不能加格式。",
            field="pattern",
        )


def pattern_render(pattern: str, *, short: str, year: int, seq: int) -> str:
    """Format a validated pattern. Call pattern_validate first on anything a person typed."""
    return pattern.format(short=short, year=year, seq=seq)


def _pattern_for(bureau: Bureau, kind: str, default_pattern: str | None) -> str:
    configured = NumberPattern.objects.filter(bureau=bureau, kind=kind).values_list("pattern", flat=True).first()
    if configured is not None:
        return configured
    pattern = default_pattern if default_pattern is not None else DEFAULT_PATTERNS.get(kind)
    if pattern is None:
        raise ValueError(f"编号种类 {kind!r} 没有默认格式：调用 number_take 时请给出 default_pattern")
    try:
        pattern_validate(pattern)
    except DomainError as exc:  # a default is the programmer's, not the user's: fail loudly
        raise ValueError(f"默认编号格式 {pattern!r} 无效：{exc.message}") from exc
    return pattern


# --- taking a number -----------------------------------------------------------------------------------
def number_take(*, bureau: Bureau, kind: str, year: int, default_pattern: str | None = None) -> IssuedNumber:
    """Take the next number of `kind` for `bureau` in `year`, inside the caller's transaction.

    `default_pattern` is the layout used when the bureau has configured none for this kind (optional only
    for kinds listed in DEFAULT_PATTERNS, such as 'case'). Raises RuntimeError outside a transaction:
    without the caller's transaction a failure after this call would leave a gap.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take 必须在调用方的事务（transaction.atomic）中调用，否则编号会出现空号")
    _kind_check(kind)
    if not 1900 <= year <= 9999:
        raise ValueError(f"编号年份 {year!r} 不合理")
    pattern = _pattern_for(bureau, kind, default_pattern)
    seq = _advance(bureau_id=bureau.pk, kind=kind, year=year)
    text = pattern_render(pattern, short=bureau.short_name, year=year, seq=seq)
    return IssuedNumber(text=text, seq=seq, year=year, kind=kind)


def _kind_check(kind: str) -> None:
    if not isinstance(kind, str) or not _KIND.fullmatch(kind):
        raise ValueError(f"编号种类 {kind!r} 不合规：应为小写字母、数字和下划线，如 'case'、'penalty_decision'")


def _advance(*, bureau_id: int, kind: str, year: int) -> int:
    """last += 1 on the counter row, creating it on the first issue of the year; returns the new value."""
    counter = NumberSequence.objects.filter(bureau_id=bureau_id, kind=kind, year=year)
    # The UPDATE locks the row until the caller's transaction ends (PostgreSQL: like SELECT … FOR UPDATE,
    # a second issuer blocks here and then sees the first one's committed value).
    if counter.update(last=F("last") + 1) == 0:
        try:
            # A savepoint: losing the race to create the row must not poison the caller's transaction.
            with transaction.atomic():
                NumberSequence.objects.create(bureau_id=bureau_id, kind=kind, year=year, last=1)
            return 1
        except IntegrityError:
            # Another transaction created it first; PostgreSQL made our INSERT wait until it committed,
            # so the row is visible now and the update finds it.
            if counter.update(last=F("last") + 1) == 0:
                raise
    return int(counter.values_list("last", flat=True).get())


# --- configuring ---------------------------------------------------------------------------------------
def number_pattern_set(*, bureau: Bureau, kind: str, pattern: str, actor: User | None) -> NumberPattern:
    """Set the bureau's layout for one kind of number. Applies to numbers taken from now on; the sequence
    goes on counting, so a layout changed in the middle of a year keeps its numbers unique."""
    _require_administrator(actor, bureau)
    if not isinstance(kind, str) or not _KIND.fullmatch(kind):
        raise DomainError("编号种类不合规：应为小写字母、数字和下划线，如 case。", field="kind")
    pattern = pattern.strip()
    pattern_validate(pattern)
    with transaction.atomic():
        current = NumberPattern.objects.select_for_update().filter(bureau=bureau, kind=kind).first()
        before: dict[str, Any] | None = {"kind": kind, "pattern": current.pattern} if current else None
        row, _ = NumberPattern.objects.update_or_create(bureau=bureau, kind=kind, defaults={"pattern": pattern})
        _audit(
            actor=actor,
            action="number_pattern.set",
            obj=row,
            bureau=bureau,
            before=before,
            after={"kind": kind, "pattern": pattern, "example": pattern_render(pattern, short=bureau.short_name, year=2024, seq=12)},
        )
    return row


def _require_administrator(actor: User | None, bureau: Bureau) -> None:
    """The console runs without a user (actor None); a person must administer this bureau (or, without a
    bureau of their own, the deployment)."""
    if actor is None:
        return
    if not actor.has_role(ADMINISTRATOR) or actor.bureau_id not in (None, bureau.pk):
        raise DomainError("只有本局的系统管理员可以设置编号格式。", code="forbidden")


def _audit(**kwargs: Any) -> None:
    # Imported at call time: the audit app is another context, and this keeps the import graph one-way.
    from zhifa.audit.services import audit_record

    audit_record(**kwargs)
