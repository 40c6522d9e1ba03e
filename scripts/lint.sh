#!/usr/bin/env bash
# Lint, format check and type check (CI runs this before the tests): ruff check, ruff format --check, mypy.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
