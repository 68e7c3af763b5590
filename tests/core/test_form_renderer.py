"""FastRenderer writes the plain inputs and textareas in Python: byte for byte what Django's templates write."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from zhifa.core.form_renderer import FastRenderer


class Everything(forms.Form):
    text = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": 'a "quote" <b>', "class": "x"}))
    number = forms.IntegerField(min_value=1)
    email = forms.EmailField(required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    flag = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    upload = forms.FileField(required=False)


CASES = [
    {},
    {"text": "<script>alert(1)</script>", "number": "7", "email": "a@b.cn", "hidden": "3", "day": "2026-11-28",
     "when": "2026-11-28T10:30", "flag": "on", "note": "第一行\n<第二行> & 'x'"},
]


@pytest.mark.parametrize("data", CASES)
def test_every_plain_widget_renders_as_djangos_template_does(data):
    initial = {"day": dt.date(2026, 1, 2), "note": "已有"}
    ours = Everything(data or None, initial=initial, renderer=FastRenderer())
    theirs = Everything(data or None, initial=initial, renderer=DjangoTemplates())
    for name in Everything.base_fields:
        assert str(ours[name]) == str(theirs[name]), name


def test_values_are_escaped():
    html = str(Everything({"text": '"><script>'}, renderer=FastRenderer())["text"])
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
