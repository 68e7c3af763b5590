"""The counters behind case numbers and document numbers (文号), and each bureau's number patterns.

A NumberSequence row is the last number issued for one (bureau, kind, year). It is only ever advanced
inside the transaction that issues the number (see services.number_take), so a rolled-back issue leaves no
gap. A NumberPattern row is a bureau's own layout for one kind; without one the caller's default applies.
"""

from __future__ import annotations

from django.db import models


class NumberSequence(models.Model):
    """The last number issued for one bureau, kind and year (0: none yet)."""

    bureau = models.ForeignKey("accounts.Bureau", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("编号种类", max_length=40)
    year = models.PositiveSmallIntegerField("年份")
    last = models.PositiveIntegerField("已发最大序号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号序列"
        ordering = ["bureau_id", "kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "kind", "year"], name="number_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}：{self.last}"


class NumberPattern(models.Model):
    """A bureau's layout for one kind of number, e.g. "{short}立〔{year}〕第{seq}号"."""

    bureau = models.ForeignKey("accounts.Bureau", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("编号种类", max_length=40)
    pattern = models.CharField("格式", max_length=100)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "编号格式"
        ordering = ["bureau_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["bureau", "kind"], name="number_pattern_unique")]

    def __str__(self) -> str:
        return f"{self.kind}：{self.pattern}"
