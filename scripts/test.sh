#!/usr/bin/env bash
# Sets up (packages + build) and runs the whole test suite: lit, FileCheck, GoogleTest, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
/usr/lib/llvm-22/bin/lit -sv build/test build/test/unit 2>&1 | tee "$log" || status=$?
# The end-to-end, trainer and runtime tests again under ASan+UBSan.
echo "== sanitizer build (ASan+UBSan): scripts/sanitize-test.sh =="
scripts/sanitize-test.sh build-asan 2>&1 | tee -a "$log" || status=$?
# One closing line in the common "N passed, N failed" form for CI logs.
awk '{ n = $0; sub(/^[^:]*: */, "", n); n += 0 }
     /^ *Passed *:/ {p += n} /^ *(Failed|Unresolved|Timed Out) *:/ {f += n} /^ *(Unsupported|Skipped) *:/ {s += n}
     END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}' "$log"
exit "$status"
