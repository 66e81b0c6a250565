"""Compares the snn.parameter values of two graph-level .mlir models (hex dense
attributes, little-endian float32) to a relative tolerance; prints the worst."""
import re
import sys
import numpy as np

PARAM = re.compile(r'snn\.parameter @(\w+) = dense<"0x([0-9A-Fa-f]+)">')


def weights(path):
    with open(path) as f:
        return {m.group(1): np.frombuffer(bytes.fromhex(m.group(2)), "<f4")
                for m in PARAM.finditer(f.read())}


a, b = weights(sys.argv[1]), weights(sys.argv[2])
tol = float(sys.argv[3])
if not a or a.keys() != b.keys():
    sys.exit("parameters differ: %s vs %s" % (sorted(a), sorted(b)))
worst = max(float((np.abs(a[k] - b[k]) / np.maximum(1.0, np.abs(b[k]))).max()) for k in a)
print("max relative difference %.3g over %d tensors" % (worst, len(a)))
sys.exit(0 if worst <= tol else 1)
