"""The public complaint form and tracking pages (/portal/complaints/): a member of the public, no account.

Each refusal stores nothing (no complaint, no attachment row, no file in the evidence store); the rate limit
lets N submissions through per address and hour and answers the next one 429 without storing it; the number
and the access code are shown once; the status page needs the number and the code, shows the public history
and the reply, never the reporter's contact or the department's internal notes, and takes one rating.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import Org
from tests.intake.conftest import Categories
from zhifa.accounts.models import User
from zhifa.intake import services
from zhifa.intake.models import Complaint, ComplaintAttachment, ComplaintEvent
from zhifa.intake.ratelimit import limit_key

NEW = "/portal/complaints/new/?bureau=红综执"
DONE = "/portal/complaints/done/"
TRACK = "/portal/complaints/track/"
STATUS = "/portal/complaints/track/status/"
RATE = "/portal/complaints/track/rate/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 64
NAME, PHONE, EMAIL = "王小明", "13912345678", "wxm@example.com"


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A fresh rate-limit cache and an empty evidence store for every test."""
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.MEDIA_ROOT) / "evidence"
    return [p for p in root.rglob("*") if p.is_file() and ".tmp" not in p.parts] if root.exists() else []


def png(name: str = "现场.png", extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG + extra, content_type="image/png")


def valid(categories: Categories, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": str(categories.ordinary.pk), "place": "幸福路12号门前", "latitude": "", "longitude": "",
        "description": "每天傍晚有流动摊贩占用人行道卖水果，行人只能走机动车道。",
        "reporter_name": NAME, "reporter_phone": PHONE, "reporter_email": EMAIL, "consent": "on", "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def nothing_stored(settings) -> None:  # type: ignore[no-untyped-def]
    assert Complaint.objects.count() == 0
    assert ComplaintAttachment.objects.count() == 0
    assert stored_files(settings) == []


def submit(client: Client, categories: Categories, **changes: Any):  # type: ignore[no-untyped-def]
    return client.post(NEW, valid(categories, **changes))


def submitted(client: Client, categories: Categories, **changes: Any) -> tuple[Complaint, str]:
    """Submit a valid complaint and read the number and the code on the done page."""
    response = submit(client, categories, **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(DONE).content.decode()
    number = re.search(r'data-test="done-number">([^<]+)<', page)
    code = re.search(r'data-test="done-code">([^<]+)<', page)
    assert number and code
    return Complaint.objects.get(number=number.group(1)), code.group(1)


# --- the form ------------------------------------------------------------------------------------------
def test_the_form_asks_which_bureau_when_there_are_several_and_offers_only_its_active_categories(
    client: Client, categories: Categories
) -> None:
    chooser = client.get("/portal/complaints/new/")
    assert chooser.status_code == 200
    assert "红山区综合行政执法局" in chooser.content.decode() and "蓝河区综合行政执法局" in chooser.content.decode()
    assert client.get("/portal/complaints/new/?bureau=没有这个局").status_code == 404

    categories.complex.is_active = False
    categories.complex.save()
    page = client.get(NEW).content.decode()
    assert "占道经营" in page and "夜间施工噪声" in page
    assert f'<option value="{categories.complex.pk}"' not in page  # inactive
    assert f'<option value="{categories.blue.pk}"' not in page  # the other bureau's
    assert f'<option value="{categories.ordinary.pk}"' in page
    assert 'name="csrfmiddlewaretoken"' in page and 'name="website"' in page


def test_a_valid_submission_stores_the_complaint_and_its_photos_and_shows_number_and_code_once(
    client: Client, categories: Categories, settings
) -> None:  # type: ignore[no-untyped-def]
    response = submit(client, categories, latitude="38.487193", longitude="106.230909",
                      photos=[png(), SimpleUploadedFile("b.jpg", JPEG, content_type="image/jpeg")])
    assert response.status_code == 302
    assert response["Location"] == DONE  # nothing in the URL

    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.PORTAL and complaint.bureau_id == categories.ordinary.bureau_id
    assert complaint.place == "幸福路12号门前" and str(complaint.latitude) == "38.487193"
    assert not complaint.anonymous and NAME not in complaint.reporter_name_sealed  # sealed, not plain
    attachments = list(complaint.attachments.all())
    assert [(a.content_type, a.original_name) for a in attachments] == [("image/png", "现场.png"),
                                                                       ("image/jpeg", "b.jpg")]
    assert len(stored_files(settings)) == 2

    first = client.get(DONE)
    page = first.content.decode()
    assert complaint.number in page
    code = re.search(r'data-test="done-code">([^<]+)<', page)
    assert code and services.access_code_matches(complaint, code.group(1))
    assert "抄写或截图保存" in page
    assert "no-store" in first["Cache-Control"]
    again = client.get(DONE).content.decode()  # shown once
    assert code.group(1) not in again and complaint.number not in again
    assert 'data-test="done-gone"' in again


def test_anonymous_keeps_no_contact_even_when_typed(client: Client, categories: Categories) -> None:
    assert submit(client, categories, anonymous="on").status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.anonymous
    assert not (complaint.reporter_name_sealed or complaint.reporter_phone_sealed or complaint.reporter_email_sealed)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"category": None}, "category", "请选择投诉类别"),
    ({"category": "999999"}, "category", "请从列表中选择投诉类别"),
    ({"place": "  "}, "place", "请填写地点"),
    ({"place": "路" * 201}, "place", "地点不能超过 200 个字"),
    ({"description": ""}, "description", "请填写诉求内容"),
    ({"consent": None}, "consent", "请勾选同意个人信息使用说明"),
    ({"reporter_phone": "12345678901234"}, "reporter_phone", "联系电话“12345678901234”格式不对"),
    ({"reporter_email": "wxm-at-example"}, "reporter_email", "电子邮箱“wxm-at-example”格式不对"),
    ({"latitude": "38.5"}, "latitude", "经纬度须同时填写"),
    ({"latitude": "91", "longitude": "106.2"}, "latitude", "纬度应在 -90 至 90 之间"),
    ({"latitude": "38.5", "longitude": "东经106"}, "longitude", "经度“东经106”不是数字"),
    ({"website": "http://spam.example"}, "__all__", "“请勿填写此项”一栏须留空"),
])
def test_each_mistake_is_named_at_its_field_and_nothing_is_stored(
    client: Client, categories: Categories, settings, changes: dict[str, Any], field: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = submit(client, categories, photos=[png()], **changes)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    marker = 'data-test="form-error"' if field == "__all__" else f'data-test="error-{field}"'
    assert marker in page
    assert "提交未成功" in page
    nothing_stored(settings)
    if field != "__all__":
        assert "幸福路12号门前" in page or changes.get("place") is not None  # what was typed comes back


def test_a_category_of_another_bureau_is_refused(client: Client, categories: Categories, settings) -> None:  # type: ignore[no-untyped-def]
    response = submit(client, categories, category=str(categories.blue.pk))
    assert "请从列表中选择投诉类别" in response.content.decode()
    nothing_stored(settings)


@pytest.mark.parametrize(("photos", "message"), [
    (lambda: [SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")],
     "网页（HTML）"),
    (lambda: [SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"x" * 40, content_type="application/pdf")],
     "此处只接受：图片"),
    (lambda: [png(f"{i}.png", bytes([i])) for i in range(4)], "最多上传 3 张照片，您选择了 4 张"),
    (lambda: [png("big.png", b"\x00" * (5 * 1024 * 1024))], "超过 5 MB"),
    (lambda: [SimpleUploadedFile("empty.png", b"", content_type="image/png")], "是空文件"),
    # The first photo is fine and stored before the second is found wrong: it is taken out again.
    (lambda: [png(), SimpleUploadedFile("x.exe", b"MZ\x90\x00" + b"\x00" * 60)], "Windows 可执行程序"),
])
def test_only_up_to_three_images_of_5_mb_are_accepted(
    client: Client, categories: Categories, settings, photos, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = submit(client, categories, photos=photos())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-test="error-photos"' in page and message in page
    nothing_stored(settings)


def test_a_photo_already_in_the_store_stays_when_a_submission_is_refused(
    client: Client, categories: Categories, settings
) -> None:  # type: ignore[no-untyped-def]
    submitted(client, categories, photos=[png()])
    assert len(stored_files(settings)) == 1
    submit(client, categories, photos=[png(), SimpleUploadedFile("x.exe", b"MZ" + b"\x00" * 60)])
    assert len(stored_files(settings)) == 1  # the first complaint's photo is still there
    assert Complaint.objects.count() == 1 and ComplaintAttachment.objects.count() == 1


def test_the_form_needs_the_csrf_token(categories: Categories, settings) -> None:  # type: ignore[no-untyped-def]
    response = Client(enforce_csrf_checks=True).post(NEW, valid(categories))
    assert response.status_code == 403
    nothing_stored(settings)


# --- the rate limit ------------------------------------------------------------------------------------
def test_n_submissions_per_hour_then_429_that_stores_nothing(client: Client, categories: Categories, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ZHIFA_PUBLIC_FORM_PER_HOUR = 3
    for _ in range(3):
        assert submit(client, categories).status_code == 302
    response = submit(client, categories, photos=[png()])
    assert response.status_code == 429
    page = response.content.decode()
    assert "操作过于频繁" in page and "最多提交 3 件投诉" in page and "本次提交未被保存" in page
    assert "以后" in page and 'data-test="retry-at"' in page
    assert 0 < int(response["Retry-After"]) <= 3600
    assert Complaint.objects.count() == 3 and ComplaintAttachment.objects.count() == 0
    assert stored_files(settings) == []
    assert response["Content-Security-Policy"]

    # Another address is not held back by this one's limit.
    assert client.post(NEW, valid(categories), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_an_ipv6_address_is_counted_by_its_64_prefix(client: Client, categories: Categories, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ZHIFA_PUBLIC_FORM_PER_HOUR = 1
    assert client.post(NEW, valid(categories), REMOTE_ADDR="2001:db8:1:2::a").status_code == 302
    assert client.post(NEW, valid(categories), REMOTE_ADDR="2001:db8:1:2:ffff::b").status_code == 429  # same /64
    assert client.post(NEW, valid(categories), REMOTE_ADDR="2001:db8:1:3::a").status_code == 302
    assert limit_key("::ffff:10.0.0.1") == "10.0.0.1" and limit_key("bogus") == "unknown"


def test_mistakes_do_not_use_up_the_hour_but_a_filled_honeypot_does(client: Client, categories: Categories) -> None:
    from django.conf import settings as live

    limit = live.ZHIFA_PUBLIC_FORM_PER_HOUR
    for _ in range(limit + 2):
        assert submit(client, categories, description="").status_code == 200
    assert submit(client, categories).status_code == 302  # typing mistakes were given back

    for _ in range(limit - 1):
        assert submit(client, categories, website="x").status_code == 200
    assert submit(client, categories).status_code == 429
    assert Complaint.objects.count() == 1


# --- tracking ------------------------------------------------------------------------------------------
@pytest.fixture
def handled(client: Client, categories: Categories, org: Org, team_leader_a: User, officer_a: User):  # type: ignore[no-untyped-def]
    """A complaint from the form, dispatched (with an internal note) and replied to by the department."""
    complaint, code = submitted(client, categories)
    services.complaint_dispatch(complaint=complaint, actor=team_leader_a, department=org.team_a)
    services.event_add(complaint, action="note", actor=team_leader_a, public=False, text="内部意见：先联系街道")
    services.complaint_start(complaint=complaint, actor=officer_a)
    services.complaint_reply(complaint=complaint, actor=officer_a,
                             reply="经现场核查，摊贩已劝离，我队将在傍晚时段加强巡查。")
    return complaint, code


def fresh_client_tracks(number: str, code: str) -> tuple[Client, Any]:
    other = Client()
    return other, other.post(TRACK, {"number": number, "code": code}, follow=True)


def test_number_and_code_open_the_status_page_with_history_and_reply_but_no_contact_or_internals(handled) -> None:  # type: ignore[no-untyped-def]
    complaint, code = handled
    _, response = fresh_client_tracks(complaint.number.lower(), " ".join(code.lower()))  # any case, spaces
    assert response.redirect_chain[-1][0] == STATUS  # no number and no code in the URL
    page = response.content.decode()
    assert complaint.number in page and "已答复" in page and "答复期限" in page
    assert "经现场核查，摊贩已劝离" in page
    assert "受理投诉" in page and "分派至第一中队" in page and "承办部门已签收" in page
    assert "内部意见" not in page  # not a public line
    for personal in (NAME, "王某", PHONE, PHONE[-4:], "139****", EMAIL, "wxm@"):
        assert personal not in page, personal
    assert "officer_a" not in page and "leader_a" not in page  # who did it is internal
    assert 'data-test="rate-form"' in page
    assert response["Content-Security-Policy"]


def test_a_wrong_code_and_an_unknown_number_get_the_same_neutral_answer(handled) -> None:  # type: ignore[no-untyped-def]
    complaint, code = handled
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    _, bad_code = fresh_client_tracks(complaint.number, wrong)
    _, bad_number = fresh_client_tracks("TS1999-1-000001", code)
    for response in (bad_code, bad_number):
        assert response.status_code == 200
        assert "受理编号或查询码不正确" in response.content.decode()
        assert complaint.number not in response.content.decode().replace('value="' + complaint.number, "")
    assert bad_code.content.decode().count("不正确") == bad_number.content.decode().count("不正确")

    # Without a correct entry the status page and the rating are closed.
    stranger = Client()
    assert stranger.get(STATUS)["Location"] == TRACK
    assert stranger.post(RATE, {"satisfaction": "satisfied"})["Location"] == TRACK
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""


def test_repeated_wrong_codes_are_limited_even_the_right_one_then(handled, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ZHIFA_PUBLIC_TRACK_FAILURES_PER_HOUR = 3
    complaint, code = handled
    guesser = Client()
    for _ in range(5):  # right entries do not count
        assert guesser.post(TRACK, {"number": complaint.number, "code": code}).status_code == 302
    for _ in range(3):
        assert "不正确" in guesser.post(TRACK, {"number": complaint.number, "code": "ABCDEF"}).content.decode()
    response = guesser.post(TRACK, {"number": complaint.number, "code": code})
    assert response.status_code == 429 and "输错受理编号或查询码的次数已达上限" in response.content.decode()
    guesser.post("/portal/complaints/track/forget/")
    assert guesser.get(STATUS)["Location"] == TRACK


def test_the_reporter_rates_the_reply_once(handled) -> None:  # type: ignore[no-untyped-def]
    complaint, code = handled
    reporter, _ = fresh_client_tracks(complaint.number, code)
    page = reporter.post(RATE, {"satisfaction": "basic"}, follow=True).content.decode()
    assert "感谢您的评价" in page and "基本满意" in page and 'data-test="rate-form"' not in page
    complaint.refresh_from_db()
    assert complaint.satisfaction == "basic"
    assert ComplaintEvent.objects.filter(complaint=complaint, action="rate", text__contains="网上评价").exists()

    again = reporter.post(RATE, {"satisfaction": "unsatisfied"}, follow=True).content.decode()
    assert "不能重复评价" in again
    complaint.refresh_from_db()
    assert complaint.satisfaction == "basic"
    assert reporter.post(RATE, {"satisfaction": "wonderful"}, follow=True).status_code == 200


def test_no_rating_before_the_reply(client: Client, categories: Categories) -> None:
    complaint, code = submitted(client, categories)
    reporter, response = fresh_client_tracks(complaint.number, code)
    assert "待分派" in response.content.decode() and 'data-test="rate-form"' not in response.content.decode()
    page = reporter.post(RATE, {"satisfaction": "satisfied"}, follow=True).content.decode()
    assert "答复后才能评价" in page
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""


def test_ending_the_query_closes_the_status_page(handled) -> None:  # type: ignore[no-untyped-def]
    complaint, code = handled
    reporter, _ = fresh_client_tracks(complaint.number, code)
    assert reporter.get(STATUS).status_code == 200
    reporter.post("/portal/complaints/track/forget/")
    assert reporter.get(STATUS)["Location"] == TRACK


# --- the pages themselves --------------------------------------------------------------------------------
_URL_ATTR = re.compile(r'\b(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"', re.I)


def test_every_page_sends_the_csp_and_loads_nothing_from_outside(handled) -> None:  # type: ignore[no-untyped-def]
    complaint, code = handled
    visitor = Client()
    pages = [visitor.get("/portal/complaints/new/"), visitor.get(NEW), visitor.get(DONE), visitor.get(TRACK)]
    pages.append(visitor.post(TRACK, {"number": complaint.number, "code": code}, follow=True))
    for response in pages:
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        page = response.content.decode()
        assert "<script>" not in page and "style=" not in page and " on" + "click=" not in page
        for url in _URL_ATTR.findall(page):
            assert url.startswith(("/", "#", "?")) or url == "", url
        assert "退出" not in page and "工作台" not in page  # no staff menu
        assert '<html lang="zh-CN">' in page
