"""What the PostgreSQL benchmarks share: the bench database (refusing one whose name lacks "bench"), Django
set-up, starting and stopping `zhifa serve` processes, and percentiles. Imported by the scripts beside it
(run as `.venv/bin/python benchmarks/<name>_bench.py`, which puts this folder on sys.path)."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent


def database_name(url: str, example: str = "zhifa_bench") -> str:
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SystemExit(f"基准测试只在 PostgreSQL 上运行：请设置 DATABASE_URL=postgres://…/{example}")
    name = unquote(parsed.path.lstrip("/"))
    if "bench" not in name:
        raise SystemExit(f"拒绝运行：数据库 {name!r} 的名称不含 bench。基准测试会清空数据库，请使用专用库。")
    return name


def database_admin(url: str, sql: str) -> None:
    """Run one statement on the server's `postgres` database (create, drop)."""
    import psycopg

    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def database_recreate(url: str, name: str, *, keep: bool) -> None:
    """Create the bench database, dropping it first unless `keep`."""
    import psycopg

    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
    os.environ.setdefault("ZHIFA_DATA_DIR", str(Path(tempfile.gettempdir()) / "zhifa-bench"))
    import django

    django.setup()


def servers_start(ports: list[int], threads: int, *, ready_path: str,
                  env_extra: dict[str, str] | None = None) -> list[subprocess.Popen[bytes]]:
    """`zhifa serve` (waitress) on each port, each its own session; returns once `ready_path` answers on all."""
    env = dict(os.environ)
    env.setdefault("ZHIFA_DB_POOL_MAX", str(threads + 2))
    env.update(env_extra or {})
    processes = [subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "zhifa"), "serve", "--no-migrate", "--port", str(port),
         "--threads", str(threads)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True) for port in ports]
    deadline = time.time() + 60
    for port in ports:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", ready_path)
                conn.getresponse().read()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit(f"服务进程（端口 {port}）未能启动") from None
                time.sleep(0.3)
    return processes


def servers_stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)  # each server is its own session: only its own process group
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
