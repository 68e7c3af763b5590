"""API keys: the `zhifa apikey` command and the keys screen (administrators of the bureau only)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import Org, logged_in
from zhifa.audit.models import AuditEvent
from zhifa.intake.apikeys import api_key_check, api_key_create
from zhifa.intake.models import ApiKey

pytestmark = pytest.mark.django_db
KEY = re.compile(r"zk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("apikey", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_key_once_and_stores_only_its_hash(org: Org):
    output = run("create", "--system", "12345政务服务便民热线", "--bureau", "红综执", "--callback", "https://hotline.example/cb")
    raw = KEY.search(output)
    assert raw is not None
    key = ApiKey.objects.get()
    assert key.bureau == org.red and key.system == "12345政务服务便民热线"
    assert key.callback_url == "https://hotline.example/cb" and raw.group() not in key.key_hash
    assert api_key_check(raw.group()) == key
    assert AuditEvent.objects.filter(action="apikey.create").count() == 1
    listing = run("list")
    assert key.prefix in listing and "12345政务服务便民热线" in listing and raw.group() not in listing


def test_create_needs_the_bureau_when_there_are_several_and_a_valid_system(org: Org):
    with pytest.raises(CommandError, match="--bureau"):
        run("create", "--system", "热线")
    with pytest.raises(CommandError, match="没有简称"):
        run("create", "--system", "热线", "--bureau", "不存在")
    with pytest.raises(CommandError, match="http"):
        run("create", "--system", "热线", "--bureau", "红综执", "--callback", "ftp://x")
    assert ApiKey.objects.count() == 0


def test_revoke_by_prefix_refuses_the_key_from_then_on(org: Org):
    key, raw = api_key_create(bureau=org.red, system="热线", actor=None)
    output = run("revoke", key.prefix)
    assert "已吊销" in output and api_key_check(raw) is None
    assert "已吊销" in run("list", "--bureau", "红综执")
    with pytest.raises(CommandError, match="已于"):
        run("revoke", f"zk_{key.prefix}")
    with pytest.raises(CommandError, match="没有前缀"):
        run("revoke", "deadbeef")


# --- the screen ---------------------------------------------------------------------------------------
def test_the_administrator_lists_creates_and_revokes_keys(client: Client, org: Org, admin, blue_admin):  # type: ignore[no-untyped-def]
    blue_key, _ = api_key_create(bureau=org.blue, system="蓝河热线", actor=None)
    logged_in(client, admin)
    page = client.get("/complaints/exchange/keys/")
    assert page.status_code == 200 and "蓝河热线" not in page.content.decode()
    created = client.post("/complaints/exchange/keys/create/", {"system": "12345热线", "callback_url": ""})
    assert created.status_code == 200 and "no-store" in created["Cache-Control"]
    raw = KEY.search(created.content.decode())
    assert raw is not None
    key = ApiKey.objects.get(system="12345热线")
    assert key.bureau == org.red and key.created_by == admin and api_key_check(raw.group()) == key
    listing = client.get("/complaints/exchange/keys/").content.decode()
    assert "12345热线" in listing and key.prefix in listing and raw.group() not in listing
    # Revoking: a confirmation page, then POST.
    assert client.get(f"/complaints/exchange/keys/{key.pk}/revoke/").status_code == 200
    assert client.post(f"/complaints/exchange/keys/{key.pk}/revoke/").status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by == admin and api_key_check(raw.group()) is None
    # Another bureau's key does not exist for this administrator.
    assert client.get(f"/complaints/exchange/keys/{blue_key.pk}/revoke/").status_code == 404
    assert client.post(f"/complaints/exchange/keys/{blue_key.pk}/revoke/").status_code == 404
    blue_key.refresh_from_db()
    assert blue_key.revoked_at is None


def test_a_bad_system_name_is_shown_and_nothing_is_created(client: Client, admin):  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = client.post("/complaints/exchange/keys/create/", {"system": " ", "callback_url": "ftp://x"})
    assert response.status_code == 400 and "调用系统" in response.content.decode()
    assert ApiKey.objects.count() == 0


@pytest.mark.parametrize("persona", ["officer_a", "team_leader_a", "bureau_leader", "supervisor", "auditor"])
def test_others_get_403(client: Client, org: Org, persona: str, request: pytest.FixtureRequest):
    key, _ = api_key_create(bureau=org.red, system="热线", actor=None)
    logged_in(client, request.getfixturevalue(persona))
    assert client.get("/complaints/exchange/keys/").status_code == 403
    assert client.post("/complaints/exchange/keys/create/", {"system": "x"}).status_code == 403
    assert client.post(f"/complaints/exchange/keys/{key.pk}/revoke/").status_code == 403
    assert ApiKey.objects.count() == 1 and ApiKey.objects.get().revoked_at is None


def test_anonymous_visitors_are_sent_to_the_login(client: Client, org: Org):
    response = client.get("/complaints/exchange/keys/")
    assert response.status_code == 302 and "login" in response["Location"]
