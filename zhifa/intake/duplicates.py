"""Duplicate candidates (疑似重复) of a complaint, shown to the dispatcher with a merge button.

A candidate is a complaint of the same bureau and category, received within `ZHIFA_DUPLICATE_DAYS` days of
this one, and either within `ZHIFA_DUPLICATE_METERS` metres of it (great-circle distance on the coordinates;
a latitude/longitude box prefilters in SQL so no geo extension is needed) or at the same address text once
normalised (full-width folded, spaces removed, lower case). The complaint itself and complaints already
merged into another are never candidates.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from zhifa.intake.models import Complaint
from zhifa.lib.search import normalise

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE_LAT = 111_320.0


@dataclass(frozen=True)
class Candidate:
    complaint: Complaint
    metres: float | None  # None when matched by the address text alone
    same_address: bool


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def address_key(place: str) -> str:
    """The address text compared for sameness: normalised like search_text (full-width folded, no spaces,
    lower case)."""
    return normalise(place or "")


def _box(lat: float, lon: float, metres: float) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    dlat = metres / METRES_PER_DEGREE_LAT
    dlon = metres / (METRES_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
    q = Decimal("0.000001")
    return (Decimal(lat - dlat).quantize(q), Decimal(lat + dlat).quantize(q),
            Decimal(lon - dlon).quantize(q), Decimal(lon + dlon).quantize(q))


def duplicate_candidates(complaint: Complaint, *, limit: int = 20) -> list[Candidate]:
    """Possible duplicates of `complaint`, nearest first (address-only matches after the measured ones)."""
    metres = float(settings.ZHIFA_DUPLICATE_METERS)
    window = dt.timedelta(days=settings.ZHIFA_DUPLICATE_DAYS)
    base = (
        Complaint.objects.filter(
            bureau_id=complaint.bureau_id, category_id=complaint.category_id, merged_into__isnull=True,
            received_at__gte=complaint.received_at - window, received_at__lte=complaint.received_at + window,
        )
        .exclude(pk=complaint.pk)
        .select_related("category", "department", "township")
    )
    key = address_key(complaint.place)
    near = Q(pk__in=[])
    has_point = complaint.latitude is not None and complaint.longitude is not None
    if has_point:
        lat_lo, lat_hi, lon_lo, lon_hi = _box(float(complaint.latitude), float(complaint.longitude), metres)  # type: ignore[arg-type]
        near = Q(latitude__range=(lat_lo, lat_hi), longitude__range=(lon_lo, lon_hi))
    if key:
        # search_text is "number|place|description|…", each part normalised: the place is one whole segment.
        near |= Q(search_text__contains=f"|{key}|")
    rows = list(base.filter(near))
    found: list[Candidate] = []
    for other in rows:
        distance = None
        if has_point and other.latitude is not None and other.longitude is not None:
            distance = haversine_m(float(complaint.latitude), float(complaint.longitude),  # type: ignore[arg-type]
                                   float(other.latitude), float(other.longitude))
        same = bool(key) and address_key(other.place) == key
        if same or (distance is not None and distance <= metres):
            found.append(Candidate(complaint=other, metres=distance if distance is not None and distance <= metres
                                   else None, same_address=same))
    found.sort(key=lambda c: (c.metres is None, c.metres or 0.0, -c.complaint.received_at.timestamp()))
    return found[:limit]
