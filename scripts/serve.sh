#!/usr/bin/env bash
# Set up (if needed), build the index from the bundled corpus if there is none, and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/gazette serve "$@"
