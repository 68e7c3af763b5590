"""Forms of the on-the-spot penalty page (当场处罚) and of the cash hand-over. They parse what the officer types;
the limits and the other rules are checked by zhifa/cases/simple.py, not here."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms

from zhifa.cases.forms import (
    BootstrapForm,
    MultiPickField,
    PartyForm,
    date_field,
    fen_of,
    officer_label,
    text_field,
    yuan_field,
)
from zhifa.cases.models import Lead
from zhifa.cases.selectors import officers_assignable
from zhifa.cases.simple import OnSpotData
from zhifa.catalog.models import EnforcementMatter
from zhifa.catalog.selectors import matter_list_fileable

if TYPE_CHECKING:
    from zhifa.accounts.models import Officer, User


class OnSpotForm(BootstrapForm):
    """The penalty, the place and facts, the other officers present, and the cash if collected."""

    matter = forms.ModelChoiceField(label="执法事项", queryset=EnforcementMatter.objects.none(),
                                    empty_label="请选择执法事项",
                                    error_messages={"required": "请选择执法事项。",
                                                    "invalid_choice": "所选执法事项不可用，请重新选择。"})
    place = text_field("地点", max_length=int(Lead._meta.get_field("place").max_length or 200))
    violation_on = date_field("违法行为发生日期")
    facts = text_field("违法事实", rows=3, placeholder="时间、地点、行为、情节，如：在人行道上摆摊经营水果约2平方米")
    warning = forms.BooleanField(label="警告", required=False)
    fine_yuan = yuan_field("罚款（元）", help_text="公民不超过 200 元，法人或者其他组织不超过 3000 元（第五十一条）")
    co_officers: MultiPickField[Officer] = MultiPickField(
        label="同行执法人员", required=False, help_text="连同您本人不少于两人，均须持有当日有效的执法证（第四十二条、第五十二条）")
    cash = forms.BooleanField(label="当场收缴罚款", required=False,
                              help_text="100 元以下，或不当场收缴事后难以执行、边远地区缴款确有困难（第六十八条、第六十九条）")
    cash_reason = text_field("当场收缴的理由（超过 100 元时必填）", max_length=200, required=False,
                             placeholder="如：当事人系外地流动摊贩，事后难以执行")
    receipt_number = text_field("罚款专用票据号（当场收缴时必填）", max_length=60, required=False,
                                help_text="须出具财政部门统一制发的专用票据（第七十条）")

    def __init__(self, *args: Any, user: User, today: dt.date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"violation_on": today})
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matter_list_fileable(user=user, on=today)  # type: ignore[attr-defined]
        self.fields["matter"].label_from_instance = lambda m: f"{m.code} {m.name}"  # type: ignore[attr-defined]
        own = getattr(user, "officer", None)
        others = [o for o in officers_assignable(user=user, on=today) if own is None or o.pk != own.pk]
        # The user's own unit first: those are the colleagues on patrol with them.
        others.sort(key=lambda o: (o.department_id != user.department_id, o.department_id is None, o.name))
        self.co_field.set_objects(others, officer_label)
        self.fields["receipt_number"].widget.attrs["autocomplete"] = "off"
        self._style()

    @property
    def co_field(self) -> MultiPickField[Officer]:
        return self.fields["co_officers"]  # type: ignore[return-value]

    def clean_fine_yuan(self) -> int:
        return fen_of(self.cleaned_data["fine_yuan"], label="罚款") or 0

    def onspot_data(self, party: PartyForm) -> OnSpotData:
        data = self.cleaned_data
        party_data = party.party_data()
        assert party_data is not None  # the party form is not optional
        return OnSpotData(
            matter=data["matter"], party=party_data, place=data["place"], facts=data["facts"],
            violation_on=data["violation_on"], co_officers=data["co_officers"], warning=data["warning"],
            fine_fen=data["fine_yuan"], cash=data["cash"], cash_reason=data["cash_reason"],
            receipt_number=data["receipt_number"],
        )


def onspot_party_form(data: Any = None) -> PartyForm:
    """The party of the on-the-spot decision: a person with a checked ID number, or an organisation with its
    unified social credit code (the same form and checks as the filing's party)."""
    form = PartyForm(data, prefix="party")
    form.fields["id_number"].help_text = "自然人必填，按 GB 11643 核对校验位"
    return form


class CashDateForm(forms.Form):
    """The day the cash was handed to the bureau, or paid into the bank."""

    on = date_field("日期")
