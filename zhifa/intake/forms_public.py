"""Forms of the public complaint pages (/portal/complaints/): the complaint, tracking, the rating.

Every message says in Chinese what is wrong and what to do. The fields' checks are the service's own where
it has them (coordinates); the phone and e-mail are checked here again so that every mistake is shown at its
field at once, before any photo is stored.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from zhifa.accounts.models import Bureau
from zhifa.intake.models import Complaint, ComplaintCategory
from zhifa.intake.services import ACCESS_LENGTH, DESCRIPTION_MAX, PLACE_MAX, coordinate_parse
from zhifa.lib.errors import DomainError

PHOTOS_MAX = 3
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_ACCEPT = "image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,image/avif"
# The same patterns as zhifa.intake.services (which checks again when the complaint is written).
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8}|12345)$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HONEYPOT = "website"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to PHOTOS_MAX files; their content is checked when they are stored (zhifa.lib.evidence_store)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(
            attrs={"accept": PHOTO_ACCEPT, "class": "form-control", "multiple": True}
        ))
        super().__init__(required=False, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > PHOTOS_MAX:
            raise forms.ValidationError(f"最多上传 {PHOTOS_MAX} 张照片，您选择了 {len(files)} 张，请删去多余的。")
        for upload in files:
            if upload.size is not None and upload.size > PHOTO_MAX_BYTES:
                raise forms.ValidationError(
                    f"照片「{_short(upload.name)}」超过 5 MB，请压缩或换一张后再上传。"
                )
            if not upload.size:
                raise forms.ValidationError(f"照片「{_short(upload.name)}」是空文件，请重新选择。")
        return files


def _short(name: str | None) -> str:
    return re.split(r"[\\/]", str(name or ""))[-1][:60] or "未命名文件"


class ComplaintPublicForm(forms.Form):
    category = forms.ModelChoiceField(
        label="投诉类别", queryset=ComplaintCategory.objects.none(), empty_label="请选择",
        error_messages={"required": "请选择投诉类别。", "invalid_choice": "请从列表中选择投诉类别。"},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    place = forms.CharField(
        label="地点", max_length=PLACE_MAX,
        help_text="写明街道、门牌号或附近的标志性建筑，便于执法人员找到。",
        error_messages={"required": "请填写地点：街道、门牌号或附近的标志性建筑。",
                        "max_length": f"地点不能超过 {PLACE_MAX} 个字，请精简。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "street-address"}),
    )
    latitude = forms.CharField(
        label="纬度", required=False, max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )
    longitude = forms.CharField(
        label="经度", required=False, max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )
    description = forms.CharField(
        label="诉求内容", max_length=DESCRIPTION_MAX,
        help_text="写明发生了什么、什么时间、持续多久。",
        error_messages={"required": "请填写诉求内容：发生了什么、什么时间。",
                        "max_length": f"诉求内容不能超过 {DESCRIPTION_MAX} 个字，请精简。"},
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}),
    )
    photos = PhotosField(
        label="现场照片（可选）",
        help_text=f"最多 {PHOTOS_MAX} 张，每张不超过 5 MB；只接受图片（JPEG、PNG、GIF、WebP、HEIC）。",
    )
    anonymous = forms.BooleanField(
        label="匿名投诉（不留姓名和联系方式；将无法电话或邮件回访，可凭受理编号和查询码查看答复）",
        required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    reporter_name = forms.CharField(
        label="姓名（可选）", required=False, max_length=50,
        error_messages={"max_length": "姓名不能超过 50 个字。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )
    reporter_phone = forms.CharField(
        label="联系电话（可选）", required=False, max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "tel", "inputmode": "tel"}),
    )
    reporter_email = forms.CharField(
        label="电子邮箱（可选）", required=False, max_length=100,
        error_messages={"max_length": "电子邮箱不能超过 100 个字符。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "email", "inputmode": "email"}),
    )
    consent = forms.BooleanField(
        label="我已阅读并同意：本局仅为办理本投诉使用我填写的信息，联系方式加密保存，不向被投诉方和公众公开。",
        error_messages={"required": "请勾选同意个人信息使用说明后再提交。"},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    # A field people never see (hidden by the stylesheet, skipped by keyboard and screen readers): a robot
    # filling in every box fills it too.
    website = forms.CharField(
        label="请勿填写此项", required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "form-control"}),
    )

    CONTACT_FIELDS = ("reporter_name", "reporter_phone", "reporter_email")

    def __init__(self, *args: Any, bureau: Bureau, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bureau = bureau
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = ComplaintCategory.objects.filter(bureau=bureau, is_active=True)

    def clean_reporter_phone(self) -> str:
        phone = "".join(self.cleaned_data.get("reporter_phone", "").split())
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(
                f"联系电话“{phone}”格式不对：请填写 11 位手机号或带区号的固定电话（如 010-12345678），或留空。"
            )
        return phone

    def clean_reporter_email(self) -> str:
        email = self.cleaned_data.get("reporter_email", "").strip()
        if email and not EMAIL.fullmatch(email):
            raise forms.ValidationError(f"电子邮箱“{email}”格式不对，请检查（如 name@example.com），或留空。")
        return email

    def _coordinate(self, name: str, label: str, limit: int) -> Decimal | None:
        try:
            return coordinate_parse(self.cleaned_data.get(name), name=label, limit=limit)
        except DomainError as error:
            self.add_error(name, error.message)
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError("提交未通过检查，请刷新页面后重新填写（“请勿填写此项”一栏须留空）。")
        lat = self._coordinate("latitude", "纬度", 90)
        lon = self._coordinate("longitude", "经度", 180)
        if not self.has_error("latitude") and not self.has_error("longitude") and (lat is None) != (lon is None):
            self.add_error("latitude", "经纬度须同时填写，或都不填（可点“使用我的位置”自动填写）。")
        data["latitude"], data["longitude"] = lat, lon
        if data.get("anonymous"):
            for name in self.CONTACT_FIELDS:
                data[name] = ""
        return data


class TrackForm(forms.Form):
    number = forms.CharField(
        label="受理编号", max_length=40,
        error_messages={"required": "请填写受理编号（如 TS2026-1-000001）。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label="查询码", max_length=20,
        help_text=f"提交投诉时显示的 {ACCESS_LENGTH} 位字母数字。",
        error_messages={"required": f"请填写 {ACCESS_LENGTH} 位查询码。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip()

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="您对答复是否满意", choices=Complaint.Satisfaction.choices, widget=forms.RadioSelect,
        error_messages={"required": "请选择满意、基本满意或不满意。", "invalid_choice": "请选择满意、基本满意或不满意。"},
    )
