#!/usr/bin/python3
"""Spike rasters and per-layer spike rates of a mapped model, as one PNG.

Usage: scripts/plot-raster.py DIR -o raster.png [--sample I] [--title T]

DIR is what `snnc stats MODEL … --spikes DIR` writes: one DIR/<index>-<layer>.npy per
layer, the spike counts [samples, T, neurons] of the bit-exact core simulator. The
picture has one raster per layer for sample I (default 0: a dot for each neuron and
time step with a spike, bigger for several spikes in one step) and a bar chart of each
layer's spike rate (spikes per neuron per step) over all samples in DIR.
Needs python3-matplotlib and python3-numpy.
"""
import argparse
import glob
import os
import re
import sys

import numpy as np

NAME = re.compile(r"^(\d+)-(.+)\.npy$")


def fail(message):
    sys.exit("plot-raster.py: error: " + message)


def read_layers(folder):
    layers = []
    for path in glob.glob(os.path.join(folder, "*.npy")):
        m = NAME.match(os.path.basename(path))
        if not m:
            continue
        try:
            counts = np.load(path)
        except (OSError, ValueError) as e:
            fail("%s: cannot read: %s" % (path, e))
        if counts.ndim != 3:
            fail("%s: expected spike counts [samples, T, neurons], got shape %s"
                 % (path, counts.shape))
        layers.append((int(m.group(1)), m.group(2), counts))
    if not layers:
        fail("%s: no <index>-<layer>.npy files (write them with snnc stats --spikes %s)"
             % (folder, folder))
    layers.sort()
    samples = {c.shape[0] for _, _, c in layers}
    if len(samples) != 1:
        fail("%s: the layers hold different numbers of samples %s" % (folder, sorted(samples)))
    return [(name, counts) for _, name, counts in layers]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", help="the --spikes folder of snnc stats")
    p.add_argument("-o", "--output", required=True, help="the PNG to write")
    p.add_argument("--sample", type=int, default=0, help="which sample's raster to draw")
    p.add_argument("--title", default="")
    args = p.parse_args()
    if not os.path.isdir(args.folder):
        fail("%s: not a folder" % args.folder)
    layers = read_layers(args.folder)
    samples = layers[0][1].shape[0]
    if not 0 <= args.sample < samples:
        fail("--sample %d: the folder holds samples 0..%d" % (args.sample, samples - 1))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(layers) + 1, figsize=(3.2 * (len(layers) + 1), 4.2))
    for ax, (name, counts) in zip(axes, layers):
        sample = counts[args.sample]  # [T, neurons]
        steps, neurons = sample.shape
        t, n = np.nonzero(sample)
        ax.scatter(t, n, s=4 + 6 * (sample[t, n] - 1), marker="|", color="black")
        ax.set(title="%s (%d neurons)" % (name, neurons), xlabel="time step",
               xlim=(-0.5, steps - 0.5), ylim=(-0.5, neurons - 0.5))
        ax.set_xticks(range(steps))
    axes[0].set_ylabel("neuron")
    rates = [float(c.sum()) / c.size for _, c in layers]
    bars = axes[-1]
    bars.bar(range(len(layers)), rates, color="tab:blue")
    bars.set_xticks(range(len(layers)))
    bars.set_xticklabels([name for name, _ in layers], rotation=45, ha="right")
    bars.set(title="spike rate (%d samples)" % samples, ylabel="spikes / neuron / step")
    for i, r in enumerate(rates):
        bars.annotate("%.3f" % r, (i, r), textcoords="offset points", xytext=(0, 3),
                      ha="center", fontsize=8)
    fig.suptitle(args.title or "spike raster, sample %d" % args.sample)
    fig.tight_layout()
    try:
        fig.savefig(args.output, dpi=110)
    except OSError as e:
        fail("%s: cannot write: %s" % (args.output, e.strerror))
    print("wrote %s (%d layers, sample %d of %d)" % (args.output, len(layers), args.sample,
                                                    samples))


if __name__ == "__main__":
    main()
