"""Catalog fixtures: a few matters of bureau 红 with a history, a delegation and one discretion ladder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from zhifa.accounts import services as accounts_services
from zhifa.accounts.models import Township
from zhifa.catalog import services
from zhifa.catalog.models import EnforcementMatter, MatterChange
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData, StepData

TRANSFER = ChangeRecord(date=dt.date(2021, 3, 1), document_number="红编发〔2021〕5号", reason="综合执法改革划转")


def matter_data(code: str, name: str, category: str = "市容环境卫生", max_yuan: int = 2000,
                min_yuan: int = 0) -> MatterData:
    return MatterData(
        code=code, name=name, category=category,
        violation_bases=[BasisData("城市市容和环境卫生管理条例", "第十四条", text="任何单位和个人都不得在街道两侧和公共场地堆放物料")],
        penalty_bases=[BasisData("城市市容和环境卫生管理条例", "第三十六条", "第（二）项")],
        penalties=[PenaltyData("warning"), PenaltyData("fine", min_fen=min_yuan * 100, max_fen=max_yuan * 100)],
        penalty_summary=f"责令改正，可处以{max_yuan}元以下罚款",
        transferred_from="住房和城乡建设局",
    )


@dataclass
class Catalog:
    stalls: EnforcementMatter  # 占道经营: transferred 2021, delegated 2023
    posters: EnforcementMatter  # transferred 2021, removed 2024-07-01
    burning: EnforcementMatter  # added 2024-01-01
    planning: EnforcementMatter  # 城乡规划, transferred 2021
    town: Township
    other_town: Township


@pytest.fixture
def catalog(org) -> Catalog:
    red = org.red
    stalls = services.matter_create(
        bureau=red, data=matter_data("SR-001", "对擅自占道经营、摆摊设点行为的行政处罚", max_yuan=2000),
        change=TRANSFER, actor=None, event=MatterChange.Event.TRANSFER_IN,
    )
    posters = services.matter_create(
        bureau=red, data=matter_data("SR-002", "对乱张贴宣传品行为的行政处罚", max_yuan=500),
        change=TRANSFER, actor=None, event=MatterChange.Event.TRANSFER_IN,
    )
    burning = services.matter_create(
        bureau=red, data=matter_data("HB-001", "对露天焚烧垃圾行为的行政处罚", "环境保护", min_yuan=500, max_yuan=2000),
        change=ChangeRecord(date=dt.date(2024, 1, 1), document_number="红政办发〔2023〕40号"), actor=None,
    )
    planning = services.matter_create(
        bureau=red, data=matter_data("GH-001", "对未取得建设工程规划许可证进行建设的行政处罚", "城乡规划", max_yuan=100000),
        change=TRANSFER, actor=None, event=MatterChange.Event.TRANSFER_IN,
    )
    services.matter_remove(
        matter=posters, change=ChangeRecord(date=dt.date(2024, 7, 1), document_number="红编发〔2024〕9号",
                                            reason="职权调整"), actor=None,
    )
    town = accounts_services.township_create(bureau=red, name="红星镇", actor=None)
    other_town = accounts_services.township_create(bureau=red, name="柳泉乡", actor=None)
    services.delegation_create(
        bureau=red, number="红政发〔2023〕18号", title="关于向乡镇下放部分行政执法权的决定", date=dt.date(2023, 6, 1),
        townships=[town], matters=[stalls], actor=None,
    )
    services.discretion_steps_set(matter=stalls, actor=None, steps=[
        StepData("minor", "首次占道、面积小于2平方米、当场改正", "exempt"),
        StepData("general", "占道面积2至5平方米或经劝阻后改正", "fine", 100_00, 500_00),
        StepData("serious", "占道面积5至10平方米或一年内第二次", "fine", 500_00, 1000_00),
        StepData("grave", "占道面积10平方米以上、拒不改正或造成交通堵塞", "fine", 1000_00, 2000_00),
    ])
    services.exemption_add(matter=stalls, kind="first_violation", conditions="首次占道经营且及时改正、危害后果轻微",
                           source="红山区城市管理领域首违不罚清单", actor=None)
    for matter in (stalls, posters, burning, planning):
        matter.refresh_from_db()
    return Catalog(stalls, posters, burning, planning, town, other_town)
