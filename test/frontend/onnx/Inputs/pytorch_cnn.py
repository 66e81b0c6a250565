# Exports a small CNN (Conv+BatchNorm+Relu, grouped and depthwise Conv, MaxPool,
# AveragePool with ceil_mode, adaptive average pooling, x.view(x.size(0), -1), Concat,
# Dropout, Linear, LogSoftmax) with torch.onnx.export at several opsets, with a static
# and a dynamic batch, runs it with `snnc run` and compares with PyTorch.
# Usage: pytorch_cnn.py SNNC WORKDIR
import os, subprocess, sys
import numpy as np, torch
import torch.nn.functional as F

snnc, work = sys.argv[1], sys.argv[2]
torch.manual_seed(0)


class CNN(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(8)
        self.c2 = torch.nn.Conv2d(8, 8, 3, groups=4, padding=1, stride=2)
        self.dw = torch.nn.Conv2d(8, 8, 3, groups=8, padding=1)
        self.drop = torch.nn.Dropout(0.3)
        self.fc = torch.nn.Linear(8 * 4 * 4 + 8, 10)

    def forward(self, x):
        h = torch.relu(self.bn(self.c1(x)))
        h = F.max_pool2d(h, 2)
        h = torch.sigmoid(self.c2(h)) + self.dw(F.avg_pool2d(h, 2, ceil_mode=True))
        g = F.adaptive_avg_pool2d(h, 1).flatten(1)
        h = torch.cat([h.view(h.size(0), -1), g], dim=1)
        return torch.log_softmax(self.fc(self.drop(h)), dim=1)


model = CNN().eval()
with torch.no_grad():
    model.bn.running_mean.uniform_(-1, 1)
    model.bn.running_var.uniform_(0.5, 2)
for opset, dynamic in [(11, False), (13, True), (17, True)]:
    path = os.path.join(work, f'cnn_{opset}_{dynamic}.onnx')
    torch.onnx.export(model, torch.randn(2, 3, 16, 16), path, opset_version=opset,
                      input_names=['x'], output_names=['y'],
                      dynamic_axes={'x': {0: 'N'}, 'y': {0: 'N'}} if dynamic else None)
    x = torch.randn(5 if dynamic else 2, 3, 16, 16)
    xin, yout = os.path.join(work, 'x.npy'), os.path.join(work, 'y.npy')
    np.save(xin, x.numpy())
    subprocess.run([snnc, 'run', path, '--input', xin, '--output', yout], check=True)
    y = np.load(yout)
    ref = model(x).detach().numpy()
    # Float32 with differently ordered sums: 1e-4 relative to the output scale.
    err = float(np.abs(y - ref).max() / np.abs(ref).max())
    print(f'opset {opset} dynamic {dynamic}: shape {list(y.shape)} '
          f'{"OK" if y.shape == ref.shape and err < 1e-4 else "MISMATCH"} ({err:.1e})')
