"""Properties of `redact`: no generated identifier survives, in any written form, inside any Chinese text;
ordinary numbers do survive; the redactions say exactly how the public text was made.

Generated: valid ID numbers (GB 11643 check digit, real birth dates, X check characters), old 15-digit ID
numbers, mobiles (with +86 / 86 / 0086), landlines (with brackets), Luhn-valid card numbers and licence
plates; rendered plain, spaced, hyphenated, full-width, full-width spaced and mixed (cut anywhere, random
separators, each character full- or half-width); embedded in random Chinese characters, punctuation and
ordinary numbers. Deterministic (derandomize) and quick: 200 examples a property.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhifa.lib.identifiers import id_check_digit, uscc_check_char
from zhifa.lib.redaction import PLATE_PROVINCES, UNITS, Redacted, apply_redactions, redact

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

_TO_FULL = str.maketrans("0123456789XxABCDEFGHJKLMNPQRSTUVWYZ-+() ", "０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＳＴＵＶＷＹＺ－＋（）　")
_TO_HALF = str.maketrans("０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＳＴＵＶＷＹＺ", "0123456789XxABCDEFGHJKLMNPQRSTUVWYZ")
_SEPARATORS = re.compile(r"[\s\-－‐–—.．/·•()（）+＋]")


def normalised(text: str) -> str:
    """Digits-only view of a text: half-width, no separators, upper case."""
    return _SEPARATORS.sub("", text.translate(_TO_HALF)).upper()


# --- identifiers -------------------------------------------------------------------------------------------

PROVINCE_CODES = (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                  53, 54, 61, 62, 63, 64, 65, 71, 81, 82)
regions = st.builds(lambda p, rest: f"{p}{rest:04d}", st.sampled_from(PROVINCE_CODES), st.integers(0, 9999))


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """An 18-digit ID number with a valid check digit; about half of them end in X."""
    stem = draw(regions) + draw(st.dates(dt.date(1920, 1, 1), dt.date(2026, 11, 28))).strftime("%Y%m%d")
    seq = draw(st.integers(0, 999))
    if draw(st.booleans()):  # find a sequence number whose check digit is X
        seq = next(s % 1000 for s in range(seq, seq + 1000) if id_check_digit(f"{stem}{s % 1000:03d}") == "X")
    first17 = f"{stem}{seq:03d}"
    return first17 + id_check_digit(first17)


old_id_numbers = st.builds(lambda r, d, s: f"{r}{d:%y%m%d}{s:03d}", regions,
                           st.dates(dt.date(1920, 1, 1), dt.date(1999, 12, 31)), st.integers(0, 999))
mobiles = st.builds(lambda second, rest: f"1{second}{rest:09d}", st.sampled_from("3456789"),
                    st.integers(0, 10**9 - 1))
area_codes = st.one_of(st.sampled_from(["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"]),
                       st.builds(lambda a, b: f"0{a}{b:02d}", st.sampled_from("3456789"), st.integers(0, 99)))
locals_ = st.builds(lambda first, rest, eight: f"{first}{rest:07d}"[: 8 if eight else 7],
                    st.sampled_from("2345678"), st.integers(0, 10**7 - 1), st.booleans())


def luhn_complete(stem: str) -> str:
    total = 0
    for i, c in enumerate(reversed(stem)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return stem + str((10 - total % 10) % 10)


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    length = draw(st.integers(16, 19))
    prefix = draw(st.sampled_from(["62", "4", "5", "35", "60", "9"]))
    body = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=length - 1 - len(prefix),
                                 max_size=length - 1 - len(prefix))))
    return luhn_complete(prefix + body)


PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@st.composite
def plates(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(PLATE_PROVINCES)) + draw(st.sampled_from(PLATE_LETTERS))
    digits = f"{draw(st.integers(0, 99999)):05d}"
    shape = draw(st.sampled_from(["digits", "letters", "new_small", "new_large", "special"]))
    if shape == "letters":  # up to two letters among the five
        chars = list(digits)
        for at in draw(st.sets(st.integers(0, 4), min_size=1, max_size=2)):
            chars[at] = draw(st.sampled_from(PLATE_LETTERS))
        return head + "".join(chars)
    if shape == "new_small":
        return head + draw(st.sampled_from("DF")) + digits
    if shape == "new_large":
        return head + digits + draw(st.sampled_from("DF"))
    if shape == "special":
        return head + digits[:4] + draw(st.sampled_from("学警挂"))
    return head + digits


# --- written forms -----------------------------------------------------------------------------------------

FORMS = ("plain", "spaced", "hyphenated", "fullwidth", "fullwidth_spaced", "mixed")


def cut(value: str, sizes: tuple[int, ...]) -> list[str]:
    parts, at = [], 0
    for size in sizes:
        parts.append(value[at : at + size])
        at += size
    if at < len(value):
        parts.append(value[at:])
    return [p for p in parts if p]


@st.composite
def written(draw: st.DrawFn, value: str, groupings: tuple[tuple[int, ...], ...], *, cut_anywhere: bool = True) -> str:
    """`value` as a person might type it."""
    form = draw(st.sampled_from(FORMS))
    groups = cut(value, draw(st.sampled_from(groupings)))
    if form == "plain":
        return value
    if form == "spaced":
        return " ".join(groups)
    if form == "hyphenated":
        return "-".join(groups)
    if form == "fullwidth":
        return value.translate(_TO_FULL)
    if form == "fullwidth_spaced":
        return "　".join(groups).translate(_TO_FULL)
    if cut_anywhere:  # mixed: cut anywhere, any separators, each character in either width
        cuts = sorted(draw(st.sets(st.integers(1, len(value) - 1), max_size=5)))
        groups = [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)], strict=True)]
    seps = [draw(st.sampled_from([" ", "-", "－", "　", "  ", " - ", "—", ".", "/", "·"])) for _ in groups[1:]]
    text = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:], strict=True))
    return "".join(c.translate(_TO_FULL) if draw(st.booleans()) else c for c in text)


ID_GROUPS = ((6, 8, 4), (3, 3, 4, 4, 4), (6, 4, 4, 4), (6, 6, 6))
CARD_GROUPS = ((4, 4, 4, 4, 4), (6,), (4, 4, 4, 4))


@dataclass(frozen=True)
class Identifier:
    kind: str
    value: str  # normalised: what must not appear in the normalised public text
    text: str  # as written
    lead: int = 0  # characters before the identifier itself ("+86 ")


@st.composite
def identifiers(draw: st.DrawFn) -> Identifier:
    kind = draw(st.sampled_from(["id18", "id15", "mobile", "landline", "card", "plate"]))
    if kind == "id18":
        value = draw(id_numbers())
        text = draw(written(value, ID_GROUPS))
        if value.endswith("X"):
            text = text[:-1] + draw(st.sampled_from("XxＸｘ"))
        return Identifier("id_number", value, text)
    if kind == "id15":
        value = draw(old_id_numbers)
        return Identifier("id_number", value, draw(written(value, ((6, 6, 3), (6, 9), (3, 3, 3, 3, 3)))))
    if kind == "mobile":
        value = draw(mobiles)
        prefix = draw(st.sampled_from(["", "", "+86 ", "+86", "86-", "＋86 ", "0086 ", "(+86)"]))
        return Identifier("phone", value, prefix + draw(written(value, ((3, 4, 4), (3, 8), (7, 4)))), len(prefix))
    if kind == "landline":
        area, local = draw(area_codes), draw(locals_)
        value = area + local
        shape = draw(st.sampled_from(["written", "brackets", "full_brackets", "bracket_space"]))
        text = {"brackets": f"({area}){local}", "full_brackets": f"（{area}）{local}",
                "bracket_space": f"({area}) {local}"}.get(shape) or draw(written(value, ((len(area),),)))
        return Identifier("phone", value, text)
    if kind == "card":
        value = draw(card_numbers())
        return Identifier("bank_card", value, draw(written(value, CARD_GROUPS, cut_anywhere=False)))
    value = draw(plates())
    separator = draw(st.sampled_from(["", "", "·", " ", "-", "•"]))
    text = value[:2] + separator + value[2:]
    if draw(st.booleans()):
        text = text.translate(_TO_FULL)
    return Identifier("plate", value, text)


# --- Chinese text around them ------------------------------------------------------------------------------

def chinese_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 100] + "百" + (("零" + digits[n % 100]) if 0 < n % 100 < 10 else chinese_numeral(n % 100) if n % 100 else "")


def _uscc(stem: str) -> str:
    return stem + uscc_check_char(stem)


years = st.integers(2000, 2035)
amounts = st.one_of(
    st.builds(lambda n: f"罚款{n}元", st.integers(1, 10**7)),
    st.builds(lambda n, c: f"¥{n:,}.{c:02d}", st.integers(1, 10**8), st.integers(0, 99)),
    st.builds(lambda n: f"没收违法所得{n:,}元", st.integers(1, 10**7)),
    st.builds(lambda n: f"{n}万元", st.integers(1, 9999)),
)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)).flatmap(lambda d: st.sampled_from([
    f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d:%Y.%m.%d}", f"{d:%Y/%m/%d}", f"{d:%Y%m%d}",
    f"{d.isoformat()} 9:30",
]))
document_numbers = st.builds(lambda short, kind, y, n: f"{short}{kind}〔{y}〕第{n}号", st.sampled_from(["红综执", "蓝综执", "宁综执"]),
                             st.sampled_from(["罚决字", "罚告字", "责改字", "立字"]), years, st.integers(1, 99999))
article_numbers = st.one_of(
    st.builds(lambda n: f"第{chinese_numeral(n)}条", st.integers(1, 300)),
    st.builds(lambda n, k: f"第{n}条第{k}款", st.integers(1, 300), st.integers(1, 9)),
    st.builds(lambda n, k, m: f"第{n}条第{k}款第（{m}）项", st.integers(1, 300), st.integers(1, 9), st.integers(1, 12)),
)
others = st.one_of(
    st.builds(lambda n: f"{n}平方米", st.integers(1, 99999)),
    st.builds(lambda a, b, c: f"{a}号楼{b}单元{c}室", st.integers(1, 40), st.integers(1, 9), st.integers(101, 3302)),
    st.builds(lambda y, k, n: f"TS{y}-{k}-{n:06d}", years, st.integers(1, 12), st.integers(1, 999999)),
    st.builds(lambda y, n: f"AJ{y}{n:05d}", years, st.integers(1, 99999)),
    st.builds(lambda region, org: _uscc(f"91{region}{org}"), regions,
              st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9).filter(
                  lambda s: any(c.isalpha() for c in s))),
    st.builds(lambda region, org: "统一社会信用代码" + _uscc(f"91{region}{org}"), regions,
              st.text(alphabet="0123456789", min_size=9, max_size=9)),  # all digits: the label says what it is
    st.just("12345热线"),
    st.builds(lambda n: f"{n}人次", st.integers(1, 9999)),
)
ordinary_numbers = st.one_of(amounts, dates, document_numbers, article_numbers, others)
chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=6)
punctuation = st.sampled_from(["，", "。", "；", "：", "、", "（", "）", "“", "”", "！", "？"])
# What may stand between an identifier and the next piece of text: never a digit or a Latin letter, and not
# a unit of quantity right after it ("…元" makes a number an amount).
joiners = st.one_of(chinese, punctuation, st.sampled_from(["电话：", "身份证号", "卡号", "车牌", "手机 ", "为", " ", "Tel:",
                                                            "No.", "ID: ", "（", "【", "“"]))
joiners_after = joiners.filter(lambda j: j.strip(" ") != "" and not j.lstrip(" ").startswith(UNITS)
                               and not (j[:1].isascii() and j[:1].isalpha()))
filler = st.lists(st.one_of(chinese, punctuation, ordinary_numbers), max_size=5).map("".join)


def check_positions(original: str, result: Redacted) -> None:
    """Sorted, inside the text, not overlapping, and replaying them on the original gives the public text."""
    at = 0
    for item in result.redactions:
        assert at <= item.start < item.end <= len(original)
        at = item.end
    assert apply_redactions(original, result.redactions) == result.text


# --- properties --------------------------------------------------------------------------------------------

@PROPERTY
@given(before=filler, joiner_before=joiners, identifier=identifiers(), joiner_after=joiners_after, after=filler)
def test_no_identifier_survives_in_any_written_form(before, joiner_before, identifier, joiner_after, after):  # type: ignore[no-untyped-def]
    text = before + joiner_before + identifier.text + joiner_after + after
    result = redact(text)
    check_positions(text, result)
    assert identifier.text not in result.text
    assert normalised(identifier.value) not in normalised(result.text)
    start = len(before + joiner_before)
    end = start + len(identifier.text)
    covering = [r for r in result.redactions if r.start <= start + identifier.lead and r.end >= end]
    assert covering, (text, result.redactions)


@PROPERTY
@given(pieces=st.lists(st.tuples(filler, identifiers(), joiners_after), min_size=2, max_size=4), tail=filler)
def test_several_identifiers_in_one_narrative_all_go(pieces, tail):  # type: ignore[no-untyped-def]
    text = "".join(f"{before}，{identifier.text}{joiner}" for before, identifier, joiner in pieces) + tail
    result = redact(text)
    check_positions(text, result)
    public = normalised(result.text)
    for _, identifier, _ in pieces:
        assert normalised(identifier.value) not in public, (text, result.text)
    assert redact(result.text).redactions == (), "the public text has nothing left to redact"


@PROPERTY
@given(first=identifiers(), second=identifiers(), separator=st.sampled_from([" ", "、", "，", "  ", "；"]))
def test_two_identifiers_written_side_by_side_both_go(first, second, separator):  # type: ignore[no-untyped-def]
    text = f"联系方式{first.text}{separator}{second.text}。"
    result = redact(text)
    check_positions(text, result)
    public = normalised(result.text)
    assert normalised(first.value) not in public and normalised(second.value) not in public, (text, result.text)


@PROPERTY
@given(pieces=st.lists(st.tuples(st.one_of(chinese, punctuation), ordinary_numbers), min_size=1, max_size=6),
       tail=st.one_of(chinese, punctuation))
def test_ordinary_numbers_survive_unchanged(pieces, tail):  # type: ignore[no-untyped-def]
    text, spans = "", []
    for words, number in pieces:
        text += words
        spans.append((len(text), len(text) + len(number), number))
        text += number
    text += tail
    result = redact(text, find_names=False)
    check_positions(text, result)
    for start, end, number in spans:
        touching = [r for r in result.redactions if r.start < end and r.end > start]
        assert not touching, (number, text, touching)
    assert result.text == text


@PROPERTY
@given(text=st.text(max_size=80))
def test_positions_are_consistent_for_any_text(text):  # type: ignore[no-untyped-def]
    check_positions(text, redact(text, person_names=["张三", "欧阳娜娜"], party_names=["李四"]))


@PROPERTY
@given(role=st.sampled_from(["证人", "邻居", "投诉人", "举报人", "经询问", "其妻", "目击者"]),
       surname=st.sampled_from(["王", "李", "赵", "刘", "陈", "欧阳", "司马"]),
       given_name=st.text(alphabet="伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚", min_size=1, max_size=2),
       follow=st.sampled_from(["称", "反映", "证实", "，", "。", "表示", "得知"]),
       before=filler)
def test_a_person_introduced_by_a_role_word_becomes_surname_and_mou(role, surname, given_name, follow, before):  # type: ignore[no-untyped-def]
    name = surname + given_name
    text = f"{before}。{role}{name}{follow}当事人占道经营，{name}已签字。"
    result = redact(text, party_names=["当事人"])
    check_positions(text, result)
    assert name not in result.text
    assert result.text.count(surname + "某") >= 2


@PROPERTY
@given(role=st.sampled_from(["证人", "邻居", "投诉人", "经询问", "司机", ""]),
       surname=st.sampled_from(["王", "李", "赵", "刘", "欧阳", "张"]),
       given_name=st.text(alphabet="伟芳娜敏静丽强磊军洋三四", min_size=1, max_size=2),
       before=filler, after=filler)
def test_the_punished_party_is_never_redacted(role, surname, given_name, before, after):  # type: ignore[no-untyped-def]
    party = surname + given_name
    text = f"{before}。{role}{party}称，当事人{party}在门前经营。{after}"
    result = redact(text, person_names=[party, surname + "某某"], party_names=[party])
    check_positions(text, result)
    assert result.text.count(party) == text.count(party)
    assert not [r for r in result.redactions if r.kind == "person" and party in text[r.start : r.end]]
