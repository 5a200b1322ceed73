#!/usr/bin/env bash
# Set up mmssl's measured stack in a virtual environment. Idempotent: a second
# run only checks each step (and takes well under a minute once the mmcv wheel
# is cached).
#
#   tools/install.sh            # venv at <repo>/.venv
#
# Environment:
#   MMSSL_VENV   where the virtual environment lives   (default: <repo>/.venv)
#   MMSSL_CACHE  where built mmcv wheels are cached    (default: ~/.cache/mmssl)
#   PYTHON       interpreter used to create the venv   (default: python3.11)
#   MAX_JOBS     parallel compile jobs for mmcv's ops  (default: nproc)
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MMSSL_VENV:-$ROOT/.venv}"
CACHE="${MMSSL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmssl}"
PYTHON="${PYTHON:-python3.11}"
MMCV_VERSION=2.1.0
TOTAL_STEPS=6
STEP_NO=0
STEP_NAME=""
STEP_HINT=""

step() {
    STEP_NO=$((STEP_NO + 1))
    STEP_NAME="$1"
    STEP_HINT="$2"
    printf '\n[mmssl install %d/%d] %s\n' "$STEP_NO" "$TOTAL_STEPS" "$STEP_NAME"
}

on_error() {
    local rc=$?
    printf '\n[mmssl install] FAILED at step %d/%d (%s), exit code %d.\n' \
        "$STEP_NO" "$TOTAL_STEPS" "$STEP_NAME" "$rc" >&2
    [ -n "$STEP_HINT" ] && printf '[mmssl install] What to do: %s\n' "$STEP_HINT" >&2
    exit "$rc"
}
trap on_error ERR

# pip options shared by every call: the stack's pins as constraints, so that no
# later package can pull a different torch or a setuptools without
# pkg_resources.
CONSTRAINTS="$ROOT/requirements/constraints.txt"
# Measured on x86_64: the finished venv takes 6.1 GiB (PyPI's torch 2.14.1 is a
# CUDA build, 5.5 GiB of it); a fresh clone's install and tests (cached mmcv
# wheel) took 7.1 GiB at their peak. The margin covers mmcv's build tree.
MIN_FREE_GIB=9

step "checking the machine" \
     "install Python 3.11 with venv (e.g. 'apt-get install python3.11-venv'), a C++ compiler ('apt-get install g++') and free at least $MIN_FREE_GIB GiB of disk."
command -v "$PYTHON" >/dev/null || { echo "no '$PYTHON' on PATH (set PYTHON=...)" >&2; false; }
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || { echo "mmssl's stack is measured on Python 3.11; '$PYTHON' is $("$PYTHON" --version 2>&1)" >&2; false; }
command -v "${CXX:-g++}" >/dev/null || { echo "no C++ compiler ('${CXX:-g++}') on PATH: mmcv's ops are compiled from source" >&2; false; }
mkdir -p "$CACHE"
free_kib=$(df -Pk "$(dirname "$VENV")" | awk 'NR==2 {print $4}')
if [ ! -x "$VENV/bin/python" ] && [ "$free_kib" -lt $((MIN_FREE_GIB * 1024 * 1024)) ]; then
    echo "only $((free_kib / 1024 / 1024)) GiB free under $(dirname "$VENV"); the venv alone takes about 6.1 GiB" >&2
    false
fi
echo "python: $("$PYTHON" --version 2>&1); compiler: $("${CXX:-g++}" --version | head -n1); venv: $VENV; cache: $CACHE"

step "virtual environment and build tools" \
     "delete '$VENV' and run again; if 'venv' is missing install python3.11-venv."
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PY="$VENV/bin/python"
PIP=("$PY" -m pip --disable-pip-version-check)
"${PIP[@]}" install -q -c "$CONSTRAINTS" -r "$ROOT/requirements/build.txt"
echo "$("$PY" -c 'import setuptools; print("setuptools", setuptools.__version__)')"

step "torch 2.14.1 + torchvision 0.29.1" \
     "check that PyPI (or this machine's local wheel index) is reachable and that the disk is not full."
if ! "$PY" -c 'import torch, torchvision, sys; sys.exit(torch.__version__.split("+")[0] != "2.14.1")' 2>/dev/null; then
    "${PIP[@]}" install -c "$CONSTRAINTS" torch==2.14.1 torchvision==0.29.1
fi
"$PY" -c 'import torch, torchvision; print("torch", torch.__version__, "torchvision", torchvision.__version__, "cuda available:", torch.cuda.is_available())'

step "mmcv $MMCV_VERSION with ops (built from source, cached)" \
     "the build needs g++ with C++20 and about 3 GiB of RAM per job: set MAX_JOBS=1 on a small machine; remove '$CACHE/wheels' to force a rebuild."
mmcv_ok() { "$PY" -c "import mmcv, mmcv.ops, sys; from mmcv.ops import nms; sys.exit(mmcv.__version__ != '$MMCV_VERSION')" 2>/dev/null; }
if mmcv_ok; then
    echo "mmcv $MMCV_VERSION with ops already installed"
else
    # CUDA ops only where they can be compiled and used; CPU ops otherwise.
    variant=cpu
    if command -v nvcc >/dev/null && "$PY" -c 'import torch, sys; sys.exit(not torch.cuda.is_available())' 2>/dev/null; then
        variant="cu$("$PY" -c 'import torch; print(torch.version.cuda.replace(".", ""))')"
    fi
    key="mmcv-$MMCV_VERSION-torch2.14.1-$variant-cp311-$(uname -m)"
    wheel_dir="$CACHE/wheels/$key"
    wheel=$(ls "$wheel_dir"/mmcv-*.whl 2>/dev/null | head -n1 || true)
    if [ -z "$wheel" ]; then
        echo "no cached wheel '$key': building it (about 15 minutes on 2 cores)"
        src_dir="$CACHE/src"
        rm -rf "$src_dir" && mkdir -p "$src_dir"
        "${PIP[@]}" download -q --no-deps --no-binary :all: --no-build-isolation \
            -d "$src_dir" "mmcv==$MMCV_VERSION"
        tar -xzf "$src_dir"/mmcv-"$MMCV_VERSION".tar.gz -C "$src_dir"
        # torch >= 2.10 headers need C++20; mmcv 2.1.0 hard-codes older standards.
        sed -i -e 's/-std=c++14/-std=c++20/g' -e 's/-std=c++17/-std=c++20/g' \
            "$src_dir/mmcv-$MMCV_VERSION/setup.py"
        grep -q 'c++20' "$src_dir/mmcv-$MMCV_VERSION/setup.py"
        mkdir -p "$wheel_dir.partial"
        if [ "$variant" != cpu ]; then export FORCE_CUDA=1; fi
        MMCV_WITH_OPS=1 MAX_JOBS="${MAX_JOBS:-$(nproc)}" \
            "${PIP[@]}" wheel --no-build-isolation --no-deps -w "$wheel_dir.partial" \
            "$src_dir/mmcv-$MMCV_VERSION"
        rm -rf "$wheel_dir" && mv "$wheel_dir.partial" "$wheel_dir"
        rm -rf "$src_dir"
        wheel=$(ls "$wheel_dir"/mmcv-*.whl | head -n1)
    else
        echo "using cached wheel $wheel"
    fi
    "${PIP[@]}" install -q --no-deps --force-reinstall "$wheel"
    # mmcv's own runtime needs (its wheel was installed without them).
    "${PIP[@]}" install -q -c "$CONSTRAINTS" addict mmengine==0.10.7 numpy packaging Pillow pyyaml yapf opencv-python
    mmcv_ok
fi
"$PY" -c 'import mmcv; from mmcv.ops import nms; print("mmcv", mmcv.__version__, "ops OK")'

step "mmengine, mmdet, mmpretrain, pycocotools, scikit-image, test tools" \
     "check the network to PyPI; pins are in requirements/runtime.txt and requirements/constraints.txt."
"${PIP[@]}" install -q -c "$CONSTRAINTS" -r "$ROOT/requirements/runtime.txt" -r "$ROOT/requirements/tests.txt"
"$PY" -c 'import mmengine, mmdet, mmpretrain; print("mmengine", mmengine.__version__, "mmdet", mmdet.__version__, "mmpretrain", mmpretrain.__version__)'

step "mmssl (editable)" \
     "make sure setup.py is intact; 'git status' shows local edits."
"${PIP[@]}" install -q --no-deps --no-build-isolation -e "$ROOT"
"$PY" -c 'import mmssl; from mmssl.registry import MODELS; print("mmssl", mmssl.__version__, "ready")'

printf '\n[mmssl install] done. Activate with: source %s/bin/activate\n' "$VENV"
