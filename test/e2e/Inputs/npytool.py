# .npy helpers for the end-to-end lit tests: inputs, bad files, printing and comparing outputs.
"""Usage:
  npytool.py random OUT.npy SHAPE SEED SCALE [RAW.f32]  normal inputs (SHAPE like 3x20),
                                                     optionally also as raw float32
  npytool.py values OUT.npy SHAPE V1,V2,...          given float32 values
  npytool.py bad-files DIR                           the malformed inputs of run-errors.test
  npytool.py print FILE.npy [DECIMALS]               values (6 decimals), one row per line
  npytool.py compare NPY RAW.f32 TOL                 |a-b| <= TOL*max(1,|a|) elementwise
"""
import os
import sys

import numpy as np


def random_input(out, shape, seed, scale, raw=None):
    dims = tuple(int(d) for d in shape.split("x"))
    x = (np.random.default_rng(int(seed)).standard_normal(dims) * float(scale)).astype(np.float32)
    np.save(out, x)
    if raw:
        x.tofile(raw)


def values(out, shape, text):
    dims = tuple(int(d) for d in shape.split("x"))
    np.save(out, np.array([float(v) for v in text.split(",")], np.float32).reshape(dims))


def bad_files(d):
    good = np.ones((2, 20), np.float32)
    np.save(os.path.join(d, "good.npy"), good)
    np.save(os.path.join(d, "wrong-size.npy"), np.ones((2, 21), np.float32))
    np.save(os.path.join(d, "one-d.npy"), np.ones(20, np.float32))
    np.save(os.path.join(d, "complex.npy"), good.astype(np.complex64))
    np.save(os.path.join(d, "half.npy"), good.astype(np.float16))
    np.save(os.path.join(d, "big-endian.npy"), good.astype(">f4"))
    np.save(os.path.join(d, "fortran.npy"), np.asfortranarray(good))
    with open(os.path.join(d, "good.npy"), "rb") as f:
        data = f.read()
    with open(os.path.join(d, "truncated.npy"), "wb") as f:
        f.write(data[: len(data) - 8])
    with open(os.path.join(d, "header-only.npy"), "wb") as f:
        f.write(data[:20])
    with open(os.path.join(d, "not-npy.npy"), "wb") as f:
        f.write(b"this is not a numpy file\n")


def print_values(path, decimals="6"):
    y = np.load(path)
    print("shape", "x".join(str(d) for d in y.shape))
    for row in y.reshape(-1, y.shape[-1]):
        print(" ".join("%.*f" % (int(decimals), v) for v in row))


def compare(npy, raw, tol):
    a = np.load(npy).astype(np.float64).ravel()
    b = np.fromfile(raw, np.float32).astype(np.float64)
    if a.size != b.size:
        sys.exit("size mismatch: %s has %d values, %s has %d" % (npy, a.size, raw, b.size))
    bad = np.abs(a - b) > float(tol) * np.maximum(1.0, np.abs(a))
    if bad.any():
        i = int(np.argmax(bad))
        sys.exit("%d values differ; first at %d: %r vs %r" % (bad.sum(), i, a[i], b[i]))
    print("match: %d values, %d non-zero" % (a.size, np.count_nonzero(a)))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "random":
        random_input(*args)
    elif cmd == "values":
        values(*args)
    elif cmd == "bad-files":
        bad_files(*args)
    elif cmd == "print":
        print_values(*args)
    elif cmd == "compare":
        compare(*args)
    else:
        sys.exit(__doc__)
