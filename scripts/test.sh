#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: .venv/bin/python -m pytest, on every core
# (pytest-xdist, one test file per worker at a time, so a file's built indexes are built once), then the
# tests marked `alone` in one process: those that stop cluster nodes (they would fail another worker's
# OpenSearch requests) and those that time themselves (another worker's load would skew them).
# GAZETTE_TEST_WORKERS=0 runs everything in one process. Arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
workers="${GAZETTE_TEST_WORKERS:-auto}"
parallel=()
if [ "$workers" != 0 ]; then parallel=(-n "$workers" --dist loadfile); fi
status=0
.venv/bin/python -m pytest "${parallel[@]}" -m "not alone" "$@" || status=$?
# exit status 5: no test selected (arguments naming other tests), not a failure
.venv/bin/python -m pytest -m alone "$@" || { s=$?; [ "$s" = 5 ] || status=$s; }
if [ "$status" = 5 ]; then status=0; fi
exit "$status"
