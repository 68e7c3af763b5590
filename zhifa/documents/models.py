"""Official documents (文书), their templates, and the bound electronic case file (一案一卷).

- A DocumentTemplate row is one uploaded version of a bureau's .docx for one kind. Versions are never
  changed; one of them (or none: the shipped template) is in use.
- A Document is drafted, then issued (签发) — the official number is taken only then, in the issuing
  transaction, so a discarded draft never consumes a number — and may later be voided with a reason. An
  issued document keeps the exact values it was filled with (`context`), the SHA-256 of its .docx and PDF,
  and a short verification code for the public verification page.
- A CaseFile is one built version of a case's electronic file: the bound PDF and the export ZIP, by their
  SHA-256. A correction builds a new version with a reason; an old version is never overwritten.
Files live in the document store (`zhifa.documents.store`), named by their SHA-256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.accounts.models import Bureau
from zhifa.documents.kinds import BY_CODE, CHOICES


class DocumentSettings(models.Model):
    """What every decision must tell the party and no case row holds (行政处罚法 art. 59 (5), art. 67)."""

    bureau = models.OneToOneField(Bureau, on_delete=models.CASCADE, related_name="document_settings")
    reconsideration_body = models.CharField("行政复议机关", max_length=100, blank=True,
                                            help_text="如：吴忠市红寺堡区人民政府")
    litigation_court = models.CharField("行政诉讼管辖法院", max_length=100, blank=True,
                                        help_text="如：吴忠市红寺堡区人民法院")
    payment_account = models.CharField("罚款缴纳方式（代收银行及账户）", max_length=200, blank=True,
                                       help_text="罚缴分离（第六十七条）：当事人到哪里缴纳罚款")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.bureau}的文书设置"


class DocumentTemplate(models.Model):
    """One uploaded version of a bureau's template for one kind. Never edited; a new upload is a new version."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=40, choices=CHOICES)
    version = models.PositiveIntegerField("版本")
    content = models.BinaryField("模板文件（.docx）")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    original_name = models.CharField("原文件名", max_length=255)
    note = models.CharField("修改说明", max_length=200)
    in_use = models.BooleanField("正在使用", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["bureau_id", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "kind", "version"], name="document_template_version_unique"),
            models.UniqueConstraint(fields=["bureau", "kind"], condition=models.Q(in_use=True),
                                    name="document_template_one_in_use"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} 第{self.version}版"


class Document(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已签发"
        DISCARDED = "discarded", "草稿已废弃"
        VOID = "void", "已作废"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    lead = models.ForeignKey("cases.Lead", on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    kind = models.CharField("文书种类", max_length=40, choices=CHOICES)
    item_id = models.PositiveBigIntegerField("对应记录", null=True, blank=True)
    extras = models.JSONField("起草时填写的内容", default=dict, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    template_version = models.PositiveIntegerField("模板版本", default=0, help_text="0：系统内置模板")
    number = models.CharField("文号", max_length=80, blank=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)
    issued_on = models.DateField("签发日期", null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    verify_code = models.CharField("核验码", max_length=12, null=True, blank=True, unique=True)
    context = models.JSONField("签发时的文书内容", default=dict, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    replaces = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="更正的文书")
    void_reason = models.TextField("作废理由", blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法文书"
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["case", "state"], name="document_case_state")]
        constraints = [
            # A number in force belongs to one document of the bureau (the counter is per kind and year; the
            # text says which). A voided document keeps its number, which is never taken again, except the
            # on-the-spot decision's: its number is the case's, and its correction carries it again.
            models.UniqueConstraint(fields=["bureau", "number"], condition=~models.Q(number="") & models.Q(
                state="issued"), name="document_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.number}".strip()

    @property
    def label(self) -> str:
        return BY_CODE[self.kind].label if self.kind in BY_CODE else self.kind

    @property
    def in_force(self) -> bool:
        return self.state == self.State.ISSUED


class CaseFile(models.Model):
    """One built version of a case's electronic file (一案一卷). Never rebuilt in place."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="case_files")
    version = models.PositiveIntegerField("版本")
    reason = models.CharField("重新立卷的理由", max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64)
    zip_sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField("卷内页数")
    manifest = models.JSONField("清单", default=dict)
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    built_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "电子卷宗"
        ordering = ["case_id", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="case_file_version_unique")]

    def __str__(self) -> str:
        return f"{self.case} 电子卷宗第{self.version}版"
