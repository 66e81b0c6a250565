// Proves: every training op of the dialect parses, prints and re-parses unchanged.
// RUN: snn-opt %s | snn-opt | FileCheck %s

// CHECK-LABEL: func.func @training_ops
// CHECK: %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} = snn.lif.seq.save %{{.+}} {tau_m = 8.000000e+00 : f32} : tensor<5x?x4xf32>
// CHECK: snn.lif.seq.grad %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<5x?x4xf32>
// CHECK: snn.loss.kernel %{{.+}}, %{{.+}} : tensor<5x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
// CHECK: snn.loss.count %{{.+}}, %{{.+}} {desired = 4.000000e+00 : f32, undesired = 1.000000e+00 : f32} : tensor<5x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
// CHECK: snn.synapse.dense.grad_input %{{.+}}, %{{.+}} : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
// CHECK: snn.synapse.dense.grad_weight %{{.+}}, %{{.+}} : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<4x3xf32>
// CHECK: snn.synapse.conv2d.grad_input %{{.+}}, %{{.+}} {pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf32>, tensor<2x1x3x3xf32> -> tensor<?x1x6x6xf32>
// CHECK: snn.synapse.conv2d.grad_weight %{{.+}}, %{{.+}} {pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf32>, tensor<?x1x6x6xf32> -> tensor<2x1x3x3xf32>
// CHECK: snn.bias.grad %{{.+}} : tensor<?x4xf32> -> tensor<4xf32>
// CHECK: snn.bias.grad %{{.+}} : tensor<?x2x6x6xf32> -> tensor<2xf32>
// CHECK: snn.pool.sum.grad %{{.+}} {kernel = array<i64: 2, 2>, scale = 2.000000e+00 : f32} : tensor<?x2x3x3xf32> -> tensor<?x2x6x7xf32>
// CHECK: snn.psp.held.grad %{{.+}} {tau_s = 4.000000e+00 : f32} : tensor<5x?x4xf32> -> tensor<?x4xf32>
// CHECK: snn.dropout.seq %{{.+}}, %{{.+}} {rate = 2.000000e-01 : f32, stream = 3 : i64} : tensor<5x?x4xf32>
func.func @training_ops(%i: tensor<5x?x4xf32>, %t: tensor<?x4xf32>, %rows: tensor<?x4xf32>,
                        %w: tensor<4x3xf32>, %x: tensor<?x3xf32>, %dc: tensor<?x2x6x6xf32>,
                        %wc: tensor<2x1x3x3xf32>, %xc: tensor<?x1x6x6xf32>, %dp: tensor<?x2x3x3xf32>,
                        %seed: i64) {
  %out, %u, %du, %o, %a = snn.lif.seq.save %i {tau_m = 8.0 : f32} : tensor<5x?x4xf32>
  %d = snn.lif.seq.grad %out, %u, %du, %o, %a : tensor<5x?x4xf32>
  %l1, %g1 = snn.loss.kernel %out, %t : tensor<5x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
  %l2, %g2 = snn.loss.count %out, %t {desired = 4.0 : f32, undesired = 1.0 : f32} : tensor<5x?x4xf32>, tensor<?x4xf32> -> tensor<f32>
  %dx = snn.synapse.dense.grad_input %rows, %w : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  %dw = snn.synapse.dense.grad_weight %rows, %x : tensor<?x4xf32>, tensor<?x3xf32> -> tensor<4x3xf32>
  %dxc = snn.synapse.conv2d.grad_input %dc, %wc {pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf32>, tensor<2x1x3x3xf32> -> tensor<?x1x6x6xf32>
  %dwc = snn.synapse.conv2d.grad_weight %dc, %xc {pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf32>, tensor<?x1x6x6xf32> -> tensor<2x1x3x3xf32>
  %db = snn.bias.grad %rows : tensor<?x4xf32> -> tensor<4xf32>
  %dbc = snn.bias.grad %dc : tensor<?x2x6x6xf32> -> tensor<2xf32>
  %dpx = snn.pool.sum.grad %dp {kernel = array<i64: 2, 2>, scale = 2.0 : f32} : tensor<?x2x3x3xf32> -> tensor<?x2x6x7xf32>
  %held = snn.psp.held.grad %i {tau_s = 4.0 : f32} : tensor<5x?x4xf32> -> tensor<?x4xf32>
  %drop = snn.dropout.seq %out, %seed {rate = 0.2 : f32, stream = 3 : i64} : tensor<5x?x4xf32>
  return
}
