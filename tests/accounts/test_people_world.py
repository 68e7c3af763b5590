"""People of the two bureaus of tests/conftest.py, with certificates in every state, for the people tests.

No tests live here: test_people_*.py and test_officer_import.py import these helpers.

Bureau 红, on `TODAY`:
- 第一中队 (team_a): 张一 valid for long, 张二 ends in 10 days, 郑五 renewed (old expired, new valid),
  孙八 assistant; its sub-unit 一分队: 李三, status valid but ended 5 days ago.
- 第二中队 (team_b): 王四 suspended, 王六 revoked, 赵六 status expired, 钱七 no certificate,
  周九 left the bureau (inactive) with a valid certificate.
Bureau 蓝: 吴十, valid.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from zhifa.accounts import services
from zhifa.accounts.models import Bureau, Certificate, Department, Officer
from zhifa.accounts.services import CertificateData, OfficerData
from zhifa.lib.identifiers import id_check_digit

TODAY = timezone.localdate()


def id_number(seq: int) -> str:
    """A valid 18-digit ID number (GB 11643 check digit), distinct per `seq`."""
    first17 = f"11010119900101{seq:03d}"
    return first17 + id_check_digit(first17)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def person(
    bureau: Bureau, department: Department | None, name: str, *, seq: int, kind: str = Officer.Kind.OFFICER,
    active: bool = True, certificates: tuple[tuple[str, dt.date, dt.date, str], ...] = (), position: str = "执法队员",
    phone: str = "",
) -> Officer:
    officer = services.officer_create(
        bureau=bureau, actor=None,
        data=OfficerData(name=name, kind=kind, department=department, position=position, id_number=id_number(seq),
                         is_active=active, phone=phone),
    )
    for number, valid_from, valid_to, status in certificates:
        services.certificate_add(
            officer=officer, actor=None,
            data=CertificateData(number=number, issuing_authority="红山区人民政府", valid_from=valid_from,
                                 valid_to=valid_to, status=status, scope="红山区 综合行政执法"),
        )
    return officer


VALID, SUSPENDED, REVOKED, EXPIRED = (
    Certificate.Status.VALID, Certificate.Status.SUSPENDED, Certificate.Status.REVOKED, Certificate.Status.EXPIRED,
)


@dataclass
class Staff:
    team_a1: Department
    people: dict[str, Officer]

    def __getitem__(self, name: str) -> Officer:
        return self.people[name]


def staff_build(org: Any) -> Staff:
    """The people above, for a test module's `staff` fixture (each module declares its own one-liner)."""
    team_a1 = services.department_create(
        bureau=org.red, parent=org.team_a, name="一分队", kind=Department.Kind.TEAM, actor=None
    )
    red, a, b = org.red, org.team_a, org.team_b
    people = [
        person(red, a, "张一", seq=1, phone="13800000001",
               certificates=(("RED-0001", days(-400), days(700), VALID),)),
        person(red, a, "张二", seq=2, certificates=(("RED-0002", days(-1000), days(10), VALID),)),
        person(red, a, "郑五", seq=3, position="中队长", certificates=(
            ("RED-0003-OLD", days(-2000), days(-30), VALID),
            ("RED-0003", days(-29), days(1000), VALID),
        )),
        person(red, a, "孙八", seq=4, kind=Officer.Kind.ASSISTANT, position="协管员"),
        person(red, team_a1, "李三", seq=5, certificates=(("RED-0005", days(-1000), days(-5), VALID),)),
        person(red, b, "王四", seq=6, certificates=(("RED-0006", days(-100), days(500), SUSPENDED),)),
        person(red, b, "王六", seq=7, certificates=(("RED-0007", days(-100), days(500), REVOKED),)),
        person(red, b, "赵六", seq=8, certificates=(("RED-0008", days(-1000), days(-100), EXPIRED),)),
        person(red, b, "钱七", seq=9),
        person(red, b, "周九", seq=10, active=False, certificates=(("RED-0010", days(-100), days(20), VALID),)),
        person(org.blue, org.blue_team, "吴十", seq=11, certificates=(("BLUE-0001", days(-10), days(15), VALID),)),
    ]
    return Staff(team_a1=team_a1, people={officer.name: officer for officer in people})


def xlsx_bytes(rows: list[list[Any]], *, title: str = "人员") -> bytes:
    """An .xlsx file built in memory: the first row is the header."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_rows(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
