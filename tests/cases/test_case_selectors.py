"""Reads of case handling: always scoped; which steps a user may take; what the workbench shows."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.http import Http404
from django.utils import timezone

from tests.conftest import make_user
from zhifa.accounts.roles import Role
from zhifa.cases import selectors, services
from zhifa.cases.models import Case, CaseDeadline
from zhifa.cases.selectors import CaseFilters, LeadFilters
from zhifa.lib.evidence_store import evidence_store

TODAY = timezone.localdate


def actions(case: Case, user) -> set[str]:
    case = selectors.case_get(user=user, pk=case.pk) if Case.objects.for_user(user).filter(pk=case.pk).exists() \
        else case
    return {t.action for t in selectors.case_actions(case=case, user=user)}


@pytest.fixture(autouse=True)
def _evidence_store_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def blue_officer(org):
    return make_user("blue_officer", [Role.OFFICER], org.blue, org.blue_team)


# --- case_actions ------------------------------------------------------------------------------------------
def test_only_a_leader_is_offered_the_filing_decision(world, supervisor):
    case = world.request_filing()
    assert actions(case, world.leader) == {"approve_filing", "reject_filing"}
    assert actions(case, world.a1) == set()
    assert actions(case, world.team_leader) == set()
    assert actions(case, supervisor) == set()  # reads every bureau, acts in none


def test_investigation_steps_go_to_the_case_officers_and_dismissal_to_a_leader(world):
    case = world.filed()
    assert actions(case, world.a1) == {"submit_report"}
    assert actions(case, world.team_leader) == set()  # an officer by role, but not of this case
    assert actions(case, world.leader) == {"dismiss"}


def test_a_recused_officer_is_offered_nothing(world):
    case = world.filed()
    services.officer_recuse(case=case, officer=world.a2.officer, reason="近亲属", actor=world.team_leader)
    assert actions(case, world.a2) == set()


def test_a_review_step_is_offered_only_to_the_role_whose_turn_it_is(world):
    case = world.reported(matter=world.big_matter, fine_yuan=5000)  # team leader → legal review → leader
    review = {"review_pass", "review_final", "review_return", "review_reject"}
    assert actions(case, world.team_leader) == review
    assert actions(case, world.reviewer) == set()
    assert actions(case, world.leader) == set()
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    assert actions(case, world.reviewer) == review
    assert actions(case, world.team_leader) == set()


def test_a_user_of_another_bureau_is_offered_nothing(world, blue_officer):
    case = world.request_filing()
    assert selectors.case_actions(case=case, user=blue_officer) == []


# --- reads are scoped --------------------------------------------------------------------------------------
def test_case_and_lead_pages_are_404_outside_the_scope(world, officer_b, blue_officer, supervisor):
    case = world.filed()
    for outsider in (officer_b, blue_officer):
        with pytest.raises(Http404):
            selectors.case_get(user=outsider, pk=case.pk)
        with pytest.raises(Http404):
            selectors.lead_get(user=outsider, pk=case.lead_id)
    assert selectors.case_get(user=supervisor, pk=case.pk) == case
    assert selectors.case_get(user=world.reviewer, pk=case.pk) == case  # the legal office sees the bureau


def test_evidence_is_reachable_only_through_a_visible_case(world, blue_officer):
    case = world.filed()
    stored = evidence_store(stream=io.BytesIO(b"%PDF-1.4\n"), declared_name="a.pdf", max_bytes=1000, allowed={"pdf"})
    evidence = services.evidence_add(case=case, stored=stored, kind="document", title="营业执照复印件",
                                     collected_at=timezone.now(), how="当事人提供", original_name="a.pdf",
                                     actor=world.a1)
    assert selectors.evidence_get(user=world.a2, pk=evidence.pk) == evidence
    with pytest.raises(Http404):
        selectors.evidence_get(user=blue_officer, pk=evidence.pk)


def test_the_case_list_searches_parties_numbers_and_officers_and_filters_dates(world):
    filed = world.filed()
    company = world.request_filing(organisation=True)
    listed = lambda **f: list(selectors.case_list(user=world.leader, filters=CaseFilters(**f)))  # noqa: E731
    assert listed(q="张三") == listed()  # both titles name 张三
    assert listed(q="91350100M000100Y43") == [company]  # the credit code
    assert listed(q=filed.number) == [filed]
    assert listed(q="甲二") == listed()
    assert listed(state="investigating") == [filed]
    assert listed(filed_from=filed.filed_on, filed_to=filed.filed_on) == [filed]
    assert listed(filed_from=filed.filed_on + dt.timedelta(days=1)) == []
    assert listed(due_to=filed.decision_due, due_from=filed.decision_due) == [filed]
    assert listed(matter_id=world.big_matter.pk) == []
    assert listed(officer_id=world.a3_officer.pk) == []


def test_the_case_list_is_newest_first_and_pages_by_keyset(world):
    cases = [world.request_filing() for _ in range(5)]
    queryset = selectors.case_list(user=world.leader, filters=CaseFilters())
    first = selectors.case_list_page(queryset, before=None, after=None, size=2)
    assert first.rows == [cases[4], cases[3]] and first.previous_after is None
    second = selectors.case_list_page(queryset, before=first.next_before, after=None, size=2)
    assert second.rows == [cases[2], cases[1]] and second.previous_after == cases[2].pk
    last = selectors.case_list_page(queryset, before=second.next_before, after=None, size=2)
    assert last.rows == [cases[0]] and last.next_before is None
    back = selectors.case_list_page(queryset, before=None, after=second.previous_after, size=2)
    assert back.rows == first.rows and back.previous_after is None


def test_the_lead_list_is_scoped_and_searchable(world, officer_b):
    world.lead()
    assert selectors.lead_list(user=officer_b, filters=LeadFilters()).count() == 0
    assert selectors.lead_list(user=world.a2, filters=LeadFilters(q="水果")).count() == 1
    assert selectors.lead_list(user=world.a2, filters=LeadFilters(q="水果", state="filed")).count() == 0


def test_the_timeline_starts_with_the_lead_and_links_each_evidence_to_its_file(world):
    case = world.filed()
    files = []
    for content in (b"%PDF-1.4\n1", b"%PDF-1.4\n2"):
        stored = evidence_store(stream=io.BytesIO(content), declared_name="a.pdf", max_bytes=1000, allowed={"pdf"})
        files.append(services.evidence_add(case=case, stored=stored, kind="document", title="书证",
                                           collected_at=timezone.now(), how="", original_name="a.pdf",
                                           actor=world.a1))
    case = selectors.case_get(user=world.a1, pk=case.pk)
    items = selectors.timeline_items(case, selectors.case_timeline(case))
    assert [i.entry.action for i in items] == ["lead.register", "case.request_filing", "case.approve_filing",
                                               "case.evidence", "case.evidence"]
    assert [i.evidence for i in items if i.evidence] == files
    assert items[2].to_label == "调查取证" and items[2].anchor == "approvals"


# --- the workbench -------------------------------------------------------------------------------------------
def test_approvals_waiting_hold_the_leaders_filings_but_not_their_own_cases(world):
    mine = world.request_filing()
    other = world.request_filing(officers=[(world.a1.officer, "lead"), (world.leader2.officer, "co")])
    assert [a.case for a in selectors.approvals_waiting(user=world.leader)] == [mine, other]
    assert [a.case for a in selectors.approvals_waiting(user=world.leader2)] == [mine]  # 办审分离
    assert selectors.approvals_waiting(user=world.a1) == []


def test_approvals_waiting_follow_the_chain_step_by_step(world):
    case = world.reported(matter=world.big_matter, fine_yuan=5000)
    assert [a.label for a in selectors.approvals_waiting(user=world.team_leader)] == ["执法队负责人审核"]
    assert selectors.approvals_waiting(user=world.reviewer) == []
    assert selectors.approvals_waiting(user=world.leader) == []  # not the leader's turn yet
    case = services.review_decide(case=case, actor=world.team_leader, decision="approved")
    assert selectors.approvals_waiting(user=world.team_leader) == []
    assert [a.label for a in selectors.approvals_waiting(user=world.reviewer)] == ["法制审核"]
    services.review_decide(case=case, actor=world.reviewer, decision="approved")
    assert [a.label for a in selectors.approvals_waiting(user=world.leader)] == ["局领导审批"]


def test_tasks_say_what_the_officer_must_do_next(world, officer_b):
    lead = world.lead()
    investigating = world.filed()
    approved = world.approved()
    notified = world.notified(served_on=TODAY() - dt.timedelta(days=30))
    running = world.notified(served_on=TODAY())
    labels = {(t.case or t.lead): t.label for t in selectors.workbench_tasks(user=world.a1, today=TODAY())}
    assert labels[lead].startswith("案源待核查")
    assert "提交调查终结报告" in labels[investigating]
    assert "送达行政处罚事先告知书" in labels[approved]
    assert "作出行政处罚决定" in labels[notified]
    assert running not in labels  # the party's period still runs: nothing to do yet
    assert selectors.workbench_tasks(user=officer_b, today=TODAY()) == []


def test_a_returned_report_is_a_task_with_the_reviewers_points(world):
    case = world.reported()
    services.review_decide(case=case, actor=world.team_leader, decision="returned", opinion="补充询问笔录")
    [task] = [t for t in selectors.workbench_tasks(user=world.a1, today=TODAY()) if t.case]
    assert "补充询问笔录" in task.label


def test_deadlines_warn_at_75_and_90_percent_and_when_overdue(world, officer_b):
    overdue_lead = world.lead(discovered_on=TODAY() - dt.timedelta(days=60))
    at_80, at_95 = world.filed(), world.filed()
    for case, elapsed in ((at_80, 72), (at_95, 86)):
        CaseDeadline.objects.filter(case=case, rule="decision").update(start=TODAY() - dt.timedelta(days=elapsed),
                                                                        due=TODAY() + dt.timedelta(days=90 - elapsed))
    items = selectors.deadlines_nearest(user=world.a1, today=TODAY())
    level = {(i.deadline.case or i.deadline.lead): i.level for i in items}
    assert level[overdue_lead] == "overdue" and items[0].deadline.lead == overdue_lead
    assert level[at_80] == "75" and level[at_95] == "90"
    assert selectors.deadlines_nearest(user=officer_b, today=TODAY()) == []


def test_a_party_period_that_ran_out_leaves_the_list_and_met_deadlines_never_show(world):
    case = world.notified(served_on=TODAY() - dt.timedelta(days=30))
    rules = {i.deadline.rule for i in selectors.deadlines_nearest(user=world.a1, today=TODAY())
             if i.deadline.case == case}
    assert rules == {"decision"}  # the statement period is over, not overdue; the lead's deadline was met
