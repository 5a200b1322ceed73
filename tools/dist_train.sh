#!/usr/bin/env bash
# tools/dist_train.sh CONFIG GPUS [train.py args...]
# Uses torchrun; on a machine without CUDA the processes use the gloo backend
# on CPU (GPUS is then the number of CPU processes). tools/dist_test.sh runs
# tools/test.py through this script (SCRIPT=test.py).
SCRIPT=${SCRIPT:-train.py}
if [ $# -lt 2 ]; then
    echo "usage: $0 CONFIG GPUS [${SCRIPT} args...]" >&2
    exit 2
fi
CONFIG=$1
GPUS=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-"127.0.0.1"}
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON=${PYTHON:-python}

PYTHONPATH="$ROOT:$PYTHONPATH" \
$PYTHON -m torch.distributed.run \
    --nnodes=$NNODES --node_rank=$NODE_RANK --master_addr=$MASTER_ADDR \
    --nproc_per_node=$GPUS --master_port=$PORT \
    "$ROOT/tools/$SCRIPT" $CONFIG --launcher pytorch "${@:3}"
