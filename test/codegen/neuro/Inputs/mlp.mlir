// A 4-3-2 spiking MLP with hand-chosen weights (zeros included), for the neuro pass tests.
module {
  snn.parameter @fc1 = dense<[[0.6, -0.3, 0.0, 0.9], [0.0, 0.3, 0.3, 0.0], [-0.6, 0.0, 0.9, 0.3]]> : tensor<3x4xf32>
  snn.parameter @fc2 = dense<[[1.5, 0.0, -0.75], [0.0, 0.75, 0.75]]> : tensor<2x3xf32>
  func.func @forward(%x: tensor<?x4xf32>, %w1: tensor<3x4xf32> {snn.parameter = @fc1},
                     %w2: tensor<2x3xf32> {snn.parameter = @fc2}) -> tensor<?x2xf32>
      attributes {snn.time_steps = 5 : i64} {
    %a = snn.psp %x : tensor<?x4xf32>
    %i1 = snn.synapse.dense %a, %w1 : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x3xf32>
    %o1 = snn.lif %i1 : tensor<?x3xf32>
    %d = snn.dropout %o1 {rate = 0.5 : f32} : tensor<?x3xf32>
    %i2 = snn.synapse.dense %d, %w2 : tensor<?x3xf32>, tensor<2x3xf32> -> tensor<?x2xf32>
    %o2 = snn.lif %i2 : tensor<?x2xf32>
    return %o2 : tensor<?x2xf32>
  }
}
