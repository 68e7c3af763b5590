"""Leads and cases under the general procedure: parties, officers, evidence, records, recordings,
preservation and seizure, the investigation report, approvals (legal review, collective discussion,
leader sign-off), the prior notice, statements, hearings, the decision, and the deadlines they start.

Every state change of a case goes through services.case_transition; approvals are rows, not states.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from zhifa.accounts.models import Bureau, Department, Officer, Township, User
from zhifa.accounts.scoping import Action, ScopedQuerySet
from zhifa.catalog.models import EnforcementMatter
from zhifa.lib.money import fen_to_yuan


class LeadQuerySet(ScopedQuerySet):
    department_path = "department"


class Lead(models.Model):
    """案源 / 线索: where a possible case comes from; a filing decision is due within `lead_decision`."""

    class Source(models.TextChoices):
        PATROL = "patrol", "巡查发现"
        COMPLAINT = "complaint", "投诉举报"
        TRANSFER = "transfer", "其他机关移送"
        ASSIGNMENT = "assignment", "上级交办"
        INSPECTION = "inspection", "检查发现"
        MONITORING = "monitoring", "电子技术监控"

    class State(models.TextChoices):
        REGISTERED = "registered", "待核查"
        FILING = "filing", "立案审批中"
        FILED = "filed", "已立案"
        NOT_FILED = "not_filed", "不予立案"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="leads")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="leads")
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="leads")
    source = models.CharField("案源类型", max_length=12, choices=Source.choices)
    discovered_on = models.DateField("发现日期")
    place = models.CharField("地点", max_length=200)
    facts = models.TextField("基本情况")
    reporter = models.CharField("来源说明", max_length=200, blank=True, help_text="如：12345工单号、移送机关")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.REGISTERED)
    decision_due = models.DateField("立案决定期限")
    decision_extended = models.BooleanField("已延长", default=False)
    not_filed_reason = models.TextField("不予立案理由", blank=True)
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    objects = LeadQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "案源"
        ordering = ["-discovered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()}：{self.place}"


class CaseQuerySet(ScopedQuerySet):
    department_path = "department"

    def _department_scope(self, user: User, action: Action) -> models.Q:
        """Their department's cases, and any case they were put on as an officer (a team-B officer helping
        on a team-A case must open it)."""
        own = super()._department_scope(user, action)
        if action != "view":
            return own
        # A correlated EXISTS (not `id IN (every case they were on)`): checked only for rows outside their
        # department, by the (case, officer) unique index, so an ordered, limited read stops after a page.
        officer_id = getattr(getattr(user, "officer", None), "pk", None)
        if officer_id is None:
            return own
        return own | models.Q(models.Exists(
            CaseOfficer.objects.filter(case_id=models.OuterRef("pk"), officer_id=officer_id)))


class Case(models.Model):
    """案件: one enforcement case under the general procedure, from filing to decision (part 1)."""

    class State(models.TextChoices):
        FILING_REVIEW = "filing_review", "立案审批中"
        INVESTIGATING = "investigating", "调查取证"
        REVIEWING = "reviewing", "审核审批中"
        APPROVED = "approved", "待事先告知"
        NOTIFIED = "notified", "告知期（陈述申辩、听证）"
        HEARING = "hearing", "听证程序"
        DECIDED = "decided", "已作出处罚决定"
        NOT_PUNISHED = "not_punished", "不予处罚"
        NOT_FILED = "not_filed", "不予立案"
        DISMISSED = "dismissed", "撤销立案"
        CLOSED = "closed", "已结案"

    class Procedure(models.TextChoices):
        GENERAL = "general", "普通程序"
        SIMPLE = "simple", "简易程序（当场处罚）"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="cases")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    lead = models.OneToOneField(Lead, on_delete=models.PROTECT, related_name="case")
    matter = models.ForeignKey(EnforcementMatter, on_delete=models.PROTECT, related_name="cases")
    state = models.CharField("状态", max_length=15, choices=State.choices, default=State.FILING_REVIEW)
    # Bumped by every transition: the conditional update on (state, version) lets exactly one of two people
    # acting at once win.
    version = models.PositiveIntegerField(default=0)
    number = models.CharField("案号", max_length=60, blank=True, db_index=True)
    title = models.CharField("案由", max_length=300)
    facts = models.TextField("违法事实")
    violation_on = models.DateField("违法行为发生日期")
    violation_ended_on = models.DateField("违法行为终了日期（连续或继续状态）", null=True, blank=True)
    endangers_safety = models.BooleanField(
        "涉及公民生命健康安全、金融安全且有危害后果", default=False, help_text="适用五年追责时效（第三十六条）"
    )
    is_major = models.BooleanField("重大复杂案件（须集体讨论）", default=False)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    decision_due = models.DateField("处罚决定期限", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    procedure = models.CharField("程序", max_length=8, choices=Procedure.choices, default=Procedure.GENERAL)
    # The first service of the decision (part 2), kept on the case so that "decided, not yet served" is an
    # index lookup on the workbench rather than a scan of every decided case.
    served_on = models.DateField("决定书送达日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    closing_reason = models.CharField("结案情形", max_length=200, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "案件"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["bureau", "state"], name="case_bureau_state"),
            models.Index(fields=["bureau", "decision_due"], name="case_bureau_due"),
            models.Index(fields=["bureau", "decided_on"], name="case_unserved",
                         condition=models.Q(served_on__isnull=True, state__in=["decided", "not_punished"])),
        ]

    def __str__(self) -> str:
        return self.number or f"（未立案）{self.title}"

    @property
    def limitation_start(self) -> dt.date:
        """Art. 36: counted from the act, or from its end when the act continued."""
        return self.violation_ended_on or self.violation_on


class CaseOfficer(models.Model):
    """An officer on a case (art. 42: at least two certified); recusal recorded (art. 43)."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        CO = "co", "协办"
        ASSISTANT = "assistant", "协管员（记录）"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField("分工", max_length=10, choices=Role.choices, default=Role.CO)
    recused = models.BooleanField("已回避", default=False)
    recusal_reason = models.TextField("回避理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办案人员"
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="caseofficer_unique")]
        # "The cases I am on", read by officer: answered from the index alone (the scope of every officer's page).
        indexes = [models.Index(fields=["officer", "case"], name="caseofficer_by_officer")]

    def __str__(self) -> str:
        return f"{self.officer}（{self.get_role_display()}）"


class Party(models.Model):
    """当事人: a natural person (ID number sealed) or an organisation (unified social credit code)."""

    class Kind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    name = models.CharField("姓名或名称", max_length=200)
    id_number_sealed = models.TextField(blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField("身份证号", max_length=18, blank=True, editable=False)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    representative = models.CharField("法定代表人（负责人）", max_length=50, blank=True)
    address = models.CharField("住所或地址", max_length=300)
    phone_sealed = models.TextField(blank=True, editable=False)
    phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    is_minor = models.BooleanField("未成年人", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "当事人"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def identifier_masked(self) -> str:
        return self.credit_code if self.kind == self.Kind.ORGANISATION else self.id_number_masked


class Evidence(models.Model):
    """证据: a file stored by its SHA-256, with how, when and by whom it was collected."""

    class Kind(models.TextChoices):
        PHOTO = "photo", "照片"
        AUDIO = "audio", "录音"
        VIDEO = "video", "视频"
        DOCUMENT = "document", "书证"
        OTHER = "other", "其他"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence")
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    kind = models.CharField("证据类型", max_length=10, choices=Kind.choices)
    title = models.CharField("证据名称", max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    original_name = models.CharField("原文件名", max_length=255)
    collected_at = models.DateTimeField("取证时间")
    collected_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    how = models.CharField("取证方式", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "证据"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(case__isnull=False) | models.Q(lead__isnull=False),
                                   name="evidence_belongs_somewhere"),
        ]

    def __str__(self) -> str:
        return self.title


class Record(models.Model):
    """笔录: an inquiry (询问笔录) or an on-site inspection record (现场检查（勘验）笔录)."""

    class Kind(models.TextChoices):
        INQUIRY = "inquiry", "询问笔录"
        INSPECTION = "inspection", "现场检查（勘验）笔录"
        STATEMENT = "statement", "陈述申辩笔录"
        HEARING = "hearing", "听证笔录"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField("笔录类型", max_length=12, choices=Kind.choices)
    place = models.CharField("地点", max_length=200)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    subject = models.CharField("被询问人/在场人", max_length=100, blank=True)
    content = models.TextField("笔录内容")
    officers = models.ManyToManyField(Officer, related_name="records", verbose_name="执法人员")
    recorder = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="记录人")
    signed_by_subject = models.BooleanField("被询问人已签名确认", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "笔录"
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"


class Recording(models.Model):
    """音像记录 (全过程记录): device, officers, start and end, and what was recorded."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recordings")
    device = models.CharField("记录设备", max_length=100)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    what = models.CharField("记录事项", max_length=200)
    officers = models.ManyToManyField(Officer, related_name="recordings", verbose_name="执法人员")
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "音像记录"
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.what}（{self.device}）"


class Approval(models.Model):
    """An approval as its own row: who decided what, when, with which opinion."""

    class Kind(models.TextChoices):
        FILING = "filing", "立案审批"
        LEGAL_REVIEW = "legal_review", "法制审核"
        TEAM_LEADER = "team_leader", "执法队负责人审核"
        LEADER = "leader", "局领导审批"
        COLLECTIVE = "collective", "集体讨论"
        EXTENSION = "extension", "延期审批"
        PRESERVATION = "preservation", "先行登记保存审批"
        SEIZURE = "seizure", "查封扣押审批"
        LEAD_EXTENSION = "lead_extension", "立案期限延长审批"
        PAYMENT_PLAN = "payment_plan", "暂缓或分期缴纳罚款审批"
        CLOSING = "closing", "结案审批"
        TRANSFER = "transfer", "涉嫌犯罪案件移送审批"

    class Decision(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "同意（通过）"
        RETURNED = "returned", "退回补正"
        REJECTED = "rejected", "不同意（不通过）"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="approvals")
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, null=True, blank=True, related_name="approvals")
    kind = models.CharField("审批类型", max_length=15, choices=Kind.choices)
    step = models.PositiveSmallIntegerField("审批层级", default=1)
    round = models.PositiveSmallIntegerField("轮次", default=1, help_text="退回补正后重新报批，轮次加一")
    decision = models.CharField("结论", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    opinion = models.TextField("意见", blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField("审批事项", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审批"
        ordering = ["requested_at", "id"]
        # 待我审批 reads only the pending rows, oldest first: a small index however many were decided.
        indexes = [
            models.Index(fields=["kind", "requested_at", "id"], name="approval_pending",
                         condition=models.Q(decision="pending")),
            # "Whose turn is it": the lowest pending step of a case's review chain, looked up per case.
            models.Index(fields=["case", "round", "step"], name="approval_pending_step",
                         condition=models.Q(decision="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.get_decision_display()}"


# Asked for by an officer of the case, decided by a bureau leader who is not one (services.measure_decide).
MEASURE_KINDS = (Approval.Kind.PRESERVATION, Approval.Kind.SEIZURE, Approval.Kind.EXTENSION,
                 Approval.Kind.PAYMENT_PLAN, Approval.Kind.CLOSING, Approval.Kind.TRANSFER)


class Preservation(models.Model):
    """先行登记保存 (art. 56): leader approval, then a decision on it within 7 working days."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="preservations")
    items = models.TextField("保存物品清单")
    place = models.CharField("保存地点", max_length=200)
    started_on = models.DateField("保存日期")
    decision_due = models.DateField("处理决定期限")
    outcome = models.CharField("处理决定", max_length=200, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "先行登记保存"

    def __str__(self) -> str:
        return f"先行登记保存 {self.started_on}"


class Seizure(models.Model):
    """查封、扣押 (行政强制法 art. 25): at most 30 days, one extension of at most 30 with approval."""

    class Kind(models.TextChoices):
        SEAL = "seal", "查封"
        SEIZE = "seize", "扣押"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="seizures")
    kind = models.CharField("措施", max_length=6, choices=Kind.choices)
    items = models.TextField("财物清单")
    started_on = models.DateField("实施日期")
    ends_on = models.DateField("期限届满日")
    extended = models.BooleanField("已延长", default=False)
    released_on = models.DateField("解除日期", null=True, blank=True)
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "查封扣押"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}—{self.ends_on}"


class InvestigationReport(models.Model):
    """调查终结报告 with the proposed outcome, next to the catalog's discretion recommendation."""

    class Outcome(models.TextChoices):
        PENALTY = "penalty", "给予行政处罚"
        NOT_PUNISHABLE = "not_punishable", "不予行政处罚（第三十三条）"
        INSUFFICIENT = "insufficient", "违法事实不能成立，不予行政处罚"
        TRANSFER = "transfer", "移送其他机关"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    round = models.PositiveSmallIntegerField(default=1)
    facts_found = models.TextField("调查认定的事实")
    outcome = models.CharField("处理意见", max_length=15, choices=Outcome.choices)
    warning = models.BooleanField("警告", default=False)
    fine_fen = models.BigIntegerField("罚款（分）", null=True, blank=True)
    confiscation = models.CharField("没收", max_length=200, blank=True)
    other_penalty = models.CharField("其他处罚", max_length=200, blank=True)
    facts_json = models.JSONField("裁量情节", default=dict)
    recommendation = models.JSONField("裁量建议", default=dict)
    deviation = models.TextField("偏离裁量基准的情况", blank=True)
    deviation_reason = models.TextField("偏离理由", blank=True)
    needs_legal_review = models.BooleanField("须法制审核", default=False)
    legal_review_grounds = models.JSONField("法制审核依据", default=list)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "调查终结报告"
        ordering = ["case_id", "round"]

    def __str__(self) -> str:
        return f"调查终结报告（第{self.round}稿）"

    @property
    def penalty_label(self) -> str:
        parts = []
        if self.warning:
            parts.append("警告")
        if self.fine_fen:
            parts.append(f"罚款{fen_to_yuan(self.fine_fen)}元")
        if self.confiscation:
            parts.append(f"没收{self.confiscation}")
        if self.other_penalty:
            parts.append(self.other_penalty)
        return "、".join(parts) or self.get_outcome_display()


class CollectiveDiscussion(models.Model):
    """集体讨论 (art. 57): participants, each opinion, the conclusion; it is the approval for major cases."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="discussions")
    held_at = models.DateTimeField("讨论时间")
    place = models.CharField("地点", max_length=200)
    participants = models.ManyToManyField(User, related_name="+", verbose_name="参加人员")
    opinions = models.JSONField("各参加人员意见", default=list)
    conclusion = models.TextField("讨论结论")
    approved = models.BooleanField("同意拟处理意见")
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, related_name="discussion")

    class Meta:
        verbose_name = verbose_name_plural = "集体讨论"

    def __str__(self) -> str:
        return f"集体讨论 {self.held_at:%Y-%m-%d}"


class PriorNotice(models.Model):
    """事先告知 (art. 44, 45, 63, 64): the intended penalty, facts, reasons, basis and the party's rights."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    report = models.ForeignKey(InvestigationReport, on_delete=models.PROTECT, related_name="+")
    warning = models.BooleanField("警告", default=False)
    fine_fen = models.BigIntegerField("拟罚款（分）", null=True, blank=True)
    other_penalty = models.CharField("其他拟处罚", max_length=200, blank=True)
    facts = models.TextField("违法事实")
    reasons = models.TextField("理由及依据")
    hearing_right = models.BooleanField("告知听证权利")
    served_on = models.DateField("送达日期")
    statement_due = models.DateField("陈述申辩期限")
    hearing_request_due = models.DateField("听证申请期限", null=True, blank=True)
    waived_on = models.DateField("当事人放弃陈述申辩和听证的日期", null=True, blank=True)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "事先告知"
        ordering = ["case_id", "served_on", "id"]

    def __str__(self) -> str:
        return f"事先告知 {self.served_on}"

    @property
    def periods_end(self) -> dt.date:
        """The last day of the party's periods (statement and, when told, hearing request)."""
        return max(d for d in (self.statement_due, self.hearing_request_due) if d is not None)


class Statement(models.Model):
    """陈述申辩: the party's statement and defence; a statement never leads to a heavier penalty (art. 45)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statements")
    received_on = models.DateField("收到日期")
    content = models.TextField("陈述申辩内容")
    adopted = models.BooleanField("意见是否采纳", default=False)
    response = models.TextField("复核意见", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "陈述申辩"
        ordering = ["case_id", "received_on", "id"]

    def __str__(self) -> str:
        return f"陈述申辩 {self.received_on}"


class Hearing(models.Model):
    """听证 (art. 64): requested, noticed ≥ 7 working days ahead, presided by a non-investigator."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "待举行"
        HELD = "held", "已举行"
        WAIVED = "waived", "当事人无正当理由缺席，视为放弃"
        WITHDRAWN = "withdrawn", "当事人撤回听证申请"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    requested_on = models.DateField("申请日期")
    presiding = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name="听证主持人")
    notice_served_on = models.DateField("听证通知送达日期", null=True, blank=True)
    scheduled_on = models.DateField("听证日期", null=True, blank=True)
    place = models.CharField("听证地点", max_length=200, blank=True)
    representatives = models.CharField("委托代理人", max_length=200, blank=True)
    public = models.BooleanField("公开举行", default=True)
    transcript = models.TextField("听证笔录摘要", blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    opinion = models.TextField("听证主持人意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "听证"
        ordering = ["case_id", "requested_on", "id"]

    def __str__(self) -> str:
        return f"听证 {self.scheduled_on or self.requested_on}"


class Decision(models.Model):
    """处罚决定 or 不予处罚决定 (art. 59 content is checked by the documents issue)."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚决定"
        NOT_PUNISHED = "not_punished", "不予行政处罚决定"
        DISMISSED = "dismissed", "撤销立案（不予处罚）"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField("决定类型", max_length=15, choices=Kind.choices)
    decided_on = models.DateField("决定日期")
    warning = models.BooleanField("警告", default=False)
    fine_fen = models.BigIntegerField("罚款（分）", null=True, blank=True)
    other_penalty = models.CharField("其他处罚", max_length=200, blank=True)
    reasons = models.TextField("理由")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "处理决定"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on}"


# --- after the decision (case handling part 2) ----------------------------------------------------------------
class Service(models.Model):
    """送达 of the decision (art. 61): on the spot, or within 7 working days when the party is absent."""

    class Method(models.TextChoices):
        DIRECT = "direct", "直接送达"
        LEFT = "left", "留置送达"
        POST = "post", "邮寄送达"
        ELECTRONIC = "electronic", "电子送达"
        PUBLIC = "public", "公告送达"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    document = models.CharField("送达文书", max_length=60, default="行政处罚决定书")
    method = models.CharField("送达方式", max_length=10, choices=Method.choices)
    served_on = models.DateField("送达日期")
    receiver = models.CharField("受送达人 / 签收人", max_length=100)
    witnesses = models.CharField("见证人", max_length=200, blank=True, help_text="留置送达须有见证人")
    address = models.CharField("送达地址 / 电子地址", max_length=200, blank=True)
    proof = models.ForeignKey(Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name="送达回证（扫描件）")
    consent = models.ForeignKey(Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="当事人签署的电子送达确认书")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "送达"
        ordering = ["served_on", "id"]

    def __str__(self) -> str:
        return f"{self.document} {self.get_method_display()} {self.served_on}"


class PaymentPlan(models.Model):
    """暂缓或分期缴纳 (art. 66), approved by a leader: the instalments and their due dates."""

    class Kind(models.TextChoices):
        DEFERRAL = "deferral", "暂缓缴纳"
        INSTALMENTS = "instalments", "分期缴纳"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payment_plans")
    kind = models.CharField("方式", max_length=12, choices=Kind.choices)
    instalments = models.JSONField("各期", default=list, help_text='[{"due": "2026-12-31", "fen": 50000}, …]')
    reason = models.TextField("当事人申请理由")
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "暂缓或分期缴纳"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（至 {self.ends_on}）"

    @property
    def ends_on(self) -> dt.date:
        return max(dt.date.fromisoformat(item["due"]) for item in self.instalments)


class Payment(models.Model):
    """A payment of the fine (or of the late fee) against the bank's receipt (罚缴分离, art. 67), or cash
    collected on the spot (art. 68–71) with its hand-over to the bureau and to the bank."""

    class Kind(models.TextChoices):
        FINE = "fine", "罚款"
        LATE_FEE = "late_fee", "加处罚款"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField("款项", max_length=10, choices=Kind.choices, default=Kind.FINE)
    amount_fen = models.BigIntegerField("金额（分）")
    paid_on = models.DateField("缴纳日期")
    receipt_number = models.CharField("缴款凭证号 / 专用票据号", max_length=60)
    bank = models.CharField("代收机构", max_length=100, blank=True)
    cash = models.BooleanField("当场收缴", default=False)
    handed_over_on = models.DateField("交至行政机关日期", null=True, blank=True)
    banked_on = models.DateField("缴付指定银行日期", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "缴纳"
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {fen_to_yuan(self.amount_fen)} 元 {self.paid_on}"


class Remedy(models.Model):
    """行政复议 or 行政诉讼 against the decision; the late fee does not accrue while pending (art. 73)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Outcome(models.TextChoices):
        PENDING = "pending", "审理中"
        UPHELD = "upheld", "维持 / 驳回诉讼请求"
        CHANGED = "changed", "变更"
        REVOKED = "revoked", "撤销"
        ILLEGAL = "illegal", "确认违法 / 无效"
        WITHDRAWN = "withdrawn", "申请人撤回"

    # Changed, revoked or confirmed illegal: the decision no longer stands as published (art. 48).
    OVERTURNING = (Outcome.CHANGED, Outcome.REVOKED, Outcome.ILLEGAL)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    filed_on = models.DateField("申请 / 起诉日期")
    body = models.CharField("复议机关 / 人民法院", max_length=100)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField("结果日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "复议与诉讼"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on} {self.get_outcome_display()}"

    @property
    def overturns(self) -> bool:
        """Changed, revoked or confirmed illegal: a published decision must be withdrawn (art. 48)."""
        return self.outcome in self.OVERTURNING


class CourtEnforcement(models.Model):
    """非诉执行 (行政强制法 art. 53–58): the reminder, the application, and what the court did."""

    class Ruling(models.TextChoices):
        ENFORCE = "enforce", "准予强制执行"
        REFUSE = "refuse", "不予执行"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="court_enforcement")
    reminder_served_on = models.DateField("催告书送达日期")
    reminder_amount_fen = models.BigIntegerField("催告金额（分）")
    reminder_text = models.TextField("催告内容（履行期限、方式、陈述申辩权利）")
    applied_on = models.DateField("申请日期", null=True, blank=True)
    court = models.CharField("受理法院", max_length=100, blank=True)
    accepted_on = models.DateField("法院受理日期", null=True, blank=True)
    ruling = models.CharField("裁定", max_length=8, choices=Ruling.choices, blank=True)
    ruled_on = models.DateField("裁定日期", null=True, blank=True)
    result = models.CharField("执行结果", max_length=200, blank=True)
    result_on = models.DateField("执行结果日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请法院强制执行"

    def __str__(self) -> str:
        return f"催告 {self.reminder_served_on}" + (f"，申请 {self.applied_on}" if self.applied_on else "")


class Transfer(models.Model):
    """案件移送: a suspected crime to the police (行刑衔接: the head decides within 3 days of the report,
    the transfer within 24 hours of approval), or a matter for another administrative body."""

    class Kind(models.TextChoices):
        CRIME = "crime", "涉嫌犯罪移送公安机关"
        OTHER_BODY = "other_body", "移送其他行政机关"

    class Answer(models.TextChoices):
        PENDING = "pending", "待答复"
        ACCEPTED = "accepted", "已立案 / 已接收"
        REFUSED = "refused", "不予立案 / 退回"

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="transfers")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    to_body = models.CharField("接收机关", max_length=100)
    reported_on = models.DateField("报告日期")
    facts = models.TextField("移送理由与涉嫌事实")
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    transferred_at = models.DateTimeField("移送时间", null=True, blank=True)
    answer = models.CharField("答复", max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answer_on = models.DateField("答复日期", null=True, blank=True)
    answer_reasons = models.TextField("答复理由", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "案件移送"
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.to_body}"


class SharingLetter(models.Model):
    """信息共享函: case information sent to another department; counted by the year."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="sharing_letters")
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="sharing_letters")
    to_department = models.CharField("接收部门", max_length=100)
    subject = models.CharField("事由", max_length=200)
    sent_on = models.DateField("发函日期")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "信息共享函"
        ordering = ["-sent_on", "id"]

    def __str__(self) -> str:
        return f"致{self.to_department}：{self.subject}"


class CaseDeadline(models.Model):
    """A deadline computed when its trigger happened: the rule, the calendar version and any extension."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines")
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines")
    rule = models.CharField("时限规则", max_length=30)
    label = models.CharField("事项", max_length=100)
    citation = models.CharField("依据", max_length=100)
    start = models.DateField("起算日")
    due = models.DateField("届满日")
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=10)
    calendar_version = models.CharField(max_length=100, blank=True)
    setting_id = models.BigIntegerField(null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长", default=0)
    met_on = models.DateField("完成日期", null=True, blank=True)
    cancelled = models.BooleanField(default=False)

    class Meta:
        verbose_name = verbose_name_plural = "办案时限"
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["due", "met_on"], name="deadline_open_due"),
            # The workbench's nearest deadlines walk only the open ones, in due order, and stop after a page.
            models.Index(fields=["due", "id"], name="deadline_open_only",
                         condition=models.Q(met_on__isnull=True, cancelled=False)),
            models.Index(fields=["due", "id"], name="deadline_open_lead",
                         condition=models.Q(met_on__isnull=True, cancelled=False, case__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.due}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None and not self.cancelled


class TimelineEntry(models.Model):
    """One line of the case page's timeline: the whole-process record a supervisor reads."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="timeline")
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, null=True, blank=True, related_name="timeline")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    from_state = models.CharField(max_length=15, blank=True)
    to_state = models.CharField(max_length=15, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办案过程记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text
