#!/usr/bin/env bash
# Forward-pass throughput: snnc-compiled code vs. a plain PyTorch CPU baseline,
# both run by this one command, for 1 and 2 threads; prints a table with the
# ratio snnc/pytorch.  Usage (from anywhere):   bench/forward.sh
#
# What is timed
#   snnc     `snnc run MODEL --input X.npy` on N random samples, wall clock
#            (date +%s.%N) around the process, MINUS the same command on a
#            1-sample X.npy (min of 3), which stands for process start, model
#            build, MLIR lowering + JIT compile and the .npy I/O overhead.
#            samples/s = (N - 1) / (t_N - t_1).  Compile time is therefore
#            excluded (it is printed separately); the ~6 MB .npy read and the
#            output write of the N-sample run are *included* (tens of ms).
#            All N samples go to one compiled-code call, split over the threads
#            (snnc's parallelFor: contiguous sample ranges, one per thread).
#   pytorch  bench/forward_baseline.py: the same network, same T/τm/τs, same
#            input distribution, layer-by-layer over all T·N rows, one batch of
#            N samples per call, torch.set_num_threads(K); times only the
#            forward calls on tensors already in memory (after one untimed
#            warm-up pass), --reps passes.  Two variants for dense layers:
#            `matmul` (plain `@` on the system BLAS: OpenBLAS once
#            scripts/setup.sh installed libopenblas0-pthread, else the netlib
#            reference BLAS) and `onednn`
#            (mkldnn_linear: an optimised GEMM).  Convolutions use oneDNN in both.
# What is not timed
#   generating the random inputs, weight init, Python/torch import, the
#   warm-up pass, loading data (no dataset is read: inputs are uniform random
#   pixels with the Fashion-MNIST normalisation, (p − 0.1307)/0.3081).
#
# Models: mlp = 784-400-400-10 (N = 2000), cnn = 32C5/2-P2-64C5/2-P2-1024-10
# (N = 20 by default: snnc does a few samples/s on it).  T = 5, τm = 5, τs = 3.
# Environment knobs: SNNC (binary, default build/bin/snnc), PYTHON (default
# /usr/bin/python3), THREADS ("1 2"), MLP_N (2000), CNN_N (20, 0 = skip the CNN),
# REPS (pytorch timed passes, 2).
# Figures on a shared machine are only as good as its load: the script prints
# the load average before and after; run it on an idle machine if you can.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SNNC="${SNNC:-$root/build/bin/snnc}"
PYTHON="${PYTHON:-/usr/bin/python3}"
THREADS="${THREADS:-1 2}"
MLP_N="${MLP_N:-2000}"
CNN_N="${CNN_N:-20}"
REPS="${REPS:-2}"
SEED=1

[[ -x "$SNNC" ]] || { echo "forward.sh: $SNNC not found (ninja -C build snnc)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# Seconds of one `snnc run` (the process, wall clock).
time_run() { # model input threads
  local t0 t1
  t0=$(now)
  "$SNNC" run "$1" --input "$2" --output "$work/y.npy" --threads "$3" --seed $SEED >/dev/null
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }'
}

# Inputs: same generator and distribution as forward_baseline.py.
"$PYTHON" - "$work" "$MLP_N" "$CNN_N" $SEED <<'EOF'
import sys
import numpy as np
work, mlp_n, cnn_n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for name, n, shape in (("mlp", mlp_n, (784,)), ("cnn", cnn_n, (1, 28, 28))):
    if n == 0:
        continue
    rng = np.random.default_rng(seed)
    x = ((rng.random((n,) + shape, dtype=np.float32) - 0.1307) / 0.3081).astype(np.float32)
    np.save("%s/%s_n.npy" % (work, name), x)
    np.save("%s/%s_1.npy" % (work, name), x[:1])
EOF

declare -A LAYERS=([mlp]="784-400-400-10" [cnn]="32C5/2-P2-64C5/2-P2-1024-10")
declare -A NS=([mlp]="$MLP_N" [cnn]="$CNN_N")
models="mlp"
[[ "$CNN_N" != 0 ]] && models="mlp cnn"

echo "# forward-pass throughput, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

rows=()
for model in $models; do
  layers="${LAYERS[$model]}"
  n="${NS[$model]}"
  for k in $THREADS; do
    # compile-only reference: 1-sample run, min of 3
    c=""
    for _ in 1 2 3; do
      t=$(time_run "$layers" "$work/${model}_1.npy" "$k")
      c=$(awk -v a="$c" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    full=$(time_run "$layers" "$work/${model}_n.npy" "$k")
    snnc=$(awk -v n="$n" -v f="$full" -v c="$c" 'BEGIN { printf "%.1f", (n - 1) / (f - c) }')
    echo "snnc $model threads=$k samples/s=$snnc (run of $n samples ${full}s, 1-sample run ${c}s)"
    base=$("$PYTHON" "$root/bench/forward_baseline.py" --model "$model" --threads "$k" \
             --samples "$n" --batch "$n" --reps "$REPS" --warmup 1 --dense both --seed $SEED)
    echo "$base"
    pm=$(sed -n 's/.*samples\/s=\([0-9.]*\) dense=matmul.*/\1/p' <<<"$base")
    po=$(sed -n 's/.*samples\/s=\([0-9.]*\) dense=onednn.*/\1/p' <<<"$base")
    rows+=("$model $k $snnc $pm $po")
  done
done

echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf "%-5s %7s %12s %14s %8s %14s %8s\n" model threads "snnc s/s" "torch-matmul" ratio \
  "torch-onednn" ratio
for r in "${rows[@]}"; do
  read -r model k s pm po <<<"$r"
  awk -v m="$model" -v k="$k" -v s="$s" -v pm="$pm" -v po="$po" 'BEGIN {
    printf "%-5s %7d %12.1f %14.1f %8.3f %14.1f %8.3f\n", m, k, s, pm, s / pm, po, s / po }'
done
echo "(ratio = snnc samples/s ÷ pytorch samples/s; > 1 means snnc is faster." \
     "torch-matmul: the system BLAS; torch-onednn: oneDNN GEMM)"
