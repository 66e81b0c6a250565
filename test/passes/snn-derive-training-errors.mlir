// Proves: what training does not support is rejected with a clear error naming the op.
// RUN: snn-opt %s -split-input-file --snn-derive-training -verify-diagnostics

// expected-error @+1 {{snn-derive-training needs a graph-level function @forward}}
module {
  func.func @other(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
    return %x : tensor<?x3xf32>
  }
}

// -----

snn.parameter @w = dense<0.1> : tensor<2x1x3x3xf32>
snn.parameter @fc = dense<0.1> : tensor<2x8xf32>
func.func @forward(%x: tensor<?x1x6x6xf32>, %w: tensor<2x1x3x3xf32> {snn.parameter = @w},
                   %fc: tensor<2x8xf32> {snn.parameter = @fc}) -> tensor<?x2xf32>
    attributes {snn.time_steps = 5 : i64} {
  %a = snn.psp %x : tensor<?x1x6x6xf32>
  // expected-error @+1 {{training supports unit-stride convolutions only}}
  %c = snn.synapse.conv2d %a, %w {strides = array<i64: 2, 2>} : tensor<?x1x6x6xf32>, tensor<2x1x3x3xf32> -> tensor<?x2x2x2xf32>
  %o1 = snn.lif %c : tensor<?x2x2x2xf32>
  %f = snn.flatten %o1 : tensor<?x2x2x2xf32> -> tensor<?x8xf32>
  %i = snn.synapse.dense %f, %fc : tensor<?x8xf32>, tensor<2x8xf32> -> tensor<?x2xf32>
  %o2 = snn.lif %i : tensor<?x2xf32>
  return %o2 : tensor<?x2xf32>
}
