"""The enforcement-matter catalog (权力清单): matters, their legal bases and penalties, the history of the
list, delegations to townships, discretion standards, exemption lists and hearing thresholds."""

from __future__ import annotations

import datetime as dt

from django.db import models

from zhifa.accounts.models import Bureau, Township, User
from zhifa.accounts.scoping import ScopedQuerySet
from zhifa.lib.money import fen_to_yuan as yuan


class Category(models.TextChoices):
    CITY_APPEARANCE = "市容环境卫生", "市容环境卫生"
    PLANNING = "城乡规划", "城乡规划"
    MUNICIPAL = "市政公用", "市政公用"
    GREENING = "园林绿化", "园林绿化"
    ENVIRONMENT = "环境保护", "环境保护"
    NATURAL_RESOURCES = "自然资源", "自然资源"
    GRASSLAND = "草原", "草原"
    WATER = "水利", "水利"
    TRANSPORT = "交通运输", "交通运输"
    OTHER = "其他", "其他"


class MatterQuerySet(ScopedQuerySet):
    """The catalog belongs to the bureau: all its staff read it (no department scope), administrators
    change it. A township user's narrower view (art. 24) is selectors.matter_list_fileable."""


class EnforcementMatter(models.Model):
    """执法事项: one kind of violation the bureau may punish, with its legal basis."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "实施中"
        REMOVED = "removed", "已取消"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="matters")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=300)
    category = models.CharField("事项类别", max_length=20, choices=Category.choices)
    subject = models.CharField("实施主体", max_length=100, blank=True)
    handling_unit = models.CharField("承办机构", max_length=100, blank=True)
    transferred_from = models.CharField("原行使部门", max_length=100, blank=True)
    penalty_summary = models.TextField("处罚种类及幅度", blank=True)
    needs_legal_review = models.BooleanField("默认须法制审核", default=False)
    note = models.TextField("备注", blank=True)
    # What officers and the public call the violation (占道经营, 小广告, 违建): searched like the name.
    keywords = models.CharField("俗称（检索词）", max_length=300, blank=True, help_text="多个词用顿号或空格分开")
    # Current state; the state on any past date comes from MatterChange rows (selectors.matter_list_as_of).
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.IN_FORCE)
    is_demo = models.BooleanField("演示数据", default=False)
    # Normalised text of name, code, category, bases and penalties: substring search finds two-character
    # Chinese terms (占道, 罚款) the same way on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法事项"
        ordering = ["bureau_id", "code"]
        constraints = [models.UniqueConstraint(fields=["bureau", "code"], name="matter_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LegalBasis(models.Model):
    """法律依据: one law article a matter rests on, for the violation or for the penalty."""

    class Kind(models.TextChoices):
        VIOLATION = "violation", "违法依据"
        PENALTY = "penalty", "处罚依据"

    matter = models.ForeignKey(EnforcementMatter, on_delete=models.CASCADE, related_name="bases")
    kind = models.CharField("依据类型", max_length=10, choices=Kind.choices)
    law = models.CharField("法律法规名称", max_length=100)
    article = models.CharField("条", max_length=30)
    clause = models.CharField("款项", max_length=30, blank=True)
    text = models.TextField("条文", blank=True)
    sort = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "法律依据"
        ordering = ["matter_id", "kind", "sort", "id"]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        return f"《{self.law}》{self.article}{self.clause}"


class PenaltyKind(models.Model):
    """A kind of penalty a matter allows, with its statutory range."""

    class Kind(models.TextChoices):
        WARNING = "warning", "警告"
        FINE = "fine", "罚款"
        FINE_MULTIPLE = "fine_multiple", "按倍数或比例罚款"
        CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
        CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
        SUSPEND = "suspend", "责令停产停业"
        REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
        ORDER_CORRECT = "order_correct", "责令改正"
        DEMOLISH = "demolish", "限期拆除"

    matter = models.ForeignKey(EnforcementMatter, on_delete=models.CASCADE, related_name="penalties")
    kind = models.CharField("处罚种类", max_length=20, choices=Kind.choices)
    min_fen = models.BigIntegerField("最低罚款（分）", null=True, blank=True)
    max_fen = models.BigIntegerField("最高罚款（分）", null=True, blank=True)
    min_multiple = models.DecimalField("最低倍数/比例", max_digits=8, decimal_places=4, null=True, blank=True)
    max_multiple = models.DecimalField("最高倍数/比例", max_digits=8, decimal_places=4, null=True, blank=True)
    multiple_of = models.CharField("计算基数", max_length=50, blank=True, help_text="如：违法所得、工程造价")
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "处罚种类及幅度"
        ordering = ["matter_id", "id"]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        label = self.Kind(self.kind).label
        if self.kind == self.Kind.FINE and self.max_fen is not None:
            low = self.min_fen or 0
            return f"{label}{yuan(low)}元至{yuan(self.max_fen)}元" if low else f"{label}{yuan(self.max_fen)}元以下"
        if self.kind == self.Kind.FINE_MULTIPLE and self.max_multiple is not None:
            return f"{label}（{self.multiple_of}的{self.min_multiple}至{self.max_multiple}）"
        return label


class MatterChange(models.Model):
    """One entry of a matter's history: transferred in, added, amended, removed, with the document."""

    class Event(models.TextChoices):
        TRANSFER_IN = "transfer_in", "划转承接"
        ADD = "add", "新增"
        AMEND = "amend", "调整"
        REMOVE = "remove", "取消"

    matter = models.ForeignKey(EnforcementMatter, on_delete=models.CASCADE, related_name="changes")
    date = models.DateField("生效日期")
    event = models.CharField("变动类型", max_length=15, choices=Event.choices)
    document_number = models.CharField("依据文件文号", max_length=60, blank=True)
    document_date = models.DateField("文件日期", null=True, blank=True)
    reason = models.TextField("变动原因", blank=True)
    before = models.JSONField("变动前", null=True, blank=True)
    after = models.JSONField("变动后", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "事项变动记录"
        ordering = ["matter_id", "date", "id"]
        indexes = [models.Index(fields=["matter", "date"], name="matterchange_matter_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_event_display()}"

    @property
    def puts_in_force(self) -> bool:
        return self.event != self.Event.REMOVE


class DelegationQuerySet(ScopedQuerySet):
    pass


class Delegation(models.Model):
    """赋权: matters delegated to townships by a published decision (行政处罚法 art. 24)."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="delegations")
    number = models.CharField("决定文号", max_length=60)
    title = models.CharField("决定名称", max_length=200)
    date = models.DateField("生效日期")
    revoked_on = models.DateField("收回日期", null=True, blank=True)
    evaluation_dates = models.JSONField("评估日期", default=list, blank=True)
    townships = models.ManyToManyField(Township, related_name="delegations", verbose_name="承接乡镇（街道）")
    matters = models.ManyToManyField(EnforcementMatter, related_name="delegations", verbose_name="下放事项")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "赋权决定"
        ordering = ["bureau_id", "-date"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="delegation_unique_number")]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"

    def active_on(self, day: dt.date) -> bool:
        return self.date <= day and (self.revoked_on is None or self.revoked_on > day)


class DiscretionStep(models.Model):
    """One step of a matter's discretion standard (裁量基准, art. 34): the facts that place a case on it
    and the outcome or penalty range it allows."""

    class Level(models.TextChoices):
        MINOR = "minor", "轻微"
        GENERAL = "general", "一般"
        SERIOUS = "serious", "较重"
        GRAVE = "grave", "严重"

    class Outcome(models.TextChoices):
        EXEMPT = "exempt", "不予处罚"
        WARNING = "warning", "警告"
        FINE = "fine", "罚款"
        FINE_MULTIPLE = "fine_multiple", "按倍数或比例罚款"

    matter = models.ForeignKey(EnforcementMatter, on_delete=models.CASCADE, related_name="discretion_steps")
    level = models.CharField("违法情节", max_length=10, choices=Level.choices)
    facts = models.TextField("情节描述")
    outcome = models.CharField("处罚结果", max_length=15, choices=Outcome.choices)
    min_fen = models.BigIntegerField("最低罚款（分）", null=True, blank=True)
    max_fen = models.BigIntegerField("最高罚款（分）", null=True, blank=True)
    min_multiple = models.DecimalField("最低倍数/比例", max_digits=8, decimal_places=4, null=True, blank=True)
    max_multiple = models.DecimalField("最高倍数/比例", max_digits=8, decimal_places=4, null=True, blank=True)
    source = models.CharField("来源文件", max_length=200, blank=True)

    LEVEL_ORDER = {Level.MINOR: 0, Level.GENERAL: 1, Level.SERIOUS: 2, Level.GRAVE: 3}

    class Meta:
        verbose_name = verbose_name_plural = "裁量基准"
        ordering = ["matter_id", "id"]
        constraints = [models.UniqueConstraint(fields=["matter", "level"], name="discretionstep_unique_level")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}：{self.range_label}"

    @property
    def range_label(self) -> str:
        if self.outcome == self.Outcome.FINE and self.max_fen is not None:
            return f"罚款{yuan(self.min_fen or 0)}元至{yuan(self.max_fen)}元"
        if self.outcome == self.Outcome.FINE_MULTIPLE and self.max_multiple is not None:
            return f"按{self.min_multiple}至{self.max_multiple}倍（比例）罚款"
        return self.get_outcome_display()


class Exemption(models.Model):
    """An entry of the regional 不予处罚 / 首违不罚 lists (art. 33)."""

    class Kind(models.TextChoices):
        NO_PENALTY = "no_penalty", "轻微违法不予处罚"
        FIRST_VIOLATION = "first_violation", "首违不罚"

    matter = models.ForeignKey(EnforcementMatter, on_delete=models.CASCADE, related_name="exemptions")
    kind = models.CharField("清单类型", max_length=20, choices=Kind.choices)
    conditions = models.TextField("适用条件")
    source = models.CharField("来源文件", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "免罚清单"
        ordering = ["matter_id", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.conditions}"


class HearingThreshold(models.Model):
    """较大数额 of art. 63 for this bureau: a fine at or above it gives the party the right to a hearing."""

    bureau = models.OneToOneField(Bureau, on_delete=models.CASCADE, related_name="hearing_threshold")
    citizen_fen = models.BigIntegerField("公民（元以上，分）", default=10_000_00)
    organisation_fen = models.BigIntegerField("法人或其他组织（元以上，分）", default=100_000_00)
    source = models.CharField("依据", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "听证较大数额标准"

    def __str__(self) -> str:
        return f"公民{yuan(self.citizen_fen)}元、组织{yuan(self.organisation_fen)}元"
