#!/usr/bin/env bash
# Sets up (packages + build) and runs the whole test suite: lit, FileCheck, GoogleTest, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
/usr/lib/llvm-22/bin/lit -sv build/test build/test/unit 2>&1 | tee "$log" || status=$?
# One closing line in the common "N passed, N failed" form for CI logs.
awk '/^ *Passed *:/ {p = $2} /^ *(Failed|Unresolved|Timed Out) *:/ {f += $NF ~ /%/ ? $(NF-1) : $NF}
     /^ *Unsupported *:/ {s = $2}
     END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}' "$log"
exit "$status"
