"""Seed the WorkCalendar for 2004–2026 from the `chinesecalendar` package (every day of every year).

The year range is fixed here rather than read from the package, so a fresh install always starts from the
same calendar; later years are loaded by an administrator (`zhifa calendar import FILE`).
"""

import datetime as dt
from importlib import metadata

from django.db import migrations
from django.utils import timezone

FIRST_YEAR = 2004
LAST_YEAR = 2026

# chinesecalendar names holidays in English; the screens speak Chinese.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def calendar_days_from_package(year):
    """(date, is_workday, kind, name) for every day of `year`, from chinesecalendar."""
    import chinese_calendar

    day = dt.date(year, 1, 1)
    while day.year == year:
        is_holiday, english = chinese_calendar.get_holiday_detail(day)
        name = HOLIDAY_NAMES.get(english, english or "")
        weekend = day.weekday() >= 5
        if not is_holiday:
            if weekend:
                yield day, True, "shifted_workday", f"{name}调休上班" if name else "调休上班"
            else:
                yield day, True, "workday", ""
        elif english:
            yield day, False, "holiday", name
        else:
            yield day, False, "weekend", ""
        day += dt.timedelta(days=1)


def seed(apps, schema_editor):
    WorkCalendarYear = apps.get_model("workdays", "WorkCalendarYear")
    WorkCalendarDay = apps.get_model("workdays", "WorkCalendarDay")
    source = f"chinesecalendar {metadata.version('chinesecalendar')}"
    now = timezone.now()
    days = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days.extend(
            WorkCalendarDay(date=day, year=year, is_workday=is_workday, kind=kind, name=name)
            for day, is_workday, kind, name in calendar_days_from_package(year)
        )
    WorkCalendarDay.objects.bulk_create(days, batch_size=1000)
    WorkCalendarYear.objects.bulk_create(
        WorkCalendarYear(year=year, source=source, loaded_at=now, version=1)
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    )


def unseed(apps, schema_editor):
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    apps.get_model("workdays", "WorkCalendarDay").objects.filter(year__in=years).delete()
    apps.get_model("workdays", "WorkCalendarYear").objects.filter(year__in=years).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
