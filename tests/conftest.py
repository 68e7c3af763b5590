"""Personas shared by every test: two bureaus, departments, and one user per role.

Bureau 红 has teams A and B and a legal office; bureau 蓝 has one team. Tests read as sentences about these
people: `officer_a` cannot open `officer_b`'s record; the `supervisor` reads both bureaus, changes nothing.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client

from zhifa.accounts import services
from zhifa.accounts.models import Bureau, Department, User
from zhifa.accounts.roles import Role
from zhifa.workdays.calendar_cache import calendar_cache_clear


@pytest.fixture(autouse=True)
def _require_postgres_when_asked(request: pytest.FixtureRequest) -> None:
    """With ZHIFA_REQUIRE_POSTGRES=1 (the PostgreSQL run of `make test`), a test must not run on SQLite."""
    if os.environ.get("ZHIFA_REQUIRE_POSTGRES") and "django_db_setup" in request.fixturenames:
        assert connection.vendor == "postgresql", "DATABASE_URL 未指向 PostgreSQL"


_seed_migration = importlib.import_module("zhifa.workdays.migrations.0002_seed_calendar")


@pytest.fixture(autouse=True)
def _fresh_calendar(request: pytest.FixtureRequest) -> Iterator[None]:
    """A clean calendar cache for every test; the seeded calendar back after a transactional test flushed it."""
    calendar_cache_clear()
    if request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
        request.getfixturevalue("db")
        from django.apps import apps

        from zhifa.workdays.models import WorkCalendarYear

        if not WorkCalendarYear.objects.exists():
            _seed_migration.seed(apps, None)
    yield
    calendar_cache_clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """PBKDF2 is slow by design; tests that log in dozens of times use a fast hasher instead."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Org:
    red: Bureau
    blue: Bureau
    team_a: Department
    team_b: Department
    legal: Department
    blue_team: Department


@pytest.fixture
def org(db: None) -> Org:
    red = services.bureau_create(name="红山区综合行政执法局", short_name="红综执", actor=None)
    blue = services.bureau_create(name="蓝河区综合行政执法局", short_name="蓝综执", actor=None)
    return Org(
        red=red,
        blue=blue,
        team_a=services.department_create(bureau=red, name="第一中队", kind=Department.Kind.TEAM, actor=None),
        team_b=services.department_create(bureau=red, name="第二中队", kind=Department.Kind.TEAM, actor=None),
        legal=services.department_create(bureau=red, name="政策法规室", kind=Department.Kind.LEGAL_OFFICE, actor=None),
        blue_team=services.department_create(bureau=blue, name="第一中队", kind=Department.Kind.TEAM, actor=None),
    )


PASSWORD = "Test-Passw0rd!"


def make_user(username: str, roles: list[str], bureau: Bureau | None, department: Department | None = None) -> User:
    return services.user_create(
        username=username, password=PASSWORD, roles=roles, actor=None, full_name=username,
        bureau=bureau, department=department,
    )


@pytest.fixture
def officer_a(org: Org) -> User:
    return make_user("officer_a", [Role.OFFICER], org.red, org.team_a)


@pytest.fixture
def officer_b(org: Org) -> User:
    return make_user("officer_b", [Role.OFFICER], org.red, org.team_b)


@pytest.fixture
def team_leader_a(org: Org) -> User:
    return make_user("leader_a", [Role.TEAM_LEADER, Role.OFFICER], org.red, org.team_a)


@pytest.fixture
def reviewer(org: Org) -> User:
    return make_user("reviewer", [Role.LEGAL_REVIEWER], org.red, org.legal)


@pytest.fixture
def bureau_leader(org: Org) -> User:
    return make_user("chief", [Role.BUREAU_LEADER], org.red)


@pytest.fixture
def admin(org: Org) -> User:
    return make_user("admin_red", [Role.ADMINISTRATOR], org.red)


@pytest.fixture
def blue_admin(org: Org) -> User:
    return make_user("admin_blue", [Role.ADMINISTRATOR], org.blue)


@pytest.fixture
def auditor(org: Org) -> User:
    return make_user("auditor", [Role.AUDIT_ADMIN], org.red)


@pytest.fixture
def supervisor(org: Org) -> User:
    return make_user("supervisor", [Role.SUPERVISOR], None)


def logged_in(client: Client, user: User) -> Client:
    """Log in as the user, second factor already given (the login flow itself is tested on its own)."""
    client.force_login(user)
    session = client.session
    session["zhifa_2fa_ok"] = True
    session.save()
    return client
