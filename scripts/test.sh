#!/usr/bin/env bash
# Quick start, command 2: set up and run every test: lint, types, the suite on SQLite and on PostgreSQL,
# and the browser tests. With CI=true, PostgreSQL and the browser are required (they fail, never skip).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_debian_packages || [ "${CI:-}" != "true" ]
ensure_venv "[dev]"

PG_URL="${ZHIFA_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
ensure_postgres() {
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
    say "启动 PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  fi
  return 1
}

export ZHIFA_DATA_DIR="$(mktemp -d)"
trap 'rm -rf "$ZHIFA_DATA_DIR"' EXIT
export ZHIFA_BROWSER="${ZHIFA_BROWSER:-/usr/bin/chromium}"

say "ruff（代码规范）"
"$VENV/bin/ruff" check --no-cache .
say "mypy（类型检查）"
"$VENV/bin/mypy" zhifa

say "测试：SQLite"
env -u DATABASE_URL "$VENV/bin/pytest" -q -m "not browser" -n 2

if ensure_postgres; then
  say "测试：PostgreSQL"
  DATABASE_URL="$PG_URL" ZHIFA_REQUIRE_POSTGRES=1 "$VENV/bin/pytest" -q -m "not browser" -n 2
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL 不可用（127.0.0.1:5432），CI 中必须运行 PostgreSQL 测试。" >&2; exit 1
else
  echo "跳过 PostgreSQL 测试：127.0.0.1:5432 不可用。" >&2
fi

say "浏览器测试（Playwright + Chromium）"
env -u DATABASE_URL "$VENV/bin/pytest" -q -m browser
