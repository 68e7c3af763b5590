"""事前公开 pages of the public portal: bureau and departments, officers and certificates, the catalog in force,
discretion standards, exemption lists, the random-inspection list. Anonymous, read-only, no personal data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_user
from zhifa.accounts import services as account_services
from zhifa.accounts.demo import demo_organisation_load
from zhifa.accounts.models import Certificate, Officer, Township
from zhifa.accounts.roles import Role
from zhifa.catalog import services as catalog_services
from zhifa.catalog.demo import demo_catalog_load
from zhifa.catalog.models import Category, Delegation, EnforcementMatter, Exemption, LegalBasis, MatterChange
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData, StepData
from zhifa.portal.demo import demo_disclosures_load
from zhifa.portal.models import InspectionListItem

pytestmark = pytest.mark.django_db

PAGES = {
    "/portal/about/": "机构和职能",
    "/portal/officers/": "执法人员",
    "/portal/matters/": "行政执法事项清单",
    "/portal/discretion/": "行政处罚裁量基准",
    "/portal/exemptions/": "免罚、轻罚清单",
    "/portal/inspections/": "随机抽查事项清单",
}
ID_NUMBER = "640104198503122314"
PHONE = "13995112345"
CHANGE = ChangeRecord(date=dt.date(2024, 1, 1), document_number="示编发〔2024〕1号")


def _h1(body: str) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", body, re.S)


def _count(body: str, test: str) -> int:
    return body.count(f'data-test="{test}"')


def _matter(bureau, code: str, name: str, category: str = Category.CITY_APPEARANCE, *,  # type: ignore[no-untyped-def]
            keywords: str = "", steps: bool = False) -> EnforcementMatter:
    matter = catalog_services.matter_create(
        bureau=bureau, actor=None, change=CHANGE,
        data=MatterData(
            code=code, name=name, category=category, keywords=keywords,
            violation_bases=[BasisData(law="城市市容和环境卫生管理条例", article="第十四条",
                                       text="任何单位和个人都不得在街道两侧和公共场地堆放物料。")],
            penalty_bases=[BasisData(law="城市市容和环境卫生管理条例", article="第三十六条", clause="第一项",
                                     text="由人民政府市容环境卫生行政主管部门责令其纠正违法行为。")],
            penalties=[PenaltyData(kind="warning"), PenaltyData(kind="fine", min_fen=5_000, max_fen=200_000)],
            penalty_summary="警告，可以并处罚款",
        ),
    )
    if steps:
        catalog_services.discretion_steps_set(matter=matter, actor=None, steps=[
            StepData(level="minor", facts="首次违法且及时改正", outcome="exempt", source="示范裁量基准"),
            StepData(level="general", facts="经责令改正拒不改正", outcome="fine", min_fen=5_000, max_fen=50_000,
                     source="示范裁量基准"),
            StepData(level="serious", facts="造成不良影响", outcome="fine", min_fen=50_000, max_fen=200_000,
                     source="示范裁量基准"),
        ])
    return matter


@pytest.fixture
def catalog(org):  # type: ignore[no-untyped-def]
    """Red: three matters in force (two with ladders, one delegated), one removed; blue: one matter."""
    parking = _matter(org.red, "330217001", "对擅自占用城市道路经营的行政处罚", keywords="占道经营 摆摊", steps=True)
    ads = _matter(org.red, "330217002", "对擅自设置户外广告的行政处罚", keywords="小广告")
    build = _matter(org.red, "330217003", "对未取得建设工程规划许可证进行建设的行政处罚", Category.PLANNING,
                    keywords="违建", steps=True)
    gone = _matter(org.red, "330217009", "对已取消事项甲的行政处罚", keywords="已取消")
    catalog_services.matter_remove(matter=gone, actor=None, change=ChangeRecord(
        date=dt.date(2024, 6, 1), document_number="示编发〔2024〕9号", reason="法律修改"))
    blue = _matter(org.blue, "330217001", "蓝河区对擅自占用城市道路经营的行政处罚")
    catalog_services.exemption_add(matter=parking, kind=Exemption.Kind.FIRST_VIOLATION, actor=None,
                                   conditions="首次在非主要道路占道经营，及时改正的", source="示范首违不罚清单")
    catalog_services.exemption_add(matter=build, kind=Exemption.Kind.NO_PENALTY, actor=None,
                                   conditions="临时搭建且当日自行拆除的", source="示范不予处罚清单")
    catalog_services.exemption_add(matter=gone, kind=Exemption.Kind.NO_PENALTY, actor=None,
                                   conditions="已取消事项的免罚条件", source="示范不予处罚清单")
    town = account_services.township_create(bureau=org.red, name="红山镇", actor=None)
    catalog_services.delegation_create(
        bureau=org.red, number="示政发〔2024〕3号", title="关于向乡镇下放部分行政执法事项的决定",
        date=dt.date(2024, 3, 1), townships=[town], matters=[ads], actor=None)
    return {"parking": parking, "ads": ads, "build": build, "gone": gone, "blue": blue, "town": town}


@pytest.fixture
def staff(org):  # type: ignore[no-untyped-def]
    """Officers of red with certificates in each status; one officer with ID number, phone and a login."""
    user = make_user("wang_login_7731", [Role.OFFICER], org.red, org.team_a)
    officer = account_services.officer_create(bureau=org.red, actor=None, data=account_services.OfficerData(
        name="王建国", department=org.team_a, id_number=ID_NUMBER, phone=PHONE, position="中队长"))
    Officer.objects.filter(pk=officer.pk).update(user=user)
    officer.refresh_from_db()
    rows = [("李红梅", org.team_a, "64030000101", {}),
            ("张过期", org.team_b, "64030000102", {"valid_to": dt.date(2024, 6, 1)}),
            ("赵吊销", org.team_b, "64030000103", {"status": Certificate.Status.REVOKED}),
            ("孙暂扣", org.legal, "64030000104", {"status": Certificate.Status.SUSPENDED})]
    people = {"王建国": officer}
    for name, department, number, extra in rows:
        people[name] = account_services.officer_create(bureau=org.red, actor=None, data=account_services.OfficerData(
            name=name, department=department))
        values = {"valid_from": dt.date(2023, 1, 1), "valid_to": dt.date(2099, 1, 1), **extra}
        Certificate.objects.create(officer=people[name], number=number, issuing_authority="示范省人民政府",
                                   scope="红山区 · 综合行政执法", **values)
    Certificate.objects.create(officer=officer, number="64030000100", issuing_authority="示范省人民政府",
                               scope="红山区 · 城市管理", valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2099, 1, 1))
    # Not listed: an assistant, an officer who left, an officer without a certificate, another bureau's officer.
    account_services.officer_create(bureau=org.red, actor=None, data=account_services.OfficerData(
        name="协管员甲", kind=Officer.Kind.ASSISTANT, department=org.team_a))
    left = account_services.officer_create(bureau=org.red, actor=None, data=account_services.OfficerData(
        name="离职乙", department=org.team_a, is_active=False))
    Certificate.objects.create(officer=left, number="64030000199", issuing_authority="示范省人民政府",
                               valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2099, 1, 1))
    account_services.officer_create(bureau=org.red, actor=None, data=account_services.OfficerData(name="无证丙"))
    blue = account_services.officer_create(bureau=org.blue, actor=None, data=account_services.OfficerData(
        name="蓝河丁", department=org.blue_team))
    Certificate.objects.create(officer=blue, number="65030000001", issuing_authority="示范省人民政府",
                               valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2099, 1, 1))
    return people


# --- every page ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "title"), list(PAGES.items()))
def test_pages_anonymous_chinese_h1(client: Client, org, catalog, url: str, title: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get(url)
    assert r.status_code == 200
    body = r.content.decode()
    assert _h1(body) == [title]
    assert "public" in r["Cache-Control"] and "max-age=300" in r["Cache-Control"]
    assert 'style="' not in body and "<script>" not in body
    assert "/staff/" not in body and "/admin" not in body and "login" not in body
    assert "portal/before.css" in body


@pytest.mark.parametrize("url", [*PAGES, "/portal/matters/{pk}/"])
def test_pages_refuse_post(client: Client, org, catalog, url: str) -> None:  # type: ignore[no-untyped-def]
    url = url.format(pk=catalog["parking"].pk)
    assert client.post(url).status_code == 405
    assert client.put(url).status_code == 405
    assert client.head(url).status_code == 200


def test_unknown_bureau_is_404_on_every_list(client: Client, org) -> None:  # type: ignore[no-untyped-def]
    for url in PAGES:
        assert client.get(url, {"bureau": "unknown"}).status_code == 404, url
        assert client.get(url, {"bureau": "蓝综执"}).status_code == 200, url


def test_pages_without_any_bureau_are_404(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    for url in PAGES:
        assert client.get(url).status_code == 404


# --- matters ------------------------------------------------------------------------------------------------
def test_matters_lists_only_in_force_of_the_bureau(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/portal/matters/").content.decode()
    assert _count(body, "matter") == 3
    assert "对擅自占用城市道路经营的行政处罚" in body and "330217002" in body
    assert "已取消事项甲" not in body and "蓝河区" not in body
    assert "已下放乡镇（街道）" in body  # the advertising matter is delegated
    blue = client.get("/portal/matters/", {"bureau": "蓝综执"}).content.decode()
    assert _count(blue, "matter") == 1 and "蓝河区对擅自占用" in blue


def test_matters_category_filter_and_search(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    planning = client.get("/portal/matters/", {"category": Category.PLANNING}).content.decode()
    assert _count(planning, "matter") == 1 and "规划许可证" in planning
    assert 'value="城乡规划" selected' in planning
    for q, expected in (("占道", "330217001"), ("小广告", "330217002"), ("330217003", "330217003"),
                        ("违建", "330217003")):
        body = client.get("/portal/matters/", {"q": q}).content.decode()
        assert _count(body, "matter") == 1 and expected in body, q
    assert _count(client.get("/portal/matters/", {"q": "已取消"}).content.decode(), "matter") == 0
    nothing = client.get("/portal/matters/", {"q": "占道", "category": Category.PLANNING}).content.decode()
    assert _count(nothing, "matter") == 0 and "没有找到符合条件的执法事项" in nothing
    # An unknown category is ignored rather than an error.
    assert _count(client.get("/portal/matters/", {"category": "不存在"}).content.decode(), "matter") == 3


def test_matters_paged_by_fifty(client: Client, org) -> None:  # type: ignore[no-untyped-def]
    matters = EnforcementMatter.objects.bulk_create([
        EnforcementMatter(bureau=org.red, code=f"X{n:04d}", name=f"对第{n}类违法行为的行政处罚",
                          category=Category.OTHER, search_text=f"x{n:04d}")
        for n in range(1, 121)
    ])
    MatterChange.objects.bulk_create([MatterChange(matter=m, date=CHANGE.date, event=MatterChange.Event.ADD)
                                      for m in matters])  # on the list from that day (matters_as_of)
    first = client.get("/portal/matters/").content.decode()
    assert _count(first, "matter") == 50 and 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/portal/matters/", {"page": 3, "category": Category.OTHER}).content.decode()
    assert _count(last, "matter") == 20 and 'rel="prev"' in last and 'rel="next"' not in last
    assert "category=%E5%85%B6%E4%BB%96&amp;page=2" in last  # the pager keeps the filter
    assert _count(client.get("/portal/matters/", {"page": "zz"}).content.decode(), "matter") == 50


def test_matter_page_shows_bases_penalties_ladder_exemption_delegation(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    body = client.get(f"/portal/matters/{catalog['parking'].pk}/").content.decode()
    assert _h1(body) == ["对擅自占用城市道路经营的行政处罚"]
    assert _count(body, "basis") == 2
    assert "《城市市容和环境卫生管理条例》第十四条" in body and "《城市市容和环境卫生管理条例》第三十六条第一项" in body
    assert "任何单位和个人都不得在街道两侧" in body and "违法依据" in body and "处罚依据" in body
    assert _count(body, "penalty") == 2 and "罚款50元至2000元" in body  # fen shown as yuan
    assert _count(body, "step") == 3 and "罚款500元至2000元" in body and "不予处罚" in body
    assert _count(body, "exemption") == 1 and "首违不罚" in body
    delegated = client.get(f"/portal/matters/{catalog['ads'].pk}/").content.decode()
    assert _count(delegated, "delegation") == 1 and "红山镇" in delegated and "示政发〔2024〕3号" in delegated
    # Another bureau's matter in force has its page too: the id names it.
    assert client.get(f"/portal/matters/{catalog['blue'].pk}/").status_code == 200


def test_removed_matter_not_listed_anywhere_and_its_page_404(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    gone = catalog["gone"]
    assert client.get(f"/portal/matters/{gone.pk}/").status_code == 404
    assert client.get("/portal/matters/999999/").status_code == 404
    for url in PAGES:
        assert "已取消事项" not in client.get(url).content.decode(), url


def test_a_change_dated_in_the_future_is_not_yet_in_effect_on_the_portal(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    """The catalog's rule (matters_as_of): a matter added from next month is not listed yet; one removed from
    next month is still listed, with its page."""
    next_month = timezone.localdate() + dt.timedelta(days=31)
    coming = catalog_services.matter_create(bureau=org.red, actor=None, change=ChangeRecord(
        date=next_month, document_number="示编发〔2026〕9号"), data=MatterData(
            code="SR-9", name="对将来新增事项的行政处罚", category=Category.CITY_APPEARANCE,
            penalty_bases=[BasisData(law="城市市容和环境卫生管理条例", article="第三十六条")]))
    leaving = catalog["ads"]
    catalog_services.matter_remove(matter=leaving, actor=None, change=ChangeRecord(
        date=next_month, document_number="示编发〔2026〕10号"))
    listed = client.get("/portal/matters/").content.decode()
    assert coming.name not in listed and leaving.name in listed
    assert client.get(f"/portal/matters/{coming.pk}/").status_code == 404
    assert client.get(f"/portal/matters/{leaving.pk}/").status_code == 200


def test_revoked_delegation_not_shown(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    Delegation.objects.filter(bureau=org.red).update(revoked_on=dt.date(2024, 9, 1))
    assert "已下放乡镇（街道）" not in client.get("/portal/matters/").content.decode()
    page = client.get(f"/portal/matters/{catalog['ads'].pk}/").content.decode()
    assert _count(page, "delegation") == 0
    about = client.get("/portal/about/").content.decode()
    assert _count(about, "delegation") == 0 and 'data-test="no-delegation"' in about


# --- discretion, exemptions, inspections --------------------------------------------------------------------
def test_discretion_grouped_by_matter_with_category_filter(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/portal/discretion/").content.decode()
    assert _count(body, "discretion-matter") == 2 and _count(body, "step") == 6
    assert body.index("轻微") < body.index("一般") < body.index("较重")
    assert "罚款50元至500元" in body and "示范裁量基准" in body
    planning = client.get("/portal/discretion/", {"category": Category.PLANNING}).content.decode()
    assert _count(planning, "discretion-matter") == 1 and "规划许可证" in planning
    searched = client.get("/portal/discretion/", {"q": "占道"}).content.decode()
    assert _count(searched, "discretion-matter") == 1 and "330217001" in searched


def test_exemptions_grouped_by_list_in_force_only(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/portal/exemptions/").content.decode()
    assert _count(body, "exemption") == 2
    assert "首违不罚" in body and "轻微违法不予处罚" in body and "临时搭建且当日自行拆除的" in body
    assert "已取消事项的免罚条件" not in body
    city = client.get("/portal/exemptions/", {"category": Category.CITY_APPEARANCE}).content.decode()
    assert _count(city, "exemption") == 1 and "首次在非主要道路占道经营" in city


def test_inspections_of_the_bureau_with_filter(client: Client, org) -> None:  # type: ignore[no-untyped-def]
    for n, (name, category) in enumerate((("户外广告设施设置情况检查", "市容环境卫生"),
                                          ("建筑工地扬尘防治检查", "环境保护"), ("餐饮油烟排放检查", "环境保护"))):
        InspectionListItem.objects.create(bureau=org.red, name=name, category=category, subject="相关单位",
                                          basis="《某条例》第十条", ratio="每年不低于5%", department="第一中队",
                                          sort=n)
    InspectionListItem.objects.create(bureau=org.blue, name="蓝河区检查", subject="对象", basis="依据")
    body = client.get("/portal/inspections/").content.decode()
    assert _count(body, "inspection") == 3 and "蓝河区检查" not in body
    assert body.index("户外广告") < body.index("扬尘") < body.index("油烟")
    assert "每年不低于5%" in body and "现场检查" in body and "第一中队" in body
    assert _count(client.get("/portal/inspections/", {"category": "环境保护"}).content.decode(), "inspection") == 2


# --- about ---------------------------------------------------------------------------------------------------
def test_about_shows_bureau_departments_townships_delegations(client: Client, org, catalog) -> None:  # type: ignore[no-untyped-def]
    org.team_a.functions = "负责第一片区的市容巡查和行政处罚。"
    org.team_a.save(update_fields=["functions"])
    account_services.department_create(bureau=org.red, name="第一分队", kind="team", parent=org.team_a, actor=None)
    body = client.get("/portal/about/").content.decode()
    assert "红山区综合行政执法局" in body and "蓝河区" not in body
    assert _count(body, "department") == 4
    assert body.index("第一中队") < body.index("第一分队") < body.index("第二中队")
    assert "负责第一片区的市容巡查和行政处罚。" in body and "法制机构" in body
    assert _count(body, "township") == 1 and "红山镇" in body
    assert _count(body, "delegation") == 1 and "对擅自设置户外广告的行政处罚" in body
    assert Township.objects.filter(bureau=org.red).count() == 1


# --- officers ------------------------------------------------------------------------------------------------
def test_officers_show_certificates_and_status_never_personal_data(client: Client, org, staff) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/portal/officers/")
    body = r.content.decode()
    assert _count(body, "officer") == 5 and _count(body, "certificate") == 5
    for number in ("64030000100", "64030000101", "64030000102", "64030000103", "64030000104"):
        assert number in body
    assert 'data-status="valid"' in body and 'data-status="expired"' in body
    assert 'data-status="revoked"' in body and 'data-status="suspended"' in body
    for status, label in (("valid", "有效"), ("expired", "过期"), ("revoked", "吊销"), ("suspended", "暂扣")):
        assert f'data-status="{status}">{label}</span>' in body  # the same words as the certificate check
    assert "示范省人民政府" in body and "红山区 · 城市管理" in body and "2099-01-01" in body
    assert "/portal/certificates/" in body
    # Grouped by department, in tree order.
    assert body.index("第一中队") < body.index("第二中队") < body.index("政策法规室")
    # Not listed: assistants, officers who left, officers without a certificate, other bureaus.
    for name in ("协管员甲", "离职乙", "无证丙", "蓝河丁", "64030000199"):
        assert name not in body
    officer = staff["王建国"]
    assert officer.id_number_masked and officer.phone_masked and officer.user_id
    for secret in (ID_NUMBER, PHONE, officer.id_number_masked, officer.phone_masked, officer.id_number_sealed[:16],
                   "wang_login_7731", "中队长", ID_NUMBER[-4:] + "<", "身份证", "联系电话"):
        assert secret not in body, secret


def test_officer_search_by_name_or_certificate_number(client: Client, org, staff) -> None:  # type: ignore[no-untyped-def]
    by_name = client.get("/portal/officers/", {"q": "李红"}).content.decode()
    assert _count(by_name, "officer") == 1 and "64030000101" in by_name
    by_number = client.get("/portal/officers/", {"q": "64030000103"}).content.decode()
    assert _count(by_number, "officer") == 1 and "赵吊销" in by_number
    partial = client.get("/portal/officers/", {"q": "6403000010"}).content.decode()
    assert _count(partial, "officer") == 5
    none = client.get("/portal/officers/", {"q": "不存在的人"}).content.decode()
    assert _count(none, "officer") == 0 and "没有找到符合条件的执法人员" in none
    assert _count(client.get("/portal/officers/", {"q": ID_NUMBER}).content.decode(), "officer") == 0


# --- query counts -------------------------------------------------------------------------------------------
def _more_rows(org, catalog) -> None:  # type: ignore[no-untyped-def]
    for n in range(10):
        m = _matter(org.red, f"44{n:07d}", f"对第{n}种违法行为的行政处罚", steps=True)
        catalog_services.exemption_add(matter=m, kind=Exemption.Kind.NO_PENALTY, actor=None,
                                       conditions=f"条件{n}", source="示范清单")
        officer = account_services.officer_create(bureau=org.red, actor=None, data=account_services.OfficerData(
            name=f"人员{n}", department=org.team_b if n % 2 else org.team_a))
        Certificate.objects.create(officer=officer, number=f"6403999{n:04d}", issuing_authority="示范省人民政府",
                                   valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2099, 1, 1))
        InspectionListItem.objects.create(bureau=org.red, name=f"检查{n}", subject="对象", basis="依据")
        account_services.department_create(bureau=org.red, name=f"分队{n}", kind="team", parent=org.team_b,
                                           actor=None)
    catalog_services.delegation_create(
        bureau=org.red, number="示政发〔2024〕4号", title="第二批下放决定", date=dt.date(2024, 5, 1),
        townships=[catalog["town"]], matters=list(EnforcementMatter.objects.filter(bureau=org.red)[:8]), actor=None)


@pytest.mark.parametrize(("url", "limit"), [("/portal/about/", 6), ("/portal/officers/", 4),
                                            ("/portal/matters/?q=行政处罚&category=市容环境卫生", 3),
                                            ("/portal/discretion/", 3), ("/portal/exemptions/", 2),
                                            ("/portal/inspections/", 3), ("/portal/matters/{pk}/", 7)])
def test_query_counts_do_not_grow_with_rows(client: Client, org, staff, catalog, url: str, limit: int,  # type: ignore[no-untyped-def]
                                            django_assert_max_num_queries) -> None:
    url = url.format(pk=catalog["ads"].pk)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    _more_rows(org, catalog)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


# --- the demo ------------------------------------------------------------------------------------------------
def test_demo_before_pages(client: Client, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    bureau, _ = demo_organisation_load()
    demo_catalog_load(bureau=bureau)
    demo_disclosures_load(bureau=bureau)
    in_force = EnforcementMatter.objects.filter(bureau=bureau, status=EnforcementMatter.Status.IN_FORCE)
    removed = EnforcementMatter.objects.filter(bureau=bureau, status=EnforcementMatter.Status.REMOVED).first()
    assert in_force.count() > 0
    body = client.get("/portal/matters/").content.decode()
    assert _count(body, "matter") == min(50, in_force.count())
    assert f"共 {in_force.count()} 项" in body
    first = in_force.order_by("category", "code").first()
    assert first is not None and first.name in body
    if removed is not None:
        assert client.get(f"/portal/matters/{removed.pk}/").status_code == 404
    with_bases = in_force.filter(bases__isnull=False).distinct().first()
    assert with_bases is not None
    page = client.get(f"/portal/matters/{with_bases.pk}/").content.decode()
    basis = LegalBasis.objects.filter(matter=with_bases).first()
    assert basis is not None and _count(page, "basis") == with_bases.bases.count() and basis.law in page
    officers = client.get("/portal/officers/").content.decode()
    assert _count(officers, "officer") == 42
    for officer in Officer.objects.filter(bureau=bureau).exclude(phone_masked=""):
        assert officer.phone_masked not in officers and officer.id_number_masked not in officers
    assert _count(client.get("/portal/inspections/").content.decode(), "inspection") == 8
    assert _count(client.get("/portal/discretion/").content.decode(), "discretion-matter") > 0
    assert _count(client.get("/portal/exemptions/").content.decode(), "exemption") > 0
    about = client.get("/portal/about/").content.decode()
    assert "政策法规室" in about and "负责法制审核" in about and _count(about, "township") > 0
