#!/usr/bin/python3
"""Builds the small ONNX models of the frontend tests: onnx_models.py NAME OUT.

Weights are deterministic (seeded), so expected values can be written in the tests.
The format follows OUT's extension: .onnx binary, .onnxtxt text, .json protobuf JSON.
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from google.protobuf import json_format, text_format

rng = np.random.default_rng(0)


def init(name, *shape, scale=0.5, positive=False):
    values = rng.standard_normal(shape) * scale
    return numpy_helper.from_array((np.abs(values) if positive else values).astype(np.float32), name)


def model(nodes, inputs, outputs, inits=(), snn=True, steps=None, opset=13, ir=8):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(inits))
    opsets = [helper.make_opsetid("", opset)]
    if snn:
        opsets.append(helper.make_opsetid("snn", 1))
    m = helper.make_model(graph, opset_imports=opsets, producer_name="snnc-tests")
    m.ir_version = ir
    if steps is not None:
        helper.set_model_props(m, {"snn.time_steps": str(steps)})
    return m


def tensor(name, *dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(dims))


def snn_mlp():
    """PSP → Gemm(transB=1) → LIF → MatMul → LIF(spikes), T = 7, batch symbolic."""
    nodes = [
        helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn", tau_s=3.0),
        helper.make_node("Gemm", ["a", "w1"], ["i1"], "fc1", transB=1),
        helper.make_node("LIF", ["i1"], ["o1"], "lif1", domain="snn", tau_m=5.0, threshold=1.0),
        helper.make_node("MatMul", ["o1", "w2"], ["i2"], "fc2"),
        helper.make_node("LIF", ["i2"], ["y"], "lif2", domain="snn", output="spikes"),
    ]
    return model(nodes, [tensor("x", "N", 4)], [tensor("y", "N", 2)],
                 [init("w1", 3, 4, positive=True), init("w2", 3, 2, positive=True, scale=2.0)], steps=7)


def snn_cnn():
    """The layer string 8C3-P2-10 on 1x6x6 as an snn-profile graph (pool = AvgPool · 4.4)."""
    nodes = [
        helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn"),
        helper.make_node("Conv", ["a", "conv1"], ["c"], "conv1", kernel_shape=[3, 3]),
        helper.make_node("LIF", ["c"], ["o1"], "lif1", domain="snn"),
        helper.make_node("AveragePool", ["o1"], ["p"], "pool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Mul", ["p", "k"], ["q"], "scale"),
        helper.make_node("Flatten", ["q"], ["f"], "flatten"),
        helper.make_node("Gemm", ["f", "fc1"], ["i"], "fc1", transB=1),
        helper.make_node("LIF", ["i"], ["y"], "lif2", domain="snn"),
    ]
    k = numpy_helper.from_array(np.array(4.4, dtype=np.float32), "k")
    return model(nodes, [tensor("x", 1, 1, 6, 6)], [tensor("y", 1, 10)],
                 [init("conv1", 8, 1, 3, 3), init("fc1", 10, 32), k])


def snn_fmnist():
    """784-20-10 SNN for a short training run on Fashion-MNIST."""
    nodes = [
        helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn"),
        helper.make_node("Flatten", ["a"], ["f"], "flatten"),
        helper.make_node("Gemm", ["f", "fc1"], ["i1"], "fc1", transB=1),
        helper.make_node("LIF", ["i1"], ["o1"], "lif1", domain="snn"),
        helper.make_node("Gemm", ["o1", "fc2"], ["i2"], "fc2", transB=1),
        helper.make_node("LIF", ["i2"], ["y"], "lif2", domain="snn"),
    ]
    return model(nodes, [tensor("x", "N", 1, 28, 28)], [tensor("y", "N", 10)],
                 [init("fc1", 20, 784, scale=0.08), init("fc2", 10, 20, scale=0.5)], steps=5)


def ann_mlp():
    """Gemm(+bias) → Relu → Gemm(transB=0, +bias) → Softmax: an ordinary ANN."""
    nodes = [
        helper.make_node("Gemm", ["x", "w1", "b1"], ["h"], "fc1", transB=1),
        helper.make_node("Relu", ["h"], ["r"], "relu1"),
        helper.make_node("Gemm", ["r", "w2", "b2"], ["z"], "fc2"),
        helper.make_node("Softmax", ["z"], ["y"], "softmax", axis=1),
    ]
    return model(nodes, [tensor("x", 2, 4)], [tensor("y", 2, 3)],
                 [init("w1", 5, 4), init("b1", 5), init("w2", 5, 3), init("b2", 3)], snn=False)


def ann_cnn():
    """Conv → BatchNormalization → Relu → MaxPool → Flatten → Gemm on 1x6x6."""
    nodes = [
        helper.make_node("Conv", ["x", "cw"], ["c"], "conv1", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["c", "s", "b", "m", "v"], ["n"], "bn1"),
        helper.make_node("Relu", ["n"], ["r"], "relu1"),
        helper.make_node("MaxPool", ["r"], ["p"], "pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p"], ["f"], "flatten"),
        helper.make_node("Gemm", ["f", "fw"], ["y"], "fc1", transB=1),
    ]
    v = numpy_helper.from_array(np.full(4, 0.25, np.float32), "v")
    z = numpy_helper.from_array(np.zeros(4, np.float32), "b")
    m = numpy_helper.from_array(np.zeros(4, np.float32), "m")
    s = numpy_helper.from_array(np.linspace(0.5, 2.0, 4).astype(np.float32), "s")
    return model(nodes, [tensor("x", 1, 1, 6, 6)], [tensor("y", 1, 10)],
                 [init("cw", 4, 1, 3, 3), s, z, m, v, init("fw", 10, 36)], snn=False)


def ann_fmnist():
    """784-20-10 ANN with biases for --convert-ann fine-tuning."""
    nodes = [
        helper.make_node("Flatten", ["x"], ["f"], "flatten"),
        helper.make_node("Gemm", ["f", "fc1", "b1"], ["h"], "fc1", transB=1),
        helper.make_node("Relu", ["h"], ["r"], "relu1"),
        helper.make_node("Gemm", ["r", "fc2"], ["y"], "fc2", transB=1),
    ]
    b1 = numpy_helper.from_array(np.full(20, 0.01, np.float32), "b1")
    return model(nodes, [tensor("x", "N", 1, 28, 28)], [tensor("y", "N", 10)],
                 [init("fc1", 20, 784, scale=0.08), b1, init("fc2", 10, 20)], snn=False)


def faithful():
    """Attribute kinds, constants, an absent optional input, an unnamed node, a custom domain."""
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], "conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                         auto_pad="NOTSET", group=1),
        helper.make_node("LeakyRelu", ["c"], ["l"], alpha=0.25),
        helper.make_node("Constant", [], ["lim"], "lim", value_float=6.0),
        helper.make_node("Clip", ["l", "", "lim"], ["k"], "clip"),
        helper.make_node("Custom", ["k"], ["y"], "custom", domain="x.test", f=1.5, i=7, s="text",
                         fs=[0.5, 2.0], is_=[1, 2, 3], ss=["a", "b"],
                         t=numpy_helper.from_array(np.array([1, 2], np.int64))),
    ]
    m = model(nodes, [tensor("x", "N", 1, 4, 4)], [tensor("y", "N", 2, 4, 4)],
              [numpy_helper.from_array(np.ones((2, 1, 3, 3), np.float32), "w")], snn=False)
    m.opset_import.append(helper.make_opsetid("x.test", 3))
    return m


# Bad inputs: each is rejected with one line naming the node, the op and the reason.
def empty_graph():
    return model([], [tensor("x", 1, 4)], [tensor("x", 1, 4)])


def unknown_op():
    nodes = [helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn"),
             helper.make_node("Frobnicate", ["a"], ["y"], "frob", domain="snn")]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 4)])


def unsupported_op():
    nodes = [helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn"),
             helper.make_node("Sigmoid", ["a"], ["y"], "sig")]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 4)])


def unsupported_attr():
    nodes = [helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn"),
             helper.make_node("Conv", ["a", "w"], ["c"], "conv_g2", kernel_shape=[3, 3], group=2),
             helper.make_node("LIF", ["c"], ["y"], "lif", domain="snn")]
    return model(nodes, [tensor("x", 1, 2, 6, 6)], [tensor("y", 1, 2, 4, 4)], [init("w", 2, 1, 3, 3)])


def bad_lif_output():
    nodes = [helper.make_node("LIF", ["x"], ["y"], "lif", domain="snn", output="voltage")]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 4)])


def bias():
    nodes = [helper.make_node("PSP", ["x"], ["a"], "psp", domain="snn"),
             helper.make_node("Gemm", ["a", "w", "b"], ["i"], "fc_bias", transB=1),
             helper.make_node("LIF", ["i"], ["y"], "lif", domain="snn")]
    b = numpy_helper.from_array(np.ones(3, np.float32), "b")
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 3)], [init("w", 3, 4), b])


def initializer_mismatch():
    w = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[3, 4])
    w.float_data.extend([0.0] * 11)
    nodes = [helper.make_node("Gemm", ["x", "w"], ["y"], "fc1", transB=1)]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 3)], [w])


def initializer_input_mismatch():
    nodes = [helper.make_node("Gemm", ["x", "w"], ["y"], "fc1", transB=1)]
    return model(nodes, [tensor("x", 1, 4), tensor("w", 4, 3)], [tensor("y", 1, 3)],
                 [init("w", 3, 4)])


def conv_weight_rank2():
    """libonnx's Conv shape inference would crash on this weight."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], "conv", auto_pad="SAME_LOWER")]
    return model(nodes, [tensor("x", 1, 1, 5, 5), tensor("w", 1, 3)], [tensor("y", 1, 1, 5, 5)],
                 snn=False)


def weight_shape_mismatch():
    nodes = [helper.make_node("Gemm", ["x", "w"], ["y"], "fc1", transB=1)]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 3)], [init("w", 3, 5)])


def cycle():
    nodes = [helper.make_node("Relu", ["x", ], ["a"], "first"),
             helper.make_node("Add", ["a", "c"], ["b"], "add"),
             helper.make_node("Relu", ["b"], ["c"], "back")]
    return model(nodes, [tensor("x", 1, 4)], [tensor("c", 1, 4)], snn=False)


def missing_input():
    nodes = [helper.make_node("Add", ["x", "ghost"], ["y"], "add")]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 4)], snn=False)


def old_opset():
    nodes = [helper.make_node("Relu", ["x"], ["y"], "relu")]
    return model(nodes, [tensor("x", 1, 4)], [tensor("y", 1, 4)], snn=False, opset=9)


def no_opset():
    m = old_opset()
    del m.opset_import[:]
    return m


def no_graph():
    m = onnx.ModelProto()
    m.ir_version = 8
    m.opset_import.add().version = 13
    return m


MODELS = {f.__name__: f for f in [
    faithful, snn_mlp, snn_cnn, snn_fmnist, ann_mlp, ann_cnn, ann_fmnist, empty_graph, unknown_op,
    unsupported_op, unsupported_attr, bad_lif_output, bias, initializer_mismatch, initializer_input_mismatch, conv_weight_rank2,
    weight_shape_mismatch, cycle, missing_input, old_opset, no_opset, no_graph]}


def main():
    name, out = sys.argv[1], sys.argv[2]
    if name == "random_bytes":
        data = np.random.default_rng(1).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    elif name.startswith("truncated_"):
        data = MODELS[name[len("truncated_"):]]().SerializeToString()
        data = data[: len(data) * 2 // 3]
    else:
        m = MODELS[name]()
        if out.endswith(".onnxtxt") or out.endswith(".textproto"):
            data = text_format.MessageToString(m).encode()
        elif out.endswith(".json"):
            data = json_format.MessageToJson(m).encode()
        else:
            data = m.SerializeToString()
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
