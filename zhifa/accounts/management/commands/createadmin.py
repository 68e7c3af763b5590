"""`zhifa createadmin`: the first administrator of a bureau. The password is generated and printed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.accounts import services
from zhifa.accounts.models import Bureau
from zhifa.accounts.roles import Role
from zhifa.lib.errors import DomainError


class Command(BaseCommand):
    help = "创建系统管理员账号（密码随机生成并只显示一次；首次登录须绑定动态口令）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="用户名")
        parser.add_argument("--name", default="", help="姓名")
        parser.add_argument("--bureau", help="所属执法局名称；不存在时用 --short-name 一并创建")
        parser.add_argument("--short-name", default="", help="执法局简称（文号用），如：红综执")
        parser.add_argument("--role", action="append", choices=Role.values, help="角色，可重复；默认 administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        bureau = None
        if options["bureau"]:
            bureau = Bureau.objects.filter(name=options["bureau"]).first()
            if bureau is None:
                if not options["short_name"]:
                    raise CommandError(f"执法局“{options['bureau']}”不存在；如需新建，请同时给出 --short-name。")
                bureau = services.bureau_create(name=options["bureau"], short_name=options["short_name"], actor=None)
        roles = options["role"] or [Role.ADMINISTRATOR]
        password = services.password_generate()
        try:
            services.user_create(
                username=options["username"], password=password, roles=roles, actor=None,
                full_name=options["name"], bureau=bureau,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已创建账号 {options['username']}，初始密码：{password}")
        self.stdout.write("请妥善保管；首次登录后请修改密码并绑定动态口令。")
