"""`zhifa audit verify` and `zhifa audit prune`: output in Chinese, exit status 0 or 1."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.audit.conftest import chain, record, record_at, tamper
from zhifa.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_from_argv closes every connection when it ends; inside the test's transaction that would
    poison the rest of the test, so keep it open."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def test_verify_prints_the_count_and_exits_0(capsys, keep_connection):
    chain(12)
    main(["zhifa", "audit", "verify"])  # returns normally: exit status 0
    assert capsys.readouterr().out.strip() == "已校验 12 条审计记录，哈希链完整。"


def test_verify_names_the_first_broken_row_and_exits_1(capsys, keep_connection):
    rows = chain(6)
    tamper("UPDATE audit_auditevent SET actor_name = '别人' WHERE id = %s", [rows[2].pk])
    with pytest.raises(SystemExit) as exit_info:
        main(["zhifa", "audit", "verify"])
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert f"id={rows[2].pk}" in error and "被修改" in error


def test_verify_through_call_command_raises_command_error():
    rows = chain(4)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [rows[-1].pk])
    with pytest.raises(CommandError, match="末尾") as error:
        call_command("audit", "verify")
    assert error.value.returncode == 1


def test_prune_reports_what_it_removed(capsys):
    record_at(timezone.now() - dt.timedelta(days=400))
    record("test.young")
    call_command("audit", "prune")
    assert "已清理 1 条早于" in capsys.readouterr().out
    call_command("audit", "prune")
    assert "无需清理" in capsys.readouterr().out
    call_command("audit", "verify")
    assert "哈希链完整" in capsys.readouterr().out


def test_a_subcommand_is_required():
    with pytest.raises(CommandError):
        call_command("audit")
