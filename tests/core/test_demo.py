"""`zhifa demo`: the demo bureau shaped like the one the platform is built for, idempotent, no fixed password."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from zhifa.accounts.models import Bureau, Certificate, Department, Officer, Township, User
from zhifa.accounts.roles import Role


def _run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_builds_the_bureau_with_42_certified_officers_and_one_account_per_role():
    output = _run_demo()
    bureau = Bureau.objects.get(is_demo=True)
    assert Department.objects.filter(bureau=bureau, kind=Department.Kind.TEAM).count() == 5
    assert Department.objects.filter(bureau=bureau, kind=Department.Kind.LEGAL_OFFICE).count() == 1
    assert Department.objects.filter(bureau=bureau, kind=Department.Kind.OFFICE).count() == 1
    assert Township.objects.filter(bureau=bureau).count() == 6
    today = timezone.localdate()
    certified = Officer.objects.filter(bureau=bureau, certificates__in=Certificate.objects.valid_on(today)).distinct()
    assert certified.count() == 42
    expiring = Certificate.objects.valid_on(today).filter(valid_to__lte=today + timezone.timedelta(days=31))
    assert 1 <= expiring.count() <= 5
    for role in Role.values:
        assert User.objects.with_role(role).exists(), role
    # Every printed password works, and no two runs print the same one.
    first = dict(re.findall(r"^\s+(\w+)\s+(\S+)\s", output, re.M))
    assert set(first) >= {"officer", "admin", "leader", "auditor", "supervisor"}
    assert authenticate(username="officer", password=first["officer"]) is not None
    second = dict(re.findall(r"^\s+(\w+)\s+(\S+)\s", _run_demo(), re.M))
    assert second["officer"] != first["officer"]
    assert authenticate(username="officer", password=first["officer"]) is None


@pytest.mark.django_db
def test_demo_is_idempotent():
    _run_demo()
    counts = (Bureau.objects.count(), Officer.objects.count(), Certificate.objects.count(), User.objects.count())
    _run_demo()
    assert counts == (Bureau.objects.count(), Officer.objects.count(), Certificate.objects.count(), User.objects.count())


@pytest.mark.django_db
def test_demo_identifiers_are_stored_sealed_and_shown_masked():
    _run_demo()
    officer = Officer.objects.exclude(id_number_hash="").first()
    assert officer is not None
    assert re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", officer.id_number_masked)
    assert officer.id_number_sealed.startswith("v1:")
