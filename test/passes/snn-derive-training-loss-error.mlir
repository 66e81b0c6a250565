// Proves: an unknown loss name is rejected before anything is generated.
// RUN: snn-opt %s '--snn-derive-training=loss=mse' -verify-diagnostics

// expected-error @+1 {{unknown loss 'mse' (expected kernel or count)}}
module {
  snn.parameter @fc = dense<0.1> : tensor<2x3xf32>
  func.func @forward(%x: tensor<?x3xf32>, %w: tensor<2x3xf32> {snn.parameter = @fc}) -> tensor<?x2xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x3xf32>
    %i = snn.synapse.dense %a, %w : tensor<?x3xf32>, tensor<2x3xf32> -> tensor<?x2xf32>
    %o = snn.lif %i : tensor<?x2xf32>
    return %o : tensor<?x2xf32>
  }
}
