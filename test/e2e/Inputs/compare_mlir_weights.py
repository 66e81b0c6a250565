"""Compares the snn.parameter values of two graph-level .mlir models (dense attributes
as MLIR prints them: hex little-endian float32, a list, or a splat) to a relative
tolerance; prints the worst.

  compare_mlir_weights.py A B TOL            |a - b| / max(1, |b|), elementwise
  compare_mlir_weights.py A B TOL --base M   the updates from M's values (with one SGD
                                             step at lr 1, minus the gradients):
                                             max |Δa - Δb| / max |Δb| per tensor
"""
import re
import sys
import numpy as np

PARAM = re.compile(r'snn\.parameter @([\w.]+) = dense<(.+?)> : tensor<([0-9x]*)xf32>')
NUMBER = re.compile(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan')


def values(text, shape):
    """The flat float64 values of one dense attribute's body."""
    if text.startswith('"0x'):
        return np.frombuffer(bytes.fromhex(text[3:-1]), "<f4").astype(np.float64)
    numbers = np.array([float(v) for v in NUMBER.findall(text)], np.float64)
    if not text.startswith("["):
        count = int(np.prod([int(d) for d in shape.split("x") if d])) if shape else 1
        numbers = np.full(count, numbers[0])
    return numbers


def weights(path):
    with open(path) as f:
        return {m.group(1): values(m.group(2), m.group(3)) for m in PARAM.finditer(f.read())}


args = sys.argv[1:]
base = None
if "--base" in args:
    i = args.index("--base")
    base = weights(args[i + 1])
    del args[i:i + 2]
a, b = weights(args[0]), weights(args[1])
tol = float(args[2])
if not a or a.keys() != b.keys() or (base is not None and base.keys() != a.keys()):
    sys.exit("parameters differ: %s vs %s" % (sorted(a), sorted(b)))
if base is None:
    worst = max(float((np.abs(a[k] - b[k]) / np.maximum(1.0, np.abs(b[k]))).max()) for k in a)
    print("max relative difference %.3g over %d tensors" % (worst, len(a)))
else:
    worst = 0.0
    for k in a:
        da, db = a[k] - base[k], b[k] - base[k]
        scale = float(np.abs(db).max())
        if scale == 0.0:
            sys.exit("parameter %s did not move: no gradient to compare" % k)
        worst = max(worst, float(np.abs(da - db).max()) / scale)
    print("max relative difference of the updates %.3g over %d tensors" % (worst, len(a)))
sys.exit(0 if worst <= tol else 1)
