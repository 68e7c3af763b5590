"""Forms of the people screens. They parse and limit choices; the services decide what is valid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from zhifa.accounts.models import Certificate, Department, Officer, Township
from zhifa.accounts.roles import Role
from zhifa.accounts.selectors import (
    EXPIRING_DAYS_DEFAULT,
    CertificateFilter,
    Duty,
    OfficerFilters,
    departments_changeable,
    departments_visible,
    townships_assignable,
)
from zhifa.accounts.services import CertificateData, OfficerData
from zhifa.lib.errors import DomainError

if TYPE_CHECKING:
    from zhifa.accounts.models import User

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates stay free of per-field markup."""

    fields: dict[str, forms.Field]

    def _style_widgets(self) -> None:
        for form_field in self.fields.values():
            widget = form_field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def domain_error_to_form(form: forms.Form, error: DomainError) -> None:
    """A service's DomainError as a form error: on its field when the form has it, else on the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class DepartmentChoiceField(forms.ModelChoiceField):
    """Shows a unit indented by its depth in the tree, so same-named 中队 of two 大队 can be told apart."""

    with_bureau = False  # set for users who see several bureaus (the supervisor): same names recur

    def label_from_instance(self, obj: Department) -> str:
        label = "　" * max(obj.depth, 0) + obj.name
        return f"{obj.bureau.short_name} · {label}" if self.with_bureau else label


# --- the list's filters -----------------------------------------------------------------------------------
class OfficerFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=50,
                        widget=forms.TextInput(attrs={"placeholder": "姓名、执法证号或职务", "type": "search"}))
    department = DepartmentChoiceField(label="机构", queryset=Department.objects.none(), required=False,
                                       empty_label="全部机构")
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *Officer.Kind.choices])
    certificate_status = forms.ChoiceField(label="执法证状态", required=False,
                                           choices=[("", "全部状态"), *CertificateFilter.choices])
    expiring = forms.BooleanField(label=f"{EXPIRING_DAYS_DEFAULT} 日内到期", required=False)
    duty = forms.ChoiceField(label="在岗", required=False, choices=Duty.choices)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        department.queryset = departments_visible(user=user)  # type: ignore[attr-defined]
        department.with_bureau = user.has_role(Role.SUPERVISOR)  # type: ignore[attr-defined]
        self._style_widgets()

    def filters(self) -> OfficerFilters:
        """The filters asked for; an invalid value (a forged department id) is dropped, never trusted."""
        self.is_valid()  # cleaned_data then holds only the fields that validated
        data = self.cleaned_data
        return OfficerFilters(
            q=data.get("q") or "",
            department=data.get("department"),
            kind=data.get("kind") or "",
            certificate_status=data.get("certificate_status") or "",
            expiring_within=EXPIRING_DAYS_DEFAULT if data.get("expiring") else None,
            duty=data.get("duty") or Duty.ON,
        )


# --- people ------------------------------------------------------------------------------------------------
class OfficerForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="人员类别", choices=Officer.Kind.choices)
    department = DepartmentChoiceField(label="所属机构", queryset=Department.objects.none(), required=False,
                                       empty_label="（不属于内设机构）")
    township = forms.ModelChoiceField(label="乡镇（街道）", queryset=Township.objects.none(), required=False,
                                      empty_label="（无）")
    position = forms.CharField(label="职务", max_length=50, required=False)
    id_number = forms.CharField(label="身份证号", max_length=30, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = forms.CharField(label="联系电话", max_length=30, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}))
    legal_qualified = forms.BooleanField(label="具有法律职业资格", required=False)
    training_hours = forms.DecimalField(label="本年度培训学时", max_digits=6, decimal_places=1, initial=0)
    is_active = forms.BooleanField(label="在岗", required=False, initial=True)

    def __init__(self, *args: Any, user: User, officer: Officer | None = None, **kwargs: Any) -> None:
        if officer is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_of(officer)
        super().__init__(*args, **kwargs)
        self.officer = officer
        departments = departments_changeable(user=user)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["township"].queryset = townships_assignable(user=user)  # type: ignore[attr-defined]
        if not user.has_role(Role.ADMINISTRATOR):
            # A team leader's people must stay inside the leader's subtree, or the leader would lose them.
            self.fields["department"].required = True
            self.fields["department"].empty_label = None  # type: ignore[attr-defined]
        if officer is not None:
            # Identifiers are stored sealed and never put back into a page: blank means "unchanged".
            self.fields["id_number"].help_text = (
                f"当前：{officer.id_number_masked or '未登记'}。留空表示不修改；如需更正，请填写完整号码。"
            )
            self.fields["phone"].help_text = f"当前：{officer.phone_masked or '未登记'}。留空表示不修改。"
        self._style_widgets()

    @staticmethod
    def initial_of(officer: Officer) -> dict[str, Any]:
        return {
            "name": officer.name, "kind": officer.kind, "department": officer.department_id,
            "township": officer.township_id, "position": officer.position,
            "legal_qualified": officer.legal_qualified, "training_hours": officer.training_hours,
            "is_active": officer.is_active,
        }

    def officer_data(self, *, blank_keeps: bool = False) -> OfficerData:
        """The form as the service's OfficerData; on an edit, blank identifiers keep the stored ones."""
        data = self.cleaned_data
        keep = None if blank_keeps else ""
        return OfficerData(
            name=data["name"], kind=data["kind"], department=data["department"], township=data["township"],
            position=data["position"] or "", id_number=data["id_number"] or keep,
            phone=data["phone"] or keep, legal_qualified=data["legal_qualified"],
            training_hours=data["training_hours"], is_active=data["is_active"],
        )


# --- certificates ------------------------------------------------------------------------------------------
class CertificateForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label="执法证号", max_length=40)
    issuing_authority = forms.CharField(label="发证机关", max_length=100)
    scope = forms.CharField(label="执法区域及类别", max_length=200, required=False)
    valid_from = forms.DateField(label="有效期自", input_formats=DATE_INPUT_FORMATS,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    valid_to = forms.DateField(label="有效期至", input_formats=DATE_INPUT_FORMATS,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    status = forms.ChoiceField(label="证件状态", choices=Certificate.Status.choices, initial=Certificate.Status.VALID)

    def __init__(self, *args: Any, certificate: Certificate | None = None, **kwargs: Any) -> None:
        if certificate is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "number": certificate.number, "issuing_authority": certificate.issuing_authority,
                "scope": certificate.scope, "valid_from": certificate.valid_from,
                "valid_to": certificate.valid_to, "status": certificate.status,
            }
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def certificate_data(self) -> CertificateData:
        data = self.cleaned_data
        return CertificateData(
            number=data["number"], issuing_authority=data["issuing_authority"], scope=data["scope"] or "",
            valid_from=data["valid_from"], valid_to=data["valid_to"], status=data["status"],
        )


# --- import ------------------------------------------------------------------------------------------------
class ImportUploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label="导入文件", help_text="Excel（.xlsx），或 UTF-8 编码的 .csv；第一行为列名，请使用导入模板。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "请选择要导入的文件。", "empty": "上传的文件是空的，请选择填好的导入文件。"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ImportConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
