"""Redaction of free text that leaves the bureau: the portal's decision narratives, Open311 GET output.

The public record of a decision is an allow-list of structured fields plus a narrative passed through
`redact` — never the full document with words blacked out. `redact` finds the identifiers legal-rules.md
says are never published and replaces each with a placeholder, and returns where each one was, so that
the staff's review screen can mark them next to the internal text:

    result = redact("当事人张三（身份证110105199003071234）…", person_names=["李四"], party_names=["张三"])
    result.text         # the public text
    result.redactions   # (start, end, kind, replacement) in the ORIGINAL text, sorted, not overlapping

`contacts_mask(text)` is the short form the Open311 interface uses (`redact(text).text`).

How it works (docs/redaction.md says more):
- The text is first mapped, character for character, to a "shadow" in which full-width digits, letters,
  hyphens, spaces and brackets are their ASCII forms, so every position in the shadow is the same position
  in the original and one set of patterns covers every way of writing.
- E-mail addresses, licence plates and landlines with the area code in brackets are found by patterns.
- Numbers are found as runs of digit groups joined by spaces, hyphens, dots or slashes
  ("110105 19900307 1234", "139-1234-5678"). Inside a run every span of whole groups is a candidate; its
  digits decide what it is (ID number by check digit or birth date, mobile, landline, bank card by Luhn);
  every candidate is masked and overlapping ones merge, so no reading of a run leaves part of an
  identifier behind.
- Names of natural persons: those the case lists (`person_names`) and those the text introduces with a
  role word ("证人李四", "经询问张三") become surname + 某; the punished party (`party_names`) never does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from zhifa.lib.identifiers import id_check_digit, uscc_check_char

KIND_LABELS = {
    "id_number": "身份证号码",
    "phone": "电话号码",
    "email": "电子邮箱",
    "bank_card": "银行卡号",
    "plate": "车牌号码",
    "person": "自然人姓名",
    "address": "住址",  # from the party record, marked by zhifa.portal.services.redacted_facts
}
PLACEHOLDERS = {
    "id_number": "［证件号码已隐去］",
    "phone": "［电话已隐去］",
    "email": "［邮箱已隐去］",
    "bank_card": "［卡号已隐去］",
    "plate": "［车牌已隐去］",
}


@dataclass(frozen=True)
class Redaction:
    """One identifier found: [start, end) in the original text, its kind and what replaced it."""

    start: int
    end: int
    kind: str
    replacement: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Redacted:
    text: str
    redactions: tuple[Redaction, ...]


# --- the shadow: one character for one character, so positions carry over -------------------------------

def _shadow_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(10):
        table[0xFF10 + i] = str(i)  # ０-９
    for i in range(26):
        table[0xFF21 + i] = chr(0x41 + i)  # Ａ-Ｚ
        table[0xFF41 + i] = chr(0x61 + i)  # ａ-ｚ
    for dash in "－‐‑‒–—―−﹣":
        table[ord(dash)] = "-"
    for space in "\u3000\u00a0\u2002\u2003\u2009\u202f\t":
        table[ord(space)] = " "
    table.update({ord("＋"): "+", ord("（"): "(", ord("）"): ")", ord("．"): ".", ord("＠"): "@",
                  ord("＿"): "_", ord("﹒"): ".", ord("·"): "·", ord("•"): "·", ord("・"): "·"})
    return table


_SHADOW = _shadow_table()


def shadow(text: str) -> str:
    """`text` with full-width digits, letters, dashes, spaces and brackets in ASCII; same length, same positions."""
    return text.translate(_SHADOW)


# --- patterns on the shadow ---------------------------------------------------------------------------

# Starting only where a run of address characters starts keeps the search linear on long runs.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"[{PLATE_PROVINCES}] ?[A-Za-z][ ·.\-]?(?:[A-Za-z0-9]{{5,6}}|[A-Za-z0-9]{{4}}[学警港澳挂领试超])(?![A-Za-z0-9]|-[0-9])"
)

# Digit groups joined by up to three separator characters (space, hyphen, dot, slash, middle dot); an ID
# number's final X may close the run
# ("…123X", "…123 X").
_SEP = r"[ \-./·]{1,3}"
_RUN = re.compile(rf"(?<![0-9])[0-9]+(?:{_SEP}[0-9]+)*(?:(?:{_SEP})?[Xx](?![A-Za-z0-9]))?")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")
_MAX_DIGITS = 19
_MIN_DIGITS = 10  # the shortest identifier: a landline with a three-digit area code and seven digits
# A landline with its area code in brackets: (0951)6012345, （0951） 601-2345, (+86 951)6012345.
_BRACKETED_LANDLINE = re.compile(
    r"\(\s?(?:\+?86[ \-]?0?|0)[1-9][0-9]{1,2}\s?\)[ \-]?[0-9]{3,4}[ \-]?[0-9]{3,4}(?![0-9])"
)
# Before an 18-digit number, a label that says it is an organisation's code (统一社会信用代码, 注册号).
# Not 证号: 身份证号 ends with it.
_ORGANISATION_LABEL = re.compile(r"(?:信用代码|机构代码|注册号)[：:是为 ]{0,2}$")


def _plausible_birth(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= 2099:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _id18_birth_plausible(number: str) -> bool:
    return _plausible_birth(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def _valid_uscc(code: str) -> bool:
    return len(code) == 18 and code[17] == uscc_check_char(code[:17])


def _is_id18(number: str, *, organisation: bool = False) -> bool:
    """18 characters, 17 digits and a digit or X. Masked when the GB 11643 check digit is right, and also
    when it is wrong but the birth date is a real date (a mistyped ID number is still someone's); kept when
    it is neither, or when it is a valid organisation code (GB 32100) that a label names as one."""
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] in "Xx"):
        return False
    if number[0] == "0":
        return False
    number = number.upper()
    if organisation and _valid_uscc(number):
        return False
    return _id18_birth_plausible(number) or id_check_digit(number[:17]) == number[17]


def _is_id15(number: str) -> bool:
    """The old 15-digit form: region (first digit 1-8), birth date YYMMDD in the 1900s, three digits."""
    return (len(number) == 15 and number.isdigit() and number[0] in "12345678"
            and _plausible_birth(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])))


def _is_mobile(number: str) -> bool:
    for prefix in ("", "86", "0086"):
        rest = number[len(prefix):]
        if number.startswith(prefix) and len(rest) == 11 and rest.isdigit() and rest[0] == "1" and rest[1] in "3456789":
            return True
    return False


def _is_landline(number: str, *, international: bool) -> bool:
    """Area code 0xx / 0xxx and 7-8 digits (10-12 digits in all); after "+86" the area code drops its 0."""
    if international and number.startswith("86"):
        number = "0" + number[2:]
    return number.isdigit() and 10 <= len(number) <= 12 and number[0] == "0" and number[1] != "0"


def _luhn(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_bank_card(number: str, *, organisation: bool = False) -> bool:
    if not (16 <= len(number) <= 19 and number.isdigit() and _luhn(number)):
        return False
    # An all-digit organisation code (GB 32100) that a label names as one is not a card.
    return not (organisation and _valid_uscc(number))


# A number right before one of these, or right after a currency sign, is a quantity: "处15000-100000元罚款"
# is a range of fines, not a mobile. Only phone numbers give way: ID and card numbers are too long to be
# amounts. No unit here is also a surname or starts a sentence (万 张 人 日 …): "电话13912345678张先生".
UNITS = ("元", "万元", "亿元", "千元", "美元", "平方米", "立方米", "米", "公里", "吨", "公斤", "千克", "%", "‰")
_CURRENCY = frozenset("¥￥$")
_PRIORITY = {"id_number": 3, "bank_card": 2, "phone": 1}


def _classify(number: str, *, glued: bool = False, plus: bool = False, short_groups: bool = False,
              quantity: bool = False, organisation: bool = False) -> str | None:
    """What the digits `number` (separators removed) are, or None. `glued`: the span touches an ASCII
    letter (a code such as a credit code or a complaint number): only ID numbers and mobiles count there.
    `short_groups`: a group before the last has fewer than three digits ("2026-11-28 2026-11-29"), which no
    one writes in a card number. `quantity`: a unit follows or a currency sign leads. `organisation`: a
    label before it names an organisation's code."""
    if _is_id18(number, organisation=organisation):
        return "id_number"
    if number[-1] in "Xx":
        return None
    if _is_mobile(number) and not quantity:
        return "phone"
    if glued:
        return None
    if _is_id15(number):
        return "id_number"
    if not short_groups and _is_bank_card(number, organisation=organisation):
        return "bank_card"
    if _is_landline(number, international=plus) and not quantity:
        return "phone"
    return None


def _number_spans(shadow_text: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    """Every span of whole groups that reads as an identifier is masked; spans that overlap are merged
    (so no reading of a run leaves part of an identifier behind) and named by the longest of them."""
    spans: list[tuple[int, int, str]] = []
    for run in _RUN.finditer(shadow_text):
        groups = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in _GROUP.finditer(run.group())]
        before = shadow_text[run.start() - 1] if run.start() else ""
        after = shadow_text[run.end()] if run.end() < len(shadow_text) else ""
        glued_left = before.isascii() and before.isalpha()
        glued_right = after.isascii() and after.isalpha()
        found: list[tuple[int, int, int, str]] = []  # (first group, last group, digits, kind)
        for i, (start, _, _) in enumerate(groups):
            digits = ""
            plus = start > 0 and shadow_text[start - 1] == "+"
            organisation = bool(_ORGANISATION_LABEL.search(shadow_text[max(0, start - 12) : start]))
            short_groups = False  # a group before the last one has fewer than three digits
            for j in range(i, len(groups)):
                if digits.endswith(("X", "x")):
                    break
                if j > i:
                    short_groups = short_groups or len(groups[j - 1][2]) < 3
                digits += groups[j][2]
                if len(digits.rstrip("Xx")) > _MAX_DIGITS:
                    break
                end = groups[j][1]
                if any(taken[groups[j - 1][1] if j > i else start : end]):
                    break
                if len(digits) < _MIN_DIGITS:
                    continue
                kind = _classify(
                    digits,
                    glued=(i == 0 and glued_left) or (j == len(groups) - 1 and glued_right),
                    plus=plus,
                    short_groups=short_groups,
                    quantity=shadow_text[end : end + 4].lstrip(" ").startswith(UNITS) or (
                        start > 0 and shadow_text[start - 1] in _CURRENCY),
                    organisation=organisation,
                )
                if kind:
                    found.append((i, j, len(digits), kind))
        found.sort()
        merged: list[tuple[int, int, int, str]] = []
        for i, j, size, kind in found:
            if merged and i <= merged[-1][1]:
                first, last, best_size, best_kind = merged[-1]
                if (size, _PRIORITY[kind]) > (best_size, _PRIORITY[best_kind]):
                    best_size, best_kind = size, kind
                merged[-1] = (first, max(last, j), best_size, best_kind)
            else:
                merged.append((i, j, size, kind))
        for i, j, _, kind in merged:
            start, end = groups[i][0], groups[j][1]
            if start > 0 and shadow_text[start - 1] == "+":
                start -= 1  # "+86 139…": the sign goes with the number
            spans.append((start, end, kind))
    return spans


# --- names ----------------------------------------------------------------------------------------------

DOUBLE_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "公冶", "太史",
    "申屠", "钟离", "宗政", "濮阳", "淳于", "单于", "仲孙", "赫连", "拓跋", "东郭", "左丘", "梁丘", "第五",
)
# Common single surnames. Left out on purpose: characters that are far more often a word after a role word
# (向 于 和 时 将 同 从 把 对 为 及 与 都 全 那 也 查 多 家), so that "投诉人向执法人员反映" finds no one.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦"
    "褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明"
    "佘池乐匡钮湛胥粟厉晋宦储迟於秘璩冀郁鞠赖洪"
) - frozenset("向于和时将同从把对为及与都全那也查多家")
ROLE_WORDS = (
    "证人", "见证人", "证明人", "邻居", "投诉人", "举报人", "报案人", "报警人", "反映人", "来电人", "信访人",
    "目击者", "目击人", "受害人", "被害人", "陪同人", "代理人", "家属", "亲属", "其妻", "其夫", "妻子", "丈夫",
    "其子", "其女", "儿子", "女儿", "父亲", "母亲", "其父", "其母", "同事", "朋友", "顾客", "村民", "居民", "路人",
    "员工", "店员", "雇员", "工人", "帮工", "学徒", "厨师", "保安", "服务员", "收银员", "租户", "承租人",
    "出租人", "房东", "业主", "司机", "驾驶员", "驾驶人", "联系人", "询问",
)
# A character that, right after a surname and one given-name character, more likely begins the next word.
_NAME_STOP = frozenset(
    "称说讲述道在于向对等的了和与及跟同是系为将被把从到也都均已曾并所因证表指陈介承确提看发听见得知反映答"
    "回告诉出来去家门店楼前后里上中内外时当亦又还就才即便则而且但却遂现正之其此该这那每各多次曾未没不再"
    "所由以把被给让请要想能会应可已经现场当场均、，。；：:！？!?（）()“”\"' \n"
)
# A character that right after a surname means it was no surname ("证人陈述", "投诉人称"): function words and
# verbs of speech, not the characters that also make given names (家 明 正 来 …).
_FIRST_STOP = frozenset("称说讲述道在于向对等的了和与及跟是系为将被把从到也都均已曾并所因证指陈反映答回告诉得知看听"
                        "之其此该这那每各未没不再由以给让请要想能亦又还就即便则而且但却遂")
# Words that begin with a surname but, after a role word, are words ("邻居马上报警", "工人施工", "房东方面").
NOT_NAMES = frozenset((
    "马上", "曾经", "施工", "解释", "解决", "申请", "申诉", "申报", "尚未", "连续", "连日", "应当", "应该", "关于", "关闭", "关门", "明确",
    "明知", "任何", "成功", "严重", "高声", "路过", "单独", "方面", "方便", "方式", "文化", "安全", "管理", "全部", "金额", "石头", "江边",
    "白天", "夏天", "夏季", "车辆", "车上", "高度", "高空", "毛病", "齐全", "卫生", "万元", "何时", "易燃", "简单", "游客", "宁夏", "龙头",
    "温度", "房屋", "房间", "左侧", "左边", "余额", "余下", "包括", "包装", "许可", "许多", "陆续", "黄色", "白色", "蓝色", "金属", "钱款",
    "周边", "周围", "周末", "周日", "项目", "程序", "谢谢", "景区", "师傅", "付款", "费用", "毕业", "冷饮", "冷库", "季度", "柴油", "管道",
    "常年",
))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ROLE = re.compile("(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + ")[：: ]?")


def _surname_length(name: str) -> int:
    if name[:2] in DOUBLE_SURNAMES and len(name) >= 3:
        return 2
    return 2 if len(name) >= 4 else 1


def surname_mou(name: str) -> str:
    """张三 → 张某, 欧阳娜娜 → 欧阳某, 司马光 → 司马某 (two-character surnames by the list, or four-character names)."""
    name = name.strip()
    return name[: _surname_length(name)] + "某"


def _name_at(text: str, at: int) -> str | None:
    """A name starting at `at`: a listed surname and one or two given-name characters; None for 某 forms."""
    for surname in (text[at : at + 2], text[at : at + 1]):
        if surname in DOUBLE_SURNAMES or (len(surname) == 1 and surname in SINGLE_SURNAMES):
            break
    else:
        return None
    given_at = at + len(surname)
    first = text[given_at : given_at + 1]
    if not first or not _CJK.fullmatch(first) or first == "某" or first in _FIRST_STOP:
        return None
    if text[at : at + 2] in NOT_NAMES:
        return None
    second = text[given_at + 1 : given_at + 2]
    if second and _CJK.fullmatch(second) and second not in _NAME_STOP and second != "某":
        return surname + first + second
    return surname + first


def names_in_context(text: str) -> list[str]:
    """Names the text introduces with a role word: 证人李四, 邻居王五, 经询问张三, 投诉人：赵六、钱七."""
    names: list[str] = []
    for role in _ROLE.finditer(text):
        at = role.end()
        while (name := _name_at(text, at)) is not None:
            names.append(name)
            at += len(name)
            if text[at : at + 1] in ("、", "和", "及", "与"):
                at += 1
                continue
            break
    return names


def redact(text: str, *, person_names: Iterable[str] = (), party_names: Iterable[str] = (),
           find_names: bool = True) -> Redacted:
    """`text` with identifiers replaced; natural persons other than the punished party become surname + 某:
    the ones the case lists (`person_names`) and, with `find_names`, those a role word introduces.
    `party_names` (the punished party, who may be published) are never replaced."""
    text = text or ""
    shadow_text = shadow(text)
    found: list[Redaction] = []
    taken = [False] * len(text)
    for match in _EMAIL.finditer(shadow_text):
        _add(found, taken, match.start(), match.end(), "email")
    for match in _PLATE.finditer(shadow_text):
        if sum(c.isdigit() for c in match.group()) >= 2:
            _add(found, taken, match.start(), match.end(), "plate")
    for match in _BRACKETED_LANDLINE.finditer(shadow_text):
        digits = re.sub(r"[^0-9]", "", match.group())
        digits = digits[2:] if match.group().lstrip("( +").startswith("86") else digits
        if _is_landline(digits if digits.startswith("0") else "0" + digits, international=False):
            _add(found, taken, match.start(), match.end(), "phone")
    for start, end, kind in _number_spans(shadow_text, taken):
        _add(found, taken, start, end, kind)

    keep = {n.strip() for n in party_names if n and n.strip()}
    protected = [False] * len(text)
    for name in keep:
        for match in re.finditer(re.escape(name), text):
            for i in range(match.start(), match.end()):
                protected[i] = True
    names = {n.strip() for n in person_names if n and len(n.strip()) >= 2}
    if find_names:
        names.update(names_in_context(text))
    names = {n for n in names if n not in keep and surname_mou(n) != n}
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            if not any(protected[match.start() : match.end()]):
                _add(found, taken, match.start(), match.end(), "person", surname_mou(name))
    found.sort(key=lambda r: r.start)
    return Redacted(text=_apply(text, found), redactions=tuple(found))


def _add(found: list[Redaction], taken: list[bool], start: int, end: int, kind: str,
         replacement: str | None = None) -> None:
    if any(taken[start:end]):  # an earlier, more specific pattern already covers part of it
        return
    for i in range(start, end):
        taken[i] = True
    found.append(Redaction(start, end, kind, replacement if replacement is not None else PLACEHOLDERS[kind]))


def _apply(text: str, redactions: Iterable[Redaction]) -> str:
    parts: list[str] = []
    at = 0
    for item in redactions:
        parts.append(text[at : item.start])
        parts.append(item.replacement)
        at = item.end
    parts.append(text[at:])
    return "".join(parts)


def apply_redactions(text: str, redactions: Iterable[Redaction]) -> str:
    """The public text from the original and its redactions (sorted, not overlapping)."""
    return _apply(text, redactions)


def contacts_mask(text: str, *, names: tuple[str, ...] = (), party_names: tuple[str, ...] = ()) -> str:
    """`text` with ID numbers, phone numbers, e-mail addresses and the given `names` masked (Open311)."""
    return redact(text, person_names=names, party_names=party_names).text
