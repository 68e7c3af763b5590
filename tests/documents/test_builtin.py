"""The shipped .docx templates: one per kind, only contract variables, filled cleanly, laid out to standard.

No database: every template is built in memory, parsed with docxtpl and filled with the sample case
(`variables.sample_context()`) under `jinja2.StrictUndefined`, so a misspelt field fails here.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import datetime

import docx
import jinja2
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docxtpl import DocxTemplate
from lxml import etree

from zhifa.documents import builtin, layout
from zhifa.documents.kinds import BY_CODE, KINDS
from zhifa.documents.variables import NAMESPACES, namespaces_for, sample_context

CODES = [kind.code for kind in KINDS]
OFFICIAL = [kind.code for kind in KINDS if kind.layout == "official"]
FORMS = [kind.code for kind in KINDS if kind.layout == "form"]
# The heading the document shows; the cover shows what the file is ("行政处罚案卷"), its kind label is the
# document's title property.
HEADING = {kind.code: kind.label for kind in KINDS} | {"file_cover": "行政处罚案卷"}
TAG_MARKS = ("{{", "}}", "{%", "%}")


def render(code: str, context: dict[str, object] | None = None) -> bytes:
    template = DocxTemplate(io.BytesIO(builtin.builtin_template(code)))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    template.render(context if context is not None else sample_context(), jinja_env=env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def paragraphs(data: bytes) -> list[str]:
    """The text of every paragraph of the body (tables included), the headers and the footers."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [n for n in package.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        assert "word/document.xml" in parts
        for name in parts:
            root = etree.fromstring(package.read(name))
            for p in root.iter(qn("w:p")):
                texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return texts


def text(data: bytes) -> str:
    return "\n".join(paragraphs(data))


@pytest.mark.parametrize("code", CODES)
def test_every_kind_has_a_template_that_opens(code: str) -> None:
    data = builtin.builtin_template(code)
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == BY_CODE[code].label
    assert HEADING[code] in text(data)


def test_one_builder_per_kind_and_no_other() -> None:
    assert sorted(builtin.BUILDERS) == sorted(CODES)
    assert len(CODES) == 29
    with pytest.raises(KeyError):
        builtin.builtin_template("no_such_kind")


@pytest.mark.parametrize("code", CODES)
def test_template_names_only_the_namespaces_its_kind_offers(code: str) -> None:
    template = DocxTemplate(io.BytesIO(builtin.builtin_template(code)))
    used = template.get_undeclared_template_variables()
    offered = set(namespaces_for(BY_CODE[code]))
    assert used, "a template without variables"
    assert used <= offered, f"not offered to {code}: {sorted(used - offered)}"


@pytest.mark.parametrize("code", CODES)
def test_template_fills_with_the_sample_case_and_leaves_no_tag(code: str) -> None:
    filled = text(render(code))
    for mark in TAG_MARKS:
        assert mark not in filled, f"{mark!r} left in {code}"
    assert HEADING[code] in filled
    assert "吴忠市红寺堡区综合行政执法局" in filled  # {{ bureau.name }} was filled


FIELD = re.compile(r"\{\{\s*(\w+)(?:\.(\w+)|\['(\w+)'\])\s*\}\}")


@pytest.mark.parametrize("code", CODES)
def test_every_field_prints_its_sample_value(code: str) -> None:
    """Each `{{ namespace.field }}` shows the field's value, not something Jinja found first (`item.items`
    would print the dict's `items` method)."""
    sample = sample_context()
    template = "\n".join(paragraphs(builtin.builtin_template(code)))
    filled = text(render(code))
    assert "method" not in filled and "<function" not in filled
    fields = 0
    for match in FIELD.finditer(template):
        namespace, field = match.group(1), match.group(2) or match.group(3)
        if namespace not in NAMESPACES or NAMESPACES[namespace].is_list:
            continue  # loop variables (o, e) are checked by the loop tests
        shown = sample[namespace][field]  # type: ignore[index]
        assert isinstance(shown, str)
        if shown:
            assert shown in filled, match.group(0)
        fields += 1
    assert fields


def test_no_variable_is_named_like_a_method_of_dict() -> None:
    """Jinja tries the attribute before the key: a field called `items` or `values` would print a method."""
    for namespace in NAMESPACES.values():
        clashes = set(namespace.fields) & set(dir(dict))
        assert not clashes, (namespace.name, clashes)


def test_a_misspelt_field_fails_the_fill() -> None:
    """The fill above is strict: a field the sample lacks is an error, not an empty string."""
    context = sample_context()
    party = dict(context["party"])  # type: ignore[call-overload]
    del party["address"]
    context["party"] = party
    with pytest.raises(jinja2.UndefinedError):
        render("penalty_decision", context)


def test_penalty_decision_carries_every_element_of_article_59() -> None:
    """《中华人民共和国行政处罚法》第五十九条: the decision states (一) the party's name or title and address;
    (二) the facts and evidence of the violation; (三) the kind of penalty and its basis; (四) the manner and
    deadline of performance; (五) the channels and periods for reconsideration and litigation; (六) the name of
    the authority and the date, with the seal. Each is a contract variable in the template and its sample value
    in the filled document."""
    template = "\n".join(paragraphs(builtin.builtin_template("penalty_decision")))
    required = ("party.name", "party.address", "decision.penalty", "case.penalty_basis", "decision.payment_manner",
                "decision.remedies", "bureau.name", "document.issued_on")
    for name in required:
        assert re.search(r"\{\{\s*" + re.escape(name) + r"\s*\}\}", template), name
    assert re.search(r"\{\{\s*(case\.facts|report\.facts_found)\s*\}\}", template)
    assert "证据" in template and "（印章）" in template

    sample = sample_context()
    filled = text(render("penalty_decision"))
    for name in (*required, "case.facts", "decision.late_fee_warning"):
        namespace, field = name.split(".")
        assert str(sample[namespace][field]) in filled, name  # type: ignore[index]


@pytest.mark.parametrize("code", [kind.code for kind in KINDS if kind.art59])
def test_art59_kinds_fill_the_party_penalty_and_remedies(code: str) -> None:
    sample = sample_context()
    filled = text(render(code))
    for namespace, field in (("party", "name"), ("party", "address"), ("decision", "penalty"),
                             ("case", "penalty_basis"), ("decision", "payment_manner"), ("decision", "remedies")):
        assert str(sample[namespace][field]) in filled, f"{namespace}.{field}"  # type: ignore[index]


@pytest.mark.parametrize("code", [kind.code for kind in KINDS if kind.verifiable])
def test_verifiable_kinds_carry_the_qr_code_alone_and_the_short_code(code: str) -> None:
    template = paragraphs(builtin.builtin_template(code))
    assert "{{ document.qr }}" in template  # a paragraph of its own: docxtpl puts the picture there
    document = docx.Document(io.BytesIO(builtin.builtin_template(code)))
    qr = next(p for p in document.paragraphs if p.text == "{{ document.qr }}")
    assert len(qr.runs) == 1
    assert qr.paragraph_format.line_spacing_rule != WD_LINE_SPACING.EXACTLY  # an exact line would clip the picture
    filled = text(render(code))
    assert "核验码：7KQ2-M9XD" in filled
    assert "http://127.0.0.1:8000/verify/7KQ2M9XD" in filled


def test_no_jinja_tag_is_split_across_runs() -> None:
    for code in CODES:
        document = docx.Document(io.BytesIO(builtin.builtin_template(code)))
        runs = [run.text for p in document.paragraphs for run in p.runs]
        runs += [run.text for t in document.tables for row in t.rows for cell in row.cells
                 for p in cell.paragraphs for run in p.runs]
        for run in runs:
            assert run.count("{{") == run.count("}}"), (code, run)
            assert run.count("{%") == run.count("%}"), (code, run)


def test_officers_loop_lists_every_officer_in_one_paragraph() -> None:
    filled = paragraphs(render("simple_decision"))
    assert "执法人员：张某某（执法证号 64030300123）、张某某（执法证号 64030300123）。" in filled


def _mm(length: int | None) -> float:
    assert length is not None
    return length / Mm(1)


def _east_asia(element: object) -> str | None:
    rfonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return rfonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("code", OFFICIAL)
def test_official_kinds_are_laid_out_under_gb_t_9704(code: str) -> None:
    document = docx.Document(io.BytesIO(builtin.builtin_template(code)))
    section = document.sections[0]
    assert _mm(section.page_width) == pytest.approx(210, abs=0.1)
    assert _mm(section.page_height) == pytest.approx(297, abs=0.1)
    assert _mm(section.top_margin) == pytest.approx(37, abs=0.1)
    assert _mm(section.left_margin) == pytest.approx(28, abs=0.1)
    assert _mm(section.right_margin) == pytest.approx(26, abs=0.1)
    assert _mm(section.bottom_margin) == pytest.approx(35, abs=0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    # 28 characters of 16 pt fill the 156 mm type area: pitch = 16 pt + charSpace/4096 pt.
    pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert pitch * 28 == pytest.approx(156 / 25.4 * 72, abs=0.05)
    assert 22 * Twips(579).pt <= 225 / 25.4 * 72  # 22 lines fit the type area's height

    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert _east_asia(normal.element) == "仿宋_GB2312"
    assert normal.font.name == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Twips(579)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert _east_asia(defaults) == "仿宋_GB2312"
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"

    title = document.styles["Title"]
    assert title.font.size == Pt(22)
    assert _east_asia(title.element) == "方正小标宋简体"
    heads = [p for p in document.paragraphs if p.style is not None and p.style.name == "Title"]
    assert [p.text for p in heads] == ["{{ bureau.name }}", BY_CODE[code].label]
    body = document.paragraphs
    number = body[[p.text for p in body].index(BY_CODE[code].label) + 1]
    assert number.text == "{{ document.number }}"
    assert number.style is not None
    assert number.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER

    indented = [p for p in body if p.style is not None and p.style.name == layout.BODY_STYLE]
    assert indented
    ind = document.styles[layout.BODY_STYLE].element.find(qn("w:pPr")).find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"

    footer = "".join(p.text for p in section.footer.paragraphs)
    assert footer == "— 1 —"
    footer_xml = etree.tostring(section.footer._element, encoding="unicode")
    assert "PAGE" in footer_xml and "宋体" in footer_xml and 'w:val="28"' in footer_xml  # 4号 = 14 pt
    assert "".join(p.text for p in section.even_page_footer.paragraphs) == "— 1 —"
    assert document.settings.odd_and_even_pages_header_footer


@pytest.mark.parametrize("code", FORMS)
def test_form_kinds_are_a4_forms_with_bordered_tables(code: str) -> None:
    document = docx.Document(io.BytesIO(builtin.builtin_template(code)))
    section = document.sections[0]
    assert _mm(section.page_width) == pytest.approx(210, abs=0.1)
    assert _mm(section.page_height) == pytest.approx(297, abs=0.1)
    assert [_mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                             section.right_margin)] == pytest.approx([25, 25, 20, 20], abs=0.1)
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(12)
    assert _east_asia(normal.element) == "仿宋_GB2312"
    title = document.styles["Title"]
    assert title.font.size == Pt(18)
    assert _east_asia(title.element) == "方正小标宋简体"
    assert document.tables
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = borders.find(qn(f"w:{edge}"))
            assert (line.get(qn("w:val")), line.get(qn("w:sz"))) == ("single", "4"), edge
    label = document.styles[layout.LABEL_STYLE]
    assert label.font.bold
    assert _east_asia(label.element) == "仿宋_GB2312"


def test_filing_approval_is_a_label_value_table() -> None:
    document = docx.Document(io.BytesIO(builtin.builtin_template("filing_approval")))
    labels = {cell.text for row in document.tables[0].rows for cell in row.cells[:1]}
    assert {"案由", "案件来源", "当事人", "基本情况", "承办人意见", "审批意见"} <= labels
    filled = text(render("filing_approval"))
    assert "审批人：李某某　　　2026年9月4日" in filled


def test_file_catalog_has_one_row_per_entry() -> None:
    sample = sample_context()
    entries = sample["archive"]["entries"]  # type: ignore[index]
    document = docx.Document(io.BytesIO(render("file_catalog")))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "文号", "题名", "日期", "页号", "备注"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows == [[e["index"], e["number"], e["title"], e["date"], e["page"], ""] for e in entries]


def test_evidence_list_prints_the_hash_small_enough_to_fit() -> None:
    sample = sample_context()
    evidence = sample["archive"]["evidence"]  # type: ignore[index]
    document = docx.Document(io.BytesIO(render("evidence_list")))
    table = document.tables[0]
    assert len(table.rows) == 1 + len(evidence)
    assert [c.text for c in table.rows[0].cells][-1] == "SHA-256"
    cell = table.rows[1].cells[-1]
    assert cell.text == evidence[0]["sha256"]
    assert all(run.font.size == Pt(7.5) for p in cell.paragraphs for run in p.runs)


def test_file_cover_and_record_sheet_show_the_archive() -> None:
    cover = text(render("file_cover"))
    for value in ("行政处罚案卷", "红寺堡区某某建材有限公司未经批准擅自占用城市道路案", "红综执立〔2026〕第12号",
                  "长期", "共 42 页", "2026年11月21日"):
        assert value in cover
    sheet = text(render("file_record_sheet"))
    assert "本卷共12件文书，证据材料200件，均为电子文件。" in sheet
    assert "张某某" in sheet and "李某某" in sheet


def test_values_are_escaped_not_injected() -> None:
    context = sample_context()
    party = dict(context["party"])  # type: ignore[call-overload]
    party["name"] = "A&B <公司>"
    context["party"] = party
    assert "A&B <公司>" in text(render("penalty_decision", context))


def test_builtin_template_is_the_same_bytes_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two uncached builds at different clock times give identical bytes (fixed zip times and core dates)."""
    build = builtin.builtin_template.__wrapped__
    first = build("penalty_decision")
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)  # python-docx stamps zip members with now
    second = build("penalty_decision")
    monkeypatch.undo()
    assert first == second
    assert builtin.builtin_template("penalty_decision") == builtin.builtin_template("penalty_decision") == first
    props = docx.Document(io.BytesIO(first)).core_properties
    assert {d.replace(tzinfo=None) for d in (props.created, props.modified)} == {datetime(2026, 1, 1)}
    assert props.revision == 1
