#!/usr/bin/env bash
# On a Debian 12 machine with an NVIDIA GPU: builds snnc, runs the GPU tests and the GPU benchmark, writes the results.
# Usage: scripts/gpu-check.sh [OUT_DIR]   (default: gpu-check; needs the GPU driver, not the CUDA toolkit)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-gpu-check}
mkdir -p "$out"
snnc=build/bin/snnc

{
  echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  else
    echo "nvidia-smi: not found"
  fi
} | tee "$out/device.txt"

scripts/setup.sh build

# The GPU tests (lit feature cuda-gpu: /dev/nvidia0 or /dev/nvidiactl) and the PTX and
# no-GPU checks. A GPU that lit does not see makes the GPU tests UNSUPPORTED: refuse that.
status=0
/usr/lib/llvm-22/bin/lit -v build/test --filter 'cuda' 2>&1 | tee "$out/tests.txt" || status=$?
if grep -q '^UNSUPPORTED: .*cuda-gpu.test' "$out/tests.txt"; then
  echo "gpu-check: the GPU tests did not run: lit saw no /dev/nvidia0 or /dev/nvidiactl" | tee -a "$out/tests.txt"
  status=1
fi

# Throughput, GPU against the CPU backend on all cores, each figure as snnc prints it.
bench() { # label, command...
  local label=$1; shift
  local line
  line=$("$@" 2>&1 | grep -Eo '[0-9.]+ samples/s' | tail -1) || line="failed"
  printf '%-34s %s\n' "$label" "$line" | tee -a "$out/bench.txt"
}
: > "$out/bench.txt"
mlp=784-400-400-10
cnn=32C5/2-P2-64C5/2-P2-1024-10
for target in cpu cuda; do
  bench "MLP infer $target (10,000)" $snnc eval $mlp --seed 1 --target $target
  bench "MLP train $target (1 epoch)" $snnc train $mlp --seed 1 --epochs 1 --target $target
  bench "CNN infer $target (10,000)" $snnc eval $cnn --seed 1 --target $target
  bench "CNN train $target (6,000, batch 50)" $snnc train $cnn --seed 1 --epochs 1 --batch 50 --limit-train 6000 --limit-test 500 --target $target
done
if /usr/bin/python3 -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  echo "PyTorch sees the GPU: the PyTorch GPU baseline is not scripted yet" | tee -a "$out/bench.txt"
else
  echo "PyTorch GPU baseline: not run (this python3-torch has no CUDA)" | tee -a "$out/bench.txt"
fi
echo "gpu-check: results in $out/ (device.txt, tests.txt, bench.txt)"
exit "$status"
