#!/usr/bin/env python
"""Where a page's time goes: run one GET as a user and print each SQL query with its time, slowest first,
and EXPLAIN ANALYZE for those over --threshold ms. For the benchmark database (see cases_bench.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhifa_bench .venv/bin/python benchmarks/explain_page.py officer /
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("username")
    parser.add_argument("url")
    parser.add_argument("--threshold", type=float, default=5.0, help="EXPLAIN ANALYZE queries slower than this (ms)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zhifa.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=args.username))
    session = client.session
    session["zhifa_2fa_ok"] = True
    session.save()
    client.get(args.url)  # warm
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(args.url)
        total = (time.perf_counter() - began) * 1000
    timed = sorted(((float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries), reverse=True)
    print(f"{args.url} → {response.status_code}, {total:.1f} ms, {len(timed)} queries, "
          f"SQL {sum(t for t, _ in timed):.1f} ms")
    for ms, sql in timed:
        print(f"\n{ms:7.1f} ms  {sql[:400]}")
        if ms >= args.threshold and sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + sql)
                print("\n".join("          " + row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
