"""Forms of the case screens. They parse what people type (dates, times, yuan, choices among the people of the
bureau) into the services' types; the rules of the procedure live in services.py and guards.py and are not
repeated here. Every form that changes a case carries the case `version` the user saw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django import forms
from django.db import models
from django.utils import timezone

from zhifa.cases.guards import CLOSING_REASONS
from zhifa.cases.models import (
    Approval,
    Case,
    CaseOfficer,
    CourtEnforcement,
    Evidence,
    Hearing,
    InvestigationReport,
    Lead,
    Party,
    Payment,
    PaymentPlan,
    Record,
    Remedy,
    Seizure,
    Service,
    Transfer,
)
from zhifa.cases.selectors import CaseFilters, LeadFilters, officers_assignable
from zhifa.cases.services import FilingData, PartyData, RecordData, RecordingData, ReportData
from zhifa.catalog.discretion import AGGRAVATING, MITIGATING, CaseFacts, Harm
from zhifa.catalog.models import DiscretionStep, EnforcementMatter
from zhifa.catalog.selectors import matter_list_fileable
from zhifa.lib.errors import DomainError
from zhifa.lib.identifiers import id_number_validate, phone_validate, uscc_validate
from zhifa.lib.money import fen_to_yuan, yuan_to_fen

if TYPE_CHECKING:
    from zhifa.accounts.models import Officer, User
    from zhifa.cases.selectors import CasePage

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
BAD_DATE = "日期格式不对，请写成 2024-07-01 的形式。"
BAD_DATETIME = "时间格式不对，请写成 2024-07-01 09:30 的形式。"
# Evidence: the largest file one upload may carry, and which content each kind of evidence may hold.
EVIDENCE_MAX_BYTES = 200 * 1024 * 1024
EVIDENCE_ALLOWED: dict[str, set[str]] = {
    Evidence.Kind.PHOTO: {"image"},
    Evidence.Kind.AUDIO: {"audio"},
    Evidence.Kind.VIDEO: {"video"},
    Evidence.Kind.DOCUMENT: {"pdf", "office", "image"},
    Evidence.Kind.OTHER: {"image", "audio", "video", "pdf", "office"},
}
EVIDENCE_ACCEPT = "image/*,audio/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.amr,.heic"


# --- field helpers -----------------------------------------------------------------------------------------
def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": BAD_DATE, "required": f"请填写{label}。"},
    )


def datetime_field(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": BAD_DATETIME, "required": f"请填写{label}。"},
    )


def text_field(label: str, *, max_length: int | None = None, required: bool = True, rows: int = 0,
               help_text: str = "", placeholder: str = "") -> forms.CharField:
    attrs = {"placeholder": placeholder} if placeholder else {}
    widget: forms.Widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget,
                           help_text=help_text, error_messages={"required": f"请填写{label}。"})


def yuan_field(label: str, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, max_length=20, required=required, help_text=help_text,
                           widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                           error_messages={"required": f"请填写{label}。"})


def fen_of(value: str, *, label: str) -> int | None:
    """'' → None; '2000' / '1,500.5' / '３０００元' → fen; anything else a ValidationError in Chinese."""
    if not value.strip():
        return None
    try:
        return yuan_to_fen(value)
    except DomainError as exc:
        raise forms.ValidationError(f"{label}：{exc.message}") from None


def _max_length(model: type[models.Model], name: str) -> int:
    return int(model._meta.get_field(name).max_length or 0)  # type: ignore[union-attr]


M = TypeVar("M", bound=models.Model)
NOT_A_CHOICE = "所选的人员或事项不在可选范围内（可能已变化），请重新选择。"


class PickField(forms.ChoiceField, Generic[M]):
    """A choice among objects the view already holds (the case's officers, the bureau's leaders): the choices
    are those objects only, so a forged id is refused, and no extra query is made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["invalid_choice"] = NOT_A_CHOICE
        self.objects: dict[str, M] = {}

    def set_objects(self, objects: Iterable[M], label: Callable[[M], str], *, empty: str = "请选择") -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [("", empty), *((key, label(obj)) for key, obj in self.objects.items())]

    def clean(self, value: Any) -> M | None:
        key = super().clean(value)
        return self.objects.get(key) if key else None


class MultiPickField(forms.MultipleChoiceField, Generic[M]):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["invalid_choice"] = NOT_A_CHOICE
        self.objects: dict[str, M] = {}

    def set_objects(self, objects: Iterable[M], label: Callable[[M], str]) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [(key, label(obj)) for key, obj in self.objects.items()]

    def clean(self, value: Any) -> list[M]:
        keys = super().clean(value)
        return [self.objects[key] for key in keys]


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget, so templates stay free of per-field markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def _style(self) -> None:
        for form_field in self.fields.values():
            widget = form_field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def domain_error_to_form(form: forms.Form, error: DomainError, *, fields: dict[str, str] | None = None) -> None:
    """A service's DomainError on its field when the form has it (or `fields` maps it), else on the form."""
    name = (fields or {}).get(error.field or "", error.field)
    form.add_error(name if name in form.fields else None, error.message)


def user_label(user: User) -> str:
    officer = getattr(user, "officer", None)
    return f"{user.display_name}（{'、'.join(user.role_labels)}）" if officer is None else \
        f"{officer.name}（{'、'.join(user.role_labels)}）"


def officer_label(officer: Officer) -> str:
    department = officer.department.name if officer.department_id and officer.department else "局机关"
    certificates = list(officer.certificates.all())
    number = certificates[0].number if certificates else "无有效执法证"
    return f"{officer.name}（{department}，执法证 {number}）"


# --- leads -------------------------------------------------------------------------------------------------
class LeadFilterForm(BootstrapForm):
    q = text_field("搜索", max_length=50, required=False, placeholder="地点、情况、来源说明中的词")
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *Lead.State.choices])
    source = forms.ChoiceField(label="案源类型", required=False, choices=[("", "全部类型"), *Lead.Source.choices])

    def filters(self) -> LeadFilters:
        self.is_valid()  # an invalid value is dropped, never trusted
        data = self.cleaned_data
        return LeadFilters(q=data.get("q") or "", state=data.get("state") or "", source=data.get("source") or "")


class LeadForm(BootstrapForm):
    source = forms.ChoiceField(label="案源类型", choices=Lead.Source.choices)
    discovered_on = date_field("发现日期")
    place = text_field("地点", max_length=_max_length(Lead, "place"))
    facts = text_field("基本情况", rows=4, placeholder="发现的时间、地点、人员和可能的违法行为")
    reporter = text_field("来源说明", max_length=_max_length(Lead, "reporter"), required=False,
                          help_text="如：12345 工单号、举报人（可匿名）、移送机关和文号")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"discovered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class LeadAttachmentForm(BootstrapForm):
    kind = forms.ChoiceField(label="附件类型", choices=Evidence.Kind.choices, initial=Evidence.Kind.PHOTO)
    title = text_field("附件名称", max_length=_max_length(Evidence, "title"), placeholder="如：现场照片、12345 工单截图")
    file = forms.FileField(label="文件", help_text="照片、录音、视频、PDF 或 Office 文档，单个不超过 200 MB；按文件内容核验类型",
                           widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
                           error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"})


class LeadExtendForm(BootstrapForm):
    reason = text_field("延长理由", rows=2, placeholder="如：需现场复核、等待有关部门答复")


# --- filing -----------------------------------------------------------------------------------------------
class PartyForm(BootstrapForm):
    """One party (当事人). The identifiers are checked here so that the message lands on the right party;
    the service checks them again."""

    kind = forms.ChoiceField(label="当事人类型", choices=Party.Kind.choices, initial=Party.Kind.PERSON)
    name = text_field("姓名或名称", max_length=_max_length(Party, "name"), required=False)
    id_number = text_field("身份证号（自然人）", max_length=30, required=False)
    credit_code = text_field("统一社会信用代码（单位）", max_length=30, required=False)
    representative = text_field("法定代表人（负责人）", max_length=_max_length(Party, "representative"), required=False)
    address = text_field("住所或地址", max_length=_max_length(Party, "address"), required=False)
    phone = text_field("联系电话", max_length=30, required=False)
    is_minor = forms.BooleanField(label="未成年人", required=False)

    def __init__(self, *args: Any, optional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optional = optional
        for name in ("id_number", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if not optional:
            self.fields["name"].required = self.fields["address"].required = True

    def is_blank(self) -> bool:
        """An optional party left empty is skipped (a case has at least one party, often only one)."""
        if not self.is_bound:
            return True
        return not any((self.data.get(self.add_prefix(name)) or "").strip()
                       for name in ("name", "id_number", "credit_code", "address", "phone"))

    def clean_id_number(self) -> str:
        return _checked(self.cleaned_data["id_number"], id_number_validate)

    def clean_credit_code(self) -> str:
        return _checked(self.cleaned_data["credit_code"], uscc_validate)

    def clean_phone(self) -> str:
        return _checked(self.cleaned_data["phone"], phone_validate)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.optional and self.is_blank():
            return data
        # A second party partly filled in needs its name and address too (the first one requires them).
        if "name" in data and not data["name"].strip():
            self.add_error("name", "请填写当事人的姓名或名称。")
        if "address" in data and not data["address"].strip():
            self.add_error("address", "请填写当事人的住所或地址。")
        if data.get("kind") == Party.Kind.ORGANISATION and "credit_code" in data and not data["credit_code"]:
            self.add_error("credit_code", "请填写单位的统一社会信用代码。")
        return data

    def party_data(self) -> PartyData | None:
        if self.optional and self.is_blank():
            return None
        data = self.cleaned_data
        organisation = data["kind"] == Party.Kind.ORGANISATION
        return PartyData(
            kind=data["kind"], name=data["name"], address=data["address"],
            id_number="" if organisation else data["id_number"], credit_code=data["credit_code"] if organisation else "",
            representative=data["representative"], phone=data["phone"], is_minor=data["is_minor"],
        )


def _checked(value: str, validate: Callable[[str], str]) -> str:
    if not value.strip():
        return ""
    try:
        return validate(value)
    except DomainError as exc:
        raise forms.ValidationError(exc.message) from None


class FilingForm(BootstrapForm):
    """报请立案: the matter, the facts, the dates the limitation period counts from, and the officers."""

    matter = forms.ModelChoiceField(label="执法事项", queryset=EnforcementMatter.objects.none(), empty_label="请选择执法事项",
                                    error_messages={"required": "请选择执法事项。",
                                                    "invalid_choice": "所选执法事项不可用，请重新选择。"})
    title = text_field("案由", max_length=_max_length(Case, "title"), required=False,
                       help_text="如：张三擅自占道经营案；留空则用执法事项名称")
    facts = text_field("违法事实", rows=4)
    violation_on = date_field("违法行为发生日期")
    violation_ended_on = date_field("违法行为终了日期", required=False,
                                    help_text="违法行为有连续或者继续状态的，追责时效从终了之日起计算（第三十六条）")
    endangers_safety = forms.BooleanField(
        label="涉及公民生命健康安全、金融安全且有危害后果", required=False, help_text="适用五年追责时效（第三十六条）")
    is_major = forms.BooleanField(label="重大复杂案件（须集体讨论）", required=False)
    lead_officer: PickField[Officer] = PickField(label="主办人员", error_messages={"required": "请选择主办人员。"})
    co_officers: MultiPickField[Officer] = MultiPickField(
        label="协办人员", required=False, help_text="执法人员不得少于两人，且须持有有效执法证（第四十二条）")

    def __init__(self, *args: Any, user: User, today: dt.date, lead: Lead | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matters = matter_list_fileable(user=user, on=today)
        self.fields["matter"].queryset = matters  # type: ignore[attr-defined]
        self.fields["matter"].label_from_instance = lambda m: f"{m.code} {m.name}"  # type: ignore[attr-defined]
        if lead is not None and not self.is_bound:
            self.initial.update(facts=lead.facts, violation_on=lead.discovered_on)
        # The user's own unit first, then the other units, the bureau's leaders last.
        officers = sorted(officers_assignable(user=user, on=today), key=lambda o: (
            o.department_id != user.department_id, o.department_id is None, o.department_id or 0, o.name))
        self.lead_field.set_objects(officers, officer_label)
        self.co_field.set_objects(officers, officer_label)
        own = getattr(user, "officer", None)
        if own is not None and not self.is_bound:
            self.initial["lead_officer"] = str(own.pk)
        self._style()

    @property
    def lead_field(self) -> PickField[Officer]:
        return self.fields["lead_officer"]  # type: ignore[return-value]

    @property
    def co_field(self) -> MultiPickField[Officer]:
        return self.fields["co_officers"]  # type: ignore[return-value]

    def filing_data(self, parties: list[PartyData]) -> FilingData:
        data = self.cleaned_data
        lead: Officer = data["lead_officer"]
        officers: list[tuple[Officer, str]] = [(lead, CaseOfficer.Role.LEAD)]
        officers += [(o, CaseOfficer.Role.CO) for o in data["co_officers"] if o.pk != lead.pk]
        return FilingData(
            matter=data["matter"], title=data["title"], facts=data["facts"], violation_on=data["violation_on"],
            violation_ended_on=data["violation_ended_on"], endangers_safety=data["endangers_safety"],
            is_major=data["is_major"], parties=parties, officers=officers,
        )


# --- the case list -----------------------------------------------------------------------------------------
class CaseFilterForm(BootstrapForm):
    q = text_field("搜索", max_length=50, required=False, placeholder="当事人、案号、案由、事项或办案人员")
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *Case.State.choices])
    matter = forms.TypedChoiceField(label="执法事项", required=False, coerce=int, empty_value=None)
    officer = forms.TypedChoiceField(label="办案人员", required=False, coerce=int, empty_value=None)
    filed_from = date_field("立案日期自", required=False)
    filed_to = date_field("立案日期至", required=False)
    due_from = date_field("决定期限自", required=False)
    due_to = date_field("决定期限至", required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhifa.accounts.models import Officer as OfficerModel

        matters = EnforcementMatter.objects.for_user(user, "view").order_by("code").values_list("pk", "code", "name")
        self.fields["matter"].choices = [("", "全部事项"), *((pk, f"{code} {name}") for pk, code, name in matters)]  # type: ignore[attr-defined]
        officers = (OfficerModel.objects.for_user(user, "view").filter(kind=OfficerModel.Kind.OFFICER)
                    .order_by("name", "id").values_list("pk", "name"))
        self.fields["officer"].choices = [("", "全部人员"), *officers]  # type: ignore[attr-defined]

    def filters(self) -> CaseFilters:
        self.is_valid()  # cleaned_data then holds only what validated: a forged id is dropped
        data = self.cleaned_data
        return CaseFilters(
            q=data.get("q") or "", state=data.get("state") or "", matter_id=data.get("matter"),
            officer_id=data.get("officer"), filed_from=data.get("filed_from"), filed_to=data.get("filed_to"),
            due_from=data.get("due_from"), due_to=data.get("due_to"),
        )


# --- the steps on the case page ----------------------------------------------------------------------------
class CaseStepForm(BootstrapForm):
    """A form of the case page. `version` is the case version the user saw (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, page: CasePage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        if not self.is_bound:
            self.initial["version"] = page.case.version
        self.setup(page)
        self._style()

    def setup(self, page: CasePage) -> None:
        """Fill the choices from what the page holds."""


def _today() -> dt.date:
    return timezone.localdate()


def _now() -> dt.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class FilingDecisionForm(CaseStepForm):
    decision = forms.ChoiceField(label="审批意见", widget=forms.RadioSelect, initial="approve",
                                 choices=[("approve", "同意立案"), ("reject", "不予立案")])
    reason = text_field("意见或理由", rows=2, required=False, help_text="不予立案的，须写明理由")


class DismissForm(CaseStepForm):
    reason = text_field("撤销立案的理由", rows=2)


class RecordForm(CaseStepForm):
    """询问笔录 or 现场检查（勘验）笔录 as a structured form."""

    kind = forms.ChoiceField(label="笔录类型", choices=[(Record.Kind.INQUIRY, Record.Kind.INQUIRY.label),
                                                         (Record.Kind.INSPECTION, Record.Kind.INSPECTION.label)])
    place = text_field("地点", max_length=_max_length(Record, "place"))
    started_at = datetime_field("开始时间")
    ended_at = datetime_field("结束时间")
    subject = text_field("被询问人 / 在场人", max_length=_max_length(Record, "subject"), required=False)
    content = text_field("笔录内容", rows=6, placeholder="问：……\n答：……")
    officers: MultiPickField[Officer] = MultiPickField(label="执法人员（不少于两人）",
                                                       error_messages={"required": "请选择参加的执法人员。"})
    signed_by_subject = forms.BooleanField(label="被询问人（在场人）已逐页签名确认", required=False)

    def setup(self, page: CasePage) -> None:
        field: MultiPickField[Officer] = self.fields["officers"]  # type: ignore[assignment]
        field.set_objects(page.acting_officers, lambda o: o.name)
        if not self.is_bound:
            self.initial.update(officers=list(field.objects), started_at=_now(), ended_at=_now())

    def record_data(self) -> RecordData:
        data = self.cleaned_data
        return RecordData(kind=data["kind"], place=data["place"], started_at=data["started_at"],
                          ended_at=data["ended_at"], content=data["content"], officers=data["officers"],
                          subject=data["subject"], signed_by_subject=data["signed_by_subject"])


class EvidenceForm(CaseStepForm):
    kind = forms.ChoiceField(label="证据类型", choices=Evidence.Kind.choices, initial=Evidence.Kind.PHOTO)
    title = text_field("证据名称", max_length=_max_length(Evidence, "title"), placeholder="如：现场照片（占道情况）")
    file = forms.FileField(label="文件", help_text="照片、录音、视频、PDF 或 Office 文档，单个不超过 200 MB；按文件内容核验类型",
                           widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
                           error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"})
    collected_at = datetime_field("取证时间")
    how = text_field("取证方式", max_length=_max_length(Evidence, "how"), required=False,
                     placeholder="如：执法记录仪拍摄、当事人提供、调取")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["collected_at"] = _now()


class RecordingForm(CaseStepForm):
    """音像记录 (全过程记录): device, officers, start and end, what was recorded, and the file if uploaded."""

    device = text_field("记录设备", max_length=100, placeholder="如：执法记录仪 DSJ-0123")
    what = text_field("记录事项", max_length=200, placeholder="如：现场检查全过程")
    started_at = datetime_field("开始时间")
    ended_at = datetime_field("结束时间")
    officers: MultiPickField[Officer] = MultiPickField(label="执法人员", required=False)
    evidence: PickField[Evidence] = PickField(label="音像文件（已作为证据上传的）", required=False)

    def setup(self, page: CasePage) -> None:
        officers: MultiPickField[Officer] = self.fields["officers"]  # type: ignore[assignment]
        officers.set_objects(page.acting_officers, lambda o: o.name)
        files: PickField[Evidence] = self.fields["evidence"]  # type: ignore[assignment]
        files.set_objects(page.av_evidence, lambda e: f"{e.title}（{e.original_name}）", empty="（暂未上传）")
        if not self.is_bound:
            self.initial.update(officers=list(officers.objects), started_at=_now(), ended_at=_now())

    def recording_data(self) -> RecordingData:
        data = self.cleaned_data
        return RecordingData(device=data["device"], started_at=data["started_at"], ended_at=data["ended_at"],
                             what=data["what"], officers=data["officers"], evidence=data["evidence"])


class PreservationForm(CaseStepForm):
    """Asked of a bureau leader, who approves it on the case page (art. 56)."""

    items = text_field("保存物品清单", rows=3)
    place = text_field("保存地点", max_length=200)
    started_on = date_field("保存日期")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["started_on"] = _today()


class PreservationDecideForm(CaseStepForm):
    preservation: PickField[Any] = PickField(label="先行登记保存")
    outcome = text_field("处理决定", max_length=200, placeholder="如：解除保存，退还当事人；予以没收")

    def setup(self, page: CasePage) -> None:
        field: PickField[Any] = self.fields["preservation"]  # type: ignore[assignment]
        field.set_objects(page.open_preservations, lambda p: f"{p.started_on} {p.items[:30]}（期限 {p.decision_due}）")


class SeizureForm(CaseStepForm):
    kind = forms.ChoiceField(label="措施", choices=Seizure.Kind.choices)
    items = text_field("财物清单", rows=3)
    started_on = date_field("实施日期")
    days = forms.IntegerField(label="期限（日）", min_value=1, max_value=30, initial=30,
                              help_text="不得超过 30 日（《行政强制法》第二十五条）")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["started_on"] = _today()


class SeizureExtendForm(CaseStepForm):
    seizure: PickField[Seizure] = PickField(label="查封、扣押")
    days = forms.IntegerField(label="延长（日）", min_value=1, max_value=30, initial=30,
                              help_text="只能延长一次，不超过 30 日")
    reason = text_field("延长理由", rows=2)

    def setup(self, page: CasePage) -> None:
        seizures: PickField[Seizure] = self.fields["seizure"]  # type: ignore[assignment]
        seizures.set_objects(page.extendable_seizures, lambda s: f"{s.get_kind_display()} {s.items[:30]}（至 {s.ends_on}）")


class SeizureReleaseForm(CaseStepForm):
    seizure: PickField[Seizure] = PickField(label="查封、扣押")
    released_on = date_field("解除日期")
    reason = text_field("解除理由", rows=2, help_text="如：已作出处理决定、不再需要查封扣押、期限届满")

    def setup(self, page: CasePage) -> None:
        seizures: PickField[Seizure] = self.fields["seizure"]  # type: ignore[assignment]
        seizures.set_objects(page.held_seizures, lambda s: f"{s.get_kind_display()} {s.items[:30]}（至 {s.ends_on}）")


class ReportForm(CaseStepForm):
    """调查终结报告: the facts found, the circumstances the discretion standard weighs, and the proposal."""

    facts_found = text_field("调查认定的事实", rows=4)
    outcome = forms.ChoiceField(label="处理意见", choices=InvestigationReport.Outcome.choices,
                                initial=InvestigationReport.Outcome.PENALTY)
    warning = forms.BooleanField(label="警告", required=False)
    fine_yuan = yuan_field("罚款（元）", help_text="如 300 或 1500.50")
    confiscation = text_field("没收", max_length=200, required=False)
    other_penalty = text_field("其他处罚", max_length=200, required=False)
    level = forms.ChoiceField(label="违法情节", required=False,
                              choices=[("", "按危害后果推断"), *DiscretionStep.Level.choices])
    harm = forms.ChoiceField(label="危害后果", choices=Harm.choices, initial=Harm.GENERAL)
    first_violation = forms.BooleanField(label="初次违法", required=False)
    corrected_in_time = forms.BooleanField(label="及时改正", required=False)
    minor_violation = forms.BooleanField(label="违法行为轻微", required=False)
    no_fault = forms.BooleanField(label="有证据足以证明没有主观过错", required=False)
    mitigating = forms.MultipleChoiceField(label="从轻、减轻情节", required=False, choices=list(MITIGATING.items()),
                                           widget=forms.CheckboxSelectMultiple)
    aggravating = forms.MultipleChoiceField(label="从重情节", required=False, choices=list(AGGRAVATING.items()),
                                            widget=forms.CheckboxSelectMultiple)
    deviation_reason = text_field("偏离裁量基准的理由", rows=2, required=False,
                                  help_text="处理意见不在裁量基准建议范围内的，须书面说明理由（并提交法制审核）")

    def setup(self, page: CasePage) -> None:
        report = page.latest_report if page.report_round_open else None
        if report is not None and not self.is_bound:
            facts = report.facts_json or {}
            self.initial.update(
                facts_found=report.facts_found, outcome=report.outcome, warning=report.warning,
                fine_yuan=fen_to_yuan(report.fine_fen) if report.fine_fen else "",
                confiscation=report.confiscation, other_penalty=report.other_penalty,
                deviation_reason=report.deviation_reason, level=facts.get("level") or "",
                harm=facts.get("harm", Harm.GENERAL), first_violation=facts.get("first_violation", False),
                corrected_in_time=facts.get("corrected_in_time", False),
                minor_violation=facts.get("minor_violation", False), no_fault=facts.get("no_fault", False),
                mitigating=list(facts.get("mitigating", [])), aggravating=list(facts.get("aggravating", [])),
            )

    def clean_fine_yuan(self) -> int | None:
        return fen_of(self.cleaned_data["fine_yuan"], label="罚款")

    def report_data(self) -> ReportData:
        data = self.cleaned_data
        facts = CaseFacts(
            first_violation=data["first_violation"], corrected_in_time=data["corrected_in_time"], harm=data["harm"],
            no_fault=data["no_fault"], minor_violation=data["minor_violation"], level=data["level"] or None,
            mitigating=tuple(data["mitigating"]), aggravating=tuple(data["aggravating"]),
        )
        return ReportData(
            facts_found=data["facts_found"], outcome=data["outcome"], facts=facts, warning=data["warning"],
            fine_fen=data["fine_yuan"], confiscation=data["confiscation"], other_penalty=data["other_penalty"],
            deviation_reason=data["deviation_reason"],
        )


class ConfirmForm(CaseStepForm):
    """A step that needs nothing but the user's confirmation (and the version they saw)."""


class ReviewForm(CaseStepForm):
    decision = forms.ChoiceField(label="审核结论", widget=forms.RadioSelect, initial="approved",
                                 choices=[("approved", "通过"), ("returned", "退回补正"), ("rejected", "不通过")])
    opinion = text_field("意见", rows=3, required=False, help_text="退回或不通过的，须写明理由和需补正的事项")


class DiscussionForm(CaseStepForm):
    """集体讨论 (art. 57): who took part, what each said, and the conclusion."""

    held_at = datetime_field("讨论时间")
    place = text_field("地点", max_length=200)
    participants: MultiPickField[User] = MultiPickField(label="参加人员", help_text="须有两名以上局领导参加",
                                                        error_messages={"required": "请选择参加人员。"})
    opinions = text_field("各参加人员意见", rows=4, required=False, help_text="每行一人，写成“姓名：意见”",
                          placeholder="王局长：同意\n李副局长：同意")
    conclusion = text_field("讨论结论", rows=2)
    approved = forms.ChoiceField(label="结论", widget=forms.RadioSelect, initial="yes",
                                 choices=[("yes", "同意拟处理意见"), ("no", "不同意，退回")])

    def setup(self, page: CasePage) -> None:
        field: MultiPickField[User] = self.fields["participants"]  # type: ignore[assignment]
        field.set_objects(page.participants, user_label)
        if not self.is_bound:
            self.initial["held_at"] = _now()

    def clean_opinions(self) -> list[dict[str, str]]:
        opinions = []
        for line in (self.cleaned_data["opinions"] or "").splitlines():
            if not line.strip():
                continue
            name, _, opinion = line.replace(":", "：").partition("：")
            if not opinion.strip():
                raise forms.ValidationError(f"“{line.strip()[:20]}”应写成“姓名：意见”。")
            opinions.append({"name": name.strip(), "opinion": opinion.strip()})
        return opinions


class NoticeForm(CaseStepForm):
    served_on = date_field("送达日期", help_text="陈述申辩（及听证申请）期限自送达次日起算")
    reasons = text_field("理由及依据", rows=2, required=False, help_text="留空则引用裁量建议中的法律依据")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["served_on"] = _today()


class StatementForm(CaseStepForm):
    received_on = date_field("收到日期")
    content = text_field("陈述申辩内容", rows=3)
    adopted = forms.BooleanField(label="意见予以采纳", required=False)
    response = text_field("复核意见", rows=2, required=False,
                          help_text="不得因当事人陈述、申辩而给予更重的处罚（第四十五条）")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["received_on"] = _today()


class WaiveForm(CaseStepForm):
    waived_on = date_field("书面放弃日期")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["waived_on"] = _today()


class HearingRequestForm(CaseStepForm):
    requested_on = date_field("申请日期", help_text="告知后五个工作日内提出（第六十四条）")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["requested_on"] = _today()


class HearingScheduleForm(CaseStepForm):
    presiding: PickField[User] = PickField(label="听证主持人", help_text="由未参与本案调查的人员主持（第六十四条第四项）",
                                           error_messages={"required": "请选择听证主持人。"})
    scheduled_on = date_field("听证日期", help_text="应当在举行听证的七个工作日前通知当事人")
    place = text_field("听证地点", max_length=_max_length(Hearing, "place"))
    notice_served_on = date_field("听证通知送达日期")
    representatives = text_field("委托代理人", max_length=_max_length(Hearing, "representatives"), required=False,
                                 help_text="一至二人，用“、”分隔")

    def setup(self, page: CasePage) -> None:
        field: PickField[User] = self.fields["presiding"]  # type: ignore[assignment]
        field.set_objects(page.presiders, user_label)
        if not self.is_bound:
            self.initial["notice_served_on"] = _today()


class HearingResultForm(CaseStepForm):
    result = forms.ChoiceField(label="听证结果", widget=forms.RadioSelect, initial="held", choices=[
        ("held", "听证已举行"), (Hearing.Outcome.WITHDRAWN, Hearing.Outcome.WITHDRAWN.label),
        (Hearing.Outcome.WAIVED, Hearing.Outcome.WAIVED.label)])
    on = date_field("日期")
    transcript = text_field("听证笔录摘要", rows=3, required=False)
    opinion = text_field("听证主持人意见", rows=2, required=False)

    def setup(self, page: CasePage) -> None:
        hearing = page.pending_hearing
        if not self.is_bound:
            self.initial["on"] = hearing.scheduled_on if hearing and hearing.scheduled_on else _today()


class DecideForm(CaseStepForm):
    """处罚决定: the penalty defaults to the notice's; it may be lighter, never heavier (art. 45)."""

    warning = forms.BooleanField(label="警告", required=False)
    fine_yuan = yuan_field("罚款（元）", help_text="默认为事先告知的金额；不得高于告知的处罚")
    reasons = text_field("理由", rows=2, required=False, help_text="留空则沿用事先告知的理由及依据")

    def setup(self, page: CasePage) -> None:
        notice = page.latest_notice
        if notice is not None and not self.is_bound:
            self.initial.update(warning=notice.warning, fine_yuan=fen_to_yuan(notice.fine_fen) if notice.fine_fen else "")

    def clean_fine_yuan(self) -> int | None:
        return fen_of(self.cleaned_data["fine_yuan"], label="罚款")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        notice = self.page.latest_notice
        other = notice.other_penalty if notice is not None else ""
        if "fine_yuan" in data and not (data.get("warning") or data["fine_yuan"] or other):
            self.add_error("fine_yuan", "请填写处罚内容（警告或罚款）；不予处罚的，应当作出不予行政处罚决定。")
        return data


class NotPunishedForm(CaseStepForm):
    reasons = text_field("理由", rows=2, required=False, help_text="留空则沿用调查终结报告的处理意见")


class ExtensionForm(CaseStepForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=365, initial=30,
                              help_text="经局领导批准延长 30 日；超过 30 日的须经集体讨论")
    reason = text_field("延长理由", rows=2)


class MeasureDecideForm(CaseStepForm):
    """A bureau leader decides a requested preservation, seizure or extension (办审分离)."""

    approval: PickField[Approval] = PickField(label="待审批的申请", error_messages={"required": "请选择要审批的申请。"})
    decision = forms.ChoiceField(label="审批意见", widget=forms.RadioSelect, initial="approved",
                                 choices=[("approved", "同意"), ("rejected", "不同意")])
    opinion = text_field("意见", rows=2, required=False, help_text="不同意的，须写明理由")

    def setup(self, page: CasePage) -> None:
        field: PickField[Approval] = self.fields["approval"]  # type: ignore[assignment]
        field.set_objects(page.pending_measures, lambda a: f"{a.get_kind_display()}：{a.payload.get('summary', '')}"
                                                           f"（{a.requested_by.display_name} {a.requested_at:%m-%d %H:%M} 报请）")


class OfficerAddForm(CaseStepForm):
    officer: PickField[Officer] = PickField(label="执法人员", error_messages={"required": "请选择执法人员。"})
    role = forms.ChoiceField(label="分工", choices=[(CaseOfficer.Role.CO, CaseOfficer.Role.CO.label),
                                                   (CaseOfficer.Role.LEAD, CaseOfficer.Role.LEAD.label)])

    def setup(self, page: CasePage) -> None:
        field: PickField[Officer] = self.fields["officer"]  # type: ignore[assignment]
        field.set_objects(page.assignable_officers, officer_label)


class RecuseForm(CaseStepForm):
    officer: PickField[Officer] = PickField(label="回避人员", error_messages={"required": "请选择回避的人员。"})
    reason = text_field("回避理由", rows=2, placeholder="如：与当事人有近亲属关系")

    def setup(self, page: CasePage) -> None:
        field: PickField[Officer] = self.fields["officer"]  # type: ignore[assignment]
        field.set_objects(page.acting_officers, lambda o: o.name)


# --- after the decision (case handling part 2) ----------------------------------------------------------------
def _evidence_label(evidence: Evidence) -> str:
    return f"{evidence.title}（{evidence.get_kind_display()}，{evidence.created_at:%Y-%m-%d}）"


class ServeForm(CaseStepForm):
    """送达 of the decision (art. 61)."""

    method = forms.ChoiceField(label="送达方式", choices=Service.Method.choices, initial=Service.Method.DIRECT)
    served_on = date_field("送达日期")
    receiver = text_field("受送达人 / 签收人", max_length=100)
    witnesses = text_field("见证人", max_length=200, required=False, help_text="留置送达须填写见证人")
    address = text_field("送达地址 / 电子地址", max_length=200, required=False)
    proof: PickField[Evidence] = PickField(label="送达回证（已上传的扫描件）", required=False)
    consent: PickField[Evidence] = PickField(label="电子送达确认书（当事人签署）", required=False,
                                             help_text="电子送达须当事人书面同意；请先在“上传证据”中上传")

    def setup(self, page: CasePage) -> None:
        documents = [e for e in page.case.evidence.all() if e.kind in (Evidence.Kind.DOCUMENT, Evidence.Kind.PHOTO)]
        for name in ("proof", "consent"):
            field: PickField[Evidence] = self.fields[name]  # type: ignore[assignment]
            field.set_objects(documents, _evidence_label)
        if not self.is_bound:
            self.initial["served_on"] = _today()
            party = next(iter(page.case.parties.all()), None)
            if party is not None:
                self.initial.update(receiver=party.name, address=party.address)


class PaymentForm(CaseStepForm):
    kind = forms.ChoiceField(label="款项", choices=Payment.Kind.choices, initial=Payment.Kind.FINE)
    amount_yuan = yuan_field("金额（元）", required=True)
    paid_on = date_field("缴纳日期")
    receipt_number = text_field("银行缴款凭证号", max_length=60)
    bank = text_field("代收银行", max_length=100, required=False)

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["paid_on"] = _today()
            if page.performance is not None and page.performance.unpaid_fine_fen:
                self.initial["amount_yuan"] = fen_to_yuan(page.performance.unpaid_fine_fen)

    def clean_amount_yuan(self) -> int | None:
        return fen_of(self.cleaned_data["amount_yuan"], label="金额")


class PaymentPlanForm(CaseStepForm):
    """暂缓或分期 (art. 66): one line per instalment, "日期 金额"."""

    kind = forms.ChoiceField(label="方式", choices=PaymentPlan.Kind.choices, widget=forms.RadioSelect,
                             initial=PaymentPlan.Kind.INSTALMENTS)
    instalments = text_field("缴纳日期和金额", rows=3, placeholder="2026-12-31 500\n2027-01-31 500",
                             help_text="每行一期：日期（年-月-日）和金额（元），各期之和等于未缴罚款")
    reason = text_field("当事人申请理由", rows=2)

    def clean_instalments(self) -> list[tuple[dt.date, int]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.replace("，", " ").replace(",", " ").split()
            if len(parts) != 2:
                raise forms.ValidationError(f"第{number}行应为“日期 金额”，如 2026-12-31 500。")
            try:
                day = dt.date.fromisoformat(parts[0])
            except ValueError:
                raise forms.ValidationError(f"第{number}行的日期“{parts[0]}”无法识别，请写成 2026-12-31。") from None
            fen = fen_of(parts[1], label=f"第{number}行的金额")
            rows.append((day, fen or 0))
        if not rows:
            raise forms.ValidationError("请至少填写一期。")
        return rows


class RemedyForm(CaseStepForm):
    kind = forms.ChoiceField(label="类型", choices=Remedy.Kind.choices)
    filed_on = date_field("申请 / 起诉日期")
    body = text_field("复议机关 / 人民法院", max_length=100)


class RemedyOutcomeForm(CaseStepForm):
    remedy: PickField[Remedy] = PickField(label="复议或诉讼")
    outcome = forms.ChoiceField(label="结果", choices=[c for c in Remedy.Outcome.choices if c[0] != "pending"])
    outcome_on = date_field("结果日期")
    note = text_field("说明", rows=2, required=False)

    def setup(self, page: CasePage) -> None:
        field: PickField[Remedy] = self.fields["remedy"]  # type: ignore[assignment]
        field.set_objects(page.pending_remedies, lambda r: f"{r.get_kind_display()} {r.body}（{r.filed_on}）")


class CourtReminderForm(CaseStepForm):
    served_on = date_field("催告书送达日期")
    text = text_field("催告内容", rows=3, help_text="履行期限、方式、金额及当事人陈述申辩的权利（《行政强制法》第三十五条）",
                      placeholder="限于收到本催告书之日起十日内缴纳罚款及加处罚款……")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["served_on"] = _today()


class CourtApplyForm(CaseStepForm):
    applied_on = date_field("申请日期")
    court = text_field("人民法院", max_length=100)

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["applied_on"] = _today()


class CourtResultForm(CaseStepForm):
    accepted_on = date_field("法院受理日期", required=False)
    ruling = forms.ChoiceField(label="裁定", required=False,
                               choices=[("", "（尚未裁定）"), *CourtEnforcement.Ruling.choices])
    ruled_on = date_field("裁定日期", required=False)
    result = text_field("执行结果", max_length=200, required=False)
    result_on = date_field("执行结果日期", required=False)


class ClosingForm(CaseStepForm):
    reason = forms.ChoiceField(label="结案情形", choices=list(CLOSING_REASONS.items()))
    note = text_field("事实和依据", rows=2, required=False, help_text="当事人死亡、终止或其他情形须写明具体事实")


class TransferForm(CaseStepForm):
    kind = forms.ChoiceField(label="类型", choices=Transfer.Kind.choices)
    to_body = text_field("接收机关", max_length=100, placeholder="如：示范区公安分局")
    reported_on = date_field("报告日期")
    facts = text_field("移送理由与涉嫌事实", rows=2)

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["reported_on"] = _today()


class TransferSendForm(CaseStepForm):
    transfer: PickField[Transfer] = PickField(label="已批准的移送")
    transferred_at = datetime_field("移送时间")

    def setup(self, page: CasePage) -> None:
        field: PickField[Transfer] = self.fields["transfer"]  # type: ignore[assignment]
        field.set_objects(page.transfers_to_send, lambda t: f"移送{t.to_body}（{t.reported_on} 报告）")
        if not self.is_bound:
            self.initial["transferred_at"] = _now()


class TransferAnswerForm(CaseStepForm):
    transfer: PickField[Transfer] = PickField(label="移送")
    answer = forms.ChoiceField(label="答复", choices=[(Transfer.Answer.ACCEPTED, Transfer.Answer.ACCEPTED.label),
                                                    (Transfer.Answer.REFUSED, Transfer.Answer.REFUSED.label)])
    answer_on = date_field("答复日期")
    reasons = text_field("理由", rows=2, required=False, help_text="不予立案或退回的，须登记理由")

    def setup(self, page: CasePage) -> None:
        field: PickField[Transfer] = self.fields["transfer"]  # type: ignore[assignment]
        field.set_objects(page.transfers_awaiting_answer, lambda t: f"{t.to_body}（{t.transferred_at:%Y-%m-%d} 移送）")


class SharingLetterForm(CaseStepForm):
    to_department = text_field("接收部门", max_length=100, placeholder="如：示范区市场监督管理局")
    subject = text_field("事由", max_length=200)
    sent_on = date_field("发函日期")

    def setup(self, page: CasePage) -> None:
        if not self.is_bound:
            self.initial["sent_on"] = _today()
