#!/usr/bin/env python
"""Case handling benchmark (issue 4): create cases with full histories through the services, then time the pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhifa_bench \\
        .venv/bin/python benchmarks/cases_bench.py --cases 100000 [--reuse] [--workers 2] [--samples 60]

- Refuses any database whose name does not contain "bench": it drops and recreates it (unless --reuse).
- Migrates, loads the demo bureau and catalog (zhifa.accounts.demo, zhifa.catalog.demo), gives every team
  officer an account, then creates cases in `--workers` processes through zhifa.cases.services only — lead,
  filing request with parties, approval (the number), evidence rows, inspection record, report, the review
  chain (legal review and collective discussion where the rules say so), notice, decision — spread over two
  years and over every state, and reports the creation rate.
- Then times, with django.test.Client (logged in, second factor given), for the demo `officer` and `leader`:
  the workbench `/`, the case list filtered by state (first page and deep keyset pages), the list searched by
  a party's name, and case pages; prints p50/p95/max and the number of SQL queries per page.
- With --reuse the existing cases are kept and only the missing ones are created.

Not part of the test suite. Results and how to read them: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import benchlib  # noqa: E402
from benchlib import database_name, database_recreate  # noqa: E402

TARGET_MS = 100.0


# --- the database --------------------------------------------------------------------------------------------
def django_setup() -> None:
    os.environ.setdefault("ZHIFA_DB_POOL_MAX", "4")
    benchlib.django_setup()


# --- who works on the cases --------------------------------------------------------------------------------------
@dataclass
class Team:
    officers: list[int]  # user ids of the team's officers (each linked to a certified Officer)
    leader: int  # user id of the team leader


@dataclass
class Context:
    bureau_id: int
    teams: list[Team]
    leader: int
    deputy: int
    reviewer: int
    matters: list[str]
    today: dt.date


def prepare() -> Context:
    """Demo bureau and catalog; an account for every team officer and team leader; renewed certificates so
    that cases filed two years ago had certified officers; a calendar for the months ahead."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from zhifa.accounts import services as accounts
    from zhifa.accounts.demo import TEAMS, demo_organisation_load
    from zhifa.accounts.models import Department, Officer, User
    from zhifa.accounts.roles import Role
    from zhifa.accounts.services import CertificateData
    from zhifa.catalog.demo import demo_catalog_load
    from zhifa.workdays.calendar_cache import calendar_cache_clear, work_calendar_load
    from zhifa.workdays.importing import CalendarImportRow
    from zhifa.workdays.services import calendar_year_import

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    bureau, _ = demo_organisation_load()
    demo_catalog_load(bureau=bureau)
    for year in (today.year, (today + dt.timedelta(days=90)).year):
        if not work_calendar_load().covers(year):
            calendar_year_import(rows=[CalendarImportRow(2, f"{year}-01-01", "放假", "元旦")], year=year,
                                 source="基准测试用临时日历（非官方）", actor=None)
            calendar_cache_clear()
    teams = []
    with transaction.atomic():
        for index, name in enumerate(TEAMS):
            department = Department.objects.get(bureau=bureau, name=name)
            members = Officer.objects.filter(bureau=bureau, department=department, kind=Officer.Kind.OFFICER)
            officers, head = [], None
            for officer in members.order_by("pk"):
                latest = officer.certificates.order_by("-valid_to").first()
                if latest is None or latest.valid_to < today + dt.timedelta(days=90):
                    continue  # expiring soon: not on two years of cases
                if officer.user_id is None:
                    roles = [Role.TEAM_LEADER, Role.OFFICER] if officer.position == "中队长" else [Role.OFFICER]
                    accounts.user_create(username=f"bench_{index}_{officer.pk}", password=accounts.password_generate(),
                                         roles=roles, actor=None, full_name=officer.name, bureau=bureau,
                                         department=department, officer=officer)
                    officer.refresh_from_db()
                current = officer.certificates.order_by("valid_from").first()
                if current is not None and current.valid_from > today - dt.timedelta(days=800):
                    end = current.valid_from - dt.timedelta(days=1)
                    accounts.certificate_add(officer=officer, actor=None, data=CertificateData(
                        number=f"{current.number}-{end.year - 3}", issuing_authority=current.issuing_authority,
                        valid_from=end - dt.timedelta(days=3 * 365), valid_to=end))
                if officer.position == "中队长":
                    head = officer.user_id
                else:
                    officers.append(officer.user_id)
            assert head is not None
            teams.append(Team(officers=[o for o in officers if o is not None], leader=head))
        deputy_officer = Officer.objects.filter(bureau=bureau, position="副局长").order_by("pk").first()
        assert deputy_officer is not None
        if deputy_officer.user_id is None:
            accounts.user_create(username="bench_deputy", password=accounts.password_generate(),
                                 roles=[Role.BUREAU_LEADER], actor=None, full_name=deputy_officer.name, bureau=bureau,
                                 officer=deputy_officer)
            deputy_officer.refresh_from_db()
    from zhifa.cases.demo import BUILDING, SHOPS, SITES, STREET

    return Context(bureau_id=bureau.pk, teams=teams, leader=User.objects.get(username="leader").pk,
                   deputy=deputy_officer.user_id or 0, reviewer=User.objects.get(username="reviewer").pk,
                   matters=STREET + SHOPS + SITES + BUILDING, today=today)


# --- creating cases ----------------------------------------------------------------------------------------------
def _state_for(rng: random.Random, filed_ago: int) -> str:
    """Old cases are mostly closed; recent ones spread over the open states."""
    r = rng.random()
    if filed_ago > 100:
        for state, share in (("decided", 0.78), ("not_punished", 0.08), ("not_filed", 0.04), ("dismissed", 0.03),
                             ("investigating", 0.04)):
            if r < share:
                return state
            r -= share
        return "reviewing"
    if filed_ago <= 3:
        return "filing_review"
    if filed_ago < 40:
        return rng.choice(["investigating", "investigating", "reviewing", "approved", "dismissed", "not_filed"])
    return rng.choice(["investigating", "reviewing", "approved", "notified", "notified", "decided", "not_punished"])


def create_case(ctx: Context, index: int, users: dict[int, Any], matters: dict[str, Any], stored: list[Any]) -> str:
    """One case, through the services, with the history its target state needs. Returns the state reached."""
    from django.utils import timezone

    from zhifa.accounts.demo import GIVEN, SURNAMES, demo_id_number
    from zhifa.cases import execution, services
    from zhifa.cases.demo import COMPANIES, PLACES, demo_credit_code
    from zhifa.cases.guards import latest_notice, pending_step
    from zhifa.cases.models import Approval, CaseOfficer, Evidence, Lead, Party
    from zhifa.cases.services import FilingData, PartyData, RecordData, ReportData
    from zhifa.catalog.discretion import CaseFacts, discretion_recommend

    rng = random.Random(index * 7919 + 17)
    team = ctx.teams[index % len(ctx.teams)]
    lead_user = users[team.officers[rng.randrange(len(team.officers))]]
    partner_user = users[rng.choice([o for o in team.officers if o != lead_user.pk])]
    filed_ago = rng.randrange(1, 730)
    state = _state_for(rng, filed_ago)
    today = ctx.today
    filed_on = today - dt.timedelta(days=filed_ago)
    discovered = filed_on - dt.timedelta(days=rng.randrange(1, 5))
    matter = matters[ctx.matters[index % len(ctx.matters)]]
    place = rng.choice(PLACES)
    lead = services.lead_register(actor=lead_user, source=rng.choice(Lead.Source.values), discovered_on=discovered,
                                  place=place, facts=f"{place}发现涉嫌违法行为")
    parties = []
    for _ in range(1 + (rng.random() < 0.2)):
        if rng.random() < 0.35:
            parties.append(PartyData(kind=Party.Kind.ORGANISATION, name=rng.choice(COMPANIES) + str(index),
                                     address=f"示范区{place}", credit_code=demo_credit_code(rng), representative="王某"))
        else:
            parties.append(PartyData(kind=Party.Kind.PERSON, name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                                     address=f"示范区幸福小区{rng.randrange(1, 40)}号楼", id_number=demo_id_number(rng),
                                     phone=f"139{rng.randrange(10**7, 10**8)}"))
    major = rng.random() < 0.01
    case = services.case_request_filing(lead=lead, actor=lead_user, data=FilingData(
        matter=matter, title=f"{parties[0].name}{matter.name[1:20]}案", facts=f"当事人在{place}实施违法行为。",
        violation_on=discovered - dt.timedelta(days=rng.randrange(0, 30)), parties=parties, is_major=major,
        officers=[(lead_user.officer, CaseOfficer.Role.LEAD), (partner_user.officer, CaseOfficer.Role.CO)]))
    leader, deputy, reviewer = users[ctx.leader], users[ctx.deputy], users[ctx.reviewer]
    if state == "filing_review":
        return state
    if state == "not_filed":
        services.case_transition(case=case, action="reject_filing", actor=leader, reason="不属于本局管辖")
        return state
    case = services.case_transition(case=case, action="approve_filing", actor=leader, on=filed_on)
    visit = timezone.make_aware(dt.datetime.combine(filed_on + dt.timedelta(days=1), dt.time(9, 30)))
    for n in range(2):
        file = stored[(index + n) % len(stored)]
        services.evidence_add(case=case, stored=file, kind=Evidence.Kind.PHOTO, title=f"现场照片{n + 1}",
                              collected_at=visit, how="现场拍摄", original_name=f"photo{n + 1}.{file.extension}",
                              actor=lead_user)
    services.record_add(case=case, actor=lead_user, data=RecordData(
        kind="inspection", place=place, started_at=visit, ended_at=visit + dt.timedelta(minutes=30),
        content="现场检查，当事人在场。", officers=[lead_user.officer, partner_user.officer], signed_by_subject=True))
    if state == "investigating":
        return state
    if state == "dismissed":
        services.case_transition(case=case, action="dismiss", actor=leader, reason="违法事实不能成立")
        return state
    punish = state != "not_punished"
    facts = CaseFacts(level="general") if punish else CaseFacts(minor_violation=True, corrected_in_time=True,
                                                                  harm="none")
    recommendation = discretion_recommend(matter=matter, facts=facts)
    fine = None
    if punish:
        fine = ((recommendation.min_fen or 0) + (recommendation.max_fen or 0)) // 2 // 100_00 * 100_00 or 500_00
    services.report_save(case=case, actor=lead_user, data=ReportData(
        facts_found="经调查，违法事实清楚。", outcome="penalty" if punish else "not_punishable", facts=facts,
        fine_fen=fine))
    case = services.case_transition(case=case, action="submit_report", actor=lead_user)
    stop = rng.randrange(0, 2) if state == "reviewing" else 99
    passed = 0
    while case.state == "reviewing" and passed < stop:
        step = pending_step(case)
        assert step is not None
        if step.kind == Approval.Kind.COLLECTIVE:
            case = services.collective_discussion_record(
                case=case, actor=leader, held_at=timezone.now(), place="会议室", participants=[leader, deputy],
                opinions=[], conclusion="同意", approved=True)
        else:
            actor = {Approval.Kind.TEAM_LEADER: users[team.leader], Approval.Kind.LEGAL_REVIEW: reviewer,
                     Approval.Kind.LEADER: leader}[Approval.Kind(step.kind)]
            case = services.review_decide(case=case, actor=actor, decision="approved", opinion="同意")
        passed += 1
    if state in ("reviewing", "approved"):
        return case.state
    if not punish:
        decided_on = min(filed_on + dt.timedelta(days=30), today)
        case = services.case_transition(case=case, action="decide_not_punished", actor=lead_user, on=decided_on)
        execution.decision_serve(case=case, method="direct", served_on=decided_on, receiver="当事人", actor=lead_user)
        return state
    served = min(filed_on + dt.timedelta(days=20), today)
    if state == "notified":
        served = today - dt.timedelta(days=rng.randrange(0, 12))
    case = services.case_transition(case=case, action="issue_notice", actor=lead_user, served_on=served)
    if state == "notified":
        return state
    notice = latest_notice(case)
    assert notice is not None
    decided = min(notice.periods_end + dt.timedelta(days=2), today)
    if decided <= notice.periods_end:
        services.rights_waive(case=case, waived_on=served, actor=lead_user)
    case = services.case_transition(case=case, action="decide", actor=lead_user, on=decided)
    execution.decision_serve(case=case, method="direct", served_on=decided, receiver="当事人", actor=lead_user)
    return state


def serve_decided_unserved() -> int:
    """Cases decided by a version of the services without the service step (part 2) are marked served on
    their decision day, with their service row, as the current services would have done; returns how many."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_service (case_id, document, method, served_on, receiver, witnesses, address, "
            "recorded_by_id, created_at) SELECT id, '行政处罚决定书', 'direct', decided_on, '当事人', '', '', "
            "created_by_id, now() FROM cases_case WHERE state IN ('decided', 'not_punished') AND served_on IS NULL "
            "AND decided_on IS NOT NULL")
        cursor.execute("UPDATE cases_case SET served_on = decided_on WHERE state IN ('decided', 'not_punished') "
                       "AND served_on IS NULL AND decided_on IS NOT NULL")
        return cursor.rowcount


def worker(ctx: Context, indices: range, progress: Any) -> None:
    django_setup()
    from django.db import connection

    from zhifa.accounts.models import User
    from zhifa.cases.demo import demo_jpeg, demo_png
    from zhifa.catalog.models import EnforcementMatter
    from zhifa.lib.errors import DomainError
    from zhifa.lib.evidence_store import evidence_store

    users = {u.pk: u for u in User.objects.filter(bureau_id=ctx.bureau_id).select_related("officer")}
    matters = {m.code: m for m in EnforcementMatter.objects.filter(bureau_id=ctx.bureau_id, code__in=ctx.matters)}
    # Eight files stored once (by hash); every evidence row points at one of them, as a row would.
    stored = [evidence_store(stream=io.BytesIO(demo_png(n) if n % 2 else demo_jpeg(str(n))), declared_name="x",
                             max_bytes=10**6, allowed={"image"}) for n in range(8)]
    done = failed = 0
    for index in indices:
        try:
            create_case(ctx, index, users, matters, stored)
        except DomainError as exc:
            failed += 1
            if failed <= 5:
                print(f"  案件 {index} 未能按计划办理：{exc.message}", file=sys.stderr)
        done += 1
        if done % 50 == 0:
            progress.put((50, 0))
    progress.put((done % 50, failed))
    connection.close()


def create(ctx: Context, start: int, count: int, workers: int) -> float:
    """Create `count` cases in `workers` processes; returns cases per second."""
    from django.db import connections

    connections.close_all()  # the children open their own
    spawn = multiprocessing.get_context("spawn")
    progress = spawn.Queue()
    per = -(-count // workers)
    ranges = [range(start + w * per, min(start + (w + 1) * per, start + count)) for w in range(workers)]
    procs = [spawn.Process(target=worker, args=(ctx, r, progress)) for r in ranges if len(r)]
    began = time.perf_counter()
    for proc in procs:
        proc.start()
    done = failed = 0
    last = began
    while any(p.is_alive() for p in procs) or not progress.empty():
        try:
            n, f = progress.get(timeout=1)
            done, failed = done + n, failed + f
        except Exception:  # queue.Empty
            pass
        if time.perf_counter() - last > 30:
            last = time.perf_counter()
            rate = done / (last - began)
            print(f"  已创建 {done}/{count} 件，{rate:.1f} 件/秒，预计还需 {(count - done) / max(rate, 0.01) / 60:.0f} 分钟",
                  flush=True)
    for proc in procs:
        proc.join()
        if proc.exitcode:
            raise SystemExit(f"创建进程异常退出（{proc.exitcode}）")
    elapsed = time.perf_counter() - began
    if failed:
        print(f"  {failed} 件未能按计划办理（见上）", file=sys.stderr)
    return count / elapsed if elapsed else 0.0


# --- growing the data by copying (when creating through the services would take hours) ----------------------
def copy_cases(target: int) -> int:
    """Copy every row of the case tables (cases, leads, parties, officers, evidence rows, records, approvals,
    deadlines, timelines …, with their many-to-many links) until the bureau holds about `target` cases.

    Each copy keeps the dates, states, people and matters of the cases made through the services, so the
    distribution the pages read is the same; primary keys and keys between case tables are shifted, case
    numbers get new sequence numbers (unique per bureau and year). Audit rows are not copied: no page measured
    here reads them. Returns the number of copies made.
    """
    from django.apps import apps
    from django.db import connection, transaction

    from zhifa.cases.models import Case

    base = Case.objects.count()
    copies = max(0, -(-(target - base) // base)) if base else 0
    if not copies:
        return 0
    models = list(apps.get_app_config("cases").get_models())
    tables = {model._meta.db_table: model for model in models}
    through = [field.remote_field.through for model in models for field in model._meta.many_to_many
               if field.remote_field.through._meta.auto_created]
    with connection.cursor() as cursor:
        top = {}
        for table in [*tables, *(m._meta.db_table for m in through)]:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
            top[table] = cursor.fetchone()[0]
        number_top = max(top["cases_case"], 1)
        with transaction.atomic():
            for model in [*models, *through]:
                table = model._meta.db_table
                columns, values = [], []
                for field in model._meta.concrete_fields:
                    column = field.column
                    columns.append(f'"{column}"')
                    target_table = field.related_model._meta.db_table if field.is_relation and field.related_model \
                        else None
                    if field.primary_key:
                        values.append(f'"{column}" + k * {top[table]}')
                    elif target_table in top:
                        values.append(f'"{column}" + k * {top[target_table]}')
                    elif table == "cases_case" and column == "number":
                        # 第12号 → 第(12 + k × the highest case id)号: unique within the bureau and year.
                        values.append("CASE WHEN number = '' THEN '' ELSE regexp_replace(number, '第([0-9]+)号', "
                                      f"'第' || (substring(number from '第([0-9]+)号')::int + k * {number_top})::text"
                                      " || '号') END")
                    else:
                        values.append(f'"{column}"')
                cursor.execute(
                    f'INSERT INTO "{table}" ({", ".join(columns)}) SELECT {", ".join(values)} FROM "{table}" '
                    f"CROSS JOIN generate_series(1, {copies}) AS k WHERE id <= {top[table]}")
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                               f'(SELECT MAX(id) FROM "{table}"))')
    return copies


# --- measuring the pages ----------------------------------------------------------------------------------------
@dataclass
class Timing:
    page: str
    user: str
    ms: list[float]
    queries: int

    def p(self, q: float) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(samples: int) -> list[Timing]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zhifa.accounts.models import User
    from zhifa.cases import selectors
    from zhifa.cases.selectors import CaseFilters

    results = []
    for username in ("officer", "leader"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        session = client.session
        session["zhifa_2fa_ok"] = True
        session.save()
        decided = selectors.case_list(user=user, filters=CaseFilters(state="decided"))
        visible = selectors.case_list(user=user, filters=CaseFilters())
        total = decided.count()
        pks = list(decided.values_list("pk", flat=True)[: min(total, 20000)])
        depths = [depth for depth in (10, 100, 500) if depth * 30 < len(pks)] or [0]
        deep = [pks[depth * 30] for depth in depths] if pks else []
        deep_label = "/".join(str(depth + 1) for depth in depths)
        party = selectors.case_list(user=user, filters=CaseFilters()).first()
        name = party.parties.first().name if party is not None and party.parties.exists() else "王"
        pages: list[tuple[str, list[str]]] = [
            ("工作台 /", ["/"]),
            ("案件列表 state=investigating 第1页", ["/cases/?state=investigating"]),
            ("案件列表 state=decided 第1页", ["/cases/?state=decided"]),
            (f"案件列表 state=decided 第{deep_label}页", [f"/cases/?state=decided&before={pk}" for pk in deep]),
            (f"案件列表 未筛选 第{deep_label}页", [f"/cases/?before={pk}" for pk in deep]),
            (f"案件列表 搜索当事人“{name}”", [f"/cases/?q={name}"]),
            ("案件页 /cases/<pk>/", [f"/cases/{pk}/" for pk in
                                    random.Random(1).sample(list(visible.values_list("pk", flat=True)[:5000]),
                                                            k=min(samples, visible.count()))]),
        ]
        for label, urls in pages:
            for url in urls[:3]:  # warm the caches and the connection
                client.get(url)
            times = []
            counts = []
            for n in range(samples):
                url = urls[n % len(urls)]
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                counts.append(len(queries.captured_queries))
            results.append(Timing(label, username, times, int(statistics.median(counts))))
            print(f"  {username:<8} {label:<40} p50 {results[-1].p(0.5):7.1f} ms  p95 {results[-1].p(0.95):7.1f} ms"
                  f"  max {max(times):7.1f} ms  SQL {results[-1].queries}", flush=True)
    return results


def sizes() -> dict[str, int]:
    from django.db import connection

    from zhifa.audit.models import AuditEvent
    from zhifa.cases.models import Approval, Case, CaseDeadline, Evidence, Party, TimelineEntry

    counts = {model.__name__: model.objects.count() for model in
              (Case, Party, Evidence, Approval, CaseDeadline, TimelineEntry, AuditEvent)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        counts["database_mb"] = cursor.fetchone()[0] // (1024 * 1024)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases the database should hold")
    parser.add_argument("--reuse", action="store_true", help="keep the database and its cases; create only the rest")
    parser.add_argument("--workers", type=int, default=2, help="processes creating cases (default 2: two cores)")
    parser.add_argument("--samples", type=int, default=60, help="requests per page and user")
    parser.add_argument("--skip-create", action="store_true", help="only measure the pages")
    parser.add_argument("--copy-to", type=int, default=0,
                        help="after creating, copy the cases until about this many (see copy_cases)")
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", "")
    name = database_name(url)
    database_recreate(url, name, keep=args.reuse or args.skip_create)
    django_setup()
    print(f"数据库 {name}，{os.cpu_count()} 核，{dt.datetime.now():%Y-%m-%d %H:%M}", flush=True)
    ctx = prepare()
    from zhifa.cases.models import Case

    existing = Case.objects.filter(bureau_id=ctx.bureau_id).count()
    missing = 0 if args.skip_create else max(args.cases - existing, 0)
    if missing:
        print(f"创建 {missing} 件案件（已有 {existing} 件），{args.workers} 个进程……", flush=True)
        rate = create(ctx, existing, missing, args.workers)  # plan i is the same on every run: reproducible
        print(f"创建速度：{rate:.1f} 件/秒（每件约 12–20 次服务调用，含审计日志）", flush=True)
    served = serve_decided_unserved()
    if served:
        print(f"补登送达：{served} 件（由未含送达步骤的版本办结）", flush=True)
    if args.copy_to > Case.objects.count():
        began = time.perf_counter()
        copies = copy_cases(args.copy_to)
        print(f"复制 {copies} 份，现有 {Case.objects.count()} 件（{time.perf_counter() - began:.0f} 秒）", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would have them in service
        cursor.execute("VACUUM ANALYZE")
    print("数据量：", sizes(), flush=True)
    print(f"页面耗时（每页每用户 {args.samples} 次请求，目标 p95 < {TARGET_MS:.0f} ms）：", flush=True)
    results = measure(args.samples)
    slow = [r for r in results if r.p(0.95) >= TARGET_MS]
    print("全部页面 p95 均低于 100 ms。" if not slow else
          "p95 超过 100 ms 的页面：" + "；".join(f"{r.user} {r.page} {r.p(0.95):.0f} ms" for r in slow))


if __name__ == "__main__":
    main()
