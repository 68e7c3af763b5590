"""A NUL character in a request's address is a 400 in Chinese for every part of the site (PostgreSQL cannot
compare text holding NUL: without the check a forged %00 became a 500 from the database)."""

from __future__ import annotations

import pytest

from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/verify/AB%00CD/", "/portal/decisions/?q=%00", "/cases/?q=%00",
                                 "/complaints/?q=a%00", "/catalog/?q=%00", "/open311/v2/requests.json?status=%00",
                                 "/portal/decisions/?%00=1"])
def test_nul_in_path_or_query_is_refused(client, admin, url) -> None:  # type: ignore[no-untyped-def]
    logged_in(client, admin)  # the staff pages too: the check runs before any view
    response = client.get(url)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


def test_ordinary_query_passes(client, org) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/portal/decisions/?q=商贸").status_code == 200


def test_nul_in_a_url_encoded_form_is_refused(client, admin) -> None:  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = client.post("/open311/v2/requests.json", "service_code=x&description=a%00b",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and "空字符" in response.content.decode()


def test_nul_in_a_multipart_form_field_is_refused(client, admin) -> None:  # type: ignore[no-untyped-def]
    logged_in(client, admin)
    response = client.post("/open311/v2/requests.json", {"service_code": "x", "description": "a\x00b"})
    assert response.status_code == 400 and "空字符" in response.content.decode()
