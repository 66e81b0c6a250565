#!/usr/bin/env bash
# Installs every Debian package snnc needs (idempotent), then configures and builds.
# Usage: scripts/setup.sh [BUILD_DIR]   (default: build; BUILD_TYPE=Debug to override)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}

packages=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools   # LLVM/MLIR 22 (toolchain.md)
  libonnx-dev protobuf-compiler libprotobuf-dev            # ONNX protobuf classes
  libgtest-dev cmake ninja-build g++ zlib1g-dev            # build and unit tests
  dataset-fashion-mnist                                    # /usr/share/datasets/fashion-mnist
  libonnx-testdata                                         # ONNX backend node tests
  python3-onnx python3-torch python3-numpy                 # test-model and baseline scripts
  python3-matplotlib                                       # scripts/plot-training.py
  libopenmpi-dev openmpi-bin                               # data-parallel training (mpirun)
  libhdf5-dev python3-h5py                                 # NIR files (.nir is HDF5); test files
  time                                                     # /usr/bin/time -v: peak memory in tests
  libopenblas0-pthread                                     # optimised BLAS: numpy, and torch in bench/
)
scripts/install-packages.sh "${packages[@]}"

cmake -G Ninja -S . -B "$build_dir" \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}"
ninja -C "$build_dir"
