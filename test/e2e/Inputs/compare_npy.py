"""Compares two .npy arrays: |a - b| <= tol * max(1, |b|) everywhere; prints the worst."""
import sys
import numpy as np

a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
tol = float(sys.argv[3])
if a.shape != b.shape:
    sys.exit("shapes differ: %s vs %s" % (a.shape, b.shape))
err = np.abs(a - b) / np.maximum(1.0, np.abs(b))
worst = float(err.max()) if err.size else 0.0
print("max relative difference %.3g over %d values" % (worst, err.size))
sys.exit(0 if worst <= tol else 1)
