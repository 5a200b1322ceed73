#!/usr/bin/env bash
# Set everything up (tools/install.sh, idempotent) and run the main job on the
# embedded demo data: DetCon-B pretraining -> Mask R-CNN transfer -> COCO AP.
#   bash tools/run_demo.sh [tools/misc/run_demo.py args...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/tools/install.sh"
VENV="${MMSSL_VENV:-$ROOT/.venv}"
cd "$ROOT"
"$VENV/bin/python" tools/misc/run_demo.py "$@"
