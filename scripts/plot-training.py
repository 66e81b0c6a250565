#!/usr/bin/python3
"""Learning curves of snnc training runs as one PNG.

Usage: scripts/plot-training.py RUN [RUN ...] -o curves.png [--labels A B ...] [--title T]

Each RUN is a `snnc train --metrics` CSV file or a saved console log of `snnc train`
(its "epoch E/N  loss …  train …%  test …%" lines; a resumed run's log may repeat
epochs, the last one counts). The picture has three panels over epochs: the training
loss, the test accuracy (solid) with the training accuracy (dashed), and the training
throughput in samples/s. Needs python3-matplotlib (scripts/setup.sh installs it).
"""
import argparse
import csv
import os
import re
import sys

LOG_LINE = re.compile(r"^epoch (\d+)/\d+\s+loss ([0-9.eE+-]+)\s+train ([0-9.]+)%\s+"
                      r"test ([0-9.]+)%\s+([0-9.]+) samples/s")
HEADER = ("epoch,loss,train_accuracy,test_accuracy,samples_per_second,learning_rate,"
          "wall_seconds")


def fail(message):
    sys.exit("plot-training.py: error: " + message)


def read_run(path):
    """{epoch: (loss, train accuracy %, test accuracy %, samples/s)} of one run."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        fail("%s: cannot read: %s" % (path, e.strerror))
    rows = {}
    lines = text.splitlines()
    if lines and lines[0].strip() == HEADER:
        for n, row in enumerate(csv.DictReader(lines), start=2):
            try:
                rows[int(row["epoch"])] = (float(row["loss"]),
                                           100 * float(row["train_accuracy"]),
                                           100 * float(row["test_accuracy"]),
                                           float(row["samples_per_second"]))
            except (TypeError, ValueError):
                fail("%s:%d: malformed metrics row" % (path, n))
    else:
        for line in lines:
            m = LOG_LINE.match(line.strip())
            if m:
                rows[int(m.group(1))] = tuple(float(m.group(i)) for i in range(2, 6))
    if not rows:
        fail("%s: neither a snnc metrics file nor a snnc train log with epoch lines" % path)
    return dict(sorted(rows.items()))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("runs", nargs="+", help="metrics CSV files or snnc train logs")
    p.add_argument("-o", "--output", required=True, help="the PNG to write")
    p.add_argument("--labels", nargs="+", help="one legend label per run (default: file names)")
    p.add_argument("--title", default="", help="the figure's title")
    args = p.parse_args()
    if args.labels and len(args.labels) != len(args.runs):
        fail("--labels gives %d labels for %d runs" % (len(args.labels), len(args.runs)))
    runs = [read_run(path) for path in args.runs]
    labels = args.labels or [os.path.splitext(os.path.basename(r))[0] for r in args.runs]

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (loss_ax, acc_ax, speed_ax) = plt.subplots(1, 3, figsize=(15, 4.2))
    for index, (run, label) in enumerate(zip(runs, labels)):
        epochs = list(run)
        loss, train, test, speed = zip(*run.values())
        line, = loss_ax.plot(epochs, loss, label=label)
        acc_ax.plot(epochs, test, color=line.get_color(), label=label + " (test)")
        acc_ax.plot(epochs, train, color=line.get_color(), linestyle="--", alpha=0.6,
                    label=label + " (train)")
        speed_ax.plot(epochs, speed, color=line.get_color(), label=label)
        best = max(range(len(test)), key=lambda i: test[i])
        acc_ax.annotate("%.2f%%" % test[best], (epochs[best], test[best]),
                        textcoords="offset points", xytext=(0, 6 + 11 * index), ha="center", fontsize=8,
                        color=line.get_color())
    loss_ax.set(title="training loss", xlabel="epoch", ylabel="loss")
    acc_ax.set(title="accuracy (test solid, train dashed)", xlabel="epoch", ylabel="%")
    speed_ax.set(title="training throughput", xlabel="epoch", ylabel="samples/s")
    speed_ax.set_ylim(bottom=0)
    for ax in (loss_ax, acc_ax, speed_ax):
        ax.grid(alpha=0.3)
    loss_ax.legend(fontsize=8)
    acc_ax.legend(fontsize=7, loc="lower right")
    if args.title:
        fig.suptitle(args.title)
    fig.tight_layout()
    try:
        fig.savefig(args.output, dpi=110)
    except OSError as e:
        fail("%s: cannot write: %s" % (args.output, e.strerror))
    print("wrote %s (%d run%s)" % (args.output, len(runs), "s" if len(runs) > 1 else ""))


if __name__ == "__main__":
    main()
