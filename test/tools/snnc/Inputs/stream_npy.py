# Helpers for run-streaming.test: .npy data through FIFOs, and a command's peak memory.
"""Usage:
  stream_npy.py feed PATH ROWS COLS SEED    writes a float32 [ROWS, COLS] .npy to PATH (a
                                            FIFO) 1000 rows at a time, never all at once
  stream_npy.py peak-mb OUT CMD ARGS...     runs CMD and exits with its status; writes its
                                            peak resident memory in MiB to OUT
  stream_npy.py grew-less BASE OTHER LIMIT  fails unless OTHER's peak exceeds BASE's by
                                            less than LIMIT MiB
"""
import resource
import subprocess
import sys

import numpy as np


def feed(path, rows, cols, seed):
    rows, cols = int(rows), int(cols)
    rng = np.random.default_rng(int(seed))
    with open(path, "wb") as f:
        np.lib.format.write_array_header_1_0(
            f, {"descr": "<f4", "fortran_order": False, "shape": (rows, cols)})
        for start in range(0, rows, 1000):
            n = min(1000, rows - start)
            f.write((rng.random((n, cols)) * 4).astype(np.float32).tobytes())


def peak_mb(out, cmd):
    status = subprocess.run(cmd).returncode
    # ru_maxrss is in KiB on Linux and counts only the waited-for child (snnc).
    with open(out, "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024))
    sys.exit(status)


def grew_less(base, other, limit):
    a, b = int(open(base).read()), int(open(other).read())
    if b - a >= int(limit):
        sys.exit("peak memory grew by %d MiB (%d -> %d), limit %s" % (b - a, a, b, limit))
    print("peak memory grew by less than %s MiB" % limit)


if __name__ == "__main__":
    if sys.argv[1] == "feed":
        feed(*sys.argv[2:6])
    elif sys.argv[1] == "peak-mb":
        peak_mb(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "grew-less":
        grew_less(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
