"""Writes a tiny synthetic N-MNIST tree in the pre-binned text format (runtime/NMnist.h)."""
import os
import random
import sys

root, per_split = sys.argv[1], {"train": 20, "test": 10}
random.seed(0)
for split, n in per_split.items():
    for i in range(n):
        label = i % 10
        folder = os.path.join(root, split, str(label))
        os.makedirs(folder, exist_ok=True)
        lines = []
        for _ in range(30):
            pol, row, col = random.randint(0, 1), min(33, 3 * label + random.randint(0, 3)), random.randint(0, 33)
            bins = sorted(random.sample(range(0, 12), 3))
            lines.append(" ".join(map(str, [pol * 1156 + row * 34 + col + 1] + bins)))
        with open(os.path.join(folder, "%03d.txt" % i), "w") as f:
            f.write("\n".join(lines) + "\n")
