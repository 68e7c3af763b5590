"""The operator commands behind `zhifa`: createadmin prints a generated password that works."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from zhifa.accounts.models import Bureau, User
from zhifa.accounts.roles import Role


@pytest.mark.django_db
def test_createadmin_creates_the_bureau_and_an_administrator_with_a_working_generated_password():
    out = io.StringIO()
    call_command("createadmin", "--username", "chief_admin", "--bureau", "某区综合行政执法局", "--short-name", "某综执",
                 stdout=out)
    password = re.search(r"初始密码：(\S+)", out.getvalue()).group(1)
    user = User.objects.get(username="chief_admin")
    assert user.role_codes == {Role.ADMINISTRATOR}
    assert user.bureau == Bureau.objects.get(short_name="某综执")
    assert authenticate(username="chief_admin", password=password) is not None
    assert user.needs_second_factor


@pytest.mark.django_db
def test_createadmin_refuses_an_unknown_bureau_without_a_short_name_and_writes_nothing():
    with pytest.raises(CommandError, match="short-name"):
        call_command("createadmin", "--username", "x_admin", "--bureau", "不存在的局")
    assert not User.objects.filter(username="x_admin").exists()


def test_the_zhifa_console_command_is_installed_and_lists_its_commands():
    result = subprocess.run([sys.executable, "-m", "zhifa.cli", "help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for name in ("serve", "demo", "createadmin", "deadline", "audit", "calendar"):
        assert name in result.stdout
