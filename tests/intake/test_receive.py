"""Receiving complaints: the one entry for every channel, idempotent pushes, service-level deadlines."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import Org
from tests.intake.conftest import Categories, Hotline
from zhifa.audit.models import AuditEvent
from zhifa.intake.models import Complaint
from zhifa.intake.services import access_code_matches, complaint_receive, reply_due_for
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError

pytestmark = pytest.mark.django_db


def at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def receive(org: Org, category, **extra):  # type: ignore[no-untyped-def]
    values = {"place": "解放西街12号", "description": "门前流动摊贩占道经营，影响通行。", "channel": "phone"}
    values.update(extra)
    return complaint_receive(bureau=org.red, category=category, **values)


def test_a_complaint_gets_a_number_an_access_code_and_its_reporter_sealed(org: Org, categories: Categories):
    got = receive(org, categories.ordinary, reporter_name="张三", reporter_phone="13912345678")
    complaint = got.complaint
    assert got.created and complaint.number.startswith(f"TS{timezone.localdate().year}")
    assert len(got.access_code) == 6 and access_code_matches(complaint, got.access_code)
    assert not access_code_matches(complaint, "AAAAAA")
    # The phone is stored sealed, found by keyed hash, and shown masked.
    assert "13912345678" not in complaint.reporter_phone_sealed
    assert crypto.unseal(complaint.reporter_phone_sealed) == "13912345678"
    assert complaint.reporter_phone_hash == crypto.keyed_hash("13912345678")
    assert complaint.reporter_masked == "张某（139****5678）"
    assert complaint.state == Complaint.State.RECEIVED
    assert AuditEvent.objects.filter(action="complaint.receive", object_id=str(complaint.pk)).count() == 1


def test_anonymous_complaints_keep_no_contact_even_when_one_is_given(org: Org, categories: Categories):
    complaint = receive(org, categories.ordinary, anonymous=True, reporter_phone="13912345678").complaint
    assert complaint.anonymous and complaint.reporter_masked == "匿名"
    assert complaint.reporter_phone_sealed == complaint.reporter_phone_hash == ""


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"description": "  "}, "description"),
        ({"description": "字" * 4001}, "description"),
        ({"place": ""}, "place"),
        ({"latitude": "38.5"}, "latitude"),
        ({"latitude": "91", "longitude": "106.2"}, "纬度"),
        ({"latitude": "abc", "longitude": "106.2"}, "纬度"),
        ({"reporter_phone": "12"}, "reporter_phone"),
        ({"reporter_email": "not-an-address"}, "reporter_email"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_stored(org, categories, extra, field):  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        receive(org, categories.ordinary, **extra)
    assert caught.value.field == field and caught.value.message
    assert Complaint.objects.count() == 0


def test_a_category_of_another_bureau_is_refused(org: Org, categories: Categories):
    with pytest.raises(DomainError, match="本局在用的投诉类别"):
        receive(org, categories.blue)


def test_coordinates_alone_are_enough_for_the_place(org: Org, categories: Categories):
    complaint = receive(org, categories.ordinary, place="", latitude="38.487193", longitude="106.230909").complaint
    assert str(complaint.latitude) == "38.487193" and "38.487193" in complaint.place


def test_a_retried_push_with_the_same_idempotency_key_creates_one_complaint(
    org: Org, categories: Categories, hotline: Hotline
):
    first = receive(org, categories.ordinary, channel="hotline", api_key=hotline.key, idempotency_key="GD-1")
    again = receive(org, categories.ordinary, channel="hotline", api_key=hotline.key, idempotency_key="GD-1")
    assert first.created and not again.created
    assert again.complaint.pk == first.complaint.pk and again.access_code == ""
    assert Complaint.objects.count() == 1
    other = receive(org, categories.ordinary, channel="hotline", api_key=hotline.key, idempotency_key="GD-2")
    assert other.created and Complaint.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_racing_pushes_with_one_key_make_one_complaint_on_postgresql(
    org: Org, categories: Categories, hotline: Hotline
):
    if connection.vendor != "postgresql":
        pytest.skip("threads writing at once: the PostgreSQL run covers the race")
    results = []
    barrier = threading.Barrier(4)

    def push() -> None:
        barrier.wait()
        try:
            results.append(receive(org, categories.ordinary, channel="hotline", api_key=hotline.key,
                                   idempotency_key="GD-RACE"))
        finally:
            connection.close()

    threads = [threading.Thread(target=push) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and sum(r.created for r in results) == 1
    assert len({r.complaint.pk for r in results}) == 1
    assert Complaint.objects.count() == 1


# --- service levels on the official calendar ---------------------------------------------------------
def test_ordinary_complaints_are_due_five_working_days_later_across_national_day(categories: Categories):
    # Received Wed 2025-09-30; 1–8 October 2025 are holidays and Sat 2025-10-11 is a make-up working day:
    # working days 9, 10, 11, 13, 14 October → due at the end of Tue 2025-10-14.
    rule, due = reply_due_for(category=categories.ordinary, received_at=at("2025-09-30 10:00"))
    assert rule == "complaint_ordinary"
    assert timezone.localtime(due) == at("2025-10-14 23:59:59")


def test_complex_complaints_are_due_fifteen_working_days_later_across_spring_festival(categories: Categories):
    # Received Fri 2025-01-24. Sun 26 Jan and Sat 8 Feb 2025 are make-up working days; 28 Jan–4 Feb is the
    # Spring Festival holiday. Working days: 26, 27 Jan, 5–8 Feb (4), 10–14 Feb (5), 17–20 Feb (4) → Thu 20 Feb.
    rule, due = reply_due_for(category=categories.complex, received_at=at("2025-01-24 16:00"))
    assert rule == "complaint_complex"
    assert timezone.localtime(due).date() == dt.date(2025, 2, 20)


def test_urgent_complaints_are_due_within_the_categorys_hours_even_on_a_holiday(categories: Categories):
    rule, due = reply_due_for(category=categories.urgent, received_at=at("2025-10-01 22:30"))
    assert rule == "complaint_urgent"
    assert timezone.localtime(due) == at("2025-10-02 00:30")


def test_the_bureau_can_change_the_ordinary_service_level(org: Org, categories: Categories):
    from zhifa.workdays.services import deadline_rule_change

    deadline_rule_change(rule="complaint_ordinary", amount=3, bureau=org.red, actor=None, note="区热线办要求")
    _, due = reply_due_for(category=categories.ordinary, received_at=at("2025-09-30 10:00"))
    # 9, 10 October and the make-up working Saturday 11 October 2025.
    assert timezone.localtime(due).date() == dt.date(2025, 10, 11)


def test_two_bureaus_first_complaints_of_a_year_get_distinct_numbers(org: Org, categories: Categories):
    red = receive(org, categories.ordinary).complaint
    blue = complaint_receive(bureau=org.blue, category=categories.blue, channel="phone", place="河滨路1号",
                             description="流动摊贩占道经营。").complaint
    year = timezone.localdate().year
    assert red.number == f"TS{year}-{org.red.pk}-000001"
    assert blue.number == f"TS{year}-{org.blue.pk}-000001"
