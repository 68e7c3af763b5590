"""Demo reference data for the enforcement-matter catalog (执法事项目录 / 权力清单).

DEMO DATA. The bureau, the district (示范区), the townships, the document numbers,
the discretion ladders (裁量基准), the exemption lists and the hearing thresholds
are invented for demonstration. They are not the text of any real bureau, nor of
the Ningxia regional government.

The legal bases are real national laws, administrative regulations and ministry
rules, cited in the versions in force when this file was written:

- 城市市容和环境卫生管理条例 (国务院令第101号, 2017-03-01 第二次修订)
- 城市道路管理条例 (国务院令第198号, 2019-03-24 第三次修订)
- 城市绿化条例 (国务院令第100号, 2017-03-01 第二次修订)
- 城镇排水与污水处理条例 (国务院令第641号, 2014-01-01 施行)
- 城市供水条例 (国务院令第158号, 2020-03-27 第二次修订)
- 历史文化名城名镇名村保护条例 (国务院令第524号, 2017-10-07 修订)
- 城乡规划法 (2019-04-23 第二次修正)
- 大气污染防治法 (2018-10-26 修正)
- 噪声污染防治法 (2021-12-24 通过, 2022-06-05 施行; 环境噪声污染防治法同时废止)
- 固体废物污染环境防治法 (2020-04-29 修订, 2020-09-01 施行)
- 土地管理法 (2019-08-26 修正) and 土地管理法实施条例 (国务院令第743号, 2021-09-01 施行)
- 草原法 (2021-04-29 第三次修正)
- 水法 (2016-07-02 修正)
- 公路法 (2017-11-04 修正)
- 城市建筑垃圾管理规定 (建设部令第139号, 2005-06-01 施行)
- 城市照明管理规定 (住房和城乡建设部令第4号, 2010-07-01 施行)
- 城市绿线管理办法 (建设部令第112号, 2002-11-01 施行)

Conventions:

- ``text`` is the article text copied verbatim. Where an article lists several
  items, only the opening sentence and the relevant item are kept and the gap
  is marked with "……". Entries marked ``"text_paraphrased": True`` are faithful
  paraphrases whose exact wording was not checked against an official copy.
- Amounts are whole yuan (``int``). ``min_yuan: 0`` stands for "……以下的罚款".
  Where the national text says only "处以罚款"/"可以并处罚款" and leaves the
  amount to provincial law, ``min_yuan`` and ``max_yuan`` are ``None`` and the
  ``note`` says so; such matters have no discretion ladder here.
- A fine entry may carry ``"subject"`` ("单位"/"个人") when the law sets
  different ranges per subject, and ``"condition"`` when it applies only in a
  stated circumstance (逾期不改正、造成严重后果……).
- ``fine_multiple`` entries give ``min_multiple``/``max_multiple`` as decimal
  strings and name the base in ``"of"`` (project_cost, temporary_project_cost,
  illegal_gains, illegal_area_m2 (yuan per m²), grassland_output_3y, …).
- Discretion steps ascend; each step's minimum equals the previous step's
  maximum (the "以上……以下" boundary of a published 裁量基准), and every
  range lies inside the matter's statutory range. An ``exempt`` step means
  不予处罚 under 行政处罚法第三十三条.
"""

from __future__ import annotations

from typing import Any

CATEGORIES: list[str] = [
    "市容环境卫生",
    "城乡规划",
    "市政公用",
    "园林绿化",
    "环境保护",
    "自然资源",
    "草原",
    "水利",
    "交通运输",
]

LAWS: dict[str, dict[str, str]] = {
    "城市市容和环境卫生管理条例": {
        "full_title": "城市市容和环境卫生管理条例",
        "kind": "行政法规",
        "version": "2017-03-01",
    },
    "城市道路管理条例": {"full_title": "城市道路管理条例", "kind": "行政法规", "version": "2019-03-24"},
    "城市绿化条例": {"full_title": "城市绿化条例", "kind": "行政法规", "version": "2017-03-01"},
    "城镇排水与污水处理条例": {
        "full_title": "城镇排水与污水处理条例",
        "kind": "行政法规",
        "version": "2014-01-01",
    },
    "城市供水条例": {"full_title": "城市供水条例", "kind": "行政法规", "version": "2020-03-27"},
    "历史文化名城名镇名村保护条例": {
        "full_title": "历史文化名城名镇名村保护条例",
        "kind": "行政法规",
        "version": "2017-10-07",
    },
    "城乡规划法": {"full_title": "中华人民共和国城乡规划法", "kind": "法律", "version": "2019-04-23"},
    "大气污染防治法": {"full_title": "中华人民共和国大气污染防治法", "kind": "法律", "version": "2018-10-26"},
    "噪声污染防治法": {"full_title": "中华人民共和国噪声污染防治法", "kind": "法律", "version": "2022-06-05"},
    "固体废物污染环境防治法": {
        "full_title": "中华人民共和国固体废物污染环境防治法",
        "kind": "法律",
        "version": "2020-09-01",
    },
    "土地管理法": {"full_title": "中华人民共和国土地管理法", "kind": "法律", "version": "2019-08-26"},
    "土地管理法实施条例": {
        "full_title": "中华人民共和国土地管理法实施条例",
        "kind": "行政法规",
        "version": "2021-09-01",
    },
    "草原法": {"full_title": "中华人民共和国草原法", "kind": "法律", "version": "2021-04-29"},
    "水法": {"full_title": "中华人民共和国水法", "kind": "法律", "version": "2016-07-02"},
    "公路法": {"full_title": "中华人民共和国公路法", "kind": "法律", "version": "2017-11-04"},
    "城市建筑垃圾管理规定": {
        "full_title": "城市建筑垃圾管理规定（建设部令第139号）",
        "kind": "部门规章",
        "version": "2005-06-01",
    },
    "城市照明管理规定": {
        "full_title": "城市照明管理规定（住房和城乡建设部令第4号）",
        "kind": "部门规章",
        "version": "2010-07-01",
    },
    "城市绿线管理办法": {
        "full_title": "城市绿线管理办法（建设部令第112号）",
        "kind": "部门规章",
        "version": "2002-11-01",
    },
}

# ---------------------------------------------------------------------------
# Shared article openings (the lists are cut to the relevant item per matter).
# ---------------------------------------------------------------------------

_SR34 = "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……"
_SR36 = "有下列行为之一者，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款：……"
_SR_FINE_NOTE = "可以并处；条例未规定罚款数额，数额按自治区地方性法规、规章的规定执行"
_ROAD42 = "违反本条例第二十七条规定，或者有下列行为之一的，由市政工程行政主管部门或者其他有关部门责令限期改正，可以处以2万元以下的罚款；造成损失的，应当依法承担赔偿责任：……"
_ROAD27 = "城市道路范围内禁止下列行为：……"
_GREEN26 = "违反本条例规定，有下列行为之一的，由城市人民政府城市绿化行政主管部门或者其授权的单位责令停止侵害，可以并处罚款；造成损失的，应当负赔偿责任；应当给予治安管理处罚的，依照《中华人民共和国治安管理处罚法》的有关规定处罚；构成犯罪的，依法追究刑事责任：……"
_GREEN_FINE_NOTE = "可以并处；条例未规定罚款数额，数额按自治区城市绿化管理法规、规章的规定执行"
_C139_20 = "任何单位和个人有下列情形之一的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处以罚款：（一）将建筑垃圾混入生活垃圾的；（二）将危险废物混入建筑垃圾的；（三）擅自设立弃置场受纳建筑垃圾的。单位有前款第一项、第二项行为之一的，处3000元以下罚款；有前款第三项行为的，处5000元以上1万元以下罚款。个人有前款第一项、第二项行为之一的，处200元以下罚款；有前款第三项行为的，处3000元以下罚款。"
_SW111 = (
    "违反本法规定，有下列行为之一，由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得：……"
)
_SW111_2 = "单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；单位有前款第二项、第三项、第四项、第五项、第六项行为之一，处十万元以上一百万元以下的罚款；个人有前款第一项、第五项、第七项行为之一，处一百元以上五百元以下的罚款。"
_GH64 = "未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的，由县级以上地方人民政府城乡规划主管部门责令停止建设；尚可采取改正措施消除对规划实施的影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款；无法采取改正措施消除影响的，限期拆除，不能拆除的，没收实物或者违法收入，可以并处建设工程造价百分之十以下的罚款。"
_GH66 = "建设单位或者个人有下列行为之一的，由所在地城市、县人民政府城乡规划主管部门责令限期拆除，可以并处临时建设工程造价一倍以下的罚款：……"
_GH44 = "在城市、镇规划区内进行临时建设的，应当经城市、县人民政府城乡规划主管部门批准。临时建设影响近期建设规划或者控制性详细规划的实施以及交通、市容、安全等的，不得批准。临时建设应当在批准的使用期限内自行拆除。"
_DRAIN_SAFE = "违反本条例规定，从事危及城镇排水与污水处理设施安全的活动的，由城镇排水主管部门责令停止违法行为，限期恢复原状或者采取其他补救措施，给予警告；逾期不采取补救措施或者造成严重后果的，对单位处10万元以上30万元以下罚款，对个人处2万元以上10万元以下罚款；造成损失的，依法承担赔偿责任；构成犯罪的，依法追究刑事责任。"
_WATER35 = (
    "违反本条例规定，有下列行为之一的，由城市供水行政主管部门或者其授权的单位责令限期改正，可以处以罚款：……"
)
_WATER38 = "本条例第三十三条、第三十四条、第三十五条规定的罚款数额由省、自治区、直辖市人民政府规定。"
_AIR115 = "违反本法规定，施工单位有下列行为之一的，由县级以上人民政府住房城乡建设等主管部门按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治：（一）施工工地未设置硬质围挡，或者未采取覆盖、分段作业、择时施工、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施的；（二）建筑土方、工程渣土、建筑垃圾未及时清运，或者未采用密闭式防尘网遮盖的。"
_NOISE77 = "违反本法规定，建设单位、施工单位有下列行为之一，由工程所在地人民政府指定的部门责令改正，处一万元以上十万元以下的罚款；拒不改正的，可以责令暂停施工：……"
_NOISE82 = "违反本法规定，有下列行为之一，由地方人民政府指定的部门说服教育，责令改正；拒不改正的，给予警告，对个人可以处二百元以上一千元以下的罚款，对单位可以处二千元以上二万元以下的罚款：……"
_ROAD_HWY76 = "有下列违法行为之一的，由交通主管部门责令停止违法行为，可以处三万元以下的罚款：……"

MATTERS: list[dict[str, Any]] = [
    # =======================================================================
    # 市容环境卫生
    # =======================================================================
    {
        "code": "CG-SR-001",
        "name": "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十二条",
                "clause": "",
                "text": "公民应当爱护公共卫生环境，不随地吐痰、便溺，不乱扔果皮、纸屑和烟头等废弃物。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（一）项",
                "text": _SR34 + "（一）随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令纠正违法行为、采取补救措施"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人",
    },
    {
        "code": "CG-SR-002",
        "name": "对在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第十七条",
                "clause": "",
                "text": "一切单位和个人，都不得在城市建筑物、设施以及树木上涂写、刻画。单位和个人在城市建筑物、设施上张挂、张贴宣传品等，须经城市人民政府市容环境卫生行政主管部门或者其他有关部门批准。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（二）项",
                "text": _SR34
                + "（二）在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令清除、恢复原状"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-003",
        "name": "对在城市人民政府规定的街道的临街建筑物的阳台和窗外堆放、吊挂有碍市容的物品行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第十条",
                "clause": "",
                "text": "一切单位和个人都应当保持建筑物的整洁、美观。在城市人民政府规定的街道的临街建筑物的阳台和窗外，不得堆放、吊挂有碍市容的物品。搭建或者封闭阳台必须符合城市人民政府市容环境卫生行政主管部门的有关规定。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（三）项",
                "text": _SR34
                + "（三）在城市人民政府规定的街道的临街建筑物的阳台和窗外，堆放、吊挂有碍市容的物品的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令清除"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-004",
        "name": "对不按规定的时间、地点、方式倾倒垃圾、粪便行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第二十八条",
                "clause": "第二款",
                "text": "一切单位和个人，都应当依照城市人民政府市容环境卫生行政主管部门规定的时间、地点、方式，倾倒垃圾、粪便。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（四）项",
                "text": _SR34 + "（四）不按规定的时间、地点、方式，倾倒垃圾、粪便的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令纠正违法行为、采取补救措施"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
        "note": "随意倾倒生活垃圾的行为同时为固体废物污染环境防治法第一百一十一条第一款第（一）项所规定（见 CG-SR-020），上位法优先适用；演示历史中本事项于2024-07-01清理出目录。",
    },
    {
        "code": "CG-SR-005",
        "name": "对不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第二十五条",
                "clause": "",
                "text": "机关、团体、部队、企事业单位，应当按照城市人民政府市容环境卫生行政主管部门划分的卫生责任区负责清扫保洁。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（五）项",
                "text": _SR34 + "（五）不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令清扫保洁、清运"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位、个体工商户",
    },
    {
        "code": "CG-SR-006",
        "name": "对运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第十五条",
                "clause": "",
                "text": "在市区运行的交通运输工具，应当保持外型完好、整洁，货运车辆运输的液体、散装货物，应当密封、包扎、覆盖，避免泄漏、遗撒。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（六）项",
                "text": _SR34 + "（六）运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令清除遗撒物"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
        "note": "运输煤炭、垃圾、渣土、砂石等散装物料的车辆未采取密闭措施的，适用大气污染防治法第一百一十六条（CG-HB-003）；运输建筑垃圾沿途遗撒的，适用 CG-SR-016。",
    },
    {
        "code": "CG-SR-007",
        "name": "对临街工地不设置护栏或者不作遮挡、停工场地不及时整理并作必要覆盖或者竣工后不及时清理和平整场地行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第十六条",
                "clause": "",
                "text": "城市的工程施工现场的材料、机具应当堆放整齐，渣土应当及时清运；临街工地应当设置护栏或者围布遮挡；停工场地应当及时整理并作必要的覆盖；竣工后，应当及时清理和平整场地。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十四条",
                "clause": "第（七）项",
                "text": _SR34
                + "（七）临街工地不设置护栏或者不作遮挡、停工场地不及时整理并作必要覆盖或者竣工后不及时清理和平整场地，影响市容和环境卫生的。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令设置护栏、覆盖、清理"},
            {"kind": "warning", "note": "可以并处"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位",
    },
    {
        "code": "CG-SR-008",
        "name": "对在市区内饲养家畜家禽影响市容和环境卫生行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十三条",
                "clause": "",
                "text": "按国家行政建制设立的市的市区内，禁止饲养鸡、鸭、鹅、兔、羊、猪等家畜家禽；因教学、科研以及其他特殊需要饲养的除外。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十五条",
                "clause": "",
                "text": "饲养家畜家禽影响市容和环境卫生的，由城市人民政府市容环境卫生行政主管部门或者其委托的单位，责令其限期处理或者予以没收，并可处以罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期处理"},
            {"kind": "confiscate_property", "note": "或者予以没收（家畜家禽）"},
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "note": "并可处以罚款；条例未规定罚款数额，数额按自治区地方性法规、规章的规定执行",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-009",
        "name": "对未经同意擅自设置大型户外广告影响市容行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第十一条",
                "clause": "第二款",
                "text": "大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十六条",
                "clause": "第（一）项",
                "text": _SR36
                + "（一）未经城市人民政府市容环境卫生行政主管部门同意，擅自设置大型户外广告，影响市容的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，采取其他补救措施"},
            {"kind": "demolish", "note": "限期清理、拆除"},
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "note": "并可处以罚款；条例未规定罚款数额，数额按自治区地方性法规、规章的规定执行",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-010",
        "name": "对未经批准擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施影响市容行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第十四条",
                "clause": "",
                "text": "任何单位和个人都不得在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施。因建设等特殊需要，在街道两侧和公共场地临时堆放物料，搭建非永久性建筑物、构筑物或者其他设施的，必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十六条",
                "clause": "第（二）项",
                "text": _SR36
                + "（二）未经城市人民政府市容环境卫生行政主管部门批准，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施，影响市容的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为"},
            {"kind": "demolish", "note": "限期清理、拆除"},
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "note": "并可处以罚款；条例未规定罚款数额，数额按自治区地方性法规、规章的规定执行",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-011",
        "name": "对未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第二十二条",
                "clause": "",
                "text": "一切单位和个人都不得擅自拆除环境卫生设施；因建设需要必须拆除的，建设单位必须事先提出拆迁方案，报城市人民政府市容环境卫生行政主管部门批准。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十六条",
                "clause": "第（三）项",
                "text": _SR36 + "（三）未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，采取补救措施"},
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "note": "并可处以罚款；条例未规定罚款数额，数额按自治区地方性法规、规章的规定执行",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-SR-012",
        "name": "对损坏各类环境卫生设施及其附属设施行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十八条",
                "clause": "",
                "text": "损坏各类环境卫生设施及其附属设施的，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其恢复原状外，可以并处罚款；盗窃、损坏各类环境卫生设施及其附属设施，应当给予治安管理处罚的，依照《中华人民共和国治安管理处罚法》的规定处罚；构成犯罪的，依法追究刑事责任。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市市容和环境卫生管理条例",
                "article": "第三十八条",
                "clause": "",
                "text": "损坏各类环境卫生设施及其附属设施的，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其恢复原状外，可以并处罚款；盗窃、损坏各类环境卫生设施及其附属设施，应当给予治安管理处罚的，依照《中华人民共和国治安管理处罚法》的规定处罚；构成犯罪的，依法追究刑事责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令恢复原状"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _SR_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
        "note": "盗窃或应受治安管理处罚的，移送公安机关。",
    },
    {
        "code": "CG-SR-013",
        "name": "对将建筑垃圾混入生活垃圾或者将危险废物混入建筑垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十条",
                "clause": "第一款第（一）项、第（二）项",
                "text": _C139_20,
                "text_paraphrased": True,
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十条",
                "clause": "第二款、第三款",
                "text": _C139_20,
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 3000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 200, "subject": "个人"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-014",
        "name": "对擅自设立弃置场受纳建筑垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十条",
                "clause": "第一款第（三）项",
                "text": _C139_20,
                "text_paraphrased": True,
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十条",
                "clause": "第二款、第三款",
                "text": _C139_20,
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 10000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 3000, "subject": "个人"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-015",
        "name": "对建筑垃圾储运消纳场受纳工业垃圾、生活垃圾和有毒有害垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十一条",
                "clause": "",
                "text": "建筑垃圾储运消纳场受纳工业垃圾、生活垃圾和有毒有害垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上1万元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十一条",
                "clause": "",
                "text": "建筑垃圾储运消纳场受纳工业垃圾、生活垃圾和有毒有害垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上1万元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 10000},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位",
    },
    {
        "code": "CG-SR-016",
        "name": "对处置建筑垃圾的单位在运输建筑垃圾过程中沿途丢弃、遗撒建筑垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十三条",
                "clause": "",
                "text": "处置建筑垃圾的单位在运输建筑垃圾过程中沿途丢弃、遗撒建筑垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上5万元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十三条",
                "clause": "",
                "text": "处置建筑垃圾的单位在运输建筑垃圾过程中沿途丢弃、遗撒建筑垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上5万元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正（清除遗撒物）"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 50000},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位",
    },
    {
        "code": "CG-SR-017",
        "name": "对涂改、倒卖、出租、出借或者以其他形式非法转让城市建筑垃圾处置核准文件行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十四条",
                "clause": "",
                "text": "涂改、倒卖、出租、出借或者以其他形式非法转让城市建筑垃圾处置核准文件的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上2万元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十四条",
                "clause": "",
                "text": "涂改、倒卖、出租、出借或者以其他形式非法转让城市建筑垃圾处置核准文件的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上2万元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 20000},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-SR-018",
        "name": "对未经核准擅自处置建筑垃圾或者处置超出核准范围的建筑垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第七条",
                "clause": "第一款",
                "text": "处置建筑垃圾的单位，应当向城市人民政府市容环境卫生主管部门提出申请，获得城市建筑垃圾处置核准后，方可处置。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十五条",
                "clause": "",
                "text": "违反本规定，有下列情形之一的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，对施工单位处1万元以上10万元以下罚款，对建设单位、运输建筑垃圾的单位处5000元以上3万元以下罚款：（一）未经核准擅自处置建筑垃圾的；（二）处置超出核准范围的建筑垃圾的。",
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000, "subject": "施工单位"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 30000, "subject": "建设单位、运输建筑垃圾的单位"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "施工单位、建设单位、运输单位",
    },
    {
        "code": "CG-SR-019",
        "name": "对随意倾倒、抛撒或者堆放建筑垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十六条",
                "clause": "",
                "text": "任何单位和个人随意倾倒、抛撒或者堆放建筑垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，并对单位处5000元以上5万元以下罚款，对个人处200元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalty_basis": [
            {
                "law": "城市建筑垃圾管理规定",
                "article": "第二十六条",
                "clause": "",
                "text": "任何单位和个人随意倾倒、抛撒或者堆放建筑垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，并对单位处5000元以上5万元以下罚款，对个人处200元以下罚款。",
                "text_paraphrased": True,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正（清除）"},
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 50000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 200, "subject": "个人"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
        "note": "工程施工单位擅自倾倒、抛撒或者堆放施工建筑垃圾的，适用固体废物污染环境防治法第一百一十一条第一款第（四）项（CG-SR-022）。",
    },
    {
        "code": "CG-SR-020",
        "name": "对随意倾倒、抛撒、堆放或者焚烧生活垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第四十九条",
                "clause": "第二款",
                "text": "任何单位和个人都应当依法在指定的地点分类投放生活垃圾。禁止随意倾倒、抛撒、堆放或者焚烧生活垃圾。",
            },
        ],
        "penalty_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第一百一十一条",
                "clause": "第一款第（一）项、第二款",
                "text": _SW111 + "（一）随意倾倒、抛撒、堆放或者焚烧生活垃圾的；……" + _SW111_2,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 50000, "max_yuan": 500000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 100, "max_yuan": 500, "subject": "个人"},
            {"kind": "confiscate_gains"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-021",
        "name": "对工程施工单位未编制建筑垃圾处理方案报备案或者未及时清运施工过程中产生的固体废物行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第六十三条",
                "clause": "第一款、第二款",
                "text": "工程施工单位应当编制建筑垃圾处理方案，采取污染防治措施，并报县级以上地方人民政府环境卫生主管部门备案。工程施工单位应当及时清运工程施工过程中产生的建筑垃圾等固体废物，并按照环境卫生主管部门的规定进行利用或者处置。",
            },
        ],
        "penalty_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第一百一十一条",
                "clause": "第一款第（三）项、第二款",
                "text": _SW111
                + "（三）工程施工单位未编制建筑垃圾处理方案报备案，或者未及时清运施工过程中产生的固体废物的；……"
                + _SW111_2,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 100000, "max_yuan": 1000000},
            {"kind": "confiscate_gains"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "工程施工单位",
    },
    {
        "code": "CG-SR-022",
        "name": "对工程施工单位擅自倾倒、抛撒或者堆放工程施工过程中产生的建筑垃圾或者未按照规定对施工过程中产生的固体废物进行利用或者处置行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第六十三条",
                "clause": "第三款",
                "text": "工程施工单位不得擅自倾倒、抛撒或者堆放工程施工过程中产生的建筑垃圾。",
            },
        ],
        "penalty_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第一百一十一条",
                "clause": "第一款第（四）项、第二款",
                "text": _SW111
                + "（四）工程施工单位擅自倾倒、抛撒或者堆放工程施工过程中产生的建筑垃圾，或者未按照规定对施工过程中产生的固体废物进行利用或者处置的；……"
                + _SW111_2,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 100000, "max_yuan": 1000000},
            {"kind": "confiscate_gains"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "工程施工单位",
    },
    {
        "code": "CG-SR-023",
        "name": "对产生、收集厨余垃圾的单位和其他生产经营者未将厨余垃圾交由具备相应资质条件的单位进行无害化处理行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第五十七条",
                "clause": "第二款",
                "text": "产生、收集厨余垃圾的单位和其他生产经营者，应当将厨余垃圾交由具备相应资质条件的单位进行无害化处理。",
            },
        ],
        "penalty_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第一百一十一条",
                "clause": "第一款第（五）项、第二款",
                "text": _SW111
                + "（五）产生、收集厨余垃圾的单位和其他生产经营者未将厨余垃圾交由具备相应资质条件的单位进行无害化处理的；……"
                + _SW111_2,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 100000, "max_yuan": 1000000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 100, "max_yuan": 500, "subject": "个人"},
            {"kind": "confiscate_gains"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "单位、个体经营者",
    },
    {
        "code": "CG-SR-024",
        "name": "对在运输过程中沿途丢弃、遗撒生活垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第五十条",
                "clause": "第一款",
                "text": "清扫、收集、运输、处理城乡生活垃圾，应当遵守国家有关环境保护和环境卫生管理的规定，防止污染环境。",
            },
        ],
        "penalty_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第一百一十一条",
                "clause": "第一款第（七）项、第二款",
                "text": _SW111 + "（七）在运输过程中沿途丢弃、遗撒生活垃圾的。" + _SW111_2,
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 50000, "max_yuan": 500000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 100, "max_yuan": 500, "subject": "个人"},
            {"kind": "confiscate_gains"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SR-025",
        "name": "对未在指定的地点分类投放生活垃圾行为的行政处罚",
        "category": "市容环境卫生",
        "violation_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第四十九条",
                "clause": "第二款",
                "text": "任何单位和个人都应当依法在指定的地点分类投放生活垃圾。禁止随意倾倒、抛撒、堆放或者焚烧生活垃圾。",
            },
        ],
        "penalty_basis": [
            {
                "law": "固体废物污染环境防治法",
                "article": "第一百一十一条",
                "clause": "第三款",
                "text": "违反本法规定，未在指定的地点分类投放生活垃圾的，由县级以上地方人民政府环境卫生主管部门责令改正；情节严重的，对单位处五万元以上五十万元以下的罚款，对个人依法处以罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {
                "kind": "fine",
                "min_yuan": 50000,
                "max_yuan": 500000,
                "subject": "单位",
                "condition": "情节严重的",
            },
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "subject": "个人",
                "condition": "情节严重的",
                "note": "对个人依法处以罚款；数额由地方性法规规定",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "个人、单位",
    },
    # =======================================================================
    # 城乡规划
    # =======================================================================
    {
        "code": "CG-GH-001",
        "name": "对未取得建设工程规划许可证进行建设行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "城乡规划法",
                "article": "第四十条",
                "clause": "第一款",
                "text": "在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门或者省、自治区、直辖市人民政府确定的镇人民政府申请办理建设工程规划许可证。",
            },
        ],
        "penalty_basis": [
            {"law": "城乡规划法", "article": "第六十四条", "clause": "", "text": _GH64},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止建设；尚可采取改正措施的，限期改正"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0.05",
                "max_multiple": "0.10",
                "of": "project_cost",
                "condition": "尚可采取改正措施消除对规划实施的影响的",
            },
            {"kind": "demolish", "condition": "无法采取改正措施消除影响的，限期拆除"},
            {"kind": "confiscate_property", "condition": "不能拆除的，没收实物或者违法收入"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0",
                "max_multiple": "0.10",
                "of": "project_cost",
                "condition": "无法采取改正措施消除影响的",
                "note": "可以并处",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "建设单位、个人",
    },
    {
        "code": "CG-GH-002",
        "name": "对未按照建设工程规划许可证的规定进行建设行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "城乡规划法",
                "article": "第四十条",
                "clause": "第一款",
                "text": "在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门或者省、自治区、直辖市人民政府确定的镇人民政府申请办理建设工程规划许可证。",
            },
        ],
        "penalty_basis": [
            {"law": "城乡规划法", "article": "第六十四条", "clause": "", "text": _GH64},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止建设；尚可采取改正措施的，限期改正"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0.05",
                "max_multiple": "0.10",
                "of": "project_cost",
                "condition": "尚可采取改正措施消除对规划实施的影响的",
                "note": "造价按违法建设部分计",
            },
            {"kind": "demolish", "condition": "无法采取改正措施消除影响的，限期拆除"},
            {"kind": "confiscate_property", "condition": "不能拆除的，没收实物或者违法收入"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0",
                "max_multiple": "0.10",
                "of": "project_cost",
                "condition": "无法采取改正措施消除影响的",
                "note": "可以并处",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "建设单位、个人",
    },
    {
        "code": "CG-GH-003",
        "name": "对未经批准进行临时建设行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {"law": "城乡规划法", "article": "第四十四条", "clause": "第一款、第二款", "text": _GH44},
        ],
        "penalty_basis": [
            {
                "law": "城乡规划法",
                "article": "第六十六条",
                "clause": "第（一）项",
                "text": _GH66 + "（一）未经批准进行临时建设的；……",
            },
        ],
        "penalties": [
            {"kind": "demolish", "note": "责令限期拆除"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0",
                "max_multiple": "1",
                "of": "temporary_project_cost",
                "note": "可以并处临时建设工程造价一倍以下的罚款",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "建设单位、个人",
    },
    {
        "code": "CG-GH-004",
        "name": "对未按照批准内容进行临时建设行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {"law": "城乡规划法", "article": "第四十四条", "clause": "第一款、第二款", "text": _GH44},
        ],
        "penalty_basis": [
            {
                "law": "城乡规划法",
                "article": "第六十六条",
                "clause": "第（二）项",
                "text": _GH66 + "（二）未按照批准内容进行临时建设的；……",
            },
        ],
        "penalties": [
            {"kind": "demolish", "note": "责令限期拆除"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0",
                "max_multiple": "1",
                "of": "temporary_project_cost",
                "note": "可以并处临时建设工程造价一倍以下的罚款",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "建设单位、个人",
    },
    {
        "code": "CG-GH-005",
        "name": "对临时建筑物、构筑物超过批准期限不拆除行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "城乡规划法",
                "article": "第四十四条",
                "clause": "第二款",
                "text": "临时建设应当在批准的使用期限内自行拆除。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城乡规划法",
                "article": "第六十六条",
                "clause": "第（三）项",
                "text": _GH66 + "（三）临时建筑物、构筑物超过批准期限不拆除的。",
            },
        ],
        "penalties": [
            {"kind": "demolish", "note": "责令限期拆除"},
            {
                "kind": "fine_multiple",
                "min_multiple": "0",
                "max_multiple": "1",
                "of": "temporary_project_cost",
                "note": "可以并处临时建设工程造价一倍以下的罚款",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "建设单位、个人",
    },
    {
        "code": "CG-GH-006",
        "name": "对建设单位未在建设工程竣工验收后六个月内报送有关竣工验收资料行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "城乡规划法",
                "article": "第四十五条",
                "clause": "第二款",
                "text": "建设单位应当在竣工验收后六个月内向城乡规划主管部门报送有关竣工验收资料。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城乡规划法",
                "article": "第六十七条",
                "clause": "",
                "text": "建设单位未在建设工程竣工验收后六个月内向城乡规划主管部门报送有关竣工验收资料的，由所在地城市、县人民政府城乡规划主管部门责令限期补报；逾期不补报的，处一万元以上五万元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期补报"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 50000, "condition": "逾期不补报的"},
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": False,
        "subject": "建设单位",
    },
    {
        "code": "CG-GH-007",
        "name": "对在历史建筑上刻划、涂污行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "历史文化名城名镇名村保护条例",
                "article": "第二十四条",
                "clause": "第（四）项",
                "text": "在历史文化名城、名镇、名村保护范围内禁止进行下列活动：……（四）在历史建筑上刻划、涂污。",
            },
        ],
        "penalty_basis": [
            {
                "law": "历史文化名城名镇名村保护条例",
                "article": "第四十二条",
                "clause": "",
                "text": "违反本条例规定，在历史建筑上刻划、涂污的，由城市、县人民政府城乡规划主管部门责令恢复原状或者采取其他补救措施，处50元的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令恢复原状或者采取其他补救措施"},
            {"kind": "fine", "min_yuan": 50, "max_yuan": 50, "note": "固定数额50元"},
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-GH-008",
        "name": "对擅自设置、移动、涂改或者损毁历史文化街区、名镇、名村标志牌行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "历史文化名城名镇名村保护条例",
                "article": "第三十条",
                "clause": "第二款",
                "text": "任何单位和个人不得擅自设置、移动、涂改或者损毁标志牌。",
            },
        ],
        "penalty_basis": [
            {
                "law": "历史文化名城名镇名村保护条例",
                "article": "第四十五条",
                "clause": "",
                "text": "违反本条例规定，擅自设置、移动、涂改或者损毁历史文化街区、名镇、名村标志牌的，由城市、县人民政府城乡规划主管部门责令限期改正；逾期不改正的，对单位处1万元以上5万元以下的罚款，对个人处1000元以上1万元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {
                "kind": "fine",
                "min_yuan": 10000,
                "max_yuan": 50000,
                "subject": "单位",
                "condition": "逾期不改正的",
            },
            {
                "kind": "fine",
                "min_yuan": 1000,
                "max_yuan": 10000,
                "subject": "个人",
                "condition": "逾期不改正的",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-GH-009",
        "name": "对损坏或者擅自迁移、拆除历史建筑行为的行政处罚",
        "category": "城乡规划",
        "violation_basis": [
            {
                "law": "历史文化名城名镇名村保护条例",
                "article": "第三十三条",
                "clause": "第四款",
                "text": "任何单位或者个人不得损坏或者擅自迁移、拆除历史建筑。",
            },
        ],
        "penalty_basis": [
            {
                "law": "历史文化名城名镇名村保护条例",
                "article": "第四十四条",
                "clause": "",
                "text": "违反本条例规定，损坏或者擅自迁移、拆除历史建筑的，由城市、县人民政府城乡规划主管部门责令停止违法行为、限期恢复原状或者采取其他补救措施；有违法所得的，没收违法所得；逾期不恢复原状或者不采取其他补救措施的，城乡规划主管部门可以指定有能力的单位代为恢复原状或者采取其他补救措施，所需费用由违法者承担；造成严重后果的，对单位并处20万元以上50万元以下的罚款，对个人并处10万元以上20万元以下的罚款；造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为、限期恢复原状或者采取其他补救措施"},
            {"kind": "confiscate_gains"},
            {
                "kind": "fine",
                "min_yuan": 200000,
                "max_yuan": 500000,
                "subject": "单位",
                "condition": "造成严重后果的",
            },
            {
                "kind": "fine",
                "min_yuan": 100000,
                "max_yuan": 200000,
                "subject": "个人",
                "condition": "造成严重后果的",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "个人、单位",
    },
    # =======================================================================
    # 市政公用
    # =======================================================================
    {
        "code": "CG-SZ-001",
        "name": "对擅自占用城市道路行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第二十七条",
                "clause": "第（一）项",
                "text": _ROAD27 + "（一）擅自占用或者挖掘城市道路；……",
            },
            {
                "law": "城市道路管理条例",
                "article": "第三十一条",
                "clause": "第一款",
                "text": "因特殊情况需要临时占用城市道路的，须经市政工程行政主管部门和公安交通管理部门批准，方可按照规定占用。",
            },
        ],
        "penalty_basis": [
            {"law": "城市道路管理条例", "article": "第四十二条", "clause": "", "text": _ROAD42},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-002",
        "name": "对擅自挖掘城市道路行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第二十七条",
                "clause": "第（一）项",
                "text": _ROAD27 + "（一）擅自占用或者挖掘城市道路；……",
            },
            {
                "law": "城市道路管理条例",
                "article": "第三十三条",
                "clause": "第一款",
                "text": "因工程建设需要挖掘城市道路的，应当提交城市规划部门批准签发的文件和有关设计文件，经市政工程行政主管部门和公安交通管理部门批准，方可按照规定挖掘。",
            },
        ],
        "penalty_basis": [
            {"law": "城市道路管理条例", "article": "第四十二条", "clause": "", "text": _ROAD42},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正（恢复路面）"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-SZ-003",
        "name": "对履带车、铁轮车或者超重、超高、超长车辆擅自在城市道路上行驶行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第二十七条",
                "clause": "第（二）项",
                "text": _ROAD27 + "（二）履带车、铁轮车或者超重、超高、超长车辆擅自在城市道路上行驶；……",
            },
            {
                "law": "城市道路管理条例",
                "article": "第二十八条",
                "clause": "第一款",
                "text": "履带车、铁轮车或者超重、超高、超长车辆需要在城市道路上行驶的，事先须征得市政工程行政主管部门同意，并按照公安交通管理部门指定的时间、路线行驶。",
            },
        ],
        "penalty_basis": [
            {"law": "城市道路管理条例", "article": "第四十二条", "clause": "", "text": _ROAD42},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-004",
        "name": "对擅自在城市道路上建设建筑物、构筑物行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第二十七条",
                "clause": "第（四）项",
                "text": _ROAD27 + "（四）擅自在城市道路上建设建筑物、构筑物；……",
            },
        ],
        "penalty_basis": [
            {"law": "城市道路管理条例", "article": "第四十二条", "clause": "", "text": _ROAD42},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正（拆除）"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-005",
        "name": "对擅自在桥梁或者路灯设施上设置广告牌或者其他挂浮物行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第二十七条",
                "clause": "第（六）项",
                "text": _ROAD27 + "（六）擅自在桥梁或者路灯设施上设置广告牌或者其他挂浮物；……",
            },
        ],
        "penalty_basis": [
            {"law": "城市道路管理条例", "article": "第四十二条", "clause": "", "text": _ROAD42},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正（拆除）"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-006",
        "name": "对未对设在城市道路上的各种管线的检查井、箱盖或者城市道路附属设施的缺损及时补缺或者修复行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第二十三条",
                "clause": "",
                "text": "设在城市道路上的各类管线的检查井、箱盖或者城市道路附属设施，应当符合城市道路养护规范。因缺损影响交通和安全时，有关产权单位应当及时补缺或者修复。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第四十二条",
                "clause": "第（一）项",
                "text": _ROAD42
                + "（一）未对设在城市道路上的各种管线的检查井、箱盖或者城市道路附属设施的缺损及时补缺或者修复的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "管线产权单位",
    },
    {
        "code": "CG-SZ-007",
        "name": "对未在城市道路施工现场设置明显标志和安全防围设施行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第三十五条",
                "clause": "",
                "text": "经批准挖掘城市道路的，应当在施工现场设置明显标志和安全防围设施；竣工后，应当及时清理现场，通知市政工程行政主管部门检查验收。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第四十二条",
                "clause": "第（二）项",
                "text": _ROAD42 + "（二）未在城市道路施工现场设置明显标志和安全防围设施的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "单位",
    },
    {
        "code": "CG-SZ-008",
        "name": "对占用城市道路期满或者挖掘城市道路后不及时清理现场行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第三十一条",
                "clause": "第二款",
                "text": "经批准临时占用城市道路的，不得损坏城市道路；占用期满后，应当及时清理占用现场，恢复城市道路原状；损坏城市道路的，应当修复或者给予赔偿。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第四十二条",
                "clause": "第（三）项",
                "text": _ROAD42 + "（三）占用城市道路期满或者挖掘城市道路后，不及时清理现场的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-009",
        "name": "对未按照批准的位置、面积、期限占用或者挖掘城市道路，或者需要移动位置、扩大面积、延长时间未提前办理变更审批手续行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第三十六条",
                "clause": "",
                "text": "经批准占用或者挖掘城市道路的，应当按照批准的位置、面积、期限占用或者挖掘。需要移动位置、扩大面积、延长时间的，应当提前办理变更审批手续。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市道路管理条例",
                "article": "第四十二条",
                "clause": "第（六）项",
                "text": _ROAD42
                + "（六）未按照批准的位置、面积、期限占用或者挖掘城市道路，或者需要移动位置、扩大面积、延长时间，未提前办理变更审批手续的。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处2万元以下的罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-010",
        "name": "对在雨水、污水分流地区建设单位、施工单位将雨水管网、污水管网相互混接行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第十九条",
                "clause": "第二款",
                "text": "在雨水、污水分流地区，新区建设和旧城区改建不得将雨水管网、污水管网相互混接。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第四十八条",
                "clause": "",
                "text": "违反本条例规定，在雨水、污水分流地区，建设单位、施工单位将雨水管网、污水管网相互混接的，由城镇排水主管部门责令改正，处5万元以上10万元以下的罚款；造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 50000, "max_yuan": 100000},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "建设单位、施工单位",
    },
    {
        "code": "CG-SZ-011",
        "name": "对排水单位和个人未按照国家有关规定将污水排入城镇排水设施或者在雨水、污水分流地区将污水排入雨水管网行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第二十条",
                "clause": "",
                "text": "城镇排水设施覆盖范围内的排水单位和个人，应当按照国家有关规定将污水排入城镇排水设施。在雨水、污水分流地区，不得将污水排入雨水管网。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第四十九条",
                "clause": "",
                "text": "违反本条例规定，城镇排水与污水处理设施覆盖范围内的排水单位和个人，未按照国家有关规定将污水排入城镇排水设施，或者在雨水、污水分流地区将污水排入雨水管网的，由城镇排水主管部门责令改正，给予警告；逾期不改正或者造成严重后果的，对单位处10万元以上20万元以下罚款，对个人处2万元以上10万元以下罚款；造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "warning"},
            {
                "kind": "fine",
                "min_yuan": 100000,
                "max_yuan": 200000,
                "subject": "单位",
                "condition": "逾期不改正或者造成严重后果的",
            },
            {
                "kind": "fine",
                "min_yuan": 20000,
                "max_yuan": 100000,
                "subject": "个人",
                "condition": "逾期不改正或者造成严重后果的",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "排水单位、个人",
    },
    {
        "code": "CG-SZ-012",
        "name": "对排水户未取得污水排入排水管网许可证向城镇排水设施排放污水行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第二十一条",
                "clause": "第一款",
                "text": "从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户(以下称排水户)向城镇排水设施排放污水的，应当向城镇排水主管部门申请领取污水排入排水管网许可证。城镇排水主管部门应当按照国家有关标准，重点对影响城镇排水与污水处理设施安全运行的事项进行审查。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第五十条",
                "clause": "第一款",
                "text": "违反本条例规定，排水户未取得污水排入排水管网许可证向城镇排水设施排放污水的，由城镇排水主管部门责令停止违法行为，限期采取治理措施，补办污水排入排水管网许可证，可以处50万元以下罚款；造成损失的，依法承担赔偿责任；构成犯罪的，依法追究刑事责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期采取治理措施，补办许可证"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 500000, "note": "可以处50万元以下罚款"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "排水户（企业事业单位、个体工商户）",
    },
    {
        "code": "CG-SZ-013",
        "name": "对从事危及城镇排水与污水处理设施安全活动行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城镇排水与污水处理条例",
                "article": "第四十二条",
                "clause": "",
                "text": "禁止从事下列危及城镇排水与污水处理设施安全的活动：(一)损毁、盗窃城镇排水与污水处理设施；(二)穿凿、堵塞城镇排水与污水处理设施；(三)向城镇排水与污水处理设施排放、倾倒剧毒、易燃易爆、腐蚀性废液和废渣；(四)向城镇排水与污水处理设施倾倒垃圾、渣土、施工泥浆等废弃物；(五)建设占压城镇排水与污水处理设施的建筑物、构筑物或者其他设施；(六)其他危及城镇排水与污水处理设施安全的活动。",
            },
        ],
        "penalty_basis": [
            {"law": "城镇排水与污水处理条例", "article": "第五十六条", "clause": "", "text": _DRAIN_SAFE},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期恢复原状或者采取其他补救措施"},
            {"kind": "warning"},
            {
                "kind": "fine",
                "min_yuan": 100000,
                "max_yuan": 300000,
                "subject": "单位",
                "condition": "逾期不采取补救措施或者造成严重后果的",
            },
            {
                "kind": "fine",
                "min_yuan": 20000,
                "max_yuan": 100000,
                "subject": "个人",
                "condition": "逾期不采取补救措施或者造成严重后果的",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-014",
        "name": "对在城市照明设施上刻划、涂污或者擅自张贴、悬挂、设置宣传品、广告等影响城市照明设施行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市照明管理规定",
                "article": "第二十八条",
                "clause": "",
                "text": "任何单位和个人都应当保护城市照明设施，不得实施下列行为：(一)在城市照明设施上刻划、涂污；(二)在城市照明设施安全距离内，擅自植树、挖坑取土或者设置其他物体，或者倾倒含酸、碱、盐等腐蚀物或者具有腐蚀性的废渣、废液；(三)擅自在城市照明设施上张贴、悬挂、设置宣传品、广告；(四)擅自在城市照明设施上架设线缆、安置其它设施或者接用电源；(五)擅自迁移、拆除、利用城市照明设施；(六)其他可能影响城市照明设施正常运行的行为。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市照明管理规定",
                "article": "第三十二条",
                "clause": "",
                "text": "违反本规定，有第二十八条规定行为之一的，由城市照明主管部门责令限期改正，对个人处以200元以上1000元以下的罚款；对单位处以1000元以上3万元以下的罚款；造成损失的，依法赔偿损失。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {"kind": "fine", "min_yuan": 200, "max_yuan": 1000, "subject": "个人"},
            {"kind": "fine", "min_yuan": 1000, "max_yuan": 30000, "subject": "单位"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-SZ-015",
        "name": "对盗用或者转供城市公共供水行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市供水条例",
                "article": "第二十五条",
                "clause": "",
                "text": "禁止盗用或者转供城市公共供水。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市供水条例",
                "article": "第三十五条",
                "clause": "第一款第（一）项、第二款",
                "text": _WATER35
                + "(一)盗用或者转供城市公共供水的；……有前款第(一)项、第(三)项、第(四)项、第(五)项、第(六)项所列行为之一，情节严重的，经县级以上人民政府批准，还可以在一定时间内停止供水。",
            },
            {"law": "城市供水条例", "article": "第三十八条", "clause": "", "text": _WATER38},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "note": "可以处以罚款；数额由省、自治区、直辖市人民政府规定（第三十八条）",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
        "note": "情节严重的，经县级以上人民政府批准可以在一定时间内停止供水（非行政处罚种类，属供水管理措施）。",
    },
    {
        "code": "CG-SZ-016",
        "name": "对在城市公共供水管道及其附属设施的安全保护范围内进行危害供水设施安全活动行为的行政处罚",
        "category": "市政公用",
        "violation_basis": [
            {
                "law": "城市供水条例",
                "article": "第二十九条",
                "clause": "",
                "text": "在规定的城市公共供水管道及其附属设施的地面和地下的安全保护范围内，禁止挖坑取土或者修建建筑物、构筑物等危害供水设施安全的活动。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市供水条例",
                "article": "第三十五条",
                "clause": "第一款第（二）项",
                "text": _WATER35
                + "(二)在规定的城市公共供水管道及其附属设施的安全保护范围内进行危害供水设施安全活动的；……",
            },
            {"law": "城市供水条例", "article": "第三十八条", "clause": "", "text": _WATER38},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正"},
            {
                "kind": "fine",
                "min_yuan": None,
                "max_yuan": None,
                "note": "可以处以罚款；数额由省、自治区、直辖市人民政府规定（第三十八条）",
            },
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    # =======================================================================
    # 园林绿化
    # =======================================================================
    {
        "code": "CG-YL-001",
        "name": "对损坏城市树木花草行为的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十条",
                "clause": "第一款",
                "text": "任何单位和个人都不得损坏城市树木花草和绿化设施。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十六条",
                "clause": "第（一）项",
                "text": _GREEN26 + "(一)损坏城市树木花草的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止侵害"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _GREEN_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-YL-002",
        "name": "对擅自砍伐城市树木行为的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十条",
                "clause": "第二款",
                "text": "砍伐城市树木，必须经城市人民政府城市绿化行政主管部门批准，并按照国家有关规定补植树木或者采取其他补救措施。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十六条",
                "clause": "第（二）项",
                "text": _GREEN26 + "(二)擅自砍伐城市树木的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止侵害"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _GREEN_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-YL-003",
        "name": "对砍伐、擅自迁移古树名木或者因养护不善致使古树名木受到损伤或者死亡行为的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十四条",
                "clause": "第三款",
                "text": "严禁砍伐或者迁移古树名木。因特殊需要迁移古树名木，必须经城市人民政府城市绿化行政主管部门审查同意，并报同级或者上级人民政府批准。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十六条",
                "clause": "第（三）项",
                "text": _GREEN26
                + "(三)砍伐、擅自迁移古树名木或者因养护不善致使古树名木受到损伤或者死亡的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止侵害"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _GREEN_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": True,
        "subject": "个人、单位",
        "note": "涉嫌危害国家重点保护植物罪的，移送公安机关。",
    },
    {
        "code": "CG-YL-004",
        "name": "对损坏城市绿化设施行为的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十条",
                "clause": "第一款",
                "text": "任何单位和个人都不得损坏城市树木花草和绿化设施。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十六条",
                "clause": "第（四）项",
                "text": _GREEN26 + "(四)损坏城市绿化设施的。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止侵害"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _GREEN_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-YL-005",
        "name": "对未经同意擅自占用城市绿化用地行为的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿化条例",
                "article": "第十九条",
                "clause": "",
                "text": "任何单位和个人都不得擅自占用城市绿化用地；占用的城市绿化用地，应当限期归还。因建设或者其他特殊需要临时占用城市绿化用地，须经城市人民政府城市绿化行政主管部门同意，并按照有关规定办理临时用地手续。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十七条",
                "clause": "",
                "text": "未经同意擅自占用城市绿化用地的，由城市人民政府城市绿化行政主管部门责令限期退还、恢复原状，可以并处罚款；造成损失的，应当负赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期退还、恢复原状"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _GREEN_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-YL-006",
        "name": "对不服从公共绿地管理单位管理的商业、服务摊点的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十一条",
                "clause": "",
                "text": "在城市的公共绿地内开设商业、服务摊点的，应当持工商行政管理部门批准的营业执照，在公共绿地管理单位指定的地点从事经营活动，并遵守公共绿地和工商行政管理的规定。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿化条例",
                "article": "第二十八条",
                "clause": "",
                "text": "对不服从公共绿地管理单位管理的商业、服务摊点，由城市人民政府城市绿化行政主管部门或者其授权的单位给予警告，可以并处罚款；情节严重的，可以提请工商行政管理部门吊销营业执照。",
            },
        ],
        "penalties": [
            {"kind": "warning"},
            {"kind": "fine", "min_yuan": None, "max_yuan": None, "note": _GREEN_FINE_NOTE},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个体工商户、单位",
        "note": "情节严重的，提请市场监督管理部门吊销营业执照（吊销权不在本局）。",
    },
    {
        "code": "CG-YL-007",
        "name": "对在城市绿地范围内进行拦河截溪、取土采石、设置垃圾堆场、排放污水以及其他对城市生态环境造成破坏活动行为的行政处罚",
        "category": "园林绿化",
        "violation_basis": [
            {
                "law": "城市绿线管理办法",
                "article": "第十七条",
                "clause": "",
                "text": "违反本办法规定，在城市绿地范围内进行拦河截溪、取土采石、设置垃圾堆场、排放污水以及其他对城市生态环境造成破坏活动的，由城市园林绿化行政主管部门责令改正，并处一万元以上三万元以下的罚款。",
            },
        ],
        "penalty_basis": [
            {
                "law": "城市绿线管理办法",
                "article": "第十七条",
                "clause": "",
                "text": "违反本办法规定，在城市绿地范围内进行拦河截溪、取土采石、设置垃圾堆场、排放污水以及其他对城市生态环境造成破坏活动的，由城市园林绿化行政主管部门责令改正，并处一万元以上三万元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 30000},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    # =======================================================================
    # 环境保护
    # =======================================================================
    {
        "code": "CG-HB-001",
        "name": "对施工工地未设置硬质围挡或者未采取有效防尘降尘措施，建筑土方、工程渣土、建筑垃圾未及时清运或者未采用密闭式防尘网遮盖行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第六十九条",
                "clause": "第三款",
                "text": "施工单位应当在施工工地设置硬质围挡，并采取覆盖、分段作业、择时施工、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施。建筑土方、工程渣土、建筑垃圾应当及时清运；在场地内堆存的，应当采用密闭式防尘网遮盖。工程渣土、建筑垃圾应当进行资源化处理。",
            },
        ],
        "penalty_basis": [
            {"law": "大气污染防治法", "article": "第一百一十五条", "clause": "第一款", "text": _AIR115},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000},
            {"kind": "suspend", "condition": "拒不改正的", "note": "责令停工整治"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "施工单位",
        "note": "受到罚款处罚、被责令改正而拒不改正的，可以按日连续处罚（大气污染防治法第一百二十三条第（四）项）。",
    },
    {
        "code": "CG-HB-002",
        "name": "对建设单位未对暂时不能开工的建设用地的裸露地面进行覆盖或者未对超过三个月不能开工的建设用地的裸露地面进行绿化、铺装或者遮盖行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第六十九条",
                "clause": "第五款",
                "text": "暂时不能开工的建设用地，建设单位应当对裸露地面进行覆盖；超过三个月的，应当进行绿化、铺装或者遮盖。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十五条",
                "clause": "第二款",
                "text": "违反本法规定，建设单位未对暂时不能开工的建设用地的裸露地面进行覆盖，或者未对超过三个月不能开工的建设用地的裸露地面进行绿化、铺装或者遮盖的，由县级以上人民政府住房城乡建设等主管部门依照前款规定予以处罚。",
            },
            {"law": "大气污染防治法", "article": "第一百一十五条", "clause": "第一款", "text": _AIR115},
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000, "note": "依照第一款规定处罚"},
            {"kind": "suspend", "condition": "拒不改正的", "note": "责令停工整治"},
        ],
        "transferred_from": "住房和城乡建设局",
        "needs_legal_review": False,
        "subject": "建设单位",
    },
    {
        "code": "CG-HB-003",
        "name": "对运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆未采取密闭或者其他措施防止物料遗撒行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第七十条",
                "clause": "第一款",
                "text": "运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆应当采取密闭或者其他措施防止物料遗撒造成扬尘污染，并按照规定路线行驶。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十六条",
                "clause": "",
                "text": "违反本法规定，运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆，未采取密闭或者其他措施防止物料遗撒的，由县级以上地方人民政府确定的监督管理部门责令改正，处二千元以上二万元以下的罚款；拒不改正的，车辆不得上道路行驶。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正；拒不改正的，车辆不得上道路行驶"},
            {"kind": "fine", "min_yuan": 2000, "max_yuan": 20000},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "运输单位、个人",
    },
    {
        "code": "CG-HB-004",
        "name": "对未密闭易产生扬尘的物料或者对不能密闭的易产生扬尘的物料未设置严密围挡、未采取有效覆盖措施行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第七十二条",
                "clause": "第一款",
                "text": "贮存煤炭、煤矸石、煤渣、煤灰、水泥、石灰、石膏、砂土等易产生扬尘的物料应当密闭；不能密闭的，应当设置不低于堆放物高度的严密围挡，并采取有效覆盖措施防治扬尘污染。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十七条",
                "clause": "第（一）项、第（二）项",
                "text": "违反本法规定，有下列行为之一的，由县级以上人民政府生态环境等主管部门按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治或者停业整治：（一）未密闭煤炭、煤矸石、煤渣、煤灰、水泥、石灰、石膏、砂土等易产生扬尘的物料的；（二）对不能密闭的易产生扬尘的物料，未设置不低于堆放物高度的严密围挡，或者未采取有效覆盖措施防治扬尘污染的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000},
            {"kind": "suspend", "condition": "拒不改正的", "note": "责令停工整治或者停业整治"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "单位、个体工商户",
    },
    {
        "code": "CG-HB-005",
        "name": "对排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第八十一条",
                "clause": "第一款",
                "text": "排放油烟的餐饮服务业经营者应当安装油烟净化设施并保持正常使用，或者采取其他油烟净化措施，使油烟达标排放，并防止对附近居民的正常生活环境造成污染。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十八条",
                "clause": "第一款",
                "text": "违反本法规定，排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的，由县级以上地方人民政府确定的监督管理部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 50000},
            {"kind": "suspend", "condition": "拒不改正的", "note": "责令停业整治"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "餐饮服务业经营者",
    },
    {
        "code": "CG-HB-006",
        "name": "对在居民住宅楼、未配套设立专用烟道的商住综合楼、商住综合楼内与居住层相邻的商业楼层内新建、改建、扩建产生油烟、异味、废气的餐饮服务项目行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第八十一条",
                "clause": "第二款",
                "text": "禁止在居民住宅楼、未配套设立专用烟道的商住综合楼以及商住综合楼内与居住层相邻的商业楼层内新建、改建、扩建产生油烟、异味、废气的餐饮服务项目。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十八条",
                "clause": "第二款",
                "text": "违反本法规定，在居民住宅楼、未配套设立专用烟道的商住综合楼、商住综合楼内与居住层相邻的商业楼层内新建、改建、扩建产生油烟、异味、废气的餐饮服务项目的，由县级以上地方人民政府确定的监督管理部门责令改正；拒不改正的，予以关闭，并处一万元以上十万元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "suspend", "condition": "拒不改正的", "note": "予以关闭"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000, "condition": "拒不改正的"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": True,
        "subject": "餐饮服务业经营者",
    },
    {
        "code": "CG-HB-007",
        "name": "对在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第八十一条",
                "clause": "第三款",
                "text": "任何单位和个人不得在当地人民政府禁止的区域内露天烧烤食品或者为露天烧烤食品提供场地。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十八条",
                "clause": "第三款",
                "text": "违反本法规定，在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的，由县级以上地方人民政府确定的监督管理部门责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "confiscate_property", "note": "没收烧烤工具"},
            {"kind": "confiscate_gains"},
            {"kind": "fine", "min_yuan": 500, "max_yuan": 20000},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-HB-008",
        "name": "对在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第七十七条",
                "clause": "",
                "text": "省、自治区、直辖市人民政府应当划定区域，禁止露天焚烧秸秆、落叶等产生烟尘污染的物质。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十九条",
                "clause": "第一款",
                "text": "违反本法规定，在人口集中地区对树木、花草喷洒剧毒、高毒农药，或者露天焚烧秸秆、落叶等产生烟尘污染的物质的，由县级以上地方人民政府确定的监督管理部门责令改正，并可以处五百元以上二千元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 500, "max_yuan": 2000, "note": "可以处"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-HB-009",
        "name": "对在人口集中地区和其他依法需要特殊保护的区域内焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "大气污染防治法",
                "article": "第八十二条",
                "clause": "第一款",
                "text": "禁止在人口集中地区和其他依法需要特殊保护的区域内焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质。",
            },
        ],
        "penalty_basis": [
            {
                "law": "大气污染防治法",
                "article": "第一百一十九条",
                "clause": "第二款",
                "text": "违反本法规定，在人口集中地区和其他依法需要特殊保护的区域内，焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质的，由县级人民政府确定的监督管理部门责令改正，对单位处一万元以上十万元以下的罚款，对个人处五百元以上二千元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000, "subject": "单位"},
            {"kind": "fine", "min_yuan": 500, "max_yuan": 2000, "subject": "个人"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "个人、单位",
        "note": "焚烧生活垃圾的，另见固体废物污染环境防治法第一百一十一条第一款第（一）项（CG-SR-020）。",
    },
    {
        "code": "CG-HB-010",
        "name": "对建设单位、施工单位超过噪声排放标准排放建筑施工噪声行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第二十二条",
                "clause": "第一款",
                "text": "排放噪声、产生振动，应当符合噪声排放标准以及相关的环境振动控制标准和有关法律、法规、规章的要求。",
            },
        ],
        "penalty_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第七十七条",
                "clause": "第（一）项",
                "text": _NOISE77 + "（一）超过噪声排放标准排放建筑施工噪声的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000},
            {"kind": "suspend", "condition": "拒不改正的", "note": "可以责令暂停施工"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "建设单位、施工单位",
    },
    {
        "code": "CG-HB-011",
        "name": "对未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第四十三条",
                "clause": "",
                "text": "在噪声敏感建筑物集中区域，禁止夜间进行产生噪声的建筑施工作业，但抢修、抢险施工作业，因生产工艺要求或者其他特殊需要必须连续施工作业的除外。因特殊需要必须连续施工作业的，应当取得地方人民政府住房和城乡建设、生态环境主管部门或者地方人民政府指定的部门的证明，并在施工现场显著位置公示或者以其他方式公告附近居民。",
            },
        ],
        "penalty_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第七十七条",
                "clause": "第（二）项",
                "text": _NOISE77
                + "（二）未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000},
            {"kind": "suspend", "condition": "拒不改正的", "note": "可以责令暂停施工"},
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "建设单位、施工单位",
        "note": "夜间指晚上十点至次日早晨六点（噪声污染防治法第八十八条第（二）项），设区的市可另行规定起止时间。",
    },
    {
        "code": "CG-HB-012",
        "name": "对在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第六十三条",
                "clause": "第一款",
                "text": "禁止在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传。",
            },
        ],
        "penalty_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第八十一条",
                "clause": "第（二）项",
                "text": "违反本法规定，有下列行为之一，由地方人民政府指定的部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，处五万元以上二十万元以下的罚款，并可以报经有批准权的人民政府批准，责令停业：……（二）在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令改正"},
            {"kind": "fine", "min_yuan": 5000, "max_yuan": 50000},
            {"kind": "fine", "min_yuan": 50000, "max_yuan": 200000, "condition": "拒不改正的"},
            {
                "kind": "suspend",
                "condition": "拒不改正的",
                "note": "可以报经有批准权的人民政府批准，责令停业",
            },
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": True,
        "subject": "经营者",
    },
    {
        "code": "CG-HB-013",
        "name": "对在公共场所组织或者开展娱乐、健身等活动未遵守有关活动区域、时段、音量等规定，未采取有效措施造成噪声污染或者违反规定使用音响器材产生过大音量行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第六十四条",
                "clause": "第二款",
                "text": "在街道、广场、公园等公共场所组织或者开展娱乐、健身等活动，应当遵守公共场所管理者有关活动区域、时段、音量等规定，采取有效措施，防止噪声污染；不得违反规定使用音响器材产生过大音量。",
            },
        ],
        "penalty_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第八十二条",
                "clause": "第（二）项",
                "text": _NOISE82
                + "（二）在公共场所组织或者开展娱乐、健身等活动，未遵守公共场所管理者有关活动区域、时段、音量等规定，未采取有效措施造成噪声污染，或者违反规定使用音响器材产生过大音量的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "说服教育，责令改正"},
            {"kind": "warning", "condition": "拒不改正的"},
            {
                "kind": "fine",
                "min_yuan": 200,
                "max_yuan": 1000,
                "subject": "个人",
                "condition": "拒不改正的",
                "note": "可以处",
            },
            {
                "kind": "fine",
                "min_yuan": 2000,
                "max_yuan": 20000,
                "subject": "单位",
                "condition": "拒不改正的",
                "note": "可以处",
            },
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    {
        "code": "CG-HB-014",
        "name": "对已竣工交付使用的建筑物进行室内装修活动，未按照规定在限定的作业时间内进行或者未采取有效措施造成噪声污染行为的行政处罚",
        "category": "环境保护",
        "violation_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第六十六条",
                "clause": "",
                "text": "对已竣工交付使用的住宅楼、商铺、办公楼等建筑物进行室内装修活动，应当按照规定限定作业时间，采取有效措施，防止、减轻噪声污染。",
            },
        ],
        "penalty_basis": [
            {
                "law": "噪声污染防治法",
                "article": "第八十二条",
                "clause": "第（三）项",
                "text": _NOISE82
                + "（三）对已竣工交付使用的建筑物进行室内装修活动，未按照规定在限定的作业时间内进行，或者未采取有效措施造成噪声污染的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "说服教育，责令改正"},
            {"kind": "warning", "condition": "拒不改正的"},
            {
                "kind": "fine",
                "min_yuan": 200,
                "max_yuan": 1000,
                "subject": "个人",
                "condition": "拒不改正的",
                "note": "可以处",
            },
            {
                "kind": "fine",
                "min_yuan": 2000,
                "max_yuan": 20000,
                "subject": "单位",
                "condition": "拒不改正的",
                "note": "可以处",
            },
        ],
        "transferred_from": "生态环境局",
        "needs_legal_review": False,
        "subject": "个人、单位",
    },
    # =======================================================================
    # 自然资源
    # =======================================================================
    {
        "code": "CG-ZR-001",
        "name": "对未经批准或者采取欺骗手段骗取批准，非法占用土地行为的行政处罚",
        "category": "自然资源",
        "violation_basis": [
            {
                "law": "土地管理法",
                "article": "第四十四条",
                "clause": "第一款",
                "text": "建设占用土地，涉及农用地转为建设用地的，应当办理农用地转用审批手续。",
            },
        ],
        "penalty_basis": [
            {
                "law": "土地管理法",
                "article": "第七十七条",
                "clause": "",
                "text": "未经批准或者采取欺骗手段骗取批准，非法占用土地的，由县级以上人民政府自然资源主管部门责令退还非法占用的土地，对违反土地利用总体规划擅自将农用地改为建设用地的，限期拆除在非法占用的土地上新建的建筑物和其他设施，恢复土地原状，对符合土地利用总体规划的，没收在非法占用的土地上新建的建筑物和其他设施，可以并处罚款；对非法占用土地单位的直接负责的主管人员和其他直接责任人员，依法给予处分；构成犯罪的，依法追究刑事责任。超过批准的数量占用土地，多占的土地以非法占用土地论处。",
            },
            {
                "law": "土地管理法实施条例",
                "article": "第五十七条",
                "clause": "第一款",
                "text": "依照《土地管理法》第七十七条的规定处以罚款的，罚款额为非法占用土地每平方米100元以上1000元以下。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令退还非法占用的土地"},
            {
                "kind": "demolish",
                "condition": "违反土地利用总体规划擅自将农用地改为建设用地的",
                "note": "限期拆除新建的建筑物和其他设施，恢复土地原状",
            },
            {
                "kind": "confiscate_property",
                "condition": "符合土地利用总体规划的",
                "note": "没收新建的建筑物和其他设施",
            },
            {
                "kind": "fine_multiple",
                "min_multiple": "100",
                "max_multiple": "1000",
                "of": "illegal_area_m2",
                "note": "可以并处；每平方米100元以上1000元以下（实施条例第五十七条）",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "单位、个人",
    },
    {
        "code": "CG-ZR-002",
        "name": "对占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等，破坏种植条件行为的行政处罚",
        "category": "自然资源",
        "violation_basis": [
            {
                "law": "土地管理法",
                "article": "第三十七条",
                "clause": "第二款",
                "text": "禁止占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等。",
            },
        ],
        "penalty_basis": [
            {
                "law": "土地管理法",
                "article": "第七十五条",
                "clause": "",
                "text": "违反本法规定，占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等，破坏种植条件的，或者因开发土地造成土地荒漠化、盐渍化的，由县级以上人民政府自然资源主管部门、农业农村主管部门等按照职责责令限期改正或者治理，可以并处罚款；构成犯罪的，依法追究刑事责任。",
            },
            {
                "law": "土地管理法实施条例",
                "article": "第五十五条",
                "clause": "",
                "text": "依照《土地管理法》第七十五条的规定处以罚款的，罚款额为耕地开垦费的5倍以上10倍以下；破坏黑土地等优质耕地的，从重处罚。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令限期改正或者治理"},
            {
                "kind": "fine_multiple",
                "min_multiple": "5",
                "max_multiple": "10",
                "of": "farmland_reclamation_fee",
                "note": "可以并处；耕地开垦费的5倍以上10倍以下（实施条例第五十五条）",
            },
        ],
        "transferred_from": "自然资源局",
        "needs_legal_review": True,
        "subject": "单位、个人",
    },
    {
        "code": "CG-ZR-003",
        "name": "对农村村民未经批准或者采取欺骗手段骗取批准，非法占用土地建住宅行为的行政处罚",
        "category": "自然资源",
        "violation_basis": [
            {
                "law": "土地管理法",
                "article": "第六十二条",
                "clause": "第四款",
                "text": "农村村民住宅用地，由乡（镇）人民政府审核批准；其中，涉及占用农用地的，依照本法第四十四条的规定办理审批手续。",
            },
        ],
        "penalty_basis": [
            {
                "law": "土地管理法",
                "article": "第七十八条",
                "clause": "",
                "text": "农村村民未经批准或者采取欺骗手段骗取批准，非法占用土地建住宅的，由县级以上人民政府农业农村主管部门责令退还非法占用的土地，限期拆除在非法占用的土地上新建的房屋。超过省、自治区、直辖市规定的标准，多占的土地以非法占用土地论处。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令退还非法占用的土地"},
            {"kind": "demolish", "note": "限期拆除在非法占用的土地上新建的房屋"},
        ],
        "transferred_from": "农业农村局",
        "needs_legal_review": True,
        "subject": "农村村民",
    },
    # =======================================================================
    # 草原
    # =======================================================================
    {
        "code": "CG-CY-001",
        "name": "对未经批准或者采取欺骗手段骗取批准，非法使用草原行为的行政处罚",
        "category": "草原",
        "violation_basis": [
            {
                "law": "草原法",
                "article": "第六十五条",
                "clause": "",
                "text": "未经批准或者采取欺骗手段骗取批准，非法使用草原，构成犯罪的，依法追究刑事责任；尚不够刑事处罚的，由县级以上人民政府草原行政主管部门依据职权责令退还非法使用的草原，对违反草原保护、建设、利用规划擅自将草原改为建设用地的，限期拆除在非法使用的草原上新建的建筑物和其他设施，恢复草原植被，并处草原被非法使用前三年平均产值六倍以上十二倍以下的罚款。",
            },
        ],
        "penalty_basis": [
            {
                "law": "草原法",
                "article": "第六十五条",
                "clause": "",
                "text": "未经批准或者采取欺骗手段骗取批准，非法使用草原，构成犯罪的，依法追究刑事责任；尚不够刑事处罚的，由县级以上人民政府草原行政主管部门依据职权责令退还非法使用的草原，对违反草原保护、建设、利用规划擅自将草原改为建设用地的，限期拆除在非法使用的草原上新建的建筑物和其他设施，恢复草原植被，并处草原被非法使用前三年平均产值六倍以上十二倍以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令退还非法使用的草原"},
            {
                "kind": "demolish",
                "condition": "违反草原保护、建设、利用规划擅自将草原改为建设用地的",
                "note": "限期拆除新建的建筑物和其他设施，恢复草原植被",
            },
            {
                "kind": "fine_multiple",
                "min_multiple": "6",
                "max_multiple": "12",
                "of": "grassland_output_3y",
                "condition": "违反草原保护、建设、利用规划擅自将草原改为建设用地的",
                "note": "草原被非法使用前三年平均产值的六倍以上十二倍以下",
            },
        ],
        "transferred_from": "林业和草原局",
        "needs_legal_review": True,
        "subject": "单位、个人",
    },
    {
        "code": "CG-CY-002",
        "name": "对非法开垦草原行为的行政处罚",
        "category": "草原",
        "violation_basis": [
            {
                "law": "草原法",
                "article": "第四十六条",
                "clause": "",
                "text": "禁止开垦草原。对水土流失严重、有沙化趋势、需要改善生态环境的已垦草原，应当有计划、有步骤地退耕还草；已造成沙化、盐碱化、石漠化的，应当限期治理。",
            },
        ],
        "penalty_basis": [
            {
                "law": "草原法",
                "article": "第六十六条",
                "clause": "",
                "text": "非法开垦草原，构成犯罪的，依法追究刑事责任；尚不够刑事处罚的，由县级以上人民政府草原行政主管部门依据职权责令停止违法行为，限期恢复植被，没收非法财物和违法所得，并处违法所得一倍以上五倍以下的罚款；没有违法所得的，并处五万元以下的罚款；给草原所有者或者使用者造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期恢复植被"},
            {"kind": "confiscate_property", "note": "没收非法财物"},
            {"kind": "confiscate_gains"},
            {"kind": "fine_multiple", "min_multiple": "1", "max_multiple": "5", "of": "illegal_gains"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 50000, "condition": "没有违法所得的"},
        ],
        "transferred_from": "林业和草原局",
        "needs_legal_review": True,
        "subject": "单位、个人",
    },
    {
        "code": "CG-CY-003",
        "name": "对在荒漠、半荒漠和严重退化、沙化、盐碱化、石漠化、水土流失的草原以及生态脆弱区的草原上采挖植物或者从事破坏草原植被的其他活动行为的行政处罚",
        "category": "草原",
        "violation_basis": [
            {
                "law": "草原法",
                "article": "第四十九条",
                "clause": "",
                "text": "禁止在荒漠、半荒漠和严重退化、沙化、盐碱化、石漠化、水土流失的草原以及生态脆弱区的草原上采挖植物和从事破坏草原植被的其他活动。",
            },
        ],
        "penalty_basis": [
            {
                "law": "草原法",
                "article": "第六十七条",
                "clause": "",
                "text": "在荒漠、半荒漠和严重退化、沙化、盐碱化、石漠化、水土流失的草原，以及生态脆弱区的草原上采挖植物或者从事破坏草原植被的其他活动的，由县级以上地方人民政府草原行政主管部门依据职权责令停止违法行为，没收非法财物和违法所得，可以并处违法所得一倍以上五倍以下的罚款；没有违法所得的，可以并处五万元以下的罚款；给草原所有者或者使用者造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为"},
            {"kind": "confiscate_property", "note": "没收非法财物"},
            {"kind": "confiscate_gains"},
            {
                "kind": "fine_multiple",
                "min_multiple": "1",
                "max_multiple": "5",
                "of": "illegal_gains",
                "note": "可以并处",
            },
            {
                "kind": "fine",
                "min_yuan": 0,
                "max_yuan": 50000,
                "condition": "没有违法所得的",
                "note": "可以并处",
            },
        ],
        "transferred_from": "林业和草原局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-CY-004",
        "name": "对未经批准或者未按照规定的时间、区域和采挖方式在草原上进行采土、采砂、采石等活动行为的行政处罚",
        "category": "草原",
        "violation_basis": [
            {
                "law": "草原法",
                "article": "第五十条",
                "clause": "第一款、第二款",
                "text": "在草原上从事采土、采砂、采石等作业活动，应当报县级人民政府草原行政主管部门批准；开采矿产资源的，并应当依法办理有关手续。经批准在草原上从事本条第一款所列活动的，应当在规定的时间、区域内，按照准许的采挖方式作业，并采取保护草原植被的措施。",
            },
        ],
        "penalty_basis": [
            {
                "law": "草原法",
                "article": "第六十八条",
                "clause": "",
                "text": "未经批准或者未按照规定的时间、区域和采挖方式在草原上进行采土、采砂、采石等活动的，由县级人民政府草原行政主管部门责令停止违法行为，限期恢复植被，没收非法财物和违法所得，可以并处违法所得一倍以上二倍以下的罚款；没有违法所得的，可以并处二万元以下的罚款；给草原所有者或者使用者造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期恢复植被"},
            {"kind": "confiscate_property", "note": "没收非法财物"},
            {"kind": "confiscate_gains"},
            {
                "kind": "fine_multiple",
                "min_multiple": "1",
                "max_multiple": "2",
                "of": "illegal_gains",
                "note": "可以并处",
            },
            {
                "kind": "fine",
                "min_yuan": 0,
                "max_yuan": 20000,
                "condition": "没有违法所得的",
                "note": "可以并处",
            },
        ],
        "transferred_from": "林业和草原局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-CY-005",
        "name": "对非抢险救灾和牧民搬迁的机动车辆离开道路在草原上行驶，破坏草原植被行为的行政处罚",
        "category": "草原",
        "violation_basis": [
            {
                "law": "草原法",
                "article": "第五十五条",
                "clause": "",
                "text": "除抢险救灾和牧民搬迁的机动车辆外，禁止机动车辆离开道路在草原上行驶，破坏草原植被；因从事地质勘探、科学考察等活动确需离开道路在草原上行驶的，应当事先向所在地县级人民政府草原行政主管部门报告行驶区域和行驶路线，并按照报告的行驶区域和行驶路线在草原上行驶。",
            },
        ],
        "penalty_basis": [
            {
                "law": "草原法",
                "article": "第七十条",
                "clause": "",
                "text": "非抢险救灾和牧民搬迁的机动车辆离开道路在草原上行驶，或者从事地质勘探、科学考察等活动，未事先向所在地县级人民政府草原行政主管部门报告或者未按照报告的行驶区域和行驶路线在草原上行驶，破坏草原植被的，由县级人民政府草原行政主管部门责令停止违法行为，限期恢复植被，可以并处草原被破坏前三年平均产值三倍以上九倍以下的罚款；给草原所有者或者使用者造成损失的，依法承担赔偿责任。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期恢复植被"},
            {
                "kind": "fine_multiple",
                "min_multiple": "3",
                "max_multiple": "9",
                "of": "grassland_output_3y",
                "note": "可以并处；草原被破坏前三年平均产值的三倍以上九倍以下",
            },
        ],
        "transferred_from": "林业和草原局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    # =======================================================================
    # 水利
    # =======================================================================
    {
        "code": "CG-SL-001",
        "name": "对在河道管理范围内建设妨碍行洪的建筑物、构筑物，或者从事影响河势稳定、危害河岸堤防安全和其他妨碍河道行洪活动行为的行政处罚",
        "category": "水利",
        "violation_basis": [
            {
                "law": "水法",
                "article": "第三十七条",
                "clause": "第二款",
                "text": "禁止在河道管理范围内建设妨碍行洪的建筑物、构筑物以及从事影响河势稳定、危害河岸堤防安全和其他妨碍河道行洪的活动。",
            },
        ],
        "penalty_basis": [
            {
                "law": "水法",
                "article": "第六十五条",
                "clause": "第一款",
                "text": "在河道管理范围内建设妨碍行洪的建筑物、构筑物，或者从事影响河势稳定、危害河岸堤防安全和其他妨碍河道行洪的活动的，由县级以上人民政府水行政主管部门或者流域管理机构依据职权，责令停止违法行为，限期拆除违法建筑物、构筑物，恢复原状；逾期不拆除、不恢复原状的，强行拆除，所需费用由违法单位或者个人负担，并处一万元以上十万元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，恢复原状"},
            {"kind": "demolish", "note": "限期拆除违法建筑物、构筑物；逾期不拆除的，强行拆除"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 100000, "condition": "逾期不拆除、不恢复原状的"},
        ],
        "transferred_from": "水务局",
        "needs_legal_review": True,
        "subject": "单位、个人",
    },
    {
        "code": "CG-SL-002",
        "name": "对在江河、湖泊、水库、运河、渠道内弃置、堆放阻碍行洪的物体和种植阻碍行洪的林木及高秆作物行为的行政处罚",
        "category": "水利",
        "violation_basis": [
            {
                "law": "水法",
                "article": "第三十七条",
                "clause": "第一款",
                "text": "禁止在江河、湖泊、水库、运河、渠道内弃置、堆放阻碍行洪的物体和种植阻碍行洪的林木及高秆作物。",
            },
        ],
        "penalty_basis": [
            {
                "law": "水法",
                "article": "第六十六条",
                "clause": "第（一）项",
                "text": "有下列行为之一，且防洪法未作规定的，由县级以上人民政府水行政主管部门或者流域管理机构依据职权，责令停止违法行为，限期清除障碍或者采取其他补救措施，处一万元以上五万元以下的罚款：（一）在江河、湖泊、水库、运河、渠道内弃置、堆放阻碍行洪的物体和种植阻碍行洪的林木及高秆作物的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期清除障碍或者采取其他补救措施"},
            {"kind": "fine", "min_yuan": 10000, "max_yuan": 50000},
        ],
        "transferred_from": "水务局",
        "needs_legal_review": False,
        "subject": "单位、个人",
        "note": "防洪法另有规定的，适用防洪法。",
    },
    {
        "code": "CG-SL-003",
        "name": "对未经批准擅自取水行为的行政处罚",
        "category": "水利",
        "violation_basis": [
            {
                "law": "水法",
                "article": "第四十八条",
                "clause": "第一款",
                "text": "直接从江河、湖泊或者地下取用水资源的单位和个人，应当按照国家取水许可制度和水资源有偿使用制度的规定，向水行政主管部门或者流域管理机构申请领取取水许可证，并缴纳水资源费，取得取水权。但是，家庭生活和零星散养、圈养畜禽饮用等少量取水的除外。",
            },
        ],
        "penalty_basis": [
            {
                "law": "水法",
                "article": "第六十九条",
                "clause": "第（一）项",
                "text": "有下列行为之一的，由县级以上人民政府水行政主管部门或者流域管理机构依据职权，责令停止违法行为，限期采取补救措施，处二万元以上十万元以下的罚款；情节严重的，吊销其取水许可证：（一）未经批准擅自取水的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为，限期采取补救措施"},
            {"kind": "fine", "min_yuan": 20000, "max_yuan": 100000},
            {"kind": "revoke_licence", "condition": "情节严重的", "note": "吊销取水许可证"},
        ],
        "transferred_from": "水务局",
        "needs_legal_review": True,
        "subject": "单位、个人",
        "note": "演示历史中本事项于2024-07-01回归水务局。",
    },
    # =======================================================================
    # 交通运输
    # =======================================================================
    {
        "code": "CG-JT-001",
        "name": "对擅自占用、挖掘公路行为的行政处罚",
        "category": "交通运输",
        "violation_basis": [
            {
                "law": "公路法",
                "article": "第四十四条",
                "clause": "第一款",
                "text": "任何单位和个人不得擅自占用、挖掘公路。",
            },
        ],
        "penalty_basis": [
            {
                "law": "公路法",
                "article": "第七十六条",
                "clause": "第（一）项",
                "text": _ROAD_HWY76 + "（一）违反本法第四十四条第一款规定，擅自占用、挖掘公路的；……",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 30000, "note": "可以处三万元以下的罚款"},
        ],
        "transferred_from": "交通运输局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-JT-002",
        "name": "对在公路上及公路用地范围内摆摊设点、堆放物品、倾倒垃圾、设置障碍、挖沟引水、利用公路边沟排放污物等，造成公路路面损坏、污染或者影响公路畅通行为的行政处罚",
        "category": "交通运输",
        "violation_basis": [
            {
                "law": "公路法",
                "article": "第四十六条",
                "clause": "",
                "text": "任何单位和个人不得在公路上及公路用地范围内摆摊设点、堆放物品、倾倒垃圾、设置障碍、挖沟引水、利用公路边沟排放污物或者进行其他损坏、污染公路和影响公路畅通的活动。",
            },
        ],
        "penalty_basis": [
            {
                "law": "公路法",
                "article": "第七十七条",
                "clause": "",
                "text": "违反本法第四十六条的规定，造成公路路面损坏、污染或者影响公路畅通的，或者违反本法第五十一条规定，将公路作为试车场地的，由交通主管部门责令停止违法行为，可以处五千元以下的罚款。",
            },
        ],
        "penalties": [
            {"kind": "order_correct", "note": "责令停止违法行为"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 5000, "note": "可以处五千元以下的罚款"},
        ],
        "transferred_from": "交通运输局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-JT-003",
        "name": "对未经批准在公路用地范围内设置公路标志以外的其他标志行为的行政处罚",
        "category": "交通运输",
        "violation_basis": [
            {
                "law": "公路法",
                "article": "第五十四条",
                "clause": "",
                "text": "任何单位和个人未经县级以上地方人民政府交通主管部门批准，不得在公路用地范围内设置公路标志以外的其他标志。",
            },
        ],
        "penalty_basis": [
            {
                "law": "公路法",
                "article": "第七十九条",
                "clause": "",
                "text": "违反本法第五十四条规定，在公路用地范围内设置公路标志以外的其他标志的，由交通主管部门责令限期拆除，可以处二万元以下的罚款；逾期不拆除的，由交通主管部门拆除，有关费用由设置者负担。",
            },
        ],
        "penalties": [
            {"kind": "demolish", "note": "责令限期拆除；逾期不拆除的，由交通主管部门拆除，费用由设置者负担"},
            {"kind": "fine", "min_yuan": 0, "max_yuan": 20000, "note": "可以处二万元以下的罚款"},
        ],
        "transferred_from": "交通运输局",
        "needs_legal_review": False,
        "subject": "单位、个人",
    },
    {
        "code": "CG-JT-004",
        "name": "对在公路建筑控制区内修建建筑物、地面构筑物或者擅自埋设管线、电缆等设施行为的行政处罚",
        "category": "交通运输",
        "violation_basis": [
            {
                "law": "公路法",
                "article": "第五十六条",
                "clause": "第一款",
                "text": "除公路防护、养护需要的以外，禁止在公路两侧的建筑控制区内修建建筑物和地面构筑物；需要在建筑控制区内埋设管线、电缆等设施的，应当事先经县级以上地方人民政府交通主管部门批准。",
            },
        ],
        "penalty_basis": [
            {
                "law": "公路法",
                "article": "第八十一条",
                "clause": "",
                "text": "违反本法第五十六条规定，在公路建筑控制区内修建建筑物、地面构筑物或者擅自埋设管线、电缆等设施的，由交通主管部门责令限期拆除，并可以处五万元以下的罚款。逾期不拆除的，由交通主管部门拆除，有关费用由建筑者、构筑者承担。",
            },
        ],
        "penalties": [
            {
                "kind": "demolish",
                "note": "责令限期拆除；逾期不拆除的，由交通主管部门拆除，费用由建筑者、构筑者承担",
            },
            {"kind": "fine", "min_yuan": 0, "max_yuan": 50000, "note": "并可以处五万元以下的罚款"},
        ],
        "transferred_from": "交通运输局",
        "needs_legal_review": True,
        "subject": "单位、个人",
    },
]

# ---------------------------------------------------------------------------
# Discretion ladders (裁量基准). Demo text in the style of a Ningxia district
# bureau's published standard; not any real bureau's text.
# ---------------------------------------------------------------------------

DISCRETION_LADDERS: dict[str, list[dict[str, Any]]] = {
    "CG-HB-007": [
        {
            "level": "minor",
            "label": "轻微",
            "facts": "首次被查处；烧烤炉具1个，经营时间不足1小时；经责令当场停止并自行清理现场；未引发投诉，未造成危害后果",
            "outcome": "exempt",
        },
        {
            "level": "general",
            "label": "一般",
            "facts": "烧烤炉具不超过2个或者占用场地不超过10平方米；经责令当日改正；未引发投诉",
            "outcome": "fine",
            "min_yuan": 500,
            "max_yuan": 3000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "烧烤炉具3至5个或者占用场地10至30平方米；或者一年内因同一行为第二次被查处；或者引发投诉2件以上",
            "outcome": "fine",
            "min_yuan": 3000,
            "max_yuan": 10000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "烧烤炉具6个以上或者占用场地30平方米以上；或者一年内第三次及以上被查处；或者在重污染天气预警期间、学校和医院周边50米范围内经营；或者为他人露天烧烤提供场地",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 20000,
        },
    ],
    "CG-HB-001": [
        {
            "level": "minor",
            "label": "轻微",
            "facts": "未覆盖的裸露土方不超过50平方米且围挡缺口不超过10米；检查时当场整改完毕；未产生明显扬尘，未造成危害后果",
            "outcome": "exempt",
        },
        {
            "level": "general",
            "label": "一般",
            "facts": "未覆盖面积50至500平方米或者围挡缺失长度50米以下；在责令的期限内改正",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 30000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "未覆盖面积500至2000平方米；或者驶出工地车辆未冲洗，带泥上路污染道路100米以上；或者一年内第二次被查处",
            "outcome": "fine",
            "min_yuan": 30000,
            "max_yuan": 60000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "未覆盖面积2000平方米以上；或者在重污染天气预警期间违法施工；或者一年内第三次及以上被查处；或者逾期不改正",
            "outcome": "fine",
            "min_yuan": 60000,
            "max_yuan": 100000,
        },
    ],
    "CG-HB-003": [
        {
            "level": "minor",
            "label": "轻微",
            "facts": "首次被查处；物料遗撒长度不足10米，当场清理干净；未造成危害后果",
            "outcome": "exempt",
        },
        {
            "level": "general",
            "label": "一般",
            "facts": "遗撒长度10至50米，当场清理",
            "outcome": "fine",
            "min_yuan": 2000,
            "max_yuan": 5000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "遗撒长度50至200米；或者一年内第二次被查处",
            "outcome": "fine",
            "min_yuan": 5000,
            "max_yuan": 10000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "遗撒长度200米以上；或者遗撒物未及时清理造成交通安全隐患；或者一年内第三次及以上被查处",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 20000,
        },
    ],
    "CG-HB-005": [
        {
            "level": "general",
            "label": "一般",
            "facts": "经营面积100平方米以下或者灶头2个以下；油烟排放浓度超标不足1倍；在责令期限内改正",
            "outcome": "fine",
            "min_yuan": 5000,
            "max_yuan": 15000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "经营面积100至500平方米或者灶头3至6个；或者超标1倍至2倍；或者一年内被有效投诉3次以上",
            "outcome": "fine",
            "min_yuan": 15000,
            "max_yuan": 30000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "经营面积500平方米以上或者灶头7个以上；或者超标2倍以上；或者一年内第二次及以上被查处",
            "outcome": "fine",
            "min_yuan": 30000,
            "max_yuan": 50000,
        },
    ],
    "CG-SZ-001": [
        {
            "level": "minor",
            "label": "轻微",
            "facts": "首次被查处；占用面积不超过2平方米，占用时间不足2小时；经劝导立即清除；未影响通行",
            "outcome": "exempt",
        },
        {
            "level": "general",
            "label": "一般",
            "facts": "占用面积2至10平方米或者占用时间不超过24小时；在责令期限内改正",
            "outcome": "fine",
            "min_yuan": 0,
            "max_yuan": 2000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "占用面积10至50平方米或者占用时间24至72小时；或者一年内第二次被查处",
            "outcome": "fine",
            "min_yuan": 2000,
            "max_yuan": 8000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "占用面积50平方米以上或者占用时间超过72小时；或者占用主干道、消防通道、盲道影响安全；或者一年内第三次及以上被查处",
            "outcome": "fine",
            "min_yuan": 8000,
            "max_yuan": 20000,
        },
    ],
    "CG-SZ-002": [
        {
            "level": "general",
            "label": "一般",
            "facts": "挖掘人行道或者支路，面积5平方米以下；已恢复路面",
            "outcome": "fine",
            "min_yuan": 0,
            "max_yuan": 5000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "挖掘面积5至20平方米；或者挖掘车行道；或者未在限期内恢复路面",
            "outcome": "fine",
            "min_yuan": 5000,
            "max_yuan": 12000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "挖掘面积20平方米以上；或者挖掘新建、扩建、改建后5年内或者大修后3年内的道路；或者造成地下管线损坏、交通事故",
            "outcome": "fine",
            "min_yuan": 12000,
            "max_yuan": 20000,
        },
    ],
    "CG-GH-001": [
        {
            "level": "general",
            "label": "一般",
            "condition": "尚可采取改正措施消除对规划实施的影响的",
            "facts": "违法建设面积50平方米以下；接到责令停止建设通知后立即停止，并在限期内改正",
            "outcome": "fine_multiple",
            "of": "project_cost",
            "min_multiple": "0.05",
            "max_multiple": "0.06",
        },
        {
            "level": "serious",
            "label": "较重",
            "condition": "尚可采取改正措施消除对规划实施的影响的",
            "facts": "违法建设面积50至200平方米；或者责令停止建设后继续施工",
            "outcome": "fine_multiple",
            "of": "project_cost",
            "min_multiple": "0.06",
            "max_multiple": "0.08",
        },
        {
            "level": "grave",
            "label": "严重",
            "condition": "尚可采取改正措施消除对规划实施的影响的",
            "facts": "违法建设面积200平方米以上；或者位于城市主干道两侧、公园绿地周边等重点区域；或者拒不停止建设、暴力抗法",
            "outcome": "fine_multiple",
            "of": "project_cost",
            "min_multiple": "0.08",
            "max_multiple": "0.10",
        },
    ],
    "CG-GH-003": [
        {
            "level": "minor",
            "label": "轻微",
            "facts": "临时建设面积10平方米以下；在责令的期限内自行拆除；未影响交通、市容、安全",
            "outcome": "exempt",
        },
        {
            "level": "general",
            "label": "一般",
            "facts": "临时建设面积10至50平方米；在期限内自行拆除",
            "outcome": "fine_multiple",
            "of": "temporary_project_cost",
            "min_multiple": "0",
            "max_multiple": "0.3",
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "临时建设面积50至200平方米；或者逾期30日以内拆除",
            "outcome": "fine_multiple",
            "of": "temporary_project_cost",
            "min_multiple": "0.3",
            "max_multiple": "0.6",
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "临时建设面积200平方米以上；或者逾期30日以上仍不拆除；或者影响交通、消防、管线安全",
            "outcome": "fine_multiple",
            "of": "temporary_project_cost",
            "min_multiple": "0.6",
            "max_multiple": "1",
        },
    ],
    "CG-GH-006": [
        {
            "level": "general",
            "label": "一般",
            "condition": "逾期不补报的",
            "facts": "补报期限届满后30日以内补报",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 20000,
        },
        {
            "level": "serious",
            "label": "较重",
            "condition": "逾期不补报的",
            "facts": "补报期限届满后30至90日补报",
            "outcome": "fine",
            "min_yuan": 20000,
            "max_yuan": 35000,
        },
        {
            "level": "grave",
            "label": "严重",
            "condition": "逾期不补报的",
            "facts": "补报期限届满后90日以上补报，或者拒不补报",
            "outcome": "fine",
            "min_yuan": 35000,
            "max_yuan": 50000,
        },
    ],
    "CG-SR-016": [
        {
            "level": "general",
            "label": "一般",
            "facts": "遗撒面积10平方米以下或者长度50米以下；当场清理",
            "outcome": "fine",
            "min_yuan": 5000,
            "max_yuan": 15000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "遗撒面积10至50平方米或者长度50至300米；或者一年内第二次被查处",
            "outcome": "fine",
            "min_yuan": 15000,
            "max_yuan": 30000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "遗撒面积50平方米以上或者长度300米以上；或者造成交通事故、交通安全隐患；或者一年内第三次及以上被查处",
            "outcome": "fine",
            "min_yuan": 30000,
            "max_yuan": 50000,
        },
    ],
    "CG-SR-017": [
        {
            "level": "general",
            "label": "一般",
            "facts": "涉及核准文件1份，违法持续时间3日以内",
            "outcome": "fine",
            "min_yuan": 5000,
            "max_yuan": 10000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "涉及核准文件2份，或者违法持续时间3至10日",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 15000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "涉及核准文件3份以上；或者违法持续时间10日以上；或者以营利为目的倒卖核准文件",
            "outcome": "fine",
            "min_yuan": 15000,
            "max_yuan": 20000,
        },
    ],
    "CG-HB-010": [
        {
            "level": "general",
            "label": "一般",
            "facts": "超过排放标准5分贝（A）以下；首次被查处；在责令期限内改正",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 30000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "超过排放标准5至10分贝（A）；或者引发有效投诉3件以上",
            "outcome": "fine",
            "min_yuan": 30000,
            "max_yuan": 60000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "超过排放标准10分贝（A）以上；或者在中考、高考等特殊活动期间；或者一年内第二次及以上被查处",
            "outcome": "fine",
            "min_yuan": 60000,
            "max_yuan": 100000,
        },
    ],
    "CG-HB-011": [
        {
            "level": "general",
            "label": "一般",
            "facts": "夜间作业持续1小时以内；未引发投诉",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 30000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "夜间作业持续1至3小时；或者引发有效投诉2件以上",
            "outcome": "fine",
            "min_yuan": 30000,
            "max_yuan": 60000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "夜间作业超过3小时或者连续2个夜间以上；或者在中考、高考等特殊活动期间；或者一年内第二次及以上被查处",
            "outcome": "fine",
            "min_yuan": 60000,
            "max_yuan": 100000,
        },
    ],
    "CG-YL-007": [
        {
            "level": "general",
            "label": "一般",
            "facts": "破坏绿地面积50平方米以下；及时改正，未造成明显生态损害",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 15000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "破坏绿地面积50至200平方米；或者取土采石深度超过1米",
            "outcome": "fine",
            "min_yuan": 15000,
            "max_yuan": 25000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "破坏绿地面积200平方米以上；或者设置垃圾堆场、排放污水造成水体或者土壤污染；或者拒不改正",
            "outcome": "fine",
            "min_yuan": 25000,
            "max_yuan": 30000,
        },
    ],
    "CG-JT-002": [
        {
            "level": "minor",
            "label": "轻微",
            "facts": "首次被查处；占用公路面积5平方米以下；当场清除；未影响通行",
            "outcome": "exempt",
        },
        {
            "level": "general",
            "label": "一般",
            "facts": "占用面积5至20平方米；24小时内清除",
            "outcome": "fine",
            "min_yuan": 0,
            "max_yuan": 1000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "占用面积20至50平方米；或者影响车辆正常通行；或者一年内第二次被查处",
            "outcome": "fine",
            "min_yuan": 1000,
            "max_yuan": 3000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "占用面积50平方米以上；或者造成路面损坏、污染路段100米以上；或者引发交通事故",
            "outcome": "fine",
            "min_yuan": 3000,
            "max_yuan": 5000,
        },
    ],
    "CG-SL-002": [
        {
            "level": "general",
            "label": "一般",
            "facts": "弃置、堆放物体50立方米以下；非汛期；在限期内清除",
            "outcome": "fine",
            "min_yuan": 10000,
            "max_yuan": 20000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "弃置、堆放物体50至200立方米；或者发生在汛期",
            "outcome": "fine",
            "min_yuan": 20000,
            "max_yuan": 35000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "弃置、堆放物体200立方米以上；或者造成河道、渠道淤堵或者险情；或者逾期不清除",
            "outcome": "fine",
            "min_yuan": 35000,
            "max_yuan": 50000,
        },
    ],
    "CG-ZR-001": [
        {
            "level": "general",
            "label": "一般",
            "facts": "符合国土空间规划；占用非耕地，面积1000平方米以下；主动退还",
            "outcome": "fine_multiple",
            "of": "illegal_area_m2",
            "min_multiple": "100",
            "max_multiple": "300",
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "占用一般耕地；或者占地面积1000至5000平方米",
            "outcome": "fine_multiple",
            "of": "illegal_area_m2",
            "min_multiple": "300",
            "max_multiple": "600",
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "占用永久基本农田；或者占地面积5000平方米以上；或者责令停止后继续建设",
            "outcome": "fine_multiple",
            "of": "illegal_area_m2",
            "min_multiple": "600",
            "max_multiple": "1000",
        },
    ],
    "CG-SZ-010": [
        {
            "level": "general",
            "label": "一般",
            "facts": "混接点1处；在责令期限内完成改正",
            "outcome": "fine",
            "min_yuan": 50000,
            "max_yuan": 65000,
        },
        {
            "level": "serious",
            "label": "较重",
            "facts": "混接点2至3处；或者逾期30日以内完成改正",
            "outcome": "fine",
            "min_yuan": 65000,
            "max_yuan": 85000,
        },
        {
            "level": "grave",
            "label": "严重",
            "facts": "混接点4处以上；或者污水经雨水管网排入河湖造成水体污染；或者拒不改正",
            "outcome": "fine",
            "min_yuan": 85000,
            "max_yuan": 100000,
        },
    ],
}

# ---------------------------------------------------------------------------
# Minor-violation and first-violation exemptions (不予处罚清单 / 首违不罚).
# kind "no_penalty": 行政处罚法第三十三条第一款前段（轻微并及时改正，没有造成危害后果）.
# kind "first_violation": 同款后段（初次违法且危害后果轻微并及时改正，可以不予处罚）.
# ---------------------------------------------------------------------------

EXEMPTIONS: list[dict[str, Any]] = [
    {
        "matter": "CG-SR-001",
        "kind": "first_violation",
        "conditions": "初次随地吐痰、乱扔废弃物，经教育当场自行清除",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "宁夏回族自治区住房城乡建设领域轻微违法行为不予处罚清单（演示）",
    },
    {
        "matter": "CG-SR-002",
        "kind": "no_penalty",
        "conditions": "张贴宣传品5张以下，当场自行清除，未损坏设施",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "宁夏回族自治区住房城乡建设领域轻微违法行为不予处罚清单（演示）",
    },
    {
        "matter": "CG-SR-003",
        "kind": "no_penalty",
        "conditions": "阳台、窗外吊挂物品，责令后当日清除，未造成坠物等危害后果",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "宁夏回族自治区住房城乡建设领域轻微违法行为不予处罚清单（演示）",
    },
    {
        "matter": "CG-SR-005",
        "kind": "first_violation",
        "conditions": "初次未履行门前卫生责任区清扫保洁义务，责令后2小时内清扫完毕",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
    {
        "matter": "CG-SR-010",
        "kind": "first_violation",
        "conditions": "初次在街道两侧临时堆放物料，面积2平方米以下，当日清除，未影响通行",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
    {
        "matter": "CG-HB-007",
        "kind": "first_violation",
        "conditions": "初次在禁止区域露天烧烤，炉具1个、经营不足1小时，当场停止并清理现场",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
    {
        "matter": "CG-HB-003",
        "kind": "no_penalty",
        "conditions": "物料遗撒长度不足10米，当场清理干净，未造成扬尘和交通安全隐患",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
    {
        "matter": "CG-HB-001",
        "kind": "no_penalty",
        "conditions": "未覆盖的裸露土方不超过50平方米且围挡缺口不超过10米，检查时当场整改完毕，未产生明显扬尘",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "宁夏回族自治区住房城乡建设领域轻微违法行为不予处罚清单（演示）",
    },
    {
        "matter": "CG-SZ-001",
        "kind": "first_violation",
        "conditions": "初次占用城市道路，面积2平方米以下、时间不足2小时，经劝导立即清除",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "宁夏回族自治区住房城乡建设领域轻微违法行为不予处罚清单（演示）",
    },
    {
        "matter": "CG-SZ-014",
        "kind": "first_violation",
        "conditions": "初次在城市照明设施上张贴小广告3张以下，当场自行清除，未损坏设施",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "宁夏回族自治区住房城乡建设领域轻微违法行为不予处罚清单（演示）",
    },
    {
        "matter": "CG-YL-001",
        "kind": "no_penalty",
        "conditions": "踩踏、损坏草坪面积2平方米以下或者折损花草5株以下，当场停止，植物可自然恢复",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
    {
        "matter": "CG-GH-003",
        "kind": "no_penalty",
        "conditions": "未经批准的临时建设面积10平方米以下，在责令的期限内自行拆除，未影响交通、市容、安全（责令限期拆除不属于罚款，仍须作出）",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
    {
        "matter": "CG-JT-002",
        "kind": "first_violation",
        "conditions": "初次在公路上摆摊设点或者堆放物品，面积5平方米以下，当场清除，未影响通行",
        "legal_basis": "行政处罚法第三十三条第一款",
        "source": "示范区综合行政执法领域首违不罚清单（演示）",
    },
]

# ---------------------------------------------------------------------------
# Delegation of low-risk matters to the demo townships (行政处罚法第二十四条).
# ---------------------------------------------------------------------------

DELEGATION: dict[str, Any] = {
    "number": "示政发〔2023〕18号",
    "date": "2023-06-01",
    "title": "示范区人民政府关于向乡镇（街道）下放部分行政执法权的决定（演示）",
    "evaluation_dates": ["2024-06-01", "2025-06-01"],
    "townships": ["城关街道", "红星镇", "太阳山镇", "大河乡", "新庄集乡", "柳泉乡"],
    "matters": [
        "CG-SR-001",
        "CG-SR-002",
        "CG-SR-003",
        "CG-SR-005",
        "CG-SR-008",
        "CG-SR-010",
        "CG-HB-007",
        "CG-HB-008",
        "CG-HB-013",
        "CG-YL-001",
    ],
}

# ---------------------------------------------------------------------------
# The catalog's history. "ALL_EXCEPT_LATER" means: every matter in MATTERS
# except those that a later "add" event brings in. A "remove" takes a matter
# out from its date on; "delegate" does not change the bureau's catalog.
# Catalog as of 2023-12-31 contains CG-SR-004, CG-HB-004, CG-SL-003 and not
# CG-ZR-001..003, CG-SR-025; as of 2025-01-01 the reverse.
# ---------------------------------------------------------------------------

HISTORY: list[dict[str, Any]] = [
    {
        "date": "2021-03-01",
        "event": "transfer_in",
        "matters": "ALL_EXCEPT_LATER",
        "document": "示编发〔2021〕5号",
        "reason": "综合行政执法改革，划转住建（市容环卫、市政公用、园林绿化）、自然资源（城乡规划）、生态环境、水务、交通运输、林草等部门的行政处罚权",
    },
    {
        "date": "2022-06-05",
        "event": "add",
        "matters": ["CG-HB-010", "CG-HB-011", "CG-HB-012", "CG-HB-013", "CG-HB-014"],
        "document": "示政办发〔2022〕21号",
        "reason": "法律修改：《噪声污染防治法》自2022年6月5日施行，《环境噪声污染防治法》同时废止；按新法梳理建筑施工、社会生活噪声事项并划入",
    },
    {
        "date": "2023-06-01",
        "event": "delegate",
        "matters": [
            "CG-SR-001",
            "CG-SR-002",
            "CG-SR-003",
            "CG-SR-005",
            "CG-SR-008",
            "CG-SR-010",
            "CG-HB-007",
            "CG-HB-008",
            "CG-HB-013",
            "CG-YL-001",
        ],
        "document": "示政发〔2023〕18号",
        "reason": "依据行政处罚法第二十四条，将基层管理迫切需要、乡镇（街道）能够有效承接的市容环境卫生等低风险事项下放至6个乡镇（街道），区综合行政执法局保留并加强业务指导",
    },
    {
        "date": "2024-01-01",
        "event": "add",
        "matters": ["CG-ZR-001", "CG-ZR-002", "CG-ZR-003", "CG-SR-025"],
        "document": "示政发〔2023〕41号",
        "reason": "职权调整：划入自然资源领域非法占地、破坏耕地及农村村民非法占地建住宅处罚权；生活垃圾分类全面推行，划入未分类投放生活垃圾处罚权",
    },
    {
        "date": "2024-07-01",
        "event": "remove",
        "matters": ["CG-SR-004", "CG-HB-004", "CG-SL-003"],
        "document": "示政办发〔2024〕12号",
        "reason": "职权调整与法律修改：取水许可、物料堆场扬尘事项回归水务局、生态环境局；不按规定倾倒垃圾事项与固体废物污染环境防治法第一百一十一条（CG-SR-020）重复，予以清理",
    },
]

HEARING_THRESHOLDS: dict[str, Any] = {
    "citizen_yuan": 10000,
    "organisation_yuan": 100000,
    "source": "宁夏回族自治区行政处罚听证程序规定（演示值）",
}
