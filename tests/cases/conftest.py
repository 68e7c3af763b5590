"""A small bureau in which a case can be carried from lead to decision.

Team A has two certified officers (A1 is officer_a's account, A2 has its own account), a team leader; the
legal office has a qualified reviewer; two bureau leaders. One matter (占道经营) with a discretion ladder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.conftest import make_user
from zhifa.accounts import services as accounts
from zhifa.accounts.models import Officer, User
from zhifa.accounts.roles import Role
from zhifa.accounts.services import CertificateData, OfficerData
from zhifa.cases import services
from zhifa.cases.models import Case, CaseOfficer, Lead, Party
from zhifa.cases.services import FilingData, PartyData, ReportData
from zhifa.catalog import services as catalog
from zhifa.catalog.discretion import CaseFacts
from zhifa.catalog.models import EnforcementMatter, MatterChange
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData, StepData

TODAY = timezone.localdate


def certified_officer(org, name: str, number: str, department, user: User | None = None, legal: bool = False,
                      valid_to: dt.date = dt.date(2099, 12, 31)) -> Officer:
    officer = accounts.officer_create(bureau=org.red, actor=None, data=OfficerData(
        name=name, department=department, legal_qualified=legal))
    accounts.certificate_add(officer=officer, actor=None, data=CertificateData(
        number=number, issuing_authority="宁夏回族自治区人民政府", valid_from=dt.date(2020, 1, 1), valid_to=valid_to))
    if user is not None:
        officer.user = user
        officer.save(update_fields=["user"])
    return officer


@dataclass
class World:
    org: object
    matter: EnforcementMatter
    big_matter: EnforcementMatter
    a1: User
    a2: User
    a3_officer: Officer  # certified, no account
    team_leader: User
    reviewer: User
    leader: User
    leader2: User
    assistant: User

    def lead(self, discovered_on: dt.date | None = None, by: User | None = None) -> Lead:
        return services.lead_register(
            actor=by or self.a1, source=Lead.Source.PATROL,
            # Discovered two months ago, so that notices and decisions in tests can be dated in the past.
            discovered_on=discovered_on or TODAY() - dt.timedelta(days=60),
            place="示范路与建设街交叉口", facts="发现当事人在人行道上摆摊经营水果")

    def request_filing(self, lead: Lead | None = None, *, matter: EnforcementMatter | None = None,
                       violation_on: dt.date | None = None, officers: list | None = None,
                       organisation: bool = False, is_major: bool = False, **kwargs) -> Case:
        lead = lead or self.lead()
        party = (PartyData(kind=Party.Kind.ORGANISATION, name="示范区某某商贸有限公司", address="示范区建设街1号",
                           credit_code="91350100M000100Y43", representative="王某")
                 if organisation else
                 PartyData(kind=Party.Kind.PERSON, name="张三", address="示范区幸福小区3号楼",
                           id_number="11010519491231002X", phone="13909511234"))
        return services.case_request_filing(lead=lead, actor=self.a1, data=FilingData(
            matter=matter or self.matter, title="张三占道经营案", facts="在人行道上摆摊经营水果约4平方米",
            violation_on=violation_on or lead.discovered_on, parties=[party], is_major=is_major,
            officers=officers if officers is not None else [
                (self.a1.officer, CaseOfficer.Role.LEAD), (self.a2.officer, CaseOfficer.Role.CO)],
            **kwargs))

    def filed(self, **kwargs) -> Case:
        case = self.request_filing(**kwargs)
        return services.case_transition(case=case, action="approve_filing", actor=self.leader,
                                        on=case.lead.discovered_on)

    def reported(self, fine_yuan: int = 300, level: str = "general", **kwargs) -> Case:
        case = self.filed(**kwargs)
        services.report_save(case=case, actor=self.a1, data=ReportData(
            facts_found="当事人于人行道摆摊经营，占道约4平方米，经劝阻后改正", outcome="penalty",
            facts=CaseFacts(level=level), fine_fen=fine_yuan * 100))
        return services.case_transition(case=case, action="submit_report", actor=self.a1)

    def approved(self, **kwargs) -> Case:
        case = self.reported(**kwargs)
        while case.state == Case.State.REVIEWING:
            from zhifa.cases.guards import pending_step

            step = pending_step(case)
            actor = {"team_leader": self.team_leader, "legal_review": self.reviewer,
                     "leader": self.leader}[step.kind]
            case = services.review_decide(case=case, actor=actor, decision="approved", opinion="同意")
        return case

    def notified(self, served_on: dt.date | None = None, **kwargs) -> Case:
        case = self.approved(**kwargs)
        return services.case_transition(case=case, action="issue_notice", actor=self.a1,
                                        served_on=served_on or TODAY())


@pytest.fixture(autouse=True)
def _calendar_beyond_the_package(db) -> None:
    """Cases opened today run into years the chinesecalendar package does not cover yet; load a plain
    schedule (weekends plus New Year's Day) for the next two years, as an administrator would each year."""
    from zhifa.workdays.importing import CalendarImportRow
    from zhifa.workdays.models import WorkCalendarYear
    from zhifa.workdays.services import calendar_year_import

    for year in (TODAY().year + 1, TODAY().year + 2):
        if not WorkCalendarYear.objects.filter(year=year).exists():
            report = calendar_year_import(rows=[CalendarImportRow(2, f"{year}-01-01", "放假", "元旦")], year=year,
                                          source="测试用日历（仅周末和元旦）", actor=None)
            assert report.ok, report


@pytest.fixture
def world(org) -> World:
    a1 = make_user("a1", [Role.OFFICER], org.red, org.team_a)
    a2 = make_user("a2", [Role.OFFICER], org.red, org.team_a)
    team_leader = make_user("tl", [Role.TEAM_LEADER, Role.OFFICER], org.red, org.team_a)
    reviewer = make_user("lr", [Role.LEGAL_REVIEWER], org.red, org.legal)
    leader = make_user("boss", [Role.BUREAU_LEADER], org.red)
    leader2 = make_user("boss2", [Role.BUREAU_LEADER], org.red)
    assistant = make_user("helper", [Role.ASSISTANT], org.red, org.team_a)
    certified_officer(org, "甲一", "6403-0001", org.team_a, a1)
    certified_officer(org, "甲二", "6403-0002", org.team_a, a2)
    a3 = certified_officer(org, "甲三", "6403-0003", org.team_a)
    certified_officer(org, "队长", "6403-0004", org.team_a, team_leader)
    certified_officer(org, "审核员", "6403-0005", org.legal, reviewer, legal=True)
    certified_officer(org, "局长", "6403-0006", None, leader)
    certified_officer(org, "副局长", "6403-0007", None, leader2)
    for user in (a1, a2, team_leader, reviewer, leader, leader2):
        user.refresh_from_db()
    transfer = ChangeRecord(date=dt.date(2021, 3, 1), document_number="红编发〔2021〕5号")
    matter = catalog.matter_create(bureau=org.red, actor=None, event=MatterChange.Event.TRANSFER_IN, change=transfer,
                                   data=MatterData(
        code="SR-001", name="对擅自占道经营行为的行政处罚", category="市容环境卫生",
        penalty_bases=[BasisData("城市市容和环境卫生管理条例", "第三十六条", "第（二）项")],
        penalties=[PenaltyData("warning"), PenaltyData("fine", min_fen=0, max_fen=2000_00)]))
    catalog.discretion_steps_set(matter=matter, actor=None, steps=[
        StepData("general", "占道2至5平方米", "fine", 100_00, 500_00),
        StepData("serious", "占道5至10平方米", "fine", 500_00, 1000_00),
        StepData("grave", "占道10平方米以上", "fine", 1000_00, 2000_00)])
    big = catalog.matter_create(bureau=org.red, actor=None, event=MatterChange.Event.TRANSFER_IN, change=transfer,
                                data=MatterData(
        code="GH-001", name="对未取得建设工程规划许可证进行建设的行政处罚", category="城乡规划",
        penalty_bases=[BasisData("城乡规划法", "第六十四条")], needs_legal_review=True,
        penalties=[PenaltyData("fine", min_fen=0, max_fen=500_000_00)]))
    return World(org, matter, big, a1, a2, a3, team_leader, reviewer, leader, leader2, assistant)
