"""One scoping mechanism, `for_user(user, action)`: who sees and changes what (the persona matrix).

A user of one department or bureau cannot read or change another's objects by URL, form or API.
"""

from __future__ import annotations

import pytest

from tests.conftest import logged_in
from zhifa.accounts import services
from zhifa.accounts.models import Bureau, Department, Officer, User
from zhifa.accounts.services import OfficerData


@pytest.fixture
def people(org):
    make = lambda name, dept, bureau: services.officer_create(  # noqa: E731
        bureau=bureau, actor=None, data=OfficerData(name=name, department=dept)
    )
    return {
        "a": make("甲", org.team_a, org.red),
        "b": make("乙", org.team_b, org.red),
        "legal": make("丙", org.legal, org.red),
        "blue": make("丁", org.blue_team, org.blue),
    }


def names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_an_officer_sees_only_the_people_of_their_own_department(officer_a, people):
    assert names(Officer.objects.for_user(officer_a, "view")) == {"甲"}
    assert not Officer.objects.for_user(officer_a, "change").exists()


def test_a_team_leader_changes_people_of_their_team_only(team_leader_a, people):
    assert names(Officer.objects.for_user(team_leader_a, "change")) == {"甲"}


def test_bureau_wide_roles_see_their_whole_bureau_and_nothing_of_another(reviewer, bureau_leader, admin, people):
    for user in (reviewer, bureau_leader, admin):
        assert names(Officer.objects.for_user(user, "view")) == {"甲", "乙", "丙"}
    assert not Officer.objects.for_user(reviewer, "change").exists()
    assert names(Officer.objects.for_user(admin, "change")) == {"甲", "乙", "丙"}


def test_the_supervisor_reads_every_bureau_and_changes_nothing(supervisor, people):
    assert names(Officer.objects.for_user(supervisor, "view")) == {"甲", "乙", "丙", "丁"}
    assert set(Bureau.objects.for_user(supervisor, "view").values_list("short_name", flat=True)) == {"红综执", "蓝综执"}
    assert not Officer.objects.for_user(supervisor, "change").exists()
    assert not Bureau.objects.for_user(supervisor, "change").exists()


def test_the_audit_administrator_sees_no_people_or_organisation(auditor, people):
    assert not Officer.objects.for_user(auditor, "view").exists()
    assert not Department.objects.for_user(auditor, "view").exists()
    assert not User.objects.for_user(auditor, "view").exists()


def test_department_subtrees_include_children(org, officer_a, admin):
    child = services.department_create(bureau=org.red, name="第一中队一组", kind="team", actor=admin, parent=org.team_a)
    assert child.path.startswith(org.team_a.path)
    assert set(Department.objects.for_user(officer_a, "view")) == {org.team_a, child}


def test_an_inactive_or_anonymous_user_sees_nothing(officer_a, people):
    from django.contrib.auth.models import AnonymousUser

    assert not Officer.objects.for_user(AnonymousUser(), "view").exists()  # type: ignore[arg-type]
    officer_a.is_active = False
    assert not Officer.objects.for_user(officer_a, "view").exists()


def test_the_org_page_shows_only_the_users_bureau(client, officer_a, org):
    page = logged_in(client, officer_a).get("/accounts/org/").content.decode()
    assert "红山区综合行政执法局" in page and "蓝河区综合行政执法局" not in page


def test_an_officer_cannot_create_departments_by_url(client, officer_a):
    response = logged_in(client, officer_a).post("/accounts/org/departments/new/", {"name": "x", "kind": "team"})
    assert response.status_code == 403
    assert not Department.objects.filter(name="x").exists()


def test_a_forged_parent_from_another_bureau_is_refused_and_nothing_is_written(client, admin, org):
    response = logged_in(client, admin).post(
        "/accounts/org/departments/new/", {"name": "新中队", "kind": "team", "parent": org.blue_team.pk}
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Department.objects.filter(name="新中队").exists()


def test_the_administrator_creates_a_department_and_it_is_audited(client, admin, org):
    from zhifa.audit.models import AuditEvent

    response = logged_in(client, admin).post("/accounts/org/departments/new/", {"name": "第六中队", "kind": "team"})
    assert response.status_code == 302
    created = Department.objects.get(name="第六中队")
    assert created.bureau == org.red
    assert AuditEvent.objects.filter(action="department.create", object_id=str(created.pk), actor_id=admin.pk).exists()


def test_a_denied_request_is_audited(client, officer_a):
    from zhifa.audit.models import AuditEvent

    logged_in(client, officer_a).get("/accounts/org/townships/new/")
    assert AuditEvent.objects.filter(action="access.denied", actor_id=officer_a.pk).exists()
