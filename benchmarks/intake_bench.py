#!/usr/bin/env python
"""Complaint intake benchmark (issue 7): the hotline's REST push on PostgreSQL, two app-server processes,
with millions of complaints already stored.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhifa_bench \\
        .venv/bin/python benchmarks/intake_bench.py [--count 2000000] [--seconds 60] [--clients 16]

1. Refuses a database whose name does not contain "bench"; drops and recreates it (unless --reuse), migrates,
   creates one bureau with five complaint categories and a hotline API key.
2. Stores `--count` complaints (default 2,000,000) with PostgreSQL COPY: realistic rows spread over two years,
   every state, a quarter with sealed (AES-GCM) contacts, a third with coordinates, all indexes in place.
3. Starts two `zhifa serve` processes (waitress, `--threads` each) on two ports, then `--procs` load
   processes with `--clients` connections in all, each POSTing work orders with a fresh Idempotency-Key to
   /api/hotline/v1/complaints/ alternately on both servers for `--seconds` (after `--warmup` seconds), and
   a retry of an earlier key for one request in twenty (the 200 path).
4. Prints the sustained requests per second, p50 / p95 / p99 / max latency and the status codes; drops the
   database afterwards unless --keep.

Not part of the test suite. Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import (  # noqa: E402
    database_admin,
    database_name,
    database_recreate,
    django_setup,
    percentile,
    servers_start,
    servers_stop,
)

PLACES = ["解放西街", "文化东路", "北京中路", "新华街", "民族北街", "长城路", "黄河东路", "凤凰北街", "银湖巷", "丽景街"]
TEXTS = ["门前流动摊贩占道经营，影响通行。", "夜间施工噪声扰民，持续到凌晨。", "小区内私搭乱建，占用消防通道。",
         "商户油烟直排，气味很大。", "沿街店铺乱堆放杂物。", "建筑垃圾随意倾倒在路边。"]
CATEGORIES = [("street-vending", "占道经营", "ordinary"), ("night-noise", "夜间施工噪声", "urgent"),
              ("illegal-building", "违法建设", "complex"), ("cooking-fumes", "餐饮油烟", "ordinary"),
              ("garbage", "乱倒垃圾", "ordinary")]


# --- the database --------------------------------------------------------------------------------------
def prepare() -> tuple[int, str]:
    """Migrate; one bureau, its categories and a hotline key. Returns (bureau id, raw key)."""
    from django.core.management import call_command

    from zhifa.accounts.models import Bureau
    from zhifa.accounts.services import bureau_create
    from zhifa.intake.apikeys import api_key_create
    from zhifa.intake.models import ComplaintCategory

    call_command("migrate", verbosity=0)
    bureau = Bureau.objects.filter(short_name="基准综执").first() or bureau_create(
        name="基准区综合行政执法局", short_name="基准综执", actor=None)
    for sort, (code, name, level) in enumerate(CATEGORIES):
        ComplaintCategory.objects.get_or_create(bureau=bureau, code=code, defaults={
            "name": name, "level": level, "matter_category": "市容环境卫生", "sort": sort, "urgent_hours": 2})
    _key, raw = api_key_create(bureau=bureau, system="12345政务服务便民热线（基准测试）", actor=None)
    return bureau.pk, raw


def complaints_copy(bureau_id: int, count: int) -> float:
    """COPY `count` complaints into the table (all indexes in place); returns the seconds it took."""
    from django.db import connection
    from django.utils import timezone

    from zhifa.intake.models import Complaint, ComplaintCategory
    from zhifa.lib import crypto

    existing = Complaint.objects.filter(number__startswith="BK").count()
    if existing >= count:
        return 0.0
    categories = list(ComplaintCategory.objects.filter(bureau_id=bureau_id).values_list("pk", flat=True))
    fields = [f for f in Complaint._meta.concrete_fields if f.column != "id"]
    columns = [f.column for f in fields]
    sealed = [(crypto.seal(f"张{i}"), crypto.seal(f"1391234{i:04d}"), crypto.keyed_hash(f"1391234{i:04d}"))
              for i in range(200)]
    now = timezone.now()
    rng = random.Random(7)
    start = time.perf_counter()
    states = ["closed"] * 70 + ["replied"] * 15 + ["in_progress"] * 7 + ["dispatched"] * 5 + ["received"] * 3
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        with raw.copy(f"COPY intake_complaint ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(existing, count):
                received = now - dt.timedelta(seconds=rng.randint(3600, 730 * 86400))
                state = states[rng.randrange(100)] if received < now - dt.timedelta(days=20) else \
                    rng.choice(["received", "dispatched", "in_progress", "replied"])
                replied = received + dt.timedelta(days=rng.randint(1, 6)) if state in ("replied", "closed") else None
                contact = sealed[i % 200] if i % 4 == 0 else ("", "", "")
                place = f"{rng.choice(PLACES)}{rng.randint(1, 300)}号"
                text = rng.choice(TEXTS)
                number = f"BK{i:09d}"
                coords = (round(38.4 + rng.random() * 0.2, 6), round(106.1 + rng.random() * 0.3, 6)) \
                    if i % 3 == 0 else (None, None)
                values = {
                    "bureau_id": bureau_id, "number": number, "access_hash": "0" * 64,
                    "channel": "hotline" if i % 2 else rng.choice(["phone", "portal", "walk_in", "import"]),
                    "external_id": f"GD{i:010d}" if i % 2 else "", "api_key_id": None, "idempotency_key": None,
                    "category_id": categories[i % len(categories)], "place": place,
                    "latitude": coords[0], "longitude": coords[1], "description": text, "attributes": "{}",
                    "anonymous": not contact[0], "reporter_name_sealed": contact[0],
                    "reporter_phone_sealed": contact[1], "reporter_email_sealed": "",
                    "reporter_phone_hash": contact[2], "reporter_masked": "张某" if contact[0] else "匿名",
                    "state": state, "version": 3, "department_id": None, "township_id": None,
                    "received_at": received, "reply_rule": "complaint_ordinary",
                    "reply_due": received + dt.timedelta(days=7), "extended": False,
                    "dispatched_at": received + dt.timedelta(hours=2) if state != "received" else None,
                    "replied_at": replied, "closed_at": replied + dt.timedelta(days=1) if state == "closed" else None,
                    "reply": "经核查，已责令当事人整改完毕。" if replied else "", "replied_by_id": None,
                    "satisfaction": "satisfied" if state == "closed" and i % 50 else "", "rated_at": None,
                    "merged_into_id": None, "lead_id": None, "reply_pushed_at": None,
                    "search_text": f"{number} {place} {text}", "created_by_id": None,
                }
                copy.write_row([values[c] for c in columns])
                if i and i % 200_000 == 0:
                    print(f"  已写入 {i:,} 条（{time.perf_counter() - start:.0f} s）", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intake_complaint")
    return time.perf_counter() - start


# --- servers and load ----------------------------------------------------------------------------------
def load_process(index: int, ports: list[int], raw: str, connections: int, warmup: float, seconds: float,
                 queue: Any) -> None:
    """`connections` threads, each a keep-alive connection; returns (latencies ms, status counts) via queue."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    t0 = time.time()
    measure_from, stop_at = t0 + warmup, t0 + warmup + seconds

    def worker(thread: int) -> None:
        rng = random.Random(index * 1000 + thread)
        port = ports[(index + thread) % len(ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent: list[str] = []
        n = 0
        while True:
            now = time.time()
            if now >= stop_at:
                break
            retry = bool(sent) and rng.random() < 0.05
            idem = rng.choice(sent) if retry else f"P{index}T{thread}N{n}-{rng.randrange(10**9)}"
            n += 1
            code, _name, _ = CATEGORIES[rng.randrange(len(CATEGORIES))]
            body = json.dumps({
                "category": code, "place": f"{rng.choice(PLACES)}{rng.randint(1, 300)}号",
                "description": rng.choice(TEXTS), "reporter_name": "李四", "reporter_phone": "13812345678",
                "external_id": idem[:64],
            }, ensure_ascii=False).encode()
            headers = {"Authorization": f"Bearer {raw}", "Idempotency-Key": idem,
                       "Content-Type": "application/json"}
            began = time.perf_counter()
            try:
                conn.request("POST", "/api/hotline/v1/complaints/", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            elapsed = (time.perf_counter() - began) * 1000
            if not retry and status == 201:
                sent.append(idem)
            if now >= measure_from:
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put((latencies, statuses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2_000_000, help="complaints stored before the load")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=16, help="connections in all")
    parser.add_argument("--procs", type=int, default=2, help="load-generating processes")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per server")
    parser.add_argument("--ports", default="8711,8712")
    parser.add_argument("--reuse", action="store_true", help="keep the database and its complaints")
    parser.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    name = database_name(url, "zhifa_bench")
    database_recreate(url, name, keep=args.reuse)
    django_setup()
    bureau_id, raw = prepare()
    print(f"数据库 {name}：写入 {args.count:,} 条投诉（COPY）…", flush=True)
    took = complaints_copy(bureau_id, args.count)
    from django.db import connection

    from zhifa.intake.models import Complaint

    total = Complaint.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('intake_complaint'))")
        size = cursor.fetchone()[0]
    if took:
        print(f"  写入用时 {took:.0f} s（{args.count / took:,.0f} 条/秒）；表中共 {total:,} 条，含索引 {size}", flush=True)
    connection.close()

    ports = [int(p) for p in args.ports.split(",")]
    servers = servers_start(ports, args.threads, ready_path="/open311/v2/discovery.json")
    try:
        queue: Any = multiprocessing.Queue()
        per = [args.clients // args.procs + (1 if i < args.clients % args.procs else 0) for i in range(args.procs)]
        loaders = [multiprocessing.Process(target=load_process, args=(i, ports, raw, per[i], args.warmup,
                                                                      args.seconds, queue)) for i in range(args.procs)]
        print(f"两个服务进程（端口 {args.ports}，各 {args.threads} 线程），{args.procs} 个压测进程共 {args.clients} 个连接，"
              f"预热 {args.warmup:.0f} s，测量 {args.seconds:.0f} s …", flush=True)
        for loader in loaders:
            loader.start()
        results = [queue.get() for _ in loaders]
        for loader in loaders:
            loader.join()
    finally:
        servers_stop(servers)
    latencies = [v for lat, _ in results for v in lat]
    statuses: dict[int, int] = {}
    for _, counts in results:
        for status, n in counts.items():
            statuses[status] = statuses.get(status, 0) + n
    ok = statuses.get(201, 0) + statuses.get(200, 0)
    print(f"\n结果（表中原有 {total:,} 条投诉）：")
    print(f"  请求 {len(latencies):,} 次，成功 {ok:,}；状态码 {dict(sorted(statuses.items()))}")
    print(f"  持续吞吐 {len(latencies) / args.seconds:.1f} 请求/秒（成功 {ok / args.seconds:.1f}/秒）")
    if latencies:
        print(f"  延迟 ms：p50 {statistics.median(latencies):.1f}  p95 {percentile(latencies, 95):.1f}  "
              f"p99 {percentile(latencies, 99):.1f}  max {max(latencies):.1f}")
    print(f"  推送后表中共 {Complaint.objects.count():,} 条")
    connection.close()
    if not args.keep:
        database_admin(url, f'DROP DATABASE "{name}" WITH (FORCE)')
        print(f"已删除数据库 {name}")


if __name__ == "__main__":
    main()
