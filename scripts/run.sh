#!/usr/bin/env bash
# Quick start, command 1: set up everything and serve the platform with the demo bureau on SQLite.
# One background-job worker runs beside the web server and stops with it (docs/jobs.md).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_platform_packages || echo "未能安装 LibreOffice 或中文字体：平台照常运行，但文书暂不能生成 PDF（见 docs/documents.md）。" >&2
ensure_venv ""
say "数据库迁移"
"$VENV/bin/zhifa" migrate --verbosity 0
say "载入演示执法局"
"$VENV/bin/zhifa" demo

# Both run in the background and the script waits: a signal to the script (Ctrl+C, kill) then acts at once
# (bash would defer it until a foreground child ended). On any exit both are stopped with SIGTERM; the worker
# finishes its current job first.
worker="" server=""
stop() {
  trap - INT TERM
  kill -TERM $server $worker 2>/dev/null || true
  wait || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "启动后台任务进程"
"$VENV/bin/zhifa" worker --name "embedded" &
worker=$!
say "启动服务：用上面的账号和密码登录 http://${ZHIFA_HOST:-127.0.0.1}:${ZHIFA_PORT:-8000}/"
"$VENV/bin/zhifa" serve --no-migrate --host "${ZHIFA_HOST:-127.0.0.1}" --port "${ZHIFA_PORT:-8000}" &
server=$!
wait "$server"
