"""Publishing, withdrawing and excluding are audited actions of the legal office, bureau leaders and
administrators of the bureau; the review screen marks every redaction; the rate; the takedown command."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import logged_in
from tests.portal.conftest import decided, make_disclosure
from zhifa.audit.models import AuditEvent
from zhifa.lib.errors import DomainError
from zhifa.portal import selectors, services
from zhifa.portal.figures import year_figures
from zhifa.portal.models import Disclosure

pytestmark = pytest.mark.django_db
S = Disclosure.State
ID_NUMBER = "640104198503122314"
CARD = "6217002860001234565"
FACTS = (f"当事人张三（身份证号{ID_NUMBER}）驾驶宁A·8K352号车辆占道卸货，证人李秀英证实；"
         f"联系电话13995112345，银行卡{CARD}。")


@pytest.fixture
def pending(world) -> Disclosure:
    case = decided(world, dt.date(2025, 9, 26), facts=FACTS)
    return Disclosure.objects.get(case=case)


def test_publish_by_legal_reviewer_is_audited(world, pending) -> None:
    services.disclosure_publish(disclosure=pending, actor=world.reviewer)
    pending.refresh_from_db()
    assert pending.state == S.PUBLISHED
    assert pending.published_by == world.reviewer
    assert pending.take_down_on == dt.date(2030, 9, 26)  # ZHIFA_DISCLOSURE_YEARS defaults to 5
    assert AuditEvent.objects.filter(action="disclosure.publish", object_id=str(pending.pk)).count() == 1
    with pytest.raises(DomainError):  # only PENDING is published, once
        services.disclosure_publish(disclosure=pending, actor=world.reviewer)


def test_take_down_period_from_setting(world, pending, settings) -> None:
    settings.ZHIFA_DISCLOSURE_YEARS = 2
    services.disclosure_publish(disclosure=pending, actor=world.leader)
    assert pending.take_down_on == dt.date(2027, 9, 26)


def test_officer_and_other_bureau_refused(world, pending, blue_admin, client) -> None:
    for actor in (world.a1, blue_admin):
        with pytest.raises(DomainError):
            services.disclosure_publish(disclosure=pending, actor=actor)
        with pytest.raises(DomainError):
            services.disclosure_withdraw(disclosure=pending, reason="撤回", actor=actor)
    # On screen: the officer sees no button and the POST changes nothing; the other bureau gets 404.
    officer = logged_in(client, world.a1)
    page = officer.get(reverse("disclosure:detail", args=[pending.pk]))
    assert page.status_code == 200 and b'data-test="publish"' not in page.content
    assert officer.post(reverse("disclosure:publish", args=[pending.pk])).status_code == 400
    other = logged_in(client, blue_admin)
    assert other.get(reverse("disclosure:detail", args=[pending.pk])).status_code == 404
    assert other.post(reverse("disclosure:publish", args=[pending.pk])).status_code == 404
    pending.refresh_from_db()
    assert pending.state == S.PENDING
    assert not AuditEvent.objects.filter(action="disclosure.publish").exists()


def test_anonymous_redirected_to_login(client, pending) -> None:
    response = client.get(reverse("disclosure:queue"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_review_screen_marks_each_redaction_and_public_text_has_none(world, pending, client) -> None:
    page = logged_in(client, world.reviewer).get(reverse("disclosure:detail", args=[pending.pk]))
    html = page.content.decode()
    internal = html.split('data-test="internal"')[1].split("</p>")[0]
    public = html.split('data-test="public"')[1].split("</dl>")[0]
    for secret, label in ((ID_NUMBER, "身份证号码"), ("13995112345", "电话号码"), (CARD, "银行卡号"),
                          ("宁A·8K352", "车牌号码"), ("李秀英", "自然人姓名")):
        assert f'title="{label}">{secret}' in internal, secret
        assert secret not in public
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "style=" not in html  # strict CSP


def test_publish_and_withdraw_on_screen(world, pending, client) -> None:
    browser = logged_in(client, world.reviewer)
    assert browser.post(reverse("disclosure:publish", args=[pending.pk])).status_code == 302
    empty = browser.post(reverse("disclosure:withdraw", args=[pending.pk]), {"reason": ""})
    assert empty.status_code == 400
    leaky = browser.post(reverse("disclosure:withdraw", args=[pending.pk]), {"reason": "当事人电话13995112345"})
    assert leaky.status_code == 400
    done = browser.post(reverse("disclosure:withdraw", args=[pending.pk]), {"reason": "该决定已被撤销，依法撤回。"})
    assert done.status_code == 302
    pending.refresh_from_db()
    assert pending.state == S.WITHDRAWN
    assert AuditEvent.objects.filter(action="disclosure.withdraw", object_id=str(pending.pk)).count() == 1


def test_exclude_on_screen(world, pending, client) -> None:
    response = logged_in(client, world.reviewer).post(reverse("disclosure:exclude", args=[pending.pk]),
                                                      {"exclusion": "privacy", "reason": "涉及个人隐私"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == S.EXCLUDED and pending.facts_public == ""


def test_queue_tabs(org, reviewer, client) -> None:
    today = dt.date(2025, 10, 20)
    make_disclosure(org.red, 1, state=S.PENDING, decided_on=dt.date(2025, 10, 17), due_on=dt.date(2025, 10, 28))
    make_disclosure(org.red, 2, state=S.PENDING, decided_on=dt.date(2025, 9, 1), due_on=dt.date(2025, 9, 10))
    make_disclosure(org.red, 3, withdraw_due=dt.date(2025, 10, 22))
    make_disclosure(org.red, 4, state=S.EXCLUDED)
    make_disclosure(org.blue, 5, state=S.PENDING, decided_on=dt.date(2025, 10, 17), due_on=dt.date(2025, 10, 28))
    counts = selectors.queue_counts(user=reviewer, today=today)
    assert counts == {"due": 1, "overdue": 1, "published": 1, "withdrawal": 1, "excluded": 1, "closed": 0}
    for tab in ("due", "overdue", "published", "withdrawal", "excluded"):
        assert logged_in(client, reviewer).get(reverse("disclosure:queue"), {"tab": tab}).status_code == 200


def test_disclosure_rate_by_month(org, reviewer, client) -> None:
    """October 2025: 4 to publish (one excluded, not counted): 2 on time, 1 late, 1 not yet → 50 %; the year's
    figures on the portal count the same way."""
    def at(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))

    october = dt.date(2025, 10, 9)
    make_disclosure(org.red, 1, decided_on=october, due_on=dt.date(2025, 10, 20), published_at=at(dt.date(2025, 10, 20)))
    make_disclosure(org.red, 2, state=S.WITHDRAWN, decided_on=october, due_on=dt.date(2025, 10, 20),
                    published_at=at(dt.date(2025, 10, 10)))
    # 00:30 on the 21st in Beijing is still the 20th in UTC: late all the same (the local day counts).
    just_late = timezone.make_aware(dt.datetime(2025, 10, 21, 0, 30))
    make_disclosure(org.red, 3, decided_on=october, due_on=dt.date(2025, 10, 20), published_at=just_late)
    make_disclosure(org.red, 4, state=S.PENDING, decided_on=october, due_on=dt.date(2025, 10, 20))
    make_disclosure(org.red, 5, state=S.EXCLUDED, decided_on=october)
    make_disclosure(org.blue, 6, decided_on=october)
    months = {m.month: m for m in selectors.disclosure_rate(user=reviewer, today=dt.date(2025, 11, 5))}
    oct_ = months["2025-10"]
    assert (oct_.required, oct_.on_time, oct_.late, oct_.unpublished) == (4, 2, 1, 1)
    assert oct_.percent == "50.0%"
    assert months["2025-11"].rate is None
    assert year_figures(org.red, 2025, today=dt.date(2026, 1, 5)).disclosure.on_time == 2
    assert logged_in(client, reviewer).get(reverse("disclosure:rate")).status_code == 200


def test_takedown_command(org) -> None:
    old = make_disclosure(org.red, 1, take_down_on=dt.date(2025, 1, 1))
    young = make_disclosure(org.red, 2, take_down_on=dt.date(2030, 1, 1))
    out = StringIO()
    call_command("disclosure", "takedown", "--today", "2025-06-01", stdout=out)
    assert "1" in out.getvalue()
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.state == S.TAKEN_DOWN and young.state == S.PUBLISHED
    assert AuditEvent.objects.filter(action="disclosure.take_down", object_id=str(old.pk)).exists()
    assert services.disclosure_take_down_due(today=dt.date(2025, 6, 1)) == 0


def test_publish_takes_number_and_verify_code_of_the_issued_decision(world, pending) -> None:
    """The decision document is issued after the decision: publishing carries its number and /verify/ code."""
    from zhifa.documents.models import Document

    Document.objects.create(bureau=pending.bureau, case=pending.case, kind="penalty_decision",
                            state=Document.State.ISSUED, number="红综执罚决字〔2025〕第8号", verify_code="ABCD2345EFGH",
                            issued_at=timezone.now(), drafted_by=world.a1)
    services.disclosure_publish(disclosure=pending, actor=world.reviewer)
    assert pending.document_number == "红综执罚决字〔2025〕第8号"
    assert pending.verify_code == "ABCD2345EFGH"


def test_supervisor_views_but_cannot_act(world, pending, supervisor, client) -> None:
    browser = logged_in(client, supervisor)
    assert browser.get(reverse("disclosure:detail", args=[pending.pk])).status_code == 200
    assert browser.post(reverse("disclosure:publish", args=[pending.pk])).status_code == 400
    pending.refresh_from_db()
    assert pending.state == S.PENDING
