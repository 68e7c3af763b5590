"""The portal's daily task, run by every `zhifa worker` (zhifa.jobs.registry.daily_task)."""

from __future__ import annotations

from zhifa.jobs.registry import daily_task
from zhifa.portal.services import disclosure_take_down_due


@daily_task("portal.take_down", "撤下到期公示")
def take_down_due() -> int:
    """Published decisions whose period (ZHIFA_DISCLOSURE_YEARS) has ended come off the portal."""
    return disclosure_take_down_due()
