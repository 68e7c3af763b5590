"""The public list of published decisions: anonymous, keyset-paged, read-only; withdrawn rows explain themselves."""

from __future__ import annotations

import pytest

from tests.portal.conftest import make_disclosure
from zhifa.portal import public_selectors as sel

pytestmark = pytest.mark.django_db


def test_list_shows_published_only(client, published_disclosures):  # type: ignore[no-untyped-def]
    r = client.get("/portal/decisions/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "示范区第1商贸有限公司" in body and "示范区第6商贸有限公司" not in body
    assert "示范区第7商贸有限公司" not in body
    assert "public" in r["Cache-Control"] and "max-age=300" in r["Cache-Control"]


def test_withdrawn_detail_shows_explanation_pending_404(client, published_disclosures):  # type: ignore[no-untyped-def]
    rows = published_disclosures
    r = client.get(f"/portal/decisions/{rows[6].pk}/")
    assert r.status_code == 200 and "已撤回" in r.content.decode()
    assert client.get(f"/portal/decisions/{rows[5].pk}/").status_code == 404
    assert client.get(f"/portal/decisions/{rows[7].pk}/").status_code == 404


def test_post_is_405(client, published_disclosures):  # type: ignore[no-untyped-def]
    assert client.post("/portal/decisions/").status_code == 405
    assert client.post("/portal/").status_code == 405


def test_keyset_pages_no_duplicates_no_gaps(client, org):  # type: ignore[no-untyped-def]
    made = [make_disclosure(org.red, n) for n in range(1, 46)]
    seen: list[int] = []
    cursor = None
    while True:
        rows = sel.page_after(sel.decisions(), cursor)
        more = len(rows) > sel.PAGE_SIZE
        rows = rows[: sel.PAGE_SIZE]
        seen += [r.pk for r in rows]
        if not more:
            break
        cursor = (rows[-1].published_at, rows[-1].pk)
        make_disclosure(org.red, 1000 + len(seen))  # a new insert lands before the cursor and is not seen
    assert sorted(seen) == sorted(d.pk for d in made)
    assert len(seen) == len(set(seen))
