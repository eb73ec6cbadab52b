#!/usr/bin/env bash
# Sets up everything the tests need on a Debian/Ubuntu machine, then runs them (pytest).
# Used as-is by CI (.ci/run) and by README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! /usr/bin/python3 -c "import uno" 2>/dev/null \
   || ! fc-list | grep -qi "noto.*cjk" || ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  echo "安装测试所需的 LibreOffice、中文字体、poppler 和 Chromium ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-calc libreoffice-writer libreoffice-script-provider-python python3-uno fonts-noto-cjk poppler-utils chromium chromium-driver >/dev/null
fi
python3 -m pip install -q -e '.[test]'
export XLWINGS_LICENSE_KEY=noncommercial
python3 -m pytest -q "$@"
