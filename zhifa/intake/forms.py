"""Forms of the complaint and petition screens: they parse what people type into the services' types. The rules
live in services.py and petitions.py; a forged choice (a department of another bureau, a channel the staff
screen does not offer) is refused here or there, never trusted."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from zhifa.accounts.models import Bureau, Department, Township
from zhifa.cases.forms import BootstrapForm, date_field, text_field
from zhifa.intake.models import Complaint, ComplaintCategory, Petition
from zhifa.intake.petitions import CHANNELS
from zhifa.intake.selectors import ComplaintFilters, PetitionFilters

STAFF_CHANNELS = [(Complaint.Channel.PHONE, "来电"), (Complaint.Channel.WALK_IN, "来访")]
NOT_A_CHOICE = "所选项不在可选范围内（可能已变化），请重新选择。"


def _choice(label: str, choices: list[tuple[Any, str]], *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=required,
                             error_messages={"invalid_choice": NOT_A_CHOICE, "required": f"请选择{label}。"})


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


def _categories(bureau: Bureau | None) -> list[ComplaintCategory]:
    return list(ComplaintCategory.objects.filter(bureau=bureau, is_active=True)) if bureau else []


# --- complaints -------------------------------------------------------------------------------------------
class ComplaintFilterForm(BootstrapForm):
    q = text_field("搜索", max_length=50, required=False, placeholder="编号、地点、内容、工单号中的词")
    state = _choice("状态", [("", "全部状态"), *Complaint.State.choices], required=False)
    category = _choice("类别", [("", "全部类别")], required=False)
    department = _choice("承办部门", [("", "全部部门")], required=False)
    channel = _choice("来源渠道", [("", "全部渠道"), *Complaint.Channel.choices], required=False)
    overdue = forms.BooleanField(label="只看已超期", required=False)

    def __init__(self, *args: Any, bureau: Bureau | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "category", [("", "全部类别"), *((str(c.pk), c.name) for c in _categories(bureau))])
        departments = Department.objects.filter(bureau=bureau) if bureau else Department.objects.none()
        _choices(self, "department", [("", "全部部门"), *((str(d.pk), d.name) for d in departments)])

    def filters(self) -> ComplaintFilters:
        self.is_valid()  # an invalid value is dropped, never trusted
        data = self.cleaned_data
        return ComplaintFilters(
            state=data.get("state") or "", category=int(data["category"]) if data.get("category") else None,
            department=int(data["department"]) if data.get("department") else None,
            channel=data.get("channel") or "", overdue=bool(data.get("overdue")), text=data.get("q") or "",
        )


class ComplaintNewForm(BootstrapForm):
    """A complaint staff take by phone or at the counter."""

    channel = _choice("来源渠道", STAFF_CHANNELS)
    category = _choice("投诉类别", [])
    place = text_field("地点", max_length=200, required=False, placeholder="街道、门牌号或显著地标")
    latitude = text_field("纬度", max_length=20, required=False, placeholder="如 38.487193（可不填）")
    longitude = text_field("经度", max_length=20, required=False, placeholder="如 106.230909（可不填）")
    description = text_field("诉求内容", rows=4, max_length=4000)
    anonymous = forms.BooleanField(label="匿名（不记录投诉人信息）", required=False)
    reporter_name = text_field("投诉人姓名", max_length=50, required=False)
    reporter_phone = text_field("联系电话", max_length=20, required=False)
    reporter_email = text_field("电子邮箱", max_length=100, required=False)

    def __init__(self, *args: Any, bureau: Bureau | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {str(c.pk): c for c in _categories(bureau)}
        _choices(self, "category", [
            ("", "请选择"), *((key, f"{c.name}（{c.get_level_display()}）") for key, c in self.categories.items())
        ])

    def clean_category(self) -> ComplaintCategory:
        return self.categories[self.cleaned_data["category"]]


class DispatchForm(BootstrapForm):
    target = _choice("承办单位", [])
    note = text_field("分派意见", max_length=200, required=False)

    def __init__(self, *args: Any, bureau: Bureau, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets: dict[str, Department | Township] = {}
        for department in Department.objects.filter(bureau=bureau):
            self.targets[f"d{department.pk}"] = department
        for township in Township.objects.filter(bureau=bureau):
            self.targets[f"t{township.pk}"] = township
        _choices(self, "target", [("", "请选择部门或乡镇（街道）"), *(
            (key, ("部门：" if key[0] == "d" else "乡镇（街道）：") + target.name) for key, target in self.targets.items()
        )])

    def target_kwargs(self) -> dict[str, Any]:
        target = self.targets[self.cleaned_data["target"]]
        return {"department": target} if isinstance(target, Department) else {"township": target}


class ReplyForm(BootstrapForm):
    reply = text_field("答复内容", rows=4, max_length=4000, placeholder="核查情况、处理结果和依据")


class ReasonForm(BootstrapForm):
    reason = text_field("理由", rows=2, max_length=500)


class NoteForm(BootstrapForm):
    note = text_field("说明", max_length=200, required=False)


class RateForm(BootstrapForm):
    satisfaction = _choice("电话回访评价", list(Complaint.Satisfaction.choices))


class MergeForm(BootstrapForm):
    target = forms.IntegerField(label="并入的投诉", min_value=1, widget=forms.HiddenInput,
                                error_messages={"required": "请选择要并入的投诉。", "invalid": NOT_A_CHOICE})


class ToLeadForm(BootstrapForm):
    facts = text_field("案源基本情况", rows=3, max_length=4000, required=False,
                       help_text="留空则使用投诉的诉求内容")


# --- petitions -----------------------------------------------------------------------------------------
class PetitionFilterForm(BootstrapForm):
    q = text_field("搜索", max_length=50, required=False, placeholder="编号、事由、内容中的词")
    state = _choice("状态", [("", "全部状态"), *Petition.State.choices], required=False)

    def filters(self) -> PetitionFilters:
        self.is_valid()
        return PetitionFilters(state=self.cleaned_data.get("state") or "", text=self.cleaned_data.get("q") or "")


class PetitionNewForm(BootstrapForm):
    received_on = date_field("登记日期")
    channel = _choice("信访形式", [(c, c) for c in CHANNELS])
    subject = text_field("信访事由", max_length=200)
    content = text_field("信访内容", rows=4, max_length=4000)
    petitioner = text_field("信访人", max_length=50, required=False)
    phone = text_field("联系电话", max_length=20, required=False)
    department = _choice("承办部门", [], required=False)

    def __init__(self, *args: Any, bureau: Bureau | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.departments = {str(d.pk): d for d in Department.objects.filter(bureau=bureau)} if bureau else {}
        _choices(self, "department", [("", "（暂不指定）"), *((k, d.name) for k, d in self.departments.items())])

    def clean_department(self) -> Department | None:
        key = self.cleaned_data.get("department")
        return self.departments[key] if key else None


class PetitionNoteForm(BootstrapForm):
    note = text_field("告知意见", rows=3, max_length=4000)
    day = date_field("告知日期", required=False, help_text="留空为今天")


class PetitionResultForm(BootstrapForm):
    result = text_field("处理意见", rows=3, max_length=4000)
    day = date_field("日期", required=False, help_text="留空为今天")


class PetitionReviewRequestForm(BootstrapForm):
    day = date_field("申请复查日期", required=False, help_text="留空为今天")
    note = text_field("说明", max_length=200, required=False)


class StatsForm(BootstrapForm):
    start = date_field("起始日期")
    end = date_field("截止日期")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end"):
            if data["start"] > data["end"]:
                raise forms.ValidationError("起始日期不能晚于截止日期。")
            if (data["end"] - data["start"]).days > 3 * 366:
                raise forms.ValidationError("统计区间不能超过三年，请缩短区间。")
        return data
