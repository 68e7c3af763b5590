"""The database-backed WorkCalendar with an in-process cache keyed by calendar version.

A deadline computation reads the small year table once (which years are covered, at which version) and
takes each year's rest days from the cache; a year's days are read from the database only when that year
was not cached yet or its version changed. The cache key is (version, loaded_at) rather than the version
alone: an import rolled back inside a transaction can reuse a version number, but never a load time.
Because the key is checked on every computation, another process's import invalidates this process's
cache too; `calendar_cache_clear` is for the writer itself and for tests.
"""

from __future__ import annotations

import datetime as dt
import threading

from zhifa.workdays.models import WorkCalendarDay, WorkCalendarYear
from zhifa.workdays.periods import WorkCalendar

CacheKey = tuple[int, dt.datetime]

_lock = threading.Lock()
_rest_days_cache: dict[int, tuple[CacheKey, frozenset[dt.date]]] = {}


def calendar_cache_clear() -> None:
    with _lock:
        _rest_days_cache.clear()


def _rest_days_from_db(year: int) -> frozenset[dt.date] | None:
    """The year's rest days; None when its day rows are incomplete (treated as not covered, never guessed)."""
    days = list(WorkCalendarDay.objects.filter(year=year).values_list("date", "is_workday"))
    if len(days) != (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1:
        return None
    return frozenset(day for day, is_workday in days if not is_workday)


def work_calendar_load() -> WorkCalendar:
    """A WorkCalendar snapshot over the covered years; each year's days come from the cache when fresh."""
    keys: dict[int, CacheKey] = {
        year: (version, loaded_at)
        for year, version, loaded_at in WorkCalendarYear.objects.values_list("year", "version", "loaded_at")
    }

    def load(year: int) -> frozenset[dt.date] | None:
        key = keys.get(year)
        if key is None:
            return None  # not covered: the caller raises CalendarNotCovered, never guesses
        cached = _rest_days_cache.get(year)
        if cached is not None and cached[0] == key:
            return cached[1]
        rest = _rest_days_from_db(year)
        if rest is not None:
            with _lock:
                _rest_days_cache[year] = (key, rest)
        return rest

    return WorkCalendar(versions={year: key[0] for year, key in keys.items()}, loader=load)
