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
# Clinical times never depend on the computer's zone (clinical/clock.py): the suite runs with the
# computer on UTC, and the views, forms and clinical rules run again on America/New_York.
CLINICAL_TIME_TESTS=(
  tests/clinical tests/ui/bedside tests/ui/test_main_window.py tests/ui/test_presenters.py
  tests/ui/test_presenters_critical.py tests/ui/test_presenters_prescriptions.py
  tests/ui/test_patient_list_due.py tests/ui/over_store/test_clinical_time_zones.py
  tests/app/test_store_bedside.py tests/app/test_store_records.py tests/app/bedside
  tests/app/shift/test_task_list.py tests/app/shift/test_handover_prefill.py
)
# A run of chosen tests (a path among the arguments) skips the second pass.
whole_suite=1
for arg in "$@"; do [[ $arg == -* || ! -e $arg ]] || whole_suite=0; done
set +e
TZ=UTC bash scripts/with-keyring.sh python -m pytest -W error "$@"
rc=$?
if [ $rc -eq 0 ] && [ $whole_suite -eq 1 ]; then
  echo "== pytest, the computer on America/New_York (clinical times stay Norwegian)"
  TZ=America/New_York bash scripts/with-keyring.sh python -m pytest -W error -q \
    -p no:cacheprovider "${CLINICAL_TIME_TESTS[@]}"
  rc=$?
fi
set -e
exit $rc
