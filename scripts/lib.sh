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

# Debian packages. The platform: LibreOffice (headless, no GUI) turns documents into PDF, poppler-utils reads
# them back (pdftotext, pdffonts), CJK fonts. The tests add Chromium for the browser tests.
PLATFORM_PACKAGES=(libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai)
TEST_PACKAGES=(chromium)

install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "安装系统软件包：${missing[*]}"
    as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "无法安装 ${missing[*]}：请以 root 身份执行 apt-get install ${missing[*]}" >&2; return 1; }
  fi
}

ensure_platform_packages() {
  install_missing "${PLATFORM_PACKAGES[@]}" && ensure_fangsong_font
}

ensure_debian_packages() {
  install_missing "${PLATFORM_PACKAGES[@]}" "${TEST_PACKAGES[@]}" && ensure_fangsong_font
}

# A free FangSong for 仿宋_GB2312 (official documents' body type): FandolFang (GPL with the font exception),
# taken from Debian's texlive-lang-chinese package without installing TeX. zhifa/documents/fonts/fonts.conf
# maps the bureau's font names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) to the fonts on the server.
FANGSONG_DIR=/usr/local/share/fonts/zhifa
ensure_fangsong_font() {
  [ -f "$FANGSONG_DIR/FandolFang-Regular.otf" ] && return 0
  say "安装仿宋字体（FandolFang）"
  local work; work="$(mktemp -d)"
  ( cd "$work" && apt-get download -q texlive-lang-chinese >/dev/null \
    && dpkg-deb --fsys-tarfile texlive-lang-chinese_*.deb \
       | tar -x ./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf ./usr/share/doc/texlive-doc/fonts/fandol/README ) \
    && as_root mkdir -p "$FANGSONG_DIR" \
    && as_root cp "$work/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf" \
                  "$work/usr/share/doc/texlive-doc/fonts/fandol/README" "$FANGSONG_DIR/" \
    && as_root fc-cache -f "$FANGSONG_DIR" >/dev/null \
    || { echo "无法安装仿宋字体 FandolFang：请以 root 身份运行本脚本，或把 FandolFang-Regular.otf 放入 $FANGSONG_DIR" >&2; rm -rf "$work"; return 1; }
  rm -rf "$work"
}
