"""Writes NIR files (HDF5, with h5py) in the layouts Sinabs, snnTorch and old NIR writers use,
plus malformed ones, for the tests of snnc's NIR importer.

Usage: nir_writers.py KIND OUT.nir [--seed S]        (nir_writers.py --list: the kinds)

The files are deterministic for a seed (default 1). The layout follows NIR's own writer
(nir/serialization.py): root dataset `version`, group `node` (a NIRGraph: `type`, `nodes/`,
`edges` as an N x 2 array of variable-length strings, `metadata/` only when not empty);
every node a group with `type` and one dataset per field; float arrays gzip-compressed;
ints and tuples as plain int64 datasets; dict fields (input_type, output_type) as groups,
as NIR's dataclass to_dict writes them. Values are what the frameworks would compute, made
busy enough that the reference (nir_simulate.py) sees spikes.

Kinds (shapes are per sample; the tests run them with the dt / T named here):
  sinabs-cnn         N-MNIST-style CNN as Sinabs exports it, NIR 1.0.7. input [2,34,34] ->
                     conv (Conv2d 8x2x3x3, stride [2,2], padding [1,1]) -> if1 (IF [8,17,17])
                     -> pool (SumPool2d 2x2/2) -> flatten ([8,8,8] -> [512]) -> fc (Affine
                     10x512) -> if2 (IF [10]) -> output [10]. No metadata. Run with dt 1
                     (Sinabs: IF with r = 1 adds x every step), T 10, 0/1 input density 0.2.
                     Flatten: start_dim 0, end_dim -1 over the per-sample shape (NIR's dims
                     exclude the batch; older Sinabs wrote torch's start_dim 1 unchanged).
  snntorch-rcuba     snnTorch RSynaptic, flat: input [16] -> fc (Affine 12x16) -> lif
                     (CubaLIF [12], alpha 0.8, beta 0.9 mapped for dt 1e-4) <-> rec (Affine
                     12x12; edges lif->rec, rec->lif) ; lif -> out (Affine 4x12) -> output [4].
                     Run with dt 1e-4, T 20, uniform [0,1) input.
  snntorch-rcuba-nested  the same network as newer snnTorch writes it: the neuron and its
                     recurrent weights in a nested NIRGraph "rlif" with nodes input (Input
                     [12]), lif (CubaLIF), w_rec (Affine), output (Output [12]); outer
                     edges input->fc->rlif->out->output. Simulates exactly like snntorch-rcuba.
  old-lif            NIR 0.1.1: input [1] -> lif (LIF, float64 [1] arrays, no v_reset) ->
                     output [1]; all strings fixed-length bytes, no compression. Run with
                     dt 1e-4, T 20, a constant input of 1.0: it fires at t = 3, 7, 11, 15, 19
                     (forward Euler, zero reset).
  node-<type>        one node kind each, input -> node -> output, dt 1e-4, T 5 (metadata
                     says so):
                       node-linear (Linear 5x6 on [6]), node-scale (Scale [6]),
                       node-threshold (Threshold [6]), node-i (I [4]), node-if (IF [4]),
                       node-li (LI [4], v_leak != 0), node-lif (LIF [4], v_reset != 0),
                       node-cubali (CubaLI [4]), node-cubalif (CubaLIF [4]),
                       node-conv1d (Conv1d 3x2x3 on [2,10], padding "same" as a string,
                       -> [3,10]), node-conv2d (Conv2d 4x1x3x3, groups 2, dilation [2,2],
                       padding "same", on [2,7,7]), node-avgpool2d (AvgPool2d k3/s2/pad1 on
                       [2,6,6] -> [2,3,3]), node-sumpool2d (the same as SumPool2d),
                       node-flatten (Flatten dims 1..2 of [2,3,4] -> [2,12], input_type
                       written as a plain dataset as NIR >= 1.0.7 does).
  all-nodes          a DAG with fan-in, input [16]: lin (Linear 8x16) -> lif (LIF) -> sc
                     (Scale); lin -> if (IF); input -> aff (Affine 8x16) -> thr (Threshold)
                     -> integ (I); sc, thr, if -> cuba (CubaLIF) (three edges in); cuba,
                     integ -> li (LI) -> output [8]. dt 1e-4, T 10 (metadata).
  bad-unknown-node   input -> delay (type Delay) -> output
  bad-missing-field  input -> lin (Linear without weight) -> output
  bad-edge           an edge lin -> ghost, a node that does not exist
  bad-shape          input [6] -> aff (Affine with weight 4x7) -> output
  bad-no-input       lin -> output, no Input node
  bad-cycle          input -> a (Linear) -> b (Scale) -> a: a cycle through no neuron
  bad-type           the Linear's `type` is the integer 3
  not-hdf5           a text file
"""
import sys

import h5py
import numpy as np

STR = h5py.string_dtype()


def write_fields(group, fields, compress=True, fixed=False):
    """Writes a node's fields the way NIR's writer does: str -> string dataset, ndarray ->
    (gzip) dataset of its dtype, dict -> subgroup, anything else -> plain dataset."""
    for key, v in fields.items():
        if isinstance(v, dict):
            if v:  # NIR skips empty dicts (metadata)
                write_fields(group.create_group(key), v, compress, fixed)
        elif isinstance(v, str):
            if fixed:  # old writers: fixed-length bytes
                group.create_dataset(key, data=np.bytes_(v))
            else:
                group.create_dataset(key, data=v, dtype=STR)
        elif isinstance(v, np.ndarray) and v.dtype == object:  # edges: NIR passes a list
            group.create_dataset(key, data=v, dtype=STR)
        elif isinstance(v, np.ndarray) and compress:
            group.create_dataset(key, data=v, dtype=v.dtype, compression="gzip")
        else:
            group.create_dataset(key, data=v)


def graph(nodes, edges, metadata=None, fixed=False):
    """A NIRGraph as a dict of fields; edges as an N x 2 array of strings."""
    if fixed:
        width = max(len(s) for e in edges for s in e) if edges else 1
        e = np.array(edges, dtype="S%d" % width).reshape(-1, 2)
    else:
        e = np.array(edges, dtype=object).reshape(-1, 2)
    g = {"type": "NIRGraph", "nodes": nodes, "edges": e, "metadata": metadata or {}}
    if not fixed:  # NIR 1.0 also writes the graph's input and output types
        g["input_type"] = {k: n["shape"] for k, n in nodes.items() if n.get("type") == "Input"}
        g["output_type"] = {k: n["shape"] for k, n in nodes.items() if n.get("type") == "Output"}
    return g


def write(path, top, version="1.0.7", compress=True, fixed=False):
    with h5py.File(path, "w") as f:
        if fixed:
            f.create_dataset("version", data=np.bytes_(version))
        else:
            f.create_dataset("version", data=version, dtype=STR)
        write_fields(f.create_group("node"), top, compress, fixed)


def shape_of(*dims):
    return np.array(dims, dtype=np.int64)


def f32(a):
    return np.asarray(a, dtype=np.float32)


# ---- nodes, with the extra fields NIR's to_dict adds ----

def io_node(kind, shape):
    key = "input" if kind == "Input" else "output"
    return {"type": kind, "shape": shape_of(*shape), key + "_type": {key: shape_of(*shape)}}


def typed(kind, shape, **fields):
    """A neuron-like node: NIR writes input_type/output_type groups beside the fields."""
    node = {"type": kind, **fields}
    node["input_type"] = {"input": shape_of(*shape)}
    node["output_type"] = {"output": shape_of(*shape)}
    return node


def affine(w, b):
    return {"type": "Affine", "weight": f32(w), "bias": f32(b)}


def linear(w):
    return {"type": "Linear", "weight": f32(w)}


def chain(*named):
    """Sequential edges through the named nodes."""
    return [(named[i], named[i + 1]) for i in range(len(named) - 1)]


# ---- the kinds ----

def sinabs_cnn(rng):
    w = rng.normal(0.1, 0.3, (8, 2, 3, 3))
    conv = {"type": "Conv2d", "input_shape": shape_of(34, 34), "weight": f32(w),
            "stride": shape_of(2, 2), "padding": shape_of(1, 1), "dilation": shape_of(1, 1),
            "groups": np.int64(1), "bias": f32(rng.normal(0.05, 0.05, 8))}
    hidden = (8, 17, 17)
    # Sinabs: r = ones_like(v_mem), thresholds per neuron (here slightly varied), v_reset 0
    if1 = typed("IF", hidden, r=f32(np.ones(hidden)),
                v_threshold=f32(1.0 + 0.05 * rng.standard_normal(hidden)),
                v_reset=f32(np.zeros(hidden)))
    pool = {"type": "SumPool2d", "kernel_size": shape_of(2, 2), "stride": shape_of(2, 2),
            "padding": shape_of(0, 0)}
    flatten = {"type": "Flatten", "input_type": {"input": shape_of(8, 8, 8)},
               "start_dim": np.int64(0), "end_dim": np.int64(-1)}
    fc = affine(rng.normal(0.0, 0.05, (10, 512)), rng.normal(0.0, 0.1, 10))
    if2 = typed("IF", (10,), r=f32(np.ones(10)), v_threshold=f32(np.ones(10)),
                v_reset=f32(np.zeros(10)))
    nodes = {"input": io_node("Input", (2, 34, 34)), "conv": conv, "if1": if1, "pool": pool,
             "flatten": flatten, "fc": fc, "if2": if2, "output": io_node("Output", (10,))}
    return graph(nodes, chain("input", "conv", "if1", "pool", "flatten", "fc", "if2", "output"))


def snntorch_cuba(n, dt=1e-4, alpha=0.8, beta=0.9, threshold=1.0):
    """CubaLIF with snnTorch's mapping of Synaptic(alpha, beta) for a step dt:
    under forward Euler it gives I = alpha I + x and v = beta v + I."""
    tau_syn, tau_mem = dt / (1 - alpha), dt / (1 - beta)
    full = lambda v: f32(np.full(n, v))
    return typed("CubaLIF", (n,), tau_syn=full(tau_syn), tau_mem=full(tau_mem),
                 r=full(tau_mem / dt), v_leak=full(0.0), v_threshold=full(threshold),
                 v_reset=full(0.0), w_in=full(tau_syn / dt))


def snntorch_weights(rng):
    fc = affine(rng.normal(0.05, 0.15, (12, 16)), rng.normal(0.0, 0.05, 12))
    rec = affine(rng.normal(0.0, 0.15, (12, 12)), rng.normal(0.0, 0.02, 12))
    out = affine(rng.normal(0.0, 0.5, (4, 12)), rng.normal(0.0, 0.1, 4))
    return fc, rec, out


def snntorch_rcuba(rng):
    fc, rec, out = snntorch_weights(rng)
    nodes = {"input": io_node("Input", (16,)), "fc": fc, "lif": snntorch_cuba(12), "rec": rec,
             "out": out, "output": io_node("Output", (4,))}
    edges = [("input", "fc"), ("fc", "lif"), ("lif", "rec"), ("rec", "lif"), ("lif", "out"),
             ("out", "output")]
    return graph(nodes, edges)


def snntorch_rcuba_nested(rng):
    fc, rec, out = snntorch_weights(rng)
    inner = graph({"input": io_node("Input", (12,)), "lif": snntorch_cuba(12), "w_rec": rec,
                   "output": io_node("Output", (12,))},
                  [("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"), ("lif", "output")])
    nodes = {"input": io_node("Input", (16,)), "fc": fc, "rlif": inner, "out": out,
             "output": io_node("Output", (4,))}
    return graph(nodes, chain("input", "fc", "rlif", "out", "output"))


def old_lif(rng):
    # tau 2e-4 with dt 1e-4 halves v each step: v = 0.5 v + 0.5 r x; r 3 and x 1 give
    # 1.5, 2.25, 2.625, 2.8125 > 2.7: a spike every 4th step (t = 3, 7, 11, 15, 19)
    lif = {"type": "LIF", "tau": np.array([2e-4]), "r": np.array([3.0]),
           "v_leak": np.array([0.0]), "v_threshold": np.array([2.7])}
    nodes = {"input": {"type": "Input", "shape": shape_of(1)}, "lif": lif,
             "output": {"type": "Output", "shape": shape_of(1)}}
    return graph(nodes, chain("input", "lif", "output"), fixed=True)


META = {"dt": 1e-4, "time_steps": np.int64(5)}


def single(node_name, node, in_shape, out_shape, meta=META):
    nodes = {"input": io_node("Input", in_shape), node_name: node,
             "output": io_node("Output", out_shape)}
    return graph(nodes, chain("input", node_name, "output"), meta)


def neuron(kind, rng, n=4):
    """A neuron of each kind with per-neuron values that make it busy for x in [0, 1)
    at dt 1e-4 over 5 steps."""
    u = lambda lo, hi: f32(rng.uniform(lo, hi, n))
    if kind == "I":
        return typed("I", (n,), r=u(500, 2000))
    if kind == "IF":
        return typed("IF", (n,), r=u(3000, 8000), v_threshold=u(0.3, 0.6), v_reset=u(-0.1, 0.1))
    if kind == "LI":
        return typed("LI", (n,), tau=u(2e-4, 1e-3), r=u(1, 3), v_leak=u(-0.2, 0.2))
    if kind == "LIF":
        return typed("LIF", (n,), tau=u(2e-4, 5e-4), r=u(2, 4), v_leak=u(0, 0.2),
                     v_threshold=u(0.3, 0.6), v_reset=u(-0.2, 0.1))
    if kind == "CubaLI":
        return typed("CubaLI", (n,), tau_syn=u(2e-4, 5e-4), tau_mem=u(3e-4, 1e-3), r=u(1, 3),
                     v_leak=u(-0.1, 0.1), w_in=u(1, 2))
    return typed("CubaLIF", (n,), tau_syn=u(2e-4, 5e-4), tau_mem=u(2e-4, 5e-4), r=u(2, 4),
                 v_leak=u(0, 0.1), v_threshold=u(0.2, 0.5), v_reset=u(-0.1, 0.1), w_in=u(1, 2))


def node_kind(kind, rng):
    if kind == "linear":
        return single("linear", linear(rng.normal(0, 0.5, (5, 6))), (6,), (5,))
    if kind == "scale":
        return single("scale", {"type": "Scale", "scale": f32(rng.uniform(-2, 2, 6))}, (6,), (6,))
    if kind == "threshold":
        return single("threshold", typed("Threshold", (6,), threshold=f32(rng.uniform(0.2, 0.8, 6))),
                      (6,), (6,))
    if kind in ("i", "if", "li", "lif", "cubali", "cubalif"):
        name = {"i": "I", "if": "IF", "li": "LI", "lif": "LIF", "cubali": "CubaLI",
                "cubalif": "CubaLIF"}[kind]
        return single(kind, neuron(name, rng), (4,), (4,))
    if kind == "conv1d":
        conv = {"type": "Conv1d", "input_shape": np.int64(10),
                "weight": f32(rng.normal(0, 0.5, (3, 2, 3))), "stride": np.int64(1),
                "padding": "same", "dilation": np.int64(1), "groups": np.int64(1),
                "bias": f32(rng.normal(0, 0.1, 3))}
        return single("conv", conv, (2, 10), (3, 10))
    if kind == "conv2d":
        conv = {"type": "Conv2d", "input_shape": shape_of(7, 7),
                "weight": f32(rng.normal(0, 0.5, (4, 1, 3, 3))), "stride": shape_of(1, 1),
                "padding": "same", "dilation": shape_of(2, 2), "groups": np.int64(2),
                "bias": f32(rng.normal(0, 0.1, 4))}
        return single("conv", conv, (2, 7, 7), (4, 7, 7))
    if kind in ("avgpool2d", "sumpool2d"):
        pool = {"type": "AvgPool2d" if kind == "avgpool2d" else "SumPool2d",
                "kernel_size": shape_of(3, 3), "stride": shape_of(2, 2), "padding": shape_of(1, 1)}
        return single("pool", pool, (2, 6, 6), (2, 3, 3))
    if kind == "flatten":
        flat = {"type": "Flatten", "input_type": shape_of(2, 3, 4),  # a dataset, NIR >= 1.0.7
                "start_dim": np.int64(1), "end_dim": np.int64(2)}
        return single("flatten", flat, (2, 3, 4), (2, 12))
    sys.exit("nir_writers.py: unknown kind node-" + kind)


def all_nodes(rng):
    n = 8
    nodes = {
        "input": io_node("Input", (16,)),
        "lin": linear(rng.normal(0.1, 0.3, (n, 16))),
        "aff": affine(rng.normal(0.05, 0.3, (n, 16)), rng.normal(0, 0.1, n)),
        "lif": typed("LIF", (n,), tau=f32(np.full(n, 3e-4)), r=f32(np.full(n, 2.0)),
                     v_leak=f32(np.zeros(n)), v_threshold=f32(np.full(n, 0.5)),
                     v_reset=f32(np.zeros(n))),
        "if": neuron("IF", rng, n),
        "sc": {"type": "Scale", "scale": f32(rng.uniform(0.5, 1.5, n))},
        "thr": typed("Threshold", (n,), threshold=f32(rng.uniform(0.0, 0.5, n))),
        "integ": neuron("I", rng, n),
        "cuba": neuron("CubaLIF", rng, n),
        "li": neuron("LI", rng, n),
        "output": io_node("Output", (n,)),
    }
    edges = [("input", "lin"), ("input", "aff"), ("lin", "lif"), ("lin", "if"), ("lif", "sc"),
             ("aff", "thr"), ("thr", "integ"), ("sc", "cuba"), ("thr", "cuba"), ("if", "cuba"),
             ("cuba", "li"), ("integ", "li"), ("li", "output")]
    return graph(nodes, edges, {"dt": 1e-4, "time_steps": np.int64(10)})


def bad(kind, rng):
    inp, out = io_node("Input", (6,)), io_node("Output", (4,))
    lin = linear(rng.normal(0, 0.5, (4, 6)))
    if kind == "unknown-node":
        delay = {"type": "Delay", "delay": f32(np.full(6, 2e-4))}
        return graph({"input": inp, "delay": delay, "output": io_node("Output", (6,))},
                     chain("input", "delay", "output"))
    if kind == "missing-field":
        return graph({"input": inp, "lin": {"type": "Linear"}, "output": out},
                     chain("input", "lin", "output"))
    if kind == "edge":
        return graph({"input": inp, "lin": lin, "output": out},
                     chain("input", "lin", "output") + [("lin", "ghost")])
    if kind == "shape":
        return graph({"input": inp, "aff": affine(np.ones((4, 7)), np.zeros(4)), "output": out},
                     chain("input", "aff", "output"))
    if kind == "no-input":
        return graph({"lin": lin, "output": out}, chain("lin", "output"))
    if kind == "cycle":
        a = linear(rng.normal(0, 0.3, (6, 6)))
        b = {"type": "Scale", "scale": f32(np.full(6, 0.5))}
        return graph({"input": inp, "a": a, "b": b, "output": io_node("Output", (6,))},
                     [("input", "a"), ("a", "b"), ("b", "a"), ("a", "output")])
    if kind == "type":
        lin["type"] = np.int64(3)
        return graph({"input": inp, "lin": lin, "output": out}, chain("input", "lin", "output"))
    sys.exit("nir_writers.py: unknown kind bad-" + kind)


KINDS = ["sinabs-cnn", "snntorch-rcuba", "snntorch-rcuba-nested", "old-lif", "all-nodes"] + \
    ["node-" + k for k in ("linear", "scale", "threshold", "i", "if", "li", "lif", "cubali",
                           "cubalif", "conv1d", "conv2d", "avgpool2d", "sumpool2d", "flatten")] + \
    ["bad-" + k for k in ("unknown-node", "missing-field", "edge", "shape", "no-input",
                          "cycle", "type")] + ["not-hdf5"]


def main():
    args = sys.argv[1:]
    if args == ["--list"]:
        print("\n".join(KINDS))
        return
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2 or args[0] not in KINDS:
        sys.exit(__doc__)
    kind, path = args
    rng = np.random.default_rng(seed)
    if kind == "not-hdf5":
        with open(path, "w") as f:
            f.write("this is not an HDF5 file, only text named .nir\n")
    elif kind == "old-lif":
        write(path, old_lif(rng), version="0.1.1", compress=False, fixed=True)
    elif kind.startswith("node-"):
        write(path, node_kind(kind[5:], rng))
    elif kind.startswith("bad-"):
        write(path, bad(kind[4:], rng))
    else:
        builders = {"sinabs-cnn": sinabs_cnn, "snntorch-rcuba": snntorch_rcuba,
                    "snntorch-rcuba-nested": snntorch_rcuba_nested, "all-nodes": all_nodes}
        write(path, builders[kind](rng))


if __name__ == "__main__":
    main()
