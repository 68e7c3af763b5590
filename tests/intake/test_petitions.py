"""Petitions (信访) under 信访工作条例 (2022): the acceptance reply within 15 days (第三十二条), resolution within
60 days of acceptance (第三十五条), extended once by 30 days with a bureau leader's approval, and the review."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import Org
from zhifa.audit.models import AuditEvent
from zhifa.intake.models import Petition
from zhifa.intake.petitions import (
    petition_accept,
    petition_due,
    petition_extend,
    petition_refuse,
    petition_register,
    petition_resolve,
    petition_review_request,
    petition_review_resolve,
)
from zhifa.lib import crypto
from zhifa.lib.errors import ChangedMeanwhile, DomainError

pytestmark = pytest.mark.django_db
P = Petition.State
D = dt.date


SEPT_23 = D(2025, 9, 23)


def register(actor, received_on=SEPT_23, **extra) -> Petition:  # type: ignore[no-untyped-def]
    values = {"subject": "反映小区旁夜间施工噪声", "content": "连续多日夜间施工，请求查处。", "petitioner": "李四",
              "phone": "13900002222", "channel": "来信"}
    values.update(extra)
    return petition_register(actor=actor, received_on=received_on, **values)


def test_the_acceptance_reply_is_due_15_days_later_not_moved_past_national_day(team_leader_a):
    # 信访工作条例第三十二条: written acceptance reply within 15 days. Registered Tue 2025-09-23, the 15th day
    # is Wed 2025-10-08, inside the 1–8 October holiday: a limit on the bureau itself is not moved.
    petition = register(team_leader_a)
    assert petition.reply_due == D(2025, 10, 8) and petition.state == P.RECEIVED
    assert petition.number.startswith("XF红综执2025")
    assert petition.petitioner_masked == "李某（139****2222）"
    assert crypto.unseal(petition.petitioner_sealed) == "李四" and "李四" not in petition.petitioner_sealed
    assert petition_due(petition) == D(2025, 10, 8)
    assert "信访工作条例第三十二条" in petition.events.get().text


def test_resolution_is_due_60_days_after_acceptance_and_extended_once_by_30(team_leader_a, bureau_leader):
    # 信访工作条例第三十五条: resolve within 60 days of acceptance, +30 days with approval.
    petition = register(team_leader_a)
    petition_accept(petition=petition, actor=team_leader_a, note="予以受理，交第一中队核查。", replied_on=D(2025, 9, 30))
    # Accepted Tue 2025-09-30 (the holiday follows): 60 days later is Sat 2025-11-29, not moved to Monday.
    assert petition.state == P.ACCEPTED and petition.resolve_due == D(2025, 11, 29)
    with pytest.raises(DomainError, match="权限"):
        petition_extend(petition=petition, actor=team_leader_a, reason="需要多部门会商")
    petition_extend(petition=petition, actor=bureau_leader, reason="需要多部门会商")
    assert petition.resolve_due == D(2025, 12, 29) and petition.extended
    with pytest.raises(DomainError, match="只能延长一次"):
        petition_extend(petition=petition, actor=bureau_leader, reason="再延")
    assert Petition.objects.get(pk=petition.pk).resolve_due == D(2025, 12, 29)
    assert AuditEvent.objects.filter(action="petition.extend").count() == 1


def test_acceptance_across_spring_festival_counts_natural_days(team_leader_a):
    # 第三十二条 / 第三十五条 count natural days: registered Fri 2025-01-24, reply due Sat 2025-02-08 (a make-up
    # working day, irrelevant here); accepted Mon 2025-01-27, resolve due 60 days later on Fri 2025-03-28.
    petition = register(team_leader_a, received_on=D(2025, 1, 24))
    assert petition.reply_due == D(2025, 2, 8)
    petition_accept(petition=petition, actor=team_leader_a, note="予以受理。", replied_on=D(2025, 1, 27))
    assert petition.resolve_due == D(2025, 3, 28)


def test_refusal_resolution_and_review(team_leader_a, officer_a, bureau_leader):
    refused = register(team_leader_a)
    with pytest.raises(DomainError, match="不予受理的理由"):
        petition_refuse(petition=refused, actor=team_leader_a, note="")
    petition_refuse(petition=refused, actor=team_leader_a, note="已进入行政复议程序，依法不予受理。")
    assert refused.state == P.NOT_ACCEPTED
    with pytest.raises(DomainError, match="不能受理"):
        petition_accept(petition=refused, actor=team_leader_a, note="受理")

    petition = register(officer_a)
    with pytest.raises(DomainError, match="不能办结"):
        petition_resolve(petition=petition, actor=officer_a, result="已处理")
    petition_accept(petition=petition, actor=officer_a, note="予以受理。", replied_on=D(2025, 9, 30))
    with pytest.raises(DomainError, match="不能早于"):
        petition_resolve(petition=petition, actor=officer_a, result="已处理", resolved_on=D(2025, 9, 1))
    petition_resolve(petition=petition, actor=officer_a, result="已责令施工单位停止夜间施工并处罚款。",
                     resolved_on=D(2025, 10, 20))
    assert petition.state == P.RESOLVED and petition_due(petition) is None
    petition_review_request(petition=petition, actor=officer_a, requested_on=D(2025, 10, 27))
    assert petition.state == P.REVIEW and petition.review_due == D(2025, 11, 26)
    with pytest.raises(DomainError, match="权限"):
        petition_review_resolve(petition=petition, actor=officer_a, result="维持")
    petition_review_resolve(petition=petition, actor=bureau_leader, result="维持原处理意见。", reviewed_on=D(2025, 11, 10))
    assert petition.state == P.REVIEWED
    assert list(petition.events.values_list("action", flat=True)) == [
        "register", "accept", "resolve", "review_request", "review_resolve"]


def test_bad_input_and_other_bureaus_change_nothing(org: Org, team_leader_a, blue_admin):
    with pytest.raises(DomainError, match="信访事由"):
        register(team_leader_a, subject=" ")
    with pytest.raises(DomainError, match="不能晚于今天"):
        register(team_leader_a, received_on=D(2099, 1, 1))
    with pytest.raises(DomainError, match="信访形式"):
        register(team_leader_a, channel="飞鸽")
    assert Petition.objects.count() == 0
    petition = register(team_leader_a)
    with pytest.raises(DomainError, match="权限"):
        petition_accept(petition=petition, actor=blue_admin, note="受理")
    assert Petition.objects.get(pk=petition.pk).state == P.RECEIVED


def test_two_people_accepting_at_once_one_wins(team_leader_a, officer_a):
    petition = register(team_leader_a)
    stale = Petition.objects.get(pk=petition.pk)
    petition_accept(petition=petition, actor=team_leader_a, note="予以受理。")
    with pytest.raises(ChangedMeanwhile):
        petition_refuse(petition=stale, actor=officer_a, note="不予受理")
    assert Petition.objects.get(pk=petition.pk).state == P.ACCEPTED
