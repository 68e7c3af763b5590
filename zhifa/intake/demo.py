"""The demo bureau's complaints and petitions (`zhifa demo`), idempotent: categories are matched by code,
complaints and petitions are created only when the bureau has none. Everything is fictitious: invented
names and 139-prefixed test phones, streets of the imaginary 示范区.

The services are called as people would (receive, dispatch, start, reply, rate, close, merge, convert to a
lead), then the timestamps are moved back to the day each step happened in the story.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import Bureau, Department, Township, User
from zhifa.intake import petitions, services
from zhifa.intake.models import Complaint, ComplaintCategory, ComplaintEvent, Petition, PetitionEvent
from zhifa.workdays.calendar_cache import calendar_cache_clear
from zhifa.workdays.importing import CalendarImportRow
from zhifa.workdays.periods import CalendarNotCovered
from zhifa.workdays.services import calendar_year_import

SEED = 20250712
L = ComplaintCategory.Level
# code, name, catalog category, level, urgent hours, keywords
CATEGORIES: list[tuple[str, str, str, str, int, str]] = [
    ("street-vending", "占道经营", "市容环境卫生", L.ORDINARY, 24, "摊贩 占道 出店经营"),
    ("illegal-building", "违法建设", "城乡规划", L.COMPLEX, 24, "违建 加盖 搭建"),
    ("night-noise", "夜间施工噪声", "环境保护", L.URGENT, 2, "噪声 夜间施工 扰民"),
    ("muck-spill", "渣土撒漏", "市容环境卫生", L.ORDINARY, 24, "渣土 撒漏 抛洒"),
    ("outdoor-ads", "户外广告", "市容环境卫生", L.ORDINARY, 24, "广告牌 招牌 横幅"),
    ("sewage", "违规排污", "环境保护", L.COMPLEX, 24, "排污 污水 油烟"),
    ("green-damage", "毁坏绿地", "园林绿化", L.ORDINARY, 24, "绿地 树木 草坪"),
    ("other", "其他", "其他", L.ORDINARY, 24, ""),
]
STREETS = ["建设路", "解放街", "朝阳路", "文化街", "新华路", "胜利街", "滨河大道", "人民广场", "长庆路", "北京路"]
NAMES = ["王某民", "李晓某", "张某芳", "刘某", "陈某强", "杨某", "马某兰", "赵某", "黄某军", "周某"]
TEXTS = {
    "street-vending": "{place}门口流动摊贩长期占道经营，早晚高峰影响行人通行。",
    "illegal-building": "{place}小区一楼住户在院内私自搭建彩钢房，请核查是否违法建设。",
    "night-noise": "{place}工地夜间十一点后仍在施工，噪声很大，影响休息。",
    "muck-spill": "{place}路段渣土车撒漏严重，路面泥土多，车辆经过尘土飞扬。",
    "outdoor-ads": "{place}临街商铺新装的大型广告牌未经审批，存在安全隐患。",
    "sewage": "{place}餐馆把油污直接排入雨水井，气味难闻。",
    "green-damage": "{place}绿化带被人毁坏后停车，草坪被碾压。",
    "other": "{place}附近有人私设地锁占用公共停车位。",
}
REPLIES = [
    "经现场核查，反映情况属实，已责令当事人立即整改，现已整改完毕，我局将加强日常巡查。",
    "经核查，已对当事人进行教育劝导并责令改正，当事人已自行清理，现场已恢复正常。",
    "经现场核查，未发现所反映的问题，我局将在该区域增加巡查频次，欢迎继续监督。",
    "已依法立案调查并责令停止违法行为，后续处理结果将依法公示。",
]
# How the ~40 complaints end: (state, how many); satisfaction for the answered ones follows the bureau's
# report (almost everyone satisfied).
PLAN = [("closed", 26), ("replied", 5), ("in_progress", 4), ("dispatched", 3), ("received", 2)]
CHANNELS = ["hotline", "hotline", "hotline", "phone", "walk_in", "portal", "import"]


@dataclass(frozen=True)
class Loaded:
    categories: int
    complaints: int
    petitions: int


def _provisional_calendar(year: int) -> None:
    """A demo run near year's end may need next year: weekends and New Year only, marked as unofficial."""
    report = calendar_year_import(rows=[CalendarImportRow(2, f"{year}-01-01", "放假", "元旦")], year=year,
                                  source="演示用临时日历（非官方）", actor=None)
    if not report.ok:
        raise RuntimeError(f"无法导入 {year} 年演示用临时日历：{[str(e) for e in report.errors]}")
    calendar_cache_clear()


def _with_calendar(action: Any) -> Any:
    for _ in range(3):
        try:
            with transaction.atomic():
                return action()
        except CalendarNotCovered as exc:
            _provisional_calendar(exc.year)
    raise RuntimeError("工作日历仍未覆盖所需年份")


def demo_categories_load(*, bureau: Bureau) -> dict[str, ComplaintCategory]:
    found = {}
    for sort, (code, name, matter, level, hours, keywords) in enumerate(CATEGORIES, start=1):
        category, _ = ComplaintCategory.objects.get_or_create(
            bureau=bureau, code=code,
            defaults={"name": name, "matter_category": matter, "level": level, "urgent_hours": hours,
                      "keywords": keywords, "sort": sort, "description": f"{name}类投诉举报"},
        )
        found[code] = category
    return found


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _stamp(complaint: Complaint, received: dt.datetime, replied: dt.datetime | None) -> None:
    """Move the complaint's timestamps and history back into the story."""
    moments = {"receive": received, "dispatch": received + dt.timedelta(hours=1),
               "start": received + dt.timedelta(hours=3)}
    if replied is not None:
        moments.update({"reply": replied, "rate": replied + dt.timedelta(hours=20),
                        "close": replied + dt.timedelta(days=1), "merge": received + dt.timedelta(hours=2),
                        "to_lead": received + dt.timedelta(hours=5)})
    for event in ComplaintEvent.objects.filter(complaint=complaint):
        when = moments.get(event.action)
        if when is not None:
            ComplaintEvent.objects.filter(pk=event.pk).update(created_at=min(when, timezone.now()))
    changes: dict[str, Any] = {}
    complaint.refresh_from_db()
    if complaint.dispatched_at:
        changes["dispatched_at"] = moments["dispatch"]
    if replied is not None and complaint.replied_at:
        changes["replied_at"] = replied
    if complaint.rated_at and replied is not None:
        changes["rated_at"] = min(replied + dt.timedelta(hours=20), timezone.now())
    if complaint.closed_at and replied is not None:
        changes["closed_at"] = min(replied + dt.timedelta(days=1), timezone.now())
    if changes:
        Complaint.objects.filter(pk=complaint.pk).update(**changes)


def demo_intake_load(*, bureau: Bureau) -> Loaded:
    """Load the demo complaints and petitions once; a second run creates nothing."""
    before = ComplaintCategory.objects.filter(bureau=bureau).count()
    categories = demo_categories_load(bureau=bureau)
    created_categories = ComplaintCategory.objects.filter(bureau=bureau).count() - before
    with transaction.atomic():
        complaints = 0 if Complaint.objects.filter(bureau=bureau).exists() else _complaints(bureau, categories)
        petition_count = 0 if Petition.objects.filter(bureau=bureau).exists() else _petitions(bureau)
    return Loaded(categories=created_categories, complaints=complaints, petitions=petition_count)


def _complaints(bureau: Bureau, categories: dict[str, ComplaintCategory]) -> int:
    rng = random.Random(SEED)
    leader, officer, chief = _user("teamleader"), _user("officer"), _user("leader")
    departments = list(Department.objects.filter(bureau=bureau, name__endswith="执法中队"))
    townships = list(Township.objects.filter(bureau=bureau))
    now = timezone.now()
    states = [state for state, count in PLAN for _ in range(count)]
    codes = list(categories)
    made: list[Complaint] = []
    for index, state in enumerate(states):
        code = codes[index % len(codes)]
        category = categories[code]
        open_one = state in ("in_progress", "dispatched", "received")
        days_ago = rng.randint(0, 3) if open_one else rng.randint(8, 170)
        received = now - dt.timedelta(days=days_ago, hours=rng.randint(1, 8))
        if category.level == L.URGENT and open_one:
            received = now - dt.timedelta(minutes=rng.randint(20, 90))
        place = f"{rng.choice(STREETS)}{rng.randint(1, 199)}号"
        anonymous = index % 9 == 4
        lat = f"{38.48 + rng.random() * 0.04:.6f}" if index % 3 else None
        lon = f"{106.21 + rng.random() * 0.05:.6f}" if lat else None
        channel = CHANNELS[index % len(CHANNELS)]
        phone = f"139{rng.randrange(10**7, 10**8)}"

        def receive(code: str = code, category: ComplaintCategory = category, place: str = place,
                    anonymous: bool = anonymous, lat: str | None = lat, lon: str | None = lon,
                    channel: str = channel, phone: str = phone, received: dt.datetime = received,
                    index: int = index) -> Complaint:
            return services.complaint_receive(
                bureau=bureau, channel=channel, category=category, place=place,
                description=TEXTS[code].format(place=place), anonymous=anonymous,
                reporter_name="" if anonymous else NAMES[index % len(NAMES)], reporter_phone="" if anonymous else phone,
                latitude=lat, longitude=lon, received_at=received,
                external_id=f"12345-{received:%Y%m%d}-{index:04d}" if channel in ("hotline", "import") else "",
            ).complaint

        complaint = _with_calendar(receive)
        made.append(complaint)
        replied = None
        if state != "received":
            to_township = index % 6 == 5 and townships
            where: dict[str, Any] = ({"township": rng.choice(townships)} if to_township
                                     else {"department": rng.choice(departments) if departments else None})
            if where.get("department") is None and "township" not in where:
                where = {"township": townships[0]}
            services.complaint_dispatch(complaint=complaint, actor=leader, **where)
        if state in ("in_progress", "replied", "closed"):
            services.complaint_start(complaint=complaint, actor=officer)
        if state in ("replied", "closed"):
            late = index % 11 == 7  # a few replied after the deadline
            due_gap = complaint.reply_due - received
            replied = received + (due_gap * 1.3 if late else due_gap * rng.uniform(0.2, 0.8))
            replied = min(replied, now - dt.timedelta(hours=1))
            services.complaint_reply(complaint=complaint, actor=officer, reply=rng.choice(REPLIES))
            if index % 5 != 3:
                satisfaction = "unsatisfied" if index % 17 == 9 else ("basic" if index % 7 == 2 else "satisfied")
                services.complaint_rate(complaint=complaint, satisfaction=satisfaction,
                                        via="" if index % 2 else "电话回访", actor=None if index % 2 else leader)
        if state == "closed":
            services.complaint_close(complaint=complaint, actor=leader)
        _stamp(complaint, received, replied)
    # A duplicate merged into an open complaint, one converted to a lead, one extended by the leader.
    open_ones = [c for c in made if c.state in (Complaint.State.DISPATCHED, Complaint.State.IN_PROGRESS)]
    target = open_ones[0]
    target.refresh_from_db()
    duplicate = _with_calendar(lambda: services.complaint_receive(
        bureau=bureau, channel="hotline", category=target.category, place=target.place,
        description="同一地点同一问题再次反映：" + target.description, reporter_name="孙某",
        reporter_phone="13900000042", received_at=target.received_at + dt.timedelta(hours=2),
        external_id="12345-dup-0001").complaint)
    services.complaint_merge(complaint=duplicate, target=target, actor=leader)
    made.append(duplicate)
    lead_source = next(c for c in made if c.category.code == "illegal-building" and c.state != Complaint.State.RECEIVED)
    services.complaint_to_lead(complaint=lead_source, actor=leader,
                               facts="群众投诉反映：" + lead_source.description)
    extended = open_ones[1] if len(open_ones) > 1 else None
    if extended is not None:
        extended.refresh_from_db()
        _with_calendar(lambda: services.complaint_extend(complaint=extended, actor=chief,
                                                         reason="需会同规划部门现场认定，申请延期一次"))
    return len(made)


def _petitions(bureau: Bureau) -> int:
    officer, leader = _user("teamleader"), _user("leader")
    today = timezone.localdate()
    team = Department.objects.filter(bureau=bureau, name="第一执法中队").first()
    first = petitions.petition_register(
        actor=officer, received_on=today - dt.timedelta(days=70), channel="来信",
        subject="反映建设路某小区违法建设长期未处理", content="来信反映小区内多户违法搭建，多次投诉未果，请求依法处理。",
        petitioner="钱某某", phone="13900000071", department=team)
    petitions.petition_accept(petition=first, actor=officer, note="予以受理，交第一执法中队调查处理。",
                              replied_on=today - dt.timedelta(days=62))
    petitions.petition_extend(petition=first, actor=leader, reason="涉及多户，需会同规划部门认定")
    second = petitions.petition_register(
        actor=officer, received_on=today - dt.timedelta(days=5), channel="来访",
        subject="反映朝阳路夜间施工噪声扰民", content="来访反映工地夜间施工，请求查处并公开处理结果。",
        petitioner="郑某", phone="13900000072", department=team)
    for petition, day in ((first, today - dt.timedelta(days=70)), (second, today - dt.timedelta(days=5))):
        stamp = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
        PetitionEvent.objects.filter(petition=petition, action="register").update(created_at=stamp)
    PetitionEvent.objects.filter(petition=first, action="accept").update(
        created_at=timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=62), dt.time(15, 0))))
    return 2
