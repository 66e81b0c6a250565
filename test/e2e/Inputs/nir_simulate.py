"""Reference simulator for NIR graphs (.nir, HDF5, read with h5py), independent of snnc.

Usage: nir_simulate.py MODEL.nir X.npy Y.npy [--steps T] [--dt DT]
                       [--integrator forward-euler|exponential] [--reset zero|subtract]
                       [--sequence] [--node NAME] [--precision float64|float32]

It runs the graph under the same discretisation contract as snnc's NIR importer and writes
what reaches the Output node as float32 [N, features..., T] (time last). Any file it cannot
run under that contract is refused: a message on stderr and exit status 1.

The contract, restated:
  * Options. dt: --dt, else the graph's metadata `dt`, else 1e-4 s. T: --steps, else the
    metadata `time_steps`, else 5 (with --sequence, X's last dimension). Integrator and reset:
    the flags, else the metadata `integrator` / `reset` (what snnc's exporter writes), else
    forward-euler and zero.
  * Input. X is [N, ...] and is presented unchanged at every step t = 0..T-1; with --sequence
    X is [N, ..., T] and step t sees X[..., t]. The per-sample part is reshaped to the Input
    node's `shape` when the sizes agree.
  * Order. Back edges are the edges a depth-first search from the Input node meets towards a
    node still on its stack, successors taken in the order the edges are listed. Every other
    edge is a forward edge; nodes run in a topological order of the forward edges. A back edge
    delivers its source's output of the previous step. At t = 0 the neuron that closes the
    loop has not fired yet, so a recurrent Affine delivers its bias and a Linear nothing (as
    snnTorch's RSynaptic: its recurrent layer sees zero spikes at the first step). A cycle must pass
    through a stateful node (I, IF, LI, LIF, CubaLI, CubaLIF), else the file is refused.
  * Fan-in. A node's input is the sum of what all its incoming edges deliver.
  * Decay of a time constant tau. forward-euler: alpha = 1 - dt/tau and gain = dt/tau;
    exponential: alpha = exp(-dt/tau) and gain = 1 - alpha.
  * Stateless nodes. Linear y = W x; Affine y = W x + b (W is [out, in]; a multi-dimensional
    input of in values is flattened first); Scale y = s * x; Conv1d/Conv2d as PyTorch's
    conv1d/conv2d with the node's stride, padding (int, pair, "same" or "valid"), dilation,
    groups and bias; SumPool2d = sum over each window with zero padding (avg_pool2d with
    count_include_pad times the window size); AvgPool2d = PyTorch avg_pool2d
    (count_include_pad=True); Flatten merges dims start_dim..end_dim of the per-sample shape
    (dims exclude the batch; negative dims count from the end); Threshold z = (x > threshold)
    as 0/1.
  * Stateful nodes, all state zero at t = 0, every parameter broadcast over the per-sample
    shape (a scalar, or an array of that shape):
      I:       v = v + dt r x;                                            output v
      IF:      v' = v + dt r x;               z = (v' > v_threshold);     output z
      LI:      v = alpha v + gain (v_leak + r x)          [tau];          output v
      LIF:     v' = alpha v + gain (v_leak + r x) [tau];  z = (v' > v_threshold); output z
      CubaLI:  I = alpha_s I + gain_s w_in x [tau_syn];  then
               v = alpha_m v + gain_m (v_leak + r I) [tau_mem], with this step's I; output v
      CubaLIF: as CubaLI, then z = (v' > v_threshold);  output z
    After a spike (z = 1) the membrane resets: zero: v = v_reset (zeros where the file has no
    v_reset, as files older than NIR 1.0.6); subtract: v = v' - v_threshold. I and IF have no
    leak, so both integrators give them the same update.
  * Nested graphs. A NIRGraph node inside the graph is inlined: its nodes get the prefix
    "<name>.", an edge into the node goes to its Input node, an edge out of it leaves from its
    Output node; those boundary nodes pass their input through.
  * Refused: Delay and other unknown node types, a `type` that is not a string, a missing
    field, an edge naming a missing node, no Input or no Output node (or several at the top
    level), shapes that do not fit, a cycle without a stateful node, a file that is not HDF5.

--node NAME writes that node's output (a flattened name like "rlif.lif") instead of the
Output's. --precision float32 computes in float32 (the default float64 gives numbers that
are trustworthy to compare snnc's float32 results against).
"""
import math
import sys

import h5py
import numpy as np
import torch
import torch.nn.functional as F

STATEFUL = {"I", "IF", "LI", "LIF", "CubaLI", "CubaLIF"}
FIELDS = {  # the fields each node type needs; v_reset is optional (old files lack it)
    "Input": [], "Output": [],
    "Linear": ["weight"], "Affine": ["weight", "bias"], "Scale": ["scale"],
    "Conv1d": ["weight", "stride", "padding", "dilation", "groups", "bias"],
    "Conv2d": ["weight", "stride", "padding", "dilation", "groups", "bias"],
    "SumPool2d": ["kernel_size", "stride", "padding"],
    "AvgPool2d": ["kernel_size", "stride", "padding"],
    "Flatten": ["start_dim", "end_dim"], "Threshold": ["threshold"],
    "I": ["r"], "IF": ["r", "v_threshold"], "LI": ["tau", "r", "v_leak"],
    "LIF": ["tau", "r", "v_leak", "v_threshold"],
    "CubaLI": ["tau_syn", "tau_mem", "r", "v_leak", "w_in"],
    "CubaLIF": ["tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "w_in"],
    "NIRGraph": ["nodes", "edges"],
}


def fail(message):
    sys.exit("nir_simulate.py: error: " + message)


def text(value):
    """A string field as h5py returns it: str, bytes (variable or fixed length) or a 0-d array."""
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "OSU":
        value = value[()]
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode()
    return value


def read_group(group):
    """An HDF5 group as a dict: datasets become values, subgroups nested dicts."""
    out = {}
    for key, item in group.items():
        out[key] = read_group(item) if isinstance(item, h5py.Group) else text(item[()])
    return out


def check_node(path, node):
    kind = node.get("type")
    if kind is None:
        fail("node %s has no type" % path)
    if not isinstance(kind, str):
        fail("node %s: its type is %r, not a string" % (path, kind))
    if kind == "Delay":
        fail("node %s: Delay is not supported" % path)
    if kind not in FIELDS:
        fail("node %s: unknown node type %s" % (path, kind))
    for field in FIELDS[kind]:
        if field not in node:
            fail("node %s (%s) has no field %s" % (path, kind, field))
    return kind


def read_edges(path, graph):
    edges = []
    for row in np.asarray(graph["edges"], dtype=object).reshape(-1, 2):
        edges.append((text(row[0]), text(row[1])))
    for a, b in edges:
        for end in (a, b):
            if end not in graph["nodes"]:
                fail("graph %s: edge %s -> %s names no node %s" % (path or "<top>", a, b, end))
    return edges


def inline(graph, prefix=""):
    """Flattens nested NIRGraph nodes: returns ({name: node}, [(src, dst)], input, output)
    with names prefixed by their enclosing graph's name and a dot."""
    nodes, edges, inputs, outputs, entry, exit_ = {}, [], [], [], {}, {}
    inner_edges = []
    for name, node in graph["nodes"].items():
        full = prefix + name
        if not isinstance(node, dict):
            fail("node %s is not a group" % full)
        kind = check_node(full, node)
        if kind == "NIRGraph":
            sub_nodes, sub_edges, sub_in, sub_out = inline(node, full + ".")
            nodes.update(sub_nodes)
            inner_edges += sub_edges
            entry[name], exit_[name] = sub_in, sub_out
        else:
            nodes[full] = node
            if kind == "Input":
                inputs.append(full)
            elif kind == "Output":
                outputs.append(full)
    for a, b in read_edges(prefix[:-1], graph):
        edges.append((exit_.get(a, prefix + a), entry.get(b, prefix + b)))
    where = "graph " + prefix[:-1] if prefix else "the graph"
    if len(inputs) != 1:
        fail("%s has %d Input nodes (need exactly one)" % (where, len(inputs)))
    if len(outputs) != 1:
        fail("%s has %d Output nodes (need exactly one)" % (where, len(outputs)))
    return nodes, edges + inner_edges, inputs[0], outputs[0]


def schedule(nodes, edges, source):
    """Back edges by DFS from the Input in edge order, then a topological order of the rest."""
    succ = {n: [] for n in nodes}
    for i, (a, b) in enumerate(edges):
        succ[a].append((b, i))
    colour, back, stack = {}, set(), []

    def visit(n):  # iterative DFS; stack holds (node, successor iterator)
        colour[n] = 1
        stack.append((n, iter(succ[n])))
        path = [n]
        while stack:
            node, it = stack[-1]
            step = next(it, None)
            if step is None:
                colour[node] = 2
                stack.pop()
                path.pop()
                continue
            b, i = step
            if colour.get(b) == 1:
                cycle = path[path.index(b):]
                if not any(nodes[c]["type"] in STATEFUL for c in cycle):
                    fail("cycle without a neuron: %s -> %s" % (" -> ".join(cycle), b))
                back.add(i)
            elif b not in colour:
                colour[b] = 1
                stack.append((b, iter(succ[b])))
                path.append(b)

    visit(source)
    unreached = [n for n in nodes if n not in colour]
    if unreached:
        fail("nodes not reachable from the Input: " + ", ".join(unreached))
    forward = [e for i, e in enumerate(edges) if i not in back]
    backward = [e for i, e in enumerate(edges) if i in back]
    indeg = {n: 0 for n in nodes}
    for a, b in forward:
        indeg[b] += 1
    order, ready = [], [n for n in nodes if indeg[n] == 0]
    while ready:
        n = ready.pop(0)
        order.append(n)
        for a, b in forward:
            if a == n:
                indeg[b] -= 1
                if indeg[b] == 0:
                    ready.append(b)
    preds = {n: [a for a, b in forward if b == n] for n in nodes}
    recurrent = {n: [a for a, b in backward if b == n] for n in nodes}
    return order, preds, recurrent


def ints(value, n, name, node):
    a = np.asarray(value).reshape(-1)
    if a.size not in (1, n) or a.dtype.kind not in "iuf":
        fail("node %s: %s %r is not an int or %d ints" % (node, name, value, n))
    return [int(v) for v in np.broadcast_to(a, (n,))]


def padding(value, n, node):
    if isinstance(value, str):
        if value not in ("same", "valid"):
            fail("node %s: padding %r" % (node, value))
        return value
    return ints(value, n, "padding", node)


class Simulator:
    def __init__(self, nodes, dtype, dt, integrator, reset, n):
        self.nodes, self.dtype, self.dt, self.n = nodes, dtype, dt, n
        self.integrator, self.reset = integrator, reset
        self.state = {}

    def param(self, name, node, key, shape, default=None):
        value = node.get(key, default)
        t = torch.as_tensor(np.asarray(value, dtype=np.float64)).to(self.dtype)
        try:
            return t.expand(*shape) if t.dim() <= len(shape) else t.reshape(shape)
        except RuntimeError:
            fail("node %s: %s of shape %s does not fit the per-sample shape %s"
                 % (name, key, tuple(t.shape), tuple(shape)))

    def decay(self, tau):
        if self.integrator == "exponential":
            alpha = torch.exp(-self.dt / tau)
            return alpha, 1 - alpha
        return 1 - self.dt / tau, self.dt / tau

    def spike(self, name, node, v, shape):
        threshold = self.param(name, node, "v_threshold", shape)
        z = v > threshold
        if self.reset == "subtract":
            v = torch.where(z, v - threshold, v)
        else:
            reset = self.param(name, node, "v_reset", shape, default=0.0)
            v = torch.where(z, reset.expand_as(v), v)
        return z.to(self.dtype), v

    def step(self, name, s):
        node, n = self.nodes[name], self.n
        kind = node["type"]
        shape = tuple(s.shape[1:])
        if kind in ("Linear", "Affine"):
            w = torch.as_tensor(np.asarray(node["weight"], np.float64)).to(self.dtype)
            if w.dim() != 2 or w.shape[1] != math.prod(shape):
                fail("node %s: weight %s does not fit an input of shape %s"
                     % (name, tuple(w.shape), shape))
            y = s.reshape(n, -1) @ w.T
            if kind == "Affine":
                b = torch.as_tensor(np.asarray(node["bias"], np.float64)).to(self.dtype)
                if b.numel() not in (1, w.shape[0]):
                    fail("node %s: bias %s for %d outputs" % (name, tuple(b.shape), w.shape[0]))
                y = y + b.reshape(-1)
            return y
        if kind == "Scale":
            return s * self.param(name, node, "scale", shape)
        if kind == "Threshold":
            return (s > self.param(name, node, "threshold", shape)).to(self.dtype)
        if kind in ("Conv1d", "Conv2d"):
            d = 1 if kind == "Conv1d" else 2
            w = torch.as_tensor(np.asarray(node["weight"], np.float64)).to(self.dtype)
            groups = int(np.asarray(node["groups"]).reshape(-1)[0])
            cin = w.shape[1] * groups
            if len(shape) != d + 1:  # a flat input: the node's input_shape says the layout
                spatial = [int(v) for v in np.asarray(node.get("input_shape", [])).reshape(-1)]
                if len(spatial) != d or math.prod(shape) != cin * math.prod(spatial):
                    fail("node %s: input of shape %s for a %s" % (name, shape, kind))
                s = s.reshape(n, cin, *spatial)
            if w.dim() != d + 2 or s.shape[1] != cin:
                fail("node %s: weight %s does not fit an input of shape %s"
                     % (name, tuple(w.shape), tuple(s.shape[1:])))
            b = torch.as_tensor(np.asarray(node["bias"], np.float64)).to(self.dtype).reshape(-1)
            conv = F.conv1d if d == 1 else F.conv2d
            return conv(s, w, b, stride=ints(node["stride"], d, "stride", name),
                        padding=padding(node["padding"], d, name),
                        dilation=ints(node["dilation"], d, "dilation", name), groups=groups)
        if kind in ("SumPool2d", "AvgPool2d"):
            if len(shape) != 3:
                fail("node %s: %s needs a [C, H, W] input, not %s" % (name, kind, shape))
            k = ints(node["kernel_size"], 2, "kernel_size", name)
            y = F.avg_pool2d(s, k, ints(node["stride"], 2, "stride", name),
                             ints(node["padding"], 2, "padding", name), count_include_pad=True)
            return y * (k[0] * k[1]) if kind == "SumPool2d" else y
        if kind == "Flatten":
            rank = len(shape)
            a, b = int(node["start_dim"]), int(node["end_dim"])
            a, b = a + rank if a < 0 else a, b + rank if b < 0 else b
            if not 0 <= a <= b < rank:
                fail("node %s: start_dim/end_dim %s/%s for a per-sample shape %s"
                     % (name, node["start_dim"], node["end_dim"], shape))
            return s.reshape(n, *shape[:a], -1, *shape[b + 1:])
        # stateful nodes
        p = lambda key, default=None: self.param(name, node, key, shape, default)
        v = self.state.get(name + ".v", torch.zeros_like(s))
        if kind in ("I", "IF"):
            v = v + self.dt * p("r") * s
        elif kind in ("LI", "LIF"):
            alpha, gain = self.decay(p("tau"))
            v = alpha * v + gain * (p("v_leak") + p("r") * s)
        else:  # CubaLI, CubaLIF
            i = self.state.get(name + ".i", torch.zeros_like(s))
            alpha_s, gain_s = self.decay(p("tau_syn"))
            i = alpha_s * i + gain_s * p("w_in") * s
            self.state[name + ".i"] = i
            alpha_m, gain_m = self.decay(p("tau_mem"))
            v = alpha_m * v + gain_m * (p("v_leak") + p("r") * i)
        if kind in ("I", "LI", "CubaLI"):
            y = v
        else:
            y, v = self.spike(name, node, v, shape)
        self.state[name + ".v"] = v
        return y


def main():
    args = sys.argv[1:]
    opts = {"--steps": None, "--dt": None, "--integrator": None, "--reset": None,
            "--node": None, "--precision": "float64"}
    for key in list(opts):
        if key in args:
            i = args.index(key)
            if i + 1 >= len(args):
                fail(key + " needs a value")
            opts[key] = args[i + 1]
            del args[i:i + 2]
    sequence = "--sequence" in args
    if sequence:
        args.remove("--sequence")
    if len(args) != 3 or any(a.startswith("--") for a in args):
        sys.exit(__doc__)
    try:
        with h5py.File(args[0], "r") as f:
            if "node" not in f:
                fail("%s has no group `node`" % args[0])
            top = read_group(f["node"])
    except OSError as e:
        fail("cannot read %s as HDF5: %s" % (args[0], e))
    if check_node("<top>", top) != "NIRGraph":
        fail("the top-level node is a %s, not a NIRGraph" % top["type"])
    meta = top.get("metadata", {})
    nodes, edges, source, sink = inline(top)
    for a, b in edges:
        if b == source:
            fail("edge %s -> %s goes into the Input node" % (a, b))
    order, preds, recurrent = schedule(nodes, edges, source)

    dtype = {"float64": torch.float64, "float32": torch.float32}[opts["--precision"]]
    dt = float(opts["--dt"] or meta.get("dt", 1e-4))
    integrator = opts["--integrator"] or meta.get("integrator", "forward-euler")
    reset = opts["--reset"] or meta.get("reset", "zero")
    if integrator not in ("forward-euler", "exponential"):
        fail("unknown integrator " + integrator)
    if reset not in ("zero", "subtract"):
        fail("unknown reset " + reset)
    x = torch.as_tensor(np.load(args[1]).astype(np.float64)).to(dtype)
    n = x.shape[0]
    if sequence:
        steps = int(opts["--steps"] or x.shape[-1])
        if steps > x.shape[-1]:
            fail("--steps %d but the sequence has %d steps" % (steps, x.shape[-1]))
    else:
        steps = int(opts["--steps"] or meta.get("time_steps", 5))
    sample = tuple(x.shape[1:-1] if sequence else x.shape[1:])
    in_shape = nodes[source].get("shape")
    if in_shape is not None:
        in_shape = tuple(int(d) for d in np.asarray(in_shape).reshape(-1))
        if math.prod(in_shape) != math.prod(sample):
            fail("the input has per-sample shape %s, the Input node %s" % (sample, in_shape))
        sample = in_shape
    probe = opts["--node"] or sink
    if probe not in nodes:
        fail("--node %s: no such node (nodes: %s)" % (probe, ", ".join(nodes)))

    sim = Simulator(nodes, dtype, dt, integrator, reset, n)
    previous, outputs = {}, []
    for name in nodes:  # t = 0: a recurrent Affine on the zero output delivers its bias
        for p in recurrent[name]:
            if nodes[p]["type"] == "Affine" and "bias" in nodes[p]:
                b = torch.as_tensor(np.asarray(nodes[p]["bias"], np.float64)).to(dtype)
                previous[p] = b.reshape(1, -1).expand(n, -1)
    for t in range(steps):
        value = {}
        xt = x[..., t] if sequence else x
        for name in order:
            kind = nodes[name]["type"]
            if name == source:
                value[name] = xt.reshape(n, *sample)
                continue
            inputs = [value[p] for p in preds[name]] + \
                     [previous[p] for p in recurrent[name] if p in previous]
            if not inputs:
                fail("node %s has no input" % name)
            for other in inputs[1:]:
                if other.shape != inputs[0].shape:
                    fail("node %s: inputs of shapes %s and %s" % (
                        name, tuple(inputs[0].shape[1:]), tuple(other.shape[1:])))
            s = sum(inputs[1:], inputs[0])
            if kind in ("Input", "Output"):  # boundary of a nested graph, or the Output
                value[name] = s
            else:
                value[name] = sim.step(name, s)
        out = value[probe]
        if probe == sink and "shape" in nodes[sink]:
            shape = tuple(int(d) for d in np.asarray(nodes[sink]["shape"]).reshape(-1))
            if math.prod(shape) == math.prod(out.shape[1:]):
                out = out.reshape(n, *shape)
        outputs.append(out)
        previous = value
    np.save(args[2], torch.stack(outputs, dim=-1).numpy().astype(np.float32))


if __name__ == "__main__":
    main()
