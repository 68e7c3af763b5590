"""The demo complaints and petitions: every state, several channels, replies and satisfaction, a merge, a lead,
two petitions; fictitious contacts; a second load creates nothing."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from zhifa.accounts.demo import demo_organisation_load
from zhifa.audit.services import audit_verify
from zhifa.intake.demo import CATEGORIES, demo_intake_load
from zhifa.intake.models import Complaint, ComplaintCategory, ComplaintEvent, Petition
from zhifa.intake.stats import complaint_stats
from zhifa.lib import crypto

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_every_state(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    bureau, _ = demo_organisation_load()
    first = demo_intake_load(bureau=bureau)
    assert first.categories == len(CATEGORIES) == 8 and 38 <= first.complaints <= 45 and first.petitions == 2
    complaints = Complaint.objects.filter(bureau=bureau)
    assert complaints.count() == first.complaints
    assert set(Counter(complaints.values_list("state", flat=True))) == set(Complaint.State.values)
    assert len(set(complaints.values_list("channel", flat=True))) >= 5
    assert complaints.filter(merged_into__isnull=False).count() == 1
    assert complaints.filter(lead__isnull=False).count() == 1
    assert complaints.exclude(satisfaction="").count() >= 20 and complaints.filter(extended=True).count() == 1
    assert ComplaintCategory.objects.get(bureau=bureau, code="night-noise").urgent_hours == 2
    # Fictitious contacts only: 139 test phones.
    for sealed in complaints.exclude(reporter_phone_sealed="").values_list("reporter_phone_sealed", flat=True):
        assert crypto.unseal(sealed).startswith("139")
    # The history lies in the past, in order.
    replied = complaints.filter(replied_at__isnull=False).first()
    assert replied is not None and replied.replied_at >= replied.received_at
    # Statistics count by the bureau's local date (Asia/Shanghai), which is a day ahead of UTC after 16:00 UTC.
    local_days = [timezone.localtime(c.received_at).date() for c in complaints]
    stats = complaint_stats(bureau=bureau, start=min(local_days), end=max(local_days))
    assert stats.total.received == first.complaints and stats.total.satisfaction_rate is not None
    petitions = Petition.objects.filter(bureau=bureau)
    assert petitions.count() == 2 and petitions.filter(extended=True).count() == 1

    counts = (Complaint.objects.count(), ComplaintEvent.objects.count(), Petition.objects.count(),
              ComplaintCategory.objects.count())
    again = demo_intake_load(bureau=bureau)
    assert (again.categories, again.complaints, again.petitions) == (0, 0, 0)
    assert counts == (Complaint.objects.count(), ComplaintEvent.objects.count(), Petition.objects.count(),
                      ComplaintCategory.objects.count())
    assert audit_verify().ok
