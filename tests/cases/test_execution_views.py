"""The part-2 panels of the case page: serve, pay, see the late fee, ask to close, the leader approves."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.cases.test_case_views import case_url, post_step
from tests.cases.test_execution import decided, served
from tests.conftest import logged_in
from zhifa.cases.models import Case, CaseDeadline, Payment

TODAY = timezone.localdate


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_an_officer_serves_records_payment_and_asks_to_close_and_the_leader_closes(client, world):
    case = decided(world, fine_yuan=300)
    logged_in(client, world.a1)
    page = client.get(case_url(case)).content.decode()
    assert 'id="step-serve"' in page and "尚未送达" in page
    response = post_step(client, fresh(case), "serve", method="direct", served_on=TODAY().isoformat(),
                         receiver="张三", witnesses="", address="")
    assert response.status_code == 302
    page = client.get(case_url(case)).content.decode()
    assert "未缴 300.00 元" in page or "未缴 300 元" in page
    response = post_step(client, fresh(case), "payment", kind="fine", amount_yuan="300", paid_on=TODAY().isoformat(),
                         receipt_number="NX2026-0001", bank="示范区农商行")
    assert response.status_code == 302
    assert Payment.objects.get(case=case).amount_fen == 300_00
    response = post_step(client, fresh(case), "closing", reason="performed", note="")
    assert response.status_code == 302
    assert fresh(case).state == Case.State.DECIDED  # only asked
    logged_in(client, world.leader)
    asked = case.approvals.get(kind="closing")
    response = post_step(client, fresh(case), "measure_decide", approval=asked.pk, decision="approved", opinion="同意结案")
    assert response.status_code == 302
    assert fresh(case).state == Case.State.CLOSED
    assert "已结案" in client.get(case_url(case)).content.decode()


def test_the_case_page_shows_the_late_fee_and_electronic_service_without_consent_is_refused(client, world):
    case = served(world, days_ago=25, fine_yuan=500)
    logged_in(client, world.a1)
    due = CaseDeadline.objects.get(case=case, rule="payment").due
    days = (TODAY() - due).days
    page = client.get(case_url(case)).content.decode()
    assert f"（{days} 日 × 3%" in page
    other = decided(world)
    response = post_step(client, other, "serve", method="electronic", served_on=TODAY().isoformat(), receiver="张三",
                         witnesses="", address="zs@example.cn")
    assert response.status_code == 200 and "第六十一条" in response.content.decode()
    assert not other.services.exists()


def test_closing_with_the_fine_unpaid_is_refused_on_the_form(client, world):
    case = served(world)
    logged_in(client, world.a1)
    response = post_step(client, case, "closing", reason="performed", note="")
    assert "罚款尚未缴清" in response.content.decode()
    assert not case.approvals.filter(kind="closing").exists()


def test_a_crime_transfer_waits_on_the_leaders_workbench(client, world):
    case = world.filed()
    logged_in(client, world.a1)
    response = post_step(client, case, "transfer", kind="crime", to_body="示范区公安分局",
                         reported_on=TODAY().isoformat(), facts="涉嫌非法经营")
    assert response.status_code == 302
    logged_in(client, world.leader)
    assert "涉嫌犯罪案件移送审批" in client.get("/").content.decode()
    assert CaseDeadline.objects.get(case=case, rule="transfer_decision").due == TODAY() + dt.timedelta(days=3)


def test_the_workbench_asks_to_serve_and_keeps_an_unpaid_fine_past_its_day_as_overdue(client, world):
    from zhifa.cases import selectors

    unserved = decided(world)
    overdue = served(world, days_ago=25)
    tasks = selectors.workbench_tasks(user=world.a1, today=TODAY())
    assert any(t.case == unserved and "送达" in t.label for t in tasks)
    items = selectors.deadlines_nearest(user=world.a1, today=TODAY())
    payment = [i for i in items if i.deadline.case_id == overdue.pk and i.deadline.rule == "payment"]
    assert payment and payment[0].overdue
    # The reconsideration period binds the party only: while it runs it shows, never as the bureau's overdue.
    assert not [i for i in items if i.deadline.rule in ("reconsideration", "litigation") and i.overdue]


def test_the_transfers_page_counts_the_year_in_scope(client, world, officer_b):
    from django.urls import reverse

    from zhifa.cases import execution

    case = world.filed()
    execution.transfer_report(case=case, kind="other_body", to_body="市场监管局", reported_on=TODAY(), facts="无照经营",
                              actor=world.a1)
    execution.sharing_letter_record(case=case, to_department="住建局", subject="通报违建线索", sent_on=TODAY(),
                                    actor=world.a1)
    logged_in(client, world.a1)
    page = client.get(reverse("cases:transfer_list")).content.decode()
    assert "移送其他行政机关 <strong>1</strong> 件" in page and "信息共享函 <strong>1</strong> 件" in page
    assert "市场监管局" in page and "通报违建线索" in page
    last_year = client.get(reverse("cases:transfer_list"), {"year": TODAY().year - 1}).content.decode()
    assert "本年度没有案件移送" in last_year
    logged_in(client, officer_b)  # another team: not in scope
    assert "市场监管局" not in client.get(reverse("cases:transfer_list")).content.decode()
