"""Demo disclosures (loaded by `zhifa demo` after the demo cases): most decisions published, a few still due or
overdue, one withdrawn with its public explanation, one excluded (a minor), and four decisions whose internal
facts hold ID numbers, phones, bank cards, plates and third persons' names so that the review screen shows
what the redactor took out. Every identifier below is fictitious (valid check digits only). Idempotent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import Bureau, User
from zhifa.cases.models import Case
from zhifa.portal import services
from zhifa.portal.models import Disclosure, InspectionListItem

S = Disclosure.State

# {party} is the case's party. ID numbers: GB 11643 check digit; cards: Luhn; all invented.
PII_FACTS = (
    "经查，当事人{party}（公民身份号码640104198503122314，联系电话13995112345）于决定书所载日期驾驶宁A·8K352"
    "号货车在示范路人行道上卸货并堆放货物，占用人行道约12平方米。证人李秀英证实当事人已持续堆放三日。",
    "当事人{party}在幸福小区东门外设置流动摊点经营烧烤，油烟直排。举报人赵志刚（手机13709518888）反映多次；"
    "执法人员当场责令改正，当事人拒不改正。当事人称罚款可从其银行卡6217002860001234565扣缴。",
    "当事人{party}（身份证号 6401 0219 9207 0815 21）未经批准在建设街设置户外广告牌一块，面积约6平方米。"
    "其雇员孙立伟（电话0951-6012345）协助安装；现场停放车辆宁B12345。",
    "经调查，当事人{party}在新华东街随意倾倒建筑垃圾约3立方米，由车牌号宁A D6688的自卸车运输，"
    "驾驶员周海涛（身份证号码640121197805210047）在询问笔录中承认受当事人雇佣；当事人预留银行卡"
    "6228 4806 1234 5678 900 用于退还保证金。",
)
WITHDRAWAL_REASON = "该行政处罚决定经行政复议被依法撤销，根据《中华人民共和国行政处罚法》第四十八条撤回公示。"
EXCLUSION_REASON = "当事人违法行为发生时未满十八周岁，依法不予公开。"

INSPECTION_ITEMS = (
    ("市容环境卫生责任区制度落实情况检查", "市容环境卫生", "沿街商户", "《城市市容和环境卫生管理条例》第十条", "10%，每年1次"),
    ("户外广告设施设置情况检查", "市容环境卫生", "户外广告设置单位", "《城市市容和环境卫生管理条例》第十一条", "5%，每年1次"),
    ("建筑工地扬尘污染防治检查", "生态环境", "在建工地施工单位", "《中华人民共和国大气污染防治法》第六十九条", "20%，每半年1次"),
    ("餐饮服务单位油烟排放检查", "生态环境", "餐饮服务经营者", "《中华人民共和国大气污染防治法》第八十一条", "5%，每年1次"),
    ("建筑垃圾运输车辆检查", "市容环境卫生", "建筑垃圾运输单位", "《城市建筑垃圾管理规定》第十四条", "10%，每季度1次"),
    ("城市绿化管护情况检查", "园林绿化", "绿地管护单位", "《城市绿化条例》第十九条", "5%，每年1次"),
    ("燃气经营企业安全管理检查", "燃气管理", "燃气经营企业", "《城镇燃气管理条例》第十八条", "30%，每年1次"),
    ("物业服务企业生活垃圾分类检查", "市容环境卫生", "物业服务企业", "《城市生活垃圾管理办法》第十六条", "10%，每年1次"),
)


@dataclass(frozen=True)
class Loaded:
    built: int
    published: int
    inspection_items: int


def demo_disclosures_load(*, bureau: Bureau) -> Loaded:
    """Build the missing disclosures of the bureau's decided cases and, the first time, publish most of them."""
    reviewer = User.objects.filter(bureau=bureau, username="reviewer").first()
    items = _inspection_items(bureau)
    with transaction.atomic():
        built = 0
        cases = Case.objects.filter(bureau=bureau, decision__isnull=False, disclosure__isnull=True)
        for case in cases.order_by("decided_on", "id"):
            services.disclosure_build(case=case, actor=None)
            built += 1
        already = Disclosure.objects.filter(bureau=bureau).exclude(state=S.PENDING).exists()
        if already or reviewer is None:
            return Loaded(built=built, published=0, inspection_items=items)
        published = _publish(bureau, reviewer)
    return Loaded(built=built, published=published, inspection_items=items)


def _publish(bureau: Bureau, reviewer: User) -> int:
    today = timezone.localdate()
    pending = list(Disclosure.objects.filter(bureau=bureau, state=S.PENDING, case__isnull=False)
                   .select_related("case").order_by("decided_on", "id"))
    # The last ten days' decisions stay in the queue (due); one older one is left overdue.
    older = [d for d in pending if d.decided_on < today - dt.timedelta(days=10)]
    if not older:
        return 0
    overdue = older.pop(len(older) // 2)
    del overdue
    people = [d for d in older if d.kind == Disclosure.Kind.PENALTY and d.party_kind == Disclosure.PartyKind.PERSON]
    for disclosure, text in zip(people[-len(PII_FACTS):], PII_FACTS, strict=False):
        case = disclosure.case
        assert case is not None
        party = case.parties.first()
        Case.objects.filter(pk=case.pk).update(facts=text.format(party=party.name if party else "当事人"))
        services.disclosure_rebuild(disclosure=disclosure, actor=reviewer)
    minor = next((d for d in older if d.party_kind == Disclosure.PartyKind.PERSON and d not in people[-4:]), None)
    if minor is not None:
        older.remove(minor)
        services.disclosure_exclude(disclosure=minor, exclusion=Disclosure.Exclusion.MINOR, reason=EXCLUSION_REASON,
                                    actor=reviewer)
    published = 0
    for index, disclosure in enumerate(older):
        disclosure.refresh_from_db()
        services.disclosure_publish(disclosure=disclosure, actor=reviewer)
        # Published a few days after the decision, one of them late (the rate is not a perfect 100 %).
        days = 12 if index == 1 else 1 + index % 5
        on = min(disclosure.decided_on + dt.timedelta(days=days), today)
        if index != 1:
            on = min(on, disclosure.due_on)
        at = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)))
        Disclosure.objects.filter(pk=disclosure.pk).update(published_at=at)
        published += 1
    if older:
        first = older[0]
        first.refresh_from_db()
        Disclosure.objects.filter(pk=first.pk).update(withdraw_due=min(today, first.decided_on + dt.timedelta(40)))
        first.refresh_from_db()
        services.disclosure_withdraw(disclosure=first, reason=WITHDRAWAL_REASON, actor=reviewer)
    return published


def _inspection_items(bureau: Bureau) -> int:
    if InspectionListItem.objects.filter(bureau=bureau).exists():
        return 0
    InspectionListItem.objects.bulk_create([
        InspectionListItem(bureau=bureau, name=name, category=category, subject=subject, basis=basis, ratio=ratio,
                           department=bureau.name, sort=index)
        for index, (name, category, subject, basis, ratio) in enumerate(INSPECTION_ITEMS, start=1)
    ])
    return len(INSPECTION_ITEMS)
