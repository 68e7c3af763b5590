"""Forms of the staff disclosure screens (行政执法公示)."""

from __future__ import annotations

from django import forms

from zhifa.portal.models import Disclosure


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回说明（将向社会公开）", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))


class ExcludeForm(forms.Form):
    exclusion = forms.ChoiceField(label="不予公示情形", choices=Disclosure.Exclusion.choices,
                                  widget=forms.Select(attrs={"class": "form-select"}))
    reason = forms.CharField(label="理由（仅内部留存）", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
