#!/usr/bin/env bash
# tools/dist_test.sh CONFIG CHECKPOINT GPUS [test.py args...]
if [ $# -lt 3 ]; then
    echo "usage: $0 CONFIG CHECKPOINT GPUS [test.py args...]" >&2
    exit 2
fi
SCRIPT=test.py exec "$(dirname "$0")/dist_train.sh" "$1" "$3" "$2" "${@:4}"
