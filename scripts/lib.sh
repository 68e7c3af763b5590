# Shared by run.sh and test.sh: find Python 3.11, make the virtual environment, install the pinned packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ZHIFA_VENV:-$ROOT/.venv}"

say() { printf '\n==> %s\n' "$*"; }

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
      command -v "$candidate"; return 0
    fi
  done
  echo "需要 Python 3.11（未找到）。请先安装 python3.11。" >&2
  return 1
}

ensure_venv() {
  local extras="$1"   # "" or "[dev]"
  if [ ! -x "$VENV/bin/python" ]; then
    say "创建虚拟环境 $VENV"
    "$(find_python)" -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip
  fi
  # Re-install only when pyproject.toml changed since the last install with these extras.
  local stamp="$VENV/.zhifa-installed$extras"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    say "安装依赖（版本已在 pyproject.toml 中锁定）"
    "$VENV/bin/pip" install -q -e "$ROOT$extras"
    touch "$stamp"
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

# Debian packages the tests need: Chromium for the browser tests, CJK fonts for screenshots and documents.
ensure_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "安装系统软件包：${missing[*]}"
    as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
      || { echo "无法安装 ${missing[*]}：请以 root 身份执行 apt-get install ${missing[*]}" >&2; return 1; }
  fi
}
