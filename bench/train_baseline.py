#!/usr/bin/python3
"""Plain PyTorch CPU baseline for TSSL-BP training steps (tssl-bp.md §1-§5).

Run with the Debian interpreter (/usr/bin/python3; python3-numpy, python3-torch).

Models (layer strings as snnc spells them):
  mlp  784-400-400-10                 the paper's Fashion-MNIST MLP (batch 100)
  cnn  32C5/2-P2-64C5/2-P2-1024-10    the paper's Fashion-MNIST CNN (batch 50)

One training step, as `snnc train` does it (tssl-bp.md):
  forward   static input repeated over T and PSP-filtered (§2.1); per spiking
            layer the current of all T·N rows from one GEMM / conv2d, then the
            LIF neuron (§1) as a torch.autograd.Function that saves u, Δ, o, a;
            pooling = 1.1 × 2×2 window sum, no neuron (§2.2).
  loss      kernel loss, summed over batch, classes and steps (§3.1).
  backward  the neuron's per-neuron TSSL-BP rule (§4.1: G/X recurrences,
            ρ = min(1/Δ, 8), sigmoid surrogate β = 0.2 with z clamped to ±8,
            gated by a_t < 1/(4τs)), looping t = T−1..0 vectorised over all
            neurons of the layer; autograd for the synapses and pooling (§4.3).
  update    global L2 grad-norm clip 1.0, AdamW (lr 5e-4, wd 0.01), clamp ±4 (§5).
The training accuracy count (argmax of Σ_t a) is done too, as snnc's trainer does.

Before anything is timed the script checks itself against the spec's golden
cases (§8): case A (loss 0.051906, dL/dw = (0.009212, −0.005325)) through every
dense variant, case B (δ of the neuron alone); it aborts if either is off by
more than 1e-5.

Dense layers, `--dense`:
  matmul  plain F.linear on the system BLAS (Debian's python3-torch has
          BLAS_INFO=generic: OpenBLAS once scripts/setup.sh installed
          libopenblas0-pthread, else the netlib reference BLAS), for the forward
          and both backward products.
  conv1x1 the same GEMM written as a 1x1 F.conv2d over [T·N, in, 1, 1]: this goes
          through oneDNN (mkldnn_convolution, which has a backward), so forward
          and backward use an optimised GEMM while autograd still applies.
  both    run both, one line each.
Convolutions always go through F.conv2d (oneDNN in this build).

Timed: only `--steps` training steps on batches already in memory, after
`--warmup` untimed steps. Inputs are uniform random pixels with the
Fashion-MNIST normalisation (p − 0.1307)/0.3081, labels uniform random; no
dataset is read. Not timed: building weights, inputs and targets, the golden
check. (The input PSP filter and the target traces are built inside the timed
step, as snnc's compiled step does.) Prints one line per dense variant:
    baseline pytorch <model> threads=<k> samples/s=<v> dense=<variant>
(with --verbose also the loss of the first and last timed step, to stderr).
"""
import argparse
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

T, TAU_M, TAU_S, THETA = 5, 5.0, 3.0, 1.0
ALPHA_M = 1.0 - 1.0 / TAU_M
ALPHA_S = 1.0 - 1.0 / TAU_S
BETA, RHO_MAX, Z_MAX = 0.2, 8.0, 8.0
A_GATE = 1.0 / (4.0 * TAU_S)
POOL_SCALE = 1.1
LR, WEIGHT_DECAY, CLIP, CLAMP = 5e-4, 0.01, 1.0, 4.0
CLASSES = 10

MODELS = {
    "mlp": ("784-400-400-10", (784,), 100),
    "cnn": ("32C5/2-P2-64C5/2-P2-1024-10", (1, 28, 28), 50),
}


class TsslNeuron(torch.autograd.Function):
    """LIF neuron over all T steps: input current [T, ...] -> output PSP trace
    a [T, ...]; backward is the TSSL-BP rule of tssl-bp.md §4.1."""

    @staticmethod
    def forward(ctx, current):
        v = torch.zeros_like(current[0])
        a = torch.zeros_like(current[0])
        us = torch.empty_like(current)
        deltas = torch.empty_like(current)
        spikes = torch.empty(current.shape, dtype=torch.bool)
        traces = torch.empty_like(current)
        for t in range(current.shape[0]):
            delta = current[t] - v / TAU_M
            u = v + delta
            o = u > THETA  # strict: u == ϑ does not fire
            v = torch.where(o, torch.zeros_like(u), u)
            a = ALPHA_S * a + o.to(current.dtype) / TAU_S
            us[t], deltas[t], spikes[t], traces[t] = u, delta, o, a
        ctx.save_for_backward(us, deltas, spikes, traces)
        return traces

    @staticmethod
    def backward(ctx, grad):
        us, deltas, spikes, traces = ctx.saved_tensors
        out = torch.empty_like(grad)
        big_g = torch.zeros_like(grad[0])
        x = torch.zeros_like(grad[0])
        for t in range(grad.shape[0] - 1, -1, -1):
            big_g = grad[t] / TAU_S + ALPHA_S * big_g  # Σ_k κ_k g_{t+k}
            o, u = spikes[t], us[t]
            rho = torch.where(o, (1.0 / deltas[t]).clamp(max=RHO_MAX), torch.zeros_like(u))
            x = torch.where(o, rho * (big_g + u * x / TAU_M), ALPHA_M * x)
            ez = torch.exp(((THETA - u) / BETA).clamp(-Z_MAX, Z_MAX))
            surrogate = big_g * ez / (BETA * (1.0 + ez) ** 2)
            out[t] = torch.where(traces[t] < A_GATE, surrogate, x)
        return out


def psp_filter(x_t):
    """x_t: [T, ...] -> 𝓕(x) over the first axis."""
    ys, y = [], torch.zeros_like(x_t[0])
    for t in range(x_t.shape[0]):
        y = ALPHA_S * y + x_t[t] / TAU_S
        ys.append(y)
    return torch.stack(ys)


def kernel_target(labels, dtype=torch.float32):
    """ŷ = 𝓕(𝓕(d)), d = [0,1,1,1,1] for the correct class (T = 5), 0 elsewhere:
    [T, N, classes]."""
    pattern = torch.tensor([0.0, 1.0, 1.0, 1.0, 1.0], dtype=torch.float64)
    trace = psp_filter(psp_filter(pattern)).to(dtype)  # [T]
    onehot = F.one_hot(labels, CLASSES).to(dtype)  # [N, classes]
    return trace[:, None, None] * onehot[None]


def linear_matmul(rows, w):
    return F.linear(rows, w)


def linear_conv1x1(rows, w):
    out = F.conv2d(rows[:, :, None, None], w[:, :, None, None])
    return out.reshape(rows.shape[0], w.shape[0])


DENSE = {"matmul": linear_matmul, "conv1x1": linear_conv1x1}


def build(model, gen):
    """List of layers: ("dense", W) / ("conv", W, pad) / ("pool", k); weights
    as snnc initialises them (dense N(0, 2/fan_in), conv U(±1/sqrt(fan_in)))."""
    def dense(out_f, in_f):
        return ("dense", torch.randn(out_f, in_f, generator=gen) * (2.0 / in_f) ** 0.5)

    def conv(f, c, k, pad):
        bound = 1.0 / (c * k * k) ** 0.5
        return ("conv", (torch.rand(f, c, k, k, generator=gen) * 2 - 1) * bound, pad)

    if model == "mlp":
        return [dense(400, 784), dense(400, 400), dense(10, 400)]
    return [conv(32, 1, 5, 2), ("pool", 2), conv(64, 32, 5, 2), ("pool", 2),
            dense(1024, 64 * 7 * 7), dense(10, 1024)]


def forward(layers, a, linear):
    """a: input PSP traces [T, N, ...] -> output traces [T, N, classes]."""
    n = a.shape[1]
    for layer in layers:
        kind = layer[0]
        if kind == "dense":
            w = layer[1]
            current = linear(a.reshape(T * n, -1), w).reshape(T, n, w.shape[0])
            a = TsslNeuron.apply(current)
        elif kind == "conv":
            current = F.conv2d(a.reshape(T * n, *a.shape[2:]), layer[1], padding=layer[2])
            a = TsslNeuron.apply(current.reshape(T, n, *current.shape[1:]))
        else:  # pool: 1.1 × window sum
            k = layer[1]
            pooled = F.avg_pool2d(a.reshape(T * n, *a.shape[2:]), k) * (k * k * POOL_SCALE)
            a = pooled.reshape(T, n, *pooled.shape[1:])
    return a


class Trainer:
    """One model's weights + AdamW state; step() is one TSSL-BP training step."""

    def __init__(self, layers, linear):
        self.layers = [(l[0], l[1].clone().requires_grad_(True)) + tuple(l[2:])
                       if l[0] != "pool" else l for l in layers]
        self.params = [l[1] for l in self.layers if l[0] != "pool"]
        self.linear = linear
        self.opt = torch.optim.AdamW(self.params, lr=LR, betas=(0.9, 0.999), eps=1e-8,
                                     weight_decay=WEIGHT_DECAY)

    def step(self, x, labels):
        """x: normalised images [N, ...]; labels [N]. Returns (loss, correct)."""
        self.opt.zero_grad(set_to_none=True)
        # The static image is repeated at every step and PSP-filtered (§2.1).
        inputs = psp_filter(x[None].expand(T, *x.shape))
        target = kernel_target(labels)
        out = forward(self.layers, inputs, self.linear)
        loss = 0.5 * ((out - target) ** 2).sum()
        loss.backward()
        # clip_grad_norm_ scales by clip/(‖g‖ + 1e-6) when that is < 1 (§5).
        torch.nn.utils.clip_grad_norm_(self.params, CLIP)
        self.opt.step()
        with torch.no_grad():
            for p in self.params:
                p.clamp_(-CLAMP, CLAMP)
            correct = int((out.detach().sum(0).argmax(1) == labels).sum())
        return float(loss), correct


def check_golden():
    """tssl-bp.md §8 case A (through each dense variant) and case B; exits on a
    mismatch so that no figure is printed for a baseline that computes
    something else."""
    tol = 1e-5
    failures = []

    def expect(what, got, want):
        got = [float(v) for v in torch.as_tensor(got).flatten()]
        if len(got) != len(want) or any(abs(g - w) > tol for g, w in zip(got, want)):
            failures.append("%s: got %s, want %s" % (what, ["%.6f" % g for g in got],
                                                    ["%.6f" % w for w in want]))

    spikes = torch.tensor([[1, 1, 0, 1, 0], [0, 1, 1, 0, 1]], dtype=torch.float32).t()
    inputs = psp_filter(spikes)[:, None, :]  # [T, N=1, 2]
    target = kernel_target(torch.tensor([0]))[:, :, :1]  # one neuron, correct class
    for name, linear in DENSE.items():
        w = torch.tensor([[1.0, 0.8]], requires_grad=True)
        out = forward([("dense", w)], inputs, linear)
        loss = 0.5 * ((out - target) ** 2).sum()
        loss.backward()
        expect("case A loss (%s)" % name, loss, [0.051906])
        expect("case A dL/dw (%s)" % name, w.grad, [0.009212, -0.005325])

    current = torch.tensor([1.0, 0.25, 0.0, 0.0, 0.0], requires_grad=True)
    TsslNeuron.apply(current).backward(torch.tensor([0.1, -0.2, 0.3, -0.1, 0.05]))
    expect("case B delta", current.grad, [0.033436, -0.079012, 0.0, 0.0, 0.0])

    if failures:
        for f in failures:
            print("train_baseline.py: golden check failed: " + f, file=sys.stderr)
        sys.exit(1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", choices=sorted(MODELS), default="mlp")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=10, help="timed training steps")
    p.add_argument("--warmup", type=int, default=1, help="untimed training steps first")
    p.add_argument("--batch", type=int, default=0,
                   help="samples per step (default: the paper's, 100 mlp / 50 cnn)")
    p.add_argument("--dense", choices=["matmul", "conv1x1", "both"], default="matmul",
                   help="how dense layers compute their current (see the header)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--check-only", action="store_true",
                   help="run the golden check and exit")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    check_golden()
    if args.check_only:
        print("train_baseline.py: golden cases A and B match tssl-bp.md §8 (tol 1e-5)")
        return

    _, shape, default_batch = MODELS[args.model]
    batch = args.batch or default_batch
    gen = torch.Generator().manual_seed(args.seed)
    layers = build(args.model, gen)
    rng = np.random.default_rng(args.seed)
    batches = []
    for _ in range(args.warmup + args.steps):
        pixels = rng.random((batch,) + shape, dtype=np.float32)
        x = torch.from_numpy((pixels - 0.1307) / 0.3081)
        labels = torch.from_numpy(rng.integers(0, CLASSES, batch)).long()
        batches.append((x, labels))

    variants = list(DENSE) if args.dense == "both" else [args.dense]
    for variant in variants:
        trainer = Trainer(layers, DENSE[variant])
        for b in batches[:args.warmup]:
            trainer.step(*b)
        losses = []
        start = time.perf_counter()
        for b in batches[args.warmup:]:
            losses.append(trainer.step(*b)[0])
        seconds = time.perf_counter() - start
        if args.verbose:
            print("%s dense=%s: loss of the first / last timed step %.4f / %.4f"
                  % (args.model, variant, losses[0], losses[-1]), file=sys.stderr)
        if not all(math.isfinite(l) for l in losses):
            print("train_baseline.py: training diverged (%s)" % variant, file=sys.stderr)
            sys.exit(1)
        print("baseline pytorch %s threads=%d samples/s=%.1f dense=%s"
              % (args.model, args.threads, args.steps * batch / seconds, variant),
              flush=True)


if __name__ == "__main__":
    main()
