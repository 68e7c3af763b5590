"""The catalog's rules: the list as of any date, township delegation (art. 24), the discretion
recommendation (art. 32, 33, 34), and Chinese two-character search on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.conftest import make_user
from zhifa.accounts.roles import Role
from zhifa.catalog import services
from zhifa.catalog.discretion import CaseFacts, Harm, discretion_recommend, recommendation_check
from zhifa.catalog.models import EnforcementMatter, MatterChange
from zhifa.catalog.selectors import (
    MatterFilters,
    catalog_count_as_of,
    matter_check_fileable,
    matter_list,
    matter_list_fileable,
)
from zhifa.catalog.services import ChangeRecord, StepData
from zhifa.lib.errors import DomainError


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


# --- the list as of a date ---------------------------------------------------------------------------------
def test_count_as_of_dates_follows_transfers_additions_removals_and_delegations(catalog, officer_a):
    before_transfer = catalog_count_as_of(user=officer_a, day=dt.date(2021, 2, 28))
    assert before_transfer.in_force == 0

    after_transfer = catalog_count_as_of(user=officer_a, day=dt.date(2021, 3, 1))
    assert (after_transfer.in_force, after_transfer.delegated, after_transfer.removed) == (3, 0, 0)

    end_2023 = catalog_count_as_of(user=officer_a, day=dt.date(2023, 12, 31))
    assert (end_2023.in_force, end_2023.delegated, end_2023.removed) == (3, 1, 0)

    start_2025 = catalog_count_as_of(user=officer_a, day=dt.date(2025, 1, 1))
    assert (start_2025.in_force, start_2025.delegated, start_2025.removed) == (3, 1, 1)
    by_category = {row.category: row.in_force for row in start_2025.rows}
    assert by_category == {"市容环境卫生": 1, "环境保护": 1, "城乡规划": 1}


def test_the_list_as_of_a_date_shows_what_was_in_force_that_day(catalog, officer_a):
    assert codes(matter_list(user=officer_a, filters=MatterFilters(as_of=dt.date(2023, 12, 31)))) == {
        "SR-001", "SR-002", "GH-001"}
    assert codes(matter_list(user=officer_a, filters=MatterFilters(as_of=dt.date(2025, 1, 1)))) == {
        "SR-001", "HB-001", "GH-001"}
    assert codes(matter_list(user=officer_a, filters=MatterFilters())) == {"SR-001", "HB-001", "GH-001"}


def test_an_amendment_keeps_the_matter_in_force_and_records_what_changed(catalog):
    from tests.catalog.conftest import matter_data

    data = matter_data("SR-001", "对擅自占道经营行为的行政处罚", max_yuan=2000)
    changed = services.matter_update(
        matter=catalog.stalls, data=data, actor=None,
        change=ChangeRecord(date=dt.date(2025, 3, 1), document_number="红编发〔2025〕2号", reason="名称规范"),
    )
    assert changed == ["name"]
    amend = catalog.stalls.changes.get(event=MatterChange.Event.AMEND)
    assert amend.before == {"name": "对擅自占道经营、摆摊设点行为的行政处罚"}
    assert amend.after == {"name": "对擅自占道经营行为的行政处罚"}
    assert services.matter_update(matter=catalog.stalls, data=data, actor=None, change=ChangeRecord(
        date=dt.date(2025, 3, 2), document_number="x")) == []


def test_every_catalog_change_needs_its_document_number(catalog):
    with pytest.raises(DomainError, match="文号"):
        services.matter_remove(matter=catalog.burning, change=ChangeRecord(date=dt.date(2025, 1, 1),
                                                                         document_number=" "), actor=None)
    catalog.burning.refresh_from_db()
    assert catalog.burning.status == EnforcementMatter.Status.IN_FORCE


def test_only_an_administrator_of_the_bureau_changes_the_catalog(catalog, officer_a, blue_admin):
    for actor in (officer_a, blue_admin):
        with pytest.raises(DomainError, match="系统管理员"):
            services.matter_remove(matter=catalog.burning, actor=actor,
                                   change=ChangeRecord(date=dt.date(2025, 1, 1), document_number="x"))


# --- delegation to townships: 行政处罚法 art. 24 ------------------------------------------------------------
def test_art24_a_township_user_may_file_only_under_matters_delegated_to_their_township(catalog, org):
    town_officer = make_user("town_officer", [Role.OFFICER], org.red)
    town_officer.township = catalog.town
    town_officer.save()
    day = dt.date(2025, 5, 1)
    assert codes(matter_list_fileable(user=town_officer, on=day)) == {"SR-001"}
    matter_check_fileable(user=town_officer, matter=catalog.stalls, on=day)
    with pytest.raises(DomainError) as refused:
        matter_check_fileable(user=town_officer, matter=catalog.planning, on=day)
    assert "第二十四条" in refused.value.message and "红星镇" in refused.value.message
    assert "移交" in refused.value.message


def test_art24_a_township_without_a_delegation_may_file_nothing(catalog, org):
    user = make_user("liuquan", [Role.OFFICER], org.red)
    user.township = catalog.other_town
    user.save()
    assert not matter_list_fileable(user=user, on=dt.date(2025, 5, 1)).exists()
    assert not matter_list(user=user, filters=MatterFilters()).exists()


def test_art24_before_the_delegation_took_effect_the_township_could_not_file(catalog, org):
    user = make_user("early", [Role.OFFICER], org.red)
    user.township = catalog.town
    user.save()
    assert not matter_list_fileable(user=user, on=dt.date(2023, 5, 31)).exists()


def test_a_revoked_delegation_ends_the_townships_power(catalog, org):
    user = make_user("revoked", [Role.OFFICER], org.red)
    user.township = catalog.town
    user.save()
    delegation = catalog.stalls.delegations.get()
    services.delegation_revoke(delegation=delegation, on=dt.date(2025, 1, 1), actor=None)
    assert codes(matter_list_fileable(user=user, on=dt.date(2024, 12, 31))) == {"SR-001"}
    assert not matter_list_fileable(user=user, on=dt.date(2025, 1, 1)).exists()


def test_the_bureau_files_under_every_matter_in_force_but_not_a_removed_one(catalog, officer_a):
    day = dt.date(2025, 5, 1)
    assert codes(matter_list_fileable(user=officer_a, on=day)) == {"SR-001", "HB-001", "GH-001"}
    with pytest.raises(DomainError, match="不在本局执法事项目录内"):
        matter_check_fileable(user=officer_a, matter=catalog.posters, on=day)


# --- the recommendation: art. 32, 33, 34 --------------------------------------------------------------------
def test_art33_no_fault_is_not_punishable(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(no_fault=True))
    assert result.outcome == "not_punishable"
    assert any("第三十三条第二款" in a for a in result.articles)


def test_art33_a_minor_corrected_harmless_violation_is_not_punishable_and_needs_education(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(
        minor_violation=True, corrected_in_time=True, harm=Harm.NONE))
    assert result.outcome == "not_punishable" and result.education_required
    assert any("第三十三条第一款" in a for a in result.articles)
    assert any("第三十三条第三款" in a for a in result.articles)


def test_art33_a_first_violation_with_slight_harm_corrected_may_be_waived_citing_the_list(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(
        first_violation=True, corrected_in_time=True, harm=Harm.MINOR))
    assert result.outcome == "may_waive"
    assert any("首违不罚清单" in reason for reason in result.reasons)


def test_art33_a_first_violation_not_corrected_is_punished(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(first_violation=True, harm=Harm.MINOR))
    assert result.outcome == "penalty"


@pytest.mark.parametrize("level,low,high", [("general", 100_00, 500_00), ("serious", 500_00, 1000_00),
                                            ("grave", 1000_00, 2000_00)])
def test_art34_each_ladder_step_gives_its_range(catalog, level, low, high):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(level=level))
    assert (result.outcome, result.level, result.min_fen, result.max_fen) == ("penalty", level, low, high)
    assert any("第三十四条" in a for a in result.articles)
    assert any("第三十六条" in a for a in result.articles)  # the matter's own penalty basis


def test_art34_a_minor_step_that_exempts_is_skipped_when_the_facts_do_not_exempt(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(level="minor"))
    assert result.level == "general"


def test_the_level_is_inferred_from_harm_and_raised_by_an_aggravating_factor(catalog):
    assert discretion_recommend(matter=catalog.stalls, facts=CaseFacts(harm=Harm.GENERAL)).level == "general"
    assert discretion_recommend(matter=catalog.stalls, facts=CaseFacts(harm=Harm.SERIOUS)).level == "serious"
    raised = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(harm=Harm.SERIOUS, aggravating=("repeat",)))
    assert raised.level == "grave"
    assert raised.min_fen == 1500_00  # 从重: the upper half of the grave step


def test_art32_a_mitigating_factor_keeps_the_penalty_in_the_lower_half(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(level="serious", mitigating=("confessed",)))
    assert (result.min_fen, result.max_fen) == (500_00, 750_00)
    assert any("第三十二条" in a for a in result.articles)


def test_a_matter_without_a_ladder_falls_back_to_the_statutory_range(catalog):
    result = discretion_recommend(matter=catalog.burning, facts=CaseFacts())
    assert (result.min_fen, result.max_fen) == (500_00, 2000_00)
    assert "未制定裁量基准" in result.reasons[0]


def test_a_proposal_outside_the_recommended_range_needs_a_reason_and_legal_review(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(level="serious"))
    assert recommendation_check(recommendation=result, punish=True, fine_fen=800_00) is None
    too_high = recommendation_check(recommendation=result, punish=True, fine_fen=1200_00)
    assert too_high is not None and too_high.flag_legal_review and too_high.needs_written_reason
    assert "1200" in too_high.message and "500" in too_high.message
    assert recommendation_check(recommendation=result, punish=True, fine_fen=499_99) is not None


def test_punishing_where_the_law_says_not_punishable_is_a_deviation(catalog):
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(no_fault=True))
    assert recommendation_check(recommendation=result, punish=True, fine_fen=100_00) is not None
    assert recommendation_check(recommendation=result, punish=False) is None


def test_art34_a_ladder_step_cannot_exceed_the_statutory_range(catalog):
    with pytest.raises(DomainError, match="超出法定幅度"):
        services.discretion_steps_set(matter=catalog.stalls, actor=None, steps=[
            StepData("grave", "严重", "fine", 1000_00, 3000_00)])
    assert catalog.stalls.discretion_steps.count() == 4  # nothing replaced


def test_ladder_steps_must_ascend(catalog):
    with pytest.raises(DomainError, match="情节越重"):
        services.discretion_steps_set(matter=catalog.stalls, actor=None, steps=[
            StepData("general", "一般", "fine", 500_00, 1000_00), StepData("serious", "较重", "fine", 100_00, 500_00)])


# --- Chinese search, the same on SQLite and PostgreSQL ---------------------------------------------------------
@pytest.mark.parametrize("query,expected", [
    ("占道", {"SR-001"}),
    ("罚款", {"SR-001", "HB-001", "GH-001"}),
    ("焚烧", {"HB-001"}),
    ("规划 许可", {"GH-001"}),
    ("ＳＲ-００１", {"SR-001"}),  # full-width input
    ("市容和环境卫生管理条例 第三十六条", {"SR-001", "HB-001", "GH-001"}),  # bases are searched too
    ("不存在的词", set()),
])
def test_two_character_chinese_terms_find_their_matters(catalog, officer_a, query, expected):
    found = codes(matter_list(user=officer_a, filters=MatterFilters(query=query)))
    assert found == expected


def test_search_never_crosses_into_another_bureau(catalog, blue_admin):
    assert not matter_list(user=blue_admin, filters=MatterFilters(query="占道")).exists()


def test_hearing_thresholds_are_per_bureau(org, admin):
    from zhifa.catalog.selectors import hearing_threshold_for

    assert hearing_threshold_for(bureau=org.red).citizen_fen == 10_000_00
    services.hearing_threshold_set(bureau=org.red, citizen_fen=5_000_00, organisation_fen=50_000_00,
                                   source="红山区规定", actor=admin)
    assert hearing_threshold_for(bureau=org.red).organisation_fen == 50_000_00
    assert hearing_threshold_for(bureau=org.blue).organisation_fen == 100_000_00


def test_multiples_are_checked_too(catalog):
    from zhifa.catalog.discretion import Recommendation

    rec = Recommendation("penalty", min_multiple=Decimal("0.05"), max_multiple=Decimal("0.10"), multiple_of="工程造价")
    assert recommendation_check(recommendation=rec, punish=True, multiple=Decimal("0.08")) is None
    assert recommendation_check(recommendation=rec, punish=True, multiple=Decimal("0.12")) is not None


def test_a_warning_step_recommends_a_warning_and_a_fine_there_is_a_deviation(catalog):
    services.discretion_steps_set(matter=catalog.stalls, actor=None, steps=[
        StepData("general", "首次、面积小", "warning"), StepData("serious", "较重", "fine", 500_00, 1000_00)])
    catalog.stalls.refresh_from_db()
    result = discretion_recommend(matter=catalog.stalls, facts=CaseFacts(level="general"))
    assert result.warning_only and result.label == "警告"
    assert recommendation_check(recommendation=result, punish=True, fine_fen=None) is None
    assert "建议给予警告" in recommendation_check(recommendation=result, punish=True, fine_fen=100_00).message


def test_a_future_dated_removal_keeps_the_matter_on_todays_list(catalog, officer_a):
    future = dt.date.today() + dt.timedelta(days=30)
    services.matter_remove(matter=catalog.burning, actor=None,
                           change=ChangeRecord(date=future, document_number="红编发〔2099〕1号"))
    assert "HB-001" in codes(matter_list(user=officer_a, filters=MatterFilters()))
    assert "HB-001" not in codes(matter_list(user=officer_a, filters=MatterFilters(as_of=future)))


def test_an_unchanged_update_rewrites_nothing_and_a_changed_article_text_is_recorded(catalog):
    from tests.catalog.conftest import matter_data

    basis_ids = set(catalog.stalls.bases.values_list("id", flat=True))
    data = matter_data("SR-001", catalog.stalls.name, max_yuan=2000)
    assert services.matter_update(matter=catalog.stalls, data=data, actor=None,
                                  change=ChangeRecord(date=dt.date(2025, 1, 1), document_number="x")) == []
    assert set(catalog.stalls.bases.values_list("id", flat=True)) == basis_ids
    from dataclasses import replace

    from zhifa.catalog.services import BasisData

    changed_text = replace(data, violation_bases=[BasisData("城市市容和环境卫生管理条例", "第十四条", text="新的条文")])
    assert services.matter_update(matter=catalog.stalls, data=changed_text, actor=None,
                                  change=ChangeRecord(date=dt.date(2025, 1, 2), document_number="y")) == ["bases"]


def test_art24_a_township_cannot_open_a_matter_whose_delegation_was_revoked(catalog, org):
    from django.http import Http404

    from zhifa.catalog.selectors import matter_get

    user = make_user("town_user", [Role.OFFICER], org.red)
    user.township = catalog.town
    user.save()
    assert matter_get(user=user, pk=catalog.stalls.pk) == catalog.stalls
    services.delegation_revoke(delegation=catalog.stalls.delegations.get(), on=dt.date(2025, 1, 1), actor=None)
    with pytest.raises(Http404):
        matter_get(user=user, pk=catalog.stalls.pk)


def test_a_colloquial_name_finds_its_matter_and_an_excel_reimport_keeps_it(catalog, officer_a):
    from dataclasses import replace

    from tests.catalog.conftest import matter_data

    data = replace(matter_data("GH-001", catalog.planning.name, "城乡规划", max_yuan=100000), keywords="违建、私搭乱建")
    services.matter_update(matter=catalog.planning, data=data, actor=None,
                           change=ChangeRecord(date=dt.date(2025, 1, 1), document_number="红编发〔2025〕1号"))
    assert codes(matter_list(user=officer_a, filters=MatterFilters(query="违建"))) == {"GH-001"}
    # An update that does not speak of keywords (the Excel columns have none) keeps them.
    services.matter_update(matter=catalog.planning, data=replace(data, keywords=None, name="新名称"), actor=None,
                           change=ChangeRecord(date=dt.date(2025, 2, 1), document_number="红编发〔2025〕2号"))
    catalog.planning.refresh_from_db()
    assert catalog.planning.keywords == "违建、私搭乱建" and catalog.planning.name == "新名称"
