"""A lead is registered with facts and attachments (issue 4): files stored by hash, type checked by content."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.cases.test_case_views import png_bytes
from tests.conftest import logged_in
from zhifa.cases.models import Evidence, TimelineEntry


@pytest.fixture(autouse=True)
def _store_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"


def attach(client, lead, content: bytes, name: str = "现场.png", kind: str = "photo", title: str = "现场照片"):
    return client.post(reverse("cases:lead_attach", args=[lead.pk]), {
        "attach-kind": kind, "attach-title": title,
        "attach-file": SimpleUploadedFile(name, content, content_type="image/png")})


def test_an_officer_attaches_a_photo_to_a_lead_and_it_is_listed_and_downloadable(client, world, settings):
    lead = world.lead()
    logged_in(client, world.a1)
    content = png_bytes(4, 4)
    response = attach(client, lead, content)
    assert response.status_code == 302
    attachment = Evidence.objects.get(lead=lead)
    digest = hashlib.sha256(content).hexdigest()
    assert attachment.sha256 == digest and attachment.size == len(content) and attachment.case is None
    assert (settings.MEDIA_ROOT / "evidence" / digest[:2] / digest[2:4] / digest).read_bytes() == content
    assert TimelineEntry.objects.filter(lead=lead, action="lead.attachment").exists()
    page = client.get(reverse("cases:lead_detail", args=[lead.pk])).content.decode()
    assert "现场照片" in page and reverse("cases:evidence", args=[attachment.pk]) in page
    download = client.get(reverse("cases:evidence", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == content


def test_a_web_page_posing_as_a_photo_is_refused_and_nothing_is_stored(client, world):
    lead = world.lead()
    logged_in(client, world.a1)
    response = attach(client, lead, b"<html><script>alert(1)</script></html>", name="photo.png")
    assert response.status_code == 200 and "网页" in response.content.decode()
    assert not Evidence.objects.filter(lead=lead).exists()


def test_no_attachment_after_the_filing_decision_and_none_from_outside_the_bureau(client, world, blue_admin):
    lead = world.lead()
    case = world.filed(lead=lead)
    logged_in(client, world.a1)
    assert attach(client, case.lead, png_bytes()).status_code == 403
    other = world.lead()
    logged_in(client, blue_admin)
    assert attach(client, other, png_bytes()).status_code == 404  # another bureau's lead does not exist for them
    assert not Evidence.objects.filter(lead__in=[lead, other]).exists()
