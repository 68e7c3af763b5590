"""Page set-up and the few paragraph and table shapes the shipped templates are made of (python-docx).

Two layouts:

* `official_page`: GB/T 9704-2012 (党政机关公文格式), for the decisions and notices the party receives. A4;
  margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (type area 156 × 225 mm); body 3号 (16 pt)
  仿宋_GB2312 on a document grid of 22 lines × 28 characters (line pitch 28.95 pt = 579 twips, character
  pitch 156 mm / 28); title 2号 (22 pt) 方正小标宋简体 centred; page number in 4号 宋体 as "— 1 —", odd pages
  right and even pages left, one character in from the edge of the type area (GB/T 9704 7.5).
* `form_page`: approval sheets, records and the case-file pages. A4; margins 25 mm top and bottom, 20 mm
  left and right; body 小四 (12 pt) 仿宋_GB2312; title 18 pt 方正小标宋简体 centred; tables with single
  0.5 pt borders on every side; footer "第 1 页 共 3 页".

Fonts are written into the styles (document defaults, Normal, Title and the styles below), with the East
Asian slot (w:eastAsia) and the ascii/hAnsi slots all named and the theme-font attributes removed, so that
Word and WPS show 仿宋_GB2312 / 方正小标宋简体 in the font box; w:lang w:eastAsia is zh-CN.

Every paragraph is written as runs this module controls, one run per piece of text, so a Jinja tag such as
"{{ party.name }}" is never split across runs (docxtpl needs each tag inside one paragraph, and `{%tr %}`
alone in its table row).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"

A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0

# GB/T 9704-2012 5.2.1 and 5.2.2.
OFFICIAL_MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
OFFICIAL_BODY_PT = 16.0  # 3号
OFFICIAL_TITLE_PT = 22.0  # 2号
OFFICIAL_PAGE_NUMBER_PT = 14.0  # 4号
OFFICIAL_LINES = 22
OFFICIAL_CHARS = 28
OFFICIAL_LINE_PITCH_TWIPS = 579  # 28.95 pt; 22 × 28.95 pt = 224.7 mm ≤ 225 mm

FORM_MARGINS_MM = {"top": 25.0, "bottom": 25.0, "left": 20.0, "right": 20.0}
FORM_BODY_PT = 12.0  # 小四
FORM_TITLE_PT = 18.0
FORM_SMALL_PT = 7.5
FORM_BORDER_SZ = 4  # eighths of a point: 0.5 pt

# Style ids are ASCII (what python-docx and Word key on); the names users see in Word and WPS are Chinese.
BODY_STYLE = "文书正文"  # first line indented two characters
PLAIN_STYLE = "文书无缩进"  # no indent: the party's name line (主送), the number line
SIGNATURE_STYLE = "文书落款"  # right-aligned: the bureau, the seal, the date
NUMBER_STYLE = "文书文号"  # the document number (文号), centred
CELL_STYLE = "表格文字"
LABEL_STYLE = "表格栏目"  # label cells: 仿宋_GB2312 bold, centred
_STYLE_IDS = {
    BODY_STYLE: "ZhifaBody",
    PLAIN_STYLE: "ZhifaPlain",
    SIGNATURE_STYLE: "ZhifaSignature",
    NUMBER_STYLE: "ZhifaNumber",
    CELL_STYLE: "ZhifaCell",
    LABEL_STYLE: "ZhifaLabel",
}

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Schema order of the children of w:pPr, w:rPr and w:tblPr (ECMA-376 17.3.1.26, 17.3.2.28, 17.4.60): Word
# refuses a file whose property elements are out of order, so every child is put in its place.
_ORDER = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
              "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
}


def child(parent: Any, tag: str) -> Any:
    """The `tag` child of a w:pPr / w:rPr / w:tblPr, created in its schema position when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    order = next(seq for name, seq in _ORDER.items() if parent.tag == qn(name))
    later = {qn(t) for t in order[order.index(tag) + 1:]}
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, element)
            break
    else:
        parent.append(element)
    return element


def mm_to_pt(mm: float) -> float:
    return mm / 25.4 * 72


def char_space(type_width_mm: float, chars: int, font_pt: float) -> int:
    """Word's w:charSpace for `chars` characters of `font_pt` to fill `type_width_mm`.

    The grid's character pitch is the default font size plus charSpace/4096 pt, so
    charSpace = (width / chars − font size) × 4096. For GB/T 9704 (156 mm, 28 characters, 16 pt) the pitch is
    15.79 pt and charSpace is −848.
    """
    return round((mm_to_pt(type_width_mm) / chars - font_pt) * 4096)


# --- fonts and styles -------------------------------------------------------------------------------------


def set_fonts(rpr_parent: Any, font: str) -> None:
    """Name `font` in every slot of the w:rFonts under `rpr_parent` (a w:rPr, or a style/run that has one)."""
    rpr = rpr_parent if rpr_parent.tag == qn("w:rPr") else rpr_parent.get_or_add_rPr()
    rfonts = child(rpr, "w:rFonts")
    for attr in _THEME_ATTRS:
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def _set_lang(rpr: Any) -> None:
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _set_size(rpr: Any, pt: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        child(rpr, tag).set(qn("w:val"), str(round(pt * 2)))


def _doc_defaults(document: DocxDocument, font: str, size_pt: float) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, font)
    _set_size(rpr, size_pt)
    _set_lang(rpr)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        ppr.remove(spacing)


def _style(document: DocxDocument, name: str, base: str = "Normal") -> ParagraphStyle:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(_STYLE_IDS[name], WD_STYLE_TYPE.PARAGRAPH)
        style.name = name
        style.element.set(qn("w:customStyle"), "1")
        style.quick_style = True
    assert isinstance(style, ParagraphStyle)
    style.base_style = styles[base] if base else None
    return style


def _clean_style(style: ParagraphStyle) -> None:
    """Drop what the python-docx default template puts in a built-in style (borders, colours, theme fonts)."""
    for tag in ("w:pPr", "w:rPr"):
        el = style.element.find(qn(tag))
        if el is not None:
            style.element.remove(el)


def _font_style(style: ParagraphStyle, font: str, size_pt: float, *, bold: bool = False) -> None:
    set_fonts(style.element, font)
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    _set_lang(style.element.get_or_add_rPr())


def _exact_lines(style: ParagraphStyle, line: Twips | Pt) -> None:
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _indent_chars(ppr: Any, *, first_line: int = 0, right: int = 0, font_pt: float) -> None:
    """Indent in characters (w:firstLineChars / w:rightChars, hundredths of a character) with the twips too."""
    ind = child(ppr, "w:ind")
    if first_line:
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
        ind.set(qn("w:firstLine"), str(round(first_line * font_pt * 20)))
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))
        ind.set(qn("w:right"), str(round(right * font_pt * 20)))


def _page(document: DocxDocument, margins: dict[str, float], *, landscape: bool = False) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (A4_HEIGHT_MM, A4_WIDTH_MM) if landscape else (A4_WIDTH_MM, A4_HEIGHT_MM)
    section.page_width = Mm(width)
    section.page_height = Mm(height)
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])
    section.gutter = Mm(0)


def _doc_grid(document: DocxDocument, **attrs: str) -> None:
    sect_pr = document.sections[0]._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for key in list(grid.attrib):
        del grid.attrib[key]
    for key, value in attrs.items():
        grid.set(qn(f"w:{key}"), value)


def _field(paragraph: Paragraph, instruction: str, shown: str, font: str, size_pt: float) -> None:
    """A Word field (PAGE, NUMPAGES) as the begin/instr/separate/result/end runs."""

    def run_with(element: Any) -> None:
        run = paragraph.add_run()
        set_fonts(run._r, font)
        run.font.size = Pt(size_pt)
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    add_run(paragraph, shown, font=font, size_pt=size_pt)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _single_spacing(paragraph: Paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    child(paragraph._p.get_or_add_pPr(), "w:snapToGrid").set(qn("w:val"), "0")


def _official_page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """"— 1 —" in 4号 宋体, one character (14 pt) in from the edge of the type area (GB/T 9704 7.5)."""
    _single_spacing(paragraph)
    paragraph.alignment = align
    one_char = Pt(OFFICIAL_PAGE_NUMBER_PT)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = one_char
    else:
        paragraph.paragraph_format.left_indent = one_char
    add_run(paragraph, "— ", font=PAGE_NUMBER_FONT, size_pt=OFFICIAL_PAGE_NUMBER_PT)
    _field(paragraph, "PAGE", "1", PAGE_NUMBER_FONT, OFFICIAL_PAGE_NUMBER_PT)
    add_run(paragraph, " —", font=PAGE_NUMBER_FONT, size_pt=OFFICIAL_PAGE_NUMBER_PT)


def _common_styles(document: DocxDocument, body_pt: float, title_pt: float) -> None:
    _doc_defaults(document, BODY_FONT, body_pt)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _clean_style(normal)
    _font_style(normal, BODY_FONT, body_pt)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False

    title = document.styles["Title"]
    assert isinstance(title, ParagraphStyle)
    _clean_style(title)
    _font_style(title, TITLE_FONT, title_pt)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True

    for name in (PLAIN_STYLE, NUMBER_STYLE, SIGNATURE_STYLE, BODY_STYLE):
        _style(document, name)
    _style(document, NUMBER_STYLE).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _style(document, PLAIN_STYLE).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _style(document, SIGNATURE_STYLE).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _style(document, SIGNATURE_STYLE).paragraph_format.keep_with_next = True
    _indent_chars(_style(document, BODY_STYLE).element.get_or_add_pPr(), first_line=2, font_pt=body_pt)


def _core(document: DocxDocument) -> None:
    props = document.core_properties
    props.language = "zh-CN"


def official_page(document: DocxDocument) -> DocxDocument:
    """Lay `document` out as a GB/T 9704-2012 official document (see the module docstring)."""
    _page(document, OFFICIAL_MARGINS_MM)
    type_width = A4_WIDTH_MM - OFFICIAL_MARGINS_MM["left"] - OFFICIAL_MARGINS_MM["right"]
    _doc_grid(document, type="linesAndChars", linePitch=str(OFFICIAL_LINE_PITCH_TWIPS),
              charSpace=str(char_space(type_width, OFFICIAL_CHARS, OFFICIAL_BODY_PT)))
    _common_styles(document, OFFICIAL_BODY_PT, OFFICIAL_TITLE_PT)
    line = Twips(OFFICIAL_LINE_PITCH_TWIPS)
    for name in ("Normal", "Title"):
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        _exact_lines(style, line)
    _indent_chars(_style(document, SIGNATURE_STYLE).element.get_or_add_pPr(), right=4, font_pt=OFFICIAL_BODY_PT)

    section = document.sections[0]
    section.header_distance = Mm(15)
    section.footer_distance = Mm(23)  # the number's top edge sits about 7 mm under the type area
    document.settings.odd_and_even_pages_header_footer = True
    _official_page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _official_page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    _core(document)
    return document


def form_page(document: DocxDocument, *, landscape: bool = False) -> DocxDocument:
    """Lay `document` out as a form: approval sheet, record, case-file page (see the module docstring)."""
    _page(document, FORM_MARGINS_MM, landscape=landscape)
    _doc_grid(document, type="lines", linePitch="312")
    _common_styles(document, FORM_BODY_PT, FORM_TITLE_PT)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    normal.paragraph_format.line_spacing = 1.25
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    title = document.styles["Title"]
    assert isinstance(title, ParagraphStyle)
    _exact_lines(title, Pt(30))
    title.paragraph_format.space_after = Pt(6)

    cell = _style(document, CELL_STYLE)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    label = _style(document, LABEL_STYLE, base=CELL_STYLE)
    label.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font_style(label, BODY_FONT, FORM_BODY_PT, bold=True)
    _indent_chars(_style(document, SIGNATURE_STYLE).element.get_or_add_pPr(), right=2, font_pt=FORM_BODY_PT)

    section = document.sections[0]
    section.header_distance = Mm(12)
    section.footer_distance = Mm(12)
    footer = section.footer.paragraphs[0]
    _single_spacing(footer)
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size = 10.5
    add_run(footer, "第 ", size_pt=size)
    _field(footer, "PAGE", "1", BODY_FONT, size)
    add_run(footer, " 页 共 ", size_pt=size)
    _field(footer, "NUMPAGES", "1", BODY_FONT, size)
    add_run(footer, " 页", size_pt=size)
    _core(document)
    return document


# --- paragraphs -------------------------------------------------------------------------------------------


def add_run(paragraph: Paragraph, text: str, *, bold: bool | None = None, font: str | None = None,
            size_pt: float | None = None, underline: bool | None = None) -> None:
    """One run holding `text` whole (Jinja tags included), with the formatting given and no more."""
    run = paragraph.add_run(text)
    if font:
        set_fonts(run._r, font)
    if size_pt:
        run.font.size = Pt(size_pt)
    if bold is not None:
        run.bold = bold
    if underline is not None:
        run.underline = underline


def paragraph(document: DocxDocument, *texts: str, style: str = BODY_STYLE, bold_first: bool = False) -> Paragraph:
    """A paragraph of runs, one per text; with `bold_first` the first run (a lead-in label) is bold."""
    p = document.add_paragraph(style=style)
    for i, text in enumerate(texts):
        add_run(p, text, bold=True if bold_first and i == 0 else None)
    return p


def title(document: DocxDocument, text: str, *, size_pt: float | None = None) -> Paragraph:
    p = document.add_paragraph(style="Title")
    add_run(p, text, size_pt=size_pt)
    return p


def blank(document: DocxDocument, count: int = 1) -> None:
    for _ in range(count):
        document.add_paragraph(style=PLAIN_STYLE)


def image_line(document: DocxDocument, tag: str) -> Paragraph:
    """A paragraph holding only `tag` (a picture at render time), with single spacing so it is not clipped."""
    p = document.add_paragraph(style=PLAIN_STYLE)
    _single_spacing(p)
    add_run(p, tag)
    return p


# --- tables -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell of a form row: label cells are bold and centred; `lines` are its paragraphs.

    A line starting with ">" is right-aligned (the "审批人：…　日期：…" line under an opinion).
    """

    lines: tuple[str, ...]
    span: int = 1
    label: bool = False
    align: str = ""  # "", "center"
    size_pt: float | None = None


def label(text: str, span: int = 1) -> Cell:
    return Cell((text,), span=span, label=True)


def value(*lines: str, span: int = 1, align: str = "", size_pt: float | None = None) -> Cell:
    return Cell(tuple(lines) or ("",), span=span, align=align, size_pt=size_pt)


def _borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(FORM_BORDER_SZ))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    child(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    margins = child(tbl_pr, "w:tblCellMar")
    for edge, twips in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)


def form_table(document: DocxDocument, widths_mm: Sequence[float]) -> Table:
    """An empty bordered table (rows are added with `add_row`) whose columns are `widths_mm` wide."""
    table = document.add_table(rows=0, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def _widths(table: Table) -> list[int]:
    """The grid column widths (EMU) `form_table` set."""
    return [int(column.width or 0) for column in table.columns]


def _fill(cell: _Cell, spec: Cell, *, tall: bool = False) -> None:
    first = True
    for line in spec.lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.style = LABEL_STYLE if spec.label else CELL_STYLE
        text = line
        if text.startswith(">"):
            text = text[1:]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif spec.align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            add_run(p, text, size_pt=spec.size_pt)
    top = tall and not spec.label  # long text starts at the top of a tall cell; labels stay centred
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP if top else WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_row(table: Table, cells: Iterable[Cell], *, height_mm: float | None = None) -> None:
    """Append a row; each cell spans `span` grid columns (the spans must add up to the table's columns)."""
    specs = list(cells)
    widths = _widths(table)
    if sum(spec.span for spec in specs) != len(widths):
        raise ValueError(f"row spans {sum(s.span for s in specs)} columns, the table has {len(widths)}")
    row = table.add_row()
    if height_mm:
        row.height = Mm(height_mm)
    grid = 0
    for spec in specs:
        first = row.cells[grid]
        for i in range(grid, grid + spec.span):
            row.cells[i].width = Emu(widths[i])
        cell = first.merge(row.cells[grid + spec.span - 1]) if spec.span > 1 else first
        cell.width = Emu(sum(widths[grid:grid + spec.span]))
        _fill(cell, spec, tall=(height_mm or 0) >= 30)
        grid += spec.span


def tag_row(table: Table, tag: str) -> None:
    """A row holding only a docxtpl row tag (`{%tr for … %}` / `{%tr endfor %}`); docxtpl drops the row."""
    add_row(table, [value(tag, span=len(table.columns))])
