"""Writes a deterministic random input for the NIR tests: float32 [N, SHAPE...] of 0/1 spikes
(or uniform values), e.g. an N-MNIST-like frame `2 34 34` or a sequence `16 20` (time last).

Usage: random_input.py SHAPE... OUT.npy [--density D] [--uniform] [--seed S] [--n N]
  --density D  fraction of ones in the 0/1 input (default 0.2)
  --uniform    uniform values in [0, 1) instead of 0/1
  --seed S     generator seed (default 0);  --n N  number of samples (default 4)
(npytool.py random writes normally distributed inputs instead.)
"""
import sys

import numpy as np


def main():
    args = sys.argv[1:]
    opts = {"--density": "0.2", "--seed": "0", "--n": "4"}
    for key in list(opts):
        if key in args:
            i = args.index(key)
            opts[key] = args[i + 1]
            del args[i:i + 2]
    uniform = "--uniform" in args
    if uniform:
        args.remove("--uniform")
    if len(args) < 2 or not all(a.isdigit() for a in args[:-1]):
        sys.exit(__doc__)
    shape = (int(opts["--n"]),) + tuple(int(a) for a in args[:-1])
    rng = np.random.default_rng(int(opts["--seed"]))
    u = rng.random(shape)
    x = u if uniform else (u < float(opts["--density"]))
    np.save(args[-1], x.astype(np.float32))


if __name__ == "__main__":
    main()
