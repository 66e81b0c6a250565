#!/usr/bin/env bash
# Sets up (packages + build), then trains the default Fashion-MNIST MLP 784-400-400-10 with
# TSSL-BP for a few epochs and prints the test accuracy after each epoch.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/bin/snnc train --epochs "${EPOCHS:-3}" --seed 1 --out build/fashion-mlp.mlir
build/bin/snnc eval build/fashion-mlp.mlir --show 10
