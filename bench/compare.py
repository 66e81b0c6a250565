#!/usr/bin/python3
"""snnc vs. the strongest PyTorch CPU baseline, training and inference, in one command.

Usage: bench/compare.py [--threads 1 2] [--models mlp cnn] [--quick]
(run by bench/compare.sh; needs build/bin/snnc, the Fashion-MNIST files of
scripts/setup.sh, /usr/bin/python3 with python3-torch and python3-numpy, and
libopenblas0-pthread, which scripts/setup.sh installs: Debian's torch then runs its
dense products on OpenBLAS instead of the netlib reference BLAS).

For each model (mlp = 784-400-400-10, batch 100; cnn = 32C5/2-P2-64C5/2-P2-1024-10,
batch 50; T = 5, τm = 5, τs = 3, ϑ = 1), mode (train, infer) and thread count K it
prints one row:

  snnc s/s     train: the trainer's own epoch figure (`snnc train --epochs 1`:
               batch gather, compiled training step, optimiser);
               infer: `snnc eval`'s own figure over the first N test images
               (the compiled forward calls, batch 100, and the accuracy count).
  torch s/s    the best PyTorch figure with at most K threads: both dense variants
               of bench/train_baseline.py / forward_baseline.py (F.linear on the
               system BLAS, and the same GEMM as a oneDNN 1x1 convolution) at every
               thread count 1..K; which one won is printed beside it.
  ratio        snnc ÷ torch (> 1: snnc is faster).
  GFLOP/s      snnc's dense work per second: the layer products it performs,
               counted analytically (forward 2·MACs per step of each layer, the
               first layer once per sample since it runs on the held image; training
               adds the weight gradients, the first one also once per sample, and
               the input gradients of all but the first layer).
  peak%        GFLOP/s as a fraction of the fp32 GEMM peak measured in this command
               at K threads (the better of torch.mm on the system BLAS and oneDNN's
               dnnl_sgemm through its C API, 2048³).
  RSS MB       peak resident memory of the snnc process and of the PyTorch process
               that gave the torch figure.
  start s      snnc, what the figure leaves out: infer, the lowering + JIT
               compilation time `snnc eval` prints; train, the wall time of a
               1-batch run (process start, dataset read, compilation of the forward
               and training functions, one step).

Every measurement runs --repeats times (3) and the best run counts, on both sides.
The baselines check themselves against the golden numbers of tssl-bp.md before any
figure is taken. Figures on a shared machine are as good as its load: the load
average is printed before and after.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
MODELS = {
    "mlp": {"layers": "784-400-400-10", "batch": 100},
    "cnn": {"layers": "32C5/2-P2-64C5/2-P2-1024-10", "batch": 50},
}
T = 5


def run(cmd):
    """Runs `cmd`; returns its stdout (exits with its stderr if it fails)."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit("compare.py: %s failed:\n%s" % (" ".join(cmd), proc.stderr.decode()[-2000:]))
    return proc.stdout.decode()


def run_measured(cmd):
    """Runs `cmd`; returns (stdout, wall seconds, peak RSS in MB of exactly this child)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit("compare.py: %s failed:\n%s" % (" ".join(cmd), err.read().decode()[-2000:]))
        return out.read().decode(), wall, usage.ru_maxrss / 1024.0


def layer_flops(layers, shape=(1, 28, 28)):
    """Multiply-accumulates per time step of each synapse, in layer order."""
    c, h, w = shape
    features = c * h * w
    out = []
    tokens = layers.split("-")
    if tokens[0].isdigit():  # a leading bare number is the input size (784-400-400-10)
        features = int(tokens.pop(0))
    for token in tokens:
        m = re.fullmatch(r"(\d+)C(\d+)(?:/(\d+))?", token)
        if m:
            n, k, p = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
            h, w = h + 2 * p - k + 1, w + 2 * p - k + 1
            out.append(n * h * w * c * k * k)
            c = n
            features = c * h * w
        elif token.startswith("P"):
            k = int(token[1:])
            h, w = h // k, w // k
            features = c * h * w
        else:
            n = int(token)
            out.append(features * n)
            features = n
    return out


def flops_per_sample(layers, training):
    """The products snnc performs: the first synapse (and its weight gradient) runs once
    on the held image (snn-hoist-time-invariant), every other one at each of T steps."""
    macs = layer_flops(layers)
    forward = 2 * (macs[0] + T * sum(macs[1:]))
    if not training:
        return forward
    # + weight gradients of every layer, + input gradients of all but the first.
    return 2 * forward + 2 * T * sum(macs[1:])


PEAK_CODE = r"""
import ctypes, sys, time, numpy as np, torch
torch.set_num_threads(int(sys.argv[1]))
n = 2048
a = np.random.default_rng(1).random((n, n), dtype=np.float32)
b = np.random.default_rng(2).random((n, n), dtype=np.float32)
c = np.zeros((n, n), np.float32)
def best(fn, reps=5):
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return 2.0 * n ** 3 / min(times) / 1e9
ta, tb = torch.from_numpy(a), torch.from_numpy(b)
blas = best(lambda: torch.mm(ta, tb))
# oneDNN's sgemm (Debian libdnnl2, called through its C API; OpenMP threads).
dnnl = 0.0
try:
    lib = ctypes.CDLL("libdnnl.so.2")
    sgemm = lib.dnnl_sgemm
    i64, ptr = ctypes.c_int64, ctypes.c_void_p
    sgemm.argtypes = [ctypes.c_char, ctypes.c_char, i64, i64, i64, ctypes.c_float, ptr, i64,
                      ptr, i64, ctypes.c_float, ptr, i64]
    def call():
        if sgemm(b"N", b"N", n, n, n, 1.0, a.ctypes.data, n, b.ctypes.data, n, 0.0,
                 c.ctypes.data, n) != 0:
            raise RuntimeError("dnnl_sgemm failed")
    dnnl = best(call)
    if not np.allclose(c, a @ b, rtol=1e-3):
        raise RuntimeError("dnnl_sgemm gave a wrong product")
except OSError:
    pass  # libdnnl2 not installed: the system BLAS alone
print("%.1f %.1f" % (blas, dnnl))
"""


def peak_gflops(threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    proc = subprocess.run([PYTHON, "-c", PEAK_CODE, str(threads)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env)
    if proc.returncode != 0:
        sys.exit("compare.py: the GEMM peak measurement failed:\n" + proc.stderr.decode())
    blas, dnnl = (float(v) for v in proc.stdout.split())
    return max(blas, dnnl), blas, dnnl


def snnc_train(snnc, model, threads, samples):
    cfg = MODELS[model]
    cmd = [snnc, "train", cfg["layers"], "--batch", str(cfg["batch"]), "--epochs", "1",
           "--limit-test", "100", "--threads", str(threads), "--seed", "1"]
    out, _, rss = run_measured(cmd + ["--limit-train", str(samples)])
    m = re.search(r"^epoch 1/1 .* ([0-9.]+) samples/s", out, re.M)
    if not m:
        sys.exit("compare.py: no samples/s in snnc's output:\n" + out)
    _, start, _ = run_measured(cmd + ["--limit-train", str(cfg["batch"])])
    return float(m.group(1)), rss, start


def snnc_infer(snnc, model, threads, samples):
    """`snnc eval` on the first `samples` test images: its own timing of the compiled
    forward calls (batch 100) and the compile time it prints."""
    cmd = [snnc, "eval", MODELS[model]["layers"], "--threads", str(threads), "--seed", "1",
           "--limit-test", str(samples)]
    out, _, rss = run_measured(cmd)
    m = re.search(r"compile ([0-9.]+)s, ([0-9.]+) samples/s", out)
    if not m:
        sys.exit("compare.py: no samples/s in snnc's output:\n" + out)
    return float(m.group(2)), rss, float(m.group(1))


TORCH_RUNS = {}


def torch_at(model, mode, k, quick, repeats):
    """Best (samples/s, variant@k, RSS) of `repeats` runs of the baseline at k threads;
    measured once and shared by every row that may use k threads."""
    key = (model, mode, k)
    if key in TORCH_RUNS:
        return TORCH_RUNS[key]
    if mode == "train":
        steps = "2" if quick or model == "cnn" else "5"
        cmd = [PYTHON, os.path.join(ROOT, "bench", "train_baseline.py"), "--model", model,
               "--threads", str(k), "--steps", steps, "--warmup", "1", "--dense", "both",
               "--seed", "1"]
    else:
        samples = "100" if model == "cnn" else ("500" if quick else "2000")
        cmd = [PYTHON, os.path.join(ROOT, "bench", "forward_baseline.py"), "--model", model,
               "--threads", str(k), "--samples", samples, "--dense", "both", "--seed", "1"]
    best = (0.0, "", 0.0)
    for _ in range(repeats):
        out, _, rss = run_measured(cmd)
        for m in re.finditer(r"samples/s=([0-9.]+) dense=(\w+)", out):
            if float(m.group(1)) > best[0]:
                best = (float(m.group(1)), "%s@%d" % (m.group(2), k), rss)
    TORCH_RUNS[key] = best
    return best


def torch_best(model, mode, threads, quick, repeats):
    """Best samples/s of the PyTorch baseline with at most `threads` threads."""
    return max(torch_at(model, mode, k, quick, repeats) for k in range(1, threads + 1))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--models", nargs="+", choices=sorted(MODELS), default=["mlp", "cnn"])
    p.add_argument("--modes", nargs="+", choices=["train", "infer"], default=["train", "infer"])
    p.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    p.add_argument("--repeats", type=int, default=3,
                   help="runs of every measurement, the best one counts (a shared machine's "
                        "load only ever slows a run down)")
    p.add_argument("--snnc", default=os.path.join(ROOT, "build", "bin", "snnc"))
    args = p.parse_args()
    if not os.access(args.snnc, os.X_OK):
        sys.exit("compare.py: %s not found (ninja -C build snnc)" % args.snnc)

    # The baseline must compute what the spec says before any figure is taken.
    run([PYTHON, os.path.join(ROOT, "bench", "train_baseline.py"), "--check-only"])
    import torch
    with tempfile.TemporaryDirectory() as work:
        # A private copy: a concurrent build may relink build/bin/snnc mid-run.
        snnc = os.path.join(work, "snnc")
        shutil.copy(args.snnc, snnc)
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                    if l.startswith("model name")), "?")
        print("# %s, %d cores, %s; torch %s, BLAS: %s" % (
            time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()), os.cpu_count(), cpu,
            torch.__version__, blas_name()))
        print("# load average before: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
        peaks = {}
        for k in args.threads:
            peaks[k] = peak_gflops(k)
            print("# fp32 GEMM peak at %d thread(s): %.1f GFLOP/s (torch.mm on the system BLAS "
                  "%.1f, oneDNN sgemm %.1f; 2048^3)"
                  % (k, *peaks[k]))
        rows = []
        for model in args.models:
            layers = MODELS[model]["layers"]
            for mode in args.modes:
                for k in args.threads:
                    n = {"mlp": 2000 if args.quick else 10000,
                         "cnn": 200 if args.quick else 1000}[model]
                    measure = snnc_train if mode == "train" else snnc_infer
                    s, rss, start = max(measure(snnc, model, k, n) for _ in range(args.repeats))
                    t, which, trss = torch_best(model, mode, k, args.quick, args.repeats)
                    gflops = s * flops_per_sample(layers, mode == "train") / 1e9
                    rows.append((model, mode, k, s, t, which, s / t, gflops,
                                 100.0 * gflops / peaks[k][0], rss, trss, start))
                    print("# %s %s threads=%d done" % (model, mode, k), flush=True)
        print("# load average after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
        print()
        print("%-4s %-5s %2s %10s %10s %-12s %6s %8s %6s %9s %9s %7s" % (
            "model", "mode", "K", "snnc s/s", "torch s/s", "(torch)", "ratio", "GFLOP/s",
            "peak%", "snnc RSS", "torch RSS", "start s"))
        for r in rows:
            print("%-5s %-5s %2d %10.1f %10.1f %-12s %6.2f %8.1f %5.1f%% %7.0fMB %7.0fMB %7.2f"
                  % r)


def blas_name():
    try:
        target = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
        return "openblas" if "openblas" in target else os.path.basename(os.path.dirname(target))
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
