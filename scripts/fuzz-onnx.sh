#!/usr/bin/env bash
# Fuzzes the ONNX importer with libFuzzer: builds build-fuzz/ with clang, runs it.
# Usage: scripts/fuzz-onnx.sh [SECONDS] [extra libFuzzer flags]   (default 600 s)
#
# The project is built with g++ against libMLIR.so. libFuzzer needs clang, so only the
# importer (frontend/ONNX) and the fuzz target are compiled here with clang-14 and
# -fsanitize=fuzzer-no-link,address,undefined (coverage-guided, with ASan/UBSan); the
# rest (SNNDialect, MLIR, LLVM, libonnx, protobuf) is linked from the normal build
# ($BUILD, default build/, which must be built: its tablegen outputs are used).
# New inputs collect in build-fuzz/corpus; crashes are written to build-fuzz/crash-*.
# To keep going past crashes: scripts/fuzz-onnx.sh 900 -fork=1 -ignore_crashes=1.
# Keep the committed corpus small: `build-fuzz/onnx-import-fuzzer -merge=1
# test/onnx/fuzz-corpus build-fuzz/corpus` adds only inputs with new coverage.
# Needs Debian's clang-14 and libclang-rt-14-dev (libFuzzer and the sanitizer runtimes),
# installed here when missing; CI does not fuzz, it replays the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh clang-14 libclang-rt-14-dev
seconds=${1:-600}
shift || true
build=${BUILD:-build}
out=build-fuzz
cxx=${CXX_FUZZ:-clang++-14}
command -v "$cxx" >/dev/null || { echo "fuzz-onnx: $cxx not found (apt-get install clang-14)" >&2; exit 2; }
[ -f "$build/lib/libSNNDialect.a" ] || { echo "fuzz-onnx: build $build first (ninja -C $build)" >&2; exit 2; }
mkdir -p "$out/obj" "$out/corpus"

flags=(-std=gnu++17 -O1 -g -fno-omit-frame-pointer -fno-rtti -fno-exceptions
       -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=vptr
       -DONNX_ML=1 -DONNX_NAMESPACE=onnx -D_GLIBCXX_USE_CXX11_ABI=1
       -D__STDC_CONSTANT_MACROS -D__STDC_FORMAT_MACROS -D__STDC_LIMIT_MACROS
       -I. -I"$build" -isystem /usr/lib/llvm-22/include)
objs=()
# The importer's sources are those of the SNNONNX library.
sources=$(awk '/add_mlir_library\(SNNONNX/{on=1; next} on && /DEPENDS|LINK_LIBS|\)/{on=0} on {print "frontend/ONNX/" $1}' \
  frontend/ONNX/CMakeLists.txt)
for src in $sources tools/snn-onnx-fuzz/FuzzTarget.cpp; do
  obj="$out/obj/$(basename "$src" .cpp).o"
  extra=()
  # libonnx's checker reports by exceptions (as in frontend/ONNX/CMakeLists.txt).
  [ "$(basename "$src")" = ModelChecker.cpp ] && extra=(-fexceptions -frtti)
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
    echo "fuzz-onnx: compiling $src"
    "$cxx" "${flags[@]}" "${extra[@]}" -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done
"$cxx" -fsanitize=fuzzer,address,undefined -o "$out/onnx-import-fuzzer" "${objs[@]}" \
  "$build/lib/libSNNDialect.a" \
  /usr/lib/llvm-22/lib/libMLIR.so /usr/lib/llvm-22/lib/libLLVM.so \
  -lonnx -lonnx_proto -lprotobuf -lstdc++ -lm -lpthread -Wl,-rpath,/usr/lib/llvm-22/lib

# Seeds: the committed corpus (models, truncations, bad graphs) and the dictionary.
# Run inside $out: libFuzzer writes its fuzz-N.log files to the working directory.
src=$(pwd)
cd "$out"
exec ./onnx-import-fuzzer -max_total_time="$seconds" -max_len=8192 \
  -rss_limit_mb=4096 -timeout=20 -dict="$src/test/onnx/fuzz.dict" -artifact_prefix=./ \
  "$@" corpus "$src/test/onnx/fuzz-corpus"
