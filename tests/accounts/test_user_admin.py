"""Account administration: only administrators, only their bureau, every action audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.utils import timezone

from tests.conftest import PASSWORD, logged_in
from zhifa.accounts.models import User
from zhifa.accounts.roles import Role
from zhifa.audit.models import AuditEvent


def test_an_officer_cannot_open_account_administration(client, officer_a):
    assert logged_in(client, officer_a).get("/accounts/users/").status_code == 403


def test_the_administrator_creates_an_account_with_a_generated_password_shown_once(client, admin, org):
    response = logged_in(client, admin).post(
        "/accounts/users/new/",
        {"username": "newbie", "full_name": "新同志", "department": org.team_a.pk, "roles": [Role.OFFICER]},
    )
    assert response.status_code == 200
    password = response.context["password"]
    user = User.objects.get(username="newbie")
    assert user.bureau == org.red and user.role_codes == {Role.OFFICER}
    assert authenticate(username="newbie", password=password) is not None
    assert user.must_change_password
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_a_new_user_must_change_the_generated_password_first(client, officer_a):
    User.objects.filter(pk=officer_a.pk).update(must_change_password=True)
    client.post("/accounts/login/", {"username": "officer_a", "password": PASSWORD})
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    client.post("/accounts/password/", {"old_password": PASSWORD, "new_password": "Brand-New-Pass9",
                                        "new_password_again": "Brand-New-Pass9"})
    assert client.get("/").status_code == 200


def test_the_administrator_cannot_create_accounts_in_a_department_of_another_bureau(client, admin, org):
    response = logged_in(client, admin).post(
        "/accounts/users/new/",
        {"username": "spy", "full_name": "x", "department": org.blue_team.pk, "roles": [Role.OFFICER]},
    )
    assert "department" in response.context["form"].errors
    assert not User.objects.filter(username="spy").exists()


def test_unlock_by_the_administrator(client, admin, officer_a):
    User.objects.filter(pk=officer_a.pk).update(locked_until=timezone.now() + dt.timedelta(minutes=10))
    logged_in(client, admin).post(f"/accounts/users/{officer_a.pk}/unlock/")
    officer_a.refresh_from_db()
    assert officer_a.locked_until is None
    assert AuditEvent.objects.filter(action="user.unlock", actor_id=admin.pk).exists()


def test_an_administrator_of_another_bureau_gets_404_and_changes_nothing(client, blue_admin, officer_a):
    User.objects.filter(pk=officer_a.pk).update(locked_until=timezone.now() + dt.timedelta(minutes=10))
    response = logged_in(client, blue_admin).post(f"/accounts/users/{officer_a.pk}/password/")
    assert response.status_code == 404
    officer_a.refresh_from_db()
    assert officer_a.locked_until is not None
    assert authenticate(username="officer_a", password=PASSWORD) is not None


def test_nobody_changes_their_own_roles(client, admin):
    response = logged_in(client, admin).post(f"/accounts/users/{admin.pk}/roles/", {"roles": [Role.SUPERVISOR]})
    assert "不能修改自己的角色" in response.content.decode()
    admin.refresh_from_db()
    assert User.objects.get(pk=admin.pk).role_codes == {Role.ADMINISTRATOR}
