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
    state = forms.ChoiceField(choices=[("", "全部"), (1, "a<b"), (2, 'c&"d'), ("组", [(3, "x"), (4, "y")])],
                              required=False)
    many = forms.MultipleChoiceField(choices=[(1, "甲"), (2, "乙")], required=False,
                                     widget=forms.SelectMultiple(attrs={"size": 2}))


CASES = [
    {},
    {"text": "<script>alert(1)</script>", "number": "7", "email": "a@b.cn", "hidden": "3", "day": "2026-11-28",
     "when": "2026-11-28T10:30", "flag": "on", "note": "第一行\n<第二行> & 'x'", "state": "4", "many": ["1", "2"]},
    {"state": "1", "many": ["2"]},
]


@pytest.mark.parametrize("data", CASES)
def test_every_plain_widget_renders_as_djangos_template_does(data):
    initial = {"day": dt.date(2026, 1, 2), "note": "已有"}
    ours = Everything(data or None, initial=initial, renderer=FastRenderer())
    theirs = Everything(data or None, initial=initial, renderer=DjangoTemplates())
    for name in Everything.base_fields:
        assert str(ours[name]) == str(theirs[name]), name


def test_values_are_escaped_and_selects_take_the_fast_path():
    html = str(Everything({"text": '"><script>'}, renderer=FastRenderer())["text"])
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
    calls: list[str] = []

    class Watching(DjangoTemplates):
        def render(self, template_name, context, request=None):  # type: ignore[no-untyped-def]
            calls.append(template_name)
            return super().render(template_name, context, request)

    class FastWatching(FastRenderer, Watching):
        pass

    str(Everything(renderer=FastWatching())["state"])
    assert calls == []  # no template: neither the select nor its options
