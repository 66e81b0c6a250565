#!/usr/bin/env bash
# Sets up (packages + build) and runs the whole test suite: lit, FileCheck, GoogleTest, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
/usr/lib/llvm-22/bin/lit -sv build/test build/test/unit
