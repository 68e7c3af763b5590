"""Demo cases: a year in the life of the demo bureau, in every state of case handling (part 1).

`demo_cases_load(bureau=...)` carries about seventy cases of three teams through the case services — every
guard applies, nothing is written around them — from leads still waiting for a filing decision to penalty
decisions after a hearing: filing review, investigation (inquiry and inspection records, photos stored by
hash, body-camera recordings, preservation and seizure), the review chain with legal review and collective
discussion, prior notices with the party's statements and waivers, hearings, decisions not to punish,
dismissals and refusals to file. Some cases are overdue and some near the 75 % / 90 % marks of the 90-day
decision period, so the workbench has something to show. Idempotent: a bureau that has cases is left alone.

Dates. The legal dates go through the services' own parameters (`on`, `served_on`, `requested_on`,
`received_on`, `waived_on`, `scheduled_on`, `started_on`, `released_on`), so every period and deadline is
computed from the past day it belongs to. The services stamp their rows (timeline, approvals, records,
evidence) with the real time; for a readable case page the demo then moves those stamps to the day of the step.
The audit log is never touched: it records that the demo was loaded today, by the system. A few steps take
today inside the service (a dismissal, a decision on preserved evidence, a refusal to file): the cases that
use them are recent ones.

Officers. The demo bureau's current certificates were issued about six months ago (accounts/demo.py); an
older case needs certificates valid on its filing and decision days (art. 42), so each officer who works on
the demo cases gets the certificate it renewed (a previous one, now expired) through the accounts service.
Team 2 and team 3 get an officer and a team leader account each, and the 副局长 gets one for collective
discussions and hearings: their passwords are random and not printed (an administrator can reset them).

Calendar. Deadlines of recent cases may run into a year that the chinesecalendar package and the calendar
table do not cover yet (late in the year, before the State Council publishes the next schedule). Only when a
step of the demo needs such a year does the demo import, for that year, a schedule of weekends plus New
Year's Day labelled "演示用临时日历（非官方）" (calendar_year_import, audited) and log a warning: an
administrator must replace it with the official schedule when it is published.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import random
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.accounts import services as accounts
from zhifa.accounts.demo import GIVEN, SURNAMES, TEAMS, demo_id_number
from zhifa.accounts.models import Bureau, Certificate, Department, Officer, User
from zhifa.accounts.roles import Role
from zhifa.accounts.services import CertificateData
from zhifa.cases import execution, services
from zhifa.cases.guards import latest_notice, pending_step
from zhifa.cases.models import (
    Approval,
    Case,
    CaseOfficer,
    Evidence,
    InvestigationReport,
    Lead,
    Party,
    Record,
    Recording,
    Seizure,
    TimelineEntry,
)
from zhifa.cases.performance import Performance
from zhifa.cases.services import FilingData, PartyData, RecordData, RecordingData, ReportData
from zhifa.catalog.discretion import CaseFacts, discretion_recommend
from zhifa.catalog.models import EnforcementMatter
from zhifa.lib.errors import DomainError
from zhifa.lib.identifiers import uscc_check_char
from zhifa.workdays.calendar_cache import calendar_cache_clear
from zhifa.workdays.importing import CalendarImportRow
from zhifa.workdays.periods import CalendarNotCovered
from zhifa.workdays.services import calendar_year_import, deadline_compute

logger = logging.getLogger(__name__)
# The rows the services stamp with the real time, and the field the demo moves to the day of the step.
STAMPED: tuple[tuple[Any, str], ...] = ((TimelineEntry, "at"), (Approval, "requested_at"), (Record, "created_at"),
                                        (Evidence, "created_at"), (Recording, "created_at"))
T = TypeVar("T")
S = Case.State

PROVISIONAL_CALENDAR_SOURCE = "演示用临时日历（非官方）"
SEED = 20241128  # the same demo on every machine (dates move with today)

# Matters the demo files under, by the kind of party they usually concern.
STREET = ["CG-SZ-001", "CG-HB-007", "CG-JT-002", "CG-SZ-002", "CG-HB-003"]  # a person or a small business
SHOPS = ["CG-HB-005", "CG-SR-017", "CG-HB-007"]
SITES = ["CG-HB-001", "CG-HB-010", "CG-HB-011", "CG-SR-016", "CG-GH-006", "CG-SL-002", "CG-YL-007"]
BUILDING = ["CG-GH-001", "CG-GH-003"]  # fines by multiple of the project cost; legal review by the catalog

PLACES = ["建设街与文化路交叉口", "幸福小区东门", "金凤广场南侧", "滨河大道12号工地", "新华街步行街",
          "长城路农贸市场", "银湖公园西门", "开发区纬三路", "城关街道北京路", "南门汽车站广场"]
SOURCES = [Lead.Source.PATROL, Lead.Source.PATROL, Lead.Source.COMPLAINT, Lead.Source.COMPLAINT,
           Lead.Source.INSPECTION, Lead.Source.TRANSFER, Lead.Source.ASSIGNMENT, Lead.Source.MONITORING]
REPORTERS = {Lead.Source.COMPLAINT: "12345热线工单", Lead.Source.TRANSFER: "区市场监督管理局移送函",
             Lead.Source.ASSIGNMENT: "区政府督办通知", Lead.Source.MONITORING: "城市管理视频监控平台"}
COMPANIES = ["示范区华兴餐饮店", "宁夏恒通建设工程有限公司", "示范区顺达物流有限公司", "宁夏银川市鑫源商贸有限公司",
             "示范区老街烧烤店", "宁夏博远市政工程有限公司", "示范区宏达建材经营部", "宁夏塞上园林绿化有限公司"]


# --- tiny but valid image files, generated so that each case's photos have their own hash --------------------
def demo_png(seed: int, size: int = 16) -> bytes:
    """A valid PNG of one colour (8-bit RGB), the colour taken from `seed`."""
    rgb = bytes(((seed * 67) % 256, (seed * 131) % 256, (seed * 199) % 256))
    raw = b"".join(b"\x00" + rgb * size for _ in range(size))  # filter type 0 per scanline

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def demo_jpeg(comment: str) -> bytes:
    """A valid baseline JPEG: one grey 8×8 block, with `comment` in a COM segment (so hashes differ).

    The single block's DC difference is 0 (mid grey) and every AC coefficient is 0, so one-symbol Huffman
    tables suffice: DC category 0 and AC end-of-block, each coded as the bit 0; the scan is `00` padded with 1s.
    """
    text = comment.encode()[:60000]
    quant = b"\x00" + bytes([1] * 64)  # table 0, 8-bit precision
    frame = b"\x08" + struct.pack(">HH", 8, 8) + b"\x01" + b"\x01\x11\x00"  # 8 bits, 8×8, one component
    dc_table = b"\x00" + bytes([1] + [0] * 15) + b"\x00"  # class 0 id 0: one code of length 1 → category 0
    ac_table = b"\x10" + bytes([1] + [0] * 15) + b"\x00"  # class 1 id 0: one code of length 1 → EOB
    scan = b"\x01" + b"\x01\x00" + b"\x00\x3f\x00"

    def segment(marker: int, data: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data

    return (b"\xff\xd8" + segment(0xFE, text) + segment(0xDB, quant) + segment(0xC0, frame)
            + segment(0xC4, dc_table) + segment(0xC4, ac_table) + segment(0xDA, scan) + b"\x3f" + b"\xff\xd9")


def demo_credit_code(rng: random.Random) -> str:
    """An invented unified social credit code with a valid GB 32100 check character (region 640300)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "91640300" + "".join(rng.choice(alphabet) for _ in range(9))
    return first17 + uscc_check_char(first17)


# --- the plan: which cases, in which state, on which days ------------------------------------------------------
@dataclass
class Plan:
    """One demo case. `filed_ago`: days before today the filing was approved (or requested)."""

    state: str
    team: int
    matter: str
    filed_ago: int
    organisation: bool = False
    outcome: str = InvestigationReport.Outcome.PENALTY
    major: bool = False
    hearing: str = ""  # "", "requested", "scheduled", "held"
    review_stop: int = 0  # REVIEWING: how many chain steps are already passed
    notice_ago: int = 0  # NOTIFIED: days since the notice was served
    waive: bool = False
    statement: bool = False
    deviate: bool = False
    preservation: str = ""  # "", "open", "overdue"
    seizure: str = ""  # "", "open", "released"
    extend: bool = False
    recusal: bool = False
    assistant: bool = False
    lead_only: int = 0  # a lead without a case: days since it was discovered
    extend_lead: bool = False


def _plans(rng: random.Random) -> list[Plan]:
    """About seventy cases and a few leads; half on team 1 (the demo officer's), the rest on teams 2 and 3."""

    def team() -> int:
        return rng.choice([0, 0, 0, 1, 2])

    def street() -> str:
        return rng.choice(STREET)

    plans: list[Plan] = []
    # Leads waiting for a filing decision: fresh, near their 15 working days, overdue, one extended.
    for ago, extended in ((1, False), (4, False), (13, False), (26, False), (19, True)):
        plans.append(Plan("lead", 0 if ago != 13 else 1, street(), ago, lead_only=ago, extend_lead=extended))
    plans += [Plan(S.FILING_REVIEW, team(), street(), ago) for ago in (0, 1, 2, 3)]
    plans += [Plan(S.NOT_FILED, team(), street(), ago) for ago in (6, 15, 28)]
    # Investigating: recent ones, some near the 75 % and 90 % marks, some overdue (one with an extension),
    # open preservations and seizures.
    for ago in (4, 9, 16, 23, 35, 48):
        plans.append(Plan(S.INVESTIGATING, team(), rng.choice(STREET + SHOPS), ago, assistant=ago % 2 == 0))
    plans += [Plan(S.INVESTIGATING, 0, "CG-HB-007", 8, preservation="open"),
              Plan(S.INVESTIGATING, 1, "CG-SZ-001", 14, preservation="overdue"),
              Plan(S.INVESTIGATING, 0, "CG-HB-003", 27, seizure="open", organisation=True),
              Plan(S.INVESTIGATING, 2, rng.choice(SITES), 20, seizure="open", organisation=True)]
    plans += [Plan(S.INVESTIGATING, team(), rng.choice(SITES), ago, organisation=True) for ago in (70, 74)]  # ≥ 75 %
    plans += [Plan(S.INVESTIGATING, team(), rng.choice(STREET), ago) for ago in (83, 86)]  # ≥ 90 %
    plans += [Plan(S.INVESTIGATING, 0, rng.choice(SHOPS), 97, recusal=True),
              Plan(S.INVESTIGATING, 1, rng.choice(SITES), 112, organisation=True),
              Plan(S.INVESTIGATING, 0, rng.choice(STREET), 104, extend=True)]
    # Reviewing: waiting at each step of the chain, one major case at the collective discussion.
    plans += [Plan(S.REVIEWING, 0, street(), 30, review_stop=0),
              Plan(S.REVIEWING, 1, rng.choice(SHOPS), 41, review_stop=0),
              Plan(S.REVIEWING, 0, rng.choice(BUILDING), 52, review_stop=1),  # at legal review
              Plan(S.REVIEWING, 2, rng.choice(SITES), 38, review_stop=1, organisation=True),  # at the leader
              Plan(S.REVIEWING, 0, rng.choice(STREET), 45, review_stop=1, deviate=True),  # deviation → legal review
              Plan(S.REVIEWING, 0, rng.choice(BUILDING), 63, review_stop=2, major=True)]  # at the discussion
    plans += [Plan(S.APPROVED, team(), street(), ago) for ago in (33, 57)]
    plans += [Plan(S.APPROVED, 0, "CG-SZ-001", 40, outcome=InvestigationReport.Outcome.NOT_PUNISHABLE)]
    # Notified: periods running, and periods over (the officer's task: decide).
    for notice_ago, statement in ((1, False), (3, True), (5, False), (9, True), (12, False)):
        plans.append(Plan(S.NOTIFIED, team(), rng.choice(STREET + SHOPS), 40 + notice_ago, notice_ago=notice_ago,
                          statement=statement))
    plans += [Plan(S.NOTIFIED, 2, rng.choice(SITES), 55, notice_ago=4, organisation=True)]
    # Hearings: requested and waiting to be scheduled; scheduled for next week; held and approved again.
    plans += [Plan(S.HEARING, 0, "CG-GH-001", 45, hearing="requested"),
              Plan(S.HEARING, 1, "CG-GH-003", 50, hearing="scheduled"),
              Plan(S.APPROVED, 0, "CG-GH-001", 72, hearing="held")]
    # Decided over the year: waivers, statements, hearings, major cases, deviations, a seizure released.
    for index, ago in enumerate(range(110, 365, 12)):
        kind = index % 6
        plans.append(Plan(
            S.DECIDED, team(), rng.choice(STREET + SHOPS + SITES), ago, organisation=kind in (2, 5),
            waive=kind == 1, statement=kind == 3, deviate=kind == 4, seizure="released" if kind == 5 else "",
            assistant=kind == 0))
    plans += [Plan(S.DECIDED, 0, "CG-GH-001", 150, hearing="held"),
              Plan(S.DECIDED, 2, "CG-GH-003", 240, hearing="held", statement=True),
              Plan(S.DECIDED, 0, "CG-GH-001", 300, hearing="held", major=True),
              Plan(S.DECIDED, 1, rng.choice(SITES), 200, major=True, organisation=True)]
    not_punishable = [InvestigationReport.Outcome.NOT_PUNISHABLE, InvestigationReport.Outcome.INSUFFICIENT]
    plans += [Plan(S.NOT_PUNISHED, team(), street(), ago, outcome=not_punishable[i % 2])
              for i, ago in enumerate((95, 160, 230, 310))]
    plans += [Plan(S.DISMISSED, team(), street(), ago) for ago in (12, 25)]
    return plans


# --- the loader ------------------------------------------------------------------------------------------------
@dataclass
class _Team:
    department: Department
    officer: User  # lead officer, has an account
    partners: list[Officer]  # certified officers of the team, no account needed
    leader: User  # 中队长: the team-leader review step
    assistant: Officer | None


@dataclass
class _Loader:
    bureau: Bureau
    today: dt.date
    rng: random.Random
    teams: list[_Team] = field(default_factory=list)
    leader: User | None = None
    deputy: User | None = None
    reviewer: User | None = None
    matters: dict[str, EnforcementMatter] = field(default_factory=dict)
    store: Callable[..., Any] | None = None
    provisional_years: list[int] = field(default_factory=list)
    photos: int = 0
    marks: dict[Any, int] = field(default_factory=dict)

    # --- people -----------------------------------------------------------------------------------------
    def people(self) -> None:
        self.leader = User.objects.get(username="leader")
        self.reviewer = User.objects.get(username="reviewer")
        self.deputy = self._account("deputy", [Role.BUREAU_LEADER], self._officer(None, "副局长"), None)
        for index in range(3):
            department = Department.objects.get(bureau=self.bureau, name=TEAMS[index])
            members = list(Officer.objects.filter(bureau=self.bureau, department=department, position="执法队员",
                                                  kind=Officer.Kind.OFFICER).order_by("pk"))
            usable = [o for o in members if self._certified_until(o) > self.today + dt.timedelta(days=120)]
            head = self._officer(department, "中队长")
            if index == 0:
                officer = User.objects.get(username="officer")
                leader = User.objects.get(username="teamleader")
            else:
                officer = self._account(f"officer{index + 1}", [Role.OFFICER], usable[0], department)
                leader = self._account(f"teamleader{index + 1}", [Role.TEAM_LEADER, Role.OFFICER], head, department)
            lead_officer = Officer.objects.get(user=officer)
            partners = [o for o in usable if o.pk != lead_officer.pk][:3]
            assistant = Officer.objects.filter(bureau=self.bureau, department=department,
                                               kind=Officer.Kind.ASSISTANT).order_by("pk").first()
            self.teams.append(_Team(department, officer, partners, leader, assistant))
            for member in (lead_officer, *partners):
                self._previous_certificate(member)

    def _officer(self, department: Department | None, position: str) -> Officer:
        found = Officer.objects.filter(bureau=self.bureau, position=position, kind=Officer.Kind.OFFICER)
        found = found.filter(department=department) if department is not None else found
        officer = found.order_by("pk").first()
        if officer is None:
            raise RuntimeError(f"演示执法局缺少“{position}”，请先运行 demo_organisation_load")
        return officer

    def _account(self, username: str, roles: list[str], officer: Officer, department: Department | None) -> User:
        if officer.user_id is not None:
            return User.objects.get(pk=officer.user_id)
        if User.objects.filter(username=username).exists():
            username = f"{username}_{self.bureau.pk}"
        office = department or Department.objects.filter(bureau=self.bureau, name="办公室").first()
        return accounts.user_create(username=username, password=accounts.password_generate(), roles=roles,
                                    actor=None, full_name=officer.name, bureau=self.bureau, department=office,
                                    officer=officer)

    @staticmethod
    def _certified_until(officer: Officer) -> dt.date:
        return max((c.valid_to for c in officer.certificates.all() if c.status == Certificate.Status.VALID),
                   default=dt.date.min)

    def _previous_certificate(self, officer: Officer) -> None:
        """The certificate this one renewed, so that the year's cases had certified officers (art. 42)."""
        current = officer.certificates.order_by("valid_from").first()
        if current is None or current.valid_from <= self.today - dt.timedelta(days=400):
            return
        valid_to = current.valid_from - dt.timedelta(days=1)
        accounts.certificate_add(officer=officer, actor=None, data=CertificateData(
            number=f"{current.number}-{valid_to.year - 3}", issuing_authority=current.issuing_authority,
            scope=current.scope, valid_from=valid_to - dt.timedelta(days=3 * 365), valid_to=valid_to))

    # --- time ----------------------------------------------------------------------------------------------
    def day(self, ago: int) -> dt.date:
        return self.today - dt.timedelta(days=ago)

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        minute = self.rng.randrange(0, 60)
        return timezone.make_aware(dt.datetime.combine(min(day, self.today), dt.time(hour, minute)))

    @contextmanager
    def on(self, day: dt.date, hour: int = 10) -> Iterator[None]:
        """Rows the services write inside the block are stamped with `day` instead of the real time."""
        before = self.marks or self._marks()
        started = timezone.now()
        yield
        when = self.at(day, hour)
        after = self._marks()
        for model, field_name in STAMPED:
            if after[model] > before[model]:
                model.objects.filter(pk__gt=before[model]).update(**{field_name: when})
        Approval.objects.filter(decided_at__gte=started).update(decided_at=when)
        self.marks = after

    def _marks(self) -> dict[Any, int]:
        """The newest id of each stamped table, in one query (table names from the models, never from input)."""
        tables = [connection.ops.quote_name(model._meta.db_table) for model, _ in STAMPED]
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"(SELECT MAX(id) FROM {table})" for table in tables))  # noqa: S608
            row = cursor.fetchone()
        return {model: value or 0 for (model, _), value in zip(STAMPED, row, strict=True)}

    def step(self, day: dt.date, action: Callable[[], T], hour: int = 10) -> T:
        """One service call on `day`; a deadline in a year no calendar covers gets the provisional calendar."""
        for _ in range(3):
            try:
                with transaction.atomic(), self.on(day, hour):
                    return action()
            except CalendarNotCovered as exc:
                self.provisional_calendar(exc.year)
        raise RuntimeError("工作日历仍未覆盖所需年份")

    def provisional_calendar(self, year: int) -> None:
        if year in self.provisional_years:
            raise RuntimeError(f"{year} 年的演示用临时日历已导入，仍无法计算时限")
        report = calendar_year_import(rows=[CalendarImportRow(2, f"{year}-01-01", "放假", "元旦")], year=year,
                                      source=PROVISIONAL_CALENDAR_SOURCE, actor=None)
        if not report.ok:
            raise RuntimeError(f"无法导入 {year} 年演示用临时日历：{[str(e) for e in report.errors]}")
        calendar_cache_clear()
        self.provisional_years.append(year)
        logger.warning("演示数据需要 %s 年的工作日历，已导入“%s”（仅周末和元旦）。正式使用前请由系统管理员导入"
                       "国务院办公厅公布的 %s 年节假日安排。", year, PROVISIONAL_CALENDAR_SOURCE, year)

    # --- one case -----------------------------------------------------------------------------------------
    def party(self, plan: Plan) -> PartyData:
        rng = self.rng
        if plan.organisation:
            return PartyData(kind=Party.Kind.ORGANISATION, name=rng.choice(COMPANIES),
                             address=f"示范区{rng.choice(PLACES)}", credit_code=demo_credit_code(rng),
                             representative=rng.choice(SURNAMES) + rng.choice(GIVEN),
                             phone=f"0951{rng.randrange(5000000, 9999999)}")
        return PartyData(kind=Party.Kind.PERSON, name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                         address=f"示范区{rng.choice(['幸福', '阳光', '金桥', '丽景'])}小区{rng.randrange(1, 30)}号楼",
                         id_number=demo_id_number(rng), phone=f"139{rng.randrange(10**7, 10**8)}")

    def drive(self, plan: Plan) -> Case | None:
        team = self.teams[plan.team]
        matter = self.matters[plan.matter]
        rng = self.rng
        filed_on = self.day(plan.filed_ago)
        discovered = self.day(plan.lead_only) if plan.lead_only else filed_on - dt.timedelta(days=rng.randrange(1, 5))
        source = rng.choice(SOURCES)
        place = rng.choice(PLACES)
        lead = self.step(discovered, lambda: services.lead_register(
            actor=team.officer, source=source, discovered_on=discovered, place=place,
            facts=f"{place}发现涉嫌{matter.name.removeprefix('对').removesuffix('的行政处罚').removesuffix('行为')}",
            reporter=REPORTERS.get(source, "")), hour=9)
        if plan.lead_only:
            if plan.extend_lead:
                self.step(self.today, lambda: services.lead_extend(lead=lead, actor=self._leader(),
                                                                   reason="需会同属地街道现场复核"))
            return None
        requested = max(discovered, filed_on - dt.timedelta(days=1))
        officers: list[tuple[Officer, str]] = [(team.officer.officer, CaseOfficer.Role.LEAD),
                                               (team.partners[plan.filed_ago % 2], CaseOfficer.Role.CO)]
        if plan.recusal:
            officers.append((team.partners[2], CaseOfficer.Role.CO))
        if plan.assistant and team.assistant is not None:
            officers.append((team.assistant, CaseOfficer.Role.ASSISTANT))
        violation = discovered - dt.timedelta(days=rng.randrange(0, 30))
        party = self.party(plan)
        act = matter.name.removeprefix("对").removesuffix("的行政处罚").removesuffix("行为")
        case = self.step(requested, lambda: services.case_request_filing(lead=lead, actor=team.officer, data=FilingData(
            matter=matter, title=f"{party.name}{act}案",
            facts=f"当事人{party.name}于{violation:%Y年%m月%d日}在{place}{act}。",
            violation_on=violation, parties=[party], officers=officers, is_major=plan.major)), hour=11)
        Case.objects.filter(pk=case.pk).update(created_at=self.at(requested, 11))
        if plan.state == S.FILING_REVIEW:
            return case
        if plan.state == S.NOT_FILED:
            self.step(filed_on, lambda: services.case_transition(
                case=case, action="reject_filing", actor=self._leader(), reason="经核查，不属于本局管辖范围，"
                "已告知举报人向有关部门反映"))
            return case
        case = self.step(filed_on, lambda: services.case_transition(
            case=case, action="approve_filing", actor=self._leader(), on=filed_on, reason="同意立案"), hour=15)
        self.investigate(case, plan, team, filed_on)
        if plan.state == S.INVESTIGATING:
            if plan.extend:  # asked and left for the leader: it waits on his workbench
                self.step(self.day(3), lambda: services.decision_extend(
                    case=case, days=30, reason="需委托检测机构出具检测报告", actor=team.officer))
            if plan.filed_ago == 74:  # 行刑衔接: reported to the head and approved; the transfer is due in 24 hours
                self.transfer(case, team)
            return case
        if plan.state == S.DISMISSED:
            self.step(self.today, lambda: services.case_transition(
                case=case, action="dismiss", actor=self._leader(), reason="经调查，违法事实不能成立，撤销立案"))
            return case
        decided = self.decide(case, plan, team, filed_on)
        if decided.state in (S.DECIDED, S.NOT_PUNISHED):
            self.execute(decided, plan, team)
            decided.refresh_from_db()
        return decided

    def execute(self, case: Case, plan: Plan, team: _Team) -> None:
        """After the decision (part 2), by the age of the case: served on the spot (the newest left to serve),
        paid at the bank on time or late with the late fee, a reconsideration upheld, an unpaid fine taken to
        the court after the reminder; the performed and the older non-penalty cases closed on approval."""
        officer = team.officer
        decided_on = case.decided_on
        assert decided_on is not None
        if plan.filed_ago < 115:
            return  # decided last week: still to be served (on the officer's workbench)
        party = case.parties.first()
        receiver = party.name if party is not None else "当事人"
        self.step(decided_on, lambda: execution.decision_serve(case=case, method="direct", served_on=decided_on,
                                                               receiver=receiver, actor=officer), hour=16)
        if case.state == S.NOT_PUNISHED:
            if plan.filed_ago > 200:
                self.close(case, officer, "no_penalty", decided_on + dt.timedelta(days=5))
            return
        fine = Performance(case, decided_on).fine_fen
        if not fine:
            self.close(case, officer, "performed", decided_on + dt.timedelta(days=3))
            return
        variant = (plan.filed_ago // 12) % 5
        receipt = f"NX{decided_on:%Y%m%d}{case.pk:04d}"
        if variant == 3:  # reconsideration upheld, then paid
            filed = decided_on + dt.timedelta(days=20)
            remedy = self.step(filed, lambda: execution.remedy_record(
                case=case, kind="reconsideration", filed_on=filed, body="示范区人民政府", actor=officer))
            upheld = filed + dt.timedelta(days=50)
            self.step(upheld, lambda: execution.remedy_outcome(
                remedy=remedy, outcome="upheld", outcome_on=upheld, note="复议维持原处罚决定", actor=officer))
        if variant == 4:
            self.court(case, officer, decided_on)
            return
        paid_on = {0: 6, 1: 10, 2: 18, 3: 75}[variant]
        day = decided_on + dt.timedelta(days=paid_on)
        self.step(day, lambda: execution.payment_record(case=case, kind="fine", amount_fen=fine, paid_on=day,
                                                        receipt_number=receipt, bank="示范区农村商业银行", actor=officer))
        late = Performance(case, day).late_fee_unpaid_fen
        if late:  # paid three days late: the late fee (art. 72) paid the same day
            self.step(day, lambda: execution.payment_record(
                case=case, kind="late_fee", amount_fen=late, paid_on=day, receipt_number=receipt + "J",
                bank="示范区农村商业银行", actor=officer))
        if variant != 1:
            self.close(case, officer, "performed", day + dt.timedelta(days=2))

    def court(self, case: Case, officer: User, decided_on: dt.date) -> None:
        """Unpaid: once the reconsideration and litigation periods are over, the reminder, then the court."""
        periods_end = Performance(case, self.today).remedy_periods_end
        assert periods_end is not None
        reminded = periods_end + dt.timedelta(days=3)
        if reminded > self.today:
            return  # still within the periods: the unpaid fine shows as overdue on the workbench
        self.step(reminded, lambda: execution.court_reminder_serve(
            case=case, served_on=reminded, actor=officer,
            text="限你（单位）于收到本催告书之日起十日内缴纳罚款及加处罚款；有权进行陈述和申辩。"))
        window = execution.court_application_window(case)
        assert window is not None
        applied = window[0] + dt.timedelta(days=2)
        if applied > self.today:
            return
        self.step(applied, lambda: execution.court_apply(case=case, applied_on=applied, court="示范区人民法院",
                                                         actor=officer))
        accepted = applied + dt.timedelta(days=4)
        if accepted > self.today:
            return
        self.step(accepted, lambda: execution.court_result(case=case, actor=officer, accepted_on=accepted))
        self.close(case, officer, "court", accepted + dt.timedelta(days=5))

    def close(self, case: Case, officer: User, reason: str, day: dt.date) -> None:
        if day > self.today:
            return
        asked = self.step(day, lambda: execution.closing_request(case=case, reason=reason, note="", actor=officer))
        self.step(day, lambda: services.measure_decide(approval=asked, actor=self._leader(), approved=True), hour=16)
        Case.objects.filter(pk=case.pk).update(closed_on=day)  # the services stamp today; the demo's day is `day`

    def transfer(self, case: Case, team: _Team) -> None:
        reported = self.day(2)
        transfer = self.step(reported, lambda: execution.transfer_report(
            case=case, kind="crime", to_body="示范区公安分局", reported_on=reported, actor=team.officer,
            facts="经营数额较大，涉嫌非法经营罪，依法应当移送公安机关"))
        assert transfer.approval is not None
        approval = transfer.approval
        self.step(reported, lambda: services.measure_decide(approval=approval, actor=self._leader(), approved=True))

    def _leader(self) -> User:
        assert self.leader is not None
        return self.leader

    def investigate(self, case: Case, plan: Plan, team: _Team, filed_on: dt.date) -> None:
        officer = team.officer
        acting = [link.officer for link in case.case_officers.filter(recused=False).exclude(role="assistant")]
        party = case.parties.first()
        subject = party.name if party is not None else "当事人"
        visit = min(filed_on + dt.timedelta(days=1), self.today)
        start = self.at(visit, 9)
        self.step(visit, lambda: services.record_add(case=case, actor=officer, data=RecordData(
            kind="inspection", place=case.lead.place, started_at=start, ended_at=start + dt.timedelta(minutes=40),
            content="执法人员出示执法证件，表明身份。经现场检查，当事人存在上述行为，现场拍照取证。当事人在场并签字确认。",
            officers=acting, subject=subject, signed_by_subject=True)), hour=9)
        # Fewer rows than a real file holds, to keep `zhifa demo` quick: every case has an inspection record and
        # a photo; about half a body-camera recording, a second photo, and an inquiry record.
        if plan.filed_ago % 2 == 0 or plan.seizure or plan.hearing:
            self.step(visit, lambda: services.recording_add(case=case, actor=officer, data=RecordingData(
                device=f"执法记录仪 DSJ-{self.rng.randrange(100, 999)}", started_at=start,
                ended_at=start + dt.timedelta(minutes=38), what="现场检查及取证全过程", officers=acting)), hour=9)
        self.evidence(case, team, visit, count=1 + plan.filed_ago % 2)
        inquiry_day = min(filed_on + dt.timedelta(days=3), self.today)
        asked = self.at(inquiry_day, 14)
        if plan.filed_ago % 3 == 0 and not plan.recusal:
            return self.measures(case, plan, team, filed_on)
        self.step(inquiry_day, lambda: services.record_add(case=case, actor=officer, data=RecordData(
            kind="inquiry", place="示范区综合行政执法局询问室", started_at=asked,
            ended_at=asked + dt.timedelta(minutes=55),
            content="问：你是否知道今天为什么找你？答：知道，是因为我在那里经营的事情。问：你的行为持续了多长时间？"
                    "答：大概一个月。问：你对执法人员的检查有无异议？答：没有异议，我愿意改正。",
            officers=acting, subject=subject, signed_by_subject=True)), hour=14)
        if plan.recusal:
            third = acting[-1]
            self.step(inquiry_day, lambda: services.officer_recuse(
                case=case, officer=third, reason="与当事人系同村亲属，本人申请回避", actor=team.leader))
        self.measures(case, plan, team, filed_on)

    def measures(self, case: Case, plan: Plan, team: _Team, filed_on: dt.date) -> None:
        """Preservation of evidence (art. 56) and seizure (行政强制法 art. 25), each approved by the leader."""
        officer = team.officer
        if plan.preservation:
            started = self.day(4 if plan.preservation == "open" else 12)
            asked = self.step(started, lambda: services.preservation_apply(
                case=case, items="电子秤1台、三轮车1辆", place=f"{team.department.name}暂扣物品仓库", started_on=started,
                actor=officer))
            self.step(started, lambda: services.measure_decide(approval=asked, actor=self._leader(), approved=True))
        if plan.seizure:
            started = max(self.day(25), filed_on) if plan.seizure == "open" else filed_on + dt.timedelta(days=2)
            asked = self.step(started, lambda: services.seizure_apply(
                case=case, kind="seize", items="渣土运输车1辆（宁A·D1234）", started_on=started, days=30, actor=officer))
            self.step(started, lambda: services.measure_decide(approval=asked, actor=self._leader(), approved=True))
            seizure = Seizure.objects.get(approval=asked)
            if plan.seizure == "released":
                released = started + dt.timedelta(days=18)
                self.step(released, lambda: services.seizure_release(
                    seizure=seizure, released_on=released, reason="检测完毕，当事人已整改，依法解除扣押", actor=officer))

    def evidence(self, case: Case, team: _Team, day: dt.date, count: int) -> None:
        if self.store is None:
            return
        store = self.store
        for index in range(count):
            self.photos += 1
            jpeg = index % 2 == 1
            data = demo_jpeg(f"{case.pk}-{self.photos}") if jpeg else demo_png(self.photos)
            name = f"现场照片{index + 1}.{'jpg' if jpeg else 'png'}"
            stored = store(stream=io.BytesIO(data), declared_name=name, max_bytes=10 * 1024 * 1024,
                           allowed={"image"})
            self.step(day, partial(
                services.evidence_add, case=case, stored=stored, kind=Evidence.Kind.PHOTO,
                title=f"现场照片（{index + 1}）", collected_at=self.at(day, 9), how="执法人员现场拍摄",
                original_name=name, actor=team.officer), hour=9)

    def report(self, case: Case, plan: Plan) -> ReportData:
        matter = case.matter
        if plan.outcome == InvestigationReport.Outcome.NOT_PUNISHABLE:
            return ReportData(facts_found="当事人初次违法，危害后果轻微并已当场改正。", outcome=plan.outcome,
                              facts=CaseFacts(minor_violation=True, corrected_in_time=True, harm="none"))
        if plan.outcome == InvestigationReport.Outcome.INSUFFICIENT:
            return ReportData(facts_found="经调查，现有证据不足以证明当事人实施了该违法行为。", outcome=plan.outcome,
                              facts=CaseFacts())
        facts = CaseFacts(level="general", mitigating=("eliminated_harm",) if plan.filed_ago % 4 == 0 else ())
        recommendation = discretion_recommend(matter=matter, facts=facts)
        if recommendation.max_fen is not None:
            low, high = recommendation.min_fen or 0, recommendation.max_fen
            fine = max(low, ((low + high) // 2) // 100_00 * 100_00) or 200_00
        else:  # a multiple of the project cost: 5 %–6 % of 30–60 万元 is a fine above the hearing threshold
            cost = self.rng.choice([300_000, 420_000, 560_000])
            fine = int(cost * 0.05) * 100
        deviation = ""
        if plan.deviate and recommendation.max_fen:
            fine = recommendation.max_fen + 500_00
            deviation = "当事人一年内两次因同类行为被责令改正仍未改正，情节接近较重档次，拟在一般档次之上处罚。"
        return ReportData(facts_found=f"经调查核实，{case.facts}有现场检查笔录、询问笔录、现场照片等证据为证。",
                          outcome="penalty", facts=facts, fine_fen=fine, deviation_reason=deviation)

    def review_chain(self, case: Case, team: _Team, day: dt.date, stop: int | None = None) -> tuple[Case, dt.date]:
        """Pass the pending steps in order (all of them, or `stop`); returns the case and the last day used."""
        passed = 0
        while case.state == S.REVIEWING and (stop is None or passed < stop):
            step = pending_step(case)
            assert step is not None
            day = min(day + dt.timedelta(days=1), self.today)
            if step.kind == Approval.Kind.COLLECTIVE:
                people = [p for p in (self._leader(), self.deputy, self.reviewer) if p is not None]
                case = self.step(day, partial(
                    services.collective_discussion_record, case=case, actor=self._leader(),
                    held_at=self.at(day, 15), place="局三楼会议室", participants=people,
                    opinions=[{"name": p.display_name, "opinion": "同意拟处理意见"} for p in people],
                    conclusion="经集体讨论，同意承办机构的处理意见。", approved=True), hour=15)
            else:
                actor, opinion = {
                    Approval.Kind.TEAM_LEADER: (team.leader, "事实清楚，证据确实充分，同意"),
                    Approval.Kind.LEGAL_REVIEW: (self.reviewer, "主体合法，事实清楚，适用依据正确，程序合法，裁量适当，同意"),
                    Approval.Kind.LEADER: (self.leader, "同意"),
                }[Approval.Kind(step.kind)]
                assert actor is not None
                case = self.step(day, partial(services.review_decide, case=case, actor=actor, decision="approved",
                                              opinion=opinion), hour=16)
            passed += 1
        return case, day

    def decide(self, case: Case, plan: Plan, team: _Team, filed_on: dt.date) -> Case:
        officer = team.officer
        report_on = min(filed_on + dt.timedelta(days=12 + plan.filed_ago % 10), self.today)
        data = self.report(case, plan)
        self.step(report_on, lambda: services.report_save(case=case, data=data, actor=officer))
        case = self.step(report_on, lambda: services.case_transition(case=case, action="submit_report",
                                                                     actor=officer), hour=17)
        if plan.state == S.REVIEWING:
            case, _ = self.review_chain(case, team, report_on, stop=plan.review_stop)
            return case
        case, day = self.review_chain(case, team, report_on)
        if plan.outcome != InvestigationReport.Outcome.PENALTY:
            if plan.state == S.APPROVED:
                return case
            decided = day + dt.timedelta(days=3)
            return self.step(decided, lambda: services.case_transition(
                case=case, action="decide_not_punished", actor=officer, on=decided,
                reasons="依据《中华人民共和国行政处罚法》第三十三条，决定不予行政处罚，并对当事人进行教育。"))
        if plan.state == S.APPROVED and not plan.hearing:
            return case
        served = self.day(plan.notice_ago) if plan.state == S.NOTIFIED else min(day + dt.timedelta(days=3),
                                                                              self.today)
        if plan.hearing in ("requested", "scheduled"):
            served = self.day(10)
        case = self.step(served, lambda: services.case_transition(
            case=case, action="issue_notice", actor=officer, served_on=served), hour=10)
        notice = latest_notice(case)
        assert notice is not None
        if plan.statement:
            received = min(served + dt.timedelta(days=2), self.today)
            self.step(received, lambda: services.statement_record(
                case=case, received_on=received, content="当事人书面陈述：已认识到错误，已经整改到位，请求从轻处罚。",
                adopted=False, response="当事人所述整改情况属实，但不属于法定从轻情形，不予采纳。", actor=officer))
        if plan.state == S.NOTIFIED:
            return case
        if plan.hearing:
            return self.hearing(case, plan, team, notice.served_on, filed_on)
        if plan.waive:
            waived = served + dt.timedelta(days=1)
            self.step(waived, lambda: services.rights_waive(case=case, waived_on=waived, actor=officer))
            decided = waived + dt.timedelta(days=1)
        else:
            decided = notice.periods_end + dt.timedelta(days=1 + plan.filed_ago % 3)
        return self.step(decided, lambda: services.case_transition(case=case, action="decide", actor=officer,
                                                                   on=decided), hour=15)

    def hearing(self, case: Case, plan: Plan, team: _Team, served: dt.date, filed_on: dt.date) -> Case:
        officer = team.officer
        requested = served + dt.timedelta(days=2)
        case = self.step(requested, lambda: services.case_transition(
            case=case, action="request_hearing", actor=officer, requested_on=requested))
        if plan.hearing == "requested":
            return case
        notified = self.today if plan.hearing == "scheduled" else requested + dt.timedelta(days=1)
        scheduled = deadline_compute(rule="hearing_notice", start=notified, bureau=self.bureau).due
        presiding = self.deputy
        assert presiding is not None
        self.step(notified, lambda: services.hearing_schedule(
            case=case, presiding=presiding, scheduled_on=scheduled, place="局听证室", notice_served_on=notified,
            representatives="李某（律师）", actor=officer))
        if plan.hearing == "scheduled":
            return case
        case = self.step(scheduled, lambda: services.case_transition(
            case=case, action="hearing_held", actor=presiding, on=scheduled,
            transcript="当事人及其委托代理人到场，对违法事实无异议，认为罚款数额过高，请求减轻处罚。",
            opinion="建议维持拟处罚意见，可在法定幅度内适当从轻。"), hour=9)
        case, day = self.review_chain(case, team, scheduled)
        if plan.state == S.APPROVED:
            return case
        decided = day + dt.timedelta(days=2)
        notice = latest_notice(case)
        assert notice is not None
        fine = (notice.fine_fen or 0) * 9 // 10 // 100 * 100  # lowered after the hearing, never raised
        return self.step(decided, lambda: services.case_transition(
            case=case, action="decide", actor=officer, on=decided, fine_fen=fine), hour=15)


def _evidence_store() -> Callable[..., Any] | None:
    try:
        from zhifa.lib.evidence_store import evidence_store
    except ImportError:  # the store is another engineer's; without it the demo has records but no files
        return None
    return evidence_store


def demo_cases_load(*, bureau: Bureau) -> int:
    """Create the demo cases in `bureau` unless it already has cases; returns how many cases were created."""
    if Case.objects.filter(bureau=bureau).exists():
        return 0
    today = timezone.localdate()
    loader = _Loader(bureau=bureau, today=today, rng=random.Random(SEED), store=_evidence_store())
    plans = _plans(loader.rng)
    # Filed in the order they were filed, so that each year's case numbers follow the filing dates.
    plans.sort(key=lambda plan: (-plan.filed_ago, plan.lead_only))
    created = 0
    with transaction.atomic():
        loader.people()
        loader.matters = {m.code: m for m in EnforcementMatter.objects.filter(bureau=bureau)}
        missing = {plan.matter for plan in plans} - loader.matters.keys()
        if missing:
            raise RuntimeError(f"演示执法事项缺失：{sorted(missing)}，请先载入演示目录（demo_catalog_load）")
        for plan in plans:
            try:
                case = loader.drive(plan)
            except DomainError as exc:  # a demo plan the rules refuse is a bug in the plan: say which
                raise RuntimeError(f"演示案件（{plan}）未能按计划办理：{exc.message}") from exc
            if case is not None:
                created += 1
                last = TimelineEntry.objects.filter(case=case).aggregate(m=Max("at"))["m"]
                Case.objects.filter(pk=case.pk).update(updated_at=last or timezone.now())
        _leads_backdate(bureau)
    return created


def _leads_backdate(bureau: Bureau) -> None:
    """A lead was registered on the day it was discovered (its timeline line says so)."""
    for lead in Lead.objects.filter(bureau=bureau).only("pk", "discovered_on"):
        first = TimelineEntry.objects.filter(lead=lead, case__isnull=True).order_by("id").values_list("at", flat=True)
        Lead.objects.filter(pk=lead.pk).update(registered_at=first.first() or timezone.now())
