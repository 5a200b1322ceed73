#!/usr/bin/env bash
# Set everything up (tools/install.sh, idempotent) and run the unit tests.
#   bash tools/run_tests.sh [pytest args...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/tools/install.sh"
VENV="${MMSSL_VENV:-$ROOT/.venv}"
cd "$ROOT"
echo "[mmssl] ruff check (imports, undefined names, style)"
"$VENV/bin/ruff" check --output-format concise "$ROOT"
echo "[mmssl] running the unit tests"
"$VENV/bin/python" -m pytest tests "$@"
