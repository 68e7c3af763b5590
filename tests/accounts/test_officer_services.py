"""Officer and certificate services: identifiers kept unless given, assistants never certified (art. 42)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.accounts import services
from zhifa.accounts.models import Officer
from zhifa.accounts.services import CertificateData, OfficerData
from zhifa.lib import crypto
from zhifa.lib.errors import DomainError

ID = "11010519491231002X"


@pytest.fixture
def certified(org) -> Officer:
    officer = services.officer_create(bureau=org.red, actor=None, data=OfficerData(
        name="王建国", department=org.team_a, id_number=ID, phone="13909511234"))
    services.certificate_add(officer=officer, actor=None, data=CertificateData(
        number="64030000001", issuing_authority="宁夏回族自治区人民政府",
        valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2099, 1, 1)))
    return officer


def test_an_update_without_identifiers_keeps_the_stored_ones(certified, admin):
    services.officer_update(officer=certified, actor=admin, data=OfficerData(
        name="王建国", department=certified.department, id_number=None, phone=None, position="中队长"))
    certified.refresh_from_db()
    assert crypto.unseal(certified.id_number_sealed) == ID
    assert certified.phone_masked == "139****1234" and certified.position == "中队长"


def test_an_update_with_an_empty_identifier_clears_it(certified, admin):
    services.officer_update(officer=certified, actor=admin, data=OfficerData(
        name="王建国", department=certified.department, id_number=None, phone=""))
    certified.refresh_from_db()
    assert certified.phone_sealed == "" and certified.id_number_hash == crypto.keyed_hash(ID)


def test_art42_a_certified_officer_cannot_be_turned_into_an_assistant(certified, admin):
    with pytest.raises(DomainError, match="不能改为协管员"):
        services.officer_update(officer=certified, actor=admin, data=OfficerData(
            name="王建国", kind=Officer.Kind.ASSISTANT, id_number=None, phone=None))
    certified.refresh_from_db()
    assert certified.kind == Officer.Kind.OFFICER


def test_art42_an_assistant_cannot_hold_a_certificate(org):
    assistant = services.officer_create(bureau=org.red, actor=None, data=OfficerData(
        name="李协管", kind=Officer.Kind.ASSISTANT, department=org.team_a))
    with pytest.raises(DomainError, match="协管员不能持有"):
        services.certificate_add(officer=assistant, actor=None, data=CertificateData(
            number="64030000002", issuing_authority="x", valid_from=dt.date(2024, 1, 1),
            valid_to=dt.date(2099, 1, 1)))
    assert not assistant.certificates.exists()


def test_the_same_id_number_cannot_be_registered_twice_in_a_bureau(certified, org):
    with pytest.raises(DomainError, match="重复登记"):
        services.officer_create(bureau=org.red, actor=None, data=OfficerData(name="另一人", id_number=ID.lower()))
