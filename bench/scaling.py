#!/usr/bin/python3
"""Data-parallel training throughput: one process against `mpirun -n 2`, in one command.

Usage: bench/scaling.py [--models mlp cnn] [--samples N] [--repeats R]

For each model (mlp = 784-400-400-10, batch 100; cnn = 32C5/2-P2-64C5/2-P2-1024-10,
batch 50; T = 5) it runs one training epoch over the first N training samples
(`snnc train --epochs 1 --limit-train N --limit-test 100`) as
  1 process  x 1 thread, 1 process x 2 threads, 2 processes (mpirun -n 2) x 1 thread
and prints the trainer's own samples/s (best of R runs), the ratio to 1 x 1, and
the bytes each process sums per optimiser step (the flat buffer: every gradient and
four floats of loss, correct count and stop flags). Needs build/bin/snnc built with
MPI (scripts/setup.sh installs libopenmpi-dev) and the Fashion-MNIST files.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNNC = os.path.join(ROOT, "build", "bin", "snnc")
MODELS = {
    "mlp": ("784-400-400-10", 100, 6000),
    "cnn": ("32C5/2-P2-64C5/2-P2-1024-10", 50, 600),
}
PARAM = re.compile(r"snn\.parameter @\w+ = dense<\"0x([0-9A-Fa-f]+)\">")


def run(cmd):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("scaling.py: %s failed:\n%s%s" % (" ".join(cmd), p.stdout, p.stderr))
    return p.stdout


def samples_per_second(prefix, layers, batch, samples, threads):
    out = run(prefix + [SNNC, "train", layers, "--batch", str(batch), "--epochs", "1",
                        "--limit-train", str(samples), "--limit-test", "100", "--seed", "1",
                        "--threads", str(threads)])
    m = re.search(r"epoch 1/1 .* ([0-9.]+) samples/s", out)
    if not m:
        sys.exit("scaling.py: no samples/s in:\n" + out)
    return float(m.group(1))


def flat_buffer_bytes(layers):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "m.mlir")
        run([SNNC, "compile", layers, "--emit", "snn", "-o", path])
        floats = sum(len(h) // 8 for h in PARAM.findall(open(path).read()))
    return (floats + 4) * 4


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", nargs="+", choices=sorted(MODELS), default=["mlp", "cnn"])
    p.add_argument("--samples", type=int, help="training samples per run (default per model)")
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    mpirun = ["mpirun", "-n", "2", "--oversubscribe"]
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())
    print("%-5s %-22s %12s %8s %14s" % ("model", "processes x threads", "samples/s", "ratio",
                                         "bytes/step"))
    for model in args.models:
        layers, batch, default_samples = MODELS[model]
        samples = args.samples or default_samples
        size = flat_buffer_bytes(layers)
        base = None
        for label, prefix, threads in (("1 x 1", [], 1), ("1 x 2", [], 2),
                                       ("2 x 1 (mpirun -n 2)", mpirun, 1)):
            best = max(samples_per_second(prefix, layers, batch, samples, threads)
                       for _ in range(args.repeats))
            base = base or best
            print("%-5s %-22s %12.0f %7.2fx %14s" % (model, label, best, best / base,
                                                     "{:,}".format(size) if prefix else "-"))
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
