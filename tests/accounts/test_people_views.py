"""The people screens: list, detail, reveal, forms, export, and IDOR by URL and by form."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.test_people_world import (
    Staff,
    days,
    id_number,
    person,
    staff_build,
    xlsx_rows,
)
from tests.conftest import logged_in
from zhifa.accounts.models import Certificate, Officer
from zhifa.audit.models import AuditEvent


@pytest.fixture
def staff(org) -> Staff:
    return staff_build(org)


@pytest.fixture
def as_admin(client: Client, admin) -> Client:
    return logged_in(client, admin)


@pytest.fixture
def as_leader_a(client: Client, team_leader_a) -> Client:
    return logged_in(client, team_leader_a)


@pytest.fixture
def as_officer_a(client: Client, officer_a) -> Client:
    return logged_in(client, officer_a)


def officer_post(org, **overrides) -> dict[str, str]:
    data = {
        "name": "新同志", "kind": "officer", "department": str(org.team_a.pk), "township": "", "position": "执法队员",
        "id_number": id_number(90), "phone": "13900000090", "training_hours": "12", "is_active": "on",
    }
    data.update(overrides)
    return data


def certificate_post(**overrides) -> dict[str, str]:
    data = {
        "number": "RED-9000", "issuing_authority": "红山区人民政府", "scope": "红山区",
        "valid_from": "2024-01-01", "valid_to": "2027-12-31", "status": "valid",
    }
    data.update(overrides)
    return data


# --- list ------------------------------------------------------------------------------------------------
def test_the_list_shows_the_columns_the_rate_and_the_bureau_people(as_admin, staff):
    page = as_admin.get(reverse("people:list")).content.decode()
    for header in ("姓名", "类别", "机构", "职务", "执法证号", "有效期至", "状态", "法律职业资格", "培训学时"):
        assert f"<th>{header}</th>" in page or f'">{header}</th>' in page
    assert "持证率 37.5%" in page
    assert "张一" in page and "RED-0001" in page
    assert "吴十" not in page  # the other bureau


def test_the_list_marks_certificates_expired_or_ending_within_30_days_red(as_admin, staff):
    page = as_admin.get(reverse("people:list")).content.decode()
    red_dates = set(re.findall(r'<span class="zf-overdue">([\d-]+)</span>', page))
    assert red_dates == {days(10).isoformat(), days(-5).isoformat(), days(-100).isoformat()}  # 张二, 李三, 赵六


def test_the_list_filters_by_query_string(as_admin, org, staff):
    page = as_admin.get(reverse("people:list"), {"certificate_status": "suspended"}).content.decode()
    assert "王四" in page and "张一" not in page
    page = as_admin.get(reverse("people:list"), {"expiring": "on"}).content.decode()
    assert "张二" in page and "张一" not in page
    page = as_admin.get(reverse("people:list"), {"q": "RED-0007"}).content.decode()
    assert "王六" in page and "王四" not in page


def test_a_forged_department_filter_is_ignored_not_obeyed(as_leader_a, org, staff):
    response = as_leader_a.get(reverse("people:list"), {"department": org.team_b.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "王四" not in page and "张一" in page


def test_change_buttons_show_only_to_those_who_may_change(client, admin, officer_a, staff):
    logged_in(client, officer_a)
    page = client.get(reverse("people:list")).content.decode()
    assert "新增人员" not in page and "Excel 导入" not in page
    logged_in(client, admin)
    page = client.get(reverse("people:list")).content.decode()
    assert "新增人员" in page and "Excel 导入" in page


def test_the_list_paginates_by_50(as_admin, org):
    for seq in range(55):
        person(org.red, org.team_a, f"队员{seq:02d}", seq=100 + seq)
    first = as_admin.get(reverse("people:list")).content.decode()
    second = as_admin.get(reverse("people:list"), {"page": 2}).content.decode()
    assert first.count('href="/people/') - second.count('href="/people/') > 0
    assert "共 55 人" in first and "第 2/2 页" in second
    assert len(re.findall(r'href="/people/\d+/"', second)) == 5


def test_the_list_query_count_does_not_grow_with_the_people(as_admin, org, django_assert_max_num_queries):
    for seq in range(40):
        person(org.red, org.team_a, f"队员{seq:02d}", seq=200 + seq,
               certificates=((f"RED-Q{seq:03d}", days(-10), days(100), Certificate.Status.VALID),))
    # Session, user, roles, count, page, certificates, departments of the filter, the rate's two counts,
    # may-change check: a fixed number whatever the page holds.
    with django_assert_max_num_queries(14):
        response = as_admin.get(reverse("people:list"))
    assert response.status_code == 200
    assert response.content.decode().count("RED-Q") == 40


def test_an_anonymous_visitor_is_sent_to_the_login(client, staff):
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- detail and IDOR -------------------------------------------------------------------------------------------
def test_the_detail_shows_masked_identifiers_and_the_certificates(as_admin, staff):
    officer = staff["张一"]
    page = as_admin.get(reverse("people:detail", args=[officer.pk])).content.decode()
    assert officer.id_number_masked in page and id_number(1) not in page
    assert "138****0001" in page and "13800000001" not in page
    assert "RED-0001" in page and "查看完整证件号" in page


def test_a_team_leader_gets_404_for_people_of_another_team_or_bureau(as_leader_a, staff):
    for name in ("王四", "吴十"):
        officer = staff[name]
        certificate = officer.certificates.first()
        assert as_leader_a.get(reverse("people:detail", args=[officer.pk])).status_code == 404
        assert as_leader_a.get(reverse("people:edit", args=[officer.pk])).status_code == 404
        edit = {"name": "改名", "kind": "officer", "training_hours": "0"}
        assert as_leader_a.post(reverse("people:edit", args=[officer.pk]), edit).status_code == 404
        assert as_leader_a.get(reverse("people:certificate_new", args=[officer.pk])).status_code == 404
        assert as_leader_a.get(reverse("people:certificate_edit", args=[certificate.pk])).status_code == 404
        assert as_leader_a.post(reverse("people:certificate_edit", args=[certificate.pk]),
                                certificate_post(number=certificate.number, status="revoked")).status_code == 404
    assert Officer.objects.get(pk=staff["王四"].pk).name == "王四"
    assert Certificate.objects.get(number="RED-0006").status == Certificate.Status.SUSPENDED
    assert Certificate.objects.get(number="BLUE-0001").status == Certificate.Status.VALID


def test_an_administrator_of_another_bureau_gets_404(client, blue_admin, staff):
    logged_in(client, blue_admin)
    officer = staff["张一"]
    assert client.get(reverse("people:detail", args=[officer.pk])).status_code == 404
    assert client.get(reverse("people:edit", args=[officer.pk])).status_code == 404
    assert client.post(reverse("people:reveal", args=[officer.pk]), {"field": "id_number"}).status_code == 404


def test_a_foreign_department_in_the_form_is_a_form_error_and_changes_nothing(as_leader_a, org, staff):
    officer = staff["张一"]
    for department in (org.team_b, org.blue_team):
        response = as_leader_a.post(
            reverse("people:edit", args=[officer.pk]),
            officer_post(org, name="张一改", department=str(department.pk), id_number=""),
        )
        assert response.status_code == 200
        assert "department" in response.context["form"].errors
    officer.refresh_from_db()
    assert (officer.name, officer.department_id) == ("张一", org.team_a.pk)
    before = Officer.objects.count()
    response = as_leader_a.post(reverse("people:new"), officer_post(org, department=str(org.blue_team.pk)))
    assert "department" in response.context["form"].errors
    assert Officer.objects.count() == before


def test_a_plain_officer_gets_403_on_new_import_and_edit_of_a_visible_person(as_officer_a, staff):
    assert as_officer_a.get(reverse("people:new")).status_code == 403
    assert as_officer_a.get(reverse("people:import")).status_code == 403
    assert as_officer_a.get(reverse("people:import_template")).status_code == 403
    assert as_officer_a.get(reverse("people:edit", args=[staff["张一"].pk])).status_code == 403
    # …but a person outside even the view scope stays a 404: no existence leak.
    assert as_officer_a.get(reverse("people:edit", args=[staff["王四"].pk])).status_code == 404


# --- forms -----------------------------------------------------------------------------------------------------
def test_an_administrator_adds_a_person_through_the_service(as_admin, org):
    response = as_admin.post(reverse("people:new"), officer_post(org))
    officer = Officer.objects.get(name="新同志")
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[officer.pk])
    assert officer.bureau_id == org.red.pk and officer.id_number_masked == id_number(90)[:6] + "********" + id_number(
        90
    )[-4:]
    assert AuditEvent.objects.filter(action="officer.create", object_id=str(officer.pk)).exists()


def test_a_service_error_becomes_a_form_error(as_admin, org, staff):
    response = as_admin.post(reverse("people:new"), officer_post(org, id_number=id_number(1)))
    assert "本局已有使用该身份证号的人员" in response.context["form"].errors["id_number"][0]
    bad = id_number(91)[:-1] + ("0" if id_number(91)[-1] != "0" else "1")
    response = as_admin.post(reverse("people:new"), officer_post(org, id_number=bad))
    assert "校验位" in response.context["form"].errors["id_number"][0]


def test_a_team_leader_must_place_a_new_person_in_the_team(as_leader_a, org):
    response = as_leader_a.post(reverse("people:new"), officer_post(org, department=""))
    assert "department" in response.context["form"].errors
    response = as_leader_a.post(reverse("people:new"), officer_post(org, department=str(org.team_a.pk)))
    assert response.status_code == 302


def test_editing_without_identifiers_keeps_the_stored_ones(as_leader_a, org, staff):
    officer = staff["张一"]
    response = as_leader_a.post(
        reverse("people:edit", args=[officer.pk]),
        officer_post(org, name="张一", position="副中队长", id_number="", phone="", training_hours="40"),
    )
    assert response.status_code == 302
    stored = Officer.objects.get(pk=officer.pk)
    assert stored.position == "副中队长" and str(stored.training_hours) == "40.0"
    assert (stored.id_number_hash, stored.phone_hash) == (officer.id_number_hash, officer.phone_hash)


def test_the_edit_form_never_holds_the_full_identifier(as_admin, staff):
    page = as_admin.get(reverse("people:edit", args=[staff["张一"].pk])).content.decode()
    assert id_number(1) not in page and staff["张一"].id_number_masked in page


def test_adding_and_editing_a_certificate(as_leader_a, staff):
    officer = staff["李三"]  # in 一分队, below the leader's team
    response = as_leader_a.post(reverse("people:certificate_new", args=[officer.pk]), certificate_post())
    assert response.status_code == 302
    certificate = Certificate.objects.get(number="RED-9000")
    assert certificate.officer_id == officer.pk
    response = as_leader_a.post(
        reverse("people:certificate_edit", args=[certificate.pk]),
        certificate_post(valid_from="2024/01/01", valid_to="2024年06月30日", status="expired"),
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.valid_to.isoformat(), certificate.status) == ("2024-06-30", "expired")


def test_certificate_form_reports_the_services_rules(as_admin, staff):
    officer = staff["张一"]
    response = as_admin.post(reverse("people:certificate_new", args=[officer.pk]),
                             certificate_post(valid_from="2025-01-01", valid_to="2024-01-01"))
    assert "早于有效期自" in response.context["form"].errors["valid_to"][0]
    response = as_admin.post(reverse("people:certificate_new", args=[officer.pk]), certificate_post(number="BLUE-0001"))
    assert "已登记在其他人员名下" in response.context["form"].errors["number"][0]
    response = as_admin.post(reverse("people:certificate_new", args=[staff["孙八"].pk]), certificate_post())
    assert "协管员不能持有行政执法证" in response.context["form"].errors["number"][0]
    assert not Certificate.objects.filter(number="RED-9000").exists()


# --- reveal ----------------------------------------------------------------------------------------------------
def test_an_administrator_reveals_the_full_id_number_once_and_it_is_audited(as_admin, admin, staff):
    officer = staff["张一"]
    response = as_admin.post(reverse("people:reveal", args=[officer.pk]), {"field": "id_number"})
    assert response.status_code == 200
    assert id_number(1) in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="personal_data.view", object_id=str(officer.pk))
    assert event.actor_id == admin.pk and event.after == {"field": "id_number"}
    # The next plain view shows the masked value again.
    assert id_number(1) not in as_admin.get(reverse("people:detail", args=[officer.pk])).content.decode()


def test_an_officer_cannot_reveal_and_the_refusal_is_audited(as_officer_a, officer_a, staff):
    officer = staff["张一"]
    page = as_officer_a.get(reverse("people:detail", args=[officer.pk])).content.decode()
    assert "查看完整证件号" not in page
    response = as_officer_a.post(reverse("people:reveal", args=[officer.pk]), {"field": "id_number"})
    assert response.status_code == 403
    assert id_number(1) not in response.content.decode()
    assert AuditEvent.objects.filter(action="access.denied", actor_id=officer_a.pk).exists()
    assert not AuditEvent.objects.filter(action="personal_data.view").exists()


def test_reveal_needs_post_and_a_known_field(as_admin, staff):
    officer = staff["张一"]
    assert as_admin.get(reverse("people:reveal", args=[officer.pk])).status_code == 405
    assert as_admin.post(reverse("people:reveal", args=[officer.pk]), {"field": "id_number_sealed"}).status_code == 400


# --- export ----------------------------------------------------------------------------------------------------
def test_the_export_is_scoped_and_holds_no_unmasked_identifier(as_leader_a, team_leader_a, staff):
    response = as_leader_a.get(reverse("people:export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response.content)
    text = "\n".join(" ".join(str(v) for v in row if v is not None) for row in rows)
    assert {row[1] for row in rows[1:]} == {"张一", "张二", "郑五", "孙八", "李三"}
    for seq in range(1, 12):
        assert id_number(seq) not in text
    assert "13800000001" not in text and staff["张一"].id_number_masked in text
    assert AuditEvent.objects.filter(action="people.export", actor_id=team_leader_a.pk).exists()


def test_the_export_follows_the_list_filters(as_admin, staff):
    rows = xlsx_rows(as_admin.get(reverse("people:export"), {"certificate_status": "revoked"}).content)
    assert [row[1] for row in rows[1:]] == ["王六"]


def test_text_that_looks_like_a_formula_is_exported_as_text(as_admin, org):
    person(org.red, org.team_a, "=HYPERLINK(\"http://x\")", seq=300)
    sheet = load_workbook(io.BytesIO(as_admin.get(reverse("people:export")).content)).worksheets[0]
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_supervisor_reads_the_list_of_every_bureau_and_cannot_change(client, supervisor, staff):
    logged_in(client, supervisor)
    page = client.get(reverse("people:list")).content.decode()
    assert "吴十" in page and "张一" in page and "新增人员" not in page
    assert "蓝综执 · 第一中队" in page  # same-named units of two bureaus told apart in the filter
    assert client.get(reverse("people:edit", args=[staff["吴十"].pk])).status_code == 403
