"""The complaint workflow: every allowed and refused transition, two people at once, reopen, extension once,
merge with the merged reporters answered, conversion into a lead both ways, the audited reveal."""

from __future__ import annotations

import datetime as dt
import threading
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import Org, make_user
from tests.intake.conftest import Categories
from zhifa.accounts.roles import Role
from zhifa.audit.models import AuditEvent
from zhifa.intake import services
from zhifa.intake.models import Complaint
from zhifa.intake.services import (
    complaint_close,
    complaint_dispatch,
    complaint_extend,
    complaint_merge,
    complaint_rate,
    complaint_receive,
    complaint_reopen,
    complaint_reply,
    complaint_reveal,
    complaint_start,
    complaint_to_lead,
)
from zhifa.lib.errors import ChangedMeanwhile, DomainError

pytestmark = pytest.mark.django_db
S = Complaint.State
REPLY = "经现场核查，摊贩已劝离，今后加强巡查。"


def at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def receive(org: Org, category, **extra) -> Complaint:  # type: ignore[no-untyped-def]
    values = {"place": "解放西街12号", "description": "门前流动摊贩占道经营，影响通行。", "channel": "phone",
              "reporter_name": "张三", "reporter_phone": "13912345678"}
    values.update(extra)
    return complaint_receive(bureau=org.red, category=category, **values).complaint


def to_state(complaint: Complaint, state: str, *, leader, officer) -> Complaint:  # type: ignore[no-untyped-def]
    org_team = officer.department
    if state == S.RECEIVED:
        return complaint
    complaint_dispatch(complaint=complaint, actor=leader, department=org_team)
    if state == S.DISPATCHED:
        return complaint
    complaint_start(complaint=complaint, actor=officer)
    if state == S.IN_PROGRESS:
        return complaint
    complaint_reply(complaint=complaint, actor=officer, reply=REPLY)
    if state == S.REPLIED:
        return complaint
    complaint_close(complaint=complaint, actor=leader)
    return complaint


# --- the state machine ----------------------------------------------------------------------------------
ACTIONS = {
    "dispatch": lambda c, leader, officer: complaint_dispatch(complaint=c, actor=leader, department=officer.department),
    "start": lambda c, leader, officer: complaint_start(complaint=c, actor=officer),
    "reply": lambda c, leader, officer: complaint_reply(complaint=c, actor=officer, reply=REPLY),
    "close": lambda c, leader, officer: complaint_close(complaint=c, actor=leader),
    "reopen": lambda c, leader, officer: complaint_reopen(complaint=c, actor=leader, reason="投诉人反映问题仍存在"),
}
ALLOWED = {
    (S.RECEIVED, "dispatch"): S.DISPATCHED,
    (S.DISPATCHED, "dispatch"): S.DISPATCHED,
    (S.IN_PROGRESS, "dispatch"): S.DISPATCHED,
    (S.DISPATCHED, "start"): S.IN_PROGRESS,
    (S.DISPATCHED, "reply"): S.REPLIED,
    (S.IN_PROGRESS, "reply"): S.REPLIED,
    (S.REPLIED, "close"): S.CLOSED,
    (S.REPLIED, "reopen"): S.IN_PROGRESS,
    (S.CLOSED, "reopen"): S.IN_PROGRESS,
}


@pytest.mark.parametrize("state", [S.RECEIVED, S.DISPATCHED, S.IN_PROGRESS, S.REPLIED, S.CLOSED])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_transition_is_allowed_or_refused_as_the_table_says(  # type: ignore[no-untyped-def]
    org: Org, categories: Categories, team_leader_a, officer_a, state, action
):
    complaint = to_state(receive(org, categories.ordinary), state, leader=team_leader_a, officer=officer_a)
    version = complaint.version
    expected = ALLOWED.get((state, action))
    if expected is None:
        with pytest.raises(DomainError) as caught:
            ACTIONS[action](complaint, team_leader_a, officer_a)
        assert caught.value.code == "wrong_state" and caught.value.message
        complaint.refresh_from_db()
        assert complaint.state == state and complaint.version == version
    else:
        ACTIONS[action](complaint, team_leader_a, officer_a)
        complaint.refresh_from_db()
        assert complaint.state == expected and complaint.version > version


def test_an_officer_may_not_dispatch_nor_a_blue_admin_act_on_a_red_complaint(
    org: Org, categories: Categories, officer_a, blue_admin
):
    complaint = receive(org, categories.ordinary)
    with pytest.raises(DomainError, match="分派投诉的权限"):
        complaint_dispatch(complaint=complaint, actor=officer_a, department=org.team_a)
    with pytest.raises(DomainError):
        complaint_dispatch(complaint=complaint, actor=blue_admin, department=org.team_a)
    complaint.refresh_from_db()
    assert complaint.state == S.RECEIVED


def test_of_two_people_acting_on_the_same_version_one_wins(
    org: Org, categories: Categories, team_leader_a, officer_a
):
    complaint = to_state(receive(org, categories.ordinary), S.DISPATCHED, leader=team_leader_a, officer=officer_a)
    stale = Complaint.objects.get(pk=complaint.pk)
    complaint_start(complaint=complaint, actor=officer_a)
    with pytest.raises(ChangedMeanwhile):
        complaint_start(complaint=stale, actor=team_leader_a)
    # The stale copy read dispatched; the row moved on: the loser changed nothing.
    assert Complaint.objects.get(pk=complaint.pk).state == S.IN_PROGRESS
    assert complaint.events.filter(action="start").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_threads_replying_at_once_give_one_reply_on_postgresql(
    org: Org, categories: Categories, team_leader_a, officer_a
):
    if connection.vendor != "postgresql":
        pytest.skip("threads writing at once: the PostgreSQL run covers the race")
    complaint = to_state(receive(org, categories.ordinary), S.IN_PROGRESS, leader=team_leader_a, officer=officer_a)
    copies = [Complaint.objects.get(pk=complaint.pk) for _ in range(3)]
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def act(copy: Complaint) -> None:
        barrier.wait()
        try:
            complaint_reply(complaint=copy, actor=officer_a, reply=REPLY)
            outcomes.append("won")
        except DomainError:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(c,)) for c in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost", "lost", "won"]
    assert Complaint.objects.get(pk=complaint.pk).events.filter(action="reply").count() == 1


# --- reopen -------------------------------------------------------------------------------------------------
def test_reopen_needs_a_reason_clears_the_reply_keeps_the_history_and_restarts_the_deadline(
    org: Org, categories: Categories, team_leader_a, officer_a
):
    with mock.patch("django.utils.timezone.now", return_value=at("2025-09-30 10:00")):
        complaint = receive(org, categories.ordinary)
        to_state(complaint, S.REPLIED, leader=team_leader_a, officer=officer_a)
        complaint_rate(complaint=complaint, satisfaction="unsatisfied", via="电话回访")
        complaint_close(complaint=complaint, actor=team_leader_a)
    with pytest.raises(DomainError, match="重新办理的理由"):
        complaint_reopen(complaint=complaint, actor=team_leader_a, reason="  ")
    with pytest.raises(DomainError, match="权限"):
        complaint_reopen(complaint=complaint, actor=officer_a, reason="仍有摊贩")
    assert Complaint.objects.get(pk=complaint.pk).state == S.CLOSED
    # Reopened on Thu 2025-10-16: five working days → 17, 20, 21, 22, 23 October.
    with mock.patch("django.utils.timezone.now", return_value=at("2025-10-16 09:00")):
        complaint_reopen(complaint=complaint, actor=team_leader_a, reason="投诉人回访不满意，摊贩仍在")
    complaint.refresh_from_db()
    assert complaint.state == S.IN_PROGRESS
    assert complaint.reply == "" and complaint.replied_at is None and complaint.closed_at is None
    assert complaint.satisfaction == "" and complaint.rated_at is None
    assert timezone.localtime(complaint.reply_due) == at("2025-10-23 23:59:59")
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions[-4:] == ["reply", "rate", "close", "reopen"]  # the first reply and its rating stay in history
    assert AuditEvent.objects.filter(action="complaint.reopen", object_id=str(complaint.pk)).count() == 1
    # It can be answered and rated again.
    complaint_reply(complaint=complaint, actor=officer_a, reply=REPLY + "已取缔。")
    complaint_rate(complaint=complaint, satisfaction="satisfied")
    assert complaint.satisfaction == "satisfied"


# --- extension ----------------------------------------------------------------------------------------------
def test_a_bureau_leader_extends_once_by_the_same_working_days_from_the_current_due_day(
    org: Org, categories: Categories, bureau_leader, team_leader_a
):
    complaint = receive(org, categories.ordinary, received_at=at("2025-09-30 10:00"))
    assert timezone.localtime(complaint.reply_due) == at("2025-10-14 23:59:59")
    with pytest.raises(DomainError, match="权限"):
        complaint_extend(complaint=complaint, actor=team_leader_a, reason="情况复杂")
    with pytest.raises(DomainError, match="延期理由"):
        complaint_extend(complaint=complaint, actor=bureau_leader, reason="")
    complaint_extend(complaint=complaint, actor=bureau_leader, reason="需要规划部门认定")
    # From Tue 14 October 2025 five more working days: 15, 16, 17, 20, 21 October.
    assert timezone.localtime(complaint.reply_due) == at("2025-10-21 23:59:59") and complaint.extended
    with pytest.raises(DomainError, match="只能延长一次"):
        complaint_extend(complaint=complaint, actor=bureau_leader, reason="再延")
    assert timezone.localtime(Complaint.objects.get(pk=complaint.pk).reply_due) == at("2025-10-21 23:59:59")


def test_an_urgent_complaint_is_extended_by_its_categorys_hours(
    org: Org, categories: Categories, bureau_leader
):
    complaint = receive(org, categories.urgent, received_at=at("2025-10-01 22:30"))
    complaint_extend(complaint=complaint, actor=bureau_leader, reason="夜间无法联系施工单位")
    assert timezone.localtime(complaint.reply_due) == at("2025-10-02 02:30")


def test_an_answered_complaint_is_not_extended(org: Org, categories: Categories, bureau_leader, team_leader_a,
                                               officer_a):
    complaint = to_state(receive(org, categories.ordinary), S.REPLIED, leader=team_leader_a, officer=officer_a)
    with pytest.raises(DomainError, match="不能延期"):
        complaint_extend(complaint=complaint, actor=bureau_leader, reason="x")


# --- merge ---------------------------------------------------------------------------------------------------
def test_merged_reporters_are_answered_with_the_target(org: Org, categories: Categories, team_leader_a, officer_a):
    target = to_state(receive(org, categories.ordinary), S.DISPATCHED, leader=team_leader_a, officer=officer_a)
    first = receive(org, categories.ordinary, reporter_phone="13900001111")
    second = receive(org, categories.ordinary, anonymous=True)
    complaint_merge(complaint=first, target=target, actor=team_leader_a)
    complaint_merge(complaint=second, target=target, actor=team_leader_a)
    assert first.merged_into_id == target.pk and first.department_id == target.department_id
    complaint_reply(complaint=target, actor=officer_a, reply=REPLY)
    for merged in (first, second):
        merged.refresh_from_db()
        assert merged.state == S.REPLIED and merged.reply == REPLY
        assert merged.events.filter(action="reply", text__contains=target.number).exists()
    assert AuditEvent.objects.filter(action="complaint.merge").count() == 2


def test_merge_refuses_itself_cross_bureau_chains_and_answered_targets(
    org: Org, categories: Categories, team_leader_a, officer_a, officer_b, admin
):
    target = receive(org, categories.ordinary)
    other = receive(org, categories.ordinary)
    with pytest.raises(DomainError, match="它自己"):
        complaint_merge(complaint=target, target=target, actor=team_leader_a)
    # (An unsaved complaint of the other bureau: the refusal comes before any database work.)
    blue = Complaint(pk=10_000, bureau=org.blue, category=categories.blue, state=S.RECEIVED)
    with pytest.raises(DomainError, match="本局"):
        complaint_merge(complaint=other, target=blue, actor=admin)
    with pytest.raises(DomainError, match="权限"):
        complaint_merge(complaint=other, target=target, actor=officer_b)
    complaint_merge(complaint=other, target=target, actor=team_leader_a)
    third = receive(org, categories.ordinary)
    with pytest.raises(DomainError, match="本身已并入"):
        complaint_merge(complaint=third, target=other, actor=team_leader_a)  # into a merged one
    with pytest.raises(DomainError, match="已有其他投诉并入"):
        complaint_merge(complaint=target, target=third, actor=team_leader_a)  # a chain
    with pytest.raises(DomainError, match="已并入"):
        complaint_merge(complaint=other, target=third, actor=team_leader_a)  # twice
    answered = to_state(receive(org, categories.ordinary), S.REPLIED, leader=team_leader_a, officer=officer_a)
    with pytest.raises(DomainError, match="只能并入尚未答复"):
        complaint_merge(complaint=third, target=answered, actor=team_leader_a)
    third.refresh_from_db()
    assert third.merged_into_id is None


def test_a_merged_complaint_is_not_reopened_on_its_own(org: Org, categories: Categories, team_leader_a, officer_a):
    target = to_state(receive(org, categories.ordinary), S.DISPATCHED, leader=team_leader_a, officer=officer_a)
    merged = receive(org, categories.ordinary)
    complaint_merge(complaint=merged, target=target, actor=team_leader_a)
    complaint_reply(complaint=target, actor=officer_a, reply=REPLY)
    merged.refresh_from_db()
    with pytest.raises(DomainError, match="并入"):
        complaint_reopen(complaint=merged, actor=team_leader_a, reason="仍有问题")


# --- conversion into a lead -----------------------------------------------------------------------------------
def test_conversion_into_a_lead_keeps_the_link_both_ways_and_happens_once(
    org: Org, categories: Categories, team_leader_a
):
    complaint = receive(org, categories.ordinary)
    lead = complaint_to_lead(complaint=complaint, actor=team_leader_a)
    complaint.refresh_from_db()
    assert complaint.lead == lead and lead.complaint == complaint
    assert lead.source == "complaint" and lead.reporter == complaint.number
    assert lead.place == complaint.place and lead.facts == complaint.description
    with pytest.raises(DomainError, match="不能重复转换"):
        complaint_to_lead(complaint=complaint, actor=team_leader_a)
    stale = Complaint.objects.get(pk=complaint.pk)
    stale.lead_id = None
    from zhifa.cases.models import Lead

    with pytest.raises(DomainError, match="不能重复转换"):
        complaint_to_lead(complaint=stale, actor=team_leader_a)
    assert Lead.objects.count() == 1  # the loser's lead was rolled back
    assert AuditEvent.objects.filter(action="complaint.to_lead").count() == 1


def test_a_bureau_leader_without_a_team_cannot_register_the_lead(org: Org, categories: Categories, bureau_leader):
    complaint = receive(org, categories.ordinary)
    with pytest.raises(DomainError):
        complaint_to_lead(complaint=complaint, actor=bureau_leader)
    assert Complaint.objects.get(pk=complaint.pk).lead_id is None


# --- reveal ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.TEAM_LEADER, Role.BUREAU_LEADER, Role.ADMINISTRATOR])
def test_permitted_roles_see_the_reporter_and_each_look_is_audited(org: Org, categories: Categories, role):  # type: ignore[no-untyped-def]
    user = make_user(f"u_{role}", [role], org.red, org.team_a if role == Role.TEAM_LEADER else None)
    complaint = receive(org, categories.ordinary, reporter_email="zhang@example.com")
    reporter = complaint_reveal(complaint=complaint, actor=user)
    assert reporter == services.Reporter(name="张三", phone="13912345678", email="zhang@example.com")
    event = AuditEvent.objects.get(action="complaint.reveal", object_id=str(complaint.pk))
    assert event.actor_id == user.pk
    assert "13912345678" not in str(event.after)


def test_officers_and_other_bureaus_may_not_reveal(org: Org, categories: Categories, officer_a, blue_admin):
    complaint = receive(org, categories.ordinary)
    for user in (officer_a, blue_admin):
        with pytest.raises(DomainError, match="只有本局"):
            complaint_reveal(complaint=complaint, actor=user)
    assert not AuditEvent.objects.filter(action="complaint.reveal").exists()


def test_an_anonymous_complaint_has_nothing_to_reveal(org: Org, categories: Categories, admin):
    complaint = receive(org, categories.ordinary, anonymous=True)
    with pytest.raises(DomainError, match="匿名"):
        complaint_reveal(complaint=complaint, actor=admin)


def test_the_reporter_sees_where_it_went_but_not_the_dispatchers_note(org: Org, categories: Categories, team_leader_a):
    complaint = receive(org, categories.ordinary)
    complaint_dispatch(complaint=complaint, actor=team_leader_a, department=org.team_a, note="投诉人情绪激动，注意沟通")
    public = list(complaint.events.filter(public=True).values_list("text", flat=True))
    internal = list(complaint.events.filter(public=False).values_list("text", flat=True))
    assert "分派至第一中队" in public and not any("情绪" in text for text in public)
    assert internal == ["分派说明：投诉人情绪激动，注意沟通"]
