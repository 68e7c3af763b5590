"""Procedures with flow charts, remedies, the year's figures, sitemap.xml, feed.xml and robots.txt.

Periods are checked against legal-rules.md; each test names its article.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.intake.conftest import categories  # noqa: F401 - fixture
from tests.portal.conftest import S, decided, make_disclosure
from zhifa.cases.models import Case, Decision, Hearing, Remedy
from zhifa.catalog import services as catalog_services
from zhifa.catalog.models import Category
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData
from zhifa.documents.models import DocumentSettings
from zhifa.intake.models import Complaint
from zhifa.intake.services import complaint_receive
from zhifa.portal import figures as fig
from zhifa.portal import views_info
from zhifa.portal.models import Disclosure

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def body(response) -> str:  # type: ignore[no-untyped-def]
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


# --- procedures ---------------------------------------------------------------------------------------------
def test_procedure_periods_match_legal_rules(client, org):  # type: ignore[no-untyped-def]
    """行政处罚法 art. 51 (200 / 3,000 元), 60 (90 days), 61 (7 working days), 64 (5 and 7 working days),
    67 (15 days), 56 (7 working days); 行政强制法 art. 25 (30 days), 53 (3 months), 54 (10 working days)."""
    r = client.get("/portal/procedures/")
    assert r.status_code == 200
    assert "public" in r["Cache-Control"] and "max-age=300" in r["Cache-Control"]
    html = r.content.decode()
    hearing = html.split('data-test="procedure-hearing"')[1].split("</section>")[0]
    assert "告知后5个工作日内提出" in hearing and "举行听证7个工作日前" in hearing
    general = html.split('data-test="procedure-general"')[1].split("</section>")[0]
    assert "立案之日起90日内作出（第六十条）" in general
    assert "当事人不在场的，7个工作日内送达（第六十一条）" in general
    assert "收到决定书之日起15日内缴纳罚款（第六十七条）" in general
    assert "7个工作日内作出处理决定（第五十六条）" in general
    simple = html.split('data-test="procedure-simple"')[1].split("</section>")[0]
    assert "公民200元、组织3000元（第五十一条）" in simple
    seizure = html.split('data-test="procedure-seizure"')[1].split("</section>")[0]
    assert "不超过30日（第二十五条）" in seizure
    court = html.split('data-test="procedure-court"')[1].split("</section>")[0]
    assert "3个月内向人民法院申请（第五十三条）" in court and "催告书送达10个工作日后" in court
    assert 'href="/static/portal/info.css"' in html


def test_a_configured_decision_period_is_shown(client, org):  # type: ignore[no-untyped-def]
    """Art. 60 "unless a law, regulation or rule says otherwise": the bureau's setting is what the page shows."""
    from zhifa.workdays.models import DeadlineRuleSetting

    DeadlineRuleSetting.objects.create(bureau=org.red, rule="decision", amount=60)
    html = client.get("/portal/procedures/").content.decode()
    assert "立案之日起60日内作出" in html


def test_each_procedure_has_a_well_formed_svg_with_one_box_per_step(client, org):  # type: ignore[no-untyped-def]
    html = client.get("/portal/procedures/").content.decode()
    charts = svgs(html)
    assert len(charts) == 5
    for chart in charts:
        root = ET.fromstring(chart)
        title = root.find(f"{SVG}title")
        assert title is not None and title.text and title.get("id") in root.get("aria-labelledby", "")
        assert root.get("role") == "img"
        slug = title.get("id").removeprefix("flow-").removesuffix("-title")  # type: ignore[union-attr]
        section = html.split(f'data-test="procedure-{slug}"')[1].split("</section>")[0]
        steps = section.split(f'data-test="steps-{slug}"')[1].split("</ol>")[0]
        listed = steps.count('data-test="step"')
        boxes = [r for r in root.iter(f"{SVG}rect") if r.get("data-box") == "step"]
        assert len(boxes) == listed > 2
    assert "style=" not in html and "<script>" not in html.replace('<script src=', "")


# --- remedies -----------------------------------------------------------------------------------------------
def test_remedies_show_the_bureaus_organ_court_and_periods(client, org):  # type: ignore[no-untyped-def]
    """行政复议法: 60 days; 行政诉讼法: 6 months, 15 days after a reconsideration decision."""
    DocumentSettings.objects.create(bureau=org.red, reconsideration_body="红山区人民政府",
                                    litigation_court="红山区人民法院")
    r = client.get("/portal/remedies/")
    html = r.content.decode()
    assert r.status_code == 200 and "max-age=300" in r["Cache-Control"]
    assert "红山区人民政府" in html and "红山区人民法院" in html
    assert "<strong>60日</strong>内提出" in html and "<strong>6个月</strong>内" in html
    assert "<strong>15日</strong>内起诉" in html
    assert 'href="/portal/complaints/new/"' in html and "12345" in html


def test_remedies_without_settings_refer_to_the_decision(client, org):  # type: ignore[no-untyped-def]
    html = client.get("/portal/remedies/?bureau=蓝综执").content.decode()
    assert "以行政处罚决定书载明的复议机关为准" in html and "蓝河区综合行政执法局" in html


# --- figures ------------------------------------------------------------------------------------------------
@pytest.fixture
def year_2025(world, categories):  # type: ignore[no-untyped-def]  # noqa: F811
    """Two penalties decided in 2025 (300 and 100 yuan), one in 2024; a hearing held and a reconsideration in
    2025; three complaints in 2025 (one replied in time and satisfied) and one in 2024."""
    first = decided(world, on=dt.date(2025, 6, 16))
    decided(world, on=dt.date(2025, 9, 15), fine_fen=100_00)
    decided(world, on=dt.date(2024, 6, 17))
    Hearing.objects.create(case=first, requested_on=dt.date(2025, 5, 20), scheduled_on=dt.date(2025, 6, 3),
                           outcome=Hearing.Outcome.HELD)
    Remedy.objects.create(case=first, kind=Remedy.Kind.RECONSIDERATION, filed_on=dt.date(2025, 7, 1),
                          body="红山区人民政府", outcome=Remedy.Outcome.REVOKED, recorded_by=world.a1)
    for when in ("2025-03-03 10:00", "2025-04-01 10:00", "2025-12-30 10:00", "2024-12-30 10:00"):
        complaint_receive(bureau=world.org.red, category=categories.ordinary, channel="phone", place="解放西街",
                          description="占道经营", received_at=timezone.make_aware(dt.datetime.fromisoformat(when)))
    c = Complaint.objects.filter(received_at__year=2025).order_by("received_at").first()
    Complaint.objects.filter(pk=c.pk).update(state=Complaint.State.CLOSED, replied_at=c.received_at,
                                             satisfaction="satisfied")
    return world


def test_figures_count_one_year_only(year_2025, org):  # type: ignore[no-untyped-def]
    f = fig.year_figures(org.red, 2025)
    assert f.cases_filed == 2 and f.penalty_decisions == 2 and f.fines_fen == 400_00 and f.fines_yuan == "400"  # as everywhere else (zhifa.lib.money)
    assert [(r.label, r.filed, r.penalties, r.fines_fen) for r in f.by_category] == [("市容环境卫生", 2, 2, 400_00)]
    assert {r.label: r.count for r in f.by_outcome}["行政处罚决定"] == 2
    assert (f.hearings_requested, f.hearings_held, f.reconsiderations, f.lawsuits, f.overturned) == (1, 1, 1, 0, 1)
    assert f.complaints.total.received == 3 and f.complaints.total.handled == 1
    assert f.disclosure.required == 2 and f.on_the_spot == 0
    before = fig.year_figures(org.red, 2024)
    assert before.cases_filed == 1 and before.fines_fen == 300_00 and before.complaints.total.received == 1
    blue = fig.year_figures(org.blue, 2025)
    assert blue.cases_filed == 0 and blue.fines_fen == 0 and blue.complaints.total.received == 0
    assert fig.years_with_data(org.red, today=dt.date(2026, 3, 1)) == [2025, 2024]


def test_figures_page(client, year_2025):  # type: ignore[no-untyped-def]
    r = client.get("/portal/figures/2025/")
    html = r.content.decode()
    assert r.status_code == 200 and "max-age=300" in r["Cache-Control"]
    assert re.search(r'data-test="cases-filed">2 件', html) and 'data-test="fines">400 元' in html
    assert 'data-test="penalty-decisions">2 件' in html and 'data-test="complaints-received">3 件' in html
    assert 'href="/portal/figures/2024/"' in html
    assert "张三" not in html and "style=" not in html
    assert 'data-test="cases-filed">1 件' in client.get("/portal/figures/2024/").content.decode()


def test_disclosure_rate_of_the_year(client, published_disclosures):  # type: ignore[no-untyped-def]
    """Required: published 5 + pending 1 + withdrawn 1 (excluded not counted); on time: 5 + the withdrawn one."""
    html = client.get("/portal/figures/2025/").content.decode()
    assert 'data-test="disclosures-published">6 件' in html  # 5 published + 1 withdrawn published in 2025
    assert 'data-test="disclosure-rate">85.7%' in html


def test_default_year_and_bad_years(client, org):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    assert f"{today.year}年度执法数据" in client.get("/portal/figures/").content.decode()  # no data: this year
    make_disclosure(org.red, 1, decided_on=dt.date(today.year - 1, 5, 4))
    assert f"{today.year - 1}年度执法数据" in client.get("/portal/figures/").content.decode()
    for year in (1999, today.year + 1):
        r = client.get(f"/portal/figures/{year}/")
        assert r.status_code == 404
    assert client.get("/portal/figures/2000/").status_code == 200


# --- sitemap ------------------------------------------------------------------------------------------------
def sitemap_urls(xml: str) -> list[str]:
    root = ET.fromstring(xml)
    assert root.tag == f"{SM}urlset"
    return [u.findtext(f"{SM}loc") or "" for u in root.findall(f"{SM}url")]


def test_sitemap_lists_pages_and_published_decisions_only(client, published_disclosures):  # type: ignore[no-untyped-def]
    rows = published_disclosures
    r = client.get("/portal/sitemap.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    xml = body(r)
    urls = sitemap_urls(xml)
    for path in ("/portal/", "/portal/about/", "/portal/procedures/", "/portal/remedies/", "/portal/figures/",
                 "/portal/decisions/", "/portal/figures/2025/", "/portal/about/?bureau=%E8%93%9D%E7%BB%BC%E6%89%A7"):
        assert f"http://testserver{path}" in urls
    decisions = {u for u in urls if "/decisions/" in u and u.rstrip("/").split("/")[-1].isdigit()}
    published = {f"http://testserver/portal/decisions/{d.pk}/" for d in rows if d.state == S.PUBLISHED}
    assert decisions == published  # pending, withdrawn (reachable, not listed) and excluded are not listed
    assert "商贸" not in xml and "<lastmod>2025-06-" in xml


def test_sitemap_lists_in_force_matters(client, world):  # type: ignore[no-untyped-def]
    """Matters on the list today (the catalog's rule): one added from next month is not listed yet."""
    coming = catalog_services.matter_create(
        bureau=world.org.red, actor=None,
        change=ChangeRecord(date=timezone.localdate() + dt.timedelta(days=31), document_number="示编发〔2026〕9号"),
        data=MatterData(code="SR-9", name="对将来新增事项的行政处罚", category=Category.CITY_APPEARANCE,
                        penalty_bases=[BasisData(law="城市市容和环境卫生管理条例", article="第三十六条")]))
    urls = sitemap_urls(body(client.get("/portal/sitemap.xml")))
    assert f"http://testserver/portal/matters/{world.matter.pk}/" in urls
    assert f"http://testserver/portal/matters/{coming.pk}/" not in urls


def test_sitemap_pages_above_the_limit(client, org, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(views_info, "SITEMAP_LIMIT", 3)
    rows = [make_disclosure(org.red, n) for n in range(1, 11)]
    make_disclosure(org.red, 11, state=S.PENDING)
    index = ET.fromstring(body(client.get("/portal/sitemap.xml")))
    assert index.tag == f"{SM}sitemapindex"
    parts = [s.findtext(f"{SM}loc") or "" for s in index.findall(f"{SM}sitemap")]
    assert parts and all("?page=" in p for p in parts)
    seen: list[str] = []
    for part in parts:
        urls = sitemap_urls(body(client.get(part.removeprefix("http://testserver"))))
        assert len(urls) <= 3
        seen += urls
    assert len(seen) == len(set(seen))
    decisions = {u for u in seen if u.rstrip("/").split("/")[-1].isdigit() and "/decisions/" in u}
    assert decisions == {f"http://testserver/portal/decisions/{d.pk}/" for d in rows}
    assert "http://testserver/portal/procedures/" in seen
    assert client.get(f"/portal/sitemap.xml?page={len(parts) + 1}").status_code == 404
    for bad in ("x", "0", "²", "9" * 5000):  # "²".isdigit() is True; int() of 5,000 digits refuses
        assert client.get("/portal/sitemap.xml", {"page": bad}).status_code == 404, bad


# --- feed ---------------------------------------------------------------------------------------------------
def test_feed_is_atom_newest_first_without_facts(client, published_disclosures):  # type: ignore[no-untyped-def]
    r = client.get("/portal/feed.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    published = sorted((d for d in published_disclosures if d.state == S.PUBLISHED),
                       key=lambda d: (d.published_at, d.pk), reverse=True)
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert links == [f"http://testserver/portal/decisions/{d.pk}/" for d in published]
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == published[0].title
    assert "对擅自占用城市道路经营的行政处罚；罚款人民币500.00元" in (first.findtext(f"{ATOM}summary") or "")
    text = r.content.decode()
    assert "摆摊" not in text and "91350100M000100Y43" not in text
    blue = ET.fromstring(client.get("/portal/feed.xml?bureau=蓝综执").content).findall(f"{ATOM}entry")
    assert len(blue) == 1


def test_feed_summary_is_escaped_html(client, org):  # type: ignore[no-untyped-def]
    """Atom1Feed marks the summary type="html": markup in a field is shown as text, not rendered."""
    make_disclosure(org.red, 1, penalty="<img src=x>罚款")
    root = ET.fromstring(client.get("/portal/feed.xml").content)
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    assert "&lt;img src=x&gt;罚款" in (summary.text or "")


def test_feed_names_natural_persons_only_as_surname_mou(client, world):  # type: ignore[no-untyped-def]
    case = decided(world, on=timezone.localdate() - dt.timedelta(days=3), facts="张三在人行道摆摊，电话13909511234")
    Disclosure.objects.filter(case=case).update(state=S.PUBLISHED, published_at=timezone.now())
    d = Disclosure.objects.get(case=case)
    assert d.party_name == "张某"
    text = client.get("/portal/feed.xml").content.decode()
    assert "张三" not in text and "13909511234" not in text and "摆摊" not in text
    assert f"/portal/decisions/{d.pk}/" in text
    sitemap = body(client.get("/portal/sitemap.xml"))
    assert "张" not in sitemap and f"/portal/decisions/{d.pk}/" in sitemap
    figures = client.get(f"/portal/figures/{case.decided_on.year}/").content.decode()
    assert "张三" not in figures and "张某" not in figures
    assert Case.objects.get(pk=case.pk).decision.kind == Decision.Kind.PENALTY


# --- robots.txt and methods ---------------------------------------------------------------------------------
def test_robots_txt(client, org):  # type: ignore[no-untyped-def]
    r = client.get("/robots.txt")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/plain")
    lines = r.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /portal/" in lines and "Allow: /verify/" in lines and "Disallow: /" in lines
    assert "Sitemap: http://testserver/portal/sitemap.xml" in lines


@pytest.mark.parametrize("path", ["/portal/procedures/", "/portal/remedies/", "/portal/figures/",
                                  "/portal/figures/2025/", "/portal/sitemap.xml", "/portal/feed.xml", "/robots.txt"])
def test_post_is_405_head_is_200(client, org, path):  # type: ignore[no-untyped-def]
    assert client.post(path).status_code == 405
    assert client.head(path).status_code == 200
