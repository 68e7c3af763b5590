"""`zhifa archive verify PATH` re-hashes an exported case file (folder or ZIP) against its manifest and names
every changed, missing and extra file; exit status 1 when anything is wrong.
`zhifa archive export CASE_NUMBER FOLDER [--version N]` unpacks a stored case file for the archive room."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.documents.casefile import archive_verify, case_file_export
from zhifa.documents.models import CaseFile
from zhifa.lib.errors import DomainError


class Command(BaseCommand):
    help = "电子卷宗：verify 校验导出的卷宗（文件夹或 ZIP）；export 导出某案的卷宗"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verify = verbs.add_parser("verify", help="按 manifest.json 重新计算 SHA-256，报告被改动、缺失和多出的文件")
        verify.add_argument("path", help="导出的卷宗文件夹或 ZIP 文件")
        export = verbs.add_parser("export", help="把系统中保存的卷宗解压到文件夹")
        export.add_argument("case", help="案号")
        export.add_argument("folder")
        export.add_argument("--version", type=int, default=None, help="卷宗版本（默认最新）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["verb"] == "verify":
                self._verify(Path(options["path"]))
            else:
                self._export(options["case"], Path(options["folder"]), options["version"])
        except DomainError as error:
            raise CommandError(error.message) from None

    def _verify(self, path: Path) -> None:
        if not path.exists():
            raise CommandError(f"{path} 不存在。")
        report = archive_verify(path)
        for name in report.changed:
            self.stdout.write(f"已改动  {name}")
        for name in report.missing:
            self.stdout.write(f"缺失    {name}")
        for name in report.untracked:
            self.stdout.write(f"清单外  {name}")
        if not report.ok:
            raise CommandError(f"校验未通过：共 {report.checked} 个文件，改动 {len(report.changed)} 个、缺失 "
                               f"{len(report.missing)} 个、清单外 {len(report.untracked)} 个。")
        self.stdout.write(f"校验通过：{report.checked} 个文件与清单一致。")

    def _export(self, number: str, folder: Path, version: int | None) -> None:
        files = CaseFile.objects.filter(case__number=number).order_by("-version")
        case_file = files.filter(version=version).first() if version else files.first()
        if case_file is None:
            raise CommandError(f"案号 {number} 没有{f'第 {version} 版' if version else ''}电子卷宗。")
        case_file_export(case_file, folder)
        self.stdout.write(f"已导出第 {case_file.version} 版电子卷宗到 {folder}")
