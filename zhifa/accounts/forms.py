from __future__ import annotations

from typing import Any

from django import forms

from zhifa.accounts.models import Bureau, Department, Township
from zhifa.accounts.roles import Role


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    password = forms.CharField(label="密码", widget=forms.PasswordInput, max_length=256)


class TotpForm(forms.Form):
    code = forms.RegexField(
        label="动态口令", regex=r"^\d{6}$", max_length=6,
        error_messages={"invalid": "请输入 6 位数字动态口令。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="当前密码", widget=forms.PasswordInput)
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput)
    new_password_again = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", "两次输入的新密码不一致。")
        return data


class DepartmentForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=Department.Kind.choices)
    parent = forms.ModelChoiceField(label="上级机构", queryset=Department.objects.none(), required=False)
    functions = forms.CharField(label="职责", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, bureau: Bureau, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only this bureau's departments can be a parent: a forged id from another bureau is invalid.
        self.fields["parent"].queryset = Department.objects.filter(bureau=bureau)  # type: ignore[attr-defined]


class TownshipForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    code = forms.CharField(label="区划代码", max_length=12, required=False)
    kind = forms.ChoiceField(label="类型", choices=[("town", "乡镇"), ("street", "街道")])


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple)


class UserForm(RolesForm):
    username = forms.RegexField(
        label="用户名", regex=r"^[A-Za-z0-9_.-]{3,40}$", max_length=40,
        error_messages={"invalid": "用户名为 3–40 位字母、数字、下划线、点或连字符。"},
    )
    full_name = forms.CharField(label="姓名", max_length=50)
    department = forms.ModelChoiceField(label="机构", queryset=Department.objects.none(), required=False)
    township = forms.ModelChoiceField(label="乡镇（街道）", queryset=Township.objects.none(), required=False)
    field_order = ["username", "full_name", "department", "township", "roles"]

    def __init__(self, *args: Any, bureau: Bureau, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(bureau=bureau)  # type: ignore[attr-defined]
        self.fields["township"].queryset = Township.objects.filter(bureau=bureau)  # type: ignore[attr-defined]
