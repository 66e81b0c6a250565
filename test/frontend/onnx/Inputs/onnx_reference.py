#!/usr/bin/python3
"""numpy reference of the test models: onnx_reference.py MODEL.onnx X.npy Y.npy.

Evaluates the graph with the few ops the fixtures use and compares with snnc's output
(1e-5 relative + 1e-6 absolute: float32 sums of a few dozen terms). An ANN gives the
graph output; a model with snn nodes runs T steps (metadata snn.time_steps, default 5)
with the neuron state of TSSL-BP §1 and gives the output stacked as [N, C, T].
Prints 'match'.
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def conv(x, w, pads, strides):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    oh = (x.shape[2] - kh) // strides[0] + 1
    ow = (x.shape[3] - kw) // strides[1] + 1
    y = np.zeros((n, f, oh, ow), np.float64)
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i * strides[0]:i * strides[0] + kh, j * strides[1]:j * strides[1] + kw]
            y[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return y


def run(model, x, state=None):
    env = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    env[model.graph.input[0].name] = x.astype(np.float64)
    for node in model.graph.node:
        a, i = attrs(node), [env[n] for n in node.input]
        op = node.op_type
        if op == "PSP":
            tau_s = a.get("tau_s", 3.0)
            y = state.get(node.name, 0) * (1 - 1 / tau_s) + i[0] / tau_s
            state[node.name] = y
        elif op == "LIF":
            tau_m, tau_s = a.get("tau_m", 5.0), a.get("tau_s", 3.0)
            v, trace = state.get(node.name, (0, 0))
            u = v + (i[0] - v / tau_m)
            o = (u > a.get("threshold", 1.0)).astype(np.float64)
            trace = trace * (1 - 1 / tau_s) + o / tau_s
            state[node.name] = ((1 - o) * u, trace)
            y = o if a.get("output", b"psp") in (b"spikes", "spikes") else trace
        elif op == "Mul":
            y = i[0] * i[1]
        elif op == "AveragePool":
            k = a["kernel_shape"]
            n, c, h, w = i[0].shape
            y = i[0][:, :, :h // k[0] * k[0], :w // k[1] * k[1]].reshape(
                n, c, h // k[0], k[0], w // k[1], k[1]).mean(axis=(3, 5))
        elif op == "MatMul":
            y = i[0] @ i[1]
        elif op == "Gemm":
            b = i[1].T if a.get("transB", 0) else i[1]
            y = a.get("alpha", 1.0) * i[0] @ b + (a.get("beta", 1.0) * i[2] if len(i) > 2 else 0)
        elif op == "Relu":
            y = np.maximum(i[0], 0)
        elif op == "Softmax":
            e = np.exp(i[0] - i[0].max(axis=a.get("axis", -1), keepdims=True))
            y = e / e.sum(axis=a.get("axis", -1), keepdims=True)
        elif op == "Flatten":
            y = i[0].reshape(i[0].shape[0], -1)
        elif op == "Conv":
            y = conv(i[0], i[1], a.get("pads", [0] * 4), a.get("strides", [1, 1]))
            if len(i) > 2:
                y += i[2].reshape(1, -1, 1, 1)
        elif op == "BatchNormalization":
            r = lambda v: v.reshape(1, -1, 1, 1)
            y = r(i[1]) * (i[0] - r(i[3])) / np.sqrt(r(i[4]) + a.get("epsilon", 1e-5)) + r(i[2])
        elif op == "MaxPool":
            k = a["kernel_shape"]
            n, c, h, w = i[0].shape
            y = i[0][:, :, :h // k[0] * k[0], :w // k[1] * k[1]].reshape(
                n, c, h // k[0], k[0], w // k[1], k[1]).max(axis=(3, 5))
        else:
            raise SystemExit("reference: no numpy version of " + op)
        env[node.output[0]] = y
    return env[model.graph.output[0].name]


def run_snn(model, x):
    props = {p.key: p.value for p in model.metadata_props}
    state = {}
    steps = [run(model, x, state) for _ in range(int(props.get("snn.time_steps", 5)))]
    return np.stack(steps, axis=-1)


def main():
    model = onnx.load(sys.argv[1])
    x, got = np.load(sys.argv[2]), np.load(sys.argv[3])
    if any(node.domain == "snn" for node in model.graph.node):
        want = run_snn(model, x)
    else:
        batch = model.graph.input[0].type.tensor_type.shape.dim[0].dim_value or len(x)
        want = np.concatenate([run(model, x[s:s + batch]) for s in range(0, len(x), batch)])
    if got.shape != want.shape:
        raise SystemExit(f"shape {got.shape}, expected {want.shape}")
    if not np.allclose(got, want, rtol=1e-5, atol=1e-6):
        raise SystemExit(f"mismatch: max abs error {np.abs(got - want).max()}")
    print("match")


if __name__ == "__main__":
    main()
