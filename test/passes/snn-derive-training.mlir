// snn-derive-training: the TSSL-BP training function generated from the forward one.
// RUN: snn-opt %s -split-input-file --snn-derive-training | FileCheck %s
// RUN: snn-opt %s -split-input-file '--snn-derive-training=loss=count desired=4 undesired=1' | FileCheck %s --check-prefix=COUNT

// Proves: train_step(input, target, seed, params...) returns (loss, traces, dL/dconv, dL/dfc):
// the forward is scheduled layer by layer with neurons keeping their state
// (lif.seq.save), the kernel loss is taken on the time-major output against the target,
// and the backward runs in reverse: output neuron gradient, dense input and weight
// gradients (the weight gradient sees the flattened pooled rows), the inverse of the
// flatten, the pooling gradient, the hidden neuron gradient, the conv weight gradient
// against the PSP-filtered input; no gradient flows into the input encoding (no conv
// input gradient). The forward function is unchanged.
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: -> tensor<?x4xf32>
// CHECK: snn.lif %{{.+}} : tensor<?x4xf32>
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x1x6x6xf32>, %[[TARGET:[^:]+]]: tensor<?x4xf32>, %{{[^:]+}}: i64, %[[WC:[^:]+]]: tensor<2x1x3x3xf32> {snn.parameter = @conv1}, %[[WF:[^:]+]]: tensor<4x8xf32> {snn.parameter = @fc1})
// CHECK-SAME: -> (tensor<f32>, tensor<?x4x5xf32>, tensor<2x1x3x3xf32>, tensor<4x8xf32>)
// CHECK: %[[PSP:.+]] = snn.psp.seq
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %[[PSP]]
// CHECK: snn.synapse.conv2d %[[ROWS]], %[[WC]]
// CHECK: %[[H:.+]], %[[HU:.+]], %[[HDU:.+]], %[[HO:.+]], %[[HA:.+]] = snn.lif.seq.save
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %{{.+}} {{\[\[}}0, 1], [2]] : tensor<5x?x8xf32> into tensor<?x8xf32>
// CHECK: snn.synapse.dense %[[FLAT]], %[[WF]]
// CHECK: %[[OUT:.+]], %[[U:.+]], %[[DU:.+]], %[[O:.+]], %[[A:.+]] = snn.lif.seq.save %{{.+}} : tensor<5x?x4xf32>
// CHECK: %[[TRACES:.+]] = snn.time.to_traces %[[OUT]]
// CHECK: %[[LOSS:.+]], %[[G:.+]] = snn.loss.kernel %[[OUT]], %[[TARGET]] : tensor<5x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
// CHECK: %[[D2:.+]] = snn.lif.seq.grad %[[G]], %[[U]], %[[DU]], %[[O]], %[[A]] : tensor<5x?x4xf32>
// CHECK: %[[D2ROWS:.+]] = tensor.collapse_shape %[[D2]]
// CHECK: %[[DX:.+]] = snn.synapse.dense.grad_input %[[D2ROWS]], %[[WF]]
// CHECK: %[[DWF:.+]] = snn.synapse.dense.grad_weight %[[D2ROWS]], %[[FLAT]] : tensor<?x4xf32>, tensor<?x8xf32> -> tensor<4x8xf32>
// CHECK: snn.reshape %{{.+}} : tensor<?x8xf32> -> tensor<?x2x2x2xf32>
// CHECK: snn.pool.sum.grad %{{.+}} {kernel = array<i64: 3, 3>} : tensor<?x2x2x2xf32> -> tensor<?x2x6x6xf32>
// CHECK: %[[D1:.+]] = snn.lif.seq.grad %{{.+}}, %[[HU]], %[[HDU]], %[[HO]], %[[HA]] : tensor<5x?x2x6x6xf32>
// CHECK-NOT: snn.synapse.conv2d.grad_input
// CHECK: %[[DWC:.+]] = snn.synapse.conv2d.grad_weight %{{.+}}, %[[ROWS]] {pads = array<i64: 1, 1, 1, 1>}
// CHECK: return %[[LOSS]], %[[TRACES]], %[[DWC]], %[[DWF]]
// COUNT: snn.loss.count %{{.+}}, %{{.+}} {desired = 4.000000e+00 : f32, undesired = 1.000000e+00 : f32}
snn.parameter @conv1 = dense<0.1> : tensor<2x1x3x3xf32>
snn.parameter @fc1 = dense<0.1> : tensor<4x8xf32>
func.func @forward(%x: tensor<?x1x6x6xf32>, %wc: tensor<2x1x3x3xf32> {snn.parameter = @conv1},
                   %wf: tensor<4x8xf32> {snn.parameter = @fc1}) -> tensor<?x4xf32>
    attributes {snn.time_steps = 5 : i64} {
  %a = snn.psp %x : tensor<?x1x6x6xf32>
  %c = snn.synapse.conv2d %a, %wc {pads = array<i64: 1, 1, 1, 1>} : tensor<?x1x6x6xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x6x6xf32>
  %o1 = snn.lif %c : tensor<?x2x6x6xf32>
  %p = snn.pool.sum %o1 {kernel = array<i64: 3, 3>} : tensor<?x2x6x6xf32> -> tensor<?x2x2x2xf32>
  %f = snn.flatten %p : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %i = snn.synapse.dense %f, %wf : tensor<?x8xf32>, tensor<4x8xf32> -> tensor<?x4xf32>
  %o2 = snn.lif %i : tensor<?x4xf32>
  return %o2 : tensor<?x4xf32>
}

// -----

// Proves: a dropout becomes snn.dropout.seq on the time-major [T, N, F] trace (one mask
// per sample shared over T, drawn from the seed argument, stream 0), and its gradient is
// the same masked op applied to the incoming gradient, between the two neuron gradients.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: %{{[^:]+}}: tensor<?x3xf32>, %{{[^:]+}}: tensor<?x2xf32>, %[[SEED:[^:]+]]: i64,
// CHECK: %[[H:.+]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} = snn.lif.seq.save %{{.+}} : tensor<5x?x4xf32>
// CHECK: %[[D:.+]] = snn.dropout.seq %[[H]], %[[SEED]] {rate = 2.500000e-01 : f32, stream = 0 : i64} : tensor<5x?x4xf32>
// CHECK: tensor.collapse_shape %[[D]]
// CHECK: snn.loss.kernel
// CHECK: %[[G2:.+]] = snn.synapse.dense.grad_input
// CHECK: %[[GD:.+]] = tensor.expand_shape %[[G2]]
// CHECK: %[[GH:.+]] = snn.dropout.seq %[[GD]], %[[SEED]] {rate = 2.500000e-01 : f32, stream = 0 : i64} : tensor<5x?x4xf32>
// CHECK: snn.lif.seq.grad %[[GH]]
snn.parameter @fc1 = dense<0.1> : tensor<4x3xf32>
snn.parameter @fc2 = dense<0.1> : tensor<2x4xf32>
func.func @forward(%x: tensor<?x3xf32>, %w1: tensor<4x3xf32> {snn.parameter = @fc1},
                   %w2: tensor<2x4xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 5 : i64} {
  %a = snn.psp %x : tensor<?x3xf32>
  %i1 = snn.synapse.dense %a, %w1 : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x4xf32>
  %o1 = snn.lif %i1 : tensor<?x4xf32>
  %d = snn.dropout %o1 {rate = 0.25 : f32} : tensor<?x4xf32>
  %i2 = snn.synapse.dense %d, %w2 : tensor<?x4xf32>, tensor<2x4xf32> -> tensor<?x2xf32>
  %o2 = snn.lif %i2 : tensor<?x2xf32>
  return %o2 : tensor<?x2xf32>
}

// -----

// Proves: a bias is trained like a weight: the schedule applies snn.bias to all T·N rows
// of the synapse result, the gradient passes through it unchanged to the synapse, its
// gradient is
// snn.bias.grad of the neuron's gradient over all T·N rows, and it is returned in argument order
// (conv weight, conv bias, dense weight, dense bias).
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: %[[WC:[^:]+]]: tensor<2x1x3x3xf32> {snn.parameter = @conv1}, %[[BC:[^:]+]]: tensor<2xf32> {snn.parameter = @conv1.bias}, %[[WF:[^:]+]]: tensor<3x8xf32> {snn.parameter = @fc1}, %[[BF:[^:]+]]: tensor<3xf32> {snn.parameter = @fc1.bias})
// CHECK-SAME: -> (tensor<f32>, tensor<?x3x5xf32>, tensor<2x1x3x3xf32>, tensor<2xf32>, tensor<3x8xf32>, tensor<3xf32>)
// CHECK: snn.synapse.conv2d %{{.+}}, %[[WC]]
// CHECK: snn.bias %{{.+}}, %[[BC]] : tensor<?x2x2x2xf32>, tensor<2xf32>
// CHECK: snn.synapse.dense %{{.+}}, %[[WF]]
// CHECK: snn.bias %{{.+}}, %[[BF]] : tensor<?x3xf32>, tensor<3xf32>
// CHECK: %[[D2:.+]] = snn.lif.seq.grad
// CHECK: %[[D2ROWS:.+]] = tensor.collapse_shape %[[D2]]
// CHECK-NOT: snn.lif.seq.grad
// CHECK: %[[DBF:.+]] = snn.bias.grad %[[D2ROWS]] : tensor<?x3xf32> -> tensor<3xf32>
// CHECK: snn.synapse.dense.grad_input %{{.+}}, %[[WF]]
// CHECK: %[[DWF:.+]] = snn.synapse.dense.grad_weight
// CHECK: %[[D1:.+]] = snn.lif.seq.grad
// CHECK: %[[D1ROWS:.+]] = tensor.collapse_shape %[[D1]]
// CHECK: %[[DBC:.+]] = snn.bias.grad %[[D1ROWS]] : tensor<?x2x2x2xf32> -> tensor<2xf32>
// CHECK: %[[DWC:.+]] = snn.synapse.conv2d.grad_weight
// CHECK: return %{{.+}}, %{{.+}}, %[[DWC]], %[[DBC]], %[[DWF]], %[[DBF]]
snn.parameter @conv1 = dense<0.1> : tensor<2x1x3x3xf32>
snn.parameter @conv1.bias = dense<[0.5, -0.5]> : tensor<2xf32>
snn.parameter @fc1 = dense<0.1> : tensor<3x8xf32>
snn.parameter @fc1.bias = dense<0.2> : tensor<3xf32>
func.func @forward(%x: tensor<?x1x4x4xf32>, %wc: tensor<2x1x3x3xf32> {snn.parameter = @conv1},
                   %bc: tensor<2xf32> {snn.parameter = @conv1.bias},
                   %wf: tensor<3x8xf32> {snn.parameter = @fc1},
                   %bf: tensor<3xf32> {snn.parameter = @fc1.bias}) -> tensor<?x3xf32>
    attributes {snn.time_steps = 5 : i64} {
  %a = snn.psp %x : tensor<?x1x4x4xf32>
  %c = snn.synapse.conv2d %a, %wc : tensor<?x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x2x2xf32>
  %cb = snn.bias %c, %bc : tensor<?x2x2x2xf32>, tensor<2xf32>
  %o1 = snn.lif %cb : tensor<?x2x2x2xf32>
  %f = snn.flatten %o1 : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %i = snn.synapse.dense %f, %wf : tensor<?x8xf32>, tensor<3x8xf32> -> tensor<?x3xf32>
  %ib = snn.bias %i, %bf : tensor<?x3xf32>, tensor<3xf32>
  %o2 = snn.lif %ib : tensor<?x3xf32>
  return %o2 : tensor<?x3xf32>
}
