"""Complaints (投诉举报, 12345 工单), their history and attachments, the calling systems' API keys, petitions (信访).

A complaint moves received → dispatched → in progress → replied → closed (reopen with a reason sends a
replied or closed one back to in progress). Its reply deadline comes from its category's service level:
urgent categories within a number of hours, the others `complaint_ordinary` or `complaint_complex` working
days (zhifa.workdays.rules), extended once by approval. The reporter's name, phone and e-mail are sealed
(AES-GCM, zhifa.lib.crypto); an anonymous complaint has none.
"""

from __future__ import annotations

from django.db import models

from zhifa.accounts.models import Bureau, Department, Township, User
from zhifa.accounts.scoping import ScopedQuerySet
from zhifa.catalog.models import Category as MatterCategory


class ApiKey(models.Model):
    """A key of one calling system (the 12345 hotline, an Open311 client). Only its SHA-256 is stored."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="api_keys")
    system = models.CharField("调用系统", max_length=100)
    prefix = models.CharField("密钥前缀", max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    callback_url = models.URLField("答复回传地址", blank=True, help_text="留空则由对方按导出接口拉取答复")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField("最近调用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "接口密钥"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.system}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ComplaintCategory(models.Model):
    """投诉类别 with its service level; one Open311 service per category (service_code = code)."""

    class Level(models.TextChoices):
        URGENT = "urgent", "紧急"
        ORDINARY = "ordinary", "一般"
        COMPLEX = "complex", "复杂"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="complaint_categories")
    code = models.CharField("类别代码", max_length=40, help_text="Open311 的 service_code，如 city-appearance")
    name = models.CharField("名称", max_length=100)
    description = models.CharField("说明", max_length=300, blank=True)
    matter_category = models.CharField("对应执法事项类别", max_length=20, choices=MatterCategory.choices)
    level = models.CharField("办理时限等级", max_length=10, choices=Level.choices, default=Level.ORDINARY)
    urgent_hours = models.PositiveSmallIntegerField("紧急类答复时限（小时）", default=24)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    # Open311 attributes: [{"code", "datatype", "required", "description", "order", "values": [{key,name}]}]
    attributes = models.JSONField("附加信息项", default=list, blank=True)
    is_active = models.BooleanField("启用", default=True)
    sort = models.PositiveIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "投诉类别"
        ordering = ["bureau_id", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "code"], name="complaintcategory_unique_code")]

    def __str__(self) -> str:
        return self.name


class ComplaintQuerySet(ScopedQuerySet):
    department_path = "department"


class Complaint(models.Model):
    """投诉举报 / 12345 工单."""

    class Channel(models.TextChoices):
        HOTLINE = "hotline", "12345热线推送"
        IMPORT = "import", "热线批量导入"
        PHONE = "phone", "来电"
        WALK_IN = "walk_in", "来访"
        PORTAL = "portal", "门户网站"
        OPEN311 = "open311", "Open311接口"

    class State(models.TextChoices):
        RECEIVED = "received", "待分派"
        DISPATCHED = "dispatched", "已分派"
        IN_PROGRESS = "in_progress", "办理中"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已办结"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    OPEN_STATES = (State.RECEIVED, State.DISPATCHED, State.IN_PROGRESS)

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="complaints")
    number = models.CharField("受理编号", max_length=40, unique=True)
    access_hash = models.CharField(max_length=64, editable=False, help_text="查询码的 keyed hash")
    channel = models.CharField("来源渠道", max_length=10, choices=Channel.choices)
    external_id = models.CharField("热线工单号", max_length=64, blank=True, db_index=True)
    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints")
    idempotency_key = models.CharField(max_length=128, null=True, blank=True, editable=False)
    category = models.ForeignKey(ComplaintCategory, on_delete=models.PROTECT, related_name="complaints")
    place = models.CharField("地点", max_length=200)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField("诉求内容")
    attributes = models.JSONField("附加信息", default=dict, blank=True)
    anonymous = models.BooleanField("匿名", default=False)
    reporter_name_sealed = models.TextField(blank=True, editable=False)
    reporter_phone_sealed = models.TextField(blank=True, editable=False)
    reporter_email_sealed = models.TextField(blank=True, editable=False)
    reporter_phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    reporter_masked = models.CharField("投诉人", max_length=60, blank=True, editable=False)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.RECEIVED)
    version = models.PositiveIntegerField(default=0)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name="承办部门"
    )
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name="承办乡镇"
    )
    received_at = models.DateTimeField("受理时间", db_index=True)
    reply_rule = models.CharField("时限规则", max_length=40)
    reply_due = models.DateTimeField("答复期限", db_index=True)
    extended = models.BooleanField("已延期", default=False)
    dispatched_at = models.DateTimeField("分派时间", null=True, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    reply = models.TextField("答复内容", blank=True)
    replied_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged", verbose_name="并入"
    )
    lead = models.OneToOneField(
        "cases.Lead", on_delete=models.PROTECT, null=True, blank=True, related_name="complaint", verbose_name="转立案源"
    )
    reply_pushed_at = models.DateTimeField("答复已回传热线", null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "投诉举报"
        ordering = ["-received_at", "-id"]
        constraints = [
            # A retried push with the same idempotency key finds the first complaint instead of a second.
            models.UniqueConstraint(fields=["api_key", "idempotency_key"], name="complaint_unique_idempotency"),
        ]
        indexes = [
            models.Index(fields=["bureau", "state", "reply_due"], name="complaint_queue"),
            models.Index(fields=["bureau", "category", "received_at"], name="complaint_recent_by_category"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.category.name if self.category_id else ''}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class ComplaintEvent(models.Model):
    """One line of a complaint's history (received, dispatched, replied, merged, reopened, …)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    text = models.TextField()
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=100, blank=True)
    public = models.BooleanField("向投诉人公开", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "投诉办理记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class ComplaintAttachment(models.Model):
    """A photo or file the reporter sent; stored by SHA-256 in the evidence store."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    original_name = models.CharField("原文件名", max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "投诉附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class PetitionQuerySet(ScopedQuerySet):
    department_path = "department"


class Petition(models.Model):
    """信访事项 under 信访工作条例: acceptance reply within 15 days, resolution within 60 (+30 approved)."""

    class State(models.TextChoices):
        RECEIVED = "received", "待受理"
        ACCEPTED = "accepted", "已受理"
        NOT_ACCEPTED = "not_accepted", "不予受理"
        RESOLVED = "resolved", "已办结"
        REVIEW = "review", "复查中"
        REVIEWED = "reviewed", "复查已办结"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="petitions")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions", verbose_name="承办部门"
    )
    number = models.CharField("信访编号", max_length=40, unique=True)
    received_on = models.DateField("登记日期")
    channel = models.CharField("信访形式", max_length=20, default="来信")
    petitioner_sealed = models.TextField(blank=True, editable=False)
    petitioner_masked = models.CharField("信访人", max_length=60, blank=True, editable=False)
    phone_sealed = models.TextField(blank=True, editable=False)
    subject = models.CharField("信访事由", max_length=200)
    content = models.TextField("信访内容")
    state = models.CharField("状态", max_length=14, choices=State.choices, default=State.RECEIVED)
    version = models.PositiveIntegerField(default=0)
    reply_due = models.DateField("受理告知期限")
    replied_on = models.DateField("告知日期", null=True, blank=True)
    acceptance_note = models.TextField("受理告知意见", blank=True)
    resolve_due = models.DateField("办理期限", null=True, blank=True)
    extended = models.BooleanField("已延期", default=False)
    resolved_on = models.DateField("办结日期", null=True, blank=True)
    result = models.TextField("处理意见", blank=True)
    review_requested_on = models.DateField("申请复查日期", null=True, blank=True)
    review_due = models.DateField("复查期限", null=True, blank=True)
    review_result = models.TextField("复查意见", blank=True)
    reviewed_on = models.DateField("复查办结日期", null=True, blank=True)
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions", verbose_name="关联投诉"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class PetitionEvent(models.Model):
    """One line of a petition's history."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    text = models.TextField()
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "信访办理记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text
