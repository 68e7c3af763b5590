"""The WorkCalendar (工作日历) tables and the administrator's deadline settings.

The platform keeps its own calendar instead of asking the `chinesecalendar` package at run time: the
package stops at the last published year, while the bureau must be able to load next year's schedule
itself the day the State Council publishes it. A year counts as covered only when its WorkCalendarYear
row exists; its days are replaced as a whole and its version is bumped, so every computed deadline can
say which calendar it relied on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.workdays.rules import RULE_CHOICES


class WorkCalendarYear(models.Model):
    """One covered year of the WorkCalendar: where its schedule came from and its version."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=200)
    loaded_at = models.DateTimeField("导入时间", default=timezone.now)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "工作日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} 年（v{self.version}）"

    @property
    def version_label(self) -> str:
        return f"{self.year}:v{self.version}"


class WorkCalendarDay(models.Model):
    """One day of a covered year: working day or rest day, and why."""

    class Kind(models.TextChoices):
        WORKDAY = "workday", "工作日"
        WEEKEND = "weekend", "周末"
        HOLIDAY = "holiday", "法定节假日"
        SHIFTED_WORKDAY = "shifted_workday", "调休上班"

    date = models.DateField("日期", unique=True)
    year = models.PositiveSmallIntegerField("年份", db_index=True)
    is_workday = models.BooleanField("工作日")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("名称", max_length=50, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作日历"
        ordering = ["date"]
        constraints = [
            # The kind and the working-day flag can never disagree, whoever writes the row.
            models.CheckConstraint(
                condition=(
                    models.Q(is_workday=True, kind__in=["workday", "shifted_workday"])
                    | models.Q(is_workday=False, kind__in=["weekend", "holiday"])
                ),
                name="workcalendarday_kind_matches_flag",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"


class DeadlineRuleSetting(models.Model):
    """An administrator's amount for a configurable deadline rule.

    Rows are never updated: each change adds a row and the newest row for (bureau, rule) is in force, so a
    computed deadline can point at the exact setting it used. `bureau` empty = the deployment default.
    """

    bureau = models.ForeignKey(
        "accounts.Bureau",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadline_settings",
        verbose_name="执法局",
    )
    rule = models.CharField("时限规则", max_length=40, choices=RULE_CHOICES)
    amount = models.PositiveIntegerField("时限长度")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="修改人",
    )
    changed_at = models.DateTimeField("修改时间", default=timezone.now)
    note = models.CharField("说明（依据的地方规定等）", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "时限设置"
        ordering = ["rule", "bureau_id", "-changed_at", "-id"]
        indexes = [models.Index(fields=["rule", "bureau", "-changed_at"], name="deadlinesetting_current")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="deadlinesetting_positive")
        ]

    def __str__(self) -> str:
        return f"{self.rule}={self.amount}"
