"""The demo bureau's organisation and people: five teams, the legal office, the office, six townships,
42 certified officers (a few certificates expiring within a month), assistants, and one account per role.

Everything goes through the services, so the demo also exercises validation and the audit log.
Idempotent: a second run finds the bureau and only renews the demo accounts' passwords.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhifa.accounts import services
from zhifa.accounts.models import Bureau, Department, Officer, User
from zhifa.accounts.roles import Role
from zhifa.accounts.services import CertificateData, OfficerData
from zhifa.audit.services import audit_record
from zhifa.lib.identifiers import id_check_digit

DEMO_BUREAU_NAME = "示范区综合行政执法局"
DEMO_SHORT_NAME = "示综执"
TEAMS = ["第一执法中队", "第二执法中队", "第三执法中队", "第四执法中队", "第五执法中队"]
TOWNSHIPS = ["城关街道", "红星镇", "太阳山镇", "大河乡", "新庄集乡", "柳泉乡"]
SURNAMES = "王李张刘陈杨马赵黄周吴徐孙胡朱高林何郭罗"
GIVEN = ["建国", "晓明", "海燕", "志强", "丽娟", "文博", "雪梅", "国庆", "宏伟", "静", "磊", "婷", "军", "霞",
         "鹏飞", "秀英", "永红", "子豪", "欣怡", "立新"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    roles: tuple[str, ...]
    note: str


def demo_id_number(rng: random.Random) -> str:
    """A syntactically valid (GB 11643 check digit) but invented ID number from a Ningxia region code."""
    region = rng.choice(["640302", "640303", "640381"])
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 28))
    first17 = f"{region}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_digit(first17)


def _organisation(bureau: Bureau) -> dict[str, Department]:
    departments: dict[str, Department] = {}
    for index, name in enumerate(TEAMS):
        departments[name] = services.department_create(
            bureau=bureau, name=name, kind=Department.Kind.TEAM, actor=None, sort=index,
            functions="负责辖区内市容环境卫生、城乡规划、市政公用、园林绿化等领域的巡查和行政处罚。",
        )
    departments["政策法规室"] = services.department_create(
        bureau=bureau, name="政策法规室", kind=Department.Kind.LEGAL_OFFICE, actor=None, sort=10,
        functions="负责法制审核、案卷评查、行政复议和行政诉讼应诉、普法宣传。",
    )
    departments["办公室"] = services.department_create(
        bureau=bureau, name="办公室", kind=Department.Kind.OFFICE, actor=None, sort=11,
        functions="负责综合协调、文秘、信息公开和后勤保障。",
    )
    for name in TOWNSHIPS:
        services.township_create(bureau=bureau, name=name, actor=None, kind="street" if name.endswith("街道") else "town")
    return departments


def _people(bureau: Bureau, departments: dict[str, Department], today: dt.date) -> list[Officer]:
    """42 certified officers: leaders and the legal office, seven per team, one in the office."""
    rng = random.Random(20240101)  # fixed seed: the same demo on every machine
    plan: list[tuple[str, str, bool]] = [("办公室", "局长", False), ("办公室", "副局长", False),
                                         ("办公室", "副局长", True)]
    plan += [("政策法规室", "法制审核员", True)] * 3
    for team in TEAMS:
        plan += [(team, "中队长", False)] + [(team, "执法队员", False)] * 6
    plan += [("办公室", "综合内勤", False)]
    officers = []
    for number, (department, position, legal) in enumerate(plan, start=1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        officer = services.officer_create(
            bureau=bureau, actor=None,
            data=OfficerData(
                name=name, department=departments[department], position=position,
                id_number=demo_id_number(rng), phone=f"139{rng.randrange(10**7, 10**8)}",
                legal_qualified=legal, training_hours=Decimal(rng.choice([24, 32, 40, 48])),
            ),
        )
        # Three certificates run out within the month so the workbench warning shows.
        expires = today + dt.timedelta(days=EXPIRING_SOON.get(number, 900))
        services.certificate_add(
            officer=officer, actor=None,
            data=CertificateData(
                number=f"64030{number:06d}", issuing_authority="宁夏回族自治区人民政府",
                scope="示范区 · 综合行政执法", valid_from=expires - dt.timedelta(days=365 * 3), valid_to=expires,
            ),
        )
        officers.append(officer)
    for index in range(6):
        services.officer_create(
            bureau=bureau, actor=None,
            data=OfficerData(name=rng.choice(SURNAMES) + rng.choice(GIVEN), kind=Officer.Kind.ASSISTANT,
                             department=departments[TEAMS[index % len(TEAMS)]], position="协管员"),
        )
    return officers


# Officer number → days until the certificate expires, for the few that run out within the month.
EXPIRING_SOON = {5: 6, 12: 13, 19: 27}

ACCOUNTS: list[tuple[str, tuple[str, ...], str, str | None]] = [
    # username, roles, note, department (None: bureau level)
    ("officer", (Role.OFFICER,), "第一执法中队执法人员", "第一执法中队"),
    ("assistant", (Role.ASSISTANT,), "第一执法中队协管员", "第一执法中队"),
    ("teamleader", (Role.TEAM_LEADER, Role.OFFICER), "第一执法中队中队长", "第一执法中队"),
    ("reviewer", (Role.LEGAL_REVIEWER,), "政策法规室法制审核员", "政策法规室"),
    ("leader", (Role.BUREAU_LEADER,), "局长（须绑定动态口令）", "办公室"),
    ("admin", (Role.ADMINISTRATOR,), "系统管理员（须绑定动态口令）", "办公室"),
    ("auditor", (Role.AUDIT_ADMIN,), "安全审计员（只看审计日志）", None),
    ("supervisor", (Role.SUPERVISOR,), "区司法局监督人员（只读，全部执法局）", None),
]


def _accounts(bureau: Bureau, officers: list[Officer]) -> None:
    by_position = {
        "officer": next(o for o in officers if o.department and o.department.name == TEAMS[0] and o.position == "执法队员"),
        "teamleader": next(o for o in officers if o.department and o.department.name == TEAMS[0] and o.position == "中队长"),
        "reviewer": next(o for o in officers if o.position == "法制审核员"),
        "leader": next(o for o in officers if o.position == "局长"),
    }
    for username, roles, _note, department_name in ACCOUNTS:
        department = Department.objects.get(bureau=bureau, name=department_name) if department_name else None
        officer = by_position.get(username)
        services.user_create(
            username=username, password=services.password_generate(), roles=list(roles), actor=None,
            full_name=officer.name if officer else _note[:6], bureau=None if username == "supervisor" else bureau,
            department=department, officer=officer,
        )


def demo_organisation_load(*, today: dt.date | None = None) -> tuple[Bureau, list[DemoAccount]]:
    """Create the demo bureau if missing; renew and return the demo accounts' passwords."""
    day = today or timezone.localdate()
    with transaction.atomic():
        bureau = Bureau.objects.filter(name=DEMO_BUREAU_NAME).first()
        if bureau is None:
            bureau = services.bureau_create(
                name=DEMO_BUREAU_NAME, short_name=DEMO_SHORT_NAME, district="示范区", actor=None, is_demo=True
            )
            departments = _organisation(bureau)
            officers = _people(bureau, departments, day)
            _accounts(bureau, officers)
        accounts = _renew_passwords()
    return bureau, accounts


def _renew_passwords() -> list[DemoAccount]:
    """Demo passwords are generated, never fixed: each run prints fresh ones and unlocks the accounts."""
    renewed = []
    for username, roles, note, _department in ACCOUNTS:
        user = User.objects.get(username=username)
        password = services.password_generate()
        user.set_password(password)
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["password", "failed_logins", "locked_until"])
        audit_record(actor=None, action="demo.password_renew", obj=user)
        renewed.append(DemoAccount(username=username, password=password, roles=roles, note=note))
    return renewed

