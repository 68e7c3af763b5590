"""Forms of the catalog screens. They parse what people type (dates, yuan, basis lines) into the services'
types; the rules of the catalog live in services.py and are not repeated here."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from zhifa.accounts.models import Township
from zhifa.accounts.selectors import townships_assignable
from zhifa.catalog.discretion import AGGRAVATING, MITIGATING, CaseFacts, Harm
from zhifa.catalog.models import (
    Category,
    DiscretionStep,
    EnforcementMatter,
    Exemption,
    LegalBasis,
    MatterChange,
    PenaltyKind,
)
from zhifa.catalog.selectors import MatterFilters, matter_list
from zhifa.catalog.services import BasisData, ChangeRecord, MatterData, PenaltyData, StepData
from zhifa.lib.errors import DomainError
from zhifa.lib.money import fen_to_yuan, yuan_to_fen

if TYPE_CHECKING:
    from zhifa.accounts.models import User

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
BAD_DATE = "日期格式不对，请写成 2024-07-01 的形式。"


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": BAD_DATE, "required": f"请填写{label}。"},
    )


def _text(label: str, *, max_length: int | None = None, required: bool = False, rows: int = 0,
          help_text: str = "") -> forms.CharField:
    widget: forms.Widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget,
                           help_text=help_text, error_messages={"required": f"请填写{label}。"})


def _max_length(model: type[Any], name: str) -> int:
    return int(model._meta.get_field(name).max_length or 0)


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget, so templates stay free of per-field markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def domain_error_to_forms(error: DomainError, *candidates: forms.Form) -> None:
    """A service's DomainError on the first form that has its field; else on the first form as a whole."""
    for form in candidates:
        if error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
            return
    candidates[0].add_error(None, error.message)


def yuan_field_to_fen(value: str, *, label: str) -> int | None:
    """'' → None; '2000' / '1,500.5' / '３０００元' → fen; anything else a ValidationError in Chinese."""
    if not value.strip():
        return None
    try:
        return yuan_to_fen(value)
    except DomainError as exc:
        raise forms.ValidationError(f"{label}：{exc.message}") from None


# --- legal bases typed as lines ------------------------------------------------------------------------
_NUMERAL = "〇零一二两三四五六七八九十百千0-9０-９"
# 《城市道路管理条例》第四十二条第一款第（三）项：条文 — the law may also be written without 《》.
_BASIS_LINE = re.compile(
    rf"^(?:《(?P<law>[^《》]+)》|(?P<bare>[^《》：:]*?))\s*"
    rf"(?P<article>第[{_NUMERAL}]+条(?:之[{_NUMERAL}]+)?)"
    rf"(?P<clause>[^：:]*?)\s*(?:[：:]\s*(?P<text>.*))?$",
    re.S,
)
# What may stand between the article and the colon: 第一款, 第（三）项, 第一款第(二)项、第二款 …
_CLAUSE = re.compile(rf"^(?:[、，,和及与]?第[（(]?[{_NUMERAL}]+[)）]?[款项目])*$")
# Numbering people put in front of each basis in a cell: "1.", "2、", "（3）", "①".
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[)）]|[①-⑳])\s*")
# In one cell several bases may be separated by "；" — but only where a new citation starts, because the
# article text itself is full of "；".
_NEXT_CITATION = re.compile(rf"[；;]\s*(?=(?:\d{{1,2}}\s*[.、．]\s*)?《[^《》]+》\s*第[{_NUMERAL}]+条)")
BASIS_FORMAT = "《法律名称》第X条第Y款：条文"


def basis_lines_parse(text: str) -> tuple[list[BasisData], list[str]]:
    """Parse bases written one per line as `《法律名称》第X条第Y款：条文` (the clause and the text optional).

    Returns the bases and, for lines that could not be read, messages in Chinese naming the line."""
    bases: list[BasisData] = []
    errors: list[str] = []
    pieces = [piece for line in (text or "").splitlines() for piece in _NEXT_CITATION.split(line)]
    number = 0
    for piece in pieces:
        line = _LIST_MARK.sub("", piece).strip()
        if not line:
            continue
        number += 1
        basis, error = _basis_line(line)
        if error:
            errors.append(f"第 {number} 条依据“{_shorten(line)}”{error}")
        elif basis is not None:
            bases.append(basis)
    return bases, errors


def _shorten(line: str, limit: int = 24) -> str:
    return line if len(line) <= limit else line[:limit] + "…"


def _basis_line(line: str) -> tuple[BasisData | None, str]:
    match = _BASIS_LINE.match(line)
    if match is None:
        return None, f"无法识别：请写成 {BASIS_FORMAT}，例如《城市道路管理条例》第四十二条：……"
    law = (match["law"] or match["bare"] or "").strip()
    article = match["article"]
    clause = re.sub(r"\s+", "", match["clause"] or "")
    text = (match["text"] or "").strip()
    if not law:
        return None, "缺少法律法规名称，请写在书名号《》中。"
    if not _CLAUSE.match(clause):
        return None, f"中“{clause}”不是款、项（如“第一款”“第（三）项”），条文请写在冒号“：”之后。"
    limits = (("法律法规名称", law, _max_length(LegalBasis, "law")),
              ("条", article, _max_length(LegalBasis, "article")),
              ("款项", clause, _max_length(LegalBasis, "clause")))
    for label, value, limit in limits:
        if len(value) > limit:
            return None, f"的{label}超过 {limit} 个字，请核对。"
    return BasisData(law=law, article=article, clause=clause, text=text), ""


def basis_lines(bases: list[LegalBasis]) -> str:
    """The inverse of basis_lines_parse: what the edit form and the Excel export show."""
    return "\n".join(basis_line(basis) for basis in bases)


def basis_line(basis: LegalBasis) -> str:
    text = re.sub(r"\s*[\r\n]+\s*", " ", basis.text or "").strip()
    return f"《{basis.law}》{basis.article}{basis.clause}" + (f"：{text}" if text else "")


# --- the list's filters -------------------------------------------------------------------------------
class MatterFilterForm(BootstrapForm):
    q = _text("搜索", max_length=100, help_text="事项名称、编码、依据或处罚内容中的词，如：占道、罚款；多个词用空格分开")
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *Category.choices])
    as_of = _date_field("查询日期", required=False, help_text="留空为当前目录")
    include_removed = forms.BooleanField(label="含已取消", required=False)
    delegated_only = forms.BooleanField(label="仅已下放", required=False)

    def filters(self) -> MatterFilters:
        """The valid parts of the query (a bad date is reported and ignored, never a 500)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return MatterFilters(
            query=data.get("q", ""), category=data.get("category", ""), as_of=data.get("as_of"),
            include_removed=bool(data.get("include_removed")), delegated_only=bool(data.get("delegated_only")),
        )


class CountsForm(BootstrapForm):
    date = _date_field("统计日期", required=False)
    compare_to = _date_field("对比日期", required=False, help_text="可选：与另一日期并列比较")

    def days(self) -> tuple[dt.date, dt.date | None]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("date") or timezone.localdate(), data.get("compare_to")


# --- the change record every catalog change carries ---------------------------------------------------
class ChangeRecordForm(BootstrapForm):
    """Why the catalog changes: effective date and the decision document (the service requires its number)."""

    date = _date_field("生效日期")
    document_number = _text("依据文件文号", max_length=_max_length(MatterChange, "document_number"),
                            help_text="必填，如：红政办发〔2024〕12号")
    document_date = _date_field("文件日期", required=False)
    reason = _text("变动原因", rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["document_number"].widget.attrs["required"] = "required"

    def change_record(self) -> ChangeRecord:
        data = self.cleaned_data
        return ChangeRecord(date=data["date"], document_number=data["document_number"], reason=data["reason"],
                            document_date=data["document_date"])


# --- a matter ------------------------------------------------------------------------------------------
class MatterForm(BootstrapForm):
    code = _text("事项编码", max_length=_max_length(EnforcementMatter, "code"), required=True)
    name = _text("事项名称", max_length=_max_length(EnforcementMatter, "name"), required=True)
    category = forms.ChoiceField(label="事项类别", choices=[("", "请选择"), *Category.choices],
                                 error_messages={"required": "请选择事项类别。"})
    subject = _text("实施主体", max_length=_max_length(EnforcementMatter, "subject"))
    handling_unit = _text("承办机构", max_length=_max_length(EnforcementMatter, "handling_unit"))
    transferred_from = _text("原行使部门", max_length=_max_length(EnforcementMatter, "transferred_from"))
    needs_legal_review = forms.BooleanField(label="默认须法制审核", required=False)
    violation_basis = _text("违法依据", rows=4, help_text=f"每行一条：{BASIS_FORMAT}")
    penalty_basis = _text("处罚依据", rows=4, help_text=f"每行一条：{BASIS_FORMAT}")
    penalty_summary = _text("处罚种类及幅度（原文）", rows=2, help_text="如：处一万元以上十万元以下的罚款")
    note = _text("备注", rows=2)
    keywords = _text("俗称（检索词）", max_length=_max_length(EnforcementMatter, "keywords"),
                     help_text="执法人员和群众常用的说法，如：占道经营、小广告、违建；用顿号分开")

    def __init__(self, *args: Any, matter: EnforcementMatter | None = None, **kwargs: Any) -> None:
        if matter is not None and "initial" not in kwargs:
            kwargs["initial"] = matter_form_initial(matter)
        super().__init__(*args, **kwargs)
        if matter is not None:
            # The service refuses a new code (a re-coded matter is removed and added); do not offer it.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = "编码不能修改"

    def _clean_bases(self, name: str) -> list[BasisData]:
        bases, errors = basis_lines_parse(self.cleaned_data.get(name, ""))
        if errors:
            raise forms.ValidationError(errors)
        return bases

    def clean_violation_basis(self) -> list[BasisData]:
        return self._clean_bases("violation_basis")

    def clean_penalty_basis(self) -> list[BasisData]:
        return self._clean_bases("penalty_basis")

    def matter_data(self, penalties: list[PenaltyData]) -> MatterData:
        data = self.cleaned_data
        return MatterData(
            code=data["code"], name=data["name"], category=data["category"],
            violation_bases=data["violation_basis"], penalty_bases=data["penalty_basis"], penalties=penalties,
            penalty_summary=data["penalty_summary"], subject=data["subject"], handling_unit=data["handling_unit"],
            transferred_from=data["transferred_from"], needs_legal_review=data["needs_legal_review"],
            note=data["note"], keywords=data["keywords"],
        )


def matter_form_initial(matter: EnforcementMatter) -> dict[str, Any]:
    bases = list(matter.bases.all())
    return {
        "code": matter.code, "name": matter.name, "category": matter.category, "subject": matter.subject,
        "handling_unit": matter.handling_unit, "transferred_from": matter.transferred_from,
        "needs_legal_review": matter.needs_legal_review, "penalty_summary": matter.penalty_summary,
        "note": matter.note, "keywords": matter.keywords,
        "violation_basis": basis_lines([b for b in bases if b.kind == LegalBasis.Kind.VIOLATION]),
        "penalty_basis": basis_lines([b for b in bases if b.kind == LegalBasis.Kind.PENALTY]),
    }


_MULTIPLE = {"max_digits": 8, "decimal_places": 4, "min_value": Decimal(0), "required": False}


class PenaltyRowForm(BootstrapForm):
    """One penalty kind with its range: yuan for a fine, a multiple or ratio (0.05 = 百分之五) of a base."""

    kind = forms.ChoiceField(label="处罚种类", required=False, choices=[("", "—"), *PenaltyKind.Kind.choices])
    min_yuan = _text("最低（元）", max_length=20)
    max_yuan = _text("最高（元）", max_length=20)
    min_multiple = forms.DecimalField(label="最低倍数/比例", **_MULTIPLE)  # type: ignore[arg-type]
    max_multiple = forms.DecimalField(label="最高倍数/比例", **_MULTIPLE)  # type: ignore[arg-type]
    multiple_of = _text("计算基数", max_length=_max_length(PenaltyKind, "multiple_of"))
    note = _text("说明", max_length=_max_length(PenaltyKind, "note"))

    def clean_min_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["min_yuan"], label="最低罚款")

    def clean_max_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["max_yuan"], label="最高罚款")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(key) not in (None, "") for key in data if key != "kind")
        if filled and not data.get("kind"):
            raise forms.ValidationError("填写了幅度或说明，请选择处罚种类。")
        return data

    def penalty(self) -> PenaltyData | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return PenaltyData(
            kind=data["kind"], min_fen=data["min_yuan"], max_fen=data["max_yuan"],
            min_multiple=data["min_multiple"], max_multiple=data["max_multiple"],
            multiple_of=data["multiple_of"], note=data["note"],
        )


PenaltyFormSet = forms.formset_factory(PenaltyRowForm, extra=3, max_num=20, validate_max=True)


def penalty_formset(data: Any = None, *, matter: EnforcementMatter | None = None) -> Any:
    initial = [
        {
            "kind": p.kind, "min_yuan": "" if p.min_fen is None else fen_to_yuan(p.min_fen),
            "max_yuan": "" if p.max_fen is None else fen_to_yuan(p.max_fen), "min_multiple": p.min_multiple,
            "max_multiple": p.max_multiple, "multiple_of": p.multiple_of, "note": p.note,
        }
        for p in (matter.penalties.all() if matter is not None else [])
    ]
    return PenaltyFormSet(data, initial=initial, prefix="penalty")


def formset_penalties(formset: Any) -> list[PenaltyData]:
    return [penalty for form in formset.forms if (penalty := form.penalty()) is not None]


# --- the discretion ladder ----------------------------------------------------------------------------
class StepForm(BootstrapForm):
    level = forms.ChoiceField(choices=DiscretionStep.Level.choices, widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="处罚结果", required=False,
                                choices=[("", "不设此档"), *DiscretionStep.Outcome.choices])
    facts = _text("情节描述", rows=2)
    min_yuan = _text("最低罚款（元）", max_length=20)
    max_yuan = _text("最高罚款（元）", max_length=20)
    min_multiple = forms.DecimalField(label="最低倍数/比例", **_MULTIPLE)  # type: ignore[arg-type]
    max_multiple = forms.DecimalField(label="最高倍数/比例", **_MULTIPLE)  # type: ignore[arg-type]
    source = _text("来源文件", max_length=_max_length(DiscretionStep, "source"))

    @property
    def level_label(self) -> str:
        value = self["level"].value()
        return DiscretionStep.Level(value).label if value in DiscretionStep.Level.values else ""

    def clean_min_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["min_yuan"], label="最低罚款")

    def clean_max_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["max_yuan"], label="最高罚款")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") and not (data.get("facts") or "").strip():
            self.add_error("facts", "请填写本档的情节描述：哪些事实使案件落在这一档。")
        return data

    def step(self) -> StepData | None:
        data = self.cleaned_data
        if not data.get("outcome"):
            return None
        return StepData(
            level=data["level"], facts=data["facts"].strip(), outcome=data["outcome"], min_fen=data["min_yuan"],
            max_fen=data["max_yuan"], min_multiple=data["min_multiple"], max_multiple=data["max_multiple"],
            source=data["source"],
        )


StepFormSet = forms.formset_factory(StepForm, extra=0, min_num=4, max_num=4, validate_min=True, validate_max=True)


def step_formset(data: Any = None, *, matter: EnforcementMatter) -> Any:
    """Always the four steps 轻微 / 一般 / 较重 / 严重, filled from the matter's standard."""
    existing = {step.level: step for step in matter.discretion_steps.all()}
    initial = []
    for level in DiscretionStep.Level.values:
        step = existing.get(level)
        row: dict[str, Any] = {"level": level}
        if step is not None:
            row.update(
                outcome=step.outcome, facts=step.facts, source=step.source,
                min_yuan="" if step.min_fen is None else fen_to_yuan(step.min_fen),
                max_yuan="" if step.max_fen is None else fen_to_yuan(step.max_fen),
                min_multiple=step.min_multiple, max_multiple=step.max_multiple,
            )
        initial.append(row)
    return StepFormSet(data, initial=initial, prefix="step")


def formset_steps(formset: Any) -> list[StepData]:
    return [step for form in formset.forms if (step := form.step()) is not None]


class ExemptionForm(BootstrapForm):
    kind = forms.ChoiceField(label="清单类型", choices=Exemption.Kind.choices)
    conditions = _text("适用条件", rows=3)
    source = _text("来源文件", max_length=_max_length(Exemption, "source"), help_text="如：红山区市容环境卫生领域轻微违法行为不予处罚清单")


# --- the recommendation tool ---------------------------------------------------------------------------
class RecommendationForm(BootstrapForm):
    """The facts of a case the recommendation weighs (行政处罚法 art. 32, 33, 34) and an optional proposal."""

    first_violation = forms.BooleanField(label="初次违法", required=False)
    corrected_in_time = forms.BooleanField(label="及时改正", required=False)
    harm = forms.ChoiceField(label="危害后果", choices=Harm.choices, initial=Harm.GENERAL)
    no_fault = forms.BooleanField(label="有证据足以证明没有主观过错", required=False)
    minor_violation = forms.BooleanField(label="违法行为轻微", required=False)
    level = forms.ChoiceField(label="违法情节", required=False,
                              choices=[("", "按危害后果推断"), *DiscretionStep.Level.choices])
    mitigating = forms.MultipleChoiceField(label="从轻、减轻情节", required=False, choices=list(MITIGATING.items()),
                                           widget=forms.CheckboxSelectMultiple)
    aggravating = forms.MultipleChoiceField(label="从重情节", required=False, choices=list(AGGRAVATING.items()),
                                            widget=forms.CheckboxSelectMultiple)
    proposed_yuan = _text("拟罚款金额（元）", max_length=20, help_text="可选：核对是否在建议幅度内")
    proposed_multiple = forms.DecimalField(label="拟罚款倍数/比例", help_text="可选：按倍数或比例罚款的事项",
                                           **_MULTIPLE)  # type: ignore[arg-type]

    def clean_proposed_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["proposed_yuan"], label="拟罚款金额")

    def facts(self) -> CaseFacts:
        data = self.cleaned_data
        return CaseFacts(
            first_violation=data["first_violation"], corrected_in_time=data["corrected_in_time"],
            harm=data["harm"], no_fault=data["no_fault"], minor_violation=data["minor_violation"],
            level=data["level"] or None, mitigating=tuple(data["mitigating"]),
            aggravating=tuple(data["aggravating"]),
        )


# --- delegation ----------------------------------------------------------------------------------------
def dates_parse(text: str) -> tuple[list[dt.date], list[str]]:
    """Dates separated by spaces, commas or new lines; the bad ones are named."""
    days: list[dt.date] = []
    bad: list[str] = []
    for token in re.split(r"[\s,，、；;]+", text or ""):
        if not token:
            continue
        for pattern in DATE_INPUT_FORMATS:
            try:
                days.append(dt.datetime.strptime(token, pattern).date())
                break
            except ValueError:
                continue
        else:
            bad.append(token)
    return sorted(days), bad


class DelegationForm(BootstrapForm):
    number = _text("决定文号", max_length=60, required=True)
    title = _text("决定名称", max_length=200, required=True)
    date = _date_field("生效日期")
    evaluation_dates = _text("评估日期", help_text="可填多个，用逗号或空格分开，如：2025-06-30，2026-06-30（第二十四条要求定期评估）")
    townships = forms.ModelMultipleChoiceField(
        label="承接乡镇（街道）", queryset=Township.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个承接的乡镇（街道）。"},
    )
    matters = forms.ModelMultipleChoiceField(
        label="下放事项", queryset=EnforcementMatter.objects.none(), help_text="按住 Ctrl（手机上直接点选）可选多项",
        error_messages={"required": "请至少选择一项下放的执法事项。"},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        townships: Any = self.fields["townships"]
        townships.queryset = townships_assignable(user=user)
        matters: Any = self.fields["matters"]
        matters.queryset = matter_list(user=user, filters=MatterFilters())
        matters.widget.attrs["size"] = 15

    def clean_evaluation_dates(self) -> list[dt.date]:
        days, bad = dates_parse(self.cleaned_data["evaluation_dates"])
        if bad:
            raise forms.ValidationError(f"无法识别的日期：{'、'.join(bad)}。{BAD_DATE}")
        return days


class RevokeForm(BootstrapForm):
    revoked_on = _date_field("收回日期")


# --- hearing thresholds (art. 63) ---------------------------------------------------------------------
class HearingThresholdForm(BootstrapForm):
    citizen_yuan = _text("公民（元）", max_length=20, required=True, help_text="对公民罚款达到此数额，当事人有权要求听证")
    organisation_yuan = _text("法人或其他组织（元）", max_length=20, required=True)
    source = _text("依据", max_length=200, help_text="如：自治区人民政府关于行政处罚听证较大数额的规定")

    def clean_citizen_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["citizen_yuan"], label="公民")

    def clean_organisation_yuan(self) -> int | None:
        return yuan_field_to_fen(self.cleaned_data["organisation_yuan"], label="法人或其他组织")


# --- Excel import ---------------------------------------------------------------------------------------
class CatalogImportForm(ChangeRecordForm):
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "请选择要导入的文件。", "empty": "上传的文件是空的。"},
    )
    event = forms.ChoiceField(
        label="新增事项记为", initial=MatterChange.Event.ADD,
        choices=[(MatterChange.Event.ADD, "新增"), (MatterChange.Event.TRANSFER_IN, "划转承接")],
        help_text="表中新出现的事项在历史中记为“新增”或“划转承接”；已有事项按编码更新，记为“调整”",
    )
    field_order = ["file", "date", "document_number", "document_date", "reason", "event"]


class ImportConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
