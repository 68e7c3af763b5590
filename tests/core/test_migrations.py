"""Every model change has its migration: a missing one would leave a fresh install's schema behind the code."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration would be written
        pytest.fail(f"缺少迁移文件（请运行 zhifa makemigrations）：\n{out.getvalue()}\n{exc}")
