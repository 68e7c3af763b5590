"""`zhifa apikey create --system NAME [--bureau SHORT] [--callback URL]`, `zhifa apikey list`,
`zhifa apikey revoke PREFIX`: the calling systems' API keys on the console (docs/open311.md).

The key is printed once by `create` and never stored (only its SHA-256): copy it into the calling system's
configuration. Creating and revoking are audited (actor: the system, as for other console commands).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhifa.accounts.models import Bureau
from zhifa.intake.apikeys import api_key_create, api_key_revoke
from zhifa.intake.models import ApiKey
from zhifa.lib.errors import DomainError


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class Command(BaseCommand):
    help = "接口密钥：create 为调用系统签发新密钥（只显示一次）；list 列出；revoke 前缀 吊销。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,list,revoke}")
        create = actions.add_parser("create", help="签发新密钥")
        create.add_argument("--system", required=True, help="调用系统名称，如：12345政务服务便民热线")
        create.add_argument("--bureau", default="", help="执法局简称（平台只有一个执法局时可省略）")
        create.add_argument("--callback", default="", help="答复回传地址（http:// 或 https://），可省略")
        listing = actions.add_parser("list", help="列出密钥")
        listing.add_argument("--bureau", default="", help="只列该执法局（简称）的密钥")
        revoke = actions.add_parser("revoke", help="吊销密钥")
        revoke.add_argument("prefix", help="密钥前缀（zk_ 之后的 8 个字符，见 list）")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _bureau(self, short: str) -> Bureau:
        if short:
            bureau = Bureau.objects.filter(short_name=short).first()
            if bureau is None:
                names = "、".join(Bureau.objects.values_list("short_name", flat=True)) or "（无）"
                raise CommandError(f"没有简称为“{short}”的执法局。已有：{names}。")
            return bureau
        bureaus = list(Bureau.objects.all()[:2])
        if not bureaus:
            raise CommandError("平台还没有执法局：请先创建执法局（或运行 zhifa demo）。")
        if len(bureaus) > 1:
            raise CommandError("平台有多个执法局：请用 --bureau 指明执法局简称。")
        return bureaus[0]

    def _create(self, options: dict[str, Any]) -> None:
        bureau = self._bureau(options["bureau"])
        try:
            key, raw = api_key_create(bureau=bureau, system=options["system"], actor=None,
                                      callback_url=options["callback"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已为“{key.system}”（{bureau.short_name}）签发接口密钥，前缀 {key.prefix}。")
        self.stdout.write("密钥只显示这一次，请立即复制到调用系统的配置中：")
        self.stdout.write(raw)

    def _list(self, options: dict[str, Any]) -> None:
        keys = ApiKey.objects.select_related("bureau").order_by("bureau_id", "-created_at")
        if options["bureau"]:
            keys = keys.filter(bureau=self._bureau(options["bureau"]))
        if not keys:
            self.stdout.write("还没有接口密钥。用 zhifa apikey create --system 名称 签发。")
            return
        self.stdout.write("前缀\t执法局\t调用系统\t创建\t最近调用\t状态\t回传地址")
        for key in keys:
            state = f"已吊销（{_when(key.revoked_at)}）" if key.revoked_at else "有效"
            self.stdout.write("\t".join([key.prefix, key.bureau.short_name, key.system, _when(key.created_at),
                                         _when(key.last_used_at), state, key.callback_url or "—"]))

    def _revoke(self, options: dict[str, Any]) -> None:
        prefix = options["prefix"].strip().removeprefix("zk_")[:8]
        key = ApiKey.objects.filter(prefix=prefix).first()
        if key is None:
            raise CommandError(f"没有前缀为“{prefix}”的密钥，请用 zhifa apikey list 查看。")
        try:
            api_key_revoke(key=key, actor=None)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已吊销“{key.system}”的密钥 {key.prefix}，用它的调用从现在起一律拒绝。")
