"""Load the demo catalog (demo_matters.py) into the demo bureau through the services. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from zhifa.accounts.models import Bureau, Township
from zhifa.catalog import demo_matters as data
from zhifa.catalog import services
from zhifa.catalog.models import EnforcementMatter, MatterChange, PenaltyKind
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData, StepData

MULTIPLE_BASES = {
    "project_cost": "工程造价",
    "temporary_project_cost": "临时建设工程造价",
    "illegal_gains": "违法所得",
    "illegal_area_m2": "非法占用土地面积（元/平方米）",
    "farmland_reclamation_fee": "耕地开垦费",
    "grassland_output_3y": "草原被破坏前三年平均产值",
}


# What officers type into the search box for the commonest matters (the demo's 俗称).
KEYWORDS = {
    "CG-SR-001": "乱扔垃圾、随地吐痰",
    "CG-SR-002": "小广告、牛皮癣、乱张贴、乱涂写",
    "CG-SR-003": "阳台堆物、窗外吊挂",
    "CG-SR-009": "户外广告、广告牌",
    "CG-SR-010": "占道堆放、乱堆乱放、乱搭乱建",
    "CG-SR-016": "渣土车、建筑垃圾遗撒",
    "CG-SR-019": "乱倒建筑垃圾、渣土",
    "CG-SR-020": "乱倒垃圾、焚烧垃圾",
    "CG-SR-025": "垃圾分类",
    "CG-GH-001": "违建、违法建设、私搭乱建、无证建设",
    "CG-GH-002": "违建、超规划建设",
    "CG-GH-003": "临时建筑、违建",
    "CG-SZ-001": "占道经营、摆摊设点、出店经营、占道堆放",
    "CG-SZ-002": "挖路、破路",
    "CG-SZ-015": "偷水、盗水",
    "CG-YL-001": "毁绿、踩踏草坪",
    "CG-YL-002": "砍树",
    "CG-YL-005": "占绿、毁绿",
    "CG-YL-006": "绿地摊点、占道经营",
    "CG-HB-001": "工地扬尘",
    "CG-HB-003": "渣土车、撒漏",
    "CG-HB-005": "油烟扰民、餐饮油烟",
    "CG-HB-007": "露天烧烤、烧烤",
    "CG-HB-008": "焚烧秸秆、烧落叶",
    "CG-HB-010": "施工噪声、噪音扰民",
    "CG-HB-011": "夜间施工、噪音扰民",
    "CG-HB-012": "高音喇叭、噪音扰民",
    "CG-HB-013": "广场舞、噪音扰民",
    "CG-HB-014": "装修噪音",
    "CG-ZR-001": "非法占地、违法占地",
    "CG-ZR-003": "违法建房、宅基地",
    "CG-CY-002": "开垦草原",
    "CG-JT-002": "公路摆摊、占道经营",
}


def _fen(yuan: int | None) -> int | None:
    return None if yuan is None else int(yuan) * 100


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _bases(entries: list[dict[str, Any]]) -> list[BasisData]:
    return [BasisData(e["law"], e["article"], e.get("clause", ""), e.get("text", "")) for e in entries]


def _penalty(entry: dict[str, Any]) -> PenaltyData:
    note = "；".join(part for part in (entry.get("subject", ""), entry.get("condition", ""), entry.get("note", ""))
                    if part)
    kind = entry["kind"] if entry["kind"] in PenaltyKind.Kind.values else PenaltyKind.Kind.ORDER_CORRECT
    return PenaltyData(
        kind=kind, min_fen=_fen(entry.get("min_yuan")), max_fen=_fen(entry.get("max_yuan")),
        min_multiple=_decimal(entry.get("min_multiple")), max_multiple=_decimal(entry.get("max_multiple")),
        multiple_of=MULTIPLE_BASES.get(entry.get("of", ""), entry.get("of", "")), note=note[:300],
    )


def _summary(penalties: list[PenaltyData]) -> str:
    parts = []
    for penalty in penalties:
        label = PenaltyKind(kind=penalty.kind, min_fen=penalty.min_fen, max_fen=penalty.max_fen,
                            min_multiple=penalty.min_multiple, max_multiple=penalty.max_multiple,
                            multiple_of=penalty.multiple_of).describe()
        parts.append(f"{label}（{penalty.note}）" if penalty.note else label)
    return "；".join(parts)


def matter_data_from_demo(entry: dict[str, Any]) -> MatterData:
    penalties = [_penalty(p) for p in entry.get("penalties", [])]
    return MatterData(
        code=entry["code"], name=entry["name"], category=entry["category"],
        violation_bases=_bases(entry.get("violation_basis", [])), penalty_bases=_bases(entry.get("penalty_basis", [])),
        penalties=penalties, penalty_summary=_summary(penalties), subject=entry.get("subject", ""),
        handling_unit="各执法中队", transferred_from=entry.get("transferred_from", ""),
        needs_legal_review=bool(entry.get("needs_legal_review", False)), note="演示数据",
        keywords=KEYWORDS.get(entry["code"], ""),
    )


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _events(kind: str) -> list[dict[str, Any]]:
    return [event for event in data.HISTORY if event["event"] == kind]


def demo_catalog_load(*, bureau: Bureau) -> int:
    """Put the demo catalog into the bureau unless it already has matters; returns the matters created."""
    if EnforcementMatter.objects.filter(bureau=bureau).exists():
        return 0
    with transaction.atomic():
        created = _matters(bureau)
        _removals(created)
        _delegation(bureau, created)
        _ladders_and_exemptions(created)
        thresholds = data.HEARING_THRESHOLDS
        services.hearing_threshold_set(
            bureau=bureau, citizen_fen=thresholds["citizen_yuan"] * 100,
            organisation_fen=thresholds["organisation_yuan"] * 100, source=thresholds["source"], actor=None,
        )
    return len(created)


def _matters(bureau: Bureau) -> dict[str, EnforcementMatter]:
    transfer = _events("transfer_in")[0]
    added_on = {code: event for event in _events("add") for code in event["matters"]}
    created = {}
    for entry in data.MATTERS:
        event = added_on.get(entry["code"], transfer)
        created[entry["code"]] = services.matter_create(
            bureau=bureau, data=matter_data_from_demo(entry), actor=None, is_demo=True,
            event=MatterChange.Event.ADD if entry["code"] in added_on else MatterChange.Event.TRANSFER_IN,
            change=ChangeRecord(date=_date(event["date"]), document_number=event["document"],
                                reason=event.get("reason", ""), document_date=_date(event["date"])),
        )
    return created


def _removals(created: dict[str, EnforcementMatter]) -> None:
    for event in _events("remove"):
        for code in event["matters"]:
            services.matter_remove(
                matter=created[code], actor=None,
                change=ChangeRecord(date=_date(event["date"]), document_number=event["document"],
                                    reason=event.get("reason", ""), document_date=_date(event["date"])),
            )


def _delegation(bureau: Bureau, created: dict[str, EnforcementMatter]) -> None:
    decision = data.DELEGATION
    townships = list(Township.objects.filter(bureau=bureau, name__in=decision["townships"]))
    services.delegation_create(
        bureau=bureau, number=decision["number"], title=decision["title"], date=_date(decision["date"]),
        townships=townships, matters=[created[code] for code in decision["matters"]], actor=None,
        evaluation_dates=[_date(d) for d in decision.get("evaluation_dates", [])],
    )


def _ladders_and_exemptions(created: dict[str, EnforcementMatter]) -> None:
    for code, steps in data.DISCRETION_LADDERS.items():
        services.discretion_steps_set(matter=created[code], actor=None, steps=[
            StepData(
                level=step["level"], facts=step["facts"], outcome=step["outcome"],
                min_fen=_fen(step.get("min_yuan")), max_fen=_fen(step.get("max_yuan")),
                min_multiple=_decimal(step.get("min_multiple")), max_multiple=_decimal(step.get("max_multiple")),
                source="示范区城市管理领域行政处罚裁量基准（演示）",
            )
            for step in steps
        ])
    for entry in data.EXEMPTIONS:
        services.exemption_add(matter=created[entry["matter"]], kind=entry["kind"], conditions=entry["conditions"],
                               source=entry["source"], actor=None)
