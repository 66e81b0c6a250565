"""Runs a NIR graph (read with h5py) on inputs, independently of snnc: forward Euler with
step dt, the synaptic current of the same step in the membrane update, hard reset.

Usage: nir_simulate.py MODEL.nir X.npy Y.npy [--steps T] [--dt DT]

X is [N, ...] static input, presented at every step; Y gets what reaches the Output
node, [N, features, T]. T and dt default to the graph's metadata (time_steps, dt).
Nodes: Input, Output, Linear, Affine, Conv2d, SumPool2d, Flatten, Scale, CubaLIF, LIF,
IF, LI; edges must form a DAG.
"""
import sys

import h5py
import numpy as np
import torch
import torch.nn.functional as F


def read_node(group):
    node = {}
    for key, item in group.items():
        if isinstance(item, h5py.Group):
            node[key] = {k: read_node(v) for k, v in item.items()} if key == "nodes" else {
                k: v[()] for k, v in item.items() if not isinstance(v, h5py.Group)}
        else:
            value = item[()]
            node[key] = value.decode() if isinstance(value, bytes) else value
    return node


def topological(nodes, edges):
    preds = {n: [] for n in nodes}
    for a, b in edges:
        preds[b].append(a)
    order, done = [], set()

    def visit(n, stack=()):
        if n in done:
            return
        if n in stack:
            sys.exit("nir_simulate.py: the graph has a cycle through " + n)
        for p in preds[n]:
            visit(p, stack + (n,))
        done.add(n)
        order.append(n)
    for n in nodes:
        visit(n)
    return order, preds


def f32(a):
    return np.asarray(a, dtype=np.float32)


def main():
    args = sys.argv[1:]
    opts = {"--steps": None, "--dt": None}
    for key in list(opts):
        if key in args:
            i = args.index(key)
            opts[key] = args[i + 1]
            del args[i:i + 2]
    with h5py.File(args[0], "r") as f:
        graph = read_node(f["node"])
    meta = graph.get("metadata", {})
    steps = int(opts["--steps"] or meta["time_steps"])
    dt = np.float32(opts["--dt"] or meta["dt"])
    nodes = graph["nodes"]
    edges = [(a.decode(), b.decode()) for a, b in graph["edges"]]
    order, preds = topological(nodes, edges)
    x = torch.from_numpy(f32(np.load(args[1])))
    n = x.shape[0]
    state, outputs = {}, []
    for t in range(steps):
        value = {}
        for name in order:
            node = nodes[name]
            kind = node["type"]
            inputs = [value[p] for p in preds[name]]
            s = sum(inputs[1:], inputs[0]) if inputs else None
            if kind == "Input":
                y = x
            elif kind in ("Linear", "Affine"):
                w = torch.from_numpy(f32(node["weight"]))
                y = s.reshape(n, -1) @ w.T
                if kind == "Affine":
                    y = y + torch.from_numpy(f32(node["bias"]))
            elif kind == "Conv2d":
                w = torch.from_numpy(f32(node["weight"]))
                pad = node["padding"]
                pad = [int(p) for p in np.broadcast_to(pad, (2,))]
                y = F.conv2d(s, w, torch.from_numpy(f32(node["bias"])),
                             stride=[int(v) for v in np.broadcast_to(node["stride"], (2,))],
                             padding=pad,
                             dilation=[int(v) for v in np.broadcast_to(node["dilation"], (2,))],
                             groups=int(node["groups"]))
            elif kind == "SumPool2d":
                k = [int(v) for v in np.broadcast_to(node["kernel_size"], (2,))]
                st = [int(v) for v in np.broadcast_to(node["stride"], (2,))]
                pd = [int(v) for v in np.broadcast_to(node["padding"], (2,))]
                y = F.avg_pool2d(s, k, st, pd) * (k[0] * k[1])
            elif kind == "Flatten":
                y = s.reshape(n, -1)
            elif kind == "Scale":
                y = s * torch.from_numpy(f32(node["scale"]))
            elif kind in ("CubaLIF", "LIF", "IF", "LI"):
                p = {k: torch.from_numpy(f32(v)) for k, v in node.items() if k != "type"}
                v = state.get(name + ".v", torch.zeros_like(s))
                if kind == "CubaLIF":
                    i = state.get(name + ".i", torch.zeros_like(s))
                    i = i + dt / p["tau_syn"] * (-i + p["w_in"] * s)
                    state[name + ".i"] = i
                    v = v + dt / p["tau_mem"] * (p["v_leak"] - v + p["r"] * i)
                elif kind in ("LIF", "LI"):
                    v = v + dt / p["tau"] * (p["v_leak"] - v + p["r"] * s)
                else:  # IF
                    v = v + p["r"] * s * dt
                if kind == "LI":
                    y = v
                else:
                    z = v > p["v_threshold"]
                    reset = p.get("v_reset", torch.zeros_like(v))
                    v = torch.where(z, reset.expand_as(v), v)
                    y = z.to(torch.float32)
                state[name + ".v"] = v
            elif kind == "Output":
                y = s
                outputs.append(s.reshape(n, -1))
            else:
                sys.exit("nir_simulate.py: node %s: type %s is not simulated" % (name, kind))
            value[name] = y
    np.save(args[2], torch.stack(outputs, dim=2).numpy())


if __name__ == "__main__":
    main()
