#!/usr/bin/python3
"""compare.py GOT.npy WANT.npy [RTOL]: element-wise |got - want| <= rtol·|want| + 1e-6.

Prints `match (max relative difference X)` or the first mismatch; exit status 1 on a
mismatch or a shape difference.
"""
import sys

import numpy as np


def main():
    got, want = np.load(sys.argv[1]), np.load(sys.argv[2])
    rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
    if got.shape != want.shape:
        sys.exit(f"shape mismatch: got {got.shape}, expected {want.shape}")
    diff = np.abs(got.astype(np.float64) - want)
    bad = diff > rtol * np.abs(want) + 1e-6
    rel = float((diff / np.maximum(np.abs(want), 1e-6)).max()) if diff.size else 0.0
    if bad.any():
        i = tuple(int(k) for k in np.argwhere(bad)[0])
        sys.exit(f"mismatch at {i}: got {got[i]}, expected {want[i]} "
                 f"({int(bad.sum())} of {bad.size} elements out of tolerance)")
    print(f"match (max relative difference {rel:.3g})")


if __name__ == "__main__":
    main()
