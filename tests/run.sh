#!/usr/bin/env bash
# README's test command and CI's (.ci/run): installs the system packages the tests need when any is
# missing (tests/setup.sh, apt), then the project with its test extra into a virtual environment,
# then runs pytest. Arguments go to pytest: bash tests/run.sh -x -k excel
#
# The virtual environment: the one already active ($VIRTUAL_ENV), else .venv in the repository,
# created on first use (stock Debian/Ubuntu refuse pip outside one: PEP 668).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/setup.sh

if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --disable-pip-version-check -e '.[test]'
export XLWINGS_LICENSE_KEY=noncommercial
python -m pytest -q "$@"
