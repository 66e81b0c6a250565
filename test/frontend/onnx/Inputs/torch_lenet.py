#!/usr/bin/python3
"""Exports a PyTorch LeNet (Conv+BatchNorm, ReLU, max pooling, x.view(x.size(0), -1),
dropout, biases) with a dynamic batch: torch_lenet.py OUT.onnx."""
import sys

import torch
import torch.nn as nn


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(1, 6, 5, padding=2), nn.BatchNorm2d(6)
        self.c2 = nn.Conv2d(6, 16, 5)
        self.f1, self.f2, self.drop = nn.Linear(400, 120), nn.Linear(120, 10), nn.Dropout(0.2)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.b1(self.c1(x))), 2)
        x = torch.max_pool2d(torch.relu(self.c2(x)), 2)
        x = x.view(x.size(0), -1)
        return self.f2(self.drop(torch.relu(self.f1(x))))


torch.manual_seed(0)
torch.onnx.export(LeNet().eval(), torch.randn(1, 1, 28, 28), sys.argv[1], opset_version=13,
                  input_names=["x"], output_names=["y"],
                  dynamic_axes={"x": {0: "N"}, "y": {0: "N"}})
