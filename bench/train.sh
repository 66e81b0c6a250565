#!/usr/bin/env bash
# Training throughput (TSSL-BP: forward + backward + optimiser step): `snnc train`
# vs. a plain PyTorch CPU implementation of the same algorithm, both run by this
# one command, for 1 and 2 threads; prints a table with the ratio snnc/pytorch.
# Usage (from anywhere):   bench/train.sh
#
# What is timed
#   snnc     `snnc train MODEL --epochs 1 --limit-train N --limit-test 100
#            --threads K --seed 1` on Fashion-MNIST; the figure is the trainer's
#            own "samples/s" of the epoch (runtime/Trainer.cpp: steady_clock
#            around the epoch's batch loop = batch gather from the in-memory
#            dataset, the compiled training step on K contiguous chunks of the
#            batch, gradient sum, accuracy count, AdamW + clip + clamp). Not in it:
#            process start, dataset read, model build, MLIR lowering + JIT
#            compile, the test evaluation. The figure is printed rounded to an
#            integer. The process wall time is printed alongside.
#   pytorch  bench/train_baseline.py: the same algorithm (tssl-bp.md §1–§5; it
#            checks itself against the spec's golden cases before timing) with
#            the same network, batch, T/τm/τs/ϑ, loss and optimiser settings,
#            torch.set_num_threads(K); times only STEPS training steps on
#            batches already in memory, after one untimed warm-up step.  Two
#            variants for dense layers: `matmul` (F.linear on the system BLAS:
#            OpenBLAS once scripts/setup.sh installed libopenblas0-pthread, else
#            the netlib reference BLAS) and
#            `conv1x1` (the same GEMM as a 1x1 F.conv2d: oneDNN, forward and
#            backward). Convolutions use oneDNN in both.
# What is not timed (pytorch)
#   import, weight init, generating the inputs (uniform random pixels with the
#   Fashion-MNIST normalisation, (p − 0.1307)/0.3081, and uniform random labels:
#   no dataset is read), the golden check, the warm-up step.
#
# Models: mlp = 784-400-400-10, batch 100 (snnc N = 4000 samples, pytorch 5
# steps); cnn = 32C5/2-P2-64C5/2-P2-1024-10, batch 50 (snnc N = 100, pytorch 2
# steps: both sides do only tens of samples/s here). T = 5, τm = 5, τs = 3,
# ϑ = 1, kernel loss, AdamW lr 5e-4 wd 0.01, clip 1.0, clamp ±4.
# Environment knobs: SNNC (binary, default build/bin/snnc), PYTHON (default
# /usr/bin/python3), THREADS ("1 2"), MLP_N (4000), MLP_STEPS (5), CNN_N (100,
# 0 = skip the CNN), CNN_STEPS (2). OMP_WAIT_POLICY is passed on to PyTorch:
# its OpenMP threads spin-wait by default, which on a loaded machine makes its
# 2-thread figures collapse; `OMP_WAIT_POLICY=passive bench/train.sh` avoids it.
# Needs the Fashion-MNIST files in /usr/share/datasets/fashion-mnist
# (scripts/setup.sh). Figures on a shared machine are only as good as its load:
# the script prints the load average before and after.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SNNC="${SNNC:-$root/build/bin/snnc}"
PYTHON="${PYTHON:-/usr/bin/python3}"
THREADS="${THREADS:-1 2}"
MLP_N="${MLP_N:-4000}"
MLP_STEPS="${MLP_STEPS:-5}"
CNN_N="${CNN_N:-100}"
CNN_STEPS="${CNN_STEPS:-2}"
SEED=1

[[ -x "$SNNC" ]] || { echo "train.sh: $SNNC not found (ninja -C build snnc)" >&2; exit 1; }

# The baseline must compute what the spec says before any figure is printed.
"$PYTHON" "$root/bench/train_baseline.py" --check-only

declare -A LAYERS=([mlp]="784-400-400-10" [cnn]="32C5/2-P2-64C5/2-P2-1024-10")
declare -A BATCH=([mlp]=100 [cnn]=50)
declare -A NS=([mlp]="$MLP_N" [cnn]="$CNN_N")
declare -A STEPS=([mlp]="$MLP_STEPS" [cnn]="$CNN_STEPS")
models="mlp"
[[ "$CNN_N" != 0 ]] && models="mlp cnn"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Run a private copy: in a shared tree a concurrent build may relink $SNNC
# mid-run (it links the project's libraries statically, so the copy works).
cp "$SNNC" "$work/snnc"
built="$(date -u -r "$SNNC" +%Y-%m-%dT%H:%M:%SZ)"
SNNC="$work/snnc"
now() { date +%s.%N; }

echo "# training throughput, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "# snnc binary built $built; HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset} (pytorch's OpenMP threads; snnc uses its own)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

rows=()
for model in $models; do
  for k in $THREADS; do
    t0=$(now)
    # stderr (the progress bar) goes to a file, shown only if snnc fails.
    if ! log=$("$SNNC" train "${LAYERS[$model]}" --batch "${BATCH[$model]}" --epochs 1 \
                 --limit-train "${NS[$model]}" --limit-test 100 --threads "$k" --seed $SEED \
                 2>"$work/err"); then
      echo "train.sh: snnc train ${LAYERS[$model]} --threads $k failed:" >&2
      tr '\r' '\n' <"$work/err" | tail -3 >&2
      exit 1
    fi
    t1=$(now)
    snnc=$(sed -n 's/^epoch 1\/1 .* \([0-9.]*\) samples\/s.*/\1/p' <<<"$log")
    [[ -n "$snnc" ]] || { echo "train.sh: no samples/s in snnc's output:" >&2; echo "$log" >&2; exit 1; }
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    echo "snnc $model threads=$k samples/s=$snnc (${NS[$model]} samples, process ${wall}s)"
    base=$("$PYTHON" "$root/bench/train_baseline.py" --model "$model" --threads "$k" \
             --steps "${STEPS[$model]}" --warmup 1 --dense both --seed $SEED)
    echo "$base"
    pm=$(sed -n 's/.*samples\/s=\([0-9.]*\) dense=matmul.*/\1/p' <<<"$base")
    pc=$(sed -n 's/.*samples\/s=\([0-9.]*\) dense=conv1x1.*/\1/p' <<<"$base")
    rows+=("$model $k $snnc $pm $pc")
  done
done

echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf "%-5s %7s %12s %14s %8s %14s %8s\n" model threads "snnc s/s" "torch-matmul" ratio \
  "torch-conv1x1" ratio
for r in "${rows[@]}"; do
  read -r model k s pm pc <<<"$r"
  awk -v m="$model" -v k="$k" -v s="$s" -v pm="$pm" -v pc="$pc" 'BEGIN {
    printf "%-5s %7d %12.1f %14.1f %8.2f %14.1f %8.2f\n", m, k, s, pm, s / pm, pc, s / pc }'
done
echo "(training samples/s; ratio = snnc ÷ pytorch, > 1 means snnc is faster." \
     "torch-matmul: the system BLAS; torch-conv1x1: oneDNN GEMM via 1x1 conv2d)"
