"""Compares two .npy arrays: |a - b| <= tol * max(1, |b|) everywhere; prints the worst.

Usage: compare_npy.py A.npy B.npy TOL [--min-nonzero F]
--min-nonzero: also require that a fraction of at least F of B's values are non-zero,
so that a comparison of spike outputs is not one of two silent networks.
"""
import sys
import numpy as np

args = sys.argv[1:]
min_nonzero = None
if "--min-nonzero" in args:
    i = args.index("--min-nonzero")
    min_nonzero = float(args[i + 1])
    del args[i:i + 2]
a, b = np.load(args[0]), np.load(args[1])
tol = float(args[2])
# [N, features..., T] against snnc's [N, F, T]: the same values, features flattened.
if a.shape != b.shape and a.ndim > 3 and a.shape[0] == b.shape[0] and \
        a.shape[-1] == b.shape[-1] and a.size == b.size:
    a = a.reshape(b.shape)
if a.shape != b.shape:
    sys.exit("shapes differ: %s vs %s" % (a.shape, b.shape))
err = np.abs(a - b) / np.maximum(1.0, np.abs(b))
worst = float(err.max()) if err.size else 0.0
nonzero = float((b != 0).mean()) if b.size else 0.0
print("max relative difference %.3g over %d values (%.1f%% non-zero)"
      % (worst, err.size, 100 * nonzero))
if min_nonzero is not None and nonzero < min_nonzero:
    sys.exit("only %.1f%% of the reference values are non-zero (need %.1f%%)"
             % (100 * nonzero, 100 * min_nonzero))
sys.exit(0 if worst <= tol else 1)
