"""Writes a small IDX dataset (train-/t10k- images and labels) for hostile-input tests.

usage: make_idx.py DIR TRAIN_N TRAIN_SIDE TEST_N TEST_SIDE
Pixels are deterministic; labels cycle through 0..9.
"""
import struct
import sys


def write_split(directory, prefix, count, side):
    with open(f"{directory}/{prefix}-images-idx3-ubyte", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, count, side, side))
        f.write(bytes((i * 7 + j) % 256 for i in range(count) for j in range(side * side)))
    with open(f"{directory}/{prefix}-labels-idx1-ubyte", "wb") as f:
        f.write(struct.pack(">II", 0x801, count))
        f.write(bytes(i % 10 for i in range(count)))


def main():
    directory, train_n, train_side, test_n, test_side = sys.argv[1:]
    write_split(directory, "train", int(train_n), int(train_side))
    write_split(directory, "t10k", int(test_n), int(test_side))


if __name__ == "__main__":
    main()
