#!/usr/bin/env bash
# Sets up, then compiles the default Fashion-MNIST MLP and classifies test images with it.
# (Untrained weights until training lands: expect chance-level accuracy.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/bin/snnc eval 784-400-400-10 --dataset fashion-mnist --limit-test 1000 --show 10 --seed 1
