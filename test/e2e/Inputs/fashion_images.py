"""Writes the first N Fashion-MNIST test images, normalised as snnc feeds them
((p/255 − 0.1307)/0.3081), to an .npy file of shape [N, 1, 28, 28] (or [N, 784] with
--flat).

Usage: fashion_images.py N OUT.npy [--flat]
"""
import gzip
import sys

import numpy as np

n, out = int(sys.argv[1]), sys.argv[2]
with gzip.open("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz") as f:
    pixels = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[: n * 784]
x = ((pixels.astype(np.float32) / np.float32(255)) - np.float32(0.1307)) / np.float32(0.3081)
np.save(out, x.reshape(n, 784) if "--flat" in sys.argv else x.reshape(n, 1, 28, 28))
