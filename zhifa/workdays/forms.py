"""Forms of the calendar screens: parsing only; the rules live in the services."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from zhifa.workdays.rules import deadline_rules


class CalendarImportForm(forms.Form):
    file = forms.FileField(
        label="节假日安排文件",
        help_text="CSV 或 .xlsx，表头为“日期,类型,名称”；只需列出放假日期和调休上班日期。",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx", "class": "form-control"}),
    )
    year = forms.IntegerField(
        label="年份",
        required=False,
        min_value=2004,
        max_value=2100,
        help_text="留空则按文件中的日期判断。",
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    source = forms.CharField(
        label="来源",
        required=False,
        max_length=200,
        help_text="如：国办发明电〔2026〕X号。",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in {".csv", ".xlsx"}:
            raise forms.ValidationError("只支持 .csv 或 .xlsx 文件。")
        if (upload.size or 0) > settings.ZHIFA_IMPORT_MAX_BYTES:
            raise forms.ValidationError("文件太大，不像一年的节假日安排。")
        return upload


class DeadlineRuleSettingForm(forms.Form):
    rule = forms.ChoiceField(label="时限规则", widget=forms.HiddenInput)
    amount = forms.IntegerField(
        label="时限长度",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )
    note = forms.CharField(
        label="依据说明",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": "如：省司法厅规定"}
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["rule"].choices = [(r.name, r.label) for r in deadline_rules() if r.configurable]  # type: ignore[attr-defined]
