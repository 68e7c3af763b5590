"""Flow charts of the enforcement procedures, drawn as SVG on the server from a list of steps.

A chart is a column of boxes, top to bottom, joined by arrows; a step may have branch boxes to its right
(a hearing requested, a seizure, on-the-spot collection), joined by a dashed arrow. The output is an inline
`<svg role="img" aria-labelledby=...>` with a <title> and a <desc>: no `style` attribute and no script (the
portal's Content-Security-Policy forbids inline styles), only SVG presentation attributes (fill, stroke,
font-size), which the CSP allows. Every piece of text is XML-escaped here; the template inserts the result
as is. Pages also show the same steps as an ordered list, for screen readers and narrow phones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

WIDTH = 460
MARGIN = 10
MAIN_WIDTH = 240
BRANCH_X = MARGIN + MAIN_WIDTH + 40
BRANCH_WIDTH = WIDTH - BRANCH_X - MARGIN
LABEL_SIZE = 14
DETAIL_SIZE = 12
LINE_GAP = 4
PAD = 8
ROW_GAP = 26  # room for the arrow between two rows
BRANCH_GAP = 8
INK = "#0b5394"
TEXT = "#212529"
MUTED = "#495057"


@dataclass(frozen=True)
class Branch:
    """A side box: what happens instead or in addition when `condition` holds."""

    label: str
    detail: str = ""
    condition: str = ""


@dataclass(frozen=True)
class Step:
    label: str
    detail: str = ""
    branches: tuple[Branch, ...] = field(default_factory=tuple)


def _char_width(char: str, size: int) -> float:
    """Full-width characters are one em wide; ASCII letters and digits about half."""
    return size * (0.56 if ord(char) < 0x2E80 else 1.0)


_TOKENS = re.compile(r"[A-Za-z0-9.%,/-]+|.", re.S)
_NO_LINE_START = set("，。、；：？！）》」』”’%,.;:)")


def wrap(text: str, width: float, size: int) -> list[str]:
    """Lines of `text` that fit `width` pixels at font size `size`.

    CJK text breaks between any two characters, a run of ASCII letters and digits (200, 3%) is kept whole, and
    closing punctuation never starts a line (it stays on the line before, a little over the width).
    """
    lines: list[str] = []
    current, used = "", 0.0
    for token in _TOKENS.findall(text):
        w = sum(_char_width(char, size) for char in token)
        if current and used + w > width and token not in _NO_LINE_START:
            lines.append(current)
            current, used = "", 0.0
        current += token
        used += w
    if current:
        lines.append(current)
    return lines or [""]


@dataclass(frozen=True)
class _Box:
    kind: str  # "step" or "branch"
    number: int  # the step's number (1-based); branches carry their step's number
    x: float
    y: float
    width: float
    label_lines: list[str]
    detail_lines: list[str]

    @property
    def height(self) -> float:
        return _text_height(self.label_lines, self.detail_lines) + 2 * PAD


def _text_height(label_lines: list[str], detail_lines: list[str]) -> float:
    return (len(label_lines) * (LABEL_SIZE + LINE_GAP) + len(detail_lines) * (DETAIL_SIZE + LINE_GAP)
            - LINE_GAP)


def _box(kind: str, number: int, x: float, y: float, width: float, label: str, detail: str) -> _Box:
    room = width - 2 * PAD - 8  # closing punctuation may run up to one character past the room
    return _Box(kind, number, x, y, width, wrap(label, room, LABEL_SIZE),
                wrap(detail, room, DETAIL_SIZE) if detail else [])


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _draw_box(box: _Box) -> list[str]:
    branch = box.kind == "branch"
    dashes = ' stroke-dasharray="5 3"' if branch else ""
    parts = [
        f'<g class="zf-flow-{box.kind}" data-step="{box.number}">',
        f'<rect data-box="{box.kind}" x="{_num(box.x)}" y="{_num(box.y)}" width="{_num(box.width)}" '
        f'height="{_num(box.height)}" rx="6" fill="{"#ffffff" if branch else "#eaf2fb"}" stroke="{INK}" '
        f'stroke-width="1.5"{dashes}/>',
    ]
    center = box.x + box.width / 2
    y = box.y + PAD
    for line in box.label_lines:
        y += LABEL_SIZE
        parts.append(f'<text x="{_num(center)}" y="{_num(y - 2)}" text-anchor="middle" font-size="{LABEL_SIZE}" '
                     f'font-weight="{"normal" if branch else "bold"}" fill="{TEXT}">{escape(line)}</text>')
        y += LINE_GAP
    for line in box.detail_lines:
        y += DETAIL_SIZE
        parts.append(f'<text x="{_num(center)}" y="{_num(y - 2)}" text-anchor="middle" font-size="{DETAIL_SIZE}" '
                     f'fill="{MUTED}">{escape(line)}</text>')
        y += LINE_GAP
    parts.append("</g>")
    return parts


def flowchart_svg(steps: list[Step] | tuple[Step, ...], *, chart_id: str, title: str, desc: str = "") -> SafeString:
    """An inline SVG of `steps`; `chart_id` prefixes the ids (title, desc, arrow marker), unique on the page."""
    if not steps:
        raise ValueError("a flow chart needs at least one step")
    safe_id = "".join(c for c in chart_id if c.isalnum() or c in "-_") or "flow"
    title_id, desc_id, arrow_id = f"{safe_id}-title", f"{safe_id}-desc", f"{safe_id}-arrow"
    body: list[str] = []
    y = float(MARGIN)
    previous: _Box | None = None
    for number, step in enumerate(steps, start=1):
        main = _box("step", number, MARGIN, y, MAIN_WIDTH, f"{number}. {step.label}", step.detail)
        if previous is not None:
            x = MARGIN + MAIN_WIDTH / 2
            body.append(f'<line x1="{_num(x)}" y1="{_num(previous.y + previous.height)}" x2="{_num(x)}" '
                        f'y2="{_num(y - 2)}" stroke="{INK}" stroke-width="1.5" marker-end="url(#{arrow_id})"/>')
        body.extend(_draw_box(main))
        branch_y = y
        for branch in step.branches:
            label = f"{branch.condition}：{branch.label}" if branch.condition else branch.label
            side = _box("branch", number, BRANCH_X, branch_y, BRANCH_WIDTH, label, branch.detail)
            arrow_y = min(side.y + side.height / 2, main.y + main.height - PAD)
            if side.y > main.y + main.height - PAD:  # a lower branch: an elbow down the gap
                elbow = MARGIN + MAIN_WIDTH + 16
                body.append(f'<polyline points="{_num(MARGIN + MAIN_WIDTH)},{_num(main.y + main.height - PAD)} '
                            f'{_num(elbow)},{_num(main.y + main.height - PAD)} {_num(elbow)},'
                            f'{_num(side.y + side.height / 2)} {_num(BRANCH_X - 2)},{_num(side.y + side.height / 2)}" '
                            f'fill="none" stroke="{INK}" stroke-width="1.2" stroke-dasharray="4 3" '
                            f'marker-end="url(#{arrow_id})"/>')
            else:
                body.append(f'<line x1="{_num(MARGIN + MAIN_WIDTH)}" y1="{_num(arrow_y)}" x2="{_num(BRANCH_X - 2)}" '
                            f'y2="{_num(arrow_y)}" stroke="{INK}" stroke-width="1.2" stroke-dasharray="4 3" '
                            f'marker-end="url(#{arrow_id})"/>')
            body.extend(_draw_box(side))
            branch_y += side.height + BRANCH_GAP
        row_bottom = max(main.y + main.height, branch_y - BRANCH_GAP)
        previous = main
        y = row_bottom + ROW_GAP
    height = y - ROW_GAP + MARGIN
    described = f"{title_id} {desc_id}" if desc else title_id
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zf-flowchart" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'role="img" aria-labelledby={quoteattr(described)} '
        f'font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif">',
        f"<title id={quoteattr(title_id)}>{escape(title)}</title>",
    ]
    if desc:
        head.append(f"<desc id={quoteattr(desc_id)}>{escape(desc)}</desc>")
    head.append(f'<defs><marker id={quoteattr(arrow_id)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>')
    return mark_safe("".join([*head, *body, "</svg>"]))  # noqa: S308 - every text above is escaped
