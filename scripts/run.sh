#!/usr/bin/env bash
# Quick start, command 1: set up everything and serve the platform with the demo bureau on SQLite.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_venv ""
say "数据库迁移"
"$VENV/bin/zhifa" migrate --verbosity 0
say "载入演示执法局"
"$VENV/bin/zhifa" demo
say "启动服务：用上面的账号和密码登录 http://${ZHIFA_HOST:-127.0.0.1}:${ZHIFA_PORT:-8000}/"
exec "$VENV/bin/zhifa" serve --no-migrate --host "${ZHIFA_HOST:-127.0.0.1}" --port "${ZHIFA_PORT:-8000}"
