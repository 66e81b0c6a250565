#!/usr/bin/env bash
# Builds the runtime, snnc and the end-to-end/trainer tests with ASan+UBSan and runs them.
# Usage: scripts/sanitize-test.sh [BUILD_DIR]   (default: build-asan; packages from setup.sh)
# An out-of-bounds access or undefined behaviour in the project's code fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-asan}
cmake -G Ninja -S . -B "$build_dir" \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
  -DCMAKE_BUILD_TYPE=Release -DSNN_SANITIZE=ON > /dev/null
# Only what the suites below run: the whole tree twice would double CI's build time.
ninja -C "$build_dir" snnc snn-opt snn-core-check snn-runtime-tests snn-e2e-tests snn-training-tests
/usr/lib/llvm-22/bin/lit -sv "$build_dir/test/tools/snnc" "$build_dir/test/e2e" \
  "$build_dir/test/unit"
