"""The server-side SVG flow chart: well-formed, labelled, one box per step, no inline style or script."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from zhifa.portal.flowchart import Branch, Step, flowchart_svg, wrap
from zhifa.portal.procedures import PROCEDURES

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_one_box_per_step_and_per_branch_with_a_title():
    steps = [Step("立案"), Step("调查取证", "两名执法人员", (Branch("先行登记保存", "7个工作日"),)), Step("决定")]
    svg = flowchart_svg(steps, chart_id="t1", title="测试流程图", desc="立案；调查；决定")
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "t1-title t1-desc"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "测试流程图" and title.get("id") == "t1-title"
    rects = root.iter(f"{SVG}rect")
    kinds = [r.get("data-box") for r in rects]
    assert kinds.count("step") == 3 and kinds.count("branch") == 1
    assert len(list(root.iter(f"{SVG}line"))) + len(list(root.iter(f"{SVG}polyline"))) == 3  # 2 arrows + 1 branch
    assert "style=" not in svg and "<script" not in svg.lower()


def test_text_is_escaped_and_ids_are_safe():
    svg = flowchart_svg([Step("<b>&“决定”</b>", "a<script>alert(1)</script>")], chart_id='x" onload="y', title="<t>")
    root = parse(svg)  # still well-formed
    assert "<script" not in svg and "onload=" not in svg
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<b>&“决定”</b>" in texts


def test_long_chinese_text_wraps_inside_the_box():
    lines = wrap("当事人在告知后五个工作日内提出听证申请的本局组织听证", 100, 14)
    assert len(lines) > 1 and all(len(line) <= 7 for line in lines)
    assert wrap("", 100, 14) == [""]


def test_empty_chart_is_refused():
    with pytest.raises(ValueError):
        flowchart_svg([], chart_id="e", title="空")


@pytest.mark.parametrize("procedure", PROCEDURES, ids=lambda p: p.slug)
def test_every_procedure_draws(procedure):  # type: ignore[no-untyped-def]
    svg = flowchart_svg(procedure.steps, chart_id=procedure.slug, title=procedure.name)
    root = parse(svg)
    boxes = [r for r in root.iter(f"{SVG}rect") if r.get("data-box") == "step"]
    assert len(boxes) == len(procedure.steps)
