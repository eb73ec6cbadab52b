#!/usr/bin/env bash
# Installs the system packages the tests need (Debian/Ubuntu, apt), and only those that are missing:
# when everything is there it prints nothing and runs no apt at all. Used by tests/run.sh.
#   bash tests/setup.sh            install what is missing
#   bash tests/setup.sh --check    only list what is missing (exit 1 if anything is)
set -euo pipefail

# Everything apt installs when something is missing. Add a package here and a check in missing().
APT_PACKAGES="libreoffice-calc libreoffice-writer libreoffice-script-provider-python python3-uno
  fonts-noto-cjk poppler-utils chromium chromium-driver python3-venv"

SYSTEM_PYTHON="${SYSTEM_PYTHON:-/usr/bin/python3}"  # LibreOffice's Python bridge lives in the system Python
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# One line per missing piece. No "cmd | grep -q" here: under pipefail grep -q exits at the first
# match, the writer gets SIGPIPE, and the pipeline "fails" although the thing is installed.
missing() {
  command -v soffice >/dev/null || echo "soffice (LibreOffice)"
  command -v pdftoppm >/dev/null || echo "pdftoppm (poppler)"
  "$SYSTEM_PYTHON" -c "import uno" 2>/dev/null || echo "uno (python3-uno)"
  local fonts
  fonts="$(fc-list 2>/dev/null || true)"
  grep -qi "noto.*cjk" <<<"$fonts" || echo "Noto CJK fonts"
  command -v chromium >/dev/null || echo "chromium"
  [ -x "$CHROMEDRIVER" ] || echo "chromedriver"
  python3 -c "import ensurepip, venv" 2>/dev/null || echo "venv (python3-venv)"
}

gaps="$(missing)"
if [ "${1:-}" = "--check" ]; then
  printf '%s' "$gaps${gaps:+$'\n'}"
  [ -z "$gaps" ]
  exit
fi
[ -z "$gaps" ] && exit 0

echo "缺少测试所需的：${gaps//$'\n'/；}。正在用 apt 安装 ..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # the list is split on purpose
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
