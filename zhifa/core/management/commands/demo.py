"""`zhifa demo`: load (idempotently) the demo bureau and print how to log in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from zhifa.accounts.demo import demo_organisation_load
from zhifa.cases.demo import demo_cases_load
from zhifa.catalog.demo import demo_catalog_load
from zhifa.documents.demo import demo_document_settings_load
from zhifa.intake.demo import demo_intake_load
from zhifa.portal.demo import demo_disclosures_load


class Command(BaseCommand):
    help = "载入演示执法局（可重复执行，不会重复创建），并打印演示账号及新生成的密码。"

    def handle(self, *args: Any, **options: Any) -> None:
        bureau, accounts = demo_organisation_load()
        matters = demo_catalog_load(bureau=bureau)
        self.stdout.write(f"演示执法局：{bureau.name}（数据均为虚构，页面上标注“演示数据”）")
        if matters:
            self.stdout.write(f"已载入执法事项目录：{matters} 项（含赋权、裁量基准和免罚清单）")
        if demo_document_settings_load(bureau=bureau):
            self.stdout.write("已载入文书设置（复议机关、管辖法院、罚款代收银行）")
        cases = demo_cases_load(bureau=bureau)
        if cases:
            self.stdout.write(f"已载入演示案件：{cases} 件（近一年，各办案环节均有，含证据、笔录和音像记录）")
        intake = demo_intake_load(bureau=bureau)
        if intake.complaints or intake.petitions:
            self.stdout.write(f"已载入演示投诉举报：{intake.complaints} 件（各办理状态，含合并、转案源）；"
                              f"信访事项：{intake.petitions} 件")
        disclosures = demo_disclosures_load(bureau=bureau)
        if disclosures.published or disclosures.built:
            self.stdout.write(f"已载入行政执法公示：{disclosures.published} 件已公示（含脱敏示例、撤回和不予公示）")
        self.stdout.write("演示账号（密码每次执行 zhifa demo 时重新生成）：")
        for account in accounts:
            self.stdout.write(f"  {account.username:<11} {account.password:<16} {account.note}")
        self.stdout.write("局领导和系统管理员首次登录须用手机验证器绑定动态口令。")
