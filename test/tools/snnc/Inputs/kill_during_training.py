"""Starts `snnc train ARGS...`, waits until CHECKPOINT exists, lets the run go on for
DELAY seconds (into a later epoch, or into a checkpoint write) and kills it with SIGKILL;
then writes the epoch the surviving checkpoint holds to EPOCH_FILE.

usage: kill_during_training.py CHECKPOINT DELAY EPOCH_FILE snnc train ARGS...
Give the run far more epochs than it can finish in DELAY. Exits 0 when the run was
killed, 1 when it ended or never wrote a checkpoint.
"""
import os
import signal
import struct
import subprocess
import sys
import time


def checkpoint_epoch(path):
    """The epoch field of a version-2 checkpoint (docs: runtime/Checkpoint.h)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"SNNCKPT1":
        sys.exit("%s is not a checkpoint" % path)
    at = 12
    for _ in range(2):  # model description, settings: u64 length + bytes
        (length,) = struct.unpack_from("<Q", data, at)
        at += 8 + length
    (epoch,) = struct.unpack_from("<q", data, at)
    return epoch


def main():
    checkpoint, delay, epoch_file, command = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not os.path.exists(checkpoint):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            sys.exit("the run ended or timed out before writing a checkpoint")
        time.sleep(0.01)
    time.sleep(delay)
    if proc.poll() is not None:
        sys.exit("the run ended before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open(epoch_file, "w") as f:
        f.write("%d\n" % checkpoint_epoch(checkpoint))
    return 0


if __name__ == "__main__":
    sys.exit(main())
