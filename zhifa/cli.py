"""The `zhifa` console command: every operator task is a Django management command behind it.

`zhifa serve`, `zhifa migrate`, `zhifa demo`, `zhifa createadmin`, `zhifa deadline RULE DATE`,
`zhifa audit verify` … are `django-admin <name>` with the settings module already chosen.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "zhifa"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
