"""Masking contact identifiers inside free text that leaves the bureau (Open311 GET output).

What people write in a complaint often holds their own or a neighbour's phone number, an ID number or an
e-mail address. Before such text is published it passes through `contacts_mask`, which replaces each with a
placeholder. This is the first piece of the redactor the disclosure portal (issue 8) builds out; it errs on
the side of masking: any run of 11+ digits that looks like a phone, an ID number or a card goes.
"""

from __future__ import annotations

import re

# Digits may be full-width (０-９) and separated by spaces or hyphens, as people type them.
_D = r"[0-9０-９]"
_SEP = r"[ \-－]?"
# 18 characters (17 digits and a digit or X) or the old 15 digits.
_ID_NUMBER = re.compile(
    rf"(?<![0-9０-９])(?:(?:{_D}{_SEP}){{17}}[0-9０-９XxＸ]|(?:{_D}{_SEP}){{14}}{_D})(?![0-9０-９])"
)
_MOBILE = re.compile(rf"(?<![0-9０-９])(?:\+?86{_SEP})?[1１]{_SEP}[3-9３-９](?:{_SEP}{_D}){{9}}(?![0-9０-９])")
_LANDLINE = re.compile(rf"(?<![0-9０-９])[0０]{_D}{{2,3}}{_SEP}{_D}{{7,8}}(?![0-9０-９])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")

PLACEHOLDERS = {"id": "［证件号码已隐去］", "phone": "［电话已隐去］", "email": "［邮箱已隐去］"}


def contacts_mask(text: str, *, names: tuple[str, ...] = ()) -> str:
    """`text` with ID numbers, mobile and landline numbers, e-mail addresses and the given `names` masked.

    A name is replaced by its surname + 某 (张三 → 张某), as the bureau writes a third person in public text.
    """
    masked = _EMAIL.sub(PLACEHOLDERS["email"], text or "")
    masked = _ID_NUMBER.sub(PLACEHOLDERS["id"], masked)
    masked = _MOBILE.sub(PLACEHOLDERS["phone"], masked)
    masked = _LANDLINE.sub(PLACEHOLDERS["phone"], masked)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        masked = masked.replace(name, name[0] + "某")
    return masked
