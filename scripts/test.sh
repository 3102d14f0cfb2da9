#!/usr/bin/env bash
# The whole test suite on a fresh machine: set-up, lint, types, layer rule, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# Screenshots the UI tests render are kept as build artefacts (look at them after a run).
export PLEIEPUNKT_SCREENSHOTS="$PWD/build/screenshots"
# PATH first, so tools and subprocesses use the project's interpreter.
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"; ruff check .; ruff format --check . >/dev/null || { ruff format --diff . | head -50; exit 1; }
echo "== mypy"; mypy
echo "== layer rule"; lint-imports
echo "== pytest"
set +e
bash scripts/with-keyring.sh python -m pytest -W error "$@"
rc=$?
set -e
exit $rc
