#!/usr/bin/python3
"""Plain PyTorch CPU baseline for the TSSL-BP forward pass (tssl-bp.md §1-§2).

Run with the Debian interpreter (/usr/bin/python3; python3-numpy, python3-torch).

Models (layer strings as snnc spells them):
  mlp  784-400-400-10                 the paper's Fashion-MNIST MLP
  cnn  32C5/2-P2-64C5/2-P2-1024-10    the paper's Fashion-MNIST CNN (1x28x28 input)

Forward semantics, layer by layer over all T steps (the schedule snnc's
default `--schedule layer` uses): the static input x is repeated at every
step and PSP-filtered, y_t = αs·y_{t-1} + x/τs; then per spiking layer the
current of all T·N rows comes from one matmul (or one conv2d), followed by the
LIF recurrence over t:
    du = I_t − v/τm ; u = v + du ; o = u > ϑ ; v = (1 − o)·u ; a = αs·a + o/τs
and the layer passes `a` on. Pooling is 1.1 × the 2×2 window sum, no neuron.
Weights: dense N(0, 2/fan_in), conv U(±1/sqrt(fan_in)) (as snnc's init; the
values don't matter for speed, but the network spikes with them).

Dense layers, `--dense`:
  matmul  plain `rows @ W.T` -- what PyTorch user code writes. Debian's
          python3-torch is built with BLAS_INFO=generic and uses whatever
          libblas.so.3 the alternatives system selects: OpenBLAS once
          scripts/setup.sh installed libopenblas0-pthread (84 GFLOP/s at 1 thread
          here), else the netlib reference BLAS (~2.5 GFLOP/s).
  onednn  torch._C._nn.mkldnn_linear on oneDNN tensors (libdnnl2, which the
          same torch build already uses for conv2d): an optimised GEMM, the
          fair "what a tuned library does" baseline.
  both    run both, one line each.
Convolutions always go through F.conv2d (oneDNN in this build).

Timed: only the forward pass on input tensors already in memory (all batches
of the sample set, `--reps` times, after `--warmup` untimed passes), under
torch.no_grad(). Not timed: building weights and inputs, the warm-up, the spike
rate check. Prints one line per dense variant:
    baseline pytorch <model> threads=<k> samples/s=<v> dense=<variant>
(plus, with --verbose, spike rates per layer, to stderr).
"""
import argparse
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

T, TAU_M, TAU_S, THETA = 5, 5.0, 3.0, 1.0
ALPHA_S = 1.0 - 1.0 / TAU_S
POOL_SCALE = 1.1

MODELS = {
    "mlp": ("784-400-400-10", (784,)),
    "cnn": ("32C5/2-P2-64C5/2-P2-1024-10", (1, 28, 28)),
}


def lif(current, rates=None):
    """current: [T, N, ...] -> output PSP traces a: [T, N, ...]."""
    v = torch.zeros_like(current[0])
    a = torch.zeros_like(current[0])
    out = torch.empty_like(current)
    spikes = 0.0
    for t in range(current.shape[0]):
        du = current[t] - v / TAU_M
        u = v + du
        o = (u > THETA).to(current.dtype)
        v = (1.0 - o) * u
        a = ALPHA_S * a + o / TAU_S
        out[t] = a
        if rates is not None:
            spikes += float(o.mean())
    if rates is not None:
        rates.append(spikes / current.shape[0])
    return out


def input_psp(x):
    """x: [N, ...] constant over time -> [T, N, ...] filtered input."""
    ys = []
    y = torch.zeros_like(x)
    for _ in range(T):
        y = ALPHA_S * y + x / TAU_S
        ys.append(y)
    return torch.stack(ys)


def build(model, gen):
    """Returns a list of (kind, weight) layers."""
    def dense(out_f, in_f):
        return ("dense", torch.randn(out_f, in_f, generator=gen) * (2.0 / in_f) ** 0.5)

    def conv(f, c, k, pad):
        bound = 1.0 / (c * k * k) ** 0.5
        w = (torch.rand(f, c, k, k, generator=gen) * 2 - 1) * bound
        return ("conv", w, pad)

    if model == "mlp":
        return [dense(400, 784), dense(400, 400), dense(10, 400)]
    return [conv(32, 1, 5, 2), ("pool", 2), conv(64, 32, 5, 2), ("pool", 2),
            dense(1024, 64 * 7 * 7), dense(10, 1024)]


def linear_matmul(rows, w):
    return rows @ w.t()


def linear_onednn(rows, w):
    # w is prepared once as a oneDNN tensor (see prepare()); the conversion of
    # the activations in and out is part of the timed work.
    return torch._C._nn.mkldnn_linear(rows.to_mkldnn(), w, None).to_dense()


def prepare(layers, dense):
    """Per-variant copy of the layers; for onednn the dense weights are
    converted to oneDNN tensors here, outside the timed region."""
    out = []
    for layer in layers:
        if layer[0] == "dense":
            w = layer[1]
            if dense == "onednn":
                out.append(("dense", w.to_mkldnn(), linear_onednn, w.shape[0]))
            else:
                out.append(("dense", w, linear_matmul, w.shape[0]))
        else:
            out.append(layer)
    return out


def forward(layers, x, rates=None):
    """x: [N, ...] -> output traces [N, classes, T]."""
    n = x.shape[0]
    a = input_psp(x)  # [T, N, ...]
    for layer in layers:
        kind = layer[0]
        if kind == "dense":
            w, linear, out_f = layer[1], layer[2], layer[3]
            rows = a.reshape(T * n, -1)  # row-major flatten of C,H,W
            current = linear(rows, w).reshape(T, n, out_f)
            a = lif(current, rates)
        elif kind == "conv":
            w, pad = layer[1], layer[2]
            rows = a.reshape(T * n, *a.shape[2:])
            current = F.conv2d(rows, w, padding=pad)
            a = lif(current.reshape(T, n, *current.shape[1:]), rates)
        else:  # pool
            k = layer[1]
            rows = a.reshape(T * n, *a.shape[2:])
            pooled = F.avg_pool2d(rows, k) * (k * k * POOL_SCALE)
            a = pooled.reshape(T, n, *pooled.shape[1:])
    return a.permute(1, 2, 0).contiguous()  # [N, classes, T]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", choices=sorted(MODELS), default="mlp")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--batch", type=int, default=2000,
                   help="samples per forward call (default: all, as `snnc run` does)")
    p.add_argument("--reps", type=int, default=3, help="timed passes over the samples")
    p.add_argument("--warmup", type=int, default=1, help="untimed passes first")
    p.add_argument("--dense", choices=["matmul", "onednn", "both"], default="matmul",
                   help="how dense layers compute their current (see the header)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(args.seed)
    layers = build(args.model, gen)
    rng = np.random.default_rng(args.seed)
    shape = MODELS[args.model][1]
    # Same distribution as bench/forward.sh feeds snnc: uniform pixels,
    # Fashion-MNIST normalisation.
    pixels = rng.random((args.samples,) + shape, dtype=np.float32)
    x = torch.from_numpy((pixels - 0.1307) / 0.3081)
    batches = [x[i:i + args.batch] for i in range(0, args.samples, args.batch)]

    variants = ["matmul", "onednn"] if args.dense == "both" else [args.dense]
    for variant in variants:
        net = prepare(layers, variant)
        with torch.no_grad():
            if args.verbose:
                rates = []
                out = forward(net, batches[0], rates)
                print("%s dense=%s: spike rate per spiking layer: " % (args.model, variant)
                      + " ".join("%.3f" % r for r in rates)
                      + "; output trace sum %.3f" % float(out.sum()), file=sys.stderr)
            for _ in range(args.warmup):
                for b in batches:
                    forward(net, b)
            start = time.perf_counter()
            for _ in range(args.reps):
                for b in batches:
                    forward(net, b)
            seconds = time.perf_counter() - start
        print("baseline pytorch %s threads=%d samples/s=%.1f dense=%s"
              % (args.model, args.threads, args.reps * args.samples / seconds, variant),
              flush=True)


if __name__ == "__main__":
    main()
