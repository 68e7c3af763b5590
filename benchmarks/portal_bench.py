#!/usr/bin/env python
"""Public decision list benchmark (issue 8): /portal/decisions/ on PostgreSQL with 1,000,000 published
decisions, two app-server processes, the load from separate processes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhifa_bench_portal \\
        .venv/bin/python benchmarks/portal_bench.py [--count 1000000] [--samples 200] [--clients 1,8,16]

1. Refuses a database whose name does not contain "bench"; drops and recreates it (unless --reuse), migrates,
   creates one bureau.
2. Stores `--count` published decisions with PostgreSQL COPY (the trigram index is dropped for the COPY and
   built again afterwards, as one would for a bulk import): decided over five years, published one to nine
   days later, 3,000 organisations and people as parties, twenty matters in six categories, `search_text`
   filled by zhifa.lib.search as the service does. VACUUM ANALYZE afterwards.
3. Starts two `zhifa serve` processes (waitress, `--threads` each) with the search rate limit lifted
   (ZHIFA_PORTAL_SEARCH_PER_MINUTE), then from another process times each page `--samples` times over
   one keep-alive connection per server (p50 / p95 / max): the list at page 1 and page 5,000 (`?page=`), the
   list deep by keyset (`?after=`), a search by a party's name (a few hundred hits), a category + dates
   filter at page 1 and page 5,000, a decision page, and a revalidation (If-None-Match → 304).
4. Requests per second of the list page (page 1, and page 5,000) with `--clients` connections from
   `--procs` load processes, `--seconds` each after `--warmup`.
5. Prints a table; drops the database afterwards unless --keep.

Not part of the test suite. Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

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

CITIES = ["金凤区", "兴庆区", "西夏区", "永宁县", "贺兰县", "灵武市", "大武口区", "惠农区", "利通区", "青铜峡市"]
BRANDS = ["鑫源", "恒达", "华信", "宏图", "锦程", "天润", "瑞丰", "博远", "盛世", "金鼎", "福顺", "新月", "汇通",
          "长青", "正阳", "万家", "安泰", "东方", "聚德", "启明", "佳禾", "润泽", "凯旋", "同心", "宝丰", "星河",
          "塞上", "贺兰山", "黄河", "六盘"]
TRADES = ["商贸有限公司", "餐饮管理有限公司", "建筑工程有限公司", "广告传媒有限公司", "物业服务有限公司",
          "房地产开发有限公司", "汽车服务有限公司", "烧烤店", "便利店", "装饰工程有限公司"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
# (matter, category, basis, penalty template)
MATTERS = [
    ("对擅自占用城市道路经营的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十六条", "罚款人民币{}元"),
    ("对在城市建筑物、设施上张挂、张贴宣传品的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十四条",
     "罚款人民币{}元"),
    ("对随意倾倒、抛撒、堆放城市生活垃圾的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十四条",
     "罚款人民币{}元"),
    ("对未经批准设置户外广告设施的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十六条",
     "责令限期拆除，罚款人民币{}元"),
    ("对餐饮服务单位油烟直排的行政处罚", "环境保护", "《中华人民共和国大气污染防治法》第一百一十八条",
     "罚款人民币{}元"),
    ("对夜间建筑施工噪声扰民的行政处罚", "环境保护", "《中华人民共和国噪声污染防治法》第七十七条",
     "罚款人民币{}元"),
    ("对露天焚烧垃圾的行政处罚", "环境保护", "《中华人民共和国大气污染防治法》第一百一十九条", "罚款人民币{}元"),
    ("对未取得建设工程规划许可证进行建设的行政处罚", "城乡规划", "《中华人民共和国城乡规划法》第六十四条",
     "责令限期改正，罚款人民币{}元"),
    ("对未按规划许可内容建设的行政处罚", "城乡规划", "《中华人民共和国城乡规划法》第六十四条", "罚款人民币{}元"),
    ("对擅自挖掘城市道路的行政处罚", "市政公用", "《城市道路管理条例》第四十二条", "罚款人民币{}元"),
    ("对擅自占用城市道路的行政处罚", "市政公用", "《城市道路管理条例》第四十二条", "罚款人民币{}元"),
    ("对向城市排水设施排放污水未取得许可的行政处罚", "市政公用", "《城镇排水与污水处理条例》第五十条",
     "罚款人民币{}元"),
    ("对损坏城市绿化设施的行政处罚", "园林绿化", "《城市绿化条例》第二十六条", "罚款人民币{}元"),
    ("对擅自砍伐城市树木的行政处罚", "园林绿化", "《城市绿化条例》第二十六条", "罚款人民币{}元"),
    ("对擅自占用城市绿地的行政处罚", "园林绿化", "《城市绿化条例》第二十七条", "责令限期退还，罚款人民币{}元"),
    ("对车辆超限运输损坏公路的行政处罚", "交通运输", "《公路安全保护条例》第六十四条", "罚款人民币{}元"),
    ("对在公路用地范围内设置非公路标志的行政处罚", "交通运输", "《中华人民共和国公路法》第七十九条",
     "罚款人民币{}元"),
    ("对运输车辆沿途泄漏遗撒的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十四条",
     "罚款人民币{}元"),
    ("对违反规定饲养家禽家畜影响市容的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十四条",
     "罚款人民币{}元"),
    ("对在城市道路两侧晾晒、吊挂物品的行政处罚", "市容环境卫生", "《城市市容和环境卫生管理条例》第三十四条",
     "罚款人民币{}元"),
]
FACTS = ["当事人在人行道上摆摊经营，经责令改正拒不改正。", "当事人店铺油烟未经处理直接排放。",
         "当事人在夜间22时后进行产生噪声的施工作业。", "当事人未经批准在建筑物外墙设置户外广告牌。",
         "当事人未取得建设工程规划许可证搭建彩钢房。", "当事人运输渣土车辆未密闭，沿途遗撒。"]
FIRST_DAY = dt.date(2021, 11, 20)  # the last decisions published before the end of November 2026
DAYS = 5 * 365
COMPANY_Q = "西夏区宏图餐饮管理有限公司"  # one party of the 3,000: a few hundred decisions
FILTER_CATEGORY, FILTER_FROM, FILTER_TO = "市容环境卫生", "2022-06-01", "2025-05-31"


# --- the database --------------------------------------------------------------------------------------
def prepare() -> int:
    """Migrate; one bureau. Returns its id."""
    from django.core.management import call_command

    from zhifa.accounts.models import Bureau
    from zhifa.accounts.services import bureau_create

    call_command("migrate", verbosity=0)
    bureau = Bureau.objects.filter(short_name="基准综执").first() or bureau_create(
        name="基准区综合行政执法局", short_name="基准综执", actor=None)
    return bureau.pk


def parties() -> list[tuple[str, str, str]]:
    """3,000 parties (kind, name, credit code): 2,700 organisations and businesses, 300 people."""
    rng = random.Random(3)
    out = []
    for city in CITIES:
        for brand in BRANDS:
            for trade in TRADES:
                kind = "business" if trade in ("烧烤店", "便利店") else "organisation"
                code = "9164" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(14))
                out.append((kind, f"{city}{brand}{trade}", code))
    rng.shuffle(out)
    for i in range(300):
        out[i * 9] = ("person", f"{SURNAMES[i % len(SURNAMES)]}某", "")
    return out


def disclosures_copy(bureau_id: int, count: int) -> float:
    """COPY `count` published decisions (trigram index rebuilt afterwards); returns the seconds it took."""
    from django.db import connection
    from django.utils import timezone

    from zhifa.lib.search import search_text
    from zhifa.portal.models import Disclosure

    existing = Disclosure.objects.count()
    if existing >= count:
        return 0.0
    fields = [f for f in Disclosure._meta.concrete_fields if f.column != "id"]
    columns = [f.column for f in fields]
    people = parties()
    now = timezone.now()
    tz = timezone.get_current_timezone()
    rng = random.Random(11)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS disclosure_public_search_trgm")
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        with raw.copy(f"COPY portal_disclosure ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(existing, count):
                decided = FIRST_DAY + dt.timedelta(days=i * DAYS // count)
                published = dt.datetime.combine(decided + dt.timedelta(days=rng.randint(1, 9)),
                                                dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59)),
                                                tzinfo=tz)
                kind, party, code = people[rng.randrange(len(people))]
                matter, category, basis, penalty_tpl = MATTERS[rng.randrange(len(MATTERS))]
                fine = rng.choice([200, 500, 1000, 2000, 5000, 10000, 20000])
                number = f"基综执罚决字〔{decided.year}〕第{i + 1}号"
                title = f"{party}{matter[1:].replace('的行政处罚', '')}案"
                penalty = penalty_tpl.format(f"{fine:,}.00")
                values = {
                    "bureau_id": bureau_id, "case_id": None, "kind": "penalty", "state": "published", "version": 2,
                    "decided_on": decided, "due_on": decided + dt.timedelta(days=9), "exclusion": "",
                    "document_number": number, "title": title, "party_kind": kind, "party_name": party,
                    "credit_code": code, "matter_name": matter, "matter_category": category, "legal_basis": basis,
                    "penalty": penalty, "fine_fen": fine * 100, "facts_public": rng.choice(FACTS),
                    "verify_code": f"{i:010X}"[-10:], "published_at": published, "published_by_id": None,
                    "withdraw_due": None, "withdrawn_at": None, "withdrawal_reason": "",
                    "take_down_on": decided + dt.timedelta(days=1826), "created_at": now,
                    "search_text": search_text(number, title, party, code, matter, category, penalty),
                }
                copy.write_row([values[c] for c in columns])
                if i and i % 200_000 == 0:
                    print(f"  已写入 {i:,} 条（{time.perf_counter() - start:.0f} s）", flush=True)
    copied = time.perf_counter() - start
    print(f"  COPY 用时 {copied:.0f} s；重建 trigram 索引…", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("CREATE INDEX IF NOT EXISTS disclosure_public_search_trgm ON portal_disclosure "
                       "USING gin (search_text gin_trgm_ops) WHERE state = 'published'")
    connection.close()
    database_vacuum()
    return time.perf_counter() - start


def database_vacuum() -> None:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE portal_disclosure")


# --- servers and load ----------------------------------------------------------------------------------
def get(conn: http.client.HTTPConnection, path: str, headers: dict[str, str] | None = None
        ) -> tuple[int, bytes, http.client.HTTPResponse]:
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read(), response


def timing_process(ports: list[int], pages: list[tuple[str, str, bool]], samples: int, queue: Any) -> None:
    """Times each page `samples` times, alternating the servers; puts {label: (latencies, statuses)}."""
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=30) for port in ports]
    out: dict[str, tuple[list[float], dict[int, int]]] = {}
    for label, path, revalidate in pages:
        headers: dict[str, str] = {}
        if revalidate:
            _status, _body, response = get(conns[0], path)
            headers = {"If-None-Match": response.getheader("ETag") or ""}
        for conn in conns:  # one warm-up per server (its first count of a filter is then cached)
            get(conn, path, headers)
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        for n in range(samples):
            began = time.perf_counter()
            status, _body, _ = get(conns[n % len(conns)], path, headers)
            latencies.append((time.perf_counter() - began) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
        out[label] = (latencies, statuses)
    queue.put(out)


def load_process(index: int, ports: list[int], path: str, connections: int, warmup: float, seconds: float,
                 queue: Any) -> None:
    """`connections` threads, each a keep-alive connection GETting `path`; returns (latencies, statuses)."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    t0 = time.time()
    measure_from, stop_at = t0 + warmup, t0 + warmup + seconds

    def worker(thread: int) -> None:
        port = ports[(index + thread) % len(ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            now = time.time()
            if now >= stop_at:
                break
            began = time.perf_counter()
            try:
                status, _body, _ = get(conn, path)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            elapsed = (time.perf_counter() - began) * 1000
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


def pages_to_time() -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The pages, and notes on filters that do not reach page 5,000."""
    from zhifa.portal import public_selectors as sel
    from zhifa.portal.models import Disclosure

    public = Disclosure.objects.public().order_by("-published_at", "-id")
    deep = public.values_list("published_at", "id")[4999 * sel.PAGE_SIZE - 1]
    cursor = f"{deep[0].isoformat()},{deep[1]}"
    hits = Disclosure.objects.public().filter(search_text__contains=COMPANY_Q).count()
    filtered = Disclosure.objects.public().filter(matter_category=FILTER_CATEGORY, decided_on__gte=FILTER_FROM,
                                                  decided_on__lte=FILTER_TO).count()
    one = public.values_list("id", flat=True)[min(123_456, public.count() - 1)]  # a decision deep in the table
    filt = urlencode({"category": FILTER_CATEGORY, "from": FILTER_FROM, "to": FILTER_TO})
    pages = [
        ("列表 第 1 页", "/portal/decisions/", False),
        ("列表 第 5,000 页（?page=）", "/portal/decisions/?page=5000", False),
        ("列表 第 5,001 页（?after= 键集）", f"/portal/decisions/?after={quote(cursor)}&page=5001", False),
        (f"搜索 q=单位名称（{hits} 条）第 1 页", f"/portal/decisions/?q={quote(COMPANY_Q)}", False),
        (f"类别+日期（{filtered:,} 条）第 1 页", f"/portal/decisions/?{filt}", False),
    ]
    notes = []
    if filtered > 4999 * sel.PAGE_SIZE:
        pages.append((f"类别+日期（{filtered:,} 条）第 5,000 页", f"/portal/decisions/?{filt}&page=5000", False))
    else:
        notes.append(f"类别+日期筛选只有 {filtered:,} 条，不到 5,000 页。")
    pages += [
        ("列表 第 1 页，If-None-Match → 304", "/portal/decisions/", True),
        ("决定页 /portal/decisions/<id>/", f"/portal/decisions/{one}/", False),
    ]
    notes.append(f"搜索 q={COMPANY_Q} 只有 {hits} 条（{-(-hits // sel.PAGE_SIZE)} 页），没有第 5,000 页。")
    return pages, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_000_000, help="published decisions stored")
    parser.add_argument("--samples", type=int, default=200, help="timed requests per page")
    parser.add_argument("--clients", default="1,8,16", help="connections for the requests-per-second runs")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--procs", type=int, default=2, help="load-generating processes")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per server")
    parser.add_argument("--ports", default="8721,8722")
    parser.add_argument("--reuse", action="store_true", help="keep the database and its decisions")
    parser.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    parser.add_argument("--load-only", action="store_true", help="store the decisions and stop (implies --keep)")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    name = database_name(url, "zhifa_bench_portal")
    database_recreate(url, name, keep=args.reuse)
    django_setup()
    bureau_id = prepare()
    print(f"数据库 {name}：写入 {args.count:,} 条已公示的决定（COPY）…", flush=True)
    took = disclosures_copy(bureau_id, args.count)
    from django.db import connection

    from zhifa.portal.models import Disclosure

    total = Disclosure.objects.public().count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('portal_disclosure'))")
        size = cursor.fetchone()[0]
    if took:
        print(f"  写入用时 {took:.0f} s（含建索引与 VACUUM ANALYZE，{args.count / took:,.0f} 条/秒）", flush=True)
    print(f"  已公示 {total:,} 条，表含索引 {size}", flush=True)
    if args.load_only:
        return
    pages, notes = pages_to_time()
    connection.close()

    ports = [int(p) for p in args.ports.split(",")]
    servers = servers_start(ports, args.threads, ready_path="/portal/decisions/",
                            env_extra={"ZHIFA_PORTAL_SEARCH_PER_MINUTE": "100000000"})
    rps: list[tuple[str, int, float, list[float], dict[int, int]]] = []
    try:
        queue: Any = multiprocessing.Queue()
        timer = multiprocessing.Process(target=timing_process, args=(ports, pages, args.samples, queue))
        print(f"两个服务进程（端口 {args.ports}，各 {args.threads} 线程）；逐页计时，每页 {args.samples} 次…",
              flush=True)
        timer.start()
        timed = queue.get()
        timer.join()
        for path_label, path in (("列表 第 1 页", "/portal/decisions/"),
                                 ("列表 第 5,000 页", "/portal/decisions/?page=5000")):
            for clients in [int(c) for c in args.clients.split(",")]:
                procs = min(args.procs, clients)
                per = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
                loaders = [multiprocessing.Process(target=load_process, args=(i, ports, path, per[i], args.warmup,
                                                                              args.seconds, queue))
                           for i in range(procs)]
                print(f"  吞吐：{path_label}，{clients} 个连接，{args.seconds:.0f} s …", flush=True)
                for loader in loaders:
                    loader.start()
                results = [queue.get() for _ in loaders]
                for loader in loaders:
                    loader.join()
                latencies = [v for lat, _ in results for v in lat]
                statuses: dict[int, int] = {}
                for _, counts in results:
                    for status, n in counts.items():
                        statuses[status] = statuses.get(status, 0) + n
                rps.append((path_label, clients, len(latencies) / args.seconds, latencies, statuses))
    finally:
        servers_stop(servers)

    print(f"\n结果（已公示 {total:,} 条；单连接顺序请求，两个服务进程轮流；毫秒）：")
    print(f"  {'页面':<40} {'p50':>7} {'p95':>7} {'max':>7}  状态码")
    for label, (latencies, statuses) in timed.items():
        print(f"  {label:<40} {statistics.median(latencies):7.1f} {percentile(latencies, 95):7.1f} "
              f"{max(latencies):7.1f}  {dict(sorted(statuses.items()))}")
    for note in notes:
        print(f"  注：{note}")
    print("\n吞吐（另一个进程压测，keep-alive 连接）：")
    print(f"  {'页面':<20} {'连接':>4} {'请求/秒':>8} {'p50':>7} {'p95':>7}  状态码")
    for label, clients, per_second, latencies, statuses in rps:
        if latencies:
            print(f"  {label:<20} {clients:>4} {per_second:8.1f} {statistics.median(latencies):7.1f} "
                  f"{percentile(latencies, 95):7.1f}  {dict(sorted(statuses.items()))}")
    if not args.keep:
        database_admin(url, f'DROP DATABASE "{name}" WITH (FORCE)')
        print(f"已删除数据库 {name}")


if __name__ == "__main__":
    main()
