"""The audit log's filter form: every value validated, so a bad query string is a form error, not a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2999, 12, 31)  # keeps "the day after date_to" computable
MAX_ID = 2**63 - 1  # a bigger ?before= would overflow PostgreSQL's bigint


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
        ),
        error_messages={"invalid": f"{label}格式不正确，请按“年-月-日”填写，例如 2026-03-01。"},
    )


def _text_field(label: str, max_length: int, placeholder: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": placeholder}),
    )


class AuditFilterForm(forms.Form):
    actor = _text_field("操作人", 100, "姓名或用户名")
    action = _text_field("操作", 64, "如 login 或 officer.create")
    object_type = _text_field("对象类型", 100, "如 accounts.officer")
    date_from = _date_field("开始日期")
    date_to = _date_field("结束日期")
    before = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("date_from", "date_to"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, f"日期应在 {EARLIEST:%Y-%m-%d} 至 {LATEST:%Y-%m-%d} 之间。")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end and not self.has_error("date_to"):
            self.add_error("date_to", "结束日期不能早于开始日期。")
        return cleaned
