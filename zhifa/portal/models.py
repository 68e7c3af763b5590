"""行政执法公示: what the public portal shows of the bureau's decisions, and the random-inspection list.

A Disclosure is the public record of one decision. It is built from an allow-list of structured fields
plus a redacted narrative (`facts_public`, made by zhifa.lib.redaction) — never from the full document with
words blacked out — and it is the only thing the portal reads: the portal never touches cases, parties or
documents. Its life: PENDING (due within `disclosure_penalty` / `disclosure_other` working days of the
decision) → PUBLISHED → WITHDRAWN (a changed or revoked decision, within `disclosure_withdrawal`, with a
public explanation) or TAKEN_DOWN (after the configured period). A decision that must never be published
(a minor's case, state or trade secrets, privacy; warning-only where the bureau says so) is EXCLUDED with
its reason, and no public text is kept for it.
"""

from __future__ import annotations

from django.db import models

from zhifa.accounts.models import Bureau, User
from zhifa.accounts.scoping import ScopedQuerySet


class DisclosureQuerySet(ScopedQuerySet):
    """Staff see their bureau's disclosures; the portal uses `public()` (published only), never `for_user`."""

    def public(self) -> DisclosureQuerySet:
        return self.filter(state=Disclosure.State.PUBLISHED)


class Disclosure(models.Model):
    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚决定"
        OTHER = "other", "其他行政执法决定"

    class State(models.TextChoices):
        PENDING = "pending", "待公示"
        PUBLISHED = "published", "已公示"
        WITHDRAWN = "withdrawn", "已撤回"
        TAKEN_DOWN = "taken_down", "已到期撤下"
        EXCLUDED = "excluded", "不予公示"

    class Exclusion(models.TextChoices):
        MINOR = "minor", "涉及未成年人"
        SECRET = "secret", "涉及国家秘密、商业秘密"
        PRIVACY = "privacy", "涉及个人隐私"
        WARNING_ONLY = "warning_only", "仅警告（本局规定不予公示）"

    class PartyKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"
        BUSINESS = "business", "个体工商户"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="disclosures")
    # Null only for rows made outside case handling (imports, the benchmark): the portal never follows it.
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="disclosure"
    )
    kind = models.CharField("公示类型", max_length=10, choices=Kind.choices)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.PENDING)
    version = models.PositiveIntegerField(default=0)
    decided_on = models.DateField("决定日期")
    due_on = models.DateField("公示期限")
    exclusion = models.CharField("不予公示情形", max_length=14, choices=Exclusion.choices, blank=True)
    # --- the allow-list: the only fields the public ever sees -----------------------------------------
    document_number = models.CharField("决定书文号", max_length=80, blank=True)
    title = models.CharField("案件名称", max_length=300, blank=True)
    party_kind = models.CharField("当事人类型", max_length=14, choices=PartyKind.choices, blank=True)
    party_name = models.CharField("当事人", max_length=200, blank=True, help_text="自然人为“姓＋某”")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, help_text="仅法人或其他组织")
    matter_name = models.CharField("执法事项", max_length=300, blank=True)
    matter_category = models.CharField("事项类别", max_length=20, blank=True)
    legal_basis = models.TextField("处罚依据", blank=True)
    penalty = models.CharField("处罚种类和内容", max_length=300, blank=True)
    fine_fen = models.BigIntegerField("罚款（分）", null=True, blank=True)
    facts_public = models.TextField("公示的违法事实（已脱敏）", blank=True)
    verify_code = models.CharField("文书核验码", max_length=12, blank=True)
    search_text = models.TextField(editable=False, default="")
    # --- publication and withdrawal -------------------------------------------------------------------
    published_at = models.DateTimeField("公示时间", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdraw_due = models.DateField("撤回期限", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回说明（公开）", blank=True)
    take_down_on = models.DateField("到期撤下日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法公示"
        ordering = ["-decided_on", "-id"]
        indexes = [
            # The portal's list: published, newest first, paged by (published_at, id) keyset.
            models.Index(fields=["-published_at", "-id"], name="disclosure_public_list",
                         condition=models.Q(state="published")),
            models.Index(fields=["bureau", "state", "due_on"], name="disclosure_queue"),
            # The disclosure rate (staff screen, the year's figures) counts a bureau's decisions by decision date.
            models.Index(fields=["bureau", "decided_on"], name="disclosure_rate"),
            # The list filtered by category (and dates: decided_on rides along so the page's ids come from
            # the index alone, at any depth).
            models.Index(fields=["matter_category", "-published_at", "-id", "decided_on"],
                         name="disclosure_public_category", condition=models.Q(state="published")),
            # The list's Last-Modified / ETag: the newest withdrawal and take-down, each read from a small index.
            models.Index(fields=["withdrawn_at"], name="disclosure_withdrawn_at",
                         condition=models.Q(state="withdrawn")),
            models.Index(fields=["take_down_on"], name="disclosure_taken_down_on",
                         condition=models.Q(state="taken_down")),
        ]

    def __str__(self) -> str:
        return self.document_number or self.title or f"公示 {self.pk}"


class InspectionListItem(models.Model):
    """随机抽查事项清单 (双随机、一公开): one matter the bureau inspects by random selection."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="inspection_items")
    name = models.CharField("抽查事项", max_length=200)
    category = models.CharField("事项类别", max_length=20, blank=True)
    subject = models.CharField("检查对象", max_length=200)
    basis = models.TextField("检查依据")
    method = models.CharField("检查方式", max_length=100, default="现场检查")
    ratio = models.CharField("抽查比例和频次", max_length=100, blank=True)
    department = models.CharField("实施机构", max_length=100, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "随机抽查事项"
        ordering = ["bureau_id", "sort", "id"]

    def __str__(self) -> str:
        return self.name
