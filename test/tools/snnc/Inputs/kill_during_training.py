"""Starts `snnc train ARGS...`, waits until CHECKPOINT exists, lets the run go on for
DELAY seconds (into the next epoch, or into a checkpoint write) and kills it with SIGKILL.

usage: kill_during_training.py CHECKPOINT DELAY snnc train ARGS...
Exits 0 when the run was killed, 1 when it ended or never wrote a checkpoint.
"""
import os
import signal
import subprocess
import sys
import time


def main():
    checkpoint, delay, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not os.path.exists(checkpoint):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            sys.exit("the run ended or timed out before writing a checkpoint")
        time.sleep(0.05)
    time.sleep(delay)
    if proc.poll() is not None:
        sys.exit("the run ended before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
