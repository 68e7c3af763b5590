"""The public list of published decisions: anonymous, read-only, filtered (name, matter, document number,
category, decision dates), paged by keyset and by page number, HTTP-cacheable; withdrawn rows explain
themselves and nothing unpublished is ever listed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from tests.portal.conftest import S, make_disclosure
from zhifa.portal import public_selectors as sel
from zhifa.portal.models import Disclosure

pytestmark = pytest.mark.django_db
URL = "/portal/decisions/"


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Counts and rate-limit windows live in the cache; each test starts without them."""
    cache.clear()
    yield
    cache.clear()


def listed(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(pk) for pk in re.findall(r'data-test="decision" data-pk="(\d+)"', response.content.decode())]


def expected(**filters) -> list[int]:  # type: ignore[no-untyped-def]
    """The plain ordered query the pages must agree with."""
    qs = Disclosure.objects.filter(state=S.PUBLISHED, **filters).order_by("-published_at", "-id")
    return list(qs.values_list("id", flat=True))


@pytest.fixture
def many(org):  # type: ignore[no-untyped-def]
    """65 published rows (4 pages), some with equal publication times, plus rows that must never show."""
    rows = [make_disclosure(org.red, n) for n in range(1, 61)]
    same = timezone.make_aware(dt.datetime(2025, 9, 1, 10))
    rows += [make_disclosure(org.red, n, published_at=same) for n in range(61, 66)]  # ties broken by id
    for n, state in ((90, S.PENDING), (91, S.WITHDRAWN), (92, S.EXCLUDED), (93, S.TAKEN_DOWN)):
        make_disclosure(org.red, n, state=state)
    return rows


# --- what is listed --------------------------------------------------------------------------------------
def test_list_shows_published_only(client, published_disclosures):  # type: ignore[no-untyped-def]
    r = client.get(URL)
    assert r.status_code == 200
    body = r.content.decode()
    assert "示范区第1商贸有限公司" in body and "示范区第6商贸有限公司" not in body
    assert "示范区第7商贸有限公司" not in body
    assert "public" in r["Cache-Control"] and "max-age=300" in r["Cache-Control"]
    assert sorted(listed(r)) == sorted(expected())


def test_nothing_unpublished_on_any_page_or_filter(client, many):  # type: ignore[no-untyped-def]
    hidden = set(Disclosure.objects.exclude(state=S.PUBLISHED).values_list("id", flat=True))
    seen: set[int] = set()
    for query in ("", "?page=2", "?page=3", "?page=4", "?q=商贸", "?q=第90号", "?category=市容环境卫生",
                  "?from=2025-01-01&to=2026-12-31"):
        seen |= set(listed(client.get(URL + query)))
    assert seen and not seen & hidden
    for pk in hidden:
        r = client.get(f"{URL}{pk}/")
        assert r.status_code == (200 if Disclosure.objects.get(pk=pk).state == S.WITHDRAWN else 404)


def test_withdrawn_detail_shows_explanation_pending_404(client, published_disclosures):  # type: ignore[no-untyped-def]
    rows = published_disclosures
    r = client.get(f"{URL}{rows[6].pk}/")
    body = r.content.decode()
    assert r.status_code == 200 and "已撤回" in body and "经行政复议被撤销" in body
    assert "罚款人民币500.00元" not in body  # the withdrawn decision's content is no longer shown
    assert client.get(f"{URL}{rows[5].pk}/").status_code == 404
    assert client.get(f"{URL}{rows[7].pk}/").status_code == 404


def test_decision_page_links_to_verification(client, org):  # type: ignore[no-untyped-def]
    d = make_disclosure(org.red, 1, verify_code="AB12CD34EF")
    body = client.get(f"{URL}{d.pk}/").content.decode()
    assert reverse("verify:code", args=["AB12CD34EF"]) in body and "示综执罚决字〔2025〕第1号" in body


def test_post_is_405(client, published_disclosures):  # type: ignore[no-untyped-def]
    assert client.post(URL).status_code == 405
    assert client.post("/portal/").status_code == 405
    assert client.head(URL).status_code == 200


# --- filters ---------------------------------------------------------------------------------------------
def test_search_by_name_matter_and_document_number(client, org):  # type: ignore[no-untyped-def]
    a = make_disclosure(org.red, 1, party_name="银湖烧烤店", matter_name="对餐饮服务单位油烟直排的行政处罚",
                        matter_category="环境保护")
    b = make_disclosure(org.red, 2, party_name="金凤建筑工程有限公司")
    c = make_disclosure(org.red, 3)
    assert listed(client.get(URL, {"q": "银湖"})) == [a.pk]
    assert listed(client.get(URL, {"q": "油烟直排"})) == [a.pk]
    assert listed(client.get(URL, {"q": "建筑工程"})) == [b.pk]
    assert listed(client.get(URL, {"q": "示综执罚决字〔2025〕第3号"})) == [c.pk]
    assert listed(client.get(URL, {"q": "第3号"})) == [c.pk]
    assert listed(client.get(URL, {"q": "占道经营案3"})) == [c.pk]  # the title
    assert listed(client.get(URL, {"q": "银湖  油烟"})) == [a.pk]  # terms ANDed
    assert listed(client.get(URL, {"q": "银湖 建筑"})) == []
    assert listed(client.get(URL, {"q": "ＹＩＮＨＵ"})) == []  # full-width folded, nothing matches, no error


def test_filter_by_category(client, org):  # type: ignore[no-untyped-def]
    env = [make_disclosure(org.red, n, matter_category="环境保护") for n in (1, 2)]
    make_disclosure(org.red, 3)
    r = client.get(URL, {"category": "环境保护"})
    assert listed(r) == [d.pk for d in reversed(env)]
    assert '<option value="环境保护" selected>' in r.content.decode()
    r = client.get(URL, {"category": "不存在的类别"})
    assert r.status_code == 200 and len(listed(r)) == 3 and "事项类别不存在" in r.content.decode()


def test_filter_by_dates_inclusive(client, org):  # type: ignore[no-untyped-def]
    rows = {n: make_disclosure(org.red, n, decided_on=dt.date(2025, 3, n)) for n in range(1, 11)}
    r = client.get(URL, {"from": "2025-03-03", "to": "2025-03-05"})
    assert listed(r) == [rows[5].pk, rows[4].pk, rows[3].pk]  # both ends included
    assert listed(client.get(URL, {"from": "2025-03-09"})) == [rows[10].pk, rows[9].pk]
    assert listed(client.get(URL, {"to": "2025-03-01"})) == [rows[1].pk]
    assert listed(client.get(URL, {"from": "2025-03-05", "to": "2025-03-05"})) == [rows[5].pk]
    both = client.get(URL, {"category": "市容环境卫生", "from": "2025-03-02", "to": "2025-03-02", "q": "商贸"})
    assert listed(both) == [rows[2].pk]


@pytest.mark.parametrize(("params", "message"), [
    ({"from": "2025-13-01"}, "不是有效日期"),
    ({"to": "昨天"}, "不是有效日期"),
    ({"from": "1999-12-31"}, "年份须在 2000 至 2100 年之间"),
    ({"to": "2101-01-01"}, "年份须在 2000 至 2100 年之间"),
    ({"from": "2025-03-09", "to": "2025-03-01"}, "起始日期晚于截止日期"),
])
def test_bad_dates_message_and_no_filter(client, org, params, message):  # type: ignore[no-untyped-def]
    rows = [make_disclosure(org.red, n, decided_on=dt.date(2025, 3, n)) for n in range(1, 4)]
    r = client.get(URL, params)
    assert r.status_code == 200
    assert message in r.content.decode()
    assert sorted(listed(r)) == sorted(d.pk for d in rows)  # the bad date is not applied


def test_odd_parameters_never_500(client, many):  # type: ignore[no-untyped-def]
    for params in ({"page": "abc"}, {"page": "0"}, {"page": "-3"}, {"page": "99999999999"},
                   {"after": "garbage"}, {"after": "2025-13-45T99:00:00,5"}, {"before": ",,,"},
                   {"q": "x" * 500}, {"q": "%_\\"}, {"from": "2025-02-30"}, {"page": "²"},
                   {"after": "0001-01-01T00:00:00+14:00,5"}, {"before": "9999-12-31T23:59:59-14:00,5"},
                   {"after": "2025-06-01T10:00:00+08:00,²"}):
        r = client.get(URL, params)
        assert r.status_code in (200, 404), params
    assert "页码应为正整数" in client.get(URL, {"page": "abc"}).content.decode()


# --- pages -----------------------------------------------------------------------------------------------
def test_page_n_shows_the_right_rows_in_order(client, many):  # type: ignore[no-untyped-def]
    order = expected()
    assert len(order) == 65
    for n in (1, 2, 3, 4):
        r = client.get(URL, {"page": n})
        assert r.status_code == 200
        assert listed(r) == order[(n - 1) * 20: n * 20], n
        assert f"第 {n} / 4 页" in r.content.decode() and "共 65 条" in r.content.decode()


def test_page_n_with_filter(client, org):  # type: ignore[no-untyped-def]
    for n in range(1, 46):
        make_disclosure(org.red, n, matter_category="环境保护" if n % 2 else "城乡规划")
    order = expected(matter_category="环境保护")
    assert listed(client.get(URL, {"category": "环境保护", "page": 2})) == order[20:40]
    r = client.get(URL, {"category": "环境保护", "page": 2})
    body = r.content.decode()
    assert "page=1" in body and "category=%E7%8E%AF%E5%A2%83%E4%BF%9D%E6%8A%A4" in body  # links keep the filter


def test_page_past_the_end_is_404_with_the_last_page(client, many):  # type: ignore[no-untyped-def]
    r = client.get(URL, {"page": 5})
    body = r.content.decode()
    assert r.status_code == 404
    assert "没有第 5 页" in body and "page=4" in body and listed(r) == []
    assert client.get(URL, {"page": 4}).status_code == 200
    assert client.get(URL, {"page": 1_000_000}).status_code == 404
    assert client.get(URL, {"q": "没有这个名字", "page": 2}).status_code == 404
    assert client.get(URL, {"q": "没有这个名字"}).status_code == 200  # page 1 of nothing is an empty page


def test_page_numbers_nav_is_accessible(client, many):  # type: ignore[no-untyped-def]
    body = client.get(URL, {"page": 2}).content.decode()
    assert '<nav aria-label="分页"' in body
    assert 'aria-current="page">2</a>' in body
    assert "首页" in body and "末页" in body and 'rel="prev"' in body and 'rel="next"' in body
    assert '<label for="jump-page">跳到第</label>' in body
    assert 'style="' not in body and "<script>" not in body  # strict CSP: no inline style or script
    assert "portal/decisions.css" in body


def test_keyset_next_and_prev_agree_with_page_numbers(client, many):  # type: ignore[no-untyped-def]
    order = expected()
    r = client.get(URL)
    seen = listed(r)
    pages = [seen]
    for _ in range(3):
        next_url = re.search(r'rel="next" href="([^"]+)"', r.content.decode()).group(1).replace("&amp;", "&")
        assert "after=" in next_url
        r = client.get(URL + next_url)
        pages.append(listed(r))
    assert [pk for page in pages for pk in page] == order  # no duplicates, no gaps, same order
    assert 'rel="next"' not in r.content.decode()
    assert "第 4 / 4 页" in r.content.decode()
    for back in (3, 2, 1):  # and back again by ?before=
        prev_url = re.search(r'rel="prev" href="([^"]+)"', r.content.decode()).group(1).replace("&amp;", "&")
        assert "before=" in prev_url
        r = client.get(URL + prev_url)
        assert listed(r) == pages[back - 1], back
    assert 'rel="prev"' not in r.content.decode() and "第 1 / 4 页" in r.content.decode()


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


def test_count_is_cached_until_the_list_changes(client, org) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    for n in range(1, 4):
        make_disclosure(org.red, n)
    assert "共 3 条" in client.get(URL).content.decode()
    Disclosure.objects.filter(state=S.PUBLISHED).update(penalty="警告")  # no new version: the count is reused
    with CaptureQueriesContext(connection) as queries:
        assert "共 3 条" in client.get(URL).content.decode()
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    make_disclosure(org.red, 4)  # a new publication: new version, new count
    assert "共 4 条" in client.get(URL).content.decode()


def test_query_count_is_bounded(client, many, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    client.get(URL)  # the count is cached from here on
    for params in ({}, {"page": 3}, {"q": "商贸", "category": "市容环境卫生", "from": "2025-01-01"}):
        client.get(URL, params)
        with django_assert_max_num_queries(2):  # the list's version (1 query), the page's rows; count cached
            assert client.get(URL, params).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(f"{URL}{many[0].pk}/").status_code == 200
    with django_assert_max_num_queries(3):  # and the count, once, for a filter not asked before
        assert client.get(URL, {"category": "城乡规划"}).status_code == 200


# --- HTTP caching ----------------------------------------------------------------------------------------
def test_list_etag_and_last_modified_give_304(client, many):  # type: ignore[no-untyped-def]
    r = client.get(URL, {"page": 2})
    etag, modified = r["ETag"], r["Last-Modified"]
    assert etag and modified
    again = client.get(URL, {"page": 2}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(URL, {"page": 2}, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(URL, {"page": 3}, HTTP_IF_NONE_MATCH=etag).status_code == 200  # another page
    assert client.get(URL, {"page": 2}, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2024 00:00:00 GMT").status_code == 200
    assert modified == http_date(sel.list_last_modified().timestamp())


def test_list_last_modified_is_the_newest_publication_or_withdrawal(client, org):  # type: ignore[no-untyped-def]
    rows = [make_disclosure(org.red, n) for n in range(1, 4)]
    newest = max(d.published_at for d in rows)
    assert client.get(URL)["Last-Modified"] == http_date(newest.timestamp())
    withdrawn = timezone.now().replace(microsecond=0)
    Disclosure.objects.filter(pk=rows[0].pk).update(state=S.WITHDRAWN, withdrawn_at=withdrawn)
    assert client.get(URL)["Last-Modified"] == http_date(withdrawn.timestamp())


def test_new_publication_or_withdrawal_changes_the_etag(client, many, org):  # type: ignore[no-untyped-def]
    etag = client.get(URL)["ETag"]
    make_disclosure(org.red, 500, decided_on=dt.date(2026, 5, 1))
    r = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 200 and r["ETag"] != etag
    etag = r["ETag"]
    Disclosure.objects.filter(pk=many[0].pk).update(state=S.WITHDRAWN, withdrawn_at=timezone.now(),
                                                     withdrawal_reason="撤销")
    r = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 200 and r["ETag"] != etag and many[0].pk not in listed(r)


def test_decision_page_304_and_new_etag_after_withdrawal(client, org):  # type: ignore[no-untyped-def]
    d = make_disclosure(org.red, 1)
    r = client.get(f"{URL}{d.pk}/")
    etag = r["ETag"]
    assert client.get(f"{URL}{d.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(f"{URL}{d.pk}/", HTTP_IF_MODIFIED_SINCE=r["Last-Modified"]).status_code == 304
    Disclosure.objects.filter(pk=d.pk).update(state=S.WITHDRAWN, withdrawn_at=timezone.now(), version=d.version + 1,
                                              withdrawal_reason="经复议撤销")
    r = client.get(f"{URL}{d.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 200 and "已撤回" in r.content.decode() and r["ETag"] != etag


# --- the rate limit ----------------------------------------------------------------------------------------
def test_search_rate_limit_429_in_chinese(client, many, settings):  # type: ignore[no-untyped-def]
    settings.ZHIFA_PORTAL_SEARCH_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(URL, {"q": "商贸"}).status_code == 200
    r = client.get(URL, {"q": "商贸"})
    assert r.status_code == 429 and "请求过于频繁" in r.content.decode() and r["Retry-After"] == "60"
    assert client.get(URL, {"page": 2}).status_code == 200  # browsing without a search is not limited
