# Writes ONNX node tests for the ANN op cases libonnx-testdata lacks (groups, dilations,
# ceil_mode, broadcasting, opset differences) in its layout: DIR/test_*/model.onnx and
# test_data_set_0/{input,output}_*.pb, expected outputs from PyTorch or NumPy.
# Usage: make_ann_models.py DIR
import os, glob, shutil, sys
import numpy as np, onnx, torch
import torch.nn.functional as F
from onnx import helper, numpy_helper, TensorProto

root = sys.argv[1]
shutil.rmtree(root, ignore_errors=True)
rng = np.random.default_rng(0)

def save(name, nodes, inputs, outputs, inits=(), opset=13):
    d = os.path.join(root, name); os.makedirs(os.path.join(d, 'test_data_set_0'))
    vi = lambda n, a: helper.make_tensor_value_info(n, TensorProto.FLOAT, a.shape)
    g = helper.make_graph(nodes, name, [vi(n, a) for n, a in inputs], [vi(n, a) for n, a in outputs],
                          [numpy_helper.from_array(a, n) for n, a in inits])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid('', opset)])
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(d, 'model.onnx'))
    for i, (n, a) in enumerate(inputs):
        open(os.path.join(d, 'test_data_set_0', f'input_{i}.pb'), 'wb').write(numpy_helper.from_array(a, n).SerializeToString())
    for i, (n, a) in enumerate(outputs):
        open(os.path.join(d, 'test_data_set_0', f'output_{i}.pb'), 'wb').write(numpy_helper.from_array(a, n).SerializeToString())

f32 = lambda *s: rng.standard_normal(s).astype(np.float32)
T = torch.from_numpy

# Conv: groups, depthwise, dilations, bias, asymmetric pads, SAME_LOWER, initializer weights.
for name, (n, c, h, w), (m, k), kw in [
    ('conv_group2', (2, 4, 7, 6), (6, 3), dict(group=2, pads=[1, 0, 1, 0], strides=[2, 1])),
    ('conv_depthwise', (1, 3, 5, 5), (3, 3), dict(group=3, pads=[1, 1, 1, 1])),
    ('conv_depthwise_mult2', (1, 3, 5, 5), (6, 3), dict(group=3)),
    ('conv_dilated', (1, 2, 9, 8), (4, 3), dict(dilations=[2, 3], strides=[1, 2])),
    ('conv_asym_pads_bias', (2, 3, 6, 6), (5, 3), dict(pads=[0, 1, 2, 1], strides=[2, 2])),
]:
    g = kw.get('group', 1)
    x = f32(n, c, h, w); wt = f32(m, c // g, k, k); b = f32(m)
    p = kw.get('pads', [0, 0, 0, 0])
    xp = F.pad(T(x), (p[1], p[3], p[0], p[2]))
    y = F.conv2d(xp, T(wt), T(b), stride=kw.get('strides', [1, 1]), dilation=kw.get('dilations', [1, 1]), groups=g).numpy()
    node = helper.make_node('Conv', ['x', 'w', 'b'], ['y'], **kw)
    save('test_ann_' + name, [node], [('x', x)], [('y', y)], inits=[('w', wt), ('b', b)])

# SAME_LOWER / SAME_UPPER with stride 2 on even size (asymmetric total padding).
x = f32(1, 2, 7, 7); wt = f32(3, 2, 4, 4)
for mode, (lo, hi) in [('SAME_UPPER', (1, 2)), ('SAME_LOWER', (2, 1))]:
    y = F.conv2d(F.pad(T(x), (lo, hi, lo, hi)), T(wt), stride=2).numpy()
    save('test_ann_conv_' + mode.lower(), [helper.make_node('Conv', ['x', 'w'], ['y'], auto_pad=mode, strides=[2, 2])],
         [('x', x), ('w', wt)], [('y', y)])

# MaxPool with dilations + pads, ceil_mode; AveragePool ceil + count_include_pad.
x = f32(1, 2, 8, 8)
y = F.max_pool2d(T(x), 3, stride=2, padding=1, dilation=2).numpy()
save('test_ann_maxpool_dilated_pads', [helper.make_node('MaxPool', ['x'], ['y'], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], dilations=[2, 2])], [('x', x)], [('y', y)], opset=12)
x = f32(1, 2, 7, 7)
y = F.max_pool2d(T(x), 2, stride=2, ceil_mode=True).numpy()
save('test_ann_maxpool_ceil', [helper.make_node('MaxPool', ['x'], ['y'], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1)], [('x', x)], [('y', y)])
for cip in (0, 1):
    y = F.avg_pool2d(T(x), 3, stride=2, padding=1, ceil_mode=True, count_include_pad=bool(cip)).numpy()
    save(f'test_ann_avgpool_ceil_pads_cip{cip}', [helper.make_node('AveragePool', ['x'], ['y'], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1, count_include_pad=cip)], [('x', x)], [('y', y)])
x = f32(2, 3, 5, 4)
save('test_ann_globalaveragepool', [helper.make_node('GlobalAveragePool', ['x'], ['y'])], [('x', x)], [('y', x.mean(axis=(2, 3), keepdims=True))])

# 1-D windows: grouped dilated Conv with pads, AveragePool counting padding, MaxPool ceil.
x = f32(2, 4, 11); wt = f32(6, 2, 3); b = f32(6)
y = F.conv1d(F.pad(T(x), (2, 1)), T(wt), T(b), stride=2, dilation=2, groups=2).numpy()
save('test_ann_conv1d_group_dilated', [helper.make_node('Conv', ['x', 'w', 'b'], ['y'], group=2, pads=[2, 1], strides=[2], dilations=[2])],
     [('x', x)], [('y', y)], inits=[('w', wt), ('b', b)])
y = F.avg_pool1d(T(x), 3, stride=2, padding=1, count_include_pad=True).numpy()
save('test_ann_avgpool1d_cip', [helper.make_node('AveragePool', ['x'], ['y'], kernel_shape=[3], strides=[2], pads=[1, 1], count_include_pad=1)], [('x', x)], [('y', y)])
y = F.max_pool1d(T(x), 2, stride=2, ceil_mode=True).numpy()
save('test_ann_maxpool1d_ceil', [helper.make_node('MaxPool', ['x'], ['y'], kernel_shape=[2], strides=[2], ceil_mode=1)], [('x', x)], [('y', y)])

# Unsqueeze (opset 11 attribute, 13 input) and Squeeze of data.
x = f32(3, 4)
save('test_ann_unsqueeze_opset11', [helper.make_node('Unsqueeze', ['x'], ['y'], axes=[0, 3])], [('x', x)], [('y', x[None, :, :, None])], opset=11)
save('test_ann_unsqueeze_squeeze_opset13', [helper.make_node('Unsqueeze', ['x', 'a'], ['u']), helper.make_node('Squeeze', ['u', 's'], ['y'])],
     [('x', x)], [('y', x[:, None, :])], inits=[('a', np.array([1, -1], np.int64)), ('s', np.array([3], np.int64))])

# MatMul broadcasting and 1-D operands.
for name, sa, sb in [('bcast', (3, 1, 2, 4), (5, 4, 6)), ('vec_mat', (4,), (2, 4, 3)), ('mat_vec', (2, 3, 4), (4,)), ('vec_vec', (4,), (4,))]:
    a = f32(*sa); b = f32(*sb)
    save('test_ann_matmul_' + name, [helper.make_node('MatMul', ['a', 'b'], ['y'])], [('a', a), ('b', b)], [('y', np.matmul(a, b).astype(np.float32))])

# Gemm: transA+transB, alpha/beta, column bias [M, 1].
a = f32(4, 3); b = f32(5, 4); c = f32(3, 1)
save('test_ann_gemm_transAB_colbias', [helper.make_node('Gemm', ['a', 'b', 'c'], ['y'], transA=1, transB=1, alpha=0.5, beta=-2.0)],
     [('a', a), ('b', b), ('c', c)], [('y', (0.5 * a.T @ b.T - 2.0 * c).astype(np.float32))], opset=11)

# Softmax: opset 11 coerced 2-D with axis 1 on 4-D input; opset 13 axis 1.
x = f32(2, 3, 4, 2) * 5
def softmax(v, axes):
    e = np.exp(v - v.max(axis=axes, keepdims=True)); return (e / e.sum(axis=axes, keepdims=True)).astype(np.float32)
save('test_ann_softmax_opset11_axis1', [helper.make_node('Softmax', ['x'], ['y'])], [('x', x)], [('y', softmax(x, (1, 2, 3)))], opset=11)
save('test_ann_softmax_opset11_axis_neg1', [helper.make_node('Softmax', ['x'], ['y'], axis=-1)], [('x', x)], [('y', softmax(x, (3,)))], opset=11)
save('test_ann_softmax_opset13_axis1', [helper.make_node('Softmax', ['x'], ['y'], axis=1)], [('x', x)], [('y', softmax(x, (1,)))], opset=13)

# BatchNorm opset 9-style (opset 11) and 15 with initializers; Dropout 11/12; Concat 3 inputs.
x = f32(2, 3, 4, 5); s, bb, mu = f32(3), f32(3), f32(3); var = np.abs(f32(3)) + 0.1
ref = ((x - mu[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-3) * s[None, :, None, None] + bb[None, :, None, None]).astype(np.float32)
for opset in (11, 15):
    save(f'test_ann_batchnorm_opset{opset}', [helper.make_node('BatchNormalization', ['x', 's', 'b', 'm', 'v'], ['y'], epsilon=1e-3)],
         [('x', x)], [('y', ref)], inits=[('s', s), ('b', bb), ('m', mu), ('v', var)], opset=opset)
save('test_ann_dropout_opset11', [helper.make_node('Dropout', ['x'], ['y'], ratio=0.3)], [('x', x)], [('y', x)], opset=11)
save('test_ann_dropout_opset12_ratio', [helper.make_node('Dropout', ['x', 'r'], ['y'])], [('x', x)], [('y', x)], inits=[('r', np.array(0.3, np.float32))], opset=12)
a, b, c = f32(2, 1, 3), f32(2, 4, 3), f32(2, 2, 3)
save('test_ann_concat_three', [helper.make_node('Concat', ['a', 'b', 'c'], ['y'], axis=-2)], [('a', a), ('b', b), ('c', c)], [('y', np.concatenate([a, b, c], axis=1))])

# Reshape node tests with the shape input turned into an initializer (the supported form).
for src in sorted(glob.glob('/usr/share/libonnx-testdata/data/node/test_reshape_*')):
    m = onnx.load(os.path.join(src, 'model.onnx'))
    shape = onnx.load_tensor(os.path.join(src, 'test_data_set_0', 'input_1.pb'))
    shape.name = m.graph.input[1].name
    m.graph.initializer.append(shape)
    del m.graph.input[1]
    d = os.path.join(root, 'test_ann_const_' + os.path.basename(src)[5:]); os.makedirs(os.path.join(d, 'test_data_set_0'))
    onnx.save(m, os.path.join(d, 'model.onnx'))
    shutil.copy(os.path.join(src, 'test_data_set_0', 'input_0.pb'), os.path.join(d, 'test_data_set_0', 'input_0.pb'))
    shutil.copy(os.path.join(src, 'test_data_set_0', 'output_0.pb'), os.path.join(d, 'test_data_set_0', 'output_0.pb'))

# A small LeNet-like chain with a dynamic batch (Conv-Relu-MaxPool-Flatten-Gemm-Softmax).
x = f32(3, 1, 12, 12); w1 = f32(4, 1, 3, 3); b1 = f32(4); w2 = f32(10, 4 * 5 * 5); b2 = f32(10)
h = F.max_pool2d(F.relu(F.conv2d(T(x), T(w1), T(b1))), 2).reshape(3, -1)
y = torch.softmax(h @ T(w2).T + T(b2), dim=1).numpy()
nodes = [helper.make_node('Conv', ['x', 'w1', 'b1'], ['c']), helper.make_node('Relu', ['c'], ['r']),
         helper.make_node('MaxPool', ['r'], ['p'], kernel_shape=[2, 2], strides=[2, 2]),
         helper.make_node('Flatten', ['p'], ['f']), helper.make_node('Gemm', ['f', 'w2', 'b2'], ['g'], transB=1),
         helper.make_node('Softmax', ['g'], ['y'], axis=1)]
save('test_ann_lenet_chain', nodes, [('x', x)], [('y', y)], inits=[('w1', w1), ('b1', b1), ('w2', w2), ('b2', b2)])
