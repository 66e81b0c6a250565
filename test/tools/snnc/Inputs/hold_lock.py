"""Holds an exclusive flock on LOCKFILE (as a running `snnc train` does on its checkpoint
folder) while it runs COMMAND...; exits with COMMAND's status.

usage: hold_lock.py LOCKFILE COMMAND...
"""
import fcntl
import subprocess
import sys


def main():
    with open(sys.argv[1], "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.truncate(0)
        lock.write("4242\n")
        lock.flush()
        return subprocess.call(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
