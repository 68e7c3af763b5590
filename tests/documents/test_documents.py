"""Official documents: drafting, issuing with the art. 59 check, numbering, the filled .docx, the PDF, the
verification page, template versions. Each rule names its article."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document as Docx
from docx.shared import Mm
from docxtpl import DocxTemplate

from tests.conftest import logged_in
from tests.documents.conftest import decided_case
from zhifa.cases import services as case_services
from zhifa.documents import services
from zhifa.documents.checks import art59_missing
from zhifa.documents.context import context_build, yuan_capital
from zhifa.documents.kinds import kind_get
from zhifa.documents.models import Document, DocumentTemplate
from zhifa.documents.pdf import FONTS_CONF, pdf_convert
from zhifa.documents.render import docx_text, leftover_tags
from zhifa.documents.store import blob_get
from zhifa.lib.errors import DomainError
from zhifa.lib.evidence_store import evidence_store
from zhifa.numbering.models import NumberSequence


def login_client(user) -> Client:  # type: ignore[no-untyped-def]
    return logged_in(Client(), user)


def add_evidence(case, actor) -> None:  # type: ignore[no-untyped-def]
    stored = evidence_store(stream=io.BytesIO(b"%PDF-1.4\n" + str(case.pk).encode()), declared_name="a.pdf",
                            max_bytes=1000, allowed={"pdf"})
    case_services.evidence_add(case=case, stored=stored, kind="document", title="现场检查照片说明",
                               collected_at=dt.datetime.now(dt.UTC), how="现场拍摄", original_name="照片.pdf",
                               actor=actor)


def issued_decision(world, red_settings):  # type: ignore[no-untyped-def]
    case = decided_case(world)
    add_evidence(case, world.a1)
    draft = services.document_draft(kind_code="penalty_decision", actor=world.a1, case=case)
    return services.document_issue(document=draft, actor=world.a1)


# --- art. 59 -----------------------------------------------------------------------------------------------------
def test_art59_a_decision_lacking_the_remedies_and_payment_manner_is_refused_with_the_list(world):
    """《行政处罚法》第五十九条: without the reconsideration/litigation channels and the manner of payment the
    decision is not issued; the officer gets the list; no number is used; the draft stays a draft."""
    case = decided_case(world)
    add_evidence(case, world.a1)
    draft = services.document_draft(kind_code="penalty_decision", actor=world.a1, case=case)
    with pytest.raises(services.DocumentIncomplete) as refused:
        services.document_issue(document=draft, actor=world.a1)
    missing = "\n".join(refused.value.missing)
    assert "申请行政复议、提起行政诉讼的途径和期限" in missing and "履行方式和期限" in missing
    assert "当事人的姓名" not in missing and "违反法律" not in missing
    draft.refresh_from_db()
    assert draft.state == Document.State.DRAFT and draft.number == ""
    assert not NumberSequence.objects.filter(kind="penalty_decision").exists()


def test_art59_every_element_is_checked(world, red_settings):
    """《行政处罚法》第五十九条 (1)–(6): each element, when emptied, is named as missing."""
    case = decided_case(world)
    context = context_build(kind=kind_get("penalty_decision"), case=case)
    assert art59_missing(context, evidence_count=1) == []
    assert any("证据" in m for m in art59_missing(context, evidence_count=0))
    for path, words in [("party.name", "姓名或者名称"), ("party.address", "地址"), ("case.facts", "事实"),
                        ("decision.penalty", "种类"), ("case.penalty_basis", "依据"),
                        ("decision.payment_manner", "履行方式"), ("decision.remedies", "行政复议"),
                        ("bureau.name", "行政机关名称"), ("decision.decided_on", "日期")]:
        emptied = {k: dict(v) if isinstance(v, dict) else v for k, v in context.items()}
        namespace, field = path.split(".")
        emptied[namespace][field] = ""
        assert any(words in m for m in art59_missing(emptied, evidence_count=1)), path


# --- numbering ---------------------------------------------------------------------------------------------------
def test_the_number_is_taken_when_issued_and_a_discarded_draft_takes_none(world, red_settings):
    case = decided_case(world)
    add_evidence(case, world.a1)
    first = services.document_draft(kind_code="prior_notice", actor=world.a1, case=case)
    second = services.document_draft(kind_code="prior_notice", actor=world.a1, case=case)
    assert first.number == "" and "（签发时编号）" in docx_text(blob_get(first.docx_sha256))
    services.document_discard(document=first, actor=world.a1)
    issued = services.document_issue(document=second, actor=world.a1)
    year = issued.issued_on.year
    assert issued.number == f"{world.org.red.short_name}罚告字〔{year}〕第1号"
    third = services.document_issue(document=services.document_draft(kind_code="prior_notice", actor=world.a1,
                                                                       case=case), actor=world.a1)
    assert third.number_seq == 2
    with pytest.raises(DomainError):
        services.document_issue(document=issued, actor=world.a1)  # issued once only
    with pytest.raises(DomainError):
        services.document_discard(document=issued, actor=world.a1)


def test_a_kind_is_refused_when_the_case_lacks_its_source(world, red_settings):
    case = world.filed()
    with pytest.raises(DomainError, match="行政处罚决定"):
        services.document_draft(kind_code="penalty_decision", actor=world.a1, case=case)
    with pytest.raises(DomainError, match="听证"):
        services.document_draft(kind_code="hearing_record", actor=world.a1, case=case)
    with pytest.raises(DomainError, match="电子卷宗"):
        services.document_draft(kind_code="file_cover", actor=world.a1, case=case)
    assert not Document.objects.exists()


def test_only_case_staff_draft_and_only_a_leader_voids(world, red_settings):
    from tests.conftest import make_user
    from zhifa.accounts.roles import Role

    case = decided_case(world)
    stranger = make_user("x9", [Role.OFFICER], world.org.red, world.org.team_b)
    with pytest.raises(DomainError):
        services.document_draft(kind_code="prior_notice", actor=stranger, case=case)
    issued = services.document_issue(
        document=services.document_draft(kind_code="prior_notice", actor=world.a1, case=case), actor=world.a1)
    with pytest.raises(DomainError, match="局领导"):
        services.document_void(document=issued, actor=world.a1, reason="错误")
    with pytest.raises(DomainError, match="理由"):
        services.document_void(document=issued, actor=world.leader, reason=" ")
    corrected = services.document_correct(document=issued, actor=world.leader, reason="当事人名称有误")
    issued.refresh_from_db()
    assert issued.state == Document.State.VOID and "当事人名称有误" in issued.void_reason
    assert corrected.state == Document.State.DRAFT and corrected.replaces_id == issued.pk


# --- the filled document -------------------------------------------------------------------------------------------
def test_the_issued_decision_is_filled_numbered_and_laid_out_per_gbt_9704(world, red_settings):
    """GB/T 9704-2012: A4, top 37 mm, left 28 mm, type area 156 × 225 mm, 3号 FangSong, 22 × 28 grid."""
    document = issued_decision(world, red_settings)
    data = blob_get(document.docx_sha256)
    assert hashlib.sha256(data).hexdigest() == document.docx_sha256
    text = docx_text(data)
    assert leftover_tags(data) == []
    assert "张三" in text and document.number in text and "罚款300元" in text and "示范区人民法院" in text
    assert document.verify_code and f"{document.verify_code[:4]}-{document.verify_code[4:]}" in text
    opened = Docx(io.BytesIO(data))
    section = opened.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1) and abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) < Mm(0.1)
    assert abs(section.page_height - section.top_margin - section.bottom_margin - Mm(225)) < Mm(0.1)
    grid = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
    assert grid is not None and grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == "579"
    assert len(opened.inline_shapes) == 1  # the QR code


def test_the_receipt_of_service_and_later_documents_cite_the_issued_decisions_number(world, red_settings):
    from zhifa.cases import execution

    document = issued_decision(world, red_settings)
    case = document.case
    execution.decision_serve(case=case, method="direct", served_on=case.decided_on, receiver="张三", actor=world.a1)
    receipt = services.document_draft(kind_code="service_receipt", actor=world.a1, case=case)
    assert document.number in docx_text(blob_get(receipt.docx_sha256))
    context = context_build(kind=kind_get("reminder"), case=case)
    assert context["decision"]["number"] == document.number


def test_a_case_has_one_decision_in_force_and_a_correction_takes_the_place_of_the_first(world, red_settings):
    document = issued_decision(world, red_settings)
    second = services.document_draft(kind_code="penalty_decision", actor=world.a1, case=document.case)
    with pytest.raises(DomainError, match="已签发"):
        services.document_issue(document=second, actor=world.a1)
    corrected = services.document_correct(document=document, actor=world.leader, reason="罚款金额笔误")
    reissued = services.document_issue(document=corrected, actor=world.a1)
    assert reissued.number_seq == 2 and reissued.number != document.number  # the voided number is not reused


def test_art52_the_onspot_decision_carries_the_case_number_also_when_corrected(world, red_settings):
    """《行政处罚法》第五十二条: the on-the-spot decision is numbered when made; its document shows that number,
    and its correction carries the same number (no second counter)."""
    from tests.cases.test_simple import onspot

    case = onspot(world, fine_fen=50_00, warning=True)
    draft = services.document_draft(kind_code="simple_decision", actor=world.a1, case=case)
    issued = services.document_issue(document=draft, actor=world.a1)
    assert issued.number == case.number and case.number in docx_text(blob_get(issued.docx_sha256))
    corrected = services.document_correct(document=issued, actor=world.leader, reason="地点笔误")
    assert services.document_issue(document=corrected, actor=world.a1).number == case.number
    with pytest.raises(DomainError, match="简易程序"):
        services.document_draft(kind_code="penalty_decision", actor=world.a1, case=case)


def test_an_issued_document_keeps_what_it_was_filled_with(world, red_settings):
    document = issued_decision(world, red_settings)
    assert document.context["party"]["name"] == "张三"
    assert document.context["document"]["number"] == document.number
    assert document.template_version == 0


@pytest.mark.skipif(shutil.which("soffice") is None and not __import__("os").environ.get("CI"),
                    reason="LibreOffice 未安装（CI 中必装）")
def test_the_pdf_carries_the_party_the_number_and_the_penalty_in_embedded_fangsong(world, red_settings, tmp_path):
    document = issued_decision(world, red_settings)
    assert services.documents_pdf_render(documents=[document]) == 1
    pdf = blob_get(document.pdf_sha256)
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode()
    squeezed = "".join(text.split())
    assert "张三" in squeezed and "".join(document.number.split()) in squeezed and "罚款300元" in squeezed
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    assert "FandolFang" in fonts  # 仿宋_GB2312 mapped to the free FangSong and embedded
    assert document.pages and document.pages >= 1


def test_the_bureaus_font_names_map_to_installed_fonts_on_the_server():
    def match(name: str) -> str:
        return subprocess.run(["fc-match", name, "family"], capture_output=True, check=True,
                              env={"FONTCONFIG_FILE": str(FONTS_CONF)}).stdout.decode()

    assert "FandolFang" in match("仿宋_GB2312")
    assert "Noto Serif CJK SC" in match("方正小标宋简体")
    assert "Noto Sans CJK SC" in match("黑体")


def test_pdf_conversion_of_a_damaged_file_fails_with_a_message():
    with pytest.raises(DomainError, match="LibreOffice"):
        pdf_convert(b"PK\x03\x04 not really a docx")


# --- templates -------------------------------------------------------------------------------------------------------
def _template_with(text: str) -> bytes:
    document = Docx()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_that_unpacks_to_more_than_50_mb_is_refused_as_a_template(world):
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/big.bin", b"\0" * (51 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024
    with pytest.raises(DomainError, match="解压后超过 50 MB"):
        services.template_upload(bureau=world.org.red, kind_code="prior_notice", data=bomb.getvalue(),
                                 name="bomb.docx", note="试", actor=world.leader)


def test_a_template_upload_is_checked_versioned_and_can_be_rolled_back(world, red_settings):
    bureau = world.org.red
    with pytest.raises(DomainError, match="不是 Word 文档"):
        services.template_upload(bureau=bureau, kind_code="prior_notice", data=b"%PDF-1.4", name="a.pdf",
                                 note="试", actor=world.leader)
    with pytest.raises(DomainError, match="salary"):
        services.template_upload(bureau=bureau, kind_code="prior_notice", data=_template_with("{{ salary.x }}"),
                                 name="a.docx", note="试", actor=world.leader)
    with pytest.raises(DomainError, match="不提供的变量"):
        services.template_upload(bureau=bureau, kind_code="prior_notice", data=_template_with("{{ party.nam }}"),
                                 name="a.docx", note="试", actor=world.leader)
    with pytest.raises(DomainError, match="写法有误"):
        services.template_upload(bureau=bureau, kind_code="prior_notice", data=_template_with("{{ party.name "),
                                 name="a.docx", note="试", actor=world.leader)
    with pytest.raises(DomainError, match="不允许的写法"):
        services.template_upload(bureau=bureau, kind_code="prior_notice", name="a.docx", note="试", actor=world.leader,
                                 data=_template_with("{{ party.__class__.__mro__ }}"))
    with pytest.raises(DomainError, match="系统管理员或局领导"):
        services.template_upload(bureau=bureau, kind_code="prior_notice",
                                 data=_template_with("{{ party.name }}"), name="a.docx", note="试", actor=world.a1)
    assert not DocumentTemplate.objects.exists()

    ours = _template_with("本局告知书 {{ party.name }} {{ document.number }}")
    row = services.template_upload(bureau=bureau, kind_code="prior_notice", data=ours, name="告知书.docx",
                                   note="按本局格式", actor=world.leader)
    assert row.version == 1 and row.in_use
    case = decided_case(world)
    issued = services.document_issue(
        document=services.document_draft(kind_code="prior_notice", actor=world.a1, case=case), actor=world.a1)
    assert issued.template_version == 1
    assert docx_text(blob_get(issued.docx_sha256)).strip() == f"本局告知书 张三 {issued.number}"
    services.template_use(bureau=bureau, kind_code="prior_notice", version=0, actor=world.leader)
    assert not DocumentTemplate.objects.filter(in_use=True).exists()
    assert "本局告知书" not in docx_text(services.template_preview(bureau=bureau, kind_code="prior_notice"))
    preview = services.template_preview(bureau=bureau, kind_code="prior_notice", version=1)
    assert "红寺堡区某某建材有限公司" in docx_text(preview)  # the sample case


# --- screens -------------------------------------------------------------------------------------------------------
def test_the_case_documents_screen_drafts_issues_and_downloads(world, red_settings, client):
    case = decided_case(world)
    add_evidence(case, world.a1)
    client = login_client(world.a1)
    page = client.get(reverse("documents:case", args=[case.pk]) + "?kind=penalty_decision")
    assert page.status_code == 200 and "生成《行政处罚决定书》草稿" in page.content.decode()
    posted = client.post(reverse("documents:case", args=[case.pk]), {"kind": "penalty_decision", "draft": "1"})
    assert posted.status_code == 302
    draft = Document.objects.get(case=case)
    issued = client.post(reverse("documents:issue", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.state == Document.State.ISSUED and draft.number in issued.content.decode()
    download = client.get(reverse("documents:docx", args=[draft.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert hashlib.sha256(download.content).hexdigest() == draft.docx_sha256


def test_the_art59_list_is_shown_on_screen(world, client):
    case = decided_case(world)
    draft = services.document_draft(kind_code="penalty_decision", actor=world.a1, case=case)
    response = login_client(world.a1).post(reverse("documents:issue", args=[draft.pk]), follow=True)
    body = response.content.decode()
    assert "第五十九条" in body and "缺少：申请行政复议、提起行政诉讼的途径和期限" in body


def test_another_bureau_cannot_see_or_touch_a_document(world, red_settings, org):
    from tests.conftest import make_user
    from zhifa.accounts.roles import Role

    document = issued_decision(world, red_settings)
    blue = login_client(make_user("blue1", [Role.OFFICER, Role.BUREAU_LEADER], org.blue))
    for name in ("docx", "pdf"):
        assert blue.get(reverse(f"documents:{name}", args=[document.pk])).status_code == 404
    assert blue.post(reverse("documents:void", args=[document.pk]), {"reason": "x"}).status_code == 404
    assert blue.get(reverse("documents:case", args=[document.case_id])).status_code == 404
    document.refresh_from_db()
    assert document.state == Document.State.ISSUED


def test_the_template_screens_list_variables_and_take_an_upload(world, red_settings):
    leader = login_client(world.leader)
    page = leader.get(reverse("documents:template", args=["penalty_decision"]))
    body = page.content.decode()
    assert page.status_code == 200 and "decision.remedies" in body and "系统内置" in body
    bad = leader.post(reverse("documents:template", args=["penalty_decision"]),
                      {"file": SimpleUploadedFile("a.docx", b"not a zip"), "note": "试"})
    assert "不是 Word 文档" in bad.content.decode()
    good = leader.post(reverse("documents:template", args=["penalty_decision"]),
                       {"file": SimpleUploadedFile("a.docx", _template_with("{{ party.name }}")), "note": "本局版"})
    assert good.status_code == 302 and DocumentTemplate.objects.get().version == 1
    preview = leader.get(reverse("documents:template_preview", args=["penalty_decision", "docx"]) + "?version=1")
    assert preview.status_code == 200 and "红寺堡区某某建材有限公司" in docx_text(preview.content)
    listing = leader.get(reverse("documents:templates"))
    assert "第 1 版" in listing.content.decode()


# --- verification ----------------------------------------------------------------------------------------------------
def test_the_public_verification_page_answers_genuine_unchanged_and_in_force(world, red_settings, client):
    document = issued_decision(world, red_settings)
    page = client.get(reverse("verify:code", args=[document.verify_code.lower()]))
    body = page.content.decode()
    assert page.status_code == 200 and "现行有效" in body and document.number in body
    assert "11010519491231002X" not in body and "张三" not in body  # no personal data of the party
    original = blob_get(document.docx_sha256)
    same = client.post(reverse("verify:form"), {"code": document.verify_code,
                                                "file": SimpleUploadedFile("d.docx", original)})
    assert 'data-test="file-match"' in same.content.decode()
    changed = client.post(reverse("verify:form"), {"code": document.verify_code,
                                                   "file": SimpleUploadedFile("d.docx", original + b"x")})
    assert 'data-test="file-mismatch"' in changed.content.decode()
    services.document_void(document=document, actor=world.leader, reason="送达地址错误，重新制作")
    void = client.get(reverse("verify:code", args=[document.verify_code]))
    assert "已" in void.content.decode() and "作废" in void.content.decode()
    assert client.get(reverse("verify:code", args=["ZZZZZZZZ"])).status_code == 404


def test_yuan_capital_amounts():
    assert yuan_capital(200000) == "贰仟元整"
    assert yuan_capital(123456) == "壹仟贰佰叁拾肆元伍角陆分"
    assert yuan_capital(1000005) == "壹万元零伍分"
    assert yuan_capital(10010000) == "壹拾万零壹佰元整"
    assert yuan_capital(50) == "伍角"


def test_the_sample_template_parses_with_docxtpl():
    """The shipped penalty decision names every art. 59 variable (cheap guard beside test_builtin)."""
    from zhifa.documents.builtin import builtin_template

    names = DocxTemplate(io.BytesIO(builtin_template("penalty_decision"))).get_undeclared_template_variables()
    assert {"party", "decision", "case", "bureau", "document"} <= set(names)
    assert Path(FONTS_CONF).exists()


def test_the_document_store_writes_once_read_only_and_refuses_a_changed_file(settings, tmp_path):
    from zhifa.documents.store import blob_path, blob_put, blob_put_file

    settings.MEDIA_ROOT = tmp_path
    sha = blob_put(b"issued document")
    assert blob_put(b"issued document") == sha == hashlib.sha256(b"issued document").hexdigest()
    source = tmp_path / "big.zip"
    source.write_bytes(b"issued document")
    assert blob_put_file(source) == sha  # the same bytes are one file
    path = blob_path(sha)
    assert not path.stat().st_mode & 0o222
    assert list((tmp_path / "documents" / ".tmp").iterdir()) == []
    path.chmod(0o644)
    path.write_bytes(b"changed")
    with pytest.raises(DomainError, match="篡改"):
        blob_get(sha)
    path.unlink()
    with pytest.raises(DomainError, match="不存在"):
        blob_get(sha)
