#!/usr/bin/python3
"""Builds a LeNet-style ANN and a TSSL-BP SNN in PyTorch, exports both to ONNX.

Usage: make_models.py OUTDIR. Writes lenet.onnx, snn.onnx, their inputs (*_x.npy) and
PyTorch's outputs (*_y.npy): the ANN's logits [N, 10] and the SNN's output-layer PSP
traces [N, classes, T], which is what `snnc run` writes.

The SNN follows the spec (tssl-bp.md §1 neuron, §2 layers) and the `snn` ONNX profile
(architecture.md §2): PSP on the input, Conv/Gemm synapses without bias, LIF neurons,
pooling as AveragePool + Mul by 1.1·k². The ONNX graph describes one time step; in
PyTorch the forward pass runs the T-step recurrence, so the reference is independent
of how snnc unrolls the graph.
"""
import os
import warnings
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

T = 5
TAU_M, TAU_S, THRESHOLD = 5.0, 3.0, 1.0


class PSPFn(torch.autograd.Function):
    """One step of the synaptic filter; exported as snn::PSP."""

    @staticmethod
    def forward(ctx, x, prev, tau_s):
        return (1.0 - 1.0 / tau_s) * prev + x / tau_s

    @staticmethod
    def symbolic(g, x, prev, tau_s):
        out = g.op("snn::PSP", x, tau_s_f=tau_s)
        out.setType(x.type())
        return out


class LIFFn(torch.autograd.Function):
    """One step of the spec's LIF neuron, returning (a_t, v_t); exported as snn::LIF
    (whose state lives in the compiler's unrolled recurrence, not in the graph)."""

    @staticmethod
    def forward(ctx, current, v_prev, a_prev, tau_m, tau_s, threshold):
        u = (1.0 - 1.0 / tau_m) * v_prev + current          # potential before reset
        o = (u > threshold).to(current.dtype)               # strict '>'
        v = (1.0 - o) * u                                    # hard reset
        a = (1.0 - 1.0 / tau_s) * a_prev + o / tau_s         # output PSP trace
        return a, v

    @staticmethod
    def symbolic(g, current, v_prev, a_prev, tau_m, tau_s, threshold):
        out = g.op("snn::LIF", current, tau_m_f=tau_m, tau_s_f=tau_s,
                   threshold_f=threshold, output_s="psp")
        out.setType(current.type())
        # The second result (membrane state) is internal: the graph only uses `a`.
        return out, out


class PSP(nn.Module):
    def __init__(self):
        super().__init__()
        self.state = None

    def forward(self, x):
        prev = torch.zeros_like(x) if self.state is None else self.state
        self.state = PSPFn.apply(x, prev, TAU_S)
        return self.state


class LIF(nn.Module):
    def __init__(self):
        super().__init__()
        self.v = self.a = None

    def forward(self, current):
        if self.v is None:
            self.v, self.a = torch.zeros_like(current), torch.zeros_like(current)
        self.a, self.v = LIFFn.apply(current, self.v, self.a, TAU_M, TAU_S, THRESHOLD)
        return self.a


class SNN(nn.Module):
    """PSP - 8C3 - LIF - P2 - 16C3 - LIF - P2 - dense 10 - LIF, on 1x14x14 inputs."""

    def __init__(self):
        super().__init__()
        self.psp = PSP()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1, bias=False)
        self.lif1 = LIF()
        self.conv2 = nn.Conv2d(8, 16, 3, bias=False)
        self.lif2 = LIF()
        self.fc = nn.Linear(16 * 2 * 2, 10, bias=False)
        self.lif3 = LIF()

    def reset(self):
        for m in (self.psp, self.lif1, self.lif2, self.lif3):
            m.__init__()

    def forward(self, x):
        """One time step (what the ONNX graph describes)."""
        x = self.lif1(self.conv1(self.psp(x)))
        x = F.avg_pool2d(x, 2, count_include_pad=False) * (1.1 * 2 * 2)
        x = self.lif2(self.conv2(x))
        x = F.avg_pool2d(x, 2, count_include_pad=False) * (1.1 * 2 * 2)
        return self.lif3(self.fc(torch.flatten(x, 1)))

    def run(self, x, steps):
        """The T-step recurrence on a static input: output PSP traces [N, 10, T]."""
        self.reset()
        out = torch.stack([self.forward(x) for _ in range(steps)], dim=-1)
        self.reset()
        return out


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def export(model, x, path, snn):
    kwargs = dict(input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
                  opset_version=13, do_constant_folding=True)
    if snn:
        kwargs["custom_opsets"] = {"snn": 1}
        kwargs["operator_export_type"] = torch.onnx.OperatorExportTypes.ONNX_FALLTHROUGH
    model.eval()
    torch.onnx.export(model, (x,), path, **kwargs)
    proto = onnx.load(path)
    if snn:
        entry = proto.metadata_props.add()
        entry.key, entry.value = "snn.time_steps", str(T)
    onnx.save(proto, path)


def main():
    warnings.simplefilter("ignore")
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    np.random.seed(0)

    lenet = LeNet().eval()
    x = torch.randn(3, 1, 28, 28)
    with torch.no_grad():
        y = lenet(x)
    export(lenet, x, os.path.join(out, "lenet.onnx"), snn=False)
    np.save(os.path.join(out, "lenet_x.npy"), x.numpy())
    np.save(os.path.join(out, "lenet_y.npy"), y.numpy())

    snn = SNN().eval()
    with torch.no_grad():
        # Larger weights than the default init, so every layer spikes.
        for m in (snn.conv1, snn.conv2, snn.fc):
            m.weight.mul_(2.5)
        x = torch.randn(4, 1, 14, 14)
        y = snn.run(x, T)
        export(snn, x, os.path.join(out, "snn.onnx"), snn=True)
    np.save(os.path.join(out, "snn_x.npy"), x.numpy())
    np.save(os.path.join(out, "snn_y.npy"), y.numpy())
    if float(y.abs().sum()) == 0.0:
        sys.exit("make_models.py: the SNN's output layer never spikes; raise the weights")


if __name__ == "__main__":
    main()
